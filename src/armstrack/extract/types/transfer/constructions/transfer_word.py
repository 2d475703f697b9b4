"""transfer_word: a transfer verb or noun of the type's word file ("sold", "the delivery of")."""
from __future__ import annotations

from spacy.tokens import Token

from .....records import EventType
from ....construction import construction
from ....lexicon import Lexicon
from ..reading import Reading


@construction(EventType.TRANSFER, "trigger", 50, "transfer_word")
def transfer_word(r: Reading) -> None:
    """A verb or noun of `verbs`/`nouns` in data/patterns/types/transfer.yaml, with its valency
    class; a verb that is a transfer only with its particle or preposition ("signed for 30
    more Rafale jets", "turned to Israel for Barak 8 systems") by `phrasal_verbs`."""
    token, lex = r.token, r.lex
    if token.pos_ == "VERB":
        r.entry = lex.transfer_verbs.get(r.lemma) or _phrasal(lex, token)
    elif token.pos_ in ("NOUN", "PROPN") and not _names_another(lex, token):
        r.entry = lex.transfer_nouns.get(r.lemma) or lex.transfer_nouns.get(token.lower_) or _taken(r)


def _names_another(lex: Lexicon, token: Token) -> bool:
    """"its 20th military aid package", "a supply contract": a transfer noun compounded on another
    is that one's kind, not a transfer of its own (whose status, "aid" delivered, would win over
    the package's)."""
    head = token.head
    return token.dep_ == "compound" and head.i != token.i and (
        head.lemma_.lower() in lex.transfer_nouns or head.lower_ in lex.transfer_nouns)


def _taken(r: Reading) -> dict | None:
    """A `taken_nouns` word under one of its verbs ("took possession of"), taken by a party the
    knowledge base knows: elsewhere it is a state ("Iran's possession of missiles"), and taken by
    officers or police, a seizure or a find."""
    token, lex = r.token, r.lex
    entry = (lex.section("transfer").get("taken_nouns") or {}).get(token.lemma_.lower())
    if entry is None or token.dep_ != "dobj" or token.head.lemma_.lower() not in r.words["taken_by"]:
        return None
    if not any(a.id for a in r.f.actors(r.f.subject_of(token.head))):
        return None
    spec = lex.section("transfer")["valency"][entry["class"]]
    return {**entry, "frame": spec["frame"], "preps": spec["preps"]}


def _phrasal(lex: Lexicon, token: Token) -> dict | None:
    phrasal = lex.section("transfer").get("phrasal_verbs") or {}
    valency = lex.section("transfer")["valency"]
    if any(c.dep_ == "dobj" for c in token.children):
        return None  # "signed a deal with India for the supply of": the deal is the transfer word
    for c in token.children:
        entry = phrasal.get(f"{token.lemma_.lower()} {c.lower_}") if c.dep_ in ("prep", "prt") else None
        if entry is not None:
            spec = valency[entry["class"]]
            return {**entry, "frame": spec["frame"], "preps": {**spec["preps"], **entry.get("preps", {})}}
    return None
