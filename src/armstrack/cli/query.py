"""`armstrack articles`, `events`, `show`, `actor`, `actors`, `weapons`: thin wrappers over
`armstrack.query`. Read commands refuse a store that does not exist."""
from __future__ import annotations

import json

import click

from .. import query
from .options import db_option, existing_store, friendly
from ..export.table import event_rows, format_table, mark_spans


def paging_options(fn):
    """--page and --per-page, checked by the library (pages from 1, 1-500 per page)."""
    fn = click.option("--per-page", type=int, default=50, show_default=True, help="items per page (1-500)")(fn)
    return click.option("--page", type=int, default=1, show_default=True, help="which page, from 1")(fn)


def echo_footer(page: query.Page, noun: str) -> None:
    """Which page this is, on stderr, so piped output holds only the records."""
    if page.total > len(page.items):
        more = f"; next: --page {page.page + 1}" if page.page < page.pages else ""
        click.echo(f"page {page.page} of {page.pages} ({page.total} {noun}){more}", err=True)


def provenance_line(prov: query.Provenance) -> str:
    """Where an article comes from, in one line."""
    title = f'"{prov.title}"' if prov.title else "untitled"
    # the file (and line) it was read from, too: two copies of one URL differ there
    read_from = f" (read from {prov.source})" if prov.url and prov.source and prov.source != prov.url else ""
    return (f"{title}, {prov.outlet or 'outlet unknown'}, published {prov.published or 'undated'}; "
            f"{prov.where}{read_from}; ingested {prov.ingested or '-'}")


# ---- articles ---------------------------------------------------------------------------
def _article_rows(page: query.Page) -> str:
    if not page.items:
        return "(no articles)"
    lines = []
    for item in page.items:
        prov = item.provenance
        lines.append(f"{item.id}  {prov.published or 'undated':10}  {item.events:3} event(s)  "
                     f"{prov.outlet or '-'}  {prov.title or '(untitled)'}  [{prov.where}]")
        if item.snippet is not None:
            lines.append("    > " + "".join(f"[{t}]" if hit else t for t, hit in item.snippet_parts()).replace("\n", " "))
    return "\n".join(lines)


def _list_articles(db, q, since, until, outlet, page, per_page, as_json):
    found = query.list_articles(existing_store(db), q=q, since=since, until=until, outlet=outlet,
                                page=page, per_page=per_page)
    if as_json:
        for item in found.items:
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
    else:
        click.echo(_article_rows(found))
    echo_footer(found, "articles")


def article_filters(fn):
    fn = click.option("--json", "as_json", is_flag=True, help="JSON Lines, one article per line")(fn)
    fn = click.option("--outlet", help="only articles from this outlet (any case)")(fn)
    fn = click.option("--until", help="published on or before this (2024-09-25, 2024-09, 2024, 7d, ...)")(fn)
    return click.option("--since", help="published on or after this (2024-09-25, 2024-09, 2024, 7d, ...)")(fn)


@click.group("articles", invoke_without_command=True)
@click.pass_context
@db_option
@article_filters
@paging_options
@friendly
def articles(ctx, db, since, until, outlet, as_json, page, per_page):
    """List stored articles with where they come from (file or URL, title, outlet, dates).

    Example: armstrack articles --since 2024-09 --outlet Reuters
    """
    if ctx.invoked_subcommand is None:
        _list_articles(db, None, since, until, outlet, page, per_page, as_json)


@articles.command("list")
@db_option
@article_filters
@paging_options
@friendly
def articles_list(db, since, until, outlet, as_json, page, per_page):
    """List stored articles, newest first.

    Example: armstrack articles list --since 30d
    """
    _list_articles(db, None, since, until, outlet, page, per_page, as_json)


@articles.command("search")
@click.argument("words", nargs=-1, required=True)
@db_option
@article_filters
@paging_options
@friendly
def articles_search(words, db, since, until, outlet, as_json, page, per_page):
    """Full-text search: articles holding every word, best first, each with a snippet ([hits]).

    Example: armstrack articles search Shahed drones
    """
    _list_articles(db, " ".join(words), since, until, outlet, page, per_page, as_json)


