"""`armstrack watch`: poll feeds into the store (a thin wrapper over armstrack.pipeline.watch)."""
from __future__ import annotations

import sys

import click

from .options import db_option, friendly, gathers_settings, kb_option


@click.command()
@click.argument("feeds", nargs=-1, required=True)
@db_option
@kb_option
@click.option("--once", is_flag=True, help="poll every feed one time and exit (for cron)")
@click.option("--interval", type=click.FloatRange(min=1), default=900, show_default=True,
              help="seconds between polls of one feed")
@click.option("--webhook", help="POST the alerts new articles raise to this URL, as `alerts --webhook` does")
@click.option("--scope", type=click.Choice(["transfers", "all"]), default="transfers", show_default=True,
              help="what the relevance gate sends to the parser (see armstrack ingest --help)")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="parse in this many processes")
@click.option("--min-delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="seconds between two requests to one host")
@click.option("--max-bytes", type=click.IntRange(min=1), default=5_000_000, show_default=True,
              help="refuse a feed or page larger than this, as sent or decompressed")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="seconds one request may take in all (robots.txt and redirects included)")
@click.option("--poll-timeout", type=click.FloatRange(min=0.1), default=900.0, show_default=True,
              help="seconds one poll may take; what it had no time for waits for the next poll")
@click.option("--allow-private", is_flag=True,
              help="fetch feeds and items on private, loopback and link-local addresses too (refused by default)")
@friendly
@gathers_settings
def watch(feeds, settings, once, interval, webhook, min_delay, timeout, poll_timeout):
    """Watch RSS, Atom, JSON Feed or sitemap URLs: fetch new items, extract, store, alert.

    Feed and item state is kept in the store, so a restarted watcher resumes without
    refetching. Each feed or item that fails gets one line on stderr and the rest go on;
    an item whose failure may pass (connection refused or reset, timeout, 5xx) is tried
    again at a later poll. With --once the exit status is 1 when any failed.

    Example: armstrack watch --db armstrack.db https://example.org/world/rss.xml --once
    """
    from ..claims.alerts import check_webhook
    from ..pipeline.watch import Watcher
    from ..ingest.fetch import Fetcher, is_url
    from ..store import open_store

    bad = [f for f in feeds if not is_url(f)]
    if bad:
        raise click.UsageError(f"{bad[0]}: not an http:// or https:// feed URL")
    if webhook is not None:
        check_webhook(webhook)
    store = open_store(settings.store_url)

    def on_error(line: str) -> None:
        click.echo(f"error: {line}", err=True)

    from ..pipeline.workers import pool

    with Fetcher(min_delay=min_delay, max_bytes=settings.max_bytes, timeout=timeout,
                 allow_private=settings.allow_private) as fetcher, pool():  # one worker pool for the whole watch
        watcher = Watcher(store, feeds, settings=settings, fetcher=fetcher, interval=interval, webhook=webhook,
                          on_error=on_error, poll_timeout=poll_timeout)
        try:
            if once:
                report = watcher.poll(force=True)
                click.echo(report.summary())
                if report.errors:
                    sys.exit(1)
                return
            watcher.run(on_poll=lambda r: click.echo(r.summary()))
        except KeyboardInterrupt:
            click.echo("stopped; the next watch resumes where this one ended", err=True)
        finally:
            store.close()


COMMANDS = (watch,)
