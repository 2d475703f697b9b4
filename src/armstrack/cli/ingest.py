"""`armstrack ingest`, `extract` and `reprocess`: the commands that parse (thin wrappers over
armstrack.pipeline, imported in each command so that the read commands never load spaCy)."""
from __future__ import annotations

import json
import sys

import click

from .options import db_option, error_printer, existing_store, friendly, gathers_settings, kb_option, progress_bar
from ..export.table import event_rows, format_table

scope_option = click.option(
    "--scope", type=click.Choice(["transfers", "all"]), default="transfers", show_default=True,
    help="transfers: parse only articles that can hold an arms transfer, and in them the paragraphs "
         "with event words (the rest is stored and searchable); all: parse everything")
workers_option = click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                              help="parse in this many processes (results as with one)")
dask_option = click.option("--dask", metavar="ADDRESS", default=None,
                           help="extract on a Dask cluster: local:N (N worker processes here) or a "
                                "scheduler address, tcp://HOST:8786 (results as with one process)")


def _check_dask(settings) -> None:
    # before anything is read or stored: a mistyped address is one line, not a run that fails late
    if settings.dask is not None:
        from ..pipeline.distributed import check_address

        check_address(settings.dask)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@kb_option
@click.option("--encoding", default=None, help="text encoding of the inputs (default: UTF-8, or "
              "UTF-16/32 when a byte-order mark says so)")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="skip files (and JSON Lines records) larger than this (default 5 MB)")
@click.option("--allow-private", is_flag=True,
              help="fetch URLs on private, loopback and link-local addresses too (refused by default)")
@click.option("--quiet", is_flag=True, help="no progress bar")
@scope_option
@workers_option
@dask_option
@friendly
@gathers_settings
def ingest(paths, settings, quiet):
    """Ingest articles (text, HTML, JSON Lines, folders, http(s) URLs, - for stdin) into the store.

    Each source that cannot be read, fetched or stored gets one line on stderr as it happens
    (error: PATH[:LINE]: reason) and the rest goes on; the exit status is 1 when any failed.

    Example: armstrack ingest --db armstrack.db examples/ https://example.org/news/su35
    """
    from .. import pipeline

    _check_dask(settings)
    if settings.store_url.strip() in (":memory:", ""):
        raise click.UsageError("--db :memory: keeps nothing once ingest ends; give a file "
                               "(armstrack extract reads without storing)")
    from ..store import open_store

    store = open_store(settings.store_url)
    bar = progress_bar(None if quiet else _count_sources(paths), "ingesting")
    report = pipeline.IngestReport()
    try:
        pipeline.ingest(paths, store, settings=settings, progress=bar.update if bar else None,
                        on_error=error_printer(bar), report=report)
    except KeyboardInterrupt:
        # not just click's "Aborted!": what was stored, and that a second run resumes (issue 24)
        if bar:
            bar.close()
            bar = None
        click.echo(f"\ninterrupted: {report.summary()}", err=True)
        click.echo("run the same command again to resume: articles already stored are skipped", err=True)
        sys.exit(130)
    finally:
        if bar:
            bar.close()
        store.close()
    click.echo(report.summary())
    if report.failed:
        click.echo(f"{report.failed} input(s) failed; see the error lines above", err=True)
        sys.exit(1)


def _count_sources(paths) -> int:
    from ..ingest import expand

    return sum(1 for _ in expand(paths))


@click.command()
@click.argument("paths", nargs=-1, required=True)
@kb_option
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one event per line")
@friendly
@gathers_settings(scope="all")
def extract(paths, settings, as_json):
    """Extract events from files without storing them.

    Example: armstrack extract article.txt --json
    """
    from .. import pipeline
    from ..errors import IngestError
    from ..ingest import read_sources

    failed = 0

    def readable():
        nonlocal failed
        for item in read_sources(paths):
            if isinstance(item, IngestError):
                click.echo(f"error: {item}", err=True)
                failed += 1
            else:
                yield item

    rows = []
    for article, events in pipeline.extract_safely(readable(), settings=settings):
        if isinstance(events, Exception):
            click.echo(f"error: {article.source}: extraction failed ({type(events).__name__}: {events})", err=True)
            failed += 1
            continue
        for event in events:
            if as_json:
                click.echo(json.dumps(event.to_dict(), ensure_ascii=False))
            else:
                rows.append(event.to_dict())
    if not as_json:
        click.echo(format_table(event_rows(rows)))
    if failed:
        sys.exit(1)


@click.command()
@db_option
@kb_option
@scope_option
@workers_option
@dask_option
@click.option("--quiet", is_flag=True, help="no progress bar")
@friendly
@gathers_settings
def reprocess(settings, quiet):
    """Re-extract every stored article with the current pipeline and knowledge base;
    --scope all reads whole the articles the relevance gate kept from the parser.

    Example: armstrack reprocess --db armstrack.db --scope all --workers 2
    """
    from .. import pipeline

    _check_dask(settings)
    store = existing_store(settings.store_url)
    failed = []
    bar = progress_bar(None if quiet else store.counts()["articles"], "re-extracting")
    printer = error_printer(bar)

    def on_error(line: str) -> None:
        failed.append(line)
        printer(line)

    try:
        count = pipeline.reprocess(store, settings=settings, on_error=on_error,
                                   progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    click.echo(f"re-extracted {count} article(s)" + (f", {len(failed)} failed" if failed else ""))
    if failed:
        sys.exit(1)


COMMANDS = (ingest, extract, reprocess)