@articles.command("show")
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="the article, its provenance and events as one JSON document")
@click.option("--text/--no-text", default=False, help="print the whole text too")
@friendly
def articles_show(article_id, db, as_json, text):
    """Show one article (id or a unique prefix): provenance and every event with its evidence marked.

    Example: armstrack articles show 0595a1b2
    """
    view = query.get_article(existing_store(db), article_id)
    if as_json:
        click.echo(json.dumps(view.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{view.id}  {provenance_line(view.provenance)}")
    click.echo(format_table(event_rows([{**e.event.to_dict(), "id": e.id} for e in view.events])))
    for event in view.events:
        data = event.event.to_dict()
        if data.get("evidence"):
            click.echo(f"  {event.id} > " + mark_spans(view.text, data["evidence"], data.get("spans", [])))
    if text:
        click.echo("\n" + view.text)


# ---- events -----------------------------------------------------------------------------
@click.command("events")
@db_option
@click.option("--type", "type_", help="only this event type (TRANSFER, MEETING, SANCTION, ATTACK, STATEMENT, or any type a package adds)")
@click.option("--actor", help="only events with this actor in any role (id or name: IRN, Iran, Tehran)")
@click.option("--supplier", help="only transfers from this actor (id or name)")
@click.option("--recipient", help="only transfers to this actor (id or name)")
@click.option("--weapon", help="only events about this weapon (id, name, kind or cat:<kind>)")
@click.option("--article", help="only events of this article (id or unique prefix)")
@click.option("--since", help="on or after this date (2024-09-25, 2024-09, 2024, 7d, 2w, 3m, 1y, yesterday)")
@click.option("--until", help="on or before this date (same forms)")
@click.option("--realis", help="only events that happened (actual), are planned, or are threatened or demanded (possible)")
@click.option("--focus", help="only events their sentence reports (main), or those mentioned in passing (background)")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one event per line, with its provenance")
@paging_options
@friendly
def events(db, type_, actor, supplier, recipient, weapon, article, since, until, realis, focus, as_json,
           page, per_page):
    """List stored events; every filter is checked (a date or name armstrack cannot read is an error).

    Example: armstrack events --type ATTACK --realis actual --focus main
    """
    found = query.list_events(existing_store(db), type=type_, actor=actor, supplier=supplier, recipient=recipient,
                              weapon=weapon, article=article, since=since, until=until, realis=realis,
                              focus=focus, page=page, per_page=per_page)
    if as_json:
        for view in found.items:
            click.echo(json.dumps(view.to_dict(), ensure_ascii=False))
    else:
        click.echo(format_table(event_rows([{**v.event.to_dict(), "id": v.id} for v in found.items])))
    echo_footer(found, "events")


# fillers the article does not state in so many words: the analyst is told how they were read
_INFERRED = {
    "maker": "the system's maker; the article names no seller",
    "programme": "the government whose sales programme it is",
    "announcer": "the maker announcing the sale",
    "unnamed": "the sentence names no weapon",
    "pointed": "taken up from a weapon named earlier",
}


def _how_read(filler: dict) -> str:
    note = _INFERRED.get(filler.get("via") or "")
    return f" ({note})" if note else ""


@click.command("show")
@click.argument("event_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="the event and its provenance as one JSON document")
@friendly
def show(event_id, db, as_json):
    """Show one event: where it comes from and its evidence sentence with the role spans marked.

    Example: armstrack show ev-1a2b3c4d5e6f
    """
    store = existing_store(db)
    view = query.get_event(store, event_id)
    data = view.event.to_dict()
    if as_json:
        click.echo(json.dumps(view.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{data['type']}  {view.id}  article {view.article_id}")
    click.echo(f"  {'source':12} {provenance_line(view.provenance)}")
    for key in ("supplier", "recipient", "broker", "item", "participants", "mediator", "place",
                "imposers", "target", "attacker", "weapon", "speaker"):
        value = data.get(key)
        if value:
            values = value if isinstance(value, list) else [value]
            click.echo(f"  {key:12} " + "; ".join(
                f"{v.get('name') or v['text']} [{v.get('id') or '?'}]" + _how_read(v) for v in values))
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
    article = store.article(view.article_id)
    for ev in [data["evidence"]] + data.get("more_evidence", []):
        if ev:
            click.echo("  > " + mark_spans(article.text if article else ev["sentence"], ev, data.get("spans", [])))


# ---- actors and weapons -----------------------------------------------------------------
def _claim_line(claim) -> str:
    what = claim.item_name or f"[{claim.category}]"
    return (f"    {claim.id}  {claim.supplier} -> {claim.recipient}  {what}  {claim.status or '-'}  "
            f"{claim.confidence:.2f} {claim.grade}  last {claim.last_reported or '-'}")


@click.command("actor")
@click.argument("actor_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="one JSON document")
@friendly
def actor_command(actor_id, db, as_json):
    """Show one actor (id or name): what it supplies, receives and brokers, and sanctions on it.

    Example: armstrack actor Iran
    """
    view = query.get_actor(existing_store(db), actor_id)
    if as_json:
        click.echo(json.dumps(view.to_dict(), ensure_ascii=False, indent=2))
        return
    s = view.summary
    click.echo(f"{s.id}  {s.name} ({s.kind})" + (f"; backers {', '.join(view.backers)}" if view.backers else ""))
    for label, claims, total in (("supplies", view.supplies, s.supplies), ("receives", view.receives, s.receives),
                                 ("brokers", view.brokers, s.brokers)):
        click.echo(f"  {label}: {total} claim(s)")
        for claim in claims:
            click.echo(_claim_line(claim))
    click.echo(f"  sanctions on it: {len(view.sanctions)}")
    for event in view.sanctions:
        data = event.event.to_dict()
        imposers = ", ".join(i.get("id") or i["text"] for i in data.get("imposers") or [])
        click.echo(f"    {event.id}  {event.provenance.published or 'undated'}  by {imposers or '?'}  "
                   f"{data.get('measure') or ''}  [{event.provenance.where}]")


@click.command("actors")
@db_option
@click.option("--q", help="only actors whose id or name holds this")
@click.option("--kind", help="state, organisation, armed_group or company")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines")
@paging_options
@friendly
def actors_command(db, q, kind, as_json, page, per_page):
    """List the actors of the claims, most involved first, with how many they supply, receive, broker.

    Example: armstrack actors --kind armed_group
    """
    found = query.list_actors(existing_store(db), q=q, kind=kind, page=page, per_page=per_page)
    for a in found.items:
        click.echo(json.dumps(a.to_dict(), ensure_ascii=False) if as_json else
                   f"{a.id:24} {a.kind:12} supplies {a.supplies:4}  receives {a.receives:4}  brokers {a.brokers:4}  {a.name}")
    if not found.items and not as_json:
        click.echo("(no actors)")
    echo_footer(found, "actors")


@click.command("weapons")
@db_option
@click.option("--q", help="only weapons whose id or name holds these words")
@click.option("--category", help="a weapon kind or SIPRI category (missiles, air defence systems)")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines")
@paging_options
@friendly
def weapons_command(db, q, category, as_json, page, per_page):
    """List the weapon systems and categories of the claims, most claimed first.

    Example: armstrack weapons --category missiles
    """
    found = query.list_weapons(existing_store(db), q=q, category=category, page=page, per_page=per_page)
    for w in found.items:
        click.echo(json.dumps(w.to_dict(), ensure_ascii=False) if as_json else
                   f"{w.key:28} {w.claims:4} claim(s)  {w.name} [{w.category}]  from {', '.join(w.suppliers)}"
                   f" to {', '.join(w.recipients)}")
    if not found.items and not as_json:
        click.echo("(no weapons)")
    echo_footer(found, "weapons")


COMMANDS = (articles, events, show, actor_command, actors_command, weapons_command)
