"""The pipeline as library calls: text or Article -> events, and sources -> store."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from . import claims, faults
from .errors import IngestError, StoreError
from .extract import extract_doc
from .ingest import clean_mapped, content_id, parse_date, read_sources, split_header
from .ingest.fetch import is_url, known_url
from .nlp import load_nlp
from .nlp.pipeline import CHUNK_CHARS, parse
from .records import Article, Event
from .store.base import Store
from .store.sqlite import FATAL, error_kind, explain


def _nlp(kb_dirs: Iterable[str] = ()):
    return load_nlp(tuple(str(d) for d in kb_dirs))


def extract_article(article: Article, *, kb_dirs: Iterable[str] = ()) -> list[Event]:
    """The events of one article."""
    doc = parse(_nlp(kb_dirs), article.text)
    return extract_doc(doc, published=article.published, article_ref=article.ref())


def _docs(nlp, articles: list[Article], batch_size: int) -> Iterator[tuple[Article, object]]:
    """Each article with its Doc, or with the exception that parsing it raised."""
    short = [a for a in articles if len(a.text) <= CHUNK_CHARS]
    try:
        parsed = dict(zip((a.id for a in short), nlp.pipe((a.text for a in short), batch_size=batch_size)))
    except Exception:  # noqa: BLE001 - one text broke the batch: parse them one by one
        parsed = {}
    for article in articles:
        doc = parsed.get(article.id)
        if doc is None or doc.text != article.text:
            try:
                doc = parse(nlp, article.text)
            except Exception as exc:  # noqa: BLE001
                doc = exc
        yield article, doc


def extract_safely(articles: Iterable[Article], *, kb_dirs: Iterable[str] = (), batch_size: int = 32
                   ) -> Iterator[tuple[Article, list[Event] | Exception]]:
    """Events for many articles, parsed in batches (nlp.pipe) for speed; an article whose parse
    or extraction raises comes with the exception instead, and the rest go on."""
    nlp = _nlp(kb_dirs)
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _extract_batch(nlp, batch, batch_size)
            batch = []
    if batch:
        yield from _extract_batch(nlp, batch, batch_size)


def _extract_batch(nlp, batch: list[Article], batch_size: int):
    for article, doc in _docs(nlp, batch, batch_size):
        if isinstance(doc, Exception):
            yield article, doc
            continue
        try:
            yield article, extract_doc(doc, published=article.published, article_ref=article.ref())
        except Exception as exc:  # noqa: BLE001
            yield article, exc


def extract_articles(articles: Iterable[Article], *, kb_dirs: Iterable[str] = (),
                     batch_size: int = 32) -> Iterator[tuple[Article, list[Event]]]:
    """Events for many articles, parsed in batches (nlp.pipe) for speed; raises what fails."""
    for article, events in extract_safely(articles, kb_dirs=kb_dirs, batch_size=batch_size):
        if isinstance(events, Exception):
            raise events
        yield article, events


def extract_text(text: str, published: date | str | None = None, *,
                 kb_dirs: Iterable[str] = ()) -> list[Event]:
    """The events of one text. `published` anchors relative dates ("on Sept. 24").

    Offsets (evidence and role spans) index `text` exactly as given: cleaning (boilerplate,
    line ends, leading header lines) is mapped back."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    body, header = split_header(text)
    skipped = len(text) - len(body)
    cleaned, origin = clean_mapped(body)
    if not cleaned:
        return []
    article = Article(id=content_id(cleaned), text=cleaned, published=published or parse_date(header.get("published")),
                      source="<text>")
    events = extract_article(article, kb_dirs=kb_dirs)
    if skipped or cleaned != text:
        events = [_remap(event, text, origin, skipped) for event in events]
    return events


def _remap(event: Event, text: str, origin, skipped: int) -> Event:
    """An event with its offsets moved from the cleaned text to the caller's text."""
    def start(i: int) -> int:
        return origin[i] + skipped

    def end(i: int) -> int:  # one past the last character kept, in the original
        return origin[i - 1] + 1 + skipped if i > 0 else skipped

    evidence = tuple(replace(ev, start=start(ev.start), end=end(ev.end),
                             sentence=text[start(ev.start):end(ev.end)]) for ev in event.evidence)
    roles = {name: tuple(replace(f, start=start(f.start), end=end(f.end)) if f.end > f.start else f
                         for f in fillers) for name, fillers in event.roles.items()}
    return replace(event, evidence=evidence, roles=roles)


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

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        types = ", ".join(f"{n} {t}" for t, n in sorted(self.by_type.items())) or "none"
        extra = (f"; finished the claims of {self.resumed} article(s) an interrupted run left"
                 if self.resumed else "") + (f"; dated {self.redated} stored article(s)" if self.redated else "")
        return (f"{self.added} article(s) added, {self.duplicates} already stored, "
                f"{len(self.errors)} failed; {self.events} event(s): {types}{extra}")


def _store_error(store: Store, exc: sqlite3.Error) -> str:
    return explain(exc, getattr(store, "path", "?"), timeout=getattr(store, "timeout", 30.0))


