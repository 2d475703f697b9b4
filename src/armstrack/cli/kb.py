"""`armstrack kb ...`: search, check and count the knowledge base."""
from __future__ import annotations

import json

import click

from ..resolve import kb as kbmod


@click.group()
def kb():
    """Inspect and validate the knowledge base."""


@kb.command()
@click.argument("name")
@click.option("--kb", "kb_dirs", multiple=True, type=click.Path(exists=True), help="extra knowledge-base folder")
def search(name, kb_dirs):
    """Show what NAME resolves to, and why; without an exact name, the nearest names (fuzzy,
    partial: "Caesar" finds the CAESAR howitzer).

    Example: armstrack kb search Yakhont
    """
    base = kbmod.load_kb(kb_dirs)
    aliases = base.lookup(name)
    if not aliases:
        # only exact names used to work: `kb search Caesar` found nothing (issue 11)
        from ..resolve.filters import search_names

        found = search_names(base, name)
        if not found:
            click.echo(f"{name!r}: not in the knowledge base, and no name is like it")
            raise SystemExit(1)
        click.echo(f"{name!r}: no exact name; the nearest:")
        for entity_id, alias, score in found:
            entity = base.entities[entity_id]
            kind = f"{entity.kind}, {entity.category}" if entity.category else entity.kind
            click.echo(f"  {entity.id} ({kind}: {entity.name}) via {alias!r}  score {score:.0f}")
        return
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
    counts = {**kbmod.stats(kbmod.load_kb(kb_dirs)), "version": kbmod.content_version(kb_dirs)}
    if as_json:
        click.echo(json.dumps(counts))
    else:
        for key, value in counts.items():
            click.echo(f"{key:15} {value}")


@kb.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--limit", type=int, default=None, help="at most this many texts per file")
@click.option("--json", "as_json", is_flag=True, help="one JSON object")
@click.option("--kb", "kb_dirs", multiple=True, type=click.Path(exists=True), help="extra knowledge-base folder")
def coverage(paths, limit, as_json, kb_dirs):
    """Measure how much of real text the knowledge base resolves (weapons and actors).

    Reads AG News CSV, RAMS/WikiEvents/GENEVA JSON Lines, or text files.

    Example: armstrack kb coverage ../shared/corpora/rams/dev.jsonlines
    """
    from itertools import chain
    from pathlib import Path

    from ..nlp import load_nlp
    from ..resolve.coverage import measure, read_texts

    texts = chain.from_iterable(read_texts(Path(p), limit) for p in paths)
    result = measure(texts, load_nlp(tuple(kb_dirs))).to_dict()
    if as_json:
        click.echo(json.dumps(result))
        return
    w, a = result["weapons"], result["actors"]
    click.echo(f"texts: {result['texts']}")
    click.echo(f"weapon-like noun phrases resolved to a system or category: {w['resolved']}/{w['phrases']} = {w['share']}")
    click.echo(f"actor mentions resolved to an id: {a['resolved']}/{a['mentions']} = {a['share']}")
    click.echo("most frequent unresolved weapon phrases: " + ", ".join(f"{t} ({n})" for t, n in result["top_unresolved_weapons"][:15]))
    click.echo("most frequent unresolved actors: " + ", ".join(f"{t} ({n})" for t, n in result["top_unresolved_actors"][:15]))


COMMANDS = (kb,)
