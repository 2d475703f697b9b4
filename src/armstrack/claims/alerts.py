"""Alerts: what changed in the claims since a date, optionally POSTed as JSON to a webhook.

Changes are recorded when claims are updated (ingest, review, rebuild): a new claim (`new_pair`
when it is the first of its supplier-recipient pair), a status change, a claim that became
contradicted, a confidence change, a new independent origin. Each carries `at`, the UTC time
armstrack noticed it, and `report_date`, the news date of the change; `alerts(since=...)` reads
by news date unless asked for `by="ingested"` (issue 11: by ingest time, an alert for 2025-05-01
listed everything stored today).

The webhook POST (issue 9, "nothing lost") goes to http or https only, follows no redirect (a
redirected POST turns into a bodiless GET, so a 3xx is an error naming its Location), and has one
deadline for the whole exchange: connect, send, and the answer's status line and headers. A
per-read timeout alone let a receiver trickling a byte every few seconds hold it for minutes.
"""
from __future__ import annotations

import http.client
import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable

from ..errors import ArmstrackError
from ..store import claims as stored
from . import db as claim_rows
from .build import connection, ensure_built
from .model import Alert

KINDS = ("new_claim", "new_pair", "status_change", "contradiction", "confidence_change", "new_origin")


def _bound(since: str, by: str) -> str:
    """`since` as the text recorded dates compare with: a full timestamp as given (ingested
    time), else any date form the query filters read (2025-05-01, 2025-05, 7d, yesterday)."""
    from ..resolve.filters import parse_since

    text = (since or "").strip()
    if by == "ingested" and "T" in text and text[:4].isdigit():
        return text
    return parse_since(text, name="since")


def alerts(store, *, since: str, by: str = "news", kinds: Iterable[str] = KINDS) -> list[Alert]:
    """The changes since a date, oldest first, each once.

    `by="news"` (the default) keeps changes whose news is dated on or after `since`: a new
    claim or a confidence or origin change by the claim's latest report date, a status change by
    the date of the report that set the status. `by="ingested"` keeps those armstrack recorded
    at or after `since` (a date, or a timestamp such as `claims.review.now()`). Changes of claims
    an analyst rejected, or that no longer exist, are left out."""
    if by not in ("news", "ingested"):
        raise ArmstrackError(f"alerts by {by!r}: choose news or ingested")
    wanted = set(kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ArmstrackError(f"unknown alert kind(s) {', '.join(sorted(unknown))}; choose from {', '.join(KINDS)}")
    bound = _bound(since, by)
    ensure_built(store)
    db = connection(store)
    found = claim_rows.changes_since(db, bound, by=by)
    live = stored.reviews_of(db, {a.claim_id for a in found})
    seen, out = set(), []
    for alert in found:
        if alert.kind not in wanted or alert.claim_id not in live or live[alert.claim_id] == "rejected":
            continue
        # a rebuild that recreates a claim records it again: the same change is told once
        key = (alert.kind, alert.claim_id, alert.status, alert.previous, alert.origin,
               alert.confidence if alert.kind == "confidence_change" else None)
        if key not in seen:
            seen.add(key)
            out.append(alert)
    return out


def payload(found: list[Alert], *, since: str) -> dict:
    """The JSON body a webhook receives, in armstrack's envelope."""
    return {"ok": True, "since": since, "count": len(found), "alerts": [a.to_dict() for a in found]}


def post_alerts(found: list[Alert], url: str, *, since: str, deadline: float = 10.0) -> int:
    """POST the alerts as one JSON document to `url`; returns the HTTP status (always 2xx).

    `deadline` bounds the whole exchange in seconds. Every failure (a refused URL, no answer in
    time, a redirect, a non-2xx answer, a broken connection) raises ArmstrackError with one line.
    """
    check_webhook(url)
    body = json.dumps(payload(found, since=since), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "User-Agent": "armstrack-alerts"})
    exchange = _Exchange()
    # the request runs in a worker so that the caller gets its answer at the deadline whatever
    # the receiver does; at the deadline the worker's sockets are shut down, which ends it too
    worker = threading.Thread(target=exchange.run, args=(request, deadline), daemon=True,
                              name="armstrack-webhook")
    worker.start()
    worker.join(deadline)
    if worker.is_alive():
        exchange.cancel()
        worker.join(1.0)
        raise ArmstrackError(f"webhook {url} did not answer within {deadline:g} s; check the receiver")
    if exchange.error is not None:
        error = _describe(exchange.error, url)
        if error is exchange.error:
            raise error
        raise error from exchange.error
    return exchange.status


