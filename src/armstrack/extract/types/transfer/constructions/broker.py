"""The broker: who arranged a transfer between two other parties, by four constructions in
order; the first that names one settles it."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType
from ....arguments import children, pobjs
from ....construction import construction
from ....lexicon import words
from ..reading import Reading

WORDS = words("constructions/transfer", "broker")


def _involved(r: Reading) -> set:
    return {f.id for role in ("supplier", "recipient") for f in r.mention.roles.get(role, [])}


def _mediation(r: Reading, token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in r.lex.mediation and lemma not in WORDS.not_brokering


def _settle(r: Reading, broker: list) -> None:
    r.mention.add("broker", broker)
    r.settled.add("broker")


@construction(EventType.TRANSFER, "frame", 780, "brokered_by")
def brokered_by(r: Reading) -> None:
    """"the deal, brokered by the UAE, saw Belarus deliver ...", "a sale brokered by X": a
    participle of mediation on the trigger or on the subject of a verb above it."""
    involved = _involved(r)
    for node in r.f.chain(r.mention.trigger, 4):
        nouns = [node] if node.pos_ in ("NOUN", "PROPN") else children(node, "nsubj")
        for noun in nouns:
            for acl in noun.children:
                if acl.dep_ == "acl" and _mediation(r, acl):
                    for agent in pobjs(acl, "by"):
                        broker = [b for b in r.f.actors(agent) if b.id not in involved]
                        if broker:
                            return _settle(r, broker)


def hyphenated_word(t: Token) -> str:
    """"go-between" is three tokens: the hyphenated compound is the word."""
    left = t.i
    while left >= 2 and t.doc[left - 1].text == "-" and not t.doc[left - 1].whitespace_ and \
            not t.doc[left - 2].whitespace_:
        left -= 2
    return t.doc[left:t.i + 1].text.lower() if left < t.i else t.lemma_.lower()


@construction(EventType.TRANSFER, "frame", 782, "acting_as_broker")
def acting_as_broker(r: Reading) -> None:
    """"Russia sold Yakhont missiles to the Houthis, with Iran acting as broker": an absolute
    "with X acting as" a go-between (`broker_nouns`) on the trigger."""
    if "broker" in r.settled:
        return
    trigger, nouns, involved = r.mention.trigger, r.words["broker_nouns"], _involved(r)
    for w in pobjs(trigger, "with") + [c for p in trigger.children if p.dep_ == "prep" and p.lower_ == "with"
                                       for c in p.children if c.dep_ == "pcomp"]:
        for role in (t for t in w.subtree if t.dep_ == "pobj" and t.head.lower_ == "as" and hyphenated_word(t) in nouns):
            acting = role.head.head
            broker = [b for b in r.f.actors(next(iter(children(acting, "nsubj")), None)) if b.id not in involved]
            if broker:
                return _settle(r, broker)


@construction(EventType.TRANSFER, "frame", 784, "go_between")
def go_between(r: Reading) -> None:
    """"Belarus acted as an intermediary in the sale", "the UAE was the middleman for the deal":
    the one the go-between noun is said of (the parser may hang "for" on the copula)."""
    if "broker" in r.settled:
        return
    f, nouns, involved = r.f, r.words["broker_nouns"], _involved(r)
    for node in f.chain(r.mention.trigger, 4)[1:]:
        if hyphenated_word(node) not in nouns:
            node = next((c for c in children(node, "attr") if hyphenated_word(c) in nouns), None)
            if node is None:
                continue
        if node.dep_ == "pobj" and node.head.lower_ == "as":
            bearer = f.subject_of(node.head.head)
        elif node.dep_ == "attr":
            bearer = next(iter(children(node.head, "nsubj")), None)
        elif node.dep_ == "appos":
            bearer = node.head
        else:
            bearer = None
        broker = [b for b in f.actors(bearer) if b.id not in involved] if bearer is not None else []
        if broker:
            return _settle(r, broker)


@construction(EventType.TRANSFER, "frame", 786, "mediating_verb")
def mediating_verb(r: Reading) -> None:
    """"Turkey mediated the purchase of Chinese drones by Ethiopia", "the sale ... was arranged by
    Syria": the subject of the nearest verb of mediation above the trigger, or the agent of its
    passive, brokers it."""
    if "broker" in r.settled:
        return
    f = r.f
    for node in f.chain(r.mention.trigger, 5)[1:]:
        if node.pos_ == "VERB" and _mediation(r, node):
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in node.children)
            broker = [a for p in pobjs(node, "by") for a in f.actors(p)] if passive else \
                f.actors(f.subject_of(node))
            involved = _involved(r)
            r.mention.add("broker", [b for b in broker if b.id not in involved])
            return
