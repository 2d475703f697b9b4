"""The pipeline as library calls: text or Article -> events, and sources -> store."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import claims
from .extract import extract_doc
from .errors import IngestError
from .ingest import make_article, read_sources
from .nlp import load_nlp
from .records import Article, Event
from .store.base import Store


def _nlp(kb_dirs: Iterable[str] = ()):
    return load_nlp(tuple(str(d) for d in kb_dirs))


def extract_article(article: Article, *, kb_dirs: Iterable[str] = ()) -> list[Event]:
    """The events of one article."""
    doc = _nlp(kb_dirs)(article.text)
    return extract_doc(doc, published=article.published, article_ref=article.ref())


def extract_articles(articles: Iterable[Article], *, kb_dirs: Iterable[str] = (),
                     batch_size: int = 32) -> Iterator[tuple[Article, list[Event]]]:
    """Events for many articles, parsed in batches (nlp.pipe) for speed."""
    nlp = _nlp(kb_dirs)
    articles = list(articles) if not isinstance(articles, list) else articles
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs):
        yield article, extract_doc(doc, published=article.published, article_ref=article.ref())


def extract_text(text: str, published: date | str | None = None, *,
                 kb_dirs: Iterable[str] = ()) -> list[Event]:
    """The events of one text. `published` anchors relative dates ("on Sept. 24")."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    article = make_article(text, source="<text>", published=published, check_language=False)
    return extract_article(article, kb_dirs=kb_dirs)


@dataclass
class IngestReport:
    """What one ingest run did: counts, and one line per source that failed."""

    read: int = 0
    added: int = 0
    duplicates: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        types = ", ".join(f"{n} {t}" for t, n in sorted(self.by_type.items())) or "none"
        return (f"{self.added} article(s) added, {self.duplicates} already stored, "
                f"{len(self.errors)} failed; {self.events} event(s): {types}")


def ingest(paths: Iterable[str | Path], store: Store, *, kb_dirs: Iterable[str] = (),
           encoding: str | None = None, max_bytes: int | None = None, batch_size: int = 16,
           progress: Callable[[int], None] | None = None) -> IngestReport:
    """Read every source in `paths`, extract its events and store both, one transaction each.

    Articles already in the store are skipped (ingest is idempotent); a source that cannot be
    read is reported in `IngestReport.errors` and the batch goes on.
    """
    report = IngestReport()
    kwargs = {"encoding": encoding}
    if max_bytes is not None:
        kwargs["max_bytes"] = max_bytes
    pending: list[Article] = []
    seen: set[str] = set()

    def flush() -> None:
        for article, events in extract_articles(pending, kb_dirs=kb_dirs, batch_size=batch_size):
            if store.add_article(article, events):
                claims.update_for_article(store, article.id)
                report.added += 1
                report.events += len(events)
                for event in events:
                    report.by_type[str(event.type)] = report.by_type.get(str(event.type), 0) + 1
            else:
                report.duplicates += 1
        if progress:
            progress(len(pending))
        pending.clear()

    for item in read_sources(paths, **kwargs):
        if isinstance(item, IngestError):
            report.errors.append(str(item))
            if progress:
                progress(1)
            continue
        report.read += 1
        if item.id in seen or store.has_article(item.id):
            report.duplicates += 1
            if progress:
                progress(1)
            continue
        seen.add(item.id)
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    return report


def reprocess(store: Store, *, kb_dirs: Iterable[str] = ()) -> int:
    """Re-extract every stored article with the current pipeline; returns the article count."""
    articles = list(store.articles())
    for article, events in extract_articles(articles, kb_dirs=kb_dirs):
        store.replace_events(article.id, events)
    claims.rebuild(store)  # re-merge everything; analyst reviews are re-applied on top
    return len(articles)
