"""What TRANSFER's constructions share while one trigger is read: the trigger, its lexicon entry,
the mention being filled, and what the constructions before found (item, subject, objects)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ....records import EventType, Filler, Quantity
from ...arguments import pobjs
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
        if token.pos_ == "VERB" and token.dep_ in ("acl", "amod") and token.tag_ in ("VBN", "VBD") and not any(
                c.dep_ in ("nsubj", "aux", "nsubjpass", "dobj") for c in token.children):
            # "centrifuges sold to North Korea", "Iranian-supplied drones" (a clause on a noun with
            # no subject is a participle, whatever tense the tagger gives it)
            self.shape = PARTICIPLE
        elif token.pos_ == "VERB":
            self.shape = CLAUSE       # "Russia sold jets to Egypt", "were sold by", "agreed to sell"
        else:
            self.shape = NOUN         # "deliveries of the Yakhont missiles", "arms sales to Taiwan"
