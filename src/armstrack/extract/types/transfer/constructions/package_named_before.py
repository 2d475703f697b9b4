"""package_named_before: "The Pentagon announced a package for Ukraine. The package includes
Stinger missiles"."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .....records import EventType
from ....construction import construction
from ....lexicon import words
from ..reading import NOUN, Reading

WORDS = words("constructions/transfer", "package_named_before")
NO_ITEM = 670   # the frame's place where a trigger with no item is dropped: the earlier noun has none


@construction(EventType.TRANSFER, "frame", 715, "package_named_before", shapes=(NOUN,))
def package_named_before(r: Reading) -> None:
    """"The Pentagon announced a $400 million package for Ukraine. The package includes Stinger
    missiles": a package or deal taken up by a definite determiner, that names no side itself,
    is the one named in one of the two sentences before, and has the sides that noun's own
    constructions read there (the noun alone, with no item, made no transfer)."""
    token, m = r.token, r.mention
    if m.roles.get("supplier") or m.roles.get("recipient") or r.lemma not in WORDS.nouns or not any(
            c.dep_ == "det" and c.lower_ in WORDS.determiners for c in token.children):
        return
    for earlier in _earlier_same(token, r.sent, r.lemma):
        # "Norway will send a new package to Ukraine": the verb the package is the object of
        # names the sides, when it is a transfer verb itself
        for word in [earlier] + ([earlier.head] if earlier.dep_ == "dobj" else []):
            before = r.reader.sides_of(word, earlier.sent, NO_ITEM)
            sides = {role: before.roles.get(role) or [] for role in ("supplier", "recipient")} if before else {}
            if any(sides.values()):
                for role, fillers in sides.items():
                    m.add(role, fillers)
                return


def _earlier_same(token: Token, sent: Span, lemma: str) -> list[Token]:
    """The tokens of `lemma` in the two sentences before `sent`, the nearest first."""
    doc, found, start = token.doc, [], sent.start
    for _ in range(2):
        if start == 0:
            break
        before = doc[start - 1].sent
        found += [t for t in reversed(before) if t.lemma_.lower() == lemma and t.pos_ == "NOUN"]
        start = before.start
    return found
