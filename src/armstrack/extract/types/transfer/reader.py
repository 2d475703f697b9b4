"""TRANSFER's reader: a trigger's constructions, run in their order.

Two stages, per token. `trigger` finds what starts a transfer: a construction that reads a
whole mention by itself returns it (headlines, arrivals, "denied supplying"), the others set
the trigger's lexicon entry (a transfer verb or noun, licensed production, "built for"). Once
an entry is set, `frame` reads its roles: the constructions of the trigger's shape (participle,
clause or noun, `Reading.begin`), then those of every shape, each adding to the mention or
returning REJECT. The units are in constructions/, one per named construction, each with its
place in the order; `armstrack.extract.construction.table(EventType.TRANSFER)` lists them.
"""
from __future__ import annotations

from functools import cached_property

from spacy.tokens import Span, Token

from ....records import EventType
from ...arguments import Arguments
from ...construction import REJECT, constructions
from ...frames import FrameReader
from ...mention import Mention
from .reading import Reading


class TransferReader(Arguments):
    def __init__(self, frames: FrameReader):
        super().__init__(frames)
        self.triggers = constructions(EventType.TRANSFER, "trigger")
        self.frame = constructions(EventType.TRANSFER, "frame")

    @cached_property
    def words(self) -> dict[str, frozenset[str]]:
        """The transfer file's plain word lists as sets, built once per document: the readers
        below look words up in them for every token."""
        return {key: frozenset(value) for key, value in self.lex.section("transfer").items()
                if isinstance(value, list)}

    def sides_of(self, token: Token, sent: Span, before: int) -> Mention | None:
        """The mention a trigger reads with the frame's constructions placed before `before`, short
        of the item: what an earlier "package for Ukraine" said of its sides, when a later
        sentence says what the package holds."""
        r = Reading(self, self.words, token, sent, token.lemma_.lower())
        for unit in self.triggers:
            if unit.run(r) is not None:
                return None  # a whole mention, or a rejection: not a noun to take sides from
        return self._frame(r, before) if r.entry is not None else None

    def read(self, token: Token, sent: Span) -> Mention | None:
        r = Reading(self, self.words, token, sent, token.lemma_.lower())
        for unit in self.triggers:
            found = unit.run(r)
            if found is REJECT:
                return None
            if found is not None:
                return found
        return self._frame(r) if r.entry is not None else None

    def _frame(self, r: Reading, before: int | None = None) -> Mention | None:
        r.begin()
        for unit in self.frame:
            if before is not None and unit.order >= before:
                break
            if unit.shapes and r.shape not in unit.shapes:
                continue
            if unit.run(r) is REJECT:
                return None
        return r.mention
