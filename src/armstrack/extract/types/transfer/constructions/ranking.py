"""ranking: "India remained the world's largest arms importer" is a statistic, not a transfer."""
from __future__ import annotations

from .....records import EventType
from ....construction import REJECT, construction
from ....lexicon import words
from ..reading import NOUN, Reading
from .noun import is_agent_noun

WORDS = words("constructions/transfer", "ranking")


@construction(EventType.TRANSFER, "frame", 455, "ranking", shapes=(NOUN,))
def ranking(r: Reading):
    """"India remained the world's largest arms importer", "France overtook Russia as the
    second-largest exporter": an agent noun ranked (a superlative, "top") with no other party in
    its phrase ranks a state in the arms trade; it names no transfer (issue 23, not transfers).
    "Russia is Iran's largest supplier", "the largest buyer of French arms", "the top supplier
    of arms to Ukraine" name the other side and stay transfers."""
    token, f = r.token, r.f
    if not is_agent_noun(r):
        return None
    if not any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in WORDS.ranking_words) for c in token.children):
        return None
    for t in token.subtree:
        ent = f.ent_at.get(t.i)
        if t.i != token.i and ent is not None and ent.label_ in ("ACTOR", "DEMONYM", "CAPITAL", "SEAT"):
            return None   # the other side is named: a relation between two parties
    return REJECT


@construction(EventType.TRANSFER, "frame", 456, "agent_title", shapes=(NOUN,))
def agent_title(r: Reading):
    """"Russian state arms exporter Rosoboronexport", "Rosoboronexport, Russia's state arms
    exporter, said": an agent noun that titles a name says who the bearer is, not a transfer.
    One that names another side stays ("the main supplier of drones to Russia", "Iran,
    Russia's main drone supplier": a possessor that is not the bearer's own state)."""
    token, f = r.token, r.f
    if not is_agent_noun(r):
        return None
    named = token.head.pos_ == "PROPN" or f.ent_at.get(token.head.i) is not None
    if not ((token.dep_ == "compound" and named) or token.dep_ == "appos"):
        return None
    if any(c.dep_ == "prep" for c in token.children):
        return None
    own = {x for a in f.actors(token.head) for x in (a.id, a.state) if x}
    others = [a for t in token.subtree if t.i != token.i for a in f.actors(t)
              if a.id not in own and (a.state is None or a.state not in own)]
    return None if others else REJECT
