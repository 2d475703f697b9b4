"""feeds: watch RSS, Atom, JSON Feed and sitemaps; fetch, gate, extract and store what is new.

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

import inspect
import json
import time
import xml.sax
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..errors import IngestError
from .fetch import Backoff, Fetcher, article_from, known_url

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json", "application/json", "text/html", "text/plain")
MAX_BACKOFF = 3600.0
MAX_TRIES = 8               # an item whose failures may pass is given up after this many tries
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class Item:
    url: str
    title: str | None = None
    nested: bool = False      # a sitemap named by a sitemap index: polled as a feed itself


@dataclass
class PollReport:
    """What one poll of every feed did."""

    feeds: int = 0
    not_modified: int = 0
    items: int = 0            # new item URLs seen
    known: int = 0            # items skipped: their URL (or their text) is stored already
    added: int = 0
    events: int = 0
    alerts: int = 0
    retried: int = 0          # items tried again after a failure that may pass
    deferred: int = 0         # items and feeds the poll had no time for (next poll)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        again = f" and {self.retried} tried again" if self.retried else ""
        return (f"{self.feeds} feed(s) polled ({self.not_modified} unchanged), {self.items} new item(s){again}: "
                f"{self.added} article(s) added, {self.known} already stored, {len(self.errors)} failed; "
                f"{self.events} event(s), {self.alerts} alert(s)")


# ---- parsing ----------------------------------------------------------------------------
def _sitemap(body: bytes, url: str) -> list[Item] | None:
    """The URLs of a sitemap (urlset) or sitemap index, or None when the body is neither.
    Parsed without entities, DTDs or network access, so a hostile sitemap cannot expand."""
    head = body[:4096].lower()
    if b"<urlset" not in head and b"<sitemapindex" not in head:
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(url, f"malformed XML ({exc})") from None
    name = etree.QName(root).localname
    kind = {"urlset": "url", "sitemapindex": "sitemap"}.get(name)
    if kind is None:
        raise IngestError(url, f"not a sitemap (root element <{name}>)")
    out = []
    for entry in root:
        if not isinstance(entry.tag, str) or etree.QName(entry).localname != kind:
            continue
        loc = next((c.text for c in entry if isinstance(c.tag, str) and etree.QName(c).localname == "loc"), None)
        if loc and loc.strip():
            out.append(Item(loc.strip(), nested=kind == "sitemap"))
    return out


def _json_feed(body: bytes, url: str) -> list[Item] | None:
    if not body.lstrip()[:1] == b"{":
        return None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise IngestError(url, f"malformed JSON feed ({str(exc)[:120]})") from None
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise IngestError(url, "not a feed (JSON without a jsonfeed.org version)")
    items = data.get("items") if isinstance(data.get("items"), list) else []
    out = []
    for entry in items:
        if isinstance(entry, dict):
            link = entry.get("url") or entry.get("external_url")
            if isinstance(link, str) and link.strip():
                title = entry.get("title") if isinstance(entry.get("title"), str) else None
                out.append(Item(link.strip(), title))
    return out


def parse_feed(body: bytes, url: str) -> list[Item]:
    """The items of an RSS, Atom or JSON Feed document or a sitemap, in document order.
    Raises IngestError (one line) for malformed XML or a body that is no feed."""
    for reader in (_sitemap, _json_feed):
        found = reader(body, url)
        if found is not None:
            return found
    import feedparser

    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXException):
        raise IngestError(url, f"malformed XML ({str(problem)[:160]})")
    if not parsed.get("version"):
        raise IngestError(url, "not a feed (no RSS, Atom, JSON Feed or sitemap found)")
    out = []
    for entry in parsed.entries:
        link = entry.get("link") or next((l.get("href") for l in entry.get("links", []) if l.get("href")), None)
        if link:
            out.append(Item(link.strip(), entry.get("title")))
    return out


# ---- state in the store -----------------------------------------------------------------
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


def _save_feed(store, url: str, **values) -> None:
    db = _db(store)
    with db:
        db.execute("INSERT INTO feeds (url) VALUES (?) ON CONFLICT (url) DO NOTHING", (url,))
        db.execute(f"UPDATE feeds SET {', '.join(f'{k} = ?' for k in values)} WHERE url = ?",
                   (*values.values(), url))


def _seen(store, url: str) -> bool:
    return _db(store).execute("SELECT 1 FROM feed_items WHERE url = ?", (url,)).fetchone() is not None


def _record(store, feed: str, url: str, *, article_id: str | None = None, error: str | None = None,
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


def _tries(store, url: str) -> int:
    row = _db(store).execute("SELECT tries FROM feed_items WHERE url = ?", (url,)).fetchone()
    return row[0] if row else 0


def waiting(store) -> list[dict]:
    """The items waiting for another try, soonest first."""
    return [dict(r) for r in _db(store).execute(
        "SELECT * FROM feed_items WHERE next_try IS NOT NULL ORDER BY next_try, rowid")]


def items_of(store, feed: str) -> list[dict]:
    """The items recorded for a feed, in the order they were handled."""
    return [dict(r) for r in _db(store).execute("SELECT * FROM feed_items WHERE feed = ? ORDER BY rowid", (feed,))]


# ---- the watcher ------------------------------------------------------------------------
class Watcher:
    """Polls feeds into a store. `poll()` polls every feed that is due once, and tries again
    the items that are due; `run()` repeats. A poll ends by `poll_timeout` seconds (None: no
    limit)."""

    def __init__(self, store, feeds: Iterable[str], *, fetcher: Fetcher | None = None,
                 interval: float = 900.0, kb_dirs: Iterable[str] = (), scope: str = "transfers",
                 workers: int = 1, webhook: str | None = None,
                 on_error: Callable[[str], None] | None = None, poll_timeout: float | None = 900.0,
                 clock: Callable[[], float] = time.time):
        self.store, self.feeds = store, list(dict.fromkeys(feeds))
        self.fetcher = fetcher or Fetcher()
        self.interval, self.kb_dirs, self.scope, self.workers = interval, tuple(kb_dirs), scope, workers
        self.webhook, self.on_error, self.clock, self.poll_timeout = webhook, on_error, clock, poll_timeout
        self._deadline: float | None = None     # this poll's end, a time.monotonic() value
        self._started = 0.0                     # this poll's start, by `clock`
        self._handled: set[str] = set()         # the item URLs this poll tried

    def _fail(self, report: PollReport, line: str) -> None:
        report.errors.append(line)
        if self.on_error:
            self.on_error(line)

    def _late(self) -> bool:
        return self._deadline is not None and time.monotonic() >= self._deadline

    def due(self, url: str) -> bool:
        next_poll = feed_state(self.store, url).get("next_poll")
        return next_poll is None or next_poll <= self.clock()

    def poll(self, *, force: bool = False) -> PollReport:
        """Poll each due feed (every feed when `force`), ingest what is new, try again the
        items that are due (all waiting items when `force`), post alerts."""
        from .. import claims

        report = PollReport()
        since = _now()
        self._started = self.clock()
        self._handled = set()
        self._deadline = None if self.poll_timeout is None else time.monotonic() + self.poll_timeout
        forget = getattr(self.fetcher, "forget_failures", None)
        if forget:
            forget()  # a host down at the last poll is asked again
        queue = list(self.feeds)
        done: set[str] = set()
        while queue:
            url = queue.pop(0)
            if url in done or not (force or self.due(url)):
                continue
            done.add(url)
            if self._late():
                report.deferred += 1
                continue
            report.feeds += 1
            queue.extend(self._poll_feed(url, report))
        self._retry(report, force)
        if report.deferred:
            self._fail(report, f"the poll stopped at its {self.poll_timeout:g} s limit (--poll-timeout): "
                               f"{report.deferred} feed(s) or item(s) left for the next poll")
        if self.webhook and report.added:
            # the changes this poll recorded (by the time armstrack noticed them, not the news date)
            by = {"by": "ingested"} if "by" in inspect.signature(claims.alerts).parameters else {}
            found = claims.alerts(self.store, since=since, **by)
            report.alerts = len(found)
            if found:
                try:
                    claims.post_alerts(found, self.webhook, since=since)
                except Exception as exc:  # noqa: BLE001 - a dead receiver must not stop the watch
                    self._fail(report, f"webhook {self.webhook}: {exc}")
        return report

    def _get(self, url: str, **options):
        if self._deadline is None:
            return self.fetcher.get(url, **options)
        return self.fetcher.get(url, deadline=self._deadline, **options)

    def _poll_feed(self, url: str, report: PollReport) -> list[str]:
        """One feed: its new items ingested; returns the sitemaps a sitemap index names."""
        state = feed_state(self.store, url)
        failures = state.get("failures") or 0
        try:
            answer = self._get(url, accept=FEED_TYPES, etag=state.get("etag"), modified=state.get("modified"))
        except Backoff as exc:
            if self._late():  # the poll's time ran out: polled again next time, no failure counted
                report.feeds -= 1
                report.deferred += 1
                return []
            wait = max(exc.retry_after or 0.0, min(MAX_BACKOFF, self.interval * 2 ** failures))
            _save_feed(self.store, url, polled_at=_now(), failures=failures + 1, error=exc.reason,
                       next_poll=self.clock() + wait)
            self._fail(report, f"{exc}; next try in {wait:g} s")
            return []
        except IngestError as exc:
            _save_feed(self.store, url, polled_at=_now(), failures=failures + 1, error=exc.reason,
                       next_poll=self.clock() + self.interval)
            self._fail(report, str(exc))
            return []
        if answer.status == 304:
            report.not_modified += 1
            _save_feed(self.store, url, polled_at=_now(), failures=0, error=None, status=304,
                       next_poll=self.clock() + self.interval)
            return []
        try:
            items = parse_feed(answer.body, url)
        except IngestError as exc:
            _save_feed(self.store, url, polled_at=_now(), failures=failures + 1, error=exc.reason,
                       next_poll=self.clock() + self.interval)
            self._fail(report, str(exc))
            return []
        nested = [i.url for i in items if i.nested]
        fresh = [i for i in dict((i.url, i) for i in items if not i.nested).values() if not _seen(self.store, i.url)]
        report.items += len(fresh)
        self._ingest(url, fresh, report)
        # validators last: a watcher killed before this polls the feed in full again, and skips
        # the items it recorded
        _save_feed(self.store, url, etag=answer.etag, modified=answer.last_modified, polled_at=_now(),
                   failures=0, error=None, status=answer.status, next_poll=self.clock() + self.interval)
        return nested

    def _retry(self, report: PollReport, force: bool) -> None:
        """The waiting items that are due (all of them when `force`), feed by feed."""
        rows = [r for r in waiting(self.store) if r["url"] not in self._handled]
        if not force:
            rows = [r for r in rows if r["next_try"] <= self._started]
        by_feed: dict[str, list[Item]] = {}
        for row in rows:
            by_feed.setdefault(row["feed"], []).append(Item(row["url"]))
        for feed, items in by_feed.items():
            report.retried += len(items)
            self._ingest(feed, items, report)

    def _wait(self, feed: str, item: Item, exc: IngestError, retry_after: float | None) -> IngestError:
        """Record a failure that may pass: the item waits for another try, or is given up after
        MAX_TRIES; returns the error line's IngestError."""
        tries = _tries(self.store, item.url) + 1
        if tries >= MAX_TRIES:
            _record(self.store, feed, item.url, error=f"{exc.reason} (gave up after {tries} tries)", tries=tries)
            return IngestError(exc.source, f"{exc.reason}; gave up after {tries} tries")
        wait = max(retry_after or 0.0, min(MAX_BACKOFF, self.interval * 2 ** (tries - 1)))
        _record(self.store, feed, item.url, error=exc.reason, tries=tries, next_try=self._started + wait)
        return IngestError(exc.source, f"{exc.reason}; tried again in {wait:g} s (try {tries} of {MAX_TRIES})")

    def _articles(self, feed: str, items: list[Item], report: PollReport) -> Iterator:
        for item in items:
            self._handled.add(item.url)
            if self._late():  # no time left in this poll: due at the next one, no try counted
                _record(self.store, feed, item.url, error="not fetched yet: the poll ran out of time",
                        tries=_tries(self.store, item.url), next_try=self._started)
                report.deferred += 1
                continue
            if known_url(self.store, item.url):
                _record(self.store, feed, item.url, article_id=self._stored_by_url(item.url))
                report.known += 1
                continue
            try:
                yield article_from(self._get(item.url), item.url)
            except Backoff as exc:
                if self._late():
                    _record(self.store, feed, item.url, error="not fetched yet: the poll ran out of time",
                            tries=_tries(self.store, item.url), next_try=self._started)
                    report.deferred += 1
                    continue
                yield self._wait(feed, item, exc, exc.retry_after)
            except IngestError as exc:
                _record(self.store, feed, item.url, error=exc.reason)
                yield exc
            except Exception as exc:  # noqa: BLE001 - one item must never cost the feed
                yield self._wait(feed, item, IngestError(item.url, f"cannot read ({type(exc).__name__}: "
                                                                   f"{str(exc)[:200]})"), None)

    def _stored_by_url(self, url: str) -> str | None:
        row = _db(self.store).execute("SELECT id FROM articles WHERE source = ? OR url = ? LIMIT 1",
                                      (url, url)).fetchone()
        return row[0] if row else None

    def _ingest(self, feed: str, items: list[Item], report: PollReport) -> None:
        from ..pipeline import ingest_articles

        if not items:
            return

        def stored(article, article_id: str) -> None:
            _record(self.store, feed, article.source, article_id=article_id)

        def failed(line: str) -> None:
            self._fail(report, line)

        result = ingest_articles(self._articles(feed, items, report), self.store, kb_dirs=self.kb_dirs,
                                 scope=self.scope, workers=self.workers, on_stored=stored, on_error=failed)
        report.added += result.added
        report.known += result.duplicates
        report.events += result.events

    def run(self, *, stop: Callable[[], bool] = lambda: False,
            on_poll: Callable[[PollReport], None] | None = None,
            sleep: Callable[[float], None] = time.sleep) -> None:
        """Poll whenever a feed or a waiting item is due, until `stop()` says so. With
        `workers` > 1 one pool of worker processes serves every poll."""
        from ..workers import pool

        with pool():
            while not stop():
                report = self.poll()
                if on_poll and (report.feeds or report.retried):
                    on_poll(report)
                waits = [(feed_state(self.store, f).get("next_poll") or 0) - self.clock() for f in self.feeds]
                waits += [row["next_try"] - self.clock() for row in waiting(self.store)[:1]]
                sleep(max(1.0, min(waits, default=self.interval)))
