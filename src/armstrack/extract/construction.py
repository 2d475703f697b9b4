"""Constructions as units: one named way a sentence can say an event, in one small function.

A construction is registered with its event type, its stage, its place in the order and its name:

    @construction(EventType.TRANSFER, "frame", 300, "datives")
    def datives(r: Reading) -> None:
        \"\"\""sold Ukraine tanks", "gave Kyiv drones": the indirect object receives.\"\"\"

The reader of the type runs a stage's constructions by their `order` (explicit numbers, so where
a construction sits is written beside it and shown by `table()`, not implied by the order the
modules are imported in). A construction returns None to let the next one look, `REJECT` to say
the trigger reports no event, or (in a stage that finds whole mentions) the Mention it read.
Its words are a section named after it in `data/patterns/constructions/<type>.yaml`
(`lexicon.words`), and its written cases are data in `tests/constructions/*.yaml`, run by
tests/test_constructions.py. This module imports nothing of the types: each construction module
imports it to register, and the type's reader asks it for the registered units.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..records import EventType


class _Reject:
    """What a construction returns when it finds that the trigger reports no event."""

    def __repr__(self) -> str:
        return "REJECT"


REJECT = _Reject()


@dataclass(frozen=True)
class Construction:
    type: EventType
    stage: str                      # which pass of the type's reader runs it (the type names its stages)
    order: int                      # its place in the stage: lower runs first
    name: str                       # also the name of its section of words, if it has words
    run: Callable                   # run(state) -> None | REJECT | a result the stage stops at
    shapes: frozenset[str] = frozenset()   # the trigger shapes it applies to; empty: every shape

    @property
    def summary(self) -> str:
        """The first paragraph of the construction's docstring, on one line: what it reads."""
        return " ".join((self.run.__doc__ or "").strip().split("\n\n")[0].split())


_UNITS: dict[tuple[EventType, str], list[Construction]] = {}


def register(unit: Construction) -> Construction:
    """Add a construction; two in one stage may not share a name or a place in the order."""
    units = _UNITS.setdefault((unit.type, unit.stage), [])
    for other in units:
        if other.name == unit.name or other.order == unit.order:
            raise ValueError(f"construction {unit.type}/{unit.stage} {unit.order} {unit.name!r} clashes "
                             f"with {other.order} {other.name!r} (names and places in the order are unique)")
    units.append(unit)
    units.sort(key=lambda u: u.order)
    return unit


def construction(type: EventType, stage: str, order: int, name: str, *,
                 shapes: tuple[str, ...] = ()) -> Callable[[Callable], Callable]:
    """Register the decorated function as the construction `name` of `type`, at `order` in `stage`."""
    def decorate(run: Callable) -> Callable:
        register(Construction(type, stage, order, name, run, frozenset(shapes)))
        return run
    return decorate


def constructions(type: EventType, stage: str) -> tuple[Construction, ...]:
    """The constructions of one stage of a type, in their order."""
    return tuple(_UNITS.get((type, stage), ()))


def table(type: EventType) -> list[tuple[str, int, str, str, str]]:
    """(stage, order, name, shapes, summary) of every construction of `type`, stage by stage in
    registration order of the stages, each stage in its order."""
    rows = []
    for (etype, stage), units in _UNITS.items():
        if etype == type:
            rows += [(stage, u.order, u.name, ", ".join(sorted(u.shapes)), u.summary) for u in units]
    return rows
