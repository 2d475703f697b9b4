"""Parse on several cores: batches of articles go to N worker processes, results come back in
the order the articles came in, and the caller (one process) writes them.

Extraction is a pure function of an article, so this changes where the work runs, never what
it finds. Each worker gates, parses and extracts whole batches (`extract_batch`, the function
one process runs), so the parent only reads and writes. At most `8 x workers` batches are in
flight, so a long folder is read as the work goes, not all at once.

Workers start by fork when the parent has no thread but its main one: the parent loads the
spaCy pipeline and the gate once and every worker shares that copy (copy on write), so a pool
starts in a fraction of a second instead of a spawn and a model load per worker (about 3 s).
Nothing a worker inherits is used twice: it never touches the parent's store connection or
HTTP client, and leaves through `os._exit`, which closes nothing of theirs. With other threads
running (a fork copies only the calling one, and a lock another holds would stay locked in
the child) workers are spawned and load the pipeline themselves. `pool()` keeps one pool for
many calls (a feed watcher's lifetime).
"""
from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from .. import faults
from ..gate import gate
from ..records import Article, Event
from ..settings import Settings
from .extract import _nlp, batches, extract_batch

Result = tuple[Article, "list[Event] | Exception", bool]
TASK_ARTICLES = 16   # articles per task: enough that most carry a parse (the gate skips most news)


@lru_cache(maxsize=4)
def ready(kb_dirs: tuple[str, ...], scope: str):
    """The spaCy pipeline (and the gate, unless `scope` is "all") of this process, loaded on
    first use and kept: a worker, whatever runs it, loads them once."""
    nlp = _nlp(kb_dirs)
    if scope != "all":
        gate(kb_dirs)
    return nlp


def work(batch: list[Article], settings: Settings, batch_size: int
         ) -> list[tuple[Article, list[Event] | tuple[str, str], bool]]:
    """`extract.extract_batch` in a worker, with `settings.for_workers()`; an exception comes
    back as its type's name and message (any exception pickles so)."""
    faults.point("in-batch", about=lambda: "\n".join(a.source or a.id for a in batch))
    out = []
    for article, events, gated in extract_batch(ready(settings.kb_dirs, settings.scope), batch,
                                                batch_size=batch_size, settings=settings):
        if isinstance(events, Exception):
            events = (type(events).__name__, str(events))
        out.append((article, events, gated))
    return out


class BatchLost(Exception):
    """A batch that came back with no result (every Dask worker that ran it died, or the
    cluster lost it). Each of its articles carries this one exception, so that a run reports
    the batch in one line and stores the other batches."""

    def __init__(self, batch: list[Article], cause: BaseException):
        self.size = len(batch)
        first, last = (batch[0].source or batch[0].id), (batch[-1].source or batch[-1].id)
        said = " ".join(str(cause).split())
        said = said.split(". ")[0].rstrip(".")[:200]  # KilledWorker goes on about worker logs
        super().__init__(f"batch of {self.size} article(s) lost ({first}" + (f" ... {last}" if self.size > 1 else "")
                         + f"): {type(cause).__name__}" + (f": {said}" if said else ""))


def unpack(results: list) -> Iterator[Result]:
    """What `work` returned, with each failure an exception again."""
    for article, events, gated in results:
        yield article, _failure(*events) if isinstance(events, tuple) else events, gated


def _failure(name: str, message: str) -> Exception:
    """An exception that prints like the one the worker caught (error lines name its type)."""
    return type(name, (Exception,), {})(message)


def _start(settings: Settings) -> None:
    ready(settings.kb_dirs, settings.scope)


def start_method() -> str:
    """"fork" when it is safe here (see the module's docstring), else "spawn"."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


class Pool:
    """`settings.workers` worker processes for one knowledge base and scope."""

    def __init__(self, settings: Settings):
        self.workers, self.settings = settings.workers, settings.for_workers()
        method = start_method()
        if method == "fork":
            _start(self.settings)  # loaded once here, shared by every worker
        self.pool = multiprocessing.get_context(method).Pool(
            self.workers, initializer=_start, initargs=(self.settings,))

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()

    def extract(self, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Result]:
        """`plan.extract_planned` over the workers, in the order of `articles`."""
        def submit(batch: list[Article]):
            return self.pool.apply_async(work, (batch, self.settings, batch_size)).get

        # eight batches a worker in flight: a long article holding up the head of the line does
        # not leave the other workers idle (a batch's results are a few kilobytes)
        yield from in_order(articles, submit, limit=8 * self.workers, batch_size=batch_size)


def in_order(articles: Iterable[Article], submit, *, limit: int, batch_size: int) -> Iterator[Result]:
    """Batches of `articles` through `submit(batch) -> wait`, where `wait()` returns what
    `work` did with the batch; at most `limit` batches in flight (the input is read as the
    work goes), results in input order."""
    flight: deque = deque()
    for batch in batches(articles, max(batch_size, TASK_ARTICLES)):
        flight.append(submit(batch))
        while len(flight) >= limit:
            yield from unpack(flight.popleft()())
    while flight:
        yield from unpack(flight.popleft()())


_KEPT: dict | None = None   # while `pool()` is open: settings -> Pool, reused by every call


@contextmanager
def pool() -> Iterator[None]:
    """Within this block every `extract_parallel` with the same settings uses one pool, which
    is closed at its end (a feed watcher polls many times; each poll's batch would otherwise
    start and load its workers anew)."""
    global _KEPT
    outer, _KEPT = _KEPT, {} if _KEPT is None else _KEPT
    try:
        yield
    finally:
        if outer is None:
            for kept in _KEPT.values():
                kept.close()
        _KEPT = outer


def extract_parallel(articles: Iterable[Article], *, settings: Settings, batch_size: int = 32
                     ) -> Iterator[Result]:
    """`plan.extract_planned` over `settings.workers` processes, in the order of `articles`."""
    if _KEPT is not None:
        # what the workers load, and how many: a pool serves any settings that agree on these
        key = (settings.workers, settings.for_workers())
        if key not in _KEPT:
            _KEPT[key] = Pool(settings)
        yield from _KEPT[key].extract(articles, batch_size=batch_size)
        return
    own = Pool(settings)
    try:
        yield from own.extract(articles, batch_size=batch_size)
    finally:
        own.close()
