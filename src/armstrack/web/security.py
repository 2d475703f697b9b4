"""What guards the web app: the write token, CSRF on forms, request size, allowed hosts.

* Writes (every POST) need the token when the app has one: `Authorization: Bearer TOKEN`, or
  the `armstrack_token` cookie that `/login` sets. `armstrack serve` refuses to listen beyond
  loopback without a token, or with one shorter than MIN_TOKEN characters, so an open write is
  only ever reachable from this machine.
* Every write must come from this site: a browser's `Sec-Fetch-Site` must say `same-origin` and
  its `Origin` must name this server (the Host, or the X-Forwarded-Host a proxy sets). A write
  with neither header is a program's, not a page's: with a token it must carry it as a Bearer
  header, never by cookie alone. A page on another port of the host or on a sibling subdomain
  is same-site, so the SameSite cookie went along with its form (issue 21); its Origin does not.
* Forms carry a CSRF token (double submit): every page sets an `armstrack_csrf` cookie and puts
  the same value in its forms; a form POST whose field and cookie differ is refused. The value
  is signed with a key of this server and bound to the sign-in (the token cookie), so a cookie
  another site of the same host tosses in cannot stand for the signed-in analyst's.
  JSON POSTs must say `Content-Type: application/json`, which a cross-site form cannot send
  without a CORS preflight that this app never answers.
* Wrong tokens are throttled per client (`Throttle`): after FREE_GUESSES wrong ones the client
  is locked out for 1 s, and after each further one for twice as long (up to 15 minutes); while
  locked, no token it sends is even compared (300 guesses took 0.8 s before, issue 21).
* Bodies larger than `max_body` are refused with 413 before they are read whole, whether they
  announce a Content-Length or arrive chunked.
* `private`: reads need the token too (everything but /login and /static/), for a server that
  others can reach.
* On loopback, the Host header must name loopback: a page elsewhere that rebinds its DNS name
  to 127.0.0.1 cannot read or write through the user's browser.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
import threading
import time
from collections import OrderedDict
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
CSRF_COOKIE = "armstrack_csrf"
MAX_QUERY = 8192        # bytes of a query string (a 60,000-character q reached SQLite, issue 21)
TOKEN_COOKIE = "armstrack_token"
MIN_TOKEN = 16          # characters of a token for a server beyond loopback (`--token a` was accepted)
FREE_GUESSES = 5        # wrong tokens a client may send before the lockouts start
FIRST_LOCK, LAST_LOCK = 1.0, 900.0      # seconds: the first lockout, and the longest
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or address to listen on) is this machine only."""
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and secrets.compare_digest(a.encode(), b.encode())


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CsrfTokens:
    """CSRF values signed with this server's key and bound to a session (the token cookie's
    value, "" before sign-in): `nonce.mac`. The key derives from the write token when there is
    one (every process serving it agrees), else it is random per app."""

    def __init__(self, token: str | None):
        self.key = (hashlib.sha256(b"armstrack csrf\x00" + token.encode()).digest() if token
                    else secrets.token_bytes(32))

    def mint(self, session: str) -> str:
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._mac(nonce, session)}"

    def valid(self, value: str | None, session: str) -> bool:
        nonce, _, mac = (value or "").partition(".")
        return bool(nonce and mac) and hmac.compare_digest(mac.encode(), self._mac(nonce, session).encode())

    def _mac(self, nonce: str, session: str) -> str:
        return hmac.new(self.key, f"{nonce}|{session}".encode(), hashlib.sha256).hexdigest()[:32]


class Throttle:
    """Wrong-token guesses per client. The FREE_GUESSES-th failure locks the client out for
    FIRST_LOCK seconds, and each further one for twice as long as the last, up to LAST_LOCK. A success forgets the client. Keeps at most `clients` entries (oldest dropped)."""

    def __init__(self, *, free: int = FREE_GUESSES, first: float = FIRST_LOCK, last: float = LAST_LOCK,
                 clients: int = 10_000):
        self.free, self.first, self.last, self.clients = free, first, last, clients
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, tuple[int, float]] = OrderedDict()   # client -> (failures, locked until)

    def wait(self, client: str) -> int:
        """Whole seconds `client` is still locked out for (0: it may try)."""
        with self._lock:
            _, until = self._seen.get(client, (0, 0.0))
        left = until - time.monotonic()
        return int(left) + 1 if left > 0 else 0

    def failed(self, client: str) -> None:
        with self._lock:
            failures = self._seen.pop(client, (0, 0.0))[0] + 1
            over = failures - self.free      # 0 on the last free guess: the first lockout
            until = time.monotonic() + min(self.first * 2 ** min(over, 30), self.last) if over >= 0 else 0.0
            self._seen[client] = (failures, until)
            while len(self._seen) > self.clients:
                self._seen.popitem(last=False)

    def passed(self, client: str) -> None:
        with self._lock:
            self._seen.pop(client, None)


def client_of(scope) -> str:
    """Who sent a request, for the throttle: the peer address (behind a proxy, the proxy's)."""
    return (scope.get("client") or ("?",))[0]


def presented(headers: dict[str, str]) -> tuple[str, str] | None:
    """The token a request offers: ("bearer", value) or ("cookie", value), or None."""
    header = headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return "bearer", header[7:]
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == TOKEN_COOKIE:
            return "cookie", value
    return None


