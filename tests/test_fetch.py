"""URL ingest against a real HTTP server on a loopback port."""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

import loopback
from armstrack.cli import cli
from armstrack.errors import IngestError
from armstrack.ingest import read_sources
from armstrack.ingest.fetch import USER_AGENT, Backoff, Fetcher, fetch_article, is_url, retry_after

PAGE = """<!doctype html><html><head><title>Russia delivers Su-35 jets to Iran | Example Wire</title>
<link rel="canonical" href="https://example.org/news/su35">
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2025-03-04T10:00:00Z">
</head><body><nav>Home | World | Sport</nav><article><h1>Russia delivers Su-35 jets to Iran</h1>
<p>TEHRAN, March 4 (Example Wire) - Russia has delivered the first batch of Su-35 fighter jets to
Iran, two officials told Example Wire on Tuesday, in a deal that has worried Western capitals.</p>
<p>The aircraft landed at an air base near the capital, the officials said, adding that more
jets would follow later in the year under the agreement signed in 2023.</p></article>
<footer>Copyright Example Wire</footer></body></html>"""


@pytest.fixture(scope="module")
def server():
    s = loopback.start()
    yield s
    loopback.stop(s)


@pytest.fixture
def fetcher():
    with Fetcher(min_delay=0, read_timeout=1.0, connect_timeout=1.0, allow_private=True,
                 max_bytes=200_000) as f:
        yield f


def test_page_text_and_metadata(server, fetcher):
    server.page("/su35", PAGE)
    article = fetch_article(server.url("/su35"), fetcher)
    assert "delivered the first batch of Su-35 fighter jets" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text
    assert article.url == "https://example.org/news/su35"  # the canonical address
    assert article.outlet == "Example Wire"
    assert article.published.isoformat() == "2025-03-04"
    assert article.title.startswith("Russia delivers Su-35 jets to Iran")
    assert article.source == server.url("/su35")
    seen = [s for s in server.log if s.path == "/su35"][-1]
    assert seen.headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("armstrack/")


def test_plain_text_page(server, fetcher):
    server.page("/note.txt", "title: Drones for Russia\n\nIran has sent hundreds of drones to Russia, "
                "officials in Kyiv said on Monday.", kind="text/plain")
    article = fetch_article(server.url("/note.txt"), fetcher)
    assert article.title == "Drones for Russia" and article.url == server.url("/note.txt")


def test_redirects_followed_and_bounded(server, fetcher):
    server.page("/moved", "", status=301, headers={"Location": "/su35"})
    server.page("/su35", PAGE)
    assert "Su-35" in fetch_article(server.url("/moved"), fetcher).text
    server.page("/loop", "", status=302, headers={"Location": "/loop"})
    with pytest.raises(IngestError, match="more than 5 redirects"):
        fetcher.get(server.url("/loop"))


@pytest.mark.parametrize("status, kind, match", [
    (404, IngestError, r"HTTP 404 Not Found"),
    (500, Backoff, r"HTTP 500 Internal Server Error"),
    (429, Backoff, r"HTTP 429 Too Many Requests \(retry after 7 s\)"),
])
def test_http_errors(server, fetcher, status, kind, match):
    server.page(f"/e{status}", "no", status=status, headers={"Retry-After": "7"})
    with pytest.raises(kind, match=match) as info:
        fetcher.get(server.url(f"/e{status}"))
    assert "\n" not in str(info.value)
    if status == 429:
        assert info.value.retry_after == 7


def test_retry_after_as_date():
    assert retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412500.0) == 10.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_slow_response_times_out(server, fetcher):
    server.routes["/slow"] = lambda req: (200, {"Content-Type": "text/html"}, loopback.slow(3))
    began = time.monotonic()
    with pytest.raises(IngestError, match=r"no data for 1 s \(read timeout\)"):
        fetcher.get(server.url("/slow"))
    assert time.monotonic() - began < 2.5


def test_huge_bodies_stop_at_the_cap(server, fetcher):
    server.page("/big", "x" * 300_000)  # Content-Length says so: refused before reading
    with pytest.raises(IngestError, match=r"page too large \(0.3 MB > 0.2 MB limit"):
        fetcher.get(server.url("/big"))
    server.routes["/endless"] = lambda req: (200, {"Content-Type": "text/html"}, loopback.endless())
    with pytest.raises(IngestError, match=r"page too large \(> 0.2 MB limit"):
        fetcher.get(server.url("/endless"))


