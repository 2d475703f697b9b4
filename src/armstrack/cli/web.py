"""`armstrack serve`: the web app and HTTP API, served by uvicorn."""
from __future__ import annotations

import errno
import socket

import click

from .options import db_option, friendly, gathers_settings, kb_option
from ..errors import ArmstrackError


def check_serving(host: str, token: str | None) -> tuple[str, ...] | None:
    """The Host names to accept, or ArmstrackError when `host` is beyond loopback without a token
    or with one shorter than MIN_TOKEN characters."""
    from ..web.security import LOOPBACK_NAMES, MIN_TOKEN, is_loopback

    if is_loopback(host):
        return LOOPBACK_NAMES
    if not token:
        raise ArmstrackError(f"--host {host} listens beyond this machine: give --token (or set "
                             "ARMSTRACK_TOKEN) so that only those who have it can write")
    if len(token) < MIN_TOKEN:
        raise ArmstrackError(f"--host {host} listens beyond this machine: a token of {len(token)} characters is "
                             f"too easy to guess; give one of at least {MIN_TOKEN} (python -c 'import secrets; "
                             "print(secrets.token_urlsafe(24))')")
    return None  # behind a reverse proxy the Host is the proxy's name: any is accepted


@click.command("serve")
@db_option
@kb_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on; anything but loopback needs --token")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar="ARMSTRACK_TOKEN", default=None,
              help="secret every write (review, ingest) must carry; also ARMSTRACK_TOKEN")
@click.option("--private", is_flag=True, help="reads need the token too (readers sign in at /login)")
@click.option("--allow-private", is_flag=True,
              help="the ingest page may fetch URLs on private, loopback and link-local addresses")
@friendly
@gathers_settings
def serve(settings, host, port, token, private):
    """Serve the claims pages and the HTTP API (OpenAPI at /api/docs).

    Example: armstrack serve --db armstrack.db --port 8000
    """
    import uvicorn

    from ..store.urls import safe_url
    from ..web import create_app

    allowed = check_serving(host, token)
    app = create_app(settings.store_url, settings=settings, token=token, allowed_hosts=allowed, private=private)
    # bound before the address is printed: a port in use is an error, not "serving" then a
    # traceback, and --port 0 prints the port the system chose (issue 24)
    sock = bind(host, port)
    port = sock.getsockname()[1]
    shown = host if ":" not in host else f"[{host}]"
    click.echo(f"armstrack serving {safe_url(settings.store_url)} at http://{shown}:{port}/"
               + (" (reads and writes need the token)" if private else " (writes need the token)" if token else ""),
               err=True)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    server.run(sockets=[sock])


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on `host`:`port` (0: a free port), or ArmstrackError saying why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn's own sockets
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ArmstrackError(f"port {port} on {host} is in use (another armstrack serve?); stop that "
                                 f"server or pick another port: --port {port + 1 if port < 65535 else 8000}, "
                                 "or --port 0 for any free one") from exc
        raise ArmstrackError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); check --host and --port") from exc
    sock.set_inheritable(True)
    return sock


COMMANDS = (serve,)
