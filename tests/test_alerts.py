"""The alerts webhook against real HTTP receivers on loopback ports (issue 9, "nothing lost"):
success only on a 2xx, no redirect followed, one deadline for the whole exchange, http(s) only,
and every failure one line."""
from __future__ import annotations

import http.server
import json
import socket
import threading
import time

import pytest
from click.testing import CliRunner

import armstrack
from armstrack import claims
from armstrack.cli import cli

SINCE = "2000-01-01"



@pytest.fixture(scope="module")
def found(examples_db):
    with armstrack.open_store(examples_db) as store:
        alerts = claims.alerts(store, since=SINCE)
    # one new_pair for each of the six claims (each change once, issue 11), and the drone denial
    # beside Ukraine's allegation contradicts that claim (two reports, issue 23)
    assert len(alerts) == 7
    assert sorted(a.kind for a in alerts) == ["contradiction"] + ["new_pair"] * 6
    return alerts


class Receiver(http.server.BaseHTTPRequestHandler):
    """Records what reaches it; subclasses decide how to answer."""

    protocol_version = "HTTP/1.1"
    received: list

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_POST(self):  # noqa: N802 (http.server's naming)
        self.received.append(("POST", self.path, self.headers.get("Content-Type"), self._body()))
        self.answer()

    def do_GET(self):  # noqa: N802
        self.received.append(("GET", self.path, None, b""))
        self.answer()

    def answer(self):
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class Redirecting(Receiver):
    def answer(self):
        if self.path == "/hook":
            self.send_response(302)
            self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            super().answer()


class Failing(Receiver):
    def answer(self):
        self.send_error(500, "receiver broke")


class Trickling(Receiver):
    """A status line and then a header that never ends, one byte every 0.2 s."""

    stop = threading.Event()
    ended = threading.Event()

    def answer(self):
        try:
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: ":
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            while not Trickling.stop.wait(0.2):
                self.wfile.write(b"a")
                self.wfile.flush()
        except OSError:
            Trickling.ended.set()  # the client hung up: it gave up at its deadline
        self.close_connection = True


@pytest.fixture
def serve():
    """Start a receiver of the given class on a free loopback port; yields its base URL."""
    servers = []

    def start(handler: type[Receiver]) -> tuple[str, list]:
        handler.received = []
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_port}", handler.received

    yield start
    Trickling.stop.set()
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join()


def alerts_cli(db: str, *args: str):
    return CliRunner().invoke(cli, ["alerts", "--db", db, "--since", SINCE, *args])


def one_line_error(result) -> str:
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def test_a_2xx_receiver_gets_the_alerts_as_json(examples_db, found, serve):
    base, received = serve(Receiver)
    url = base + "/hook"
    assert claims.post_alerts(found, url, since=SINCE, deadline=5) == 200
    result = alerts_cli(examples_db, "--webhook", url)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"posted 7 alert(s) to {url} (HTTP 200)\n"
    assert len(received) == 2
    for method, path, content_type, body in received:
        assert (method, path, content_type) == ("POST", "/hook", "application/json")
        document = json.loads(body)
        assert (document["ok"], document["since"], document["count"]) == (True, SINCE, 7)
        assert document["alerts"] == [a.to_dict() for a in found]


def test_a_redirect_is_an_error_naming_its_location_and_nothing_follows_it(examples_db, found, serve):
    base, received = serve(Redirecting)
    url = base + "/hook"
    with pytest.raises(armstrack.ArmstrackError, match="answered 302 Found, redirecting to /elsewhere"):
        claims.post_alerts(found, url, since=SINCE)
    line = one_line_error(alerts_cli(examples_db, "--webhook", url))
    assert line.startswith(f"Error: webhook {url} answered 302 Found, redirecting to /elsewhere;")
    assert [(method, path) for method, path, *_ in received] == [("POST", "/hook"), ("POST", "/hook")]


def test_a_trickling_receiver_is_given_up_at_the_deadline(found, serve):
    base, received = serve(Trickling)
    Trickling.stop.clear()
    Trickling.ended.clear()
    started = time.monotonic()
    with pytest.raises(armstrack.ArmstrackError, match=r"did not answer within 1\.5 s"):
        claims.post_alerts(found, base + "/hook", since=SINCE, deadline=1.5)
    assert time.monotonic() - started < 2.5
    assert len(received) == 1          # the body was sent before the answer stalled
    assert Trickling.ended.wait(3)     # and the connection was closed, not left to trickle


def test_a_5xx_receiver_is_an_error(examples_db, found, serve):
    base, received = serve(Failing)
    url = base + "/hook"
    with pytest.raises(armstrack.ArmstrackError, match="answered 500 receiver broke"):
        claims.post_alerts(found, url, since=SINCE)
    assert one_line_error(alerts_cli(examples_db, "--webhook", url)).startswith(
        f"Error: webhook {url} answered 500 receiver broke;")
    assert len(received) == 2


@pytest.mark.parametrize("url, says", [
    ("file:///etc/hostname", "uses file:"), ("data:,", "uses data:"),
    ("ftp://127.0.0.1/hook", "uses ftp:"), ("/hook", "has no scheme"),
    ("http:///hook", "names no host"), ("", "the webhook URL is empty"),
])
def test_only_http_and_https_urls_are_posted_to(examples_db, found, url, says):
    with pytest.raises(armstrack.ArmstrackError, match=says):
        claims.post_alerts(found, url, since=SINCE)
    result = alerts_cli(examples_db, "--webhook", url)
    assert says in one_line_error(result)
    assert result.stdout == ""  # refused before anything is listed or sent


def test_a_closed_port_is_an_error(examples_db, found):
    with socket.socket() as sock:  # a port that was free a moment ago and now has no listener
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/hook"
    with pytest.raises(armstrack.ArmstrackError, match=f"cannot reach webhook {url}: .*refused"):
        claims.post_alerts(found, url, since=SINCE, deadline=5)
    assert one_line_error(alerts_cli(examples_db, "--webhook", url)).startswith(
        f"Error: cannot reach webhook {url}:")
