"""Cleaning article text (the content id that tells two copies of one article apart from two
articles is `armstrack.text.content_id`).

Cleaning only deletes characters or swaps one for one (a CR for a newline, a no-break space for
a space), so every cleaned character has an origin in the text the caller gave; `clean_mapped`
returns that origin, and `armstrack.extract_text` uses it to report offsets in the caller's text.
"""
from __future__ import annotations

import re
from array import array
from functools import lru_cache

from ..resources import load_yaml

from ..text import content_id, fold, scrub  # noqa: F401 - the id and forms ingest gives out


@lru_cache(maxsize=1)
def _boilerplate() -> re.Pattern[str]:
    phrases = load_yaml("boilerplate.yaml")["phrases"]
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"[ \t]*(?:{alternatives})\.?[ \t]*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _link_line() -> re.Pattern[str]:
    prefixes = load_yaml("boilerplate.yaml")["link_lines"]
    alternatives = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"[ \t]*(?:{alternatives})[ \t]*(?::|\||\u00bb|>|-|\u2013|\u2014)", re.IGNORECASE)


class _Builder:
    """Cleaned text built piece by piece, with the origin of every character when asked."""

    def __init__(self, track: bool):
        self.parts: list[str] = []
        self.origin = array("q") if track else None

    def add(self, text: str, start: int) -> None:
        """Append `text`, which sits at `start` in the original (same length)."""
        self.parts.append(text)
        if self.origin is not None:
            self.origin.extend(range(start, start + len(text)))

    def add_one(self, char: str, origin: int) -> None:
        self.parts.append(char)
        if self.origin is not None:
            self.origin.append(origin)


def _clean(text: str, track: bool) -> tuple[str, array | None]:
    # CR LF and lone CR end lines; a no-break space is a space (both keep one character each)
    text = scrub(text).replace("\u00a0", " ")
    lines = []  # (kept text, its start in `text`, the newline's position or None)
    pos = 0
    for match in re.finditer(r"\r\n|\r|\n", text + "\n"):
        line, line_start = text[pos:match.start()], pos
        newline = match.end() - 1 if match.start() < len(text) else None
        pos = match.end()
        if not line.strip():
            lines.append(("", line_start, [], newline))
            continue
        if _link_line().match(line):
            continue  # "Read more: ...": another story's headline, not this one's news
        # boilerplate phrases go; what is left is stripped; a line that was all boilerplate goes
        pieces, last = [], 0
        for bp in _boilerplate().finditer(line):
            pieces.append((line[last:bp.start()], line_start + last))
            pieces.append((" ", line_start + bp.start()))
            last = bp.end()
        pieces.append((line[last:], line_start + last))
        joined = "".join(p for p, _ in pieces)
        if not joined.strip():
            continue
        lines.append((joined, line_start, pieces, newline))
    out = _Builder(track)
    blank_run = 0
    started = False
    pending: list[tuple[str, int]] = []  # newlines held until we know text follows
    for joined, _, pieces, newline in lines:
        if not joined:
            blank_run += 1
            if started and newline is not None and blank_run <= 1:
                pending.append(("\n", newline))
            continue
        blank_run = 0
        for char, origin in pending:
            out.add_one(char, origin)
        pending = []
        started = True
        lead = len(joined) - len(joined.lstrip())
        keep = len(joined.rstrip()) - lead
        offset = 0
        for piece, start in pieces:
            lo, hi = max(lead - offset, 0), min(lead + keep - offset, len(piece))
            if lo < hi:
                out.add(piece[lo:hi], start + lo)
            offset += len(piece)
        if newline is not None:
            pending = [("\n", newline)]
    return "".join(out.parts), out.origin


def clean_text(text: str) -> str:
    """Drop site boilerplate and normalise line ends, keeping paragraph breaks."""
    return _clean(text, track=False)[0]


def clean_mapped(text: str) -> tuple[str, array]:
    """The cleaned text and, for each of its characters (plus one past the end), its offset in
    `text`."""
    cleaned, origin = _clean(text, track=True)
    origin.append((origin[-1] + 1) if origin else 0)
    return cleaned, origin
