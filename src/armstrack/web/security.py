"""What guards the web app: the write token, CSRF on forms, request size, allowed hosts.

* Writes (every POST) need the token when the app has one: `Authorization: Bearer TOKEN`, or
  the `armstrack_token` cookie that `/login` sets. `armstrack serve` refuses to listen beyond
  loopback without a token, so an open write is only ever reachable from this machine.
* Forms carry a CSRF token (double submit): every page sets a random `armstrack_csrf` cookie
  and puts the same value in its forms; a form POST whose field and cookie differ is refused.
  JSON POSTs must say `Content-Type: application/json`, which a cross-site form cannot send
  without a CORS preflight that this app never answers.
* Bodies larger than `max_body` are refused with 413 before they are read whole, whether they
  announce a Content-Length or arrive chunked.
* `private`: reads need the token too (everything but /login and /static/), for a server that
  others can reach.
* On loopback, the Host header must name loopback: a page elsewhere that rebinds its DNS name
  to 127.0.0.1 cannot read or write through the user's browser.
"""
from __future__ import annotations

import ipaddress
import json
import secrets

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
CSRF_COOKIE = "armstrack_csrf"
MAX_QUERY = 8192        # bytes of a query string (a 60,000-character q reached SQLite, issue 21)
TOKEN_COOKIE = "armstrack_token"


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


def _error_body(status: int, code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "status": status, "message": message}}).encode()


class Guard:
    """ASGI middleware: allowed hosts and the body size limit, before any route runs."""

    def __init__(self, app, *, max_body: int, allowed_hosts: tuple[str, ...] | None,
                 read_token: str | None = None):
        self.app, self.max_body, self.allowed_hosts = app, max_body, allowed_hosts
        self.read_token = read_token    # set: reads need the token too (serve --private)

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
    header = headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return same(header[7:], token)
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == TOKEN_COOKIE:
            return same(value, token)
    return False


async def _redirect(send, location: str) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode()), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


async def _reply(send, status: int, code: str, message: str) -> None:
    body = _error_body(status, code, message)
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
