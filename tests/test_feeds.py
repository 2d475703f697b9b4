"""Feeds and the watcher against a real HTTP server on a loopback port, into a real store file."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

import loopback
from armstrack.cli import cli
from armstrack.errors import IngestError
from armstrack.ingest.feeds import parse_feed
from armstrack.pipeline.watch import Watcher, feed_state, items_of, waiting
from armstrack.ingest.fetch import Fetcher

CITIES = ["Paris", "Madrid", "Berlin", "Rome", "Vienna", "Lisbon", "Oslo", "Dublin"]


def page(n: int, *, arms: bool = False) -> str:
    """A distinct English article; `arms` makes it about a delivery the gate must read."""
    body = ("Germany has delivered four IRIS-T air defence systems to Ukraine, the defence ministry "
            f"in Berlin said on Monday, adding that more would follow. (item {n})" if arms else
            f"The city council of {CITIES[n % len(CITIES)]} approved a new budget for schools and "
            f"parks on Tuesday after a long debate among its members, number {n}.")
    return (f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
            f"<p>{body}</p><p>Officials said the decision would be reviewed next year, and local "
            f"residents welcomed the plan in a series of meetings held across the area.</p>"
            f"</article></body></html>")


def rss(links: list[str]) -> str:
    items = "".join(f"<item><title>t</title><link>{link}</link></item>" for link in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'


def conditional(server, path: str, body: str, etag: str | None = None, modified: str | None = None,
                kind: str = "application/rss+xml"):
    """A feed that answers 304 to a request carrying its validator."""
    def route(request):
        if etag and request.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        if modified and request.headers.get("If-Modified-Since") == modified:
            return 304, {}, b""
        headers = {"Content-Type": kind}
        if etag:
            headers["ETag"] = etag
        if modified:
            headers["Last-Modified"] = modified
        return 200, headers, body.encode()
    server.routes[path] = route


@pytest.fixture(scope="module")
def server():
    s = loopback.start()
    yield s
    loopback.stop(s)


@pytest.fixture
def fetcher():
    with Fetcher(min_delay=0, read_timeout=1.0, connect_timeout=1.0, allow_private=True,
                 max_bytes=100_000) as f:
        yield f


# ---- parsing ------------------------------------------------------------------------------
def test_rss_atom_json_feed_and_sitemaps_parse():
    assert [i.url for i in parse_feed(rss(["http://a/1", "http://a/2"]).encode(), "f")] == ["http://a/1", "http://a/2"]
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>x</title>'
            '<link href="http://a/3"/><id>3</id><updated>2025-01-01T00:00:00Z</updated></entry></feed>')
    assert [i.url for i in parse_feed(atom.encode(), "f")] == ["http://a/3"]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "J",
            "items": [{"id": "1", "url": "http://a/4", "title": "four"}, {"id": "2", "external_url": "http://a/5"}]}
    assert [(i.url, i.title) for i in parse_feed(json.dumps(feed).encode(), "f")] == [
        ("http://a/4", "four"), ("http://a/5", None)]
    urlset = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              '<url><loc>http://a/6</loc><lastmod>2025-01-01</lastmod></url><url><loc> http://a/7 </loc></url></urlset>')
    assert [(i.url, i.nested) for i in parse_feed(urlset.encode(), "f")] == [("http://a/6", False), ("http://a/7", False)]
    index = ('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://a/s1.xml</loc>'
             '</sitemap></sitemapindex>')
    assert [(i.url, i.nested) for i in parse_feed(index.encode(), "f")] == [("http://a/s1.xml", True)]


@pytest.mark.parametrize("body, reason", [
    (b'<?xml version="1.0"?><rss version="2.0"><channel><item><link>http://a/1</link></item>', "malformed XML"),
    (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>x</loc></url', "malformed XML"),
    (b"<html><body><p>Just a page, not a feed.</p></body></html>", "not a feed"),
    (b'{"title": "no version"}', "not a feed"),
    (b'{"version": "https://jsonfeed.org/version/1", "items": [', "malformed JSON feed"),
])
def test_bad_feed_bodies_are_one_line_errors(body, reason):
    with pytest.raises(IngestError, match=reason) as info:
        parse_feed(body, "http://x/feed")
    assert str(info.value).startswith("http://x/feed: ") and "\n" not in str(info.value)


def test_entities_in_a_sitemap_are_not_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "http://evil/">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&a;x</loc></url></urlset>')
    assert all("evil" not in i.url for i in parse_feed(bomb, "f"))


# ---- polling ------------------------------------------------------------------------------
@pytest.mark.slow
def test_feed_that_changes_between_polls_with_etags_and_304s(server, fetcher, store):
    for n in range(3):
        server.page(f"/a{n}", page(n))
    conditional(server, "/feed.xml", rss([server.url("/a0"), server.url("/a1")]), etag='"v1"')
    watcher = Watcher(store, [server.url("/feed.xml")], fetcher=fetcher)
    first = watcher.poll(force=True)
    assert (first.items, first.added, first.errors) == (2, 2, [])
    assert feed_state(store, server.url("/feed.xml"))["etag"] == '"v1"'
    # unchanged: the server answers 304 to our If-None-Match, nothing is fetched
    second = watcher.poll(force=True)
    assert (second.not_modified, second.items) == (1, 0)
    # a new item: only it is fetched
    conditional(server, "/feed.xml", rss([server.url("/a2"), server.url("/a0"), server.url("/a1")]), etag='"v2"')
    third = watcher.poll(force=True)
    assert (third.items, third.added) == (1, 1)
    assert [server.hits(f"/a{n}") for n in range(3)] == [1, 1, 1]
    assert [i["url"] for i in items_of(store, server.url("/feed.xml"))] == [server.url(f"/a{n}") for n in (0, 1, 2)]
    # gated (no arms) but stored and searchable
    assert store.search("budget") and store.counts()["articles"] == 3


@pytest.mark.slow
def test_if_modified_since(server, fetcher, store):
    server.page("/m0", page(5))
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"
    conditional(server, "/mod.xml", rss([server.url("/m0")]), modified=stamp)
    watcher = Watcher(store, [server.url("/mod.xml")], fetcher=fetcher)
    assert watcher.poll(force=True).added == 1
    assert watcher.poll(force=True).not_modified == 1
    assert server.log[-1].headers.get("If-Modified-Since") == stamp


@pytest.mark.slow
def test_bad_items_are_one_line_each_and_the_feed_goes_on(server, fetcher, store):
    server.page("/ok1", page(1))
    server.page("/ok2", page(2))
    server.page("/gone", "no", status=404)
    server.page("/broken", "no", status=500)
    server.page("/pdf", b"%PDF", kind="application/pdf")
    server.page("/huge", "x" * 200_000)
    server.page("/private/p", page(3))
    server.routes["/slow"] = lambda req: (200, {"Content-Type": "text/html"}, loopback.slow(2))
    server.page("/moved", "", status=301, headers={"Location": "/ok2"})
    links = [server.url(p) for p in ("/gone", "/ok1", "/broken", "/pdf", "/huge", "/private/p", "/slow", "/moved")]
    server.page("/items.xml", rss(links), kind="application/rss+xml")
    watcher = Watcher(store, [server.url("/items.xml")], fetcher=fetcher)
    report = watcher.poll(force=True)
    assert report.added == 2
    reasons = [line.split(": ", 1)[1] if line.startswith("http") else line for line in report.errors]
    assert len(report.errors) == 6 and all("\n" not in line for line in report.errors)
    for expected in ("HTTP 404 Not Found", "HTTP 500 Internal Server Error", "content type application/pdf",
                     "page too large", "robots.txt disallows it", "read timeout"):
        assert any(expected in r for r in reasons), expected
    assert server.hits("/private/p") == 0
    # the 5xx and the timed-out items are tried again on the next poll; the others are settled
    assert any("HTTP 500 Internal Server Error; tried again in 900 s (try 1 of 8)" in r for r in reasons)
    hits = {path: server.hits(path) for path in ("/gone", "/pdf", "/huge", "/broken", "/slow")}
    again = watcher.poll(force=True)
    assert (again.items, again.retried) == (0, 2)
    assert any("HTTP 500 Internal Server Error; tried again in 1800 s (try 2 of 8)" in line for line in again.errors)
    assert {path: server.hits(path) - n for path, n in hits.items()} == {
        "/gone": 0, "/pdf": 0, "/huge": 0, "/broken": 1, "/slow": 1}


@pytest.mark.slow
def test_bad_feeds_fail_alone_and_backoff_honours_retry_after(server, fetcher, store):
    server.page("/good.xml", rss([server.url("/g0")]), kind="application/rss+xml")
    server.page("/g0", page(7))
    server.page("/missing.xml", "no", status=404)
    server.page("/down.xml", "no", status=500)
    server.page("/busy.xml", "no", status=429, headers={"Retry-After": "120"})
    server.page("/bad.xml", b"<rss><channel><item><link>x", kind="application/rss+xml")
    server.page("/notfeed.html", "<html><body>hello</body></html>")
    feeds = [server.url(p) for p in ("/missing.xml", "/down.xml", "/busy.xml", "/bad.xml", "/notfeed.html", "/good.xml")]
    now = [1000.0]
    watcher = Watcher(store, feeds, fetcher=fetcher, interval=60, clock=lambda: now[0])
    report = watcher.poll()
    assert report.added == 1 and len(report.errors) == 5
    assert any("HTTP 429 Too Many Requests (retry after 120 s); next try in 120 s" in e for e in report.errors)
    assert any("malformed XML" in e for e in report.errors) and any("not a feed" in e for e in report.errors)
    assert feed_state(store, server.url("/busy.xml"))["next_poll"] == 1120.0
    assert feed_state(store, server.url("/down.xml"))["next_poll"] == 1060.0   # interval x 2^0
    now[0] = 1061.0  # the 5xx feed is due again, the 429 one is not
    before = server.hits("/busy.xml")
    watcher.poll()
    assert server.hits("/busy.xml") == before
    assert feed_state(store, server.url("/down.xml"))["failures"] == 2
    assert feed_state(store, server.url("/down.xml"))["next_poll"] == 1061.0 + 120  # backed off x2


@pytest.mark.slow
def test_watch_once_cli_and_webhook_alerts(server, db_path):
    server.page("/arms", page(1, arms=True))
    server.page("/city", page(2))
    server.page("/w.xml", rss([server.url("/arms"), server.url("/city")]), kind="application/rss+xml")
    server.page("/gone.xml", "no", status=404)
    result = CliRunner().invoke(cli, ["watch", "--db", db_path, "--once", "--min-delay", "0", "--allow-private",
                                      "--webhook", server.url("/hook"), server.url("/gone.xml"), server.url("/w.xml")])
    assert result.exit_code == 1  # one feed failed
    assert f"error: {server.url('/gone.xml')}: HTTP 404 Not Found" in result.output
    assert "2 article(s) added" in result.output
    [(path, body)] = [p for p in server.posts if p[0] == "/hook"]
    alerts = json.loads(body)["alerts"]
    assert {(a["supplier"], a["recipient"]) for a in alerts} == {("DEU", "UKR")}
    with_gate = CliRunner().invoke(cli, ["events", "--db", db_path, "--type", "TRANSFER", "--json"]).output
    assert [json.loads(line)["item"]["name"] for line in with_gate.splitlines()] == ["IRIS-T SLM"]


@pytest.mark.slow
def test_a_killed_watcher_resumes_without_refetching(server, db_path):
    """SIGKILL a real watcher mid-run; the next one fetches only what the first did not store."""
    links = []
    for n in range(8):
        server.page(f"/k{n}", page(10 + n))
        links.append(server.url(f"/k{n}"))
    server.page("/kill.xml", rss(links), kind="application/rss+xml")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # one request a second per host: the kill lands while items are still being fetched
    watcher = subprocess.Popen([sys.executable, "-m", "armstrack", "watch", "--db", db_path, "--interval", "3600",
                                "--min-delay", "0.4", "--allow-private", server.url("/kill.xml")],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored_before = []
    try:
        deadline = time.monotonic() + 60

        while time.monotonic() < deadline:
            time.sleep(0.2)
            try:
                with sqlite3.connect(db_path) as db:
                    stored_before = [r[0] for r in db.execute("SELECT url FROM feed_items WHERE article_id IS NOT NULL")]
            except sqlite3.Error:
                continue
            if stored_before:
                break
        watcher.send_signal(signal.SIGKILL)
    finally:
        watcher.wait(10)
    assert stored_before and len(stored_before) < 8
    hits = {link: server.hits(link[len(server.base):]) for link in links}
    result = CliRunner().invoke(cli, ["watch", "--db", db_path, "--once", "--min-delay", "0", "--allow-private",
                                      server.url("/kill.xml")])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db_path) as db:
        stored = [r[0] for r in db.execute("SELECT url FROM feed_items WHERE article_id IS NOT NULL")]
        articles = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert sorted(stored) == sorted(links) and articles == 8
    for link in stored_before:  # stored before the kill: not fetched again
        assert server.hits(link[len(server.base):]) == hits[link]


@pytest.mark.slow
def test_a_watcher_keeps_one_worker_pool_for_its_lifetime(server, fetcher, store):
    import multiprocessing

    now = [0.0]
    for n in range(4):
        server.page(f"/w{n}", page(20 + n, arms=True))
    feeds = [server.url("/wa.xml"), server.url("/wb.xml")]
    watcher = Watcher(store, feeds, fetcher=fetcher, interval=60, workers=2, clock=lambda: now[0])
    polls, pools = [], []

    def on_poll(report):
        polls.append((report.feeds, report.added, report.errors))
        pools.append(sorted(p.pid for p in multiprocessing.active_children()))
        # each feed gains an item before the next poll
        server.page("/wa.xml", rss([server.url(f"/w{n}") for n in (0, 2)]), kind="application/rss+xml")
        server.page("/wb.xml", rss([server.url(f"/w{n}") for n in (1, 3)]), kind="application/rss+xml")

    server.page("/wa.xml", rss([server.url("/w0")]), kind="application/rss+xml")
    server.page("/wb.xml", rss([server.url("/w1")]), kind="application/rss+xml")

    def sleep(seconds):
        now[0] += seconds

    watcher.run(stop=lambda: len(polls) == 2, on_poll=on_poll, sleep=sleep)
    assert polls == [(2, 2, []), (2, 2, [])]
    assert len(pools[0]) == 2 and pools[0] == pools[1]  # the same two workers served both polls
    assert not multiprocessing.active_children()        # and were stopped when the watch ended
    assert sorted(e.data["type"] for e in store.events(type="TRANSFER")) == ["TRANSFER"] * 4


# ---- failures that pass, hostile hosts (issue 21) -------------------------------------------
@pytest.mark.slow
def test_items_are_stored_once_their_host_comes_back(server, store):
    """A host that refuses connections (robots.txt is the first thing asked of it), one that
    resets them and one that answers 503 all come back: every item is stored, though the feed
    itself answers 304 by then (before: 2 of 3 recorded as failed for good, never tried again)."""
    items_host = loopback.start()
    port = items_host.port
    loopback.stop(items_host)  # down: connection refused
    links = [f"http://127.0.0.1:{port}/d{n}" for n in range(3)]
    flaky = {"reset": 0, "busy": 0}

    def once(kind, then):
        def route(request):
            flaky[kind] += 1
            return loopback.RESET if kind == "reset" and flaky[kind] == 1 else \
                (503, {"Content-Type": "text/plain"}, b"busy") if flaky[kind] == 1 else then
        return route

    server.routes["/r0"] = once("reset", (200, {"Content-Type": "text/html"}, page(40).encode()))
    server.routes["/b0"] = once("busy", (200, {"Content-Type": "text/html"}, page(41).encode()))
    conditional(server, "/back.xml", rss([*links, server.url("/r0"), server.url("/b0")]), etag='"b1"')
    now = [5000.0]
    with Fetcher(min_delay=0, read_timeout=1.0, connect_timeout=1.0, allow_private=True) as fetcher:
        watcher = Watcher(store, [server.url("/back.xml")], fetcher=fetcher, interval=60, clock=lambda: now[0])
        first = watcher.poll()
        assert (first.items, first.added) == (5, 0)
        assert first.errors[0] == (f"{links[0]}: connection refused by 127.0.0.1:{port} (no server listening "
                                   "there); tried again in 60 s (try 1 of 8)")
        assert all("robots.txt" not in line for line in first.errors)
        assert any(line.startswith(f"{server.url('/r0')}: connection reset by 127.0.0.1") for line in first.errors)
        assert any(line.startswith(f"{server.url('/b0')}: HTTP 503 Service Unavailable") for line in first.errors)
        assert sorted(r["url"] for r in waiting(store)) == sorted([*links, server.url("/r0"), server.url("/b0")])
        assert all(r["next_try"] == 5060.0 and r["tries"] == 1 for r in waiting(store))

        back = loopback.start(port=port)  # the host is back, on the same port
        try:
            for n in range(3):
                back.page(f"/d{n}", page(30 + n))
            now[0] += 30  # not due yet: nothing is asked
            assert watcher.poll().retried == 0 and back.log == []
            now[0] += 31
            second = watcher.poll()
        finally:
            loopback.stop(back)
    assert (second.not_modified, second.retried, second.added, second.errors) == (1, 5, 5, [])
    assert waiting(store) == []
    stored = {i["url"]: i["article_id"] for i in items_of(store, server.url("/back.xml"))}
    assert all(stored.values()) and store.counts()["articles"] == 5


@pytest.mark.slow
def test_an_item_that_keeps_failing_is_given_up(server, fetcher, store):
    server.page("/always503", "no", status=503)
    server.page("/g.xml", rss([server.url("/always503")]), kind="application/rss+xml")
    watcher = Watcher(store, [server.url("/g.xml")], fetcher=fetcher)
    lines = [watcher.poll(force=True).errors for _ in range(9)]
    assert lines[0] == [f"{server.url('/always503')}: HTTP 503 Service Unavailable; tried again in 900 s (try 1 of 8)"]
    assert lines[7] == [f"{server.url('/always503')}: HTTP 503 Service Unavailable; gave up after 8 tries"]
    assert lines[8] == [] and server.hits("/always503") == 8
    [item] = items_of(store, server.url("/g.xml"))
    assert (item["error"], item["next_try"]) == ("HTTP 503 Service Unavailable (gave up after 8 tries)", None)


@pytest.mark.slow
def test_a_poll_ends_at_its_deadline_and_the_next_one_goes_on(store):
    """Items on a host that trickles bytes: the poll stops at its limit, the items it had no
    time for wait without a try counted, and the next poll fetches them."""
    slow = loopback.start()
    try:
        for n in range(4):
            slow.routes[f"/s{n}"] = lambda req: (200, {"Content-Type": "text/html"},
                                                 loopback.trickle(4, every=0.3, head=b"<html><p>"))
        slow.page("/slow.xml", rss([slow.url(f"/s{n}") for n in range(4)]), kind="application/rss+xml")
        with Fetcher(min_delay=0, read_timeout=1.0, connect_timeout=1.0, timeout=10, allow_private=True) as fetcher:
            watcher = Watcher(store, [slow.url("/slow.xml")], fetcher=fetcher, poll_timeout=1.5)
            began = time.monotonic()
            report = watcher.poll(force=True)
            assert time.monotonic() - began < 3
            assert report.errors == ["the poll stopped at its 1.5 s limit (--poll-timeout): 4 feed(s) or item(s) "
                                     "left for the next poll"]
            assert [(r["tries"], r["error"]) for r in waiting(store)] == [(0, "not fetched yet: the poll ran out of time")] * 4
            for n in range(4):
                slow.page(f"/s{n}", page(50 + n))
            watcher.poll_timeout = 60
            again = watcher.poll(force=True)
        assert (again.retried, again.added, again.errors) == (4, 4, [])
    finally:
        loopback.stop(slow)


@pytest.mark.slow
def test_watch_once_ends_in_time_and_memory_against_hostile_hosts(tmp_path):
    """`watch --once` against a feed that trickles a byte every half second, a robots.txt that
    does, a 512 MB gzip robots.txt and an item page that is one, in a process allowed 1.5 GB of
    address space: it ends soon after its per-request limit, each a line, well under the cap
    (before: it ran for as long as the trickles did, and a robots bomb took it to gigabytes)."""
    import resource

    bomb = loopback.gzip_bomb(512 << 20)
    hosts = [loopback.start() for _ in range(4)]
    trickling, robots_trickling, robots_bomb, plain = hosts
    try:
        trickling.routes["/feed.xml"] = lambda req: (200, {"Content-Type": "application/rss+xml"},
                                                      loopback.trickle(40, head=b"<?xml version='1.0'?><rss>"))
        robots_trickling.routes["/robots.txt"] = lambda req: (200, {"Content-Type": "text/plain"},
                                                              loopback.trickle(40, head=b"User-agent: *\n"))
        robots_trickling.page("/feed.xml", rss([]), kind="application/rss+xml")
        robots_bomb.routes["/robots.txt"] = lambda req: (200, {"Content-Type": "text/plain",
                                                               "Content-Encoding": "gzip"}, bomb)
        robots_bomb.page("/feed.xml", rss([]), kind="application/rss+xml")
        plain.routes["/bomb"] = lambda req: (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb)
        plain.routes["/drip"] = lambda req: (200, {"Content-Type": "text/html"}, loopback.trickle(40, head=b"<p>"))
        plain.page("/feed.xml", rss([plain.url("/bomb"), plain.url("/drip")]), kind="application/rss+xml")
        feeds = [h.url("/feed.xml") for h in hosts]

        def cap():
            resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))

        began = time.monotonic()
        watch = subprocess.Popen([sys.executable, "-m", "armstrack", "watch", "--db", str(tmp_path / "w.db"), "--once",
                                  "--allow-private", "--min-delay", "0", "--timeout", "2", "--poll-timeout", "30", *feeds],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=cap)
        try:
            out, err = watch.communicate(timeout=35)
        finally:
            watch.kill()
        elapsed = time.monotonic() - began
    finally:
        for host in hosts:
            loopback.stop(host)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # the largest child so far
    assert watch.returncode == 1 and "Traceback" not in err, err
    lines = sorted(err.splitlines())
    assert lines == sorted([
        f"error: {feeds[0]}: not done within 2 s (the total limit per request, --timeout); next try in 900 s",
        f"error: {feeds[1]}: not done within 2 s (the total limit per request, --timeout); next try in 900 s",
        f"error: {plain.url('/bomb')}: page too large (> 5.0 MB limit once gzip-decoded; raise --max-bytes)",
        f"error: {plain.url('/drip')}: not done within 2 s (the total limit per request, --timeout); "
        "tried again in 900 s (try 1 of 8)",
    ]), err
    assert "4 feed(s) polled" in out
    assert elapsed < 20, elapsed
    assert peak < 700 << 20, f"{peak / 2**20:.0f} MB"
    print(f"watch --once: {elapsed:.1f} s, peak RSS of the children so far {peak / 2**20:.0f} MB")


@pytest.mark.parametrize("body", [b"<!DOCTYPE html><html><body><p>News</p></body></html>",
                                  b"\xef\xbb\xbf\n  <html lang='en'><head></head></html>",
                                  b"<!-- served by nginx --><!doctype html><html></html>"])
def test_an_html_page_is_not_a_feed_and_says_so(body):
    """'watch' on a news site's home page said 'malformed XML' (issue 24)."""
    with pytest.raises(IngestError, match="not a feed: an HTML page"):
        parse_feed(body, "http://news.example/")


def test_watch_once_counts_the_alerts_it_raised_without_a_webhook(server, db_path):
    """'watch --once' printed '0 alert(s)' while 'alerts' listed a new pair from that poll."""
    server.page("/arms2", page(1, arms=True))
    server.page("/a.xml", rss([server.url("/arms2")]), kind="application/rss+xml")
    result = CliRunner().invoke(cli, ["watch", "--db", db_path, "--once", "--min-delay", "0", "--allow-private",
                                      server.url("/a.xml")])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(cli, ["alerts", "--db", db_path, "--ingested-since", "2000-01-01", "--json"])
    count = len(listed.output.splitlines())
    assert count >= 1 and f"{count} alert(s)" in result.output
