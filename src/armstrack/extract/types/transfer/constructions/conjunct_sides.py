"""conjunct_sides: "received centrifuges and their components from Pakistan"."""
from __future__ import annotations

from .....records import EventType
from ....arguments import children, pobjs
from ....construction import construction
from ..reading import CLAUSE, Reading


@construction(EventType.TRANSFER, "frame", 735, "conjunct_sides", shapes=(CLAUSE,))
def conjunct_sides(r: Reading) -> None:
    """"Libya received hundreds of centrifuges and their components from Pakistan", "Britain
    sent tanks and artillery shells to Ukraine": a "from" (a "to") the parser hung on the last
    conjunct of the object names the side of the whole object, when no other names it."""
    f, m = r.f, r.mention
    role, prep = ("recipient", "to") if r.give else ("supplier", "from")
    if m.roles.get(role):
        return
    for obj in children(m.trigger, "dobj"):
        for conj in (c for c in obj.subtree if c.dep_ == "conj" and c.head.i in (obj.i, *(t.i for t in obj.subtree))):
            found = [a for p in pobjs(conj, prep) for a in f.actors(p) if a.id]
            if found:
                m.add(role, found)
                return
