"""MEETING: talks, visits and mediation, with who took part, who mediated and where.

The declaration every layer reads (`SPEC`); the reader and merge policy are `reader.py`, the
words data/patterns/types/meeting.yaml."""
from __future__ import annotations

from collections.abc import Iterator

from ....eventtypes import TypeSpec, id_of, name_of, register


def index(data: dict, base: dict) -> Iterator[dict]:
    """Its claims-index rows: each ordered pair of participants (a meeting between a claim's
    supplier and recipient), and its mediator."""
    people = [p["id"] for p in data.get("participants") or [] if p.get("id")]
    for a in people:
        for b in people:
            if a != b:
                yield {**base, "rel": "meeting", "supplier": a, "recipient": b}
    if id_of(data.get("mediator")):
        yield {**base, "rel": "mediator", "actor": id_of(data["mediator"])}


def summary(e: dict) -> tuple[str, str]:
    who = " + ".join(name_of(p) for p in e.get("participants", []))
    what = f"in {e['place']['name'] or e['place']['text']}" if e.get("place") else ""
    if e.get("mediator"):
        what += f" mediated by {name_of(e['mediator'])}"
    return who, what


SPEC = register(TypeSpec(
    "MEETING", roles=("participants", "mediator", "place"),
    extraction="armstrack.extract.types.meeting.reader", plural_roles=frozenset({"participants"}),
    index=index, summary=summary, scored_roles=("participants", "place"), label="meetings"))
