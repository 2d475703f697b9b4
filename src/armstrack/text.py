"""Text forms every layer shares: `scrub` (text that can always be stored and printed), `fold`
(the form two copies of an article share) and `content_id`, the article id made from it. The
store's migrations need the id as much as ingest does, so it lives below both.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

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


def singular(text: str) -> str:
    """The last word's English singular, as kind names are written ("drones" -> "drone",
    "anti-ship missiles" -> "anti-ship missile", "batteries" -> "battery"): what the category
    filters and claim search read a plural as."""
    head, _, last = text.rpartition(" ")
    for plural, ending in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if last.endswith(plural) and len(last) > len(plural) + 1 and not last.endswith("ss"):
            return (head + " " if head else "") + last[: -len(plural)] + ending
    return text
