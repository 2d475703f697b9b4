"""fetch: http(s) URLs -> Article records, politely, within time and size limits.

One `Fetcher` serves a whole batch (or a watcher's lifetime): it keeps one httpx client, the
parsed robots.txt of every host it has asked (cached for an hour), and when it last asked each
host, so that requests to one host are at least `min_delay` seconds apart.

Limits (issue 21: a host trickling one byte every 5 s held `watch --once` for ever, and a 1 MB
gzip robots.txt took the watcher to 3.2 GB):

* a total deadline per request (`timeout`, robots.txt and every redirect hop included), beside
  the connect and read timeouts; the caller may pass an earlier one (a watcher's poll);
* the byte cap applied while reading, to the body as sent and to it decompressed (gzip and
  deflate are decoded here, a bounded amount at a time); robots.txt is cut at 500 KiB;
* private, loopback, link-local and other non-public addresses refused unless `allow_private`
  says otherwise, checked on the address each connection is made to, after DNS resolution,
  for robots.txt and every redirect hop alike.

Every failure is an `IngestError` naming the URL and the reason in one line. `Backoff` (a
subclass) is a failure that may pass: connection refused or reset, an unknown host, a timeout,
429, 5xx and other refusals; a later try may succeed. Plain `IngestError`s are final: HTTP 404
or 410, a content type armstrack does not read, a body past the cap, robots.txt disallowing the
URL, a refused private address, an address that is not http(s).
"""
from __future__ import annotations

import email.utils
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.request
import urllib.robotparser
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, metadata, version

import httpcore
import httpx

from ..errors import IngestError
from ..store.articles import known_url  # noqa: F401 - whether a URL is stored: the store answers
from .articles import read_html, read_text


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
ROBOTS_MAX = 500 * 1024     # RFC 9309: read at least 500 KiB; the rest is ignored
DOWN_TTL = 60.0             # a host that could not be reached is not asked again this long
PRIVATE_HINT = "pass --allow-private (allow_private=True) to fetch such addresses"


def is_url(value: object) -> bool:
    """True for an http:// or https:// address (checked before anything treats it as a path)."""
    return isinstance(value, str) and value[:8].lower().startswith(("http://", "https://"))


class Backoff(IngestError):
    """A failure that may pass (the host could not be reached, timed out, answered 429, 5xx
    or another refusal): try again later, no sooner than `retry_after` seconds when given."""

    def __init__(self, source: str, reason: str, retry_after: float | None = None):
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


# ---- addresses ------------------------------------------------------------------------------
def address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """None for a public address, else what it is ("loopback", "private", "link-local", ...)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1 (Python < 3.13 does not fold it)
    for kind in ("loopback", "link_local", "unspecified", "multicast", "private"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


class Blocked(Exception):
    """A connection refused before it was made: the host's address is not a public one."""

    def __init__(self, host: str, ip: str, kind: str):
        article = "an" if kind[0] in "aeiou" else "a"
        try:
            ipaddress.ip_address(host.strip("[]"))
            said = f"{host.strip('[]')} is {article} {kind} address"
        except ValueError:
            said = f"{host} resolves to {ip}, {article} {kind} address"
        super().__init__(said)


class _UnknownHost(httpcore.ConnectError):
    """DNS has no address for the host (a ConnectError to httpx, found again by its type: the
    connection pool drops the cause)."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.strerror = error.strerror or str(error)


class _Deadline(Exception):
    """The request's total time ran out (raised between reads, never mid-read)."""


