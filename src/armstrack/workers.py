"""Parse on several cores: batches of articles go to N worker processes, results come back in
the order the articles came in, and the caller (one process) writes them.

Extraction is a pure function of an article, so this changes where the work runs, never what
it finds. Workers start by spawn (no forked copy of the parent's SQLite connection or threads)
and each loads the spaCy pipeline and the gate once. At most `2 x workers` batches are in
flight, so a long folder is read as the work goes, not all at once.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator

from .records import Article, Event

_STATE: dict = {}


def _start(kb_dirs: tuple[str, ...], scope: str, batch_size: int) -> None:
    from .pipeline import _nlp

    _STATE.update(nlp=_nlp(kb_dirs), kb_dirs=kb_dirs, scope=scope, batch_size=batch_size)
    if scope != "all":
        from .gate import gate

        gate(kb_dirs)


def _work(batch: list[Article]) -> list[tuple[Article, list[Event] | tuple[str, str], bool]]:
    from .pipeline import extract_batch

    out = []
    for article, events, gated in extract_batch(_STATE["nlp"], batch, batch_size=_STATE["batch_size"],
                                                scope=_STATE["scope"], kb_dirs=_STATE["kb_dirs"]):
        if isinstance(events, Exception):  # sent as its name and message: any exception pickles
            events = (type(events).__name__, str(events))
        out.append((article, events, gated))
    return out


def _failure(name: str, message: str) -> Exception:
    """An exception that prints like the one the worker caught (error lines name its type)."""
    return type(name, (Exception,), {})(message)


def extract_parallel(articles: Iterable[Article], *, kb_dirs: Iterable[str] = (), batch_size: int = 32,
                     scope: str = "all", workers: int = 2
                     ) -> Iterator[tuple[Article, list[Event] | Exception, bool]]:
    """`pipeline.extract_planned` over `workers` processes, in the order of `articles`."""
    from .pipeline import batches

    kb = tuple(str(d) for d in kb_dirs)
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_start, initargs=(kb, scope, batch_size)) as pool:
        flight: deque = deque()
        source = iter(batches(articles, batch_size))
        done = False
        while True:
            while not done and len(flight) < 2 * workers:
                batch = next(source, None)
                if batch is None:
                    done = True
                    break
                flight.append(pool.apply_async(_work, (batch,)))
            if not flight:
                break
            for article, events, gated in flight.popleft().get():
                if isinstance(events, tuple):
                    events = _failure(*events)
                yield article, events, gated
