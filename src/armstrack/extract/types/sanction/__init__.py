"""SANCTION: sanctions, embargoes and other measures, imposed or lifted, on whom and why.

The declaration every layer reads (`SPEC`); the reader and merge policy are `reader.py`, the
words data/patterns/types/sanction.yaml."""
from __future__ import annotations

from collections.abc import Iterator

from ....eventtypes import TypeSpec, name_of, register
from ..statement import about_rows


def index(data: dict, base: dict) -> Iterator[dict]:
    """Its claims-index rows: the transfer it is about, and its target."""
    return about_rows(data, base, "target")


def summary(e: dict) -> tuple[str, str]:
    who = f"{name_of(e.get('imposers'))} -> {name_of(e.get('target')) or '?'}"
    # a lifted sanction says so first: the row is about its ending
    what = " ".join(x for x in ("lifted" if e.get("lifted") else "",
                                e.get("measure") if e.get("measure") != "sanctions" else "",
                                f"on {e['covers']}" if e.get("covers") else "",
                                e.get("reason")) if x)
    return who, what


SPEC = register(TypeSpec(
    "SANCTION", roles=("imposers", "target"), extraction="armstrack.extract.types.sanction.reader",
    plural_roles=frozenset({"imposers"}), payload=("lifted",), role_lists=(("target", "targets"),),
    index=index, summary=summary, scored_roles=("imposers", "target"), direction=("imposers", "target"),
    label="sanctions"))
