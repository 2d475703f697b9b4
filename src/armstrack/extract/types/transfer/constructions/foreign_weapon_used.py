"""foreign_weapon_used: "Azerbaijan used Israeli Harop drones"."""
from __future__ import annotations

from .....records import EventType, Status
from ....arguments import children, is_item
from ....construction import construction
from ....lexicon import words
from ....mention import Mention
from ..common import is_state_id
from ..reading import Reading

WORDS = words("constructions/transfer", "foreign_weapon_used")


@construction(EventType.TRANSFER, "trigger", 70, "foreign_weapon_used")
def foreign_weapon_used(r: Reading) -> Mention | None:
    """"Azerbaijan used Israeli Harop drones", "Russian forces fired North Korean KN-23
    missiles", "Ukrainian forces used U.S.-supplied ATACMS missiles": a weapon named by another
    state's demonym (or its name with a supplying participle, one token), in the hands of a named
    user, was handed over by that state (status used). The demonym must qualify the weapon
    itself, and the user must be another state or group."""
    token, f = r.token, r.f
    if r.entry is not None or token.pos_ != "VERB" or token.lemma_.lower() not in r.lex.user_verbs:
        return None
    user = f.actors(next(iter(children(token, "nsubj")), None))
    users = {a.id for a in user if a.id}
    if not users:
        return None
    for obj in children(token, "dobj"):
        if not is_item(f, obj):
            continue
        makers = []
        for mod in f.doc[obj.left_edge.i:obj.i]:
            ent = f.ent_at.get(mod.i)
            if mod.dep_ in ("amod", "compound", "nmod") and ent is not None and (ent.label_ == "DEMONYM" or (
                    ent.label_ == "ACTOR" and "-" in mod.text and
                    mod.text.rsplit("-", 1)[1].lower() in WORDS.origin_participles)):
                makers.append(f._filler_from_ent(ent))
        makers = [m for m in makers if m.id and m.id not in users and is_state_id(f, m.id)]
        if not makers:
            continue
        m = Mention(EventType.TRANSFER, token, token.sent)
        item, quantity = f.item(obj)
        m.add("supplier", makers[:1])
        m.add("recipient", [a for a in user if a.id])
        m.add("item", [item])
        m.quantity = quantity
        m.status = Status.USED
        m.when = f.date_of(token)
        return m
    return None