def test_non_html_body_refused(server, fetcher):
    server.page("/report.pdf", b"%PDF-1.4 ...", kind="application/pdf")
    with pytest.raises(IngestError, match="content type application/pdf is not one armstrack reads"):
        fetch_article(server.url("/report.pdf"), fetcher)


def test_robots_disallow_is_respected_and_cached(server, fetcher):
    server.page("/private/x", PAGE)
    before = server.hits("/robots.txt")
    with pytest.raises(IngestError, match="robots.txt disallows it"):
        fetcher.get(server.url("/private/x"))
    fetcher.get(server.url("/su35"))
    assert server.hits("/private/x") == 0
    assert server.hits("/robots.txt") - before <= 1  # one robots.txt per host, cached


def test_every_redirect_hop_obeys_robots_txt(server, fetcher):
    """A redirect into a disallowed path, on the same host or another, is not followed; the
    other host's robots.txt is read before anything else is asked of it."""
    other = loopback.start()
    try:
        other.page("/private/y", PAGE)
        server.page("/to-private", "", status=302, headers={"Location": "/private/x"})
        server.page("/to-other", "", status=301, headers={"Location": other.url("/private/y")})
        with pytest.raises(IngestError, match=r"to-private: not fetched \(redirected to http://127.0.0.1:\d+"
                                              r"/private/x\): robots.txt disallows it for armstrack"):
            fetcher.get(server.url("/to-private"))
        with pytest.raises(IngestError, match=r"not fetched \(redirected to .*/private/y\): robots.txt disallows"):
            fetcher.get(server.url("/to-other"))
        assert server.hits("/private/x") == 0 and other.hits("/private/y") == 0
        assert [s.path for s in other.log] == ["/robots.txt"]
        other.page("/open", PAGE)
        server.page("/to-open", "", status=307, headers={"Location": other.url("/open")})
        answer = fetcher.get(server.url("/to-open"))
        assert answer.url == other.url("/open") and b"Su-35" in answer.body
        assert [s.path for s in other.log] == ["/robots.txt", "/open"]  # robots.txt read once
    finally:
        loopback.stop(other)


def test_user_agent_names_armstrack_and_its_version():
    from importlib.metadata import version

    assert USER_AGENT.startswith(f"armstrack/{version('armstrack')} (")
    assert "github.com/armstrack" not in USER_AGENT  # no made-up address


def test_is_url():
    assert is_url("https://example.org/a") and is_url("HTTP://x")
    assert not is_url("examples/a.txt") and not is_url("ftp://x") and not is_url(None)


def test_read_sources_urls_beside_files(server, tmp_path):
    server.page("/su35", PAGE)
    server.page("/gone", "no", status=404)
    text = tmp_path / "a.txt"
    text.write_text("India delivered BrahMos missiles to the Philippines on Jan. 10, officials said.")
    items = list(read_sources([server.url("/gone"), server.url("/su35"), str(text)], allow_private=True))
    assert [type(i).__name__ for i in items] == ["IngestError", "Article", "Article"]
    # the address is kept whole (a Path would fold "http://" to "http:/")
    assert str(items[0]) == f"{server.url('/gone')}: HTTP 404 Not Found"


