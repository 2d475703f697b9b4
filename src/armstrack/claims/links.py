"""Events around a claim: the meeting where it was negotiated, the sanction it drew, the statement
about it, the attack it was used in. Pure rules over `LinkEvent` rows; `db.py` finds candidates.

* MEETING: its participants include the supplier and the recipient, or its mediator is one of
  the claim's brokers; and it is in an article that reports the claim, or within the window of
  the claim's reports.
* SANCTION: its `about` names the claim's supplier and recipient (and a compatible item), or,
  when it has no `about`, its target is the supplier or recipient in an article that reports
  the claim.
* STATEMENT: its `about` matches the same way, or, when it has no `about`, its speaker is the
  government whose confirmation or denial a report of the claim in the same article carries.
* ATTACK: its attacker is the recipient and its weapon is the claim's system, or a category that
  covers it (or that the claim's category covers); reported no earlier than the window before
  the claim's first report.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..gate import gate

from .merge import covers, days_between
from .model import Claim, Link


@dataclass(frozen=True, slots=True)
class LinkEvent:
    """One row of the claims index for a non-TRANSFER event (one event may have several rows)."""

    event_id: str
    article_id: str
    type: str
    rel: str                      # meeting | mediator | about | target | speaker | attacker
    actor: str | None = None
    supplier: str | None = None
    recipient: str | None = None
    item_id: str | None = None    # ATTACK: the weapon id
    category: str | None = None   # ATTACK: the weapon category
    broad: str | None = None
    item_text: str | None = None  # about: the item as the extractor wrote it (an id or words)
    report_date: str | None = None
    event_date: str | None = None
    ord: int | None = None


def links_across(data: dict) -> bool:
    """Whether a stored event (its JSON) can concern a claim reported in other articles: a
    transfer, a meeting of two known parties or with a known mediator, a sanction or statement
    about a transfer, an attack with its attacker and weapon. The others (a sanction's target,
    a statement's speaker) link only to claims of their own article. The relevance gate keeps
    the sentences of these (gate.py); bench/gate_check.py compares their `link_key`s."""
    kind = data.get("type")
    if kind == "TRANSFER":
        return True
    if kind == "MEETING":
        people = {p.get("id") for p in data.get("participants") or [] if p.get("id")}
        return len(people) >= 2 or bool((data.get("mediator") or {}).get("id"))
    if kind == "ATTACK":
        weapon = data.get("weapon") or {}
        return bool((data.get("attacker") or {}).get("id")) and bool(weapon.get("id") or weapon.get("category"))
    about = data.get("about") or {}
    return kind in ("SANCTION", "STATEMENT") and bool(about.get("supplier") and about.get("recipient"))


def link_key(data: dict) -> tuple:
    """What decides whether and to which claims a stored event links (the `LinkEvent` columns
    `db.index_rows` fills), with the sentence it was found in: two extractions with the same
    key make the same links."""
    kind = data.get("type")
    ids = lambda role: tuple(sorted(p.get("id") or "" for p in data.get(role) or []))  # noqa: E731
    one = lambda role: (data.get(role) or {}).get("id")  # noqa: E731
    if kind == "MEETING":
        parts = (ids("participants"), one("mediator"))
    elif kind == "ATTACK":
        weapon = data.get("weapon") or {}
        parts = (one("attacker"), weapon.get("id"), weapon.get("category"))
    elif kind == "TRANSFER":
        parts = (one("supplier"), one("recipient"), one("broker"), (data.get("item") or {}).get("id"))
    else:
        about = data.get("about") or {}
        parts = (about.get("supplier"), about.get("recipient"), about.get("item"), one("target"), one("speaker"))
    return (kind, (data.get("article") or {}).get("id"), data.get("when"), parts)


def _near(claim: Claim, event: LinkEvent, window: int) -> bool:
    """Whether the event's report date is within the window of the claim's report span."""
    date = event.report_date
    if not date or not claim.first_reported:
        return True
    return (claim.first_reported <= date <= (claim.last_reported or date) or
            days_between(claim.first_reported, date) <= window or
            days_between(claim.last_reported, date) <= window)


def item_matches(claim: Claim, item_id: str | None, category: str | None) -> bool:
    """Whether a weapon (id and/or category) is the claim's item, or covers or is covered by it."""
    if item_id and claim.item_id:
        return item_id == claim.item_id
    if item_id is None and covers(category, claim.category, claim.broad):
        return True
    return claim.item_id is None and covers(claim.category, category)


def _about_item(claim: Claim, text: str | None) -> bool:
    # `about` holds an id ("shahed-136") or the words as written ("ballistic missiles")
    if not text:
        return True
    return text == claim.item_id or covers(text, claim.category, claim.broad) or \
        (claim.item_id is None and covers(claim.category, text))


def _voices(claim: Claim) -> set[tuple[str, str]]:
    """(article id, government) for every confirmation or denial a report of the claim carries."""
    return {(r.article_id, actor) for r in claim.reports for actor in (*r.confirmed_by, *r.denied_by)}


def link_rule(claim: Claim, event: LinkEvent, *, window: int) -> str | None:
    """The rule that links `event` to `claim`, or None when it does not concern it."""
    supplier, recipient = claim.pair
    articles = {r.article_id for r in claim.reports}
    same_article = event.article_id in articles
    where = "in an article reporting this claim" if same_article else f"within {window} days"
    if event.rel == "meeting" and {event.supplier, event.recipient} == {supplier, recipient}:
        if same_article or _near(claim, event, window):
            return f"meeting of {supplier} and {recipient} {where}"
    elif event.rel == "mediator" and event.actor in claim.brokers:
        if same_article or _near(claim, event, window):
            return f"meeting mediated by {event.actor}, the claim's broker, {where}"
    elif event.rel == "about" and (event.supplier, event.recipient) == (supplier, recipient):
        if _about_item(claim, event.item_text):
            what = event.item_text or "the transfer"
            return f"{event.type.lower()} about {supplier}->{recipient} {what}"
    elif event.rel == "target" and same_article and event.supplier is None and event.actor in (supplier, recipient):
        return f"sanction on {event.actor} in an article reporting this claim"
    elif event.rel == "speaker" and event.supplier is None and (event.article_id, event.actor) in _voices(claim):
        return f"statement by {event.actor}, whose confirmation or denial a report in the same article carries"
    elif event.rel == "attacker" and event.actor == recipient:
        early = claim.first_reported and event.report_date and event.report_date < claim.first_reported \
            and days_between(event.report_date, claim.first_reported) > window
        if not early and item_matches(claim, event.item_id, event.category):
            weapon = event.item_id or event.category
            return f"attack by {recipient} with {weapon}, the claim's item"
    return None


# when one event matches several rules, the most specific one names the link
_PREFERENCE = ("meeting", "about", "attacker", "mediator", "target", "speaker")


def find_links(claim: Claim, events: list[LinkEvent], *, window: int) -> list[tuple[LinkEvent, str]]:
    """Every event that concerns the claim, once each, with the first rule that links it."""
    found: dict[str, tuple[LinkEvent, str]] = {}
    for event in sorted(events, key=lambda e: _PREFERENCE.index(e.rel)):
        if event.event_id in found:
            continue
        rule = link_rule(claim, event, window=window)
        if rule:
            found[event.event_id] = (event, rule)
    return list(found.values())


def make_links(found: list[tuple[LinkEvent, str]], summaries: dict[str, str]) -> tuple[Link, ...]:
    """Link records, in date order, with a one-line summary of each event."""
    links = [Link(e.event_id, e.type, e.article_id, e.event_date or e.report_date, rule,
                  summaries.get(e.event_id, "")) for e, rule in found]
    return tuple(sorted(links, key=lambda link: (link.date or "", link.event_id)))


def must_keep(text: str, events) -> tuple[list[str], list[str], list[str]]:
    """What the relevance gate (armstrack.gate) must keep of one article's events (extracted from `text`), as strings that
    compare: the TRANSFER events whole, the link keys (`link_key`) of the other
    events that link to claims reported elsewhere, and apart, the link keys of meetings in an
    article that names no item, which only `scope="all"` reads. tests/test_gate.py and
    bench/gate_check.py compare these with and without the gate."""
    transfers, links, apart = [], [], []
    names_item = None  # read once, for the first meeting
    for event in events:
        data = event.to_dict()
        if event.type == "TRANSFER":
            transfers.append(json.dumps(data, sort_keys=True))
        elif links_across(data):
            if event.type == "MEETING" and names_item is None:
                names_item = gate().names_item(text)
            item_less = event.type == "MEETING" and not names_item
            (apart if item_less else links).append(json.dumps(link_key(data)))
    return transfers, links, apart
