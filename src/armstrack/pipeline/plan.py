"""Where extraction runs: in this process, in worker processes (`workers`) or on a Dask
cluster (`distributed`); the results are the same and come in input order."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..records import Article, Event
from ..settings import Settings, takes_settings
from .distributed import extract_distributed
from .extract import _nlp, batches, extract_batch
from .workers import extract_parallel


@takes_settings("kb_dirs", "scope", "workers", scope="all")
def extract_safely(articles: Iterable[Article], *, settings: Settings, batch_size: int = 32
                   ) -> Iterator[tuple[Article, list[Event] | Exception]]:
    """Events for many articles, parsed in batches (nlp.pipe) for speed; an article whose parse
    or extraction raises comes with the exception instead, and the rest go on. The settings'
    `scope` is the relevance gate's (armstrack.gate; "all" unless told); `workers` > 1 parses
    in that many processes."""
    for article, events, _ in extract_planned(articles, settings=settings, batch_size=batch_size):
        yield article, events


@takes_settings("kb_dirs", "scope", "workers", "dask", scope="all")
def extract_planned(articles: Iterable[Article], *, settings: Settings, batch_size: int = 32
                    ) -> Iterator[tuple[Article, list[Event] | Exception, bool]]:
    """As `extract_safely`, with a third item: whether the gate kept any of the article from
    the parser. Results come in the order of `articles` whatever `workers` is. `dask` (a
    scheduler address, "local:N" or a dask.distributed Client) runs the extraction on a Dask
    cluster instead (armstrack.pipeline.distributed)."""
    if settings.dask is not None:
        yield from extract_distributed(articles, settings=settings, batch_size=batch_size)
        return
    if settings.workers > 1:
        yield from extract_parallel(articles, settings=settings, batch_size=batch_size)
        return
    nlp = _nlp(settings.kb_dirs)
    for batch in batches(articles, batch_size):
        yield from extract_batch(nlp, batch, batch_size=batch_size, settings=settings)


@takes_settings("kb_dirs", scope="all")
def extract_articles(articles: Iterable[Article], *, settings: Settings,
                     batch_size: int = 32) -> Iterator[tuple[Article, list[Event]]]:
    """Events for many articles, parsed in batches (nlp.pipe) for speed; raises what fails."""
    for article, events in extract_safely(articles, settings=settings, batch_size=batch_size):
        if isinstance(events, Exception):
            raise events
        yield article, events
