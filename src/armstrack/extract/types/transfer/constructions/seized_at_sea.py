"""seized_at_sea: "intercepted a dhow carrying rifles from Iran to Yemen", "seized rifles from a
fishing vessel bound for Yemen"."""
from __future__ import annotations

from .....records import EventType, Status
from ....arguments import children, is_item, pobjs
from ....construction import construction
from ....lexicon import words
from ..common import is_state_id, mention_to
from ..parts import component
from ..reading import Reading

WORDS = words("constructions/transfer", "seized_at_sea")


@construction(EventType.TRANSFER, "trigger", 101, "seized_at_sea")
def seized_at_sea(r: Reading) -> object:
    """"intercepted a dhow carrying rifles from Iran to Yemen", "seized rifles from a fishing
    vessel bound for Yemen": a navy stopping a vessel on its way to someone stops a transfer
    to them, whose weapons the vessel carries or held. The cargo's destination is said on the
    vessel (or by the carrying verb), not on the weapon, so `interdicted_shipment` (a weapon
    "bound for") does not see it; the navy is neither side. Only a named destination makes it
    one: "seized a boat carrying rifles" may be a smuggler's."""
    token, f, lex = r.token, r.f, r.lex
    if r.entry is not None or token.pos_ != "VERB" or token.lemma_.lower() not in lex.interdiction_verbs:
        return None
    found = _carried(r, token) or _taken_from_vessel(r, token)
    if found is None:
        return None
    item_token, places, sources = found
    recipients = [a for p in places for a in f.actors(p, allow_place=True) if a.id]
    started = mention_to(f, r.sent, token, item_token, recipients)
    if started is None:
        return None
    m, item, quantity = started
    suppliers = [a for p in sources for a in f.actors(p, allow_place=True) if a.id]
    if not suppliers:
        # "Iranian missile parts": whose weapons they were
        span = f.doc[item_token.left_edge.i:item_token.i + 1]
        suppliers = [f._filler_from_ent(f.ent_at[t.i]) for t in span
                     if t.i in f.ent_at and f.ent_at[t.i].label_ == "DEMONYM"]
        suppliers = [a for a in suppliers if a.id and is_state_id(f, a.id)]
    m.add("supplier", [a for a in suppliers if a.id != recipients[0].id][:1])
    m.add("item", [component(f, m, item, True)])
    m.quantity = quantity
    m.status = Status.SEIZED
    m.when = f.date_of(token)
    return m


def _carried(r: Reading, token):
    """"intercepted a boat carrying missile parts to the Houthis": the vessel the verb stopped
    and what it carried, with where to and from (said by the carrying verb, the weapon or
    "bound for" on the vessel)."""
    lex = r.lex
    for vessel in children(token, "dobj"):
        if vessel.lemma_.lower() not in WORDS.vessels:
            continue
        carriers = [c for c in vessel.children if c.dep_ in ("acl", "relcl")] + children(token, "advcl")
        for carry in carriers:
            if carry.lemma_.lower() not in WORDS.carrying_verbs:
                continue
            items = [o for o in children(carry, "dobj") if is_item(r.f, o)]
            if not items:
                continue
            item = items[0]
            if any(c.lemma_.lower() in lex.destination_participles for c in item.subtree if c.dep_ in ("acl", "relcl")):
                return None  # "a ship carrying weapons bound for Libya" is `interdicted_shipment`'s
            places = pobjs(carry, "to") + _bound_for(lex, vessel)
            return item, places, pobjs(carry, "from") + _from_in(item)
    return None


def _taken_from_vessel(r: Reading, token):
    """"seized 2,000 rifles from a fishing vessel bound for Yemen": the weapons taken off a
    vessel on its way somewhere."""
    items = [o for o in children(token, "dobj") if is_item(r.f, o)]
    if not items:
        return None
    for vessel in pobjs(token, *WORDS.vessel_preps):
        if vessel.lemma_.lower() in WORDS.vessels:
            places = _bound_for(r.lex, vessel)
            if places:
                return items[0], places, _from_in(items[0])
    return None


def _bound_for(lex, vessel) -> list:
    return [p for c in vessel.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in lex.destination_participles
            for p in pobjs(c, "for", "to")]


def _from_in(item) -> list:
    """"thousands of assault rifles from Iran": a source said inside the weapon's phrase."""
    return [p for t in item.subtree if t.dep_ == "prep" and t.lower_ == "from" for p in children(t, "pobj")]