def finish_claims(store: Store) -> int:
    """Update the claims of stored articles whose update a kill cut off; returns how many."""
    pending = getattr(store, "claims_pending", None)
    ids = pending() if pending else []
    for article_id in ids:
        claims.update_for_article(store, article_id, refresh=True)
    return len(ids)


def ingest(paths: Iterable[str | Path], store: Store, *, kb_dirs: Iterable[str] = (),
           encoding: str | None = None, max_bytes: int | None = None, batch_size: int = 4,
           progress: Callable[[int], None] | None = None,
           on_error: Callable[[str], None] | None = None) -> IngestReport:
    """Read every source in `paths`, extract its events and store both, one transaction each.

    Articles already in the store are skipped (ingest is idempotent), though a copy that carries
    a date (title, URL, outlet) the stored one lacks adds it. Whatever goes wrong with one source,
    reading, parsing, extracting or storing it, becomes one line in `IngestReport.errors`, passed
    to `on_error` as it happens, and the batch goes on; only a store that cannot be written at
    all (read-only, full, damaged) stops it, with a StoreError.

    `batch_size` articles are parsed together: past 4 the parser's working memory grows
    (about 100 MB more at 16 on news articles) and it gets no faster.
    """
    report = IngestReport()
    kwargs = {"encoding": encoding}
    if max_bytes is not None:
        kwargs["max_bytes"] = max_bytes
    pending: list[tuple[Article, bool]] = []   # (article, stored already: re-extract it)
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
        except sqlite3.Error as exc:
            if error_kind(exc) in FATAL:
                raise StoreError(_store_error(store, exc)) from exc
            fail(f"{source}: {_store_error(store, exc)}")
        except StoreError as exc:
            fail(f"{source}: {exc}")
        except Exception as exc:  # noqa: BLE001 - one source must never cost the batch
            fail(f"{source}: cannot store ({type(exc).__name__}: {str(exc)[:200]})")
        return None

    def flush() -> None:
        articles = [a for a, _ in pending]
        again = {a.id for a, redo in pending if redo}
        for article, events in extract_safely(articles, kb_dirs=kb_dirs, batch_size=batch_size):
            source = article.source or article.id
            if isinstance(events, Exception):
                fail(f"{source}: extraction failed ({type(events).__name__}: {str(events)[:200]})")
                continue
            if article.id in again:
                if guarded(source, lambda: (store.replace_events(article.id, events),
                                            claims.update_for_article(store, article.id, refresh=True))):
                    report.redated += 1
                continue
            added = guarded(source, lambda: store.add_article(article, events))
            if added is None:
                continue
            if not added:
                report.duplicates += 1
                continue
            # the article is stored and marked claims-pending: if this is cut off, the next run
            # finishes it (finish_claims)
            faults.point("after-article")
            guarded(source, lambda: claims.update_for_article(store, article.id))
            report.added += 1
            report.events += len(events)
            for event in events:
                report.by_type[str(event.type)] = report.by_type.get(str(event.type), 0) + 1
        tick(len(pending))
        pending.clear()

    report.resumed = guarded("store", lambda: finish_claims(store)) or 0
    paths = [str(p) if is_url(p) else p for p in paths]
    known = [p for p in paths if is_url(p) and known_url(store, p)]
    report.duplicates += len(known)  # an address already stored is not fetched again
    paths = [p for p in paths if p not in known]
    for item in read_sources(paths, **kwargs):
        if isinstance(item, IngestError):
            fail(str(item))
            tick()
            continue
        report.read += 1
        if item.id in seen:
            report.duplicates += 1
            tick()
            continue
        stored = guarded(item.source or item.id, lambda: store.stored_id(item.id))
        if stored:
            report.duplicates += 1
            redate = guarded(item.source, lambda: store.add_missing_metadata(stored, item))
            if redate:
                old = store.article(stored)
                pending.append((old, True))
                seen.add(stored)
            else:
                tick()
            continue
        seen.add(item.id)
        pending.append((item, False))
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    return report


def reprocess(store: Store, *, kb_dirs: Iterable[str] = (), batch_size: int = 32,
              progress: Callable[[int], None] | None = None,
              on_error: Callable[[str], None] | None = None) -> int:
    """Re-extract every stored article with the current pipeline; returns the article count.
    An article whose extraction fails keeps its stored events and is reported to `on_error`."""
    ids = [a.id for a in store.articles()]

    def stream() -> Iterator[Article]:
        for article_id in ids:
            article = store.article(article_id)
            if article is not None:
                yield article

    done = 0
    for article, events in extract_safely(stream(), kb_dirs=kb_dirs, batch_size=batch_size):
        if isinstance(events, Exception):
            if on_error:
                on_error(f"{article.source or article.id}: extraction failed, stored events kept "
                         f"({type(events).__name__}: {str(events)[:200]})")
        else:
            store.replace_events(article.id, events)
            done += 1
        if progress:
            progress(1)
    claims.rebuild(store)  # re-merge everything; analyst reviews are re-applied on top
    return done
