"""Sources -> store: ingest and reprocess, one transaction an article, claims updated as each
article lands; a bad source costs one line, never the batch."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import claims, faults
from ..errors import IngestError, StoreError
from ..gate import mark_gated
from ..ingest import read_sources
from ..ingest.fetch import is_url, known_url
from ..records import Article
from ..settings import Settings, takes_settings
from ..store.base import Store
from ..store.errors import FATAL, db_errors, error_kind, explain
from .plan import extract_planned
from .workers import BatchLost


@dataclass
class IngestReport:
    """What one ingest run did: counts, and one line per source that failed."""

    read: int = 0
    added: int = 0
    duplicates: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)
    resumed: int = 0        # articles whose claims update an earlier, killed run left unfinished
    redated: int = 0        # stored articles a dated copy gave their missing date
    lost: int = 0           # articles of batches a Dask cluster lost (one error line a batch)
    undated: int = 0        # articles added with no date: no metadata, header line or dated dateline
    skipped: dict[str, int] = field(default_factory=dict)   # files of other kinds in folders, by suffix

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        types = ", ".join(f"{n} {t}" for t, n in sorted(self.by_type.items())) or "none"
        extra = (f"; finished the claims of {self.resumed} article(s) an interrupted run left"
                 if self.resumed else "") + (f"; dated {self.redated} stored article(s)" if self.redated else "") + \
            (f"; {self.lost} article(s) of lost batches not stored (run again to retry them)" if self.lost else "") + \
            (f"; {self.undated} article(s) undated, their relative dates ('on Tuesday', 'last month') left "
             "unresolved (a first line 'date: YYYY-MM-DD' dates one)" if self.undated else "") + \
            (f"; {sum(self.skipped.values())} file(s) of other kinds left out of folders "
             f"({', '.join(f'{n} {s}' for s, n in sorted(self.skipped.items()))}; a folder gives its "
             ".txt, .html and .jsonl files)" if self.skipped else "")
        return (f"{self.added} article(s) added, {self.duplicates} already stored, "
                f"{len(self.errors)} failed; {self.events} event(s): {types}{extra}")


def _store_error(store: Store, exc: BaseException) -> str:
    return explain(exc, getattr(store, "path", "?"), timeout=getattr(store, "timeout", 30.0))


def finish_claims(store: Store) -> int:
    """Update the claims of stored articles whose update a kill cut off; returns how many."""
    pending = getattr(store, "claims_pending", None)
    ids = pending() if pending else []
    for article_id in ids:
        claims.update_for_article(store, article_id, refresh=True)
    return len(ids)


@takes_settings("kb_dirs", "encoding", "max_bytes", "scope", "workers", "dask", "allow_private")
def ingest(paths: Iterable[str | Path], store: Store, *, settings: Settings, batch_size: int = 4,
           progress: Callable[[int], None] | None = None,
           on_error: Callable[[str], None] | None = None, fetcher=None,
           report: IngestReport | None = None,
           on_stored: Callable[[Article, str], None] | None = None) -> IngestReport:
    """Read every source in `paths`, extract its events and store both, one transaction each.

    Articles already in the store are skipped (ingest is idempotent), though a copy that carries
    a date (title, URL, outlet) the stored one lacks adds it; a URL already stored is not fetched
    again. Whatever goes wrong with one source, reading, fetching, parsing, extracting or
    storing it, becomes one line in `IngestReport.errors`, passed to `on_error` as it happens,
    and the batch goes on; only a store that cannot be written at all (read-only, full,
    damaged) stops it, with a StoreError.

    `settings` (armstrack.settings; or its fields as keywords: `kb_dirs`, `encoding`,
    `max_bytes`, `scope`, `workers`, `dask`, `allow_private`) says how: `scope` is the relevance
    gate's ("transfers", the default as on the command line, parses only what can hold a
    transfer or link to one, see armstrack.gate; "all" everything); `workers` > 1 parses in that
    many processes, and `dask` (see `extract_planned`) on a Dask cluster, with the same results.
    URLs on private, loopback and link-local addresses are refused unless `allow_private` (see
    armstrack.ingest.fetch). `batch_size` articles are parsed together: past 4 the parser's
    working memory grows (about 100 MB more at 16 on news articles) and it gets no faster; it is
    the call's, not a setting, as reprocess and eval batch differently.
    `report`, when given, is filled as the run goes (what a caller reads after Ctrl-C).
    `on_stored(article, stored_id)` is called once each article is in the store, new or known.
    """
    report = report if report is not None else IngestReport()
    kwargs = {"encoding": settings.encoding, "fetcher": fetcher, "allow_private": settings.allow_private}
    if settings.max_bytes is not None:
        kwargs["max_bytes"] = settings.max_bytes
    paths = [str(p) if is_url(p) else p for p in paths]
    known = [p for p in paths if is_url(p) and known_url(store, p)]
    report.duplicates += len(known)  # an address already stored is not fetched again
    paths = [p for p in paths if p not in known]
    return ingest_articles(read_sources(paths, skipped=report.skipped, **kwargs), store, settings=settings,
                           batch_size=batch_size, progress=progress, on_error=on_error,
                           report=report, on_stored=on_stored)


@takes_settings("kb_dirs", "scope", "workers", "dask")
def ingest_articles(items: Iterable[Article | IngestError], store: Store, *, settings: Settings,
                    batch_size: int = 4, progress: Callable[[int], None] | None = None,
                    on_error: Callable[[str], None] | None = None,
                    on_stored: Callable[[Article, str], None] | None = None,
                    report: IngestReport | None = None) -> IngestReport:
    """`ingest` for articles already read (what a feed watcher fetched). `on_stored(article,
    stored_id)` is called once each article is in the store, new or a duplicate."""
    report = report or IngestReport()
    again: set[str] = set()     # stored already, re-extracted because a copy gave it a date
    seen: set[str] = set()

    def fail(message: str) -> None:
        report.errors.append(message)
        if on_error:
            on_error(message)

    def tick(n: int = 1) -> None:
        if progress:
            progress(n)

    def guarded(source: str, fn: Callable[[], object]) -> object:
        try:
            return fn()
        except db_errors() as exc:
            if error_kind(exc) in FATAL:
                raise StoreError(_store_error(store, exc)) from exc
            fail(f"{source}: {_store_error(store, exc)}")
        except StoreError as exc:
            fail(f"{source}: {exc}")
        except Exception as exc:  # noqa: BLE001 - one source must never cost the batch
            fail(f"{source}: cannot store ({type(exc).__name__}: {str(exc)[:200]})")
        return None

    def stored(article: Article, article_id: str) -> None:
        if on_stored:
            on_stored(article, article_id)

    def to_extract() -> Iterator[Article]:
        for item in items:
            if isinstance(item, IngestError):
                fail(str(item))
                tick()
                continue
            report.read += 1
            if item.id in seen:
                report.duplicates += 1
                stored(item, item.id)
                tick()
                continue
            known = guarded(item.source or item.id, lambda: store.stored_id(item.id))
            if known:
                report.duplicates += 1
                stored(item, known)
                redate = guarded(item.source, lambda: store.add_missing_metadata(known, item))
                if redate:
                    again.add(known)
                    seen.add(known)
                    yield store.article(known)
                else:
                    tick()
                continue
            seen.add(item.id)
            yield item

    report.resumed = guarded("store", lambda: finish_claims(store)) or 0

    lost = None
    for article, events, gated in extract_planned(to_extract(), settings=settings, batch_size=batch_size):
        source = article.source or article.id
        tick()
        if isinstance(events, BatchLost):  # one line for the batch; its articles come one after another
            report.lost += 1
            if events is not lost:
                lost = events
                fail(f"{events}; not stored, run again to retry them")
            continue
        if isinstance(events, Exception):
            fail(f"{source}: extraction failed ({type(events).__name__}: {str(events)[:200]})")
            continue
        if article.id in again:
            if guarded(source, lambda: (store.replace_events(article.id, events), mark_gated(store, article.id, gated),
                                        claims.update_for_article(store, article.id, refresh=True))):
                report.redated += 1
            continue
        added = guarded(source, lambda: store.add_article(article, events))
        if added is None:
            continue
        if not added:
            report.duplicates += 1
            continue
        if gated:
            guarded(source, lambda: mark_gated(store, article.id, True))
        stored(article, article.id)
        # the article is stored and marked claims-pending: if this is cut off, the next run
        # finishes it (finish_claims)
        faults.point("after-article")
        guarded(source, lambda: claims.update_for_article(store, article.id))
        report.added += 1
        report.undated += article.published is None
        report.events += len(events)
        for event in events:
            report.by_type[str(event.type)] = report.by_type.get(str(event.type), 0) + 1
    return report


@takes_settings("kb_dirs", "scope", "workers", "dask")
def reprocess(store: Store, *, settings: Settings, batch_size: int = 32,
              progress: Callable[[int], None] | None = None,
              on_error: Callable[[str], None] | None = None) -> int:
    """Re-extract every stored article with the current pipeline; returns the article count.
    An article whose extraction fails keeps its stored events and is reported to `on_error`.
    `settings` as for `ingest` (or `kb_dirs`, `scope`, `workers`, `dask` as keywords): scope
    "all" reads the articles the gate kept from the parser whole."""
    ids = [a.id for a in store.articles()]

    def stream() -> Iterator[Article]:
        for article_id in ids:
            article = store.article(article_id)
            if article is not None:
                yield article

    done = 0
    lost = None
    for article, events, gated in extract_planned(stream(), settings=settings, batch_size=batch_size):
        if isinstance(events, BatchLost):  # one line for the batch
            if events is not lost and on_error:
                on_error(f"{events}; their stored events are kept")
            lost = events
        elif isinstance(events, Exception):
            if on_error:
                on_error(f"{article.source or article.id}: extraction failed, stored events kept "
                         f"({type(events).__name__}: {str(events)[:200]})")
        else:
            store.replace_events(article.id, events)
            mark_gated(store, article.id, gated)
            done += 1
        if progress:
            progress(1)
    claims.rebuild(store)  # re-merge everything; analyst reviews are re-applied on top
    return done
