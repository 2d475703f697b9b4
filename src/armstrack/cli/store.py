"""`armstrack migrate`: copy a store to another, SQLite or PostgreSQL, reviews included."""
from __future__ import annotations

import click

from .options import db_option, existing_store, friendly, kb_option


@click.command()
@click.option("--from", "source", required=True, metavar="URL",
              help="the store to copy: an SQLite file (or sqlite:///path) or postgresql://...")
@click.option("--to", "target", required=True, metavar="URL",
              help="the new store: an SQLite file that does not exist yet, or an empty PostgreSQL database")
@friendly
def migrate(source, target):
    """Copy every article, event, claim, review and feed of one store into a new one.

    The copy is one transaction: cut off, it leaves the target as it was.

    Example: armstrack migrate --from armstrack.db --to postgresql://ana@db.example.org/armstrack
    """
    from ..store import open_store
    from ..store.copy import copy_store

    with existing_store(source) as src:
        with open_store(target) as dst:
            report = copy_store(src, dst)
    click.echo(f"copied {report.summary()} from {src.path} to {dst.path}")


@click.command()
@db_option
@kb_option
@click.option("--metadata", "metadata_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="write datasette's metadata for this store here (descriptions and facets of the views)")
@friendly
def views(db, kb_dirs, metadata_path):
    """Refresh the names the SQL views show (claims_view, reports_view) from the knowledge base,
    count their rows, and say how to open the store with datasette or psql.

    Example: armstrack views --db armstrack.db --metadata metadata.json
    """
    import json
    import os

    from ..resolve.kb import load_kb
    from ..store import is_postgres
    from ..store.base import connection
    from ..store.views import datasette_metadata, refresh_names, view_counts

    with existing_store(db) as store:
        conn = connection(store)
        with conn:
            named = refresh_names(conn, load_kb(kb_dirs))
        counts = view_counts(conn)
    click.echo(f"claims_view: {counts['claims_view']} claim(s); reports_view: {counts['reports_view']} report(s); "
               f"kb_entities: {named} name(s) from the knowledge base")
    if is_postgres(db):
        click.echo("read them with psql: SELECT * FROM claims_view ORDER BY last_reported DESC LIMIT 20;")
        return
    name = os.path.splitext(os.path.basename(db))[0]
    if metadata_path:
        with open(metadata_path, "w", encoding="utf-8") as handle:
            json.dump(datasette_metadata(name), handle, indent=2, ensure_ascii=False)
        click.echo(f"wrote datasette's metadata for database {name!r} to {metadata_path}")
    click.echo(f"open it with: datasette {db}" + (f" --metadata {metadata_path}" if metadata_path else "")
               + f"   (or plain SQL: sqlite3 {db} 'SELECT * FROM claims_view')")


COMMANDS = (migrate, views)
