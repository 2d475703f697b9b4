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
    """`pipeline.extract_planned` over `workers` processes, in the order of `articles`.

    The gate runs here first: an article it skips whole never crosses to a worker (most of a
    news feed), and the workers get batches of the rest."""
    from .pipeline import batches

    kb = tuple(str(d) for d in kb_dirs)
    g = None
    if scope != "all":
        from .gate import gate

        g = gate(kb)

    def skipped(article: Article) -> bool:
        try:
            return g is not None and g.plan(article.text, scope=scope).skipped
        except Exception:  # noqa: BLE001 - the worker gates it again and copes
            return False

    def tagged() -> Iterator[tuple[Article, bool]]:
        for article in articles:
            yield article, skipped(article)

    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_start, initargs=(kb, scope, batch_size)) as pool:
        # each step: its articles in input order, and the parse of those the gate did not skip
        flight: deque = deque()
        source = iter(tagged())
        done = False
        while True:
            while not done and len(flight) < 2 * workers:
                step: list[tuple[Article, bool]] = []
                for article, skip in source:
                    step.append((article, skip))
                    parsed = sum(1 for _, s in step if not s)
                    if parsed >= batch_size or len(step) >= 8 * batch_size:
                        break
                else:
                    done = True
                batch = [a for a, s in step if not s]
                if step:
                    flight.append((step, pool.apply_async(_work, (batch,)) if batch else None))
            if not flight:
                break
            step, pending = flight.popleft()
            results = iter(pending.get() if pending is not None else [])
            for article, skip in step:
                if skip:
                    yield article, [], True
                    continue
                article, events, gated = next(results)
                if isinstance(events, tuple):
                    events = _failure(*events)
                yield article, events, gated
