"""offer_received: an offer received is the offerer's to the one who received it."""
from __future__ import annotations

from .....records import EventType
from ....arguments import is_item, pobjs
from ....construction import REJECT, construction
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "offer_received")


@construction(EventType.TRANSFER, "frame", 655, "offer_received")
def offer_received(r: Reading) -> object:
    """"Indonesia has received a commercial offer for 11 Su-35 planes", "The Philippines got a
    proposal from Saab for 14 Gripen jets": the one who receives the offer would buy, the one it
    is from would sell, and what it is "for" (or "of") is the weapon. The receiving verb got an
    offer, not the weapon: the noun reads the transfer."""
    token, f, m = r.token, r.f, r.mention
    if token.lemma_.lower() in WORDS.receiving_verbs and any(
            c.dep_ == "dobj" and c.lemma_.lower() in WORDS.offer_nouns for c in token.children):
        return REJECT
    if token.lemma_.lower() not in WORDS.offer_nouns:
        return None
    verb = token.head
    if token.dep_ not in ("dobj", "nsubjpass") or verb.lemma_.lower() not in WORDS.receiving_verbs:
        # "would reject any proposal to halt enrichment": a proposal is an offer of arms only
        # when it is received for them
        return REJECT if token.lemma_.lower() in WORDS.received_only else None
    if r.item is None:
        # the parser hangs the "for" on the verb as often as on the noun
        for obj in [*pobjs(token, *WORDS.item_preps), *pobjs(verb, *WORDS.item_preps)]:
            if is_item(f, obj):
                r.item, r.quantity = f.item(obj)
                break
    if r.item is None:
        return None
    if not m.roles.get("recipient"):
        m.add("recipient", f.parties(f.subject_of(verb)) if token.dep_ == "dobj" else [])
    if not m.roles.get("supplier"):
        for source in [*pobjs(token, "from"), *pobjs(verb, "from")]:
            found = f.parties(source)
            if found:
                m.add("supplier", found)
                break
    return None