@pytest.mark.slow
def test_cli_ingest_urls(server, db_path):
    server.page("/su35", PAGE)
    server.page("/gone", "no", status=404)
    server.page("/bin", b"\x00\x01", kind="application/octet-stream")
    result = CliRunner().invoke(cli, ["ingest", "--db", db_path, "--quiet", "--allow-private", server.url("/gone"),
                                      server.url("/su35"), server.url("/bin")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {server.url('/gone')}: HTTP 404 Not Found",
                      f"error: {server.url('/bin')}: content type application/octet-stream is not one "
                      "armstrack reads (text/html, application/xhtml+xml, text/plain)"]
    assert "1 article(s) added" in result.output
    hits = server.hits("/su35")
    # without --allow-private a loopback address is refused, with a line saying how to allow it
    gone = server.hits("/gone")
    refused = CliRunner().invoke(cli, ["ingest", "--db", db_path, "--quiet", server.url("/gone")])
    assert refused.exit_code == 1 and server.hits("/gone") == gone
    assert f"error: {server.url('/gone')}: not fetched: 127.0.0.1 is a loopback address; pass --allow-private" \
        in refused.output
    again = CliRunner().invoke(cli, ["ingest", "--db", db_path, "--quiet", "--allow-private", server.url("/su35")])
    assert "0 article(s) added, 1 already stored" in again.output
    assert server.hits("/su35") == hits  # known by its URL: not fetched again


# ---- hostile and failing hosts (issue 21) ---------------------------------------------------
def _slow_fetcher(**options) -> Fetcher:
    return Fetcher(min_delay=0, read_timeout=1.0, connect_timeout=1.0, timeout=1.5, allow_private=True, **options)


@pytest.mark.parametrize("where", ["robots.txt", "headers", "body"])
def test_a_trickling_host_is_cut_at_the_total_deadline(where):
    """One byte every 0.3 s never trips the 1 s read timeout; the 1.5 s total does, whether
    robots.txt, the answer's headers or its body trickles (before: 6 s, the whole trickle)."""
    host = loopback.start()
    try:
        host.page("/page", PAGE)
        trickling = (200, {"Content-Type": "text/plain"}, loopback.trickle(6, every=0.3))
        if where == "robots.txt":
            host.routes["/robots.txt"] = lambda req: trickling
        elif where == "headers":  # a status line and headers that never end
            host.routes["/page"] = _trickle_head
        else:
            host.routes["/page"] = lambda req: (200, {"Content-Type": "text/html"},
                                                loopback.trickle(6, every=0.3, head=b"<html><p>"))
        with _slow_fetcher() as fetcher:
            began = time.monotonic()
            with pytest.raises(Backoff, match=r"/page: not done within 1.5 s \(the total limit per request, "
                                              r"--timeout\)"):
                fetcher.get(host.url("/page"))
            assert time.monotonic() - began < 2.5
    finally:
        loopback.stop(host)


def _trickle_head(request):
    """Write the status line and then header bytes one at a time, never ending the headers."""
    out = request.wfile
    out.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: ")
    out.flush()
    end = time.monotonic() + 6
    try:
        while time.monotonic() < end:
            out.write(b"a")
            out.flush()
            time.sleep(0.3)
    except OSError:
        pass
    return loopback.RESET


@pytest.fixture(scope="module")
def bombs():
    """100 MB of zeros gzipped (about 100 KB)."""
    return loopback.gzip_bomb(100_000_000)


@pytest.mark.parametrize("where", ["robots.txt", "page"])
def test_gzip_bombs_are_capped_while_decompressing(bombs, where):
    """A gzip body is decoded a bounded piece at a time: a robots.txt is cut at 500 KiB and a
    page refused past --max-bytes, holding a few megabytes at most (before: the whole 100 MB
    in memory, robots.txt three times over)."""
    import tracemalloc

    host = loopback.start()
    try:
        bomb = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bombs)
        host.routes["/robots.txt" if where == "robots.txt" else "/bomb"] = lambda req: bomb
        host.page("/page", PAGE)
        with _slow_fetcher(max_bytes=200_000) as fetcher:
            tracemalloc.start()
            try:
                if where == "robots.txt":  # zeros: no rule, so the page may be fetched
                    assert b"Su-35" in fetcher.get(host.url("/page")).body
                else:
                    with pytest.raises(IngestError, match=r"/bomb: page too large \(> 0.2 MB limit once gzip-decoded; "
                                                          r"raise --max-bytes\)") as info:
                        fetcher.get(host.url("/bomb"))
                    assert not isinstance(info.value, Backoff)  # final: not tried again
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        assert peak < 5_000_000, f"{peak / 1e6:.1f} MB held"
    finally:
        loopback.stop(host)


