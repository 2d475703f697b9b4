"""The feed watcher's state in the store (migrations m006_feeds_gate, m008_feed_item_retries).

State lives in the store (migrations m006_feeds_gate, m008_feed_item_retries): `feeds` holds
each feed's validators (ETag, Last-Modified), when it was polled and when it may be polled next
(backoff after 429 and 5xx, Retry-After honoured); `feed_items` holds every item URL handled,
with the article it became or the reason it could not. An item is recorded once its article is
stored, once it failed for good (404, 410, a type armstrack does not read, too large, robots.txt,
a refused private address: the plain `IngestError`s of `fetch`), or as waiting for another try
when the failure may pass (a `fetch.Backoff`: connection refused or reset, timeouts, 5xx...): it
is tried again at a later poll, `interval` doubled per failure up to an hour, and given up after
MAX_TRIES tries. A feed's validators are saved only once all its items are handled, so a watcher
killed at any point refetches nothing it stored and loses nothing it had not.

A poll ends by `poll_timeout` seconds (issue 21: a host trickling bytes held `watch --once` for
ever): each request gets what is left of it, and what it had no time for (feeds, items) waits
for the next poll.
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
