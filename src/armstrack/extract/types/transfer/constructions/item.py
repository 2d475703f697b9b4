"""The item: what the shapes found, made a component where it is a part of a system, with the
other weapons conjoined with it ("tanks and howitzers") or gapped ("shells from North Korea and
drones from Iran"). A transfer trigger with no item reports no transfer."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType, Filler
from ....arguments import children, is_item, pobjs
from ....construction import REJECT, construction
from ..parts import component
from ..reading import Reading


@construction(EventType.TRANSFER, "frame", 660, "implied_item")
def implied_item(r: Reading) -> None:
    """"denied arming the RSF": a verb whose entry `implies` an item says itself what was handed
    over, when it names a recipient and no "with"."""
    token, f, entry = r.token, r.f, r.entry
    if r.item is None and entry.get("implies") and token.pos_ == "VERB" and not pobjs(token, "with") and \
            any(x.id for x in r.mention.roles.get("recipient", [])):
        r.item = Filler("item", token.text, token.idx, token.idx + len(token.text), category=entry["implies"],
                        broad=getattr(f.kb.get("generic:" + entry["implies"]) if f.kb is not None else None,
                                      "broad", None), via="verb")


@construction(EventType.TRANSFER, "frame", 670, "no_item")
def no_item(r: Reading) -> object:
    """A transfer word with no materiel found is no arms transfer ("sold shares", "delivered a
    speech")."""
    return REJECT if r.item is None else None


@construction(EventType.TRANSFER, "frame", 680, "item")
def item(r: Reading) -> None:
    """The item and its quantity onto the mention, a part of a system made a component of it
    ("engines for Pakistan's F-16 jets")."""
    r.first = r.item
    r.item = component(r.f, r.mention, r.item, r.give)
    r.mention.add("item", [r.item])
    r.mention.quantity = r.quantity


@construction(EventType.TRANSFER, "frame", 690, "conjoined_items")
def conjoined_items(r: Reading) -> None:
    """"supplied tanks and howitzers", "Kornet missiles and Pantsir systems": the other weapons
    conjoined with the item's phrase, each with its count, are further items (one transfer
    each, see `split_parties`)."""
    for more, count in _conjoined(r, r.first):
        r.mention.more_items.append((component(r.f, r.mention, more, r.give), count, {}))


def _conjoined(r: Reading, item: Filler) -> list[tuple[Filler, object]]:
    f = r.f
    span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
    if span is None:
        return []
    # the parser may hang the conjunct on any word of the phrase: "Kornet missiles and
    # Pantsir systems" reads as (Kornet missiles and Pantsir) systems
    path = [span.root]
    while path[-1].dep_ in ("compound", "amod", "nmod", "nummod") and path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    out, seen = [], {item.id or item.text.lower()}
    for conj in [c for node in path for c in r.reader._conjuncts(node)[1:]]:
        if conj.pos_ not in ("NOUN", "PROPN"):
            continue
        more, count = f.item(conj)
        key = more.id or more.text.lower() if more is not None else None
        if more is not None and key not in seen and not (more.start < item.end and item.start < more.end):
            seen.add(key)
            out.append((more, count))
    return out


@construction(EventType.TRANSFER, "frame", 700, "gapped_items")
def gapped_items(r: Reading) -> None:
    """"received artillery shells from North Korea and drones from Iran", "HIMARS from the US, and
    Patriot systems from Germany": a second weapon with its own source or destination, which the
    parser hangs on the first one's party or on the verb; the side it names is not the first
    item's too."""
    m = r.mention
    for more, count, roles in _gapped(r, r.token, r.first):
        m.more_items.append((component(r.f, m, more, r.give), count, roles))
        for role, fillers in roles.items():
            taken = {x.start for x in fillers}
            m.roles[role] = [x for x in m.roles.get(role, []) if x.start not in taken] or m.roles.get(role, [])


def _gapped(r: Reading, token: Token, item: Filler) -> list[tuple[Filler, object, dict]]:
    f = r.f
    candidates = [c for c in children(token, "conj") if c.pos_ in ("NOUN", "PROPN")]
    span = f.doc.char_span(item.start, item.end, alignment_mode="expand")
    holders = [token] + ([span.root, span.root.head] if span is not None else [])
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in ("from", "to"):
                for party in children(prep, "pobj"):
                    candidates += [c for c in r.reader._conjuncts(party)[1:] if c.pos_ in ("NOUN", "PROPN")]
    out, seen = [], {item.id or item.text.lower()}
    for cand in candidates:
        if f.actors(cand) or not is_item(f, cand):
            continue
        more, count = f.item(cand)
        key = more.id or more.text.lower()
        if key in seen:
            continue
        roles = {}
        for prep, role in (("from", "supplier"), ("to", "recipient")):
            # its own "from Russia", or one the parser hung on the verb after it ("bought Rafale
            # jets from France and S-400 systems from Russia")
            heads = pobjs(cand, prep) or [o for p in token.children if p.dep_ in ("prep", "dative")
                                           and p.lower_ == prep and p.i > cand.i for o in children(p, "pobj")]
            found = [a for p in heads for a in f.actors(p, allow_place=True)]
            if found:
                roles[role] = found
        if roles:
            seen.add(key)
            out.append((more, count, roles))
    return out
