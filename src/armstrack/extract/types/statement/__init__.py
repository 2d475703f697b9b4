"""STATEMENT: confirmations, denials, warnings and accusations, by whom, about what.

The declaration every layer reads (`SPEC`); the reader and merge policy are `reader.py`, the
words data/patterns/types/statement.yaml."""
from __future__ import annotations

from collections.abc import Iterator

from ....eventtypes import TypeSpec, id_of, name_of, register


def about_rows(data: dict, base: dict, role: str) -> Iterator[dict]:
    """The claims-index rows of an event about a transfer (a statement, a sanction): the
    transfer it says it is about, and its `role` (speaker, target)."""
    about = data.get("about") or {}
    # the target/speaker row carries the `about` too: an event that says what it is about
    # links by that alone, not to every claim of its article
    about = {"supplier": about.get("supplier"), "recipient": about.get("recipient"),
             "item_text": about.get("item")} if about.get("supplier") and about.get("recipient") else {}
    if about:
        yield {**base, "rel": "about", **about}
    if id_of(data.get(role)):
        yield {**base, "rel": role, "actor": id_of(data[role]), **about}


def index(data: dict, base: dict) -> Iterator[dict]:
    return about_rows(data, base, "speaker")


def summary(e: dict) -> tuple[str, str]:
    who = name_of(e.get("speaker"))
    what = e.get("kind") or ""
    if e.get("about"):
        what += " " + " ".join(f"{v}" for k, v in e["about"].items() if k != "type")
    return who, what


SPEC = register(TypeSpec(
    "STATEMENT", roles=("speaker", "target"), extraction="armstrack.extract.types.statement.reader",
    index=index, summary=summary, label="statements"))
