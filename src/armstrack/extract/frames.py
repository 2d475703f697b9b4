"""Event mentions from a parsed Doc: triggers from the lexicon, roles from the dependency parse.

`FrameReader` is what every event type's reader asks of one Doc, in four parts, one module
each: `fillers.py` (the actors, places and items a phrase names), `clauses.py` (the words
governing a trigger, its doer, negation, modals, dates), `modality.py` (realis, focus, status
from context) and `stance.py` (attribution, confirmations and denials). One `Mention`
(`mention.py`) per trigger; `extract/merge.py` then joins the mentions of one event within an
article. Everything here reads spaCy objects; what leaves is `Mention` with `Filler` records.
"""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span

from .clauses import NEGATIVE_DETS, Clauses
from .fillers import NUCLEAR_WORDS, PLURAL_PRONOUNS, RELATIVE_PRONOUNS, WEAPON_PURPOSE_WORDS, Fillers
from .labels import ACTOR_LABELS, ITEM_LABELS, NER_ACTOR_LABELS, SUBJECTS
from .lexicon import Lexicon, lexicon
from .mention import Mention
from .modality import Modality
from .stance import Stance

# the relevance gate reads NUCLEAR_WORDS and WEAPON_PURPOSE_WORDS from here (gate._materiel_words)
__all__ = ["ACTOR_LABELS", "FrameReader", "ITEM_LABELS", "Mention", "NEGATIVE_DETS", "NER_ACTOR_LABELS",
           "NUCLEAR_WORDS", "PLURAL_PRONOUNS", "RELATIVE_PRONOUNS", "SUBJECTS", "WEAPON_PURPOSE_WORDS"]


class FrameReader(Fillers, Clauses, Modality, Stance):
    """Reads the mentions of one Doc."""

    def __init__(self, doc: Doc, published: date | None = None, lex: Lexicon | None = None):
        self.doc = doc
        self.published = published
        self.lex = lex or lexicon()
        self.kb = doc._.kb
        self.ent_at: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent
