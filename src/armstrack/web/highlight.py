"""Text cut into pieces by the marks over it, so a template can wrap each marked piece.

Marks may overlap (two events share a sentence, a span sits inside an evidence sentence): each
piece carries every label covering it. The template escapes the text; nothing here builds HTML.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    labels: tuple[str, ...] = ()      # "supplier", "item", "evidence", ...
    events: tuple[str, ...] = ()      # the events whose marks cover it


def pieces(text: str, marks: list[tuple[int, int, str, str]], *, offset: int = 0) -> list[Piece]:
    """`text` in pieces; `marks` are (start, end, label, event id) in the coordinates of a
    larger text of which `text` starts at `offset` (an evidence sentence in its article)."""
    size = len(text)
    spans = []
    for start, end, label, event in marks:
        start, end = max(0, start - offset), min(size, end - offset)
        if start < end:
            spans.append((start, end, label, event))
    cuts = sorted({0, size, *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(label, event) for s, e, label, event in spans if s <= a and b <= e]
        labels = tuple(dict.fromkeys(label for label, _ in covering))
        events = tuple(dict.fromkeys(event for _, event in covering if event))
        out.append(Piece(text[a:b], labels, events))
    return out


def event_marks(event: dict, *, evidence: bool = True) -> list[tuple[int, int, str, str]]:
    """The marks of one stored event: its evidence sentences and its role spans."""
    eid = event.get("id") or ""
    marks = []
    if evidence:
        for ev in [event.get("evidence")] + list(event.get("more_evidence") or []):
            if ev:
                marks.append((ev["start"], ev["end"], "evidence", eid))
    for span in event.get("spans") or []:
        marks.append((span["start"], span["end"], span["role"], eid))
    return marks