def check_webhook(url: str) -> None:
    """ArmstrackError unless `url` is an http or https URL with a host (before any alert is sent)."""
    if not url:
        raise ArmstrackError("the webhook URL is empty; give an http:// or https:// URL")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError as exc:
        raise ArmstrackError(f"webhook {url!r} is not a valid URL: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        scheme = f"uses {parts.scheme}:" if parts.scheme else "has no scheme"
        raise ArmstrackError(f"webhook {url!r} {scheme}; alerts are POSTed to http:// or "
                             "https:// URLs only")
    if not parts.hostname:
        raise ArmstrackError(f"webhook {url!r} names no host; give e.g. http://127.0.0.1:8080/hook")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Never follow a redirect: the 3xx reaches the caller as an HTTPError."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class _Exchange:
    """One POST in a worker thread; remembers its connections so that cancel() can end it."""

    def __init__(self):
        self.status: int | None = None
        self.error: Exception | None = None
        self._connections: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._cancelled = False

    def _connection_class(self, base):
        exchange = self

        class Connection(base):
            def connect(self):
                with exchange._lock:
                    if exchange._cancelled:
                        raise TimeoutError("cancelled at the deadline")
                    exchange._connections.append(self)
                super().connect()
                if exchange._cancelled:  # cancel() ran while this connection was opening
                    self.close()
                    raise TimeoutError("cancelled at the deadline")
        return Connection

    def _opener(self) -> urllib.request.OpenerDirector:
        exchange = self

        class HTTPHandler(urllib.request.HTTPHandler):
            def do_open(self, http_class, req, **kwargs):
                return super().do_open(exchange._connection_class(http_class), req, **kwargs)

        class HTTPSHandler(urllib.request.HTTPSHandler):
            def do_open(self, http_class, req, **kwargs):
                return super().do_open(exchange._connection_class(http_class), req, **kwargs)

        # built by hand rather than with build_opener, which would add file:, data: and ftp:
        opener = urllib.request.OpenerDirector()
        for handler in (urllib.request.ProxyHandler(), HTTPHandler(), HTTPSHandler(),
                        urllib.request.HTTPDefaultErrorHandler(), _NoRedirect(),
                        urllib.request.HTTPErrorProcessor()):
            opener.add_handler(handler)
        return opener

    def run(self, request: urllib.request.Request, deadline: float) -> None:
        try:
            with self._opener().open(request, timeout=deadline) as response:
                self.status = response.status
        except Exception as exc:  # noqa: BLE001 (handed to the caller, which sorts it)
            if isinstance(exc, urllib.error.HTTPError):
                exc.close()  # its headers stay readable
            self.error = exc

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            connections = list(self._connections)
        for connection in connections:
            sock = connection.sock
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def _describe(exc: Exception, url: str) -> Exception:
    """The one-line ArmstrackError for a failed POST; an unexpected exception is returned as is."""
    if isinstance(exc, urllib.error.HTTPError):
        reason = f"{exc.code} {exc.reason}".strip()
        if 300 <= exc.code < 400:
            location = exc.headers.get("Location") if exc.headers else None
            where = f"redirecting to {location}" if location else "a redirect without a Location"
            return ArmstrackError(f"webhook {url} answered {reason}, {where}; alerts are not POSTed "
                                  "through redirects: give the final URL")
        return ArmstrackError(f"webhook {url} answered {reason}; check the URL and the receiver")
    if isinstance(exc, urllib.error.URLError):
        return ArmstrackError(f"cannot reach webhook {url}: {exc.reason}")
    if isinstance(exc, (OSError, http.client.HTTPException, ValueError)):
        return ArmstrackError(f"cannot reach webhook {url}: {exc or type(exc).__name__}")
    return exc
