"""Articles: list, full-text search with snippets, and one article with its events."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..errors import ArmstrackError, NotFound
from ..records import Event, Provenance
from ..store import search as stored
# the snippet's hit markers (control characters no article text keeps): see store/search.py
from ..store.search import HIT_END, HIT_START
from ._db import connection, provenance
from ..resolve.filters import check_text, day_after, parse_since, parse_until
from .page import Page, check_paging


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One article in a listing: its provenance, event count and, for a search, a snippet."""

    provenance: Provenance
    events: int
    snippet: str | None = None      # the matching passage, hits between HIT_START and HIT_END

    @property
    def id(self) -> str:
        return self.provenance.article_id

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_hit) pieces, for highlighting without parsing markers."""
        parts: list[tuple[str, bool]] = []
        for i, piece in enumerate((self.snippet or "").split(HIT_START)):
            if i == 0:
                parts.append((piece, False))
                continue
            hit, _, rest = piece.partition(HIT_END)
            parts += [(hit, True), (rest, False)]
        return [p for p in parts if p[0]]

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, **self.provenance.to_dict(), "events": self.events}
        if self.snippet is not None:
            out["snippet"] = self.snippet.replace(HIT_START, "").replace(HIT_END, "")
            out["snippet_parts"] = [{"text": t, "hit": h} for t, h in self.snippet_parts()]
        return out


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One article in full: text, provenance and every event extracted from it (with ids and
    character spans into `text`, for highlighting)."""

    provenance: Provenance
    text: str
    language: str
    events: list["StoredEventView"] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.provenance.article_id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.provenance.to_dict(), "language": self.language, "text": self.text,
                "events": [e.to_dict() for e in self.events]}


@dataclass(frozen=True, slots=True)
class StoredEventView:
    """A stored event read back as a typed Event, with its id and its article's provenance."""

    id: str
    event: Event
    provenance: Provenance

    @property
    def article_id(self) -> str:
        return self.provenance.article_id

    def spans(self) -> list[dict[str, Any]]:
        """Every role span and evidence sentence, in article-text offsets."""
        out = [{"role": "evidence", "start": e.start, "end": e.end} for e in self.event.evidence]
        out += [{"role": name, "start": f.start, "end": f.end}
                for name, fillers in self.event.roles.items() for f in fillers if f.end > f.start]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {**self.event.to_dict(), "id": self.id, "provenance": self.provenance.to_dict()}


def event_view(row) -> StoredEventView:
    """A StoredEventView from a row of a stored event with its article's provenance (id, data,
    `store.search.PROVENANCE_COLUMNS`)."""
    return StoredEventView(row["id"], Event.from_dict(json.loads(row["data"])), provenance(row))


def resolve_article_id(db, article_id: str) -> str:
    """A stored article id from the id or a unique prefix of it (at least 6 characters)."""
    text = (article_id or "").strip().lower()
    if stored.has_article(db, text):
        return text
    if len(text) >= 6 and all(c in "0123456789abcdef" for c in text):
        found = stored.articles_with_prefix(db, text)
        if len(found) == 1:
            return found[0]
        if found:
            raise ArmstrackError(f"article {article_id!r} is ambiguous: give more of its id")
    raise NotFound(f"no article {article_id!r}; list them with: armstrack articles")


def list_articles(store, *, q: str | None = None, since: str | None = None, until: str | None = None,
                  outlet: str | None = None, page: int = 1, per_page: int = 50) -> Page[ArticleSummary]:
    """Stored articles, newest first; with `q`, those containing every word of it (full-text
    search over title and text), best match first, each with a snippet.

    `since`/`until` filter on the publication date (see filters.py for the forms); `outlet`
    is compared without case."""
    limit, offset = check_paging(page, per_page)
    db = connection(store)
    start, end = parse_since(since), parse_until(until)
    query = (check_text(q) or "").strip()
    total, rows = stored.article_page(db, query=query, start=start, before=day_after(end) if end else None,
                                      outlet=outlet.strip() if outlet else None, limit=limit, offset=offset)
    items = [ArticleSummary(provenance(r), r["n_events"], r["snippet"] if query else None) for r in rows]
    return Page(items, total, page, per_page)


def get_article(store, article_id: str) -> ArticleView:
    """One article (by id or a unique prefix of at least 6 characters) with its text,
    provenance and events."""
    db = connection(store)
    found = resolve_article_id(db, article_id)
    row = stored.article_row(db, found)
    events = [event_view(r) for r in stored.article_events(db, found)]
    return ArticleView(provenance(row), row["text"], row["language"] or "en", events)
