"""joint_subject: "Airbus and the Spanish Air Force marked the handover of the first A400M"."""
from __future__ import annotations

from .....records import EventType
from ....construction import construction
from ..common import is_firm, is_state_id
from ..reading import Reading


@construction(EventType.TRANSFER, "frame", 688, "joint_subject")
def joint_subject(r: Reading) -> None:
    """"Airbus and the Spanish Air Force marked the handover of the first A400M", "Embraer and
    the Portuguese Air Force celebrated the delivery of the fifth KC-390": a maker and a buyer
    abroad who together mark a delivery are its two sides, the maker giving (a buyer in the state
    that makes the system takes it at home)."""
    token, f, m = r.token, r.f, r.mention
    if not r.give or token.pos_ != "NOUN" or token.dep_ != "dobj" or m.roles.get("supplier") or m.roles.get("recipient"):
        return
    actors = [a for a in f.actors(f.subject_of(token.head)) if a.id]
    makers = [a for a in actors if is_firm(a)]
    buyers = [a for a in actors if not is_firm(a) and is_state_id(f, a.id)]
    made_in = getattr(f.kb.get(r.item.id), "country", None) if r.item is not None and r.item.id and f.kb is not None else None
    if len(makers) == 1 and len(buyers) == 1 and buyers[0].id not in (makers[0].state, made_in):
        m.add("supplier", makers)
        m.add("recipient", buyers)
