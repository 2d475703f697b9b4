"""expected_to: "are expected to arrive" expects an event; it receives nothing itself."""
from __future__ import annotations

from .....records import EventType
from ....construction import REJECT, construction
from ....lexicon import words
from ..common import is_state_id
from ..reading import Reading

WORDS = words("constructions/transfer", "expected_to")


@construction(EventType.TRANSFER, "trigger", 24, "expected_to")
def expected_to(r: Reading) -> object:
    """"The systems are expected to arrive before winter", "Russia is expected to deliver": a
    verb of awaiting in the passive, or with a clause after it, awaits that clause's event, which
    the clause's own verb reads; only a state or its service expecting the weapon itself
    ("Poland expects K2 tanks from South Korea") awaits one."""
    token = r.token
    if token.lemma_.lower() not in WORDS.awaiting_verbs or token.pos_ != "VERB":
        return None
    if any(c.dep_ in ("auxpass", "xcomp", "ccomp") for c in token.children):
        return REJECT
    if any(c.dep_ == "dobj" and c.lemma_.lower() in WORDS.awaited_not_weapons for c in token.children):
        return REJECT   # "Lockheed Martin expects F-35 orders from Switzerland": orders, not jets
    subject = r.f.subject_of(token)
    if not any(a.id and is_state_id(r.f, a.state or a.id) for a in r.f.actors(subject)):
        return REJECT   # "Analysts expect ...": only a state or its service awaits a weapon
    return None
