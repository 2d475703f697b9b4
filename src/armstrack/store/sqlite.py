"""SQLiteStore: one file (or :memory:), WAL mode, every article written in one transaction."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone

from ..errors import NotFound, StoreError
from ..records import Article, Event
from .base import StoredEvent
from .migrations import _retry, migrate

EXTRACTOR_VERSION = "1"


def event_id(article_id: str, seq: int, event: Event) -> str:
    """Stable id: the same article and extractor give the same ids on every run."""
    key = json.dumps([article_id, seq, str(event.type),
                      event.evidence[0].start if event.evidence else 0], sort_keys=True)
    return "ev-" + hashlib.sha256(key.encode()).hexdigest()[:12]


# What an SQLite error message says, by the words in it, in the order they are tried.
_KINDS = (("busy", ("locked", "busy")), ("read-only", ("readonly", "read-only")),
          ("full", ("disk is full", "disk I/O")), ("damaged", ("malformed", "not a database", "file is encrypted")),
          ("unopenable", ("unable to open",)))
# kinds no later write can escape: a batch stops rather than fail every source
FATAL = frozenset({"read-only", "full", "damaged"})


def error_kind(exc: sqlite3.Error) -> str | None:
    text = str(exc)
    return next((kind for kind, words in _KINDS if any(w in text for w in words)), None)


def explain(exc: sqlite3.Error, path: str, *, timeout: float = 30.0) -> str:
    """An SQLite error as a sentence a user can act on."""
    text, kind = str(exc), error_kind(exc)
    if kind == "busy":
        return (f"the store {path} is busy: another armstrack process has held its write lock for "
                f"{timeout:g} s; try again when it finishes")
    if kind == "read-only":
        return f"the store {path} is read-only (check the permissions of the file and its folder)"
    if kind == "full":
        return f"cannot write the store {path}: {text} (check free disk space)"
    if kind == "damaged":
        return f"{path} is damaged or not an armstrack database ({text})"
    if kind == "unopenable":
        return f"cannot open the store {path} ({text}; does its folder exist?)"
    return f"store {path}: {text}"


class SQLiteStore:
    def __init__(self, path: str = "armstrack.db", *, timeout: float = 30.0):
        """`timeout`: how long a write waits for another process's write lock."""
        self.path, self.timeout = path, timeout
        try:
            self.db = sqlite3.connect(path, timeout=timeout)
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, path, timeout=timeout)) from exc
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            if path != ":memory:":
                _retry(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            migrate(self.db)
        except sqlite3.Error as exc:
            self.db.close()
            raise StoreError(explain(exc, path, timeout=timeout)) from exc

    # ---- writes -------------------------------------------------------------------------
    def stored_id(self, article_id: str) -> str | None:
        """The id under which an article with this content id is stored, if it is (articles stored
        before ids were folded keep their old id and match by `content_key`)."""
        row = self.db.execute("SELECT id FROM articles WHERE content_key = ? OR id = ? LIMIT 1",
                              (article_id, article_id)).fetchone()
        return row[0] if row else None

    def has_article(self, article_id: str) -> bool:
        return self.stored_id(article_id) is not None

    def add_article(self, article: Article, events: Iterable[Event]) -> bool:
        """Store an article and its events in one transaction; False if it was already there.
        The article is marked claims-pending until its claims update marks it done
        (`claims.db.mark_claims_done`)."""
        events = list(events)
        with self.db:
            if self.stored_id(article.id) is not None:
                return False
            self.db.execute(
                "INSERT INTO articles (id, url, outlet, title, published, language, source,"
                " text, ingested_at, extractor, content_key, claims_done) VALUES (?,?,?,?,?,?,?,?,?,?,?,0)",
                (article.id, article.url, article.outlet, article.title,
                 article.published.isoformat() if article.published else None, article.language,
                 article.source, article.text, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 EXTRACTOR_VERSION, article.id))
            self._write_events(article.id, events)
        return True

    def claims_pending(self) -> list[str]:
        """Articles stored whose claims update has not finished (a kill between the two)."""
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE claims_done = 0 ORDER BY rowid")]

    def add_missing_metadata(self, article_id: str, article: Article) -> bool:
        """Fill a stored article's missing date, title, URL or outlet from another copy of it;
        True when its date changed (its events then need re-extracting)."""
        row = self.db.execute("SELECT published, title, url, outlet FROM articles WHERE id = ?",
                              (article_id,)).fetchone()
        if row is None:
            return False
        updates = {}
        if row["published"] is None and article.published:
            updates["published"] = article.published.isoformat()
        for key in ("title", "url", "outlet"):
            if row[key] is None and getattr(article, key):
                updates[key] = getattr(article, key)
        if updates:
            with self.db:
                self.db.execute(f"UPDATE articles SET {', '.join(f'{k} = ?' for k in updates)} WHERE id = ?",
                                (*updates.values(), article_id))
        return "published" in updates

    def replace_events(self, article_id: str, events: Iterable[Event]) -> None:
        """Swap an article's machine events for a new extraction (reprocess), atomically; its
        claims are pending again until they are updated."""
        events = list(events)
        with self.db:
            self.db.execute("UPDATE articles SET claims_done = 0 WHERE id = ?", (article_id,))
            self.db.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
            self._write_events(article_id, events)

    def _write_events(self, article_id: str, events: list[Event]) -> None:
        for seq, event in enumerate(events):
            eid = event_id(article_id, seq, event)
            data = event.to_dict()
            data["id"] = eid
            quantity = event.quantity
            self.db.execute(
                "INSERT INTO events (id, article_id, seq, type, status, certainty, event_date,"
                " reported_on, quantity_min, quantity_max, data) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (eid, article_id, seq, str(event.type), str(event.status) if event.status else None,
                 str(event.certainty.level), event.when, event.reported_on,
                 quantity.min if quantity else None, quantity.max if quantity else None,
                 json.dumps(data, ensure_ascii=False)))
            for role, fillers in event.roles.items():
                for filler in fillers:
                    self.db.execute(
                        'INSERT INTO roles (event_id, role, kind, entity_id, name, text, start, "end")'
                        " VALUES (?,?,?,?,?,?,?,?)",
                        (eid, role, filler.kind, filler.id, filler.name, filler.text, filler.start, filler.end))
            for index, ev in enumerate(event.evidence):
                self.db.execute('INSERT INTO evidence (event_id, seq, sentence, start, "end") VALUES (?,?,?,?,?)',
                                (eid, index, ev.sentence, ev.start, ev.end))

    # ---- reads --------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def articles(self) -> Iterator[Article]:
        for row in self.db.execute("SELECT * FROM articles ORDER BY published, id"):
            yield _article(row)

    def events(self, *, type: str | None = None, actor: str | None = None,
               since: str | None = None, limit: int | None = None, realis: str | None = None,
               focus: str | None = None) -> Iterator[StoredEvent]:
        sql = "SELECT e.id, e.article_id, e.type, e.data FROM events e JOIN articles a ON a.id = e.article_id"
        filters = [
            (type.upper() if type else None, "e.type = ?"),
            (actor, "e.id IN (SELECT event_id FROM roles WHERE entity_id = ?)"),
            (since, "COALESCE(e.event_date, a.published) >= ?"),
            # events stored before realis and focus existed count as actual and main
            (realis, "COALESCE(json_extract(e.data, '$.realis'), 'actual') = ?"),
            (focus, "COALESCE(json_extract(e.data, '$.focus'), 'main') = ?"),
        ]
        where = [clause for value, clause in filters if value]
        args = [value for value, _ in filters if value]
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.published, a.id, e.seq"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for row in self.db.execute(sql, args):
            yield StoredEvent(row["id"], row["article_id"], row["type"], json.loads(row["data"]))

    def event(self, event_id: str) -> StoredEvent:
        row = self.db.execute("SELECT id, article_id, type, data FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise NotFound(f"no event {event_id!r} in {self.path}; list them with: armstrack events")
        return StoredEvent(row["id"], row["article_id"], row["type"], json.loads(row["data"]))

    def search(self, query: str) -> list[str]:
        try:
            rows = self.db.execute("SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
                                   "WHERE articles_fts MATCH ?", (query,))
        except sqlite3.OperationalError:
            rows = self.db.execute("SELECT id FROM articles WHERE text LIKE ?", (f"%{query}%",))
        return [row[0] for row in rows]

    def counts(self) -> dict[str, int]:
        out = {"articles": self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]}
        for row in self.db.execute("SELECT type, COUNT(*) FROM events GROUP BY type"):
            out[row[0]] = row[1]
        return out

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _article(row: sqlite3.Row) -> Article:
    return Article(id=row["id"], text=row["text"], title=row["title"], url=row["url"],
                   outlet=row["outlet"], published=date.fromisoformat(row["published"]) if row["published"] else None,
                   language=row["language"] or "en", source=row["source"])
