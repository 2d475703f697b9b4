"""package_named_before: "The Pentagon announced a package for Ukraine. The package includes
Stinger missiles"."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .....records import EventType
from ....arguments import children, is_item, pobjs
from ....construction import construction
from ....lexicon import words
from ....mention import Mention
from ..parts import component
from ..reading import NOUN, Reading
from ..status import transfer_status

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
    for earlier in _earlier_same(token, r.sent, {r.lemma}):
        sides = _sides_before(r, earlier)
        if sides:
            for role, fillers in sides.items():
                m.add(role, fillers)
            return


def _sides_before(r: Reading, earlier: Token) -> dict[str, list]:
    """The sides an earlier package's own constructions read, and those it leaves out that the
    transfer verb it is the object of names ("Norway will send a new package to Ukraine",
    "Finland approved a package for Ukraine"); empty when neither names one."""
    sides: dict[str, list] = {}
    words = [earlier]
    if earlier.dep_ == "pobj" and earlier.head.lower_ == "of" and earlier.head.head.lemma_.lower() in WORDS.nouns:
        words.insert(0, earlier.head.head)  # "a package of assistance for Ukraine": both nouns
    words += [w.head for w in words if w.dep_ == "dobj"]
    for word in words:
        before = r.reader.sides_of(word, earlier.sent, NO_ITEM)
        for role in ("supplier", "recipient"):
            if before is not None and not sides.get(role) and before.roles.get(role):
                sides[role] = before.roles[role]
    return sides


def _earlier_same(token: Token, sent: Span, lemmas: set[str] | frozenset[str]) -> list[Token]:
    """The nouns of `lemmas` in the two sentences before `sent`, the nearest first."""
    doc, found, start = token.doc, [], sent.start
    for _ in range(2):
        if start == 0:
            break
        before = doc[start - 1].sent
        found += [t for t in reversed(before) if t.lemma_.lower() in lemmas and t.pos_ == "NOUN"]
        start = before.start
    return found


@construction(EventType.TRANSFER, "trigger", 97, "package_pronoun")
def package_pronoun(r: Reading) -> Mention | None:
    """"The Pentagon announced a new package for Ukraine. It includes HIMARS ammunition": "it" as
    the subject of a verb of contents (`content_verbs`) is the package named in one of the two
    sentences before, with that package's sides; what it includes is the item."""
    token, f, lex = r.token, r.f, r.lex
    if token.pos_ != "VERB" or r.lemma not in r.words["content_verbs"] or not any(
            c.dep_ == "nsubj" and c.lower_ in WORDS.pronouns for c in token.children):
        return None
    objects = [o for o in children(token, "dobj") if is_item(f, o)]
    if not objects:
        return None
    for earlier in _earlier_same(token, r.sent, WORDS.nouns):
        entry = lex.transfer_nouns.get(earlier.lemma_.lower())
        if entry is None:
            continue
        m = Mention(EventType.TRANSFER, token, r.sent)
        for role, fillers in _sides_before(r, earlier).items():
            m.add(role, fillers)
        item, quantity = f.item(objects[0])
        if not m.roles.get("recipient"):
            # "It includes HIMARS ammunition for Ukraine"
            m.add("recipient", [a for p in pobjs(objects[0], "for", "to") for a in f.actors(p) if a.id])
        if not (m.roles.get("supplier") or m.roles.get("recipient")):
            return None  # the nearest package names no side: the pronoun is no other's
        m.add("item", [component(f, m, item, True)])
        m.quantity = quantity
        transfer_status(f, m, entry)
        return m
    return None
