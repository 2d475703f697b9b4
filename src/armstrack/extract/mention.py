"""A `Mention`: one trigger and what its sentence says about it, before the mentions of one
event are joined into an Event (extract/merge.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..records import EventType, Filler, Quantity, Realis, StatementKind, Status


@dataclass
class Mention:
    type: EventType
    trigger: Token
    sent: Span
    roles: dict[str, list[Filler]] = field(default_factory=dict)
    status: Status | None = None
    negated: bool = False
    hedges: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    confirmed_by: list[str] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)
    confirmed_on: str | None = None
    reported_on: str | None = None
    when: str | None = None
    quantity: Quantity | None = None
    count: str | None = None
    kind: StatementKind | None = None
    about: "Mention | None" = None
    reason: str | None = None
    measure: str | None = None
    covers: str | None = None        # SANCTION: what it restricts, as written ("arms", "exports of machine tools")
    lifted: bool = False            # SANCTION: the text reports it lifted, eased or waived
    standalone: bool = False        # an event even with no party named ("the summit")
    realis: Realis = Realis.ACTUAL
    main: bool = True
    # TRANSFER: further items conjoined with the first ("tanks and howitzers"), each with its
    # own count and the sides it names itself ("and drones from Iran"); `split_parties` makes
    # one transfer of each
    more_items: list[tuple[Filler, Quantity | None, dict[str, list[Filler]]]] = field(default_factory=list)

    def add(self, role: str, fillers: list[Filler]) -> None:
        if not fillers:
            return
        current = self.roles.setdefault(role, [])
        seen = {(f.id, f.start) for f in current}
        for filler in fillers:
            if (filler.id, filler.start) not in seen:
                current.append(filler)
                seen.add((filler.id, filler.start))

    def first(self, role: str) -> Filler | None:
        fillers = self.roles.get(role)
        return fillers[0] if fillers else None
