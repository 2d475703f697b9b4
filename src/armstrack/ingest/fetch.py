"""fetch: http(s) URLs -> Article records, politely.

One `Fetcher` serves a whole batch (or a watcher's lifetime): it keeps one httpx client, the
parsed robots.txt of every host it has asked (cached for an hour), and when it last asked each
host, so that requests to one host are at least `min_delay` seconds apart. Every failure is an
`IngestError` naming the URL and the reason in one line; `Backoff` (a subclass) says the host
asked us to slow down (429, 5xx) and when to try again.
"""
from __future__ import annotations

import email.utils
import time
import urllib.parse
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, metadata, version

import httpx

from ..errors import IngestError



def _about() -> tuple[str, str | None]:
    """The installed armstrack's version and the address its package metadata gives for it
    (a Project-URL or Home-page entry of pyproject.toml), if any."""
    try:
        meta = metadata("armstrack")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0", None
    urls = [u.split(",", 1)[-1].strip() for u in meta.get_all("Project-URL") or []] + [meta.get("Home-page")]
    return version("armstrack"), next((u for u in urls if u and u.startswith(("http://", "https://"))), None)


VERSION, PROJECT_URL = _about()
# a product token and a comment saying what reads the site; the project's address when its
# package metadata has one (none is published yet, so none is made up)
USER_AGENT = f"armstrack/{VERSION} (+{PROJECT_URL})" if PROJECT_URL else \
    f"armstrack/{VERSION} (news reader for arms-transfer research; obeys robots.txt)"

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
MAX_REDIRECTS = 5
ROBOTS_TTL = 3600.0


def is_url(value: object) -> bool:
    """True for an http:// or https:// address (checked before anything treats it as a path)."""
    return isinstance(value, str) and value[:8].lower().startswith(("http://", "https://"))


class Backoff(IngestError):
    """The host answered 429 or 5xx: try again no sooner than `retry_after` seconds."""

    def __init__(self, source: str, reason: str, retry_after: float | None):
        super().__init__(source, reason)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Response:
    url: str                    # after redirects
    status: int                 # 200, or 304 (not modified: body empty)
    content_type: str           # media type only, lower case ("text/html")
    body: bytes
    etag: str | None = None
    last_modified: str | None = None


def retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (now if now is not None else time.time()))


