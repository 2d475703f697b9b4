"""One process's extraction: text or Article -> events, through the gate, the parser and the
extractors. The executors (`workers`, `distributed`) run `extract_batch` elsewhere."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from ..extract.read import extract_doc
from ..gate import gate
from ..ingest import clean_mapped, content_id, parse_date, split_header
from ..ingest.articles import dateline_agency, dateline_date
from ..nlp import load_nlp
from ..nlp.pipeline import CHUNK_CHARS, parse
from ..records import Article, Event
from ..settings import Settings, takes_settings


def _nlp(kb_dirs: Iterable[str] = ()):
    return load_nlp(tuple(str(d) for d in kb_dirs))


@takes_settings("kb_dirs")
def extract_article(article: Article, *, settings: Settings) -> list[Event]:
    """The events of one article, all of it parsed (no gate)."""
    doc = parse(_nlp(settings.kb_dirs), article.text)
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


def batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@takes_settings("kb_dirs", "scope", scope="all")
def extract_batch(nlp, batch: list[Article], *, settings: Settings, batch_size: int
                  ) -> Iterator[tuple[Article, list[Event] | Exception, bool]]:
    """One batch through the gate (by the settings' scope and knowledge base), the parser and
    the extractors, in order."""
    plans = [None] * len(batch)
    if settings.scope != "all":
        g = gate(settings.kb_dirs)
        for n, article in enumerate(batch):
            try:
                plans[n] = g.plan(article.text, scope=settings.scope)
            except Exception:  # noqa: BLE001 - a gate failure must cost recall, not the article
                plans[n] = None
    views = [replace(a, text=p.text) if p is not None and p.gated else a
             for a, p in zip(batch, plans) if p is None or not p.skipped]
    found: dict[str, list[Event] | Exception] = {}
    for view, doc in _docs(nlp, views, batch_size):
        if isinstance(doc, Exception):
            found[view.id] = doc
            continue
        try:
            found[view.id] = extract_doc(doc, published=view.published, article_ref=view.ref())
        except Exception as exc:  # noqa: BLE001
            found[view.id] = exc
    for article, plan in zip(batch, plans):
        events = found.get(article.id, [])
        if plan is not None and plan.gated and not isinstance(events, Exception):
            # offsets index the parsed extract: move them to the article's own text
            events = [_remap(event, article.text, plan.origin, 0) for event in events]
        yield article, events, bool(plan is not None and plan.gated)


@takes_settings("kb_dirs")
def extract_text(text: str, published: date | str | None = None, *, settings: Settings) -> list[Event]:
    """The events of one text. `published` anchors relative dates ("on Sept. 24"); the
    knowledge base is `settings.kb_dirs` (or `kb_dirs=`), and all of the text is parsed.

    Offsets (evidence and role spans) index `text` exactly as given: cleaning (boilerplate,
    line ends, leading header lines) is mapped back."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    body, header = split_header(text)
    skipped = len(text) - len(body)
    cleaned, origin = clean_mapped(body)
    if not cleaned:
        return []
    # as ingest reads a file: header lines first, then the dateline's date and agency
    article = Article(id=content_id(cleaned), text=cleaned, source="<text>",
                      published=published or parse_date(header.get("published")) or dateline_date(cleaned),
                      title=header.get("title"), url=header.get("url"),
                      outlet=header.get("outlet") or dateline_agency(cleaned))
    events = extract_article(article, settings=settings)
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
