"""The armstrack command line: every command is a thin wrapper over a library call."""
from __future__ import annotations

import json
import sys

import click

from . import pipeline
from .cli_options import db_option, friendly, kb_option
from .export.table import event_rows, format_table, mark_spans
from .store import open_store

scope_option = click.option(
    "--scope", type=click.Choice(["transfers", "all"]), default="transfers", show_default=True,
    help="transfers: parse only articles that can hold an arms transfer, and in them the paragraphs "
         "with event words (the rest is stored and searchable); all: parse everything")
workers_option = click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                              help="parse in this many processes (results as with one)")

@click.group()
@click.version_option(package_name="armstrack")
def cli():
    """Read news, keep a sourced record of arms transfers."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@kb_option
@click.option("--encoding", default=None, help="text encoding of the inputs (default: UTF-8, or "
              "UTF-16/32 when a byte-order mark says so)")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="skip files (and JSON Lines records) larger than this (default 5 MB)")
@click.option("--quiet", is_flag=True, help="no progress bar")
@scope_option
@workers_option
@friendly
def ingest(paths, db, kb_dirs, encoding, max_bytes, quiet, scope, workers):
    """Ingest articles (text, HTML, JSON Lines, folders, http(s) URLs, - for stdin) into the store.

    Each source that cannot be read, fetched or stored gets one line on stderr as it happens
    (error: PATH[:LINE]: reason) and the rest goes on; the exit status is 1 when any failed.

    Example: armstrack ingest --db armstrack.db examples/ https://example.org/news/su35
    """
    if db.strip() in (":memory:", ""):
        raise click.UsageError("--db :memory: keeps nothing once ingest ends; give a file "
                               "(armstrack extract reads without storing)")
    store = open_store(db)
    bar = None
    if not quiet and sys.stderr.isatty():
        bar = click.progressbar(length=_count_sources(paths), label="ingesting", file=sys.stderr)
        bar.__enter__()

    def on_error(line: str) -> None:
        # on its own line, above the bar
        click.echo(("\r\x1b[K" if bar else "") + f"error: {line}", err=True)

    try:
        report = pipeline.ingest(paths, store, kb_dirs=kb_dirs, encoding=encoding,
                                 max_bytes=max_bytes, progress=bar.update if bar else None,
                                 on_error=on_error, scope=scope, workers=workers)
    finally:
        if bar:
            bar.__exit__(None, None, None)
        store.close()
    click.echo(report.summary())
    if report.failed:
        click.echo(f"{report.failed} input(s) failed; see the error lines above", err=True)
        sys.exit(1)


def _count_sources(paths) -> int:
    from .ingest import expand

    return sum(1 for _ in expand(paths))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@kb_option
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one event per line")
@friendly
def extract(paths, kb_dirs, as_json):
    """Extract events from files without storing them.

    Example: armstrack extract article.txt --json
    """
    from .errors import IngestError
    from .ingest import read_sources

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
    for article, events in pipeline.extract_safely(readable(), kb_dirs=kb_dirs):
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


@cli.command()
@db_option
@click.option("--type", "type_", type=click.Choice(["TRANSFER", "MEETING", "SANCTION", "ATTACK", "STATEMENT"],
                                                   case_sensitive=False), help="only this event type")
@click.option("--actor", help="only events with this actor id in any role (e.g. IRN, HOUTHIS)")
@click.option("--since", help="only events on or after this date (YYYY-MM-DD)")
@click.option("--realis", type=click.Choice(["actual", "planned", "possible"]),
              help="only events that happened (actual), are planned, or are threatened or demanded (possible)")
@click.option("--focus", type=click.Choice(["main", "background"]),
              help="only events their sentence reports (main), or those mentioned in passing")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one event per line")
@friendly
def events(db, type_, actor, since, realis, focus, as_json):
    """List stored events.

    Example: armstrack events --type ATTACK --realis actual --focus main
    """
    store = open_store(db)
    rows = []
    for stored in store.events(type=type_, actor=actor, since=since, realis=realis, focus=focus):
        if as_json:
            click.echo(json.dumps(stored.data, ensure_ascii=False))
        else:
            rows.append(stored.data)
    if not as_json:
        click.echo(format_table(event_rows(rows)))


@cli.command()
@click.argument("event_id")
@db_option
@friendly
def show(event_id, db):
    """Show one event: its evidence sentence with the role spans marked.

    Example: armstrack show ev-1a2b3c4d5e6f
    """
    store = open_store(db)
    stored = store.event(event_id)
    article = store.article(stored.article_id)
    data = stored.data
    click.echo(f"{data['type']}  {event_id}  article {stored.article_id} "
               f"({data['article'].get('published') or 'undated'}, {data['article'].get('outlet') or 'unknown outlet'})")
    for key in ("supplier", "recipient", "broker", "item", "participants", "mediator", "place",
                "imposers", "target", "attacker", "weapon", "speaker"):
        value = data.get(key)
        if value:
            values = value if isinstance(value, list) else [value]
            click.echo(f"  {key:12} " + "; ".join(
                f"{v.get('name') or v['text']} [{v.get('id') or '?'}]" for v in values))
    for key in ("status", "kind", "quantity", "when", "reported_on", "count", "reason"):
        if data.get(key):
            value = data[key]["text"] if isinstance(data[key], dict) else data[key]
            click.echo(f"  {key:12} {value}")
    cert = data["certainty"]
    click.echo(f"  {'certainty':12} {cert['level']}"
               + (f"; sources: {', '.join(cert['sources'])}" if cert["sources"] else "")
               + (f"; hedges: {', '.join(cert['hedges'])}" if cert["hedges"] else "")
               + (f"; confirmed by {', '.join(cert['confirmed_by'])}" if cert["confirmed_by"] else "")
               + (f"; denied by {', '.join(cert['denied_by'])}" if cert["denied_by"] else ""))
    evidence = [data["evidence"]] + data.get("more_evidence", [])
    for ev in evidence:
        if ev:
            click.echo("  > " + mark_spans(article.text if article else ev["sentence"], ev, data.get("spans", [])))


@cli.command()
@db_option
@kb_option
@scope_option
@workers_option
@friendly
def reprocess(db, kb_dirs, scope, workers):
    """Re-extract every stored article with the current pipeline and knowledge base;
    --scope all reads whole the articles the relevance gate kept from the parser.

    Example: armstrack reprocess --db armstrack.db --scope all --workers 2
    """
    store = open_store(db)
    failed = []

    def on_error(line: str) -> None:
        failed.append(line)
        click.echo(f"error: {line}", err=True)

    count = pipeline.reprocess(store, kb_dirs=kb_dirs, on_error=on_error, scope=scope, workers=workers)
    click.echo(f"re-extracted {count} article(s)" + (f", {len(failed)} failed" if failed else ""))
    if failed:
        sys.exit(1)


from .cli_eval import eval_command  # noqa: E402
from .cli_kb import kb  # noqa: E402

cli.add_command(kb)
cli.add_command(eval_command)

from .cli_claims import register_claims; register_claims(cli)  # noqa: E402,E702
from .cli_web import serve; cli.add_command(serve)  # noqa: E402,E702
from .cli_live import watch; cli.add_command(watch)  # noqa: E402,E702


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
