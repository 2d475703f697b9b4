"""export_licence: "Switzerland denied an export licence for Piranha vehicles to Qatar"."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType
from ....arguments import children, is_item, pobjs
from ....construction import REJECT, construction
from ....lexicon import words
from ..reading import NOUN, Reading

WORDS = words("constructions/transfer", "export_licence")


@construction(EventType.TRANSFER, "trigger", 95, "export_licence")
def export_licence(r: Reading):
    """"denied an export licence for Piranha vehicles to Qatar", "an export licence for ... was
    refused", "granted export licences for IRIS-T systems to Egypt": an export licence stands for
    the export it allows, its status what its verb does to it (denied or refused: refused;
    revoked: cancelled; suspended: suspended; granted or issued: approved; applied for: requested).
    Its seller is the state that decides on it (issue 23: a licence refused is no delivery). A
    transfer verb whose object is the licence ("granted a licence") is read through the licence."""
    token = r.token
    if token.pos_ == "VERB" and any(c.dep_ == "dobj" and _is_export_licence(c) for c in token.children):
        return REJECT
    if r.entry is not None or token.pos_ != "NOUN" or not _is_export_licence(token):
        return None
    r.entry = {**r.lex.transfer_nouns["export"], "status": _licence_status(r), "licence": True}
    return None


def _is_export_licence(token: Token) -> bool:
    return (token.lemma_.lower() in WORDS.licence_nouns or token.lower_ in WORDS.licence_nouns) and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in WORDS.export_words for c in token.children)


def _licence_status(r: Reading) -> str:
    """The status the verb governing the licence gives it: "denied" refused, "granted" approved."""
    token = r.token
    verb = token.head if token.dep_ in ("dobj", "nsubjpass", "nsubj") else None
    if verb is not None and verb.dep_ == "xcomp" and verb.head.pos_ == "VERB":
        verb = verb.head if r.f.status_word(verb.head) else verb   # "refused to grant a licence"
    if verb is None and token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head                                      # "applied for an export licence"
    lemma = verb.lemma_.lower() if verb is not None else ""
    negated = verb is not None and any(c.dep_ == "neg" for c in verb.children)
    for status in ("refused", "cancelled", "suspended", "requested", "approved"):
        if lemma in getattr(WORDS, f"{status}_verbs"):
            return "refused" if negated and status == "approved" else status
    return "approved"   # a licence the text names without saying what became of it was issued


@construction(EventType.TRANSFER, "frame", 635, "licence_parties", shapes=(NOUN,))
def licence_parties(r: Reading) -> None:
    """"Switzerland denied an export licence for Piranha vehicles to Qatar": the licence's "for"
    is the item (or, an actor, the recipient), "to" on the licence or its verb the recipient, and
    who grants or denies it (its verb's subject, or "by") the supplier."""
    if not r.entry.get("licence"):
        return
    token, f, m = r.token, r.f, r.mention
    for w in pobjs(token, "for"):
        if r.item is None and is_item(f, w):
            r.item, r.quantity = f.item(w)
            r.item_tokens.add(w.i)
            for dest in pobjs(w, "for"):   # "a licence for Piranha vehicles for Qatar"
                m.add("recipient", [a for a in f.actors(dest) if a.id])
        elif not m.roles.get("recipient"):
            m.add("recipient", [a for a in f.actors(w) if a.id])
    verb = token.head if token.dep_ in ("dobj", "nsubjpass", "nsubj") and token.head.pos_ in ("VERB", "AUX") else None
    if verb is None and token.dep_ == "pobj" and token.head.head.pos_ == "VERB":
        verb = token.head.head   # "Rheinmetall applied for an export licence": the exporter asks
    if verb is None:
        return
    if not m.roles.get("recipient"):
        for to in pobjs(verb, "to"):
            m.add("recipient", f.actors(to))
    deciders = pobjs(verb, "by") if token.dep_ == "nsubjpass" else children(verb, "nsubj", "nsubjpass")
    if verb.dep_ == "xcomp" and not deciders:
        deciders = children(verb.head, "nsubj")   # "Germany refused to grant a licence"
    taken = {a.id for a in m.roles.get("recipient", []) if a.id}
    if not m.roles.get("supplier") and deciders:
        m.add("supplier", [a for a in f.actors(deciders[0]) if a.id not in taken])
