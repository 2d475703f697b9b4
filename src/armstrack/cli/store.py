"""`armstrack migrate`: copy a store to another, SQLite or PostgreSQL, reviews included."""
from __future__ import annotations

import click

from .options import existing_store, friendly


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


COMMANDS = (migrate,)
