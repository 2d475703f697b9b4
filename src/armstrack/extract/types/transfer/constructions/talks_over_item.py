"""talks_over_item: "The Philippines is in talks with India over more BrahMos missiles"."""
from __future__ import annotations

from .....records import EventType, Status
from ....arguments import is_item, pobjs
from ....construction import construction
from ....lexicon import words
from ....mention import Mention
from ..common import is_firm
from ..reading import Reading

WORDS = words("constructions/transfer", "talks_over_item")


@construction(EventType.TRANSFER, "trigger", 96, "talks_over_item")
def talks_over_item(r: Reading) -> Mention | None:
    """"The Philippines is in talks with India over more BrahMos missiles", "Vietnam held
    negotiations with Russia on new Su-35 jets", "Egypt was negotiating with China over J-10C
    jets": talks with a party about a weapon, with no
    transfer word, are its purchase under negotiation; the one in the talks buys, the one they
    are with sells (a firm with a state sells to it)."""
    token, f = r.token, r.f
    # "Egypt was negotiating with China over J-10C jets": the verb of talking says it too
    verb = token.pos_ == "VERB" and token.lemma_.lower() in WORDS.talk_verbs
    if not verb and (token.pos_ != "NOUN" or token.lemma_.lower() not in WORDS.talk_nouns):
        return None
    # "negotiated over the supply of S-400s to Turkey": talks on a transfer word are that word's
    items = [p for p in pobjs(token, *WORDS.topic_preps) if is_item(f, p) and
             not (verb and p.lemma_.lower() in r.lex.transfer_nouns)]
    partners = [a for p in pobjs(token, *(WORDS.partner_preps if verb else ("with",))) for a in f.actors(p) if a.id]
    if not items or not partners:
        return None
    clause = token if verb else token.head.head if token.dep_ == "pobj" else token.head
    talkers = [a for a in f.actors(f.subject_of(clause)) if a.id and a.id not in {p.id for p in partners}]
    if not talkers:
        return None
    buyers, sellers = talkers[:1], partners[:1]
    if is_firm(buyers[0]) and not is_firm(sellers[0]):
        buyers, sellers = sellers, buyers   # "Saab is in talks with Colombia over Gripen jets"
    item, quantity = f.item(items[0])
    m = Mention(EventType.TRANSFER, token, r.sent)
    m.add("recipient", buyers)
    m.add("supplier", sellers)
    m.add("item", [item])
    m.quantity = quantity
    m.status = Status.NEGOTIATING
    m.when = f.date_of(clause)
    return m
