"""A small English detector: the share of running words that are English function words.

English news prose scores 0.3-0.5 on this list; French, German or Spanish prose scores under
0.08, and text in another script scores 0. We need only "is this English", so a word list is
enough and keeps language models off the ingest path.
"""
from __future__ import annotations

import re

_WORDS = frozenset("""
the of and to in a is that for it as was with be by on not he i this are or his from at which
but have an they you were her she there been their has had its we will would who what when can
more said also after about than into over new its two one these could may other our them some
up out if no only said its being those while against between during under since did does
""".split())
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def english_score(text: str, *, sample: int = 4000) -> float | None:
    """Return how English `text` looks (0..1), or None when it is too short to tell."""
    words = _TOKEN.findall(text[:sample].lower())
    if len(words) < 25:
        return None
    latin = sum(1 for w in words if w.isascii())
    if latin < 0.5 * len(words):
        return 0.0
    hits = sum(1 for w in words if w in _WORDS)
    # 0.25 of function words is already unmistakably English; scale so that reads as 1.0
    return min(1.0, hits / len(words) / 0.25)
