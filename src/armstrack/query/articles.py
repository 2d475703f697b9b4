"""Articles: list, full-text search with snippets, and one article with its events."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..errors import ArmstrackError, NotFound
from ..records import Event, Provenance
from ..store.locks import postgres
from ._db import PROVENANCE_COLUMNS, connection, fts_query, has_fts, provenance
from ..resolve.filters import check_text, day_after, parse_since, parse_until
from .page import Page, check_paging

# FTS5 snippet markers: control characters no article text keeps, so a renderer can escape the
# text and mark the hits without confusing them with brackets the article itself contains
HIT_START, HIT_END = "\x02", "\x03"


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
    """A StoredEventView from a row of events joined to articles (PROVENANCE_COLUMNS, id, data)."""
    return StoredEventView(row["id"], Event.from_dict(json.loads(row["data"])), provenance(row))


def resolve_article_id(db, article_id: str) -> str:
    """A stored article id from the id or a unique prefix of it (at least 6 characters)."""
    text = (article_id or "").strip().lower()
    if db.execute("SELECT 1 FROM articles WHERE id = ?", (text,)).fetchone():
        return text
    if len(text) >= 6 and all(c in "0123456789abcdef" for c in text):
        found = [r[0] for r in db.execute("SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2",
                                          (text, text + "g"))]
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
    where, args = [], []
    start, end = parse_since(since), parse_until(until)
    if start:
        where.append("a.published >= ?")
        args.append(start)
    if end:
        where.append("a.published < ?")
        args.append(day_after(end))
    if outlet:
        where.append("lower(a.outlet) = lower(?)")
        args.append(outlet.strip())
    counted = ("(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS n_events")
    query = (check_text(q) or "").strip()
    if query and postgres(db):
        # PostgreSQL: the generated tsvector column (every word must occur, stemmed as English)
        where_sql = "".join(f" AND {w}" for w in where)
        found = "a.tsv @@ plainto_tsquery('english', ?)"
        total = db.execute(f"SELECT COUNT(*) FROM articles a WHERE {found}{where_sql}", (query, *args)).fetchone()[0]
        rows = db.execute(
            f"SELECT {PROVENANCE_COLUMNS}, {counted}, ts_headline('english', a.text, plainto_tsquery('english', ?),"
            f" 'StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=16, MinWords=6, FragmentDelimiter=…, MaxFragments=1')"
            f" AS snippet FROM articles a WHERE {found}{where_sql}"
            " ORDER BY ts_rank(a.tsv, plainto_tsquery('english', ?)) DESC, a.id LIMIT ? OFFSET ?",
            (query, query, *args, query, limit, offset))
    elif query and has_fts(db):
        sql = (f"SELECT {PROVENANCE_COLUMNS}, {counted}, snippet(articles_fts, 1, '{HIT_START}', '{HIT_END}', '…', 16)"
               " AS snippet FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ?")
        where_sql = "".join(f" AND {w}" for w in where)
        match = fts_query(query)
        total = db.execute("SELECT COUNT(*) FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
                           f" WHERE articles_fts MATCH ?{where_sql}", (match, *args)).fetchone()[0]
        rows = db.execute(sql + where_sql + " ORDER BY rank LIMIT ? OFFSET ?", (match, *args, limit, offset))
    else:
        if query:  # an SQLite without FTS5: every word, anywhere, without ranking
            for word in query.split():
                where.append("(a.text LIKE ? OR a.title LIKE ?)")
                args += [f"%{word}%"] * 2
        where_sql = (" WHERE " + " AND ".join(where)) if where else ""
        total = db.execute(f"SELECT COUNT(*) FROM articles a{where_sql}", args).fetchone()[0]
        rows = db.execute(f"SELECT {PROVENANCE_COLUMNS}, {counted}, NULL AS snippet FROM articles a{where_sql}"
                          " ORDER BY a.published DESC, a.ingested_at DESC, a.id LIMIT ? OFFSET ?",
                          (*args, limit, offset))
    items = [ArticleSummary(provenance(r), r["n_events"], r["snippet"] if query else None) for r in rows]
    return Page(items, total, page, per_page)


def get_article(store, article_id: str) -> ArticleView:
    """One article (by id or a unique prefix of at least 6 characters) with its text,
    provenance and events."""
    db = connection(store)
    found = resolve_article_id(db, article_id)
    row = db.execute(f"SELECT {PROVENANCE_COLUMNS}, a.text, a.language FROM articles a WHERE a.id = ?",
                     (found,)).fetchone()
    events = [event_view(r) for r in db.execute(
        f"SELECT e.id, e.data, {PROVENANCE_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE e.article_id = ? ORDER BY e.seq", (found,))]
    return ArticleView(provenance(row), row["text"], row["language"] or "en", events)
