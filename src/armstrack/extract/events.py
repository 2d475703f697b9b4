"""Reading a sentence: every registered event type's reader (see `registry.py`) looks at every
token, in registration order, and the mentions found get their realis and sourcing."""
from __future__ import annotations

from spacy.tokens import Span

from ..records import EventType, Realis, Status
from .frames import FrameReader, Mention
from .registry import EventModule


class Reader:
    def __init__(self, frames: FrameReader, modules: list[EventModule]):
        self.f = frames
        self.readers = [(module, module.reader(frames)) for module in modules]

    def _realis(self, m: Mention) -> None:
        realis, refused = self.f.realis(m.trigger)
        if m.type == EventType.TRANSFER:
            # a transfer's status already says how far it went, refusals included ("cancelled")
            if realis == Realis.ACTUAL and m.status is not None and m.status.rank < Status.DELIVERING.rank:
                realis = Realis.PLANNED
        elif refused:
            m.negated = True
        m.realis = realis
        m.main = self.f.is_main(m.trigger)

    def read(self, sent: Span) -> list[Mention]:
        out = []
        for token in sent:
            for module, reader in self.readers:
                mention = reader.read(token, sent)
                if mention is None:
                    continue
                self._realis(mention)
                if not module.keep(mention):
                    continue
                self.f.attribution(mention)
                self.f.statements_over(mention)
                self.f.reported_denial(mention)
                out.append(mention)
        return out
