"""maker_supplies: "Indonesia began negotiating with France over the supply of Scorpene submarines"."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType, Filler
from ....construction import construction
from ..common import is_state_id
from ..reading import Reading


@construction(EventType.TRANSFER, "frame", 770, "maker_supplies")
def maker_supplies(r: Reading) -> None:
    """"Indonesia began negotiating with France over the supply of Scorpene submarines": where a
    transfer noun's sides come from the clause around it, the syntax says little of direction,
    and a named system's maker state that stands as recipient is its supplier; a state that
    qualifies a buyer's noun of another state's system buys it."""
    f, m = r.f, r.mention
    item = m.first("item")
    if m.trigger.pos_ not in ("NOUN", "PROPN") or item is None or not item.id or f.kb is None:
        return
    origin = getattr(f.kb.get(item.id), "country", None)
    suppliers, recipients = m.roles.get("supplier") or [], m.roles.get("recipient") or []
    if origin and len(suppliers) == 1 and not recipients and not r.give and _modifies(m.trigger, suppliers[0]) and \
            is_state_id(f, suppliers[0].id or "") and suppliers[0].id != origin:
        # "the Indian purchase of Rafale jets", "the Togo deal for two C295s": a state qualifying a
        # buyer's noun, of a system another state makes, is the buyer
        m.roles["recipient"] = m.roles.pop("supplier")
        return
    if origin and len(suppliers) == 1 and len(recipients) == 1 and \
            (recipients[0].state or recipients[0].id) == origin and (suppliers[0].state or suppliers[0].id) != origin \
            and is_state_id(f, suppliers[0].state or suppliers[0].id or "") and not _sent_to(m.trigger, recipients[0]):
        m.roles["supplier"], m.roles["recipient"] = recipients, suppliers


def _sent_to(noun: Token, filler: Filler) -> bool:
    """"Japan approved the export of Patriot missiles to the United States": a recipient a "to"
    of the noun, or of the verb that governs it, names is where it goes, even back to the
    maker's state."""
    holders = list(noun.subtree) + ([noun.head] if noun.dep_ in ("dobj", "nsubjpass") else [])
    return any(p.dep_ == "prep" and p.lower_ == "to" and c.dep_ == "pobj" and c.left_edge.idx <= filler.start <= c.idx
               for h in holders for p in h.children for c in p.children)


def _modifies(noun: Token, filler: Filler) -> bool:
    """Whether `filler` is written in a modifier before `noun` ("the Indian purchase")."""
    return any(c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and
               c.left_edge.idx <= filler.start < c.idx + len(c.text) for c in noun.children)
