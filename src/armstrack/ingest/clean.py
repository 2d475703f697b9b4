"""Cleaning article text, and the content id that tells two copies of one article apart from two
articles.

Cleaning only deletes characters or swaps one for one (a CR for a newline, a no-break space for
a space), so every cleaned character has an origin in the text the caller gave; `clean_mapped`
returns that origin, and `armstrack.extract_text` uses it to report offsets in the caller's text.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from functools import lru_cache

from ..resources import load_yaml

# Characters that change the bytes of a reprint but not its words: invisible joiners and
# marks, soft hyphens, and typographic quotes and dashes some outlets use and others do not.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"), None)
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                             "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
                             "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-"})
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """Lone surrogates (from JSON escapes or a broken decoder) become U+FFFD: same length, and
    the text can always be encoded, stored and printed."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def fold(text: str) -> str:
    """The form two copies of an article share: NFKC, plain quotes and dashes, no invisible
    characters, single spaces, case folded."""
    text = unicodedata.normalize("NFKC", scrub(text)).translate(_INVISIBLE).translate(_TYPOGRAPHY)
    return " ".join(text.split()).casefold()


def content_id(text: str) -> str:
    """The article id: a hash of the folded cleaned text, so the same article twice is stored once."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()[:16]


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
