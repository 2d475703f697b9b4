"""TRANSFER: who supplies which materiel to whom, brokered by whom, how far it went.

This package is the whole type. Here, what every layer knows of it without reading text (its
`SPEC`: roles, payload, claims-index rows, table summary, scored roles); `module.py` registers
its reader for extraction. The reader (`reader.py`) runs named constructions, one unit each in
`constructions/`, in their order; their words are in data/patterns/types/transfer.yaml (the
type's triggers and the lists the relevance gate also reads) and
data/patterns/constructions/transfer.yaml (one section per construction); their written cases
are in tests/constructions/. `group.py` is the merge policy.
"""
from __future__ import annotations

from collections.abc import Iterator

from ....eventtypes import TypeSpec, id_of, name_of, register


def _party(value: object) -> str | None:
    """A transfer side as claims pair it: a company by its state ("Rosoboronexport delivered" and
    "Russia delivered" report one deal), anything else by its id."""
    return (value.get("state") or value.get("id")) if isinstance(value, dict) else None


def index(data: dict, base: dict) -> Iterator[dict]:
    """Its claims-index rows: the pair (a claim's key), and its broker."""
    item = data.get("item") or {}
    pair = {"supplier": _party(data.get("supplier")), "recipient": _party(data.get("recipient")),
            "item_id": item.get("id"), "category": item.get("category"),
            "broad": item.get("broad_category")}
    if pair["supplier"] is not None and pair["supplier"] == pair["recipient"]:
        return  # a maker delivering to its own state's forces pairs a state with itself: no claim (issue 23)
    yield {**base, "rel": "transfer", **pair}
    if id_of(data.get("broker")):
        yield {**base, "rel": "broker", "actor": id_of(data["broker"]), **pair}


def summary(e: dict) -> tuple[str, str]:
    who = f"{name_of(e.get('supplier')) or '?'} -> {name_of(e.get('recipient')) or '?'}"
    if e.get("broker"):
        who += f" (via {name_of(e['broker'])})"
    item = e.get("item") or {}
    what = item.get("name") or item.get("text") or ""
    if item.get("category"):
        what += f" [{item['category']}]"
    if e.get("quantity"):
        what = f"{e['quantity']['text']} x {what}"
    return who, what


SPEC = register(TypeSpec(
    "TRANSFER", roles=("supplier", "recipient", "broker", "item", "transit"),
    extraction="armstrack.extract.types.transfer.module", payload=("quantity", "status"),
    index=index, summary=summary, scored_roles=("supplier", "recipient", "item"),
    direction=("supplier", "recipient"), label="transfers"))
