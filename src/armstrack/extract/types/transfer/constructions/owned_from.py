"""owned_from: "Ukraine's new F-16 jets from Denmark entered service"."""
from __future__ import annotations

from .....records import EventType, Status
from ....arguments import pobjs
from ....construction import construction
from ....labels import ITEM_LABELS
from ....mention import Mention
from ..reading import Reading


@construction(EventType.TRANSFER, "trigger", 40, "owned_from")
def owned_from(r: Reading) -> Mention | None:
    """"Ukraine's new F-16 jets from Denmark entered service": a weapon a named party owns,
    "from" another, was handed over, when no transfer word governs the phrase."""
    token, f, lex = r.token, r.f, r.lex
    ent = f.ent_at.get(token.i)
    if ent is None or ent.label_ not in ITEM_LABELS or ent.root.i != token.i:
        return None
    head = token.head.lemma_.lower()
    if head in lex.transfer_verbs or head in lex.transfer_nouns or \
            token.dep_ not in ("nsubj", "nsubjpass", "dobj", "ROOT"):
        return None  # a transfer word reads it; "parts for its F-16 fleet" is no owner's weapon
    owners = [a for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN" for a in f.actors(c) if a.id]
    sources = [a for p in pobjs(token, "from") for a in f.actors(p) if a.id]
    if not owners or not sources or {a.id for a in owners} & {a.id for a in sources}:
        return None
    item, quantity = f.item(token)
    if item is None:
        return None
    m = Mention(EventType.TRANSFER, token, r.sent)
    m.add("supplier", sources[:1])
    m.add("recipient", owners[:1])
    m.add("item", [item])
    m.quantity = quantity
    m.status = Status.DELIVERED
    return m
