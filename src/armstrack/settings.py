"""The options of one run, built once and passed down (issue 22: `kb_dirs` alone was threaded by
hand through about 54 signatures, and a new option through six functions from ingest down to
Dask).

The CLI builds a `Settings` from its options (`cli.options.gathers_settings`), the web app from
its own (`web.app.create_app`, for the ingest jobs); `pipeline/` and `eval/` pass it down. The
stages below them (the gate, nlp, resolve, extract) take the plain value they need, a tuple of
knowledge-base folders, never this object: the layers contract in pyproject.toml puts this
module right under `pipeline`, so import-linter fails a stage that reaches for it. It is a
module of its own rather than part of `pipeline/` because every command imports it, and
importing `armstrack.pipeline` loads spaCy.
"""
from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class Settings:
    """What a run of the pipeline is told: which knowledge base, what the gate parses, where the
    parsing runs, which store, and how sources are read. Frozen, so a worker pool can be kept
    per setting; it pickles, so spawned workers and Dask can be sent one (`for_workers`)."""

    kb_dirs: tuple[str, ...] = ()     # extra knowledge-base folders or files, later ones override
    scope: str = "transfers"          # the relevance gate's: "transfers" or "all" (armstrack.gate)
    workers: int = 1                  # parsing processes; > 1 is a pool (pipeline.workers)
    # a Dask cluster: "local:N" or a scheduler address (pipeline.distributed); a library caller
    # may give a running dask.distributed Client, which `for_workers` leaves behind
    dask: str | None = None
    store_url: str = "armstrack.db"   # the store (--db): an SQLite file or a PostgreSQL URL
    encoding: str | None = None       # of the sources read (None: UTF-8, or what a BOM says)
    max_bytes: int | None = None      # largest source read or fetched (None: the reader's own limit)
    allow_private: bool = False       # fetch URLs on private, loopback and link-local addresses

    def __post_init__(self) -> None:
        # click gives a tuple, callers lists or Paths: one spelling, so that equal settings
        # compare and hash alike (the pool a watcher keeps is found by them)
        object.__setattr__(self, "kb_dirs", tuple(str(d) for d in self.kb_dirs))

    def for_workers(self) -> Settings:
        """What a worker process needs: the knowledge base and the scope. Not the store (a
        PostgreSQL URL may carry a password, and Dask ships a task's arguments over the
        network) nor the cluster (a Client does not pickle)."""
        return Settings(kb_dirs=self.kb_dirs, scope=self.scope)


FIELDS = tuple(f.name for f in fields(Settings))


def takes_settings(*names: str, **defaults):
    """Let a function that takes `settings=` still be called the way it was before there was a
    Settings, with the fields `names` as keywords (`ingest(paths, store, kb_dirs=..., workers=2)`):
    they make the Settings, over `defaults` where the function's own defaults differ from
    Settings' (`extract_planned` parses everything: scope="all"). Both `settings=` and such a
    keyword is a TypeError, so that neither is silently ignored."""
    unknown = set(names) - set(FIELDS)
    if unknown:
        raise TypeError(f"not fields of Settings: {sorted(unknown)}")
    default = Settings(**defaults)

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, settings: Settings | None = None, **kwargs):
            given = {name: kwargs.pop(name) for name in names if name in kwargs}
            if settings is None:
                settings = replace(default, **given)
            elif given:
                raise TypeError(f"{fn.__qualname__}() was given settings= and {', '.join(given)}=; "
                                "give one or the other")
            return fn(*args, settings=settings, **kwargs)

        # help() and IDEs show the keywords the wrapper takes, with their defaults
        signature = inspect.signature(fn)
        params = [p.replace(default=None, annotation="Settings | None") if p.name == "settings" else p
                  for p in signature.parameters.values()]
        at = next(i for i, p in enumerate(params) if p.name == "settings") + 1
        params[at:at] = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=getattr(default, name))
                         for name in names]
        wrapper.__signature__ = signature.replace(parameters=params)
        return wrapper
    return decorate
