"""Small readings several TRANSFER constructions share."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ....records import EventType
from ...fillers import RELATIVE_PRONOUNS
from ...mention import Mention

if TYPE_CHECKING:
    from ...frames import FrameReader

PARTY_ROLES = ("supplier", "recipient")
# the item's `via` on a transfer whose weapon a pronoun or a definite phrase takes up and whose
# other side the earlier transfer gives (`taken_up_sides`, at the sentence stage)
TAKEN_UP = "taken_up"
# an item's `via` when the sentence does not name the weapon: "Navantia signed the contract with
# the Royal Saudi Navy" (unnamed), "Colombia acquired the ship from South Korea" (pointed: a
# definite phrase or a pronoun takes up one named before)
UNNAMED = "unnamed"
POINTED = "pointed"


def mention_to(f: FrameReader, sent, trigger: Token, item_token: Token, recipients: list) -> tuple | None:
    """A new transfer of the weapon at `item_token` to the first of `recipients`, with the item
    and its quantity read; None when there is no recipient or no weapon there. The trigger
    constructions that read a whole shape themselves start from it."""
    if not recipients:
        return None
    item, quantity = f.item(item_token)
    if item is None:
        return None
    m = Mention(EventType.TRANSFER, trigger, sent)
    m.add("recipient", recipients[:1])
    return m, item, quantity


def is_firm(actor) -> bool:
    """A company: a party the knowledge base (or the text) places in a state other than itself."""
    return bool(actor.state) and actor.state != actor.id


def is_state_id(f: FrameReader, actor_id: str) -> bool:
    """Whether the knowledge base has `actor_id` as a state."""
    entry = f.kb.get(actor_id) if f.kb is not None else None
    return getattr(entry, "kind", None) == "state"


def item_owners(f: FrameReader, noun: Token, *, adjectives: bool = False) -> list:
    """Who owns the weapon `noun` heads, as the phrase says: "Ghana's drones" (a possessive; a
    firm's are its products) and, with `adjectives`, "four Egyptian Type 209 submarines" (a
    demonym or state name before the item's name, where the parser may hang it elsewhere)."""
    owners = [a for c in noun.children if c.dep_ == "poss" for a in f.actors(c) if a.id and a.state is None]
    if owners or not adjectives:
        return owners
    ent = f.ent_at.get(noun.i)
    before = f.doc[ent.start - 1] if ent is not None and ent.start > 0 else None
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i] + (
        [before] if before is not None and before.pos_ in ("ADJ", "PROPN") else [])
    found = [f.ent_at[m.i] for m in mods if m.i in f.ent_at]
    return [a for e in found if e.label_ in ("DEMONYM", "ACTOR") for a in [f._filler_from_ent(e)] if a.id][:1]


def relative_antecedent(token: Token) -> Token:
    """"the jets which Russia delivered", "rockets that were smuggled": a relative pronoun
    stands for the noun its clause qualifies."""
    clause = token.head
    if token.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    return token


def assign_sides(m: Mention, people: list, frames: FrameReader) -> None:
    """Fill a transfer's missing sides from the two parties of the talks or deal it belongs to:
    where one side is named the other party is the other side; where neither is, the maker
    state of a named system supplies it ("Brazil and Sweden concluded an agreement for the sale
    of Gripen jets"), and a state beside an armed group supplies the group; two states with
    nothing else to tell them apart stay unresolved."""
    sides = {role: [f.id for f in m.roles.get(role) or [] if f.id] for role in PARTY_ROLES}
    for role, other in (("supplier", "recipient"), ("recipient", "supplier")):
        if sides[other] and not m.roles.get(role):
            # a firm of the other side's own state is not this side ("Poland's PGZ and the South
            # Korean firm Hanwha signed a deal on K9 howitzers for the Polish army": issue 23)
            taken = set(sides[other]) | {f.state for f in m.roles.get(other) or [] if f.state} | {
                f.state for f in people if f.id in sides[other] and f.state}
            rest = [f for f in people if f.id not in taken and (f.state or f.id) not in taken]
            if len(rest) == 1:
                m.roles[role] = [rest[0]]
    if m.roles.get("supplier") or m.roles.get("recipient") or len(people) != 2 or frames.kb is None:
        return
    item = m.first("item")
    origin = getattr(frames.kb.get(item.id), "country", None) if item is not None and item.id else None
    ids = [f.id for f in people]
    if origin in ids:
        m.roles["supplier"] = [people[ids.index(origin)]]
        m.roles["recipient"] = [people[1 - ids.index(origin)]]
        return
    kinds = [getattr(frames.kb.get(f.id), "kind", None) for f in people]
    if sorted(kinds) == ["armed_group", "state"]:
        m.roles["supplier"] = [people[kinds.index("state")]]
        m.roles["recipient"] = [people[kinds.index("armed_group")]]
