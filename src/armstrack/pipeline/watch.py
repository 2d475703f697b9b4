"""Watch RSS, Atom, JSON Feed and sitemaps: fetch, gate, extract and store what is new.

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
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .. import claims
from ..errors import IngestError
from ..ingest.feeds import FEED_TYPES, Item, parse_feed
from ..ingest.fetch import Backoff, Fetcher, article_from, known_url
from ..settings import Settings, takes_settings
from ..store.feeds import (_now, feed_state, item_tries, items_of, record_item, save_feed, seen_item,
                           stored_by_url, waiting)
from .batch import ingest_articles
from .workers import pool

MAX_BACKOFF = 3600.0
MAX_TRIES = 8               # an item whose failures may pass is given up after this many tries

__all__ = ["MAX_BACKOFF", "MAX_TRIES", "PollReport", "Watcher", "feed_state", "items_of", "waiting"]


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
class Watcher:
    """Polls feeds into a store. `poll()` polls every feed that is due once, and tries again
    the items that are due; `run()` repeats. A poll ends by `poll_timeout` seconds (None: no
    limit). `settings` (or `kb_dirs`, `scope`, `workers` as keywords) as for `ingest`; what
    may be fetched (`max_bytes`, `allow_private`) is the `fetcher`'s, which the caller builds
    (`armstrack watch` from the same settings)."""

    @takes_settings("kb_dirs", "scope", "workers")
    def __init__(self, store, feeds: Iterable[str], *, settings: Settings, fetcher: Fetcher | None = None,
                 interval: float = 900.0, webhook: str | None = None,
                 on_error: Callable[[str], None] | None = None, poll_timeout: float | None = 900.0,
                 clock: Callable[[], float] = time.time):
        self.store, self.feeds, self.settings = store, list(dict.fromkeys(feeds)), settings
        self.fetcher = fetcher or Fetcher()
        self.interval = interval
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
        if report.added:
            # the changes this poll recorded (by the time armstrack noticed them, not the news
            # date), counted with or without a webhook: `alerts` lists the same ones
            by = {"by": "ingested"} if "by" in inspect.signature(claims.alerts).parameters else {}
            found = claims.alerts(self.store, since=since, **by)
            report.alerts = len(found)
            if found and self.webhook:
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
            save_feed(self.store, url, polled_at=_now(), failures=failures + 1, error=exc.reason,
                       next_poll=self.clock() + wait)
            self._fail(report, f"{exc}; next try in {wait:g} s")
            return []
        except IngestError as exc:
            save_feed(self.store, url, polled_at=_now(), failures=failures + 1, error=exc.reason,
                       next_poll=self.clock() + self.interval)
            self._fail(report, str(exc))
            return []
        if answer.status == 304:
            report.not_modified += 1
            save_feed(self.store, url, polled_at=_now(), failures=0, error=None, status=304,
                       next_poll=self.clock() + self.interval)
            return []
        try:
            items = parse_feed(answer.body, url)
        except IngestError as exc:
            save_feed(self.store, url, polled_at=_now(), failures=failures + 1, error=exc.reason,
                       next_poll=self.clock() + self.interval)
            self._fail(report, str(exc))
            return []
        nested = [i.url for i in items if i.nested]
        fresh = [i for i in dict((i.url, i) for i in items if not i.nested).values() if not seen_item(self.store, i.url)]
        report.items += len(fresh)
        self._ingest(url, fresh, report)
        # validators last: a watcher killed before this polls the feed in full again, and skips
        # the items it recorded
        save_feed(self.store, url, etag=answer.etag, modified=answer.last_modified, polled_at=_now(),
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
        tries = item_tries(self.store, item.url) + 1
        if tries >= MAX_TRIES:
            record_item(self.store, feed, item.url, error=f"{exc.reason} (gave up after {tries} tries)", tries=tries)
            return IngestError(exc.source, f"{exc.reason}; gave up after {tries} tries")
        wait = max(retry_after or 0.0, min(MAX_BACKOFF, self.interval * 2 ** (tries - 1)))
        record_item(self.store, feed, item.url, error=exc.reason, tries=tries, next_try=self._started + wait)
        return IngestError(exc.source, f"{exc.reason}; tried again in {wait:g} s (try {tries} of {MAX_TRIES})")

    def _articles(self, feed: str, items: list[Item], report: PollReport) -> Iterator:
        for item in items:
            self._handled.add(item.url)
            if self._late():  # no time left in this poll: due at the next one, no try counted
                record_item(self.store, feed, item.url, error="not fetched yet: the poll ran out of time",
                        tries=item_tries(self.store, item.url), next_try=self._started)
                report.deferred += 1
                continue
            if known_url(self.store, item.url):
                record_item(self.store, feed, item.url, article_id=stored_by_url(self.store, item.url))
                report.known += 1
                continue
            try:
                yield article_from(self._get(item.url), item.url)
            except Backoff as exc:
                if self._late():
                    record_item(self.store, feed, item.url, error="not fetched yet: the poll ran out of time",
                            tries=item_tries(self.store, item.url), next_try=self._started)
                    report.deferred += 1
                    continue
                yield self._wait(feed, item, exc, exc.retry_after)
            except IngestError as exc:
                record_item(self.store, feed, item.url, error=exc.reason)
                yield exc
            except Exception as exc:  # noqa: BLE001 - one item must never cost the feed
                yield self._wait(feed, item, IngestError(item.url, f"cannot read ({type(exc).__name__}: "
                                                                   f"{str(exc)[:200]})"), None)

    def _ingest(self, feed: str, items: list[Item], report: PollReport) -> None:
        if not items:
            return

        def stored(article, article_id: str) -> None:
            record_item(self.store, feed, article.source, article_id=article_id)

        def failed(line: str) -> None:
            self._fail(report, line)

        result = ingest_articles(self._articles(feed, items, report), self.store, settings=self.settings,
                                 on_stored=stored, on_error=failed)
        report.added += result.added
        report.known += result.duplicates
        report.events += result.events

    def run(self, *, stop: Callable[[], bool] = lambda: False,
            on_poll: Callable[[PollReport], None] | None = None,
            sleep: Callable[[float], None] = time.sleep) -> None:
        """Poll whenever a feed or a waiting item is due, until `stop()` says so. With
        `workers` > 1 one pool of worker processes serves every poll."""
        with pool():
            while not stop():
                report = self.poll()
                if on_poll and (report.feeds or report.retried):
                    on_poll(report)
                waits = [(feed_state(self.store, f).get("next_poll") or 0) - self.clock() for f in self.feeds]
                waits += [row["next_try"] - self.clock() for row in waiting(self.store)[:1]]
                sleep(max(1.0, min(waits, default=self.interval)))
