"""Repairs of the parse that the readers of every event type would otherwise each work around.

"Chile bought used frigates from the Netherlands": the model reads "used" as a verb taking the
frigates as its object and the source as its own, so "bought" has no object and no source. An
adjective participle (data/patterns/tokens.yaml `adjective_participles`) that sits right after a
verb, between it and the noun, with no subject or auxiliary of its own, is the noun's adjective;
its object and the rest of its phrase go back to the verb."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..resources import load_yaml

# what may stand between the verb and the participle: "bought two used frigates" parses well,
# but "will transfer the used destroyers" may not
_BETWEEN = ("det", "nummod", "quantmod", "advmod")


class Repairs:
    def __init__(self) -> None:
        self.participles = frozenset(load_yaml("patterns/tokens.yaml")["adjective_participles"])

    def _misread(self, token: Token) -> Token | None:
        """The noun `token`, an adjective participle read as a verb, qualifies."""
        if token.lower_ not in self.participles or token.pos_ != "VERB" or \
                token.dep_ not in ("xcomp", "advcl", "ccomp", "dobj", "conj"):
            return None
        verb = token.head
        if verb.pos_ != "VERB" or verb.i >= token.i or \
                any(t.dep_ not in _BETWEEN or t.head.i != token.i for t in token.doc[verb.i + 1:token.i]):
            return None
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg") for c in token.children):
            return None
        obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN") or \
                any(c.dep_ == "dobj" for c in verb.children if c.i != token.i):
            return None
        return obj

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            obj = self._misread(token)
            if obj is None:
                continue
            verb = token.head
            obj.head, obj.dep_ = verb, "dobj"
            for child in [c for c in token.children if c.i != obj.i]:
                child.head = verb if child.i > token.i else obj
            token.head, token.dep_, token.pos_, token.tag_ = obj, "amod", "ADJ", "JJ"
            token.lemma_ = token.lower_
        return doc


@Language.factory("armstrack_repairs")
def make_repairs(nlp: Language, name: str) -> Repairs:
    return Repairs()