def test_gzip_pages_and_the_cap_on_the_compressed_size(server, fetcher):
    import gzip
    import os

    server.page("/zipped", gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
    assert fetcher.get(server.url("/zipped")).body == PAGE.encode()
    # past the cap as sent, though it would decompress to less (no Content-Length to refuse it by)
    noise = gzip.compress(os.urandom(300_000))
    server.routes["/noise"] = lambda req: (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                                           lambda out: out.write(noise))
    with pytest.raises(IngestError, match=r"page too large \(> 0.2 MB limit"):
        fetcher.get(server.url("/noise"))


def test_unreachable_hosts_each_get_their_own_message(server):
    """Connection refused, an unknown host and a reset are each named as such (before: all three
    were 'robots.txt could not be read'), and each is a Backoff: a later try may succeed."""
    gone = loopback.start()
    port = gone.port
    loopback.stop(gone)  # nothing listens on its port now
    server.routes["/reset"] = loopback.RESET
    with _slow_fetcher() as fetcher:
        with pytest.raises(Backoff, match=rf"^http://127.0.0.1:{port}/a: connection refused by 127.0.0.1:{port} "
                                          r"\(no server listening there\)$"):
            fetcher.get(f"http://127.0.0.1:{port}/a")
        # the same host again: not asked again within a minute (a watcher asks again next poll)
        with pytest.raises(Backoff, match=r"connection refused by .*; not asked again for 60 s$"):
            fetcher.get(f"http://127.0.0.1:{port}/b")
        with pytest.raises(Backoff, match=r"^http://no-such-host.invalid/a: unknown host no-such-host.invalid \(DNS: "):
            fetcher.get("http://no-such-host.invalid/a")
        with pytest.raises(Backoff, match=r"/reset: connection reset by 127.0.0.1$"):
            fetcher.get(server.url("/reset"))


def test_final_and_passing_failures(server, fetcher):
    """Only 404, 410, a wrong type, too large and robots.txt's no are final; 403 may pass."""
    server.page("/gone410", "no", status=410)
    server.page("/forbidden", "no", status=403)
    with pytest.raises(IngestError, match="HTTP 410 Gone") as info:
        fetcher.get(server.url("/gone410"))
    assert not isinstance(info.value, Backoff)
    with pytest.raises(Backoff, match="HTTP 403 Forbidden"):
        fetcher.get(server.url("/forbidden"))


# ---- private addresses (server-side request forgery) ---------------------------------------
@pytest.mark.parametrize("address, kind", [
    ("http://127.0.0.1:{port}/su35", "127.0.0.1 is a loopback address"),
    ("http://localhost:{port}/su35", r"localhost resolves to (127.0.0.1|::1), a loopback address"),
    ("http://[::1]:{port}/su35", "::1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]:{port}/su35", "::ffff:127.0.0.1 is a loopback address"),
    ("http://2130706433:{port}/su35", "2130706433 resolves to 127.0.0.1, a loopback address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://10.1.2.3/", "10.1.2.3 is a private address"),
    ("http://0.0.0.0:{port}/su35", "0.0.0.0 is an unspecified address"),
])
def test_private_addresses_are_refused_by_default(server, address, kind):
    """Checked on the address a connection would go to, after DNS: nothing is sent, not even
    the robots.txt request."""
    server.page("/su35", PAGE)
    before = len(server.log)
    url = address.format(port=server.port)
    with Fetcher(min_delay=0, connect_timeout=1.0) as fetcher:  # allow_private=False, the default
        with pytest.raises(IngestError, match=rf"not fetched: {kind}; pass --allow-private") as info:
            fetcher.get(url)
    assert not isinstance(info.value, Backoff) and "\n" not in str(info.value)
    assert len(server.log) == before


def test_every_redirect_hop_is_checked_for_private_addresses(server):
    """A host allowed (here 127.0.0.1 alone) that redirects to one that is not (127.0.0.2, the
    cloud metadata address) is not followed: the other host hears nothing."""
    inner = loopback.start(host="127.0.0.2")
    try:
        inner.page("/secret", PAGE)
        server.page("/to-inner", "", status=302, headers={"Location": inner.url("/secret")})
        server.page("/to-metadata", "", status=302, headers={"Location": "http://169.254.169.254/latest/"})
        server.page("/su35", PAGE)
        with Fetcher(min_delay=0, connect_timeout=1.0, allow_private=["127.0.0.1/32"]) as fetcher:
            assert b"Su-35" in fetcher.get(server.url("/su35")).body
            with pytest.raises(IngestError, match=r"/to-inner: not fetched \(redirected to http://127.0.0.2:\d+/secret\): "
                                                  r"127.0.0.2 is a loopback address; pass --allow-private"):
                fetcher.get(server.url("/to-inner"))
            with pytest.raises(IngestError, match=r"redirected to http://169.254.169.254/latest/\): "
                                                  r"169.254.169.254 is a link-local address"):
                fetcher.get(server.url("/to-metadata"))
        assert inner.log == []
    finally:
        loopback.stop(inner)
