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
    again = CliRunner().invoke(cli, ["ingest", "--db", db_path, "--quiet", "--allow-private", server.url("/su35")])
    assert "0 article(s) added, 1 already stored" in again.output
    assert server.hits("/su35") == hits  # known by its URL: not fetched again
