"""nearing_deal: a deal one is close to, or nearing, is still being negotiated."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType, Status
from ....construction import construction
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "nearing_deal")


@construction(EventType.TRANSFER, "frame", 807, "nearing_deal")
def nearing_deal(r: Reading) -> None:
    """"India is nearing a deal with France for 26 Rafale jets", "Elbit is close to signing a
    deal to supply drones to the Philippine Army", "Egypt is close to a deal to buy J-10s", "on
    the verge of ordering": the deal is not made yet; it is negotiated. Who nears it is the side
    the deal leaves empty."""
    token, f, m = r.token, r.f, r.mention
    near = _nearing(token)
    if near is None or m.status is None or m.status.halts:
        return
    if m.status in (Status.DELIVERING, Status.DELIVERED, Status.USED):
        return   # a delivery told beside the deal being neared is its own
    if m.status.rank > Status.NEGOTIATING.rank or m.status in (Status.CONSIDERED, Status.REQUESTED):
        m.status = Status.NEGOTIATING
    subject = f.subject_of(near) if near.pos_ == "VERB" else next(
        (c for c in near.head.children if c.dep_ == "nsubj"), None)
    named = {x for side in ("supplier", "recipient") for a in m.roles.get(side, []) for x in (a.id, a.state) if x}
    found = [a for a in f.actors(subject) if a.id and a.id not in named and (a.state or a.id) not in named]
    for role in ("recipient", "supplier"):
        if found and not m.roles.get(role) and m.roles.get("supplier" if role == "recipient" else "recipient"):
            m.add(role, found)
            break


def _edge(node: Token) -> bool:
    """Where the trigger's own clause ends: a relative or reported clause, a conjunct, an
    adverbial clause that is no infinitive of purpose ("a deal to buy"), a gerund after a
    preposition other than that of the nearing ("after receiving", not "close to signing")."""
    if node.dep_ in WORDS.clause_edges:
        return True
    if node.dep_ == "advcl":
        return not any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children)
    return node.dep_ == "pcomp" and node.head.lower_ not in WORDS.nearing_preps | WORDS.gerund_preps


def _nearing(token: Token) -> Token | None:
    """The word of nearing that governs the trigger, or its clause's: "nearing", "close to",
    "on the verge of"."""
    node = token
    for _ in range(5):
        for cand in (node, *[c for c in node.children if c.dep_ == "acomp"]):
            if cand.lemma_.lower() in WORDS.nearing_verbs and cand.pos_ == "VERB":
                return cand
            if cand.lower_ in WORDS.nearing_adjectives and any(
                    c.dep_ == "prep" and c.lower_ in WORDS.nearing_preps for c in cand.children):
                return cand
            if cand.lower_ in WORDS.nearing_nouns and cand.head.lower_ in WORDS.nearing_noun_preps:
                return cand.head.head
        if node.head.i == node.i or _edge(node):
            return None   # "Serbia, which received Rafales, is close to a deal": another clause
        node = node.head
    return None
