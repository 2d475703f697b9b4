"""A real HTTP server on a free loopback port, for the fetch and feed tests.

Routes map a path to a handler `(request) -> (status, headers, body)`, or to RESET (the
connection is reset, no answer); tests change them between polls. Every request is logged (path
and headers) so tests can count what was fetched. `start(port=...)` brings a stopped server back
on its port (a host that refused connections and came back).
"""
from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class Server:
    routes: dict = field(default_factory=dict)
    log: list[Seen] = field(default_factory=list)
    posts: list = field(default_factory=list)
    httpd: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for s in self.log if s.path == path)

    def page(self, path: str, body: str | bytes, *, status: int = 200, kind: str = "text/html; charset=utf-8",
             headers: dict | None = None) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = lambda req: (status, {"Content-Type": kind, **(headers or {})}, data)


RESET = object()


def start(*, host: str = "127.0.0.1", port: int = 0) -> Server:
    server = Server()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802
            server.log.append(Seen(self.path, dict(self.headers)))
            route = server.routes.get(self.path)
            answer = route(self) if callable(route) else route
            if answer is RESET:
                # SO_LINGER 0: close() sends a TCP reset instead of a clean end
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()
                return
            if answer is None:
                status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
            else:
                status, headers, body = answer
            if callable(body):  # a handler that writes its own body (slow, endless)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    body(self.wfile)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
                return
            self.send_response(status)
            headers = {"Content-Length": str(len(body)), **headers}
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def do_POST(self):  # noqa: N802 - a webhook receiver: records the body, answers 204
            length = int(self.headers.get("Content-Length") or 0)
            server.posts.append((self.path, self.rfile.read(length)))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    class Quiet(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # a client that hung up early (timeouts, size caps) is what the tests do

    server.httpd = Quiet((host, port), Handler)
    server.httpd.daemon_threads = True
    threading.Thread(target=server.httpd.serve_forever, daemon=True).start()
    server.routes["/robots.txt"] = lambda req: (200, {"Content-Type": "text/plain"},
                                                b"User-agent: *\nDisallow: /private/\n")
    return server


def stop(server: Server) -> None:
    server.httpd.shutdown()
    server.httpd.server_close()


def slow(seconds: float):
    """A body that starts, then stalls for `seconds` (past a read timeout)."""
    def write(out):
        out.write(b"<html><body><p>Start")
        out.flush()
        time.sleep(seconds)
        out.write(b"</p></body></html>")
    return write


def endless(chunk: bytes = b"<p>" + b"x" * 65536 + b"</p>"):
    """A body with no length that never ends (the size cap must stop it)."""
    def write(out):
        for _ in range(100_000):
            out.write(chunk)
    return write


def trickle(seconds: float, *, every: float = 0.5, head: bytes = b""):
    """A body that sends `head`, then one byte every `every` seconds for `seconds` (never long
    enough apart for a read timeout, so only a total deadline stops it)."""
    def write(out):
        out.write(head)
        out.flush()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            out.write(b" ")
            out.flush()
            time.sleep(every)
    return write


def gzip_bomb(size: int) -> bytes:
    """`size` zero bytes, gzip-compressed (about a thousandth of `size`)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(min(size, 1 << 20))
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + packer.compress(bytes(size % len(block))) + packer.flush()