class Fetcher:
    """GET with redirects (at most `max_redirects`), connect/read timeouts, a size cap read as a
    stream, robots.txt and a minimum delay per host."""

    def __init__(self, *, connect_timeout: float = 10.0, read_timeout: float = 20.0,
                 max_bytes: int = 5_000_000, max_redirects: int = MAX_REDIRECTS,
                 min_delay: float = 1.0, user_agent: str = USER_AGENT,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.max_bytes, self.min_delay, self.user_agent = max_bytes, min_delay, user_agent
        self.max_redirects, self.clock, self.sleep = max_redirects, clock, sleep
        # redirects are followed here, not by httpx, so that robots.txt and the per-host delay
        # hold for every hop
        self.client = httpx.Client(follow_redirects=False, headers={"User-Agent": user_agent},
                                   timeout=httpx.Timeout(read_timeout, connect=connect_timeout))
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self._last: dict[str, float] = {}
        self.requests = 0       # how many requests went out (tests count refetches with it)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- politeness -----------------------------------------------------------------------
    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            gap = self.min_delay - (self.clock() - last)
            if gap > 0:
                self.sleep(gap)
        self._last[host] = self.clock()

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(origin)
        if cached and self.clock() - cached[0] < ROBOTS_TTL:
            return cached[1]
        parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
        self._wait_turn(parts.netloc)
        self.requests += 1
        try:
            answer = self.client.get(origin + "/robots.txt")
        except httpx.HTTPError:
            answer = None
        if answer is None or answer.status_code >= 500:
            parser = None  # unreachable: RFC 9309 says assume nothing is allowed, for now
        elif answer.status_code >= 400:
            parser.allow_all = True  # no robots.txt (or refused to us): nothing is disallowed
        else:
            parser.parse(answer.text[:500_000].splitlines())
        self._robots[origin] = (self.clock(), parser)
        return parser

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets our user agent fetch `url`."""
        parser = self._robots_for(url)
        return parser is not None and parser.can_fetch(self.user_agent, url)

    # ---- requests -------------------------------------------------------------------------
    def get(self, url: str, *, accept: tuple[str, ...] = PAGE_TYPES, etag: str | None = None,
            modified: str | None = None) -> Response:
        """GET `url`; a 304 comes back as a Response with status 304 when `etag`/`modified`
        made the request conditional. Raises IngestError (Backoff for 429 and 5xx)."""
        headers = {"Accept": ", ".join(accept) + ", */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        hop = url
        try:
            for _ in range(self.max_redirects + 1):
                self._check(url, hop)
                self._wait_turn(urllib.parse.urlsplit(hop).netloc)
                self.requests += 1
                with self.client.stream("GET", hop, headers=headers) as answer:
                    if not (answer.is_redirect and answer.headers.get("location")):
                        return self._read(url, answer, accept)
                    hop = str(answer.url.join(answer.headers["location"]))
            raise IngestError(url, f"more than {self.max_redirects} redirects")
        except httpx.ConnectTimeout:
            raise IngestError(url, f"no connection within {self.client.timeout.connect:g} s") from None
        except httpx.ReadTimeout:
            raise IngestError(url, f"no data for {self.client.timeout.read:g} s (read timeout)") from None
        except httpx.TimeoutException as exc:
            raise IngestError(url, f"timed out ({type(exc).__name__})") from None
        except httpx.HTTPError as exc:
            raise IngestError(url, f"cannot fetch ({type(exc).__name__}: {str(exc)[:200]})") from None

    def _check(self, url: str, hop: str) -> None:
        """Refuse `hop` (`url` itself, or where a redirect from it led) unless it is an http(s)
        address its host's robots.txt lets us fetch."""
        parts = urllib.parse.urlsplit(hop)
        where = "" if hop == url else f" (redirected to {hop})"
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise IngestError(url, f"not an http:// or https:// URL with a host{where}")
        if not self.allowed(hop):
            parser = self._robots.get(f"{parts.scheme}://{parts.netloc}", (0, None))[1]
            why = "robots.txt could not be read (server error or no answer)" if parser is None \
                else "robots.txt disallows it for armstrack"
            raise IngestError(url, f"not fetched{where}: {why}")

    def _read(self, url: str, answer: httpx.Response, accept: tuple[str, ...]) -> Response:
        final = str(answer.url)
        status = answer.status_code
        where = url if final == url else f"{url} (redirected to {final})"
        if status == 304:
            return Response(final, 304, "", b"", answer.headers.get("etag"), answer.headers.get("last-modified"))
        if status == 429 or status >= 500:
            wait = retry_after(answer.headers.get("retry-after"))
            raise Backoff(url, f"HTTP {status} {answer.reason_phrase}"
                               + (f" (retry after {wait:g} s)" if wait is not None else ""), wait)
        if not 200 <= status < 300:
            raise IngestError(url, f"HTTP {status} {answer.reason_phrase}")
        kind = answer.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in accept:
            raise IngestError(where, f"content type {kind or 'missing'} is not one armstrack reads "
                                     f"({', '.join(accept)})")
        length = answer.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise IngestError(where, f"page too large ({int(length) / 1e6:.1f} MB > "
                                     f"{self.max_bytes / 1e6:.1f} MB limit; raise --max-bytes)")
        body = bytearray()
        for piece in answer.iter_bytes():
            body += piece
            if len(body) > self.max_bytes:  # no length given, or a wrong one: stop reading
                raise IngestError(where, f"page too large (> {self.max_bytes / 1e6:.1f} MB limit; "
                                         "raise --max-bytes)")
        return Response(final, status, kind, bytes(body), answer.headers.get("etag"),
                        answer.headers.get("last-modified"))


def article_from(response: Response, source: str, *, encoding: str | None = None):
    """The Article of a fetched page: trafilatura's main text and metadata for HTML, the text as
    is for text/plain. The canonical URL trafilatura finds is the article's URL, else the
    address after redirects."""
    from . import read_html, read_text

    if response.content_type == "text/plain":
        article = read_text(response.body, source, encoding=encoding)
    else:
        article = read_html(response.body, source, encoding=encoding)
    if not article.url:
        from dataclasses import replace

        article = replace(article, url=response.url)
    return article


def fetch_article(url: str, fetcher: Fetcher, *, encoding: str | None = None):
    """Fetch one page and read it into an Article; raises IngestError."""
    return article_from(fetcher.get(url), url, encoding=encoding)


def read_url(url: str, fetcher: Fetcher, *, encoding: str | None = None):
    """The Article of one URL, or the IngestError saying why not (never raises)."""
    try:
        return fetch_article(url, fetcher, encoding=encoding)
    except IngestError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one source must never cost the batch
        return IngestError(url, f"cannot fetch ({type(exc).__name__}: {str(exc)[:200]})")


class Shared:
    """The caller's Fetcher, or one opened on first use and closed with `close()`."""

    def __init__(self, fetcher: Fetcher | None, **options):
        self.given, self.own, self.options = fetcher, None, options

    def get(self) -> Fetcher:
        if self.given is not None:
            return self.given
        if self.own is None:
            self.own = Fetcher(**self.options)
        return self.own

    def close(self) -> None:
        if self.own is not None:
            self.own.close()


def known_url(store, url: str) -> bool:
    """Whether an article fetched from `url` (or with it as its canonical address) is stored."""
    db = getattr(store, "db", None)
    if db is None:
        return False
    return db.execute("SELECT 1 FROM articles WHERE source = ? OR url = ? LIMIT 1", (url, url)).fetchone() is not None