def _resolve(host: str, port: int, timeout: float | None) -> list[tuple[int, str]]:
    """(family, address) of every address `host` has. The lookup runs in a thread so that a
    resolver that hangs costs at most `timeout`."""
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
        return [(socket.AF_INET6 if ip.version == 6 else socket.AF_INET, str(ip))]
    except ValueError:
        pass
    box: dict = {}

    def lookup() -> None:
        try:
            box["found"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            box["error"] = exc

    thread = threading.Thread(target=lookup, daemon=True, name="armstrack-dns")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise httpcore.ConnectTimeout(f"DNS lookup of {host} took longer than {timeout:g} s")
    if "error" in box:
        raise _UnknownHost(box["error"])
    return list(dict.fromkeys((family, info[0]) for family, _, _, _, info in box["found"]))


class _Guard(httpcore.NetworkBackend):
    """httpcore's socket backend with two checks: every address a connection is made to is
    a public one (unless allowed), and no connect, read or write outlasts the deadline of the
    request under way (`deadline`, per thread)."""

    def __init__(self, permits: Callable[[str], str | None]):
        self.inner, self.permits, self.local = httpcore.SyncBackend(), permits, threading.local()

    def clamp(self, timeout: float | None, late: type[Exception]) -> float | None:
        deadline = getattr(self.local, "deadline", None)
        if deadline is None:
            return timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise late("deadline")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        timeout = self.clamp(timeout, httpcore.ConnectTimeout)
        addresses = _resolve(host, port, timeout)
        refused = None
        failure: Exception | None = None
        for _, ip in addresses:
            kind = self.permits(ip)
            if kind:
                refused = refused or Blocked(host, ip, kind)
                continue
            try:  # the address itself, so what was checked is what is connected to
                stream = self.inner.connect_tcp(ip, port, self.clamp(timeout, httpcore.ConnectTimeout),
                                                local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _Timed(stream, self)
        if failure is not None:
            raise failure
        raise refused or httpcore.ConnectError(f"no address for {host}")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class _Timed(httpcore.NetworkStream):
    """A stream whose every read and write waits no longer than the request's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, guard: _Guard):
        self.stream, self.guard = stream, guard

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, self.guard.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self.guard.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        return _Timed(self.stream.start_tls(ssl_context, server_hostname,
                                            self.guard.clamp(timeout, httpcore.ConnectTimeout)), self.guard)

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


# ---- bodies ---------------------------------------------------------------------------------
class _TooLarge(Exception):
    pass


def _decoded(raw: Iterable[bytes], coding: str, limit: int) -> Iterator[bytes]:
    """The body of `raw` chunks decoded (gzip, deflate or none), never more than `limit` + 1
    bytes in hand on either side: raises _TooLarge past `limit` sent or decoded."""
    sent = 0
    inflate = None
    if coding in ("gzip", "x-gzip"):
        inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
    elif coding == "deflate":
        inflate = zlib.decompressobj(zlib.MAX_WBITS)
    out = 0
    first = True
    for chunk in raw:
        sent += len(chunk)
        if sent > limit:
            raise _TooLarge()
        if inflate is None:
            out += len(chunk)
            if out > limit:
                raise _TooLarge()
            yield chunk
            continue
        data = chunk
        while data and not inflate.eof:
            try:
                piece = inflate.decompress(data, limit - out + 1)
            except zlib.error:
                if not (first and coding == "deflate"):
                    raise
                inflate = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
                first = False
                continue
            first = False
            out += len(piece)
            if out > limit:
                raise _TooLarge()
            if piece:
                yield piece
            data = inflate.unconsumed_tail
    if inflate is not None and not inflate.eof:
        piece = inflate.flush(limit - out + 1)
        if out + len(piece) > limit:
            raise _TooLarge()
        if piece:
            yield piece


def _coding(answer: httpx.Response) -> str | None:
    """The one content coding the body is in (None: an identity body), or raise for others."""
    codings = [c.strip().lower() for c in answer.headers.get("content-encoding", "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return None
    if len(codings) > 1 or codings[0] not in ("gzip", "x-gzip", "deflate"):
        raise ValueError(", ".join(codings))
    return codings[0]


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


class Fetcher:
    """GET with redirects (at most `max_redirects`), connect/read timeouts and a total
    `timeout` per request, a size cap read as a stream, robots.txt, a minimum delay per host,
    and no private addresses unless `allow_private` (True, or the networks allowed, as
    "10.1.0.0/16" strings)."""

    def __init__(self, *, connect_timeout: float = 10.0, read_timeout: float = 20.0,
                 timeout: float | None = 60.0, max_bytes: int = 5_000_000, max_redirects: int = MAX_REDIRECTS,
                 min_delay: float = 1.0, user_agent: str = USER_AGENT,
                 allow_private: bool | Iterable[str] = False,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.max_bytes, self.min_delay, self.user_agent = max_bytes, min_delay, user_agent
        self.max_redirects, self.clock, self.sleep, self.timeout = max_redirects, clock, sleep, timeout
        if isinstance(allow_private, bool):
            self.allow_private, self._networks = allow_private, ()
        else:
            self.allow_private = False
            self._networks = tuple(ipaddress.ip_network(n, strict=False) for n in allow_private)
        # redirects are followed here, not by httpx, so that robots.txt and the per-host delay
        # hold for every hop; Accept-Encoding names only what _decoded can bound
        self.client = httpx.Client(follow_redirects=False,
                                   headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
                                   timeout=httpx.Timeout(read_timeout, connect=connect_timeout))
        self._guard = _Guard(self.permits)
        pool = getattr(getattr(self.client, "_transport", None), "_pool", None)
        if isinstance(pool, httpcore.ConnectionPool) and hasattr(pool, "_network_backend"):
            pool._network_backend = self._guard  # noqa: SLF001 - httpx has no public hook for it
            # through a proxy (HTTP_PROXY and the like) the proxy connects: the name is checked
            # before asking it
            self._precheck = bool({"http", "https", "all"} & set(urllib.request.getproxies()))
        else:  # another httpx: check the name's addresses before each request instead
            self._precheck = True
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}
        self._down: dict[str, tuple[float, Backoff]] = {}
        self._last: dict[str, float] = {}
        self.requests = 0       # how many requests went out (tests count refetches with it)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def permits(self, address: str) -> str | None:
        """None when `address` may be connected to, else its kind ("loopback", ...)."""
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        kind = address_kind(ip)
        if kind is None or self.allow_private or any(ip in net for net in self._networks
                                                     if net.version == ip.version):
            return None
        return kind

    def forget_failures(self) -> None:
        """Ask again the hosts that could not be reached (a watcher does before each poll)."""
        self._down.clear()

    # ---- politeness -----------------------------------------------------------------------
    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            gap = self.min_delay - (self.clock() - last)
            if gap > 0:
                deadline = getattr(self._guard.local, "deadline", None)
                if deadline is not None and time.monotonic() + gap > deadline:
                    raise _Deadline()
                self.sleep(gap)
        self._last[host] = self.clock()

    def _robots_for(self, url: str, source: str) -> urllib.robotparser.RobotFileParser:
        """The host's robots.txt, parsed; raises Backoff when it cannot be read (RFC 9309:
        an unreachable robots.txt means nothing may be fetched, for now)."""
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(origin)
        if cached and self.clock() - cached[0] < ROBOTS_TTL:
            return cached[1]
        parser = urllib.robotparser.RobotFileParser()
        self._wait_turn(parts.netloc)
        self.requests += 1
        with self.client.stream("GET", origin + "/robots.txt") as answer:
            status = answer.status_code
            if status == 429 or status >= 500:
                wait = retry_after(answer.headers.get("retry-after"))
                failure = Backoff(source, f"robots.txt answered HTTP {status} {answer.reason_phrase}, so "
                                          "nothing is fetched from the host until it can be read", wait)
                self._down[parts.netloc] = (self.clock(), failure)
                raise failure
            if status >= 300:
                parser.allow_all = True  # no robots.txt (or refused to us): nothing is disallowed
            else:
                try:
                    raw = _decoded(answer.iter_raw(), _coding(answer) or "", ROBOTS_MAX)
                except ValueError:  # a coding we cannot read: as an empty robots.txt
                    raw = iter(())
                body = bytearray()
                try:  # cut, not refused: a robots.txt past the cap is read up to it
                    for piece in raw:
                        body += piece
                        if len(body) >= ROBOTS_MAX:
                            break
                except (_TooLarge, zlib.error):
                    pass
                parser.parse(bytes(body[:ROBOTS_MAX]).decode("utf-8", "replace").splitlines())
        self._robots[origin] = (self.clock(), parser)
        return parser

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets our user agent fetch `url` (False when it cannot
        be read)."""
        try:
            return self._robots_for(url, url).can_fetch(self.user_agent, url)
        except (IngestError, httpx.HTTPError, Blocked):
            return False

    # ---- requests -------------------------------------------------------------------------
    def get(self, url: str, *, accept: tuple[str, ...] = PAGE_TYPES, etag: str | None = None,
            modified: str | None = None, deadline: float | None = None) -> Response:
        """GET `url`; a 304 comes back as a Response with status 304 when `etag`/`modified`
        made the request conditional. The whole request (robots.txt and redirects included)
        ends by `timeout` seconds from now, or by `deadline` (a time.monotonic() value) when
        that is sooner. Raises IngestError, or Backoff for what may pass."""
        end = None if self.timeout is None else time.monotonic() + self.timeout
        poll = deadline is not None and (end is None or deadline < end)
        if poll:
            end = deadline
        self._guard.local.deadline = end
        self._hop = url
        try:
            return self._get(url, accept, etag, modified)
        except (httpx.HTTPError, httpcore.ConnectError, httpcore.TimeoutException, Blocked, _Deadline) as exc:
            late = isinstance(exc, _Deadline) or (
                isinstance(exc, (httpx.TimeoutException, httpcore.TimeoutException))
                and ("deadline" in str(exc) or (end is not None and time.monotonic() >= end - 0.05)))
            raise self._failure(url, self._hop, exc, late=late, poll=poll) from None
        finally:
            self._guard.local.deadline = None

    def _get(self, url: str, accept: tuple[str, ...], etag: str | None, modified: str | None) -> Response:
        headers = {"Accept": ", ".join(accept) + ", */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        hop = url
        for _ in range(self.max_redirects + 1):
            self._check(url, hop)
            self._wait_turn(urllib.parse.urlsplit(hop).netloc)
            self.requests += 1
            with self.client.stream("GET", hop, headers=headers) as answer:
                if not (answer.is_redirect and answer.headers.get("location")):
                    return self._read(url, answer, accept)
                hop = self._hop = str(answer.url.join(answer.headers["location"]))
        raise Backoff(url, f"more than {self.max_redirects} redirects")

    def _failure(self, url: str, hop: str, exc: Exception, *, late: bool, poll: bool) -> IngestError:
        """The one-line IngestError (Backoff unless it is final) for what `get` raised."""
        parts = urllib.parse.urlsplit(hop)
        where = "" if hop == url else f" (redirected to {hop})"
        host = parts.hostname or "?"
        port = parts.port or (443 if parts.scheme == "https" else 80)
        chain = list(_chain(exc))
        if isinstance(exc, Blocked):
            return IngestError(url, f"not fetched{where}: {exc}; {PRIVATE_HINT}")
        down = True  # the host is not asked again for DOWN_TTL seconds
        if late:
            if poll:
                failure = Backoff(url, f"not fetched{where}: the poll reached its time limit (--poll-timeout)")
                down = False
            else:
                failure = Backoff(url, f"not done within {self.timeout:g} s{where} (the total limit "
                                       "per request, --timeout)")
        elif isinstance(exc, (httpx.ConnectTimeout, httpcore.ConnectTimeout)):
            failure = Backoff(url, f"no connection to {host}:{port} within {self.client.timeout.connect:g} s{where}")
        elif isinstance(exc, httpx.ReadTimeout):
            failure = Backoff(url, f"no data for {self.client.timeout.read:g} s (read timeout){where}")
            down = False
        elif isinstance(exc, (httpx.TimeoutException, httpcore.TimeoutException)):
            failure = Backoff(url, f"timed out{where} ({type(exc).__name__})")
        elif any(isinstance(e, (_UnknownHost, socket.gaierror)) for e in chain):
            error = next(e for e in chain if isinstance(e, (_UnknownHost, socket.gaierror)))
            failure = Backoff(url, f"unknown host {host}{where} (DNS: {error.strerror or error})")
        elif any(isinstance(e, ConnectionRefusedError) for e in chain):
            failure = Backoff(url, f"connection refused by {host}:{port}{where} (no server listening there)")
        elif any(isinstance(e, ConnectionResetError) for e in chain):
            failure = Backoff(url, f"connection reset by {host}{where}")
            down = False
        elif any(isinstance(e, ssl.SSLError) for e in chain):
            error = next(e for e in chain if isinstance(e, ssl.SSLError))
            failure = Backoff(url, f"TLS failed with {host}{where} ({getattr(error, 'reason', None) or error})")
        elif isinstance(exc, (httpx.ConnectError, httpcore.ConnectError)):
            error = next((e for e in chain if isinstance(e, OSError)), exc)
            failure = Backoff(url, f"cannot connect to {host}:{port}{where} "
                                   f"({getattr(error, 'strerror', None) or str(error)[:200]})")
        elif isinstance(exc, httpx.RemoteProtocolError):
            failure = Backoff(url, f"{host} broke off the answer{where} ({str(exc)[:200]})")
            down = False
        else:
            failure = Backoff(url, f"cannot fetch{where} ({type(exc).__name__}: {str(exc)[:200]})")
            down = False
        if down:
            self._down[parts.netloc] = (self.clock(), failure)
        return failure

    def _check(self, url: str, hop: str) -> None:
        """Refuse `hop` (`url` itself, or where a redirect from it led) unless it is an http(s)
        address of a host that answers and whose robots.txt lets us fetch it."""
        parts = urllib.parse.urlsplit(hop)
        where = "" if hop == url else f" (redirected to {hop})"
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise IngestError(url, f"not an http:// or https:// URL with a host{where}")
        down = self._down.get(parts.netloc)
        if down and self.clock() - down[0] < DOWN_TTL:
            raise Backoff(url, f"{down[1].reason}; not asked again for {DOWN_TTL:g} s", down[1].retry_after)
        if self._precheck:
            timeout = self._guard.clamp(self.client.timeout.connect, httpcore.ConnectTimeout)
            for _, ip in _resolve(parts.hostname, parts.port or 80, timeout):
                kind = self.permits(ip)
                if kind:
                    raise Blocked(parts.hostname, ip, kind)
        if not self._robots_for(hop, url).can_fetch(self.user_agent, hop):
            raise IngestError(url, f"not fetched{where}: robots.txt disallows it for armstrack")

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
        if status in (404, 410):
            raise IngestError(url, f"HTTP {status} {answer.reason_phrase}")
        if not 200 <= status < 300:
            raise Backoff(url, f"HTTP {status} {answer.reason_phrase}")
        kind = answer.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in accept:
            raise IngestError(where, f"content type {kind or 'missing'} is not one armstrack reads "
                                     f"({', '.join(accept)})")
        length = answer.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise IngestError(where, f"page too large ({int(length) / 1e6:.1f} MB > "
                                     f"{self.max_bytes / 1e6:.1f} MB limit; raise --max-bytes)")
        try:
            coding = _coding(answer)
        except ValueError as exc:
            raise Backoff(where, f"content encoding {exc} is not one armstrack reads (gzip, deflate)") from None
        body = bytearray()
        try:
            for piece in _decoded(answer.iter_raw(), coding or "", self.max_bytes):
                body += piece
        except _TooLarge:  # no length given, a wrong one, or a body that inflates past it
            raise IngestError(where, f"page too large (> {self.max_bytes / 1e6:.1f} MB limit"
                                     + (f" once {coding}-decoded" if coding else "") + "; raise --max-bytes)") from None
        except zlib.error as exc:
            raise Backoff(where, f"malformed {coding} body ({exc})") from None
        return Response(final, status, kind, bytes(body), answer.headers.get("etag"),
                        answer.headers.get("last-modified"))


def article_from(response: Response, source: str, *, encoding: str | None = None):
    """The Article of a fetched page: trafilatura's main text and metadata for HTML, the text as
    is for text/plain. The canonical URL trafilatura finds is the article's URL, else the
    address after redirects."""
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
