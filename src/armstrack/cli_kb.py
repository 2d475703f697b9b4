"""`armstrack kb ...`: search, check and count the knowledge base."""
from __future__ import annotations

import json

import click

from .resolve import kb as kbmod


@click.group()
def kb():
    """Inspect and validate the knowledge base."""


@kb.command()
@click.argument("name")
@click.option("--kb", "kb_dirs", multiple=True, type=click.Path(exists=True), help="extra knowledge-base folder")
def search(name, kb_dirs):
    """Show what NAME resolves to, and why.

    Example: armstrack kb search Yakhont
    """
    base = kbmod.load_kb(kb_dirs)
    aliases = base.lookup(name)
    if not aliases:
        click.echo(f"{name!r}: not in the knowledge base")
        raise SystemExit(1)
    ambiguous = len({a.entity_id for a in aliases}) > 1
    for alias in aliases:
        entity = base.entities[alias.entity_id]
        extra = []
        if entity.category:
            extra.append(f"kind {entity.category} ({entity.broad})")
        if entity.country and entity.kind != "state":
            extra.append(f"{'origin' if entity.kind == 'weapon' else 'country'} {entity.country}")
        if entity.backers:
            extra.append(f"backers {', '.join(entity.backers)}")
        click.echo(f"{name!r} -> {entity.id} ({entity.kind}: {entity.name}) via {alias.form} "
                   f"{alias.text!r}" + (f"; {'; '.join(extra)}" if extra else "")
                   + f"  [{alias.source}]")
    if ambiguous:
        click.echo("ambiguous: resolved from context in an article, else left unresolved")


@kb.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
def check(paths):
    """Validate knowledge-base files (the built-in base plus PATHS).

    Example: armstrack kb check my-kb/
    """
    base = kbmod.build(kbmod.kb_files(paths))
    for problem in base.problems:
        click.echo(str(problem), err=True)
    if base.problems:
        raise SystemExit(1)
    counts = kbmod.stats(base)
    click.echo("ok: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


@kb.command()
@click.option("--json", "as_json", is_flag=True, help="one JSON object")
@click.option("--kb", "kb_dirs", multiple=True, type=click.Path(exists=True), help="extra knowledge-base folder")
def stats(as_json, kb_dirs):
    """Count the entries of the knowledge base by kind.

    Example: armstrack kb stats --json
    """
    counts = kbmod.stats(kbmod.load_kb(kb_dirs))
    if as_json:
        click.echo(json.dumps(counts))
    else:
        for key, value in counts.items():
            click.echo(f"{key:15} {value}")
