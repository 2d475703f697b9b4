"""ATTACK: strikes and other violence, by whom, on whom, where and with which weapon.

The declaration every layer reads (`SPEC`); the reader and merge policy are `reader.py`, the
words data/patterns/types/attack.yaml."""
from __future__ import annotations

from collections.abc import Iterator

from ....eventtypes import TypeSpec, id_of, name_of, register


def index(data: dict, base: dict) -> Iterator[dict]:
    """Its claims-index row: its attacker and weapon (an attack with a weapon a claim supplied)."""
    if id_of(data.get("attacker")):
        weapon = data.get("weapon") or {}
        yield {**base, "rel": "attacker", "actor": id_of(data["attacker"]),
               "item_id": weapon.get("id"), "category": weapon.get("category"),
               "broad": weapon.get("broad_category")}


def summary(e: dict) -> tuple[str, str]:
    who = f"{name_of(e.get('attacker')) or '?'} -> {name_of(e.get('target')) or '?'}"
    what = f"in {e['place']['text']}" if e.get("place") else ""
    return who, what


SPEC = register(TypeSpec(
    "ATTACK", roles=("attacker", "target", "place", "weapon"), extraction="armstrack.extract.types.attack.reader",
    index=index, summary=summary, scored_roles=("attacker", "target", "place", "weapon"),
    direction=("attacker", "target"), label="attacks"))
