"""What the SQLite and PostgreSQL stores share: every read and write of articles and events,
written once for both engines. Statements take `?` placeholders (`store/postgres.py` hands them
to psycopg as `%s`, and changes nothing else), and where the engines spell a thing differently
(a field of a JSON document here) the statement asks the store's `dialect` (`store/dialect.py`)
as it is written, so the text each engine runs is the text in the code.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone

from ..errors import NotFound
from ..records import Article, Event, encode
from .base import StoredEvent
from .dialect import Dialect
from .timeline import TIMELINE_DATE, redate_events

EXTRACTOR_VERSION = "1"


def event_id(article_id: str, seq: int, event: Event) -> str:
    """Stable id: the same article and extractor give the same ids on every run."""
    key = json.dumps([article_id, seq, str(event.type),
                      event.evidence[0].start if event.evidence else 0], sort_keys=True)
    return "ev-" + hashlib.sha256(key.encode()).hexdigest()[:12]


class SQLStore:
    """A store over one DB-API connection `self.db` (`with db:` is one transaction)."""

    db: object
    path: str
    dialect: Dialect            # the engine's spellings (store/dialect.py)

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
        (`store.articles.mark_claims_done`)."""
        events = list(events)
        with self.db:
            if self.stored_id(article.id) is not None:
                return False
            # another process may store the same article between the check and here: the
            # primary key decides, and the loser stores nothing
            cursor = self.db.execute(
                "INSERT INTO articles (id, url, outlet, title, published, language, source,"
                " text, ingested_at, extractor, content_key, claims_done) VALUES (?,?,?,?,?,?,?,?,?,?,?,0)"
                " ON CONFLICT (id) DO NOTHING",
                (article.id, article.url, article.outlet, article.title,
                 article.published.isoformat() if article.published else None, article.language,
                 article.source, article.text, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 EXTRACTOR_VERSION, article.id))
            if cursor.rowcount == 0:
                return False
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
                if "published" in updates:   # the timeline follows the new date (store/timeline.py)
                    redate_events(self.db, article_id, updates["published"])
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
                " reported_on, quantity_min, quantity_max, data, record, timeline_date)"
                f" VALUES (?,?,?,?,?,?,?,?,?,?,?,?, {TIMELINE_DATE})",
                (eid, article_id, seq, str(event.type), str(event.status) if event.status else None,
                 str(event.certainty.level), event.when, event.reported_on,
                 quantity.min if quantity else None, quantity.max if quantity else None,
                 json.dumps(data, ensure_ascii=False), json.dumps(encode(event), ensure_ascii=False),
                 event.when, article_id))
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
        field = self.dialect.json_text
        filters = [
            (type.upper() if type else None, "e.type = ?"),
            (actor, "e.id IN (SELECT event_id FROM roles WHERE entity_id = ?)"),
            (since, "COALESCE(e.event_date, a.published) >= ?"),
            # events stored before realis and focus existed count as actual and main
            (realis, f"COALESCE({field('e.data', 'realis')}, 'actual') = ?"),
            (focus, f"COALESCE({field('e.data', 'focus')}, 'main') = ?"),
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

    def counts(self) -> dict[str, int]:
        out = {"articles": self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]}
        for row in self.db.execute("SELECT type, COUNT(*) FROM events GROUP BY type"):
            out[row[0]] = row[1]
        return out

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _article(row) -> Article:
    return Article(id=row["id"], text=row["text"], title=row["title"], url=row["url"],
                   outlet=row["outlet"], published=date.fromisoformat(row["published"]) if row["published"] else None,
                   language=row["language"] or "en", source=row["source"])
