"""Options and error handling shared by the command modules."""
from __future__ import annotations

import functools
import sys

import click

from ..errors import ArmstrackError
from ..settings import FIELDS, Settings
from ..store import is_postgres
from ..store.errors import db_errors

DB_HELP = ("the store: an SQLite file (default ./armstrack.db) or a PostgreSQL URL, "
           "postgresql://user@host/db")


def db_option(fn):
    return click.option("--db", default="armstrack.db", show_default=True, envvar="ARMSTRACK_DB",
                        help=DB_HELP)(fn)


def kb_option(fn):
    return click.option("--kb", "kb_dirs", multiple=True, type=click.Path(exists=True),
                        envvar="ARMSTRACK_KB_DIRS",
                        help="extra knowledge-base folder or file; adds or overrides entries")(fn)


def gathers_settings(fn=None, **fixed):
    """Gather the command's options that are fields of `Settings` (--db, --kb, --scope,
    --workers, --dask, --encoding, --max-bytes, --allow-private, and their environment
    variables) into one `settings` argument: the run's Settings is built here, once, and the
    command passes it down whole. `fixed` sets fields the command has no option for (extract
    parses everything: scope="all").

    Each command keeps its own options: their help and defaults differ (watch's --max-bytes
    limits a fetch, ingest's a file) and docs/cli.md documents them per command."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            given = {name: kwargs.pop(name) for name in FIELDS if name in kwargs}
            if "db" in kwargs:
                given["store_url"] = kwargs.pop("db")
            return fn(*args, settings=Settings(**{**fixed, **given}), **kwargs)
        return wrapper
    return decorate if fn is None else decorate(fn)


def progress_bar(total: int | None, label: str):
    """A per-article tqdm bar on stderr when stderr is a terminal (None otherwise, or when
    `total` is None: --quiet), so piped and redirected output is never garbled."""
    if total is None or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: a single-threaded parent can fork --workers
    return tqdm(total=total, desc=label, unit="article", file=sys.stderr, leave=False, dynamic_ncols=True)


def error_printer(bar):
    """Print `error: LINE` on stderr, above the bar when there is one."""
    def on_error(line: str) -> None:
        if bar is not None:
            bar.write(f"error: {line}", file=sys.stderr)
        else:
            click.echo(f"error: {line}", err=True)
    return on_error


def existing_store(db: str):
    """Open the store a read command names; a store that does not exist is an error, so a
    mistyped --db never creates an empty one (issue 11)."""
    import os

    from ..errors import StoreError
    from ..store import open_store

    path = db.removeprefix("sqlite:///")
    if path != ":memory:" and not is_postgres(path) and not os.path.exists(path):
        raise StoreError(f"no store {db}: the file does not exist (check --db or ARMSTRACK_DB; "
                         "armstrack ingest creates one)")
    store = open_store(db)
    context = click.get_current_context(silent=True)
    if context is not None:
        # closed when the command ends, whichever way (a server's connection is not left open)
        context.call_on_close(store.close)
    return store


def friendly(fn):
    """Turn armstrack's own errors, and the store's, into one line and exit code 1."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ArmstrackError as exc:
            raise click.ClickException(str(exc)) from exc
        except db_errors() as exc:
            from ..store.errors import explain

            raise click.ClickException(explain(exc, str(kwargs.get("db") or "armstrack.db"))) from exc
    return wrapper
