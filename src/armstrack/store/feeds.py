"""The feed watcher's state (migrations m006_feeds_gate, m008_feed_item_retries): `feeds` holds
each feed's validators, when it was polled and when it may be polled next; `feed_items` every item
URL handled, with the article it became, the reason it could not, or when it is tried again.
What the watcher records when, and why, is `armstrack.pipeline.watch`.
"""
from __future__ import annotations

from datetime import datetime, timezone

from ..errors import IngestError


def _db(store):
    db = getattr(store, "db", None)
    if db is None:
        raise IngestError("store", "watching feeds needs a SQLite store")
    return db


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def feed_state(store, url: str) -> dict:
    """A feed's stored state (empty when it was never polled)."""
    row = _db(store).execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
    return dict(row) if row else {}


def save_feed(store, url: str, **values) -> None:
    db = _db(store)
    with db:
        db.execute("INSERT INTO feeds (url) VALUES (?) ON CONFLICT (url) DO NOTHING", (url,))
        db.execute(f"UPDATE feeds SET {', '.join(f'{k} = ?' for k in values)} WHERE url = ?",
                   (*values.values(), url))


def seen_item(store, url: str) -> bool:
    return _db(store).execute("SELECT 1 FROM feed_items WHERE url = ?", (url,)).fetchone() is not None


def record_item(store, feed: str, url: str, *, article_id: str | None = None, error: str | None = None,
            tries: int = 0, next_try: float | None = None) -> None:
    """An item stored (`article_id`), failed for good (`error`), or waiting (`next_try`)."""
    db = _db(store)
    with db:
        db.execute("INSERT INTO feed_items (url, feed, seen_at, fetched_at, article_id, content_hash, error,"
                   " tries, next_try) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
                   " feed = excluded.feed, seen_at = excluded.seen_at, fetched_at = excluded.fetched_at,"
                   " article_id = excluded.article_id, content_hash = excluded.content_hash,"
                   " error = excluded.error, tries = excluded.tries, next_try = excluded.next_try",
                   (url, feed, _now(), _now() if article_id else None, article_id, article_id, error,
                    tries, next_try))


def item_tries(store, url: str) -> int:
    row = _db(store).execute("SELECT tries FROM feed_items WHERE url = ?", (url,)).fetchone()
    return row[0] if row else 0


def waiting(store) -> list[dict]:
    """The items waiting for another try, soonest first."""
    return [dict(r) for r in _db(store).execute(
        "SELECT * FROM feed_items WHERE next_try IS NOT NULL ORDER BY next_try, rowid")]


def items_of(store, feed: str) -> list[dict]:
    """The items recorded for a feed, in the order they were handled."""
    return [dict(r) for r in _db(store).execute("SELECT * FROM feed_items WHERE feed = ? ORDER BY rowid", (feed,))]




def stored_by_url(store, url: str) -> str | None:
    """The id of the stored article fetched from `url`, if any."""
    row = _db(store).execute("SELECT id FROM articles WHERE source = ? OR url = ? LIMIT 1",
                             (url, url)).fetchone()
    return row[0] if row else None
