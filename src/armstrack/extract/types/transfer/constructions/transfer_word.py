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
    elif token.pos_ in ("NOUN", "PROPN"):
        r.entry = lex.transfer_nouns.get(r.lemma) or lex.transfer_nouns.get(token.lower_)


def _phrasal(lex: Lexicon, token: Token) -> dict | None:
    phrasal = lex.section("transfer").get("phrasal_verbs") or {}
    valency = lex.section("transfer")["valency"]
    lemma = token.lemma_.lower()
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if objects:
        # "took possession of": an object noun that makes its verb a transfer; any other object
        # ("signed a deal with India for the supply of") is the transfer word itself
        words = [phrasal.get(f"{lemma} {o.lower_}") for o in objects]
        candidates = [o for o, entry in zip(objects, words) if entry is not None]
    else:
        candidates = [c for c in token.children if c.dep_ in ("prep", "prt")]
    for c in candidates:
        entry = phrasal.get(f"{lemma} {c.lower_}")
        if entry is not None:
            spec = valency[entry["class"]]
            return {**entry, "frame": spec["frame"], "preps": {**spec["preps"], **entry.get("preps", {})}}
    return None
