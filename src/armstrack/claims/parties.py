"""The party a claim's side names when it is not the state itself: a firm ("Dearsan Shipyard",
paired as Turkey) or a service of its state ("the Nigerian Navy", paired as Nigeria).

Claims pair a company as its state, so that "Rosoboronexport delivered" and "Russia delivered"
report one deal (issue 23); the firm or service is what trade press names, and an analyst
wants it kept: each report keeps its side's party, and a claim lists the parties its reports
name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..records import Filler
from ..resources import load_yaml


@lru_cache(maxsize=1)
def _service_words() -> frozenset[str]:
    return frozenset(load_yaml("patterns/firms.yaml")["firms"]["service_words"])


def party_of(filler: Filler | None) -> str | None:
    """The firm or service a side's filler names, as a label; None when it names the state (or
    an actor that is no state's part: an armed group, an organisation)."""
    if filler is None:
        return None
    if filler.state and filler.id != filler.state:
        return filler.name or filler.text  # a company, known or provisional, paired as its state
    text = re.sub(r"^(?:the|its|their)\s+", "", (filler.text or "").strip(), flags=re.I)
    words = set(re.findall(r"[a-z]+", text.lower()))
    if filler.id and words & _service_words() and text.lower() != (filler.name or "").lower():
        return text  # "Nigerian Navy", "the Czech Defence Ministry": a service named by its state
    return None


def firm_id(filler: Filler | None) -> str | None:
    """The id of the firm a side's filler names (a company paired as its state), else None."""
    return filler.id if filler is not None and filler.state and filler.id != filler.state else None


def parties(names) -> tuple[str, ...]:
    """Distinct labels, in the order the reports give them."""
    return tuple(dict.fromkeys(n for n in names if n))