def _netloc(value: str, scheme: str = "http") -> str:
    """host[:port] lower case, without the scheme's default port."""
    value = value.strip().lower()
    default = {"http": ":80", "https": ":443"}.get(scheme, "")
    return value[: -len(default)] if default and value.endswith(default) else value


def cross_site(method: str, headers: dict[str, str], *, token: str | None) -> str | None:
    """Why a write must be refused as coming from elsewhere, or None (see the module docstring)."""
    if method in SAFE_METHODS:
        return None
    site, origin = headers.get("sec-fetch-site"), headers.get("origin")
    if site is not None and site.strip().lower() not in ("same-origin", "none"):
        return f"a write from another site (Sec-Fetch-Site: {site}) is refused"
    if origin is not None:
        parts = urlsplit(origin.strip())
        here = {_netloc(h, parts.scheme) for h in (headers.get("host", ""),
                                                   headers.get("x-forwarded-host", "").split(",")[0]) if h.strip()}
        if parts.scheme not in ("http", "https") or _netloc(parts.netloc, parts.scheme) not in here:
            return f"a write from {origin[:100]!r} is refused: writes come from this server's own pages"
    elif site is None and token and (presented(headers) or ("", ""))[0] == "cookie":
        # no browser header at all, signed in by cookie only: a program must send the Bearer header
        return "a write signed in by cookie must come from this server's pages; programs send 'Authorization: Bearer TOKEN'"
    return None


def _error_body(status: int, code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "status": status, "message": message}}).encode()


class Guard:
    """ASGI middleware, before any route runs: allowed hosts, URL limits, the token throttle,
    writes from other sites, the private server's read token, the body size limit."""

    def __init__(self, app, *, max_body: int, allowed_hosts: tuple[str, ...] | None,
                 read_token: str | None = None, token: str | None = None, throttle: Throttle | None = None):
        self.app, self.max_body, self.allowed_hosts = app, max_body, allowed_hosts
        self.read_token = read_token    # set: reads need the token too (serve --private)
        self.token = token or read_token
        self.throttle = throttle or Throttle()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.allowed_hosts is not None:
            host = headers.get("host", "")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name.lower() not in self.allowed_hosts:
                return await _reply(send, 400, "bad_host", f"host {host!r} is not served here")
        query = scope.get("query_string", b"")
        if len(query) > MAX_QUERY:
            return await _reply(send, 414, "uri_too_long", f"the query string has {len(query):,} bytes; "
                                f"the limit is {MAX_QUERY:,}")
        if b"%00" in query or "\x00" in scope["path"] or b"%00" in (scope.get("raw_path") or b""):
            # neither engine stores or searches a NUL: PostgreSQL refuses it, FTS5 ends the string
            return await _reply(send, 400, "bad_request", "a NUL character (%00) is not accepted in a URL")
        offered = presented(headers) if self.token else None
        if offered is not None:
            client = client_of(scope)
            wait = self.throttle.wait(client)
            if wait:   # locked out: the token it sends is not even compared
                return await _reply(send, 429, "too_many_requests", f"too many wrong tokens from this "
                                    f"client; try again in {wait} s", headers=[(b"retry-after", str(wait).encode())])
            if same(offered[1], self.token):
                self.throttle.passed(client)
            else:
                self.throttle.failed(client)
                if offered[0] == "cookie":   # a stale sign-in (the token changed): forget it
                    send = _clearing(send, TOKEN_COOKIE)
        why = cross_site(scope["method"], headers, token=self.token)
        if why:
            return await _reply(send, 403, "cross_site", why)
        if self.read_token and not _open_path(scope["path"]) and not signed(headers, self.read_token):
            if scope["method"] == "GET" and "text/html" in headers.get("accept", ""):
                return await _redirect(send, "/login")
            return await _reply(send, 401, "unauthorized", "this server needs its token: send "
                                "'Authorization: Bearer TOKEN' or sign in at /login")
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                return await _reply(send, 400, "bad_request", "Content-Length is not a number")
            if int(length) > self.max_body:
                return await _reply(send, 413, "payload_too_large",
                                    f"request body of {int(length):,} bytes is over the limit of {self.max_body:,}")
        seen = 0
        refused = False
        started = False

        async def counted():
            # a body without Content-Length is counted as it arrives; past the limit the app is
            # told the client left, and its answer is replaced by the 413 below
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    refused = True
                    return {"type": "http.disconnect"}
            return message

        async def tracked(message):
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except Exception:
            if not refused:
                raise
        if refused and not started:
            await _reply(send, 413, "payload_too_large", f"request body is over the limit of {self.max_body:,} bytes")


def _open_path(path: str) -> bool:
    """What a private server shows before sign-in: the sign-in page and its style sheet."""
    return path == "/login" or path.startswith("/static/")


def signed(headers: dict[str, str], token: str) -> bool:
    """Whether a request carries the token: a Bearer header, or the cookie /login sets."""
    offered = presented(headers)
    return offered is not None and same(offered[1], token)


async def _redirect(send, location: str) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode()), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


def _clearing(send, cookie: str):
    """`send` with a Set-Cookie that deletes `cookie` added to the response."""
    async def sending(message):
        if message["type"] == "http.response.start":
            header = f"{cookie}=; Max-Age=0; Path=/; HttpOnly; SameSite=strict".encode()
            message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", header)]}
        await send(message)
    return sending


async def _reply(send, status: int, code: str, message: str, headers: list | None = None) -> None:
    body = _error_body(status, code, message)
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
