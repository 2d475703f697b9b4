"""transit_place: "sent weapons to the RSF through airstrips in eastern Chad"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import pobjs
from ....construction import construction
from ....firms import state_of
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "transit_place")


@construction(EventType.TRANSFER, "frame", 792, "transit_place")
def transit_place(r: Reading) -> None:
    """"sent weapons to Sudan's RSF through airstrips in eastern Chad", "shipped via the port of
    Aqaba in Jordan", "through the Kenyan port of Mombasa": a place of passage (`places`) reached
    through "through" or "via" on the trigger is in the transit state its phrase names, when it is
    neither side."""
    m, f = r.mention, r.f
    if m.roles.get("transit"):
        return
    sides = {x for role in ("supplier", "recipient") for a in m.roles.get(role, []) for x in (a.id, a.state) if x}
    for prep in WORDS.through_preps:
        for place in pobjs(m.trigger, prep):
            if place.lemma_.lower() not in WORDS.places and place.lower_ not in WORDS.places:
                continue
            # "in eastern Chad", "of Mombasa in Kenya", "the Kenyan port"
            near = [t for t in place.subtree if t.i != place.i]
            for token in near:
                state = state_of(f, token)
                if state and state not in sides:
                    ent = f.ent_at[token.i]
                    m.add("transit", [f._filler_from_ent(ent)])
                    return
