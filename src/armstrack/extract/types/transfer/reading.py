"""What TRANSFER's constructions share while one trigger is read: the trigger, its lexicon entry,
the mention being filled, and what the constructions before found (item, subject, objects)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ....records import EventType, Filler, Quantity
from ...arguments import is_item, pobjs
from ...mention import Mention

if TYPE_CHECKING:
    from ...arguments import Arguments
    from ...frames import FrameReader
    from ...lexicon import Lexicon

# the three shapes a trigger's frame is read in (`Reading.begin`)
PARTICIPLE, CLAUSE, NOUN = "participle", "clause", "noun"


@dataclass(eq=False)
class Reading:
    reader: Arguments             # the type's reader: the argument layer (`_actors`, `_conjuncts`)
    words: dict[str, frozenset[str]]   # the word lists of the type's file, data/patterns/types/transfer.yaml
    token: Token
    sent: Span
    lemma: str
    # the trigger stage: the word's lexicon entry (class, frame, preps, status), and the licence
    # noun of "produces X under licence from Y"
    entry: dict | None = None
    licence: Token | None = None
    # the frame stage
    mention: Mention | None = None
    give: bool = False            # the entry's direction: the subject gives (or gets)
    shape: str = ""
    noun: Token | None = None     # the participle shape: the noun the participle qualifies
    item: Filler | None = None
    quantity: Quantity | None = None
    item_tokens: set[int] = field(default_factory=set)   # tokens read as the item already
    first: Filler | None = None   # the item as read, before a part made it a component
    # the clause shape: the verb's arguments
    passive: bool = False
    subj: Token | None = None
    objs: list[Token] = field(default_factory=list)
    datives: list[Token] = field(default_factory=list)
    # roles a construction settled, so the ones after it that would fill them again stand back
    settled: set[str] = field(default_factory=set)

    @property
    def f(self) -> FrameReader:
        return self.reader.f

    @property
    def lex(self) -> Lexicon:
        return self.reader.lex

    def begin(self) -> None:
        """Open the mention, once a trigger and its entry are found: its direction and shape."""
        token, entry = self.token, self.entry
        self.mention = Mention(EventType.TRANSFER, token, self.sent)
        self.give = entry["frame"] == "give"
        if self.give and entry.get("get_without_to") and not pobjs(token, "to"):
            self.give = False  # "wants to lease a Swedish submarine": the subject takes it
        noun = participle_noun(token) or self._item_subject()
        if noun is not None:
            self.shape, self.noun = PARTICIPLE, noun   # "centrifuges sold to North Korea", "Iranian-supplied drones"
        elif token.pos_ == "VERB":
            self.shape = CLAUSE       # "Russia sold jets to Egypt", "were sold by", "agreed to sell"
        else:
            self.shape = NOUN         # "deliveries of the Yakhont missiles", "arms sales to Taiwan"

    def _item_subject(self) -> Token | None:
        """"Ghana's drones bought from Israel in 2008 are grounded": the parser makes the
        participle the sentence's verb, with the weapon as its subject; no weapon buys, sells
        or donates, so a past tense (or a participle the tagger calls one) with no object whose
        subject is an item qualifies it."""
        token, f = self.token, self.f
        if token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBN") or any(
                c.dep_ in ("dobj", "dative", "iobj", "aux", "nsubjpass") for c in token.children):
            return None
        subj = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN") or f.actors(subj) or not is_item(f, subj) or \
                contact_relative(token) is not None:
            return None
        return subj


def _bare_participle(token: Token) -> bool:
    """A participle with no subject, auxiliary or object of its own; the tagger often calls one
    that hangs on a noun or on another participle a past tense ("howitzers built in Korea and
    sold to Poland")."""
    return token.pos_ == "VERB" and (token.tag_ == "VBN" or token.tag_ == "VBD" and token.dep_ in ("acl", "conj")) \
        and not any(c.dep_ in ("nsubj", "aux", "nsubjpass", "dobj") for c in token.children)


def participle_noun(token: Token) -> Token | None:
    """The noun a bare participle qualifies: "centrifuges sold to North Korea"; through a first
    participle it is coordinated with, "drones made in Iran and shipped to Russia", "jets which
    were built in France and later transferred to Greece" (the second has no subject of its own)."""
    if not _bare_participle(token):
        return None
    if token.dep_ in ("acl", "amod"):
        return None if contact_relative(token) is not None else token.head
    first = token.head
    if token.dep_ == "conj" and first.tag_ in ("VBN", "VBD") and first.dep_ in ("acl", "relcl") and \
            first.head.pos_ in ("NOUN", "PROPN") and not any(c.dep_ in ("nsubj", "dobj") for c in first.children):
        return first.head
    return None


def contact_relative(token: Token) -> tuple[Token, Token] | None:
    """(noun, subject) of a relative clause with no pronoun the parser took apart: "the drones
    Ghana bought from Israel" comes as "Ghana" in apposition to "drones", and "bought" either the
    verb of "drones" or a participle on "Ghana". The subject is a proper name right before the
    verb; which of the two is an item or an actor is the constructions' to judge."""
    if token.pos_ != "VERB" or token.tag_ != "VBD":
        return None
    if token.dep_ == "acl" and token.head.dep_ == "appos":
        noun, subject = token.head.head, token.head
    elif token.dep_ == "acl" and token.head.pos_ == "PROPN" and token.head.left_edge.i > 0:
        # "the jets Egypt ordered from France will arrive": both nouns the subject of "arrive"
        noun, subject = token.doc[token.head.left_edge.i - 1], token.head
    else:
        noun = next((c for c in token.children if c.dep_ == "nsubj"), None)
        subject = next((c for c in noun.children if c.dep_ == "appos"), None) if noun is not None else None
    if subject is None or subject.pos_ != "PROPN" or noun.pos_ != "NOUN" or \
            subject.i != token.i - 1 or noun.i > subject.left_edge.i:
        return None
    return noun, subject
