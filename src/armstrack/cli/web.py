"""`armstrack serve`: the web app and HTTP API, served by uvicorn."""
from __future__ import annotations

import click

from .options import db_option, friendly, kb_option
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
@friendly
def serve(db, kb_dirs, host, port, token, private):
    """Serve the claims pages and the HTTP API (OpenAPI at /api/docs).

    Example: armstrack serve --db armstrack.db --port 8000
    """
    import uvicorn

    from ..store.urls import safe_url
    from ..web import create_app

    allowed = check_serving(host, token)
    app = create_app(db, token=token, allowed_hosts=allowed, kb_dirs=tuple(kb_dirs), private=private)
    click.echo(f"armstrack serving {safe_url(db)} at http://{host if ':' not in host else f'[{host}]'}:{port}/"
               + (" (reads and writes need the token)" if private else " (writes need the token)" if token else ""),
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS = (serve,)
