"""Quantities as written ("dozens", "at least 12", "two batteries") -> text, min, max."""
from __future__ import annotations

import re
from functools import lru_cache

from ..records import Quantity
from ..resources import load_yaml

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1_000_000, "a": 1, "an": 1,
}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


@lru_cache(maxsize=1)
def _vague() -> dict[str, tuple[float | None, float | None]]:
    words = load_yaml("patterns/modality.yaml")["quantity_words"]
    return {k: (v[0], v[1]) for k, v in words.items()}


def _number(text: str) -> float | None:
    text = text.lower().replace(",", "").strip()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million|billion)?", text)
    if match:
        value = float(match[1])
        return value * _SCALE.get(match[2] or "", 1)
    total, current = 0.0, 0.0
    parts = re.split(r"[\s-]+", text)
    if not parts or any(p not in _NUMBER_WORDS and p not in _SCALE and p != "and" for p in parts):
        return None
    for part in parts:
        if part == "and":
            continue
        if part in _SCALE and part not in ("hundred",):
            total += (current or 1) * _SCALE[part]
            current = 0
        elif part == "hundred":
            current = (current or 1) * 100
        else:
            current += _NUMBER_WORDS[part]
    return total + current


def parse_quantity(text: str) -> Quantity | None:
    """Normalise a quantity phrase; None when it holds no amount at all."""
    clean = " ".join(text.replace('"', " ").replace("“", " ").replace("”", " ").split())
    lower = clean.lower()
    lower = re.sub(r"\b(of|the)\b\s*$", "", lower).strip()
    vague = _vague()
    for phrase in sorted(vague, key=len, reverse=True):
        if re.search(rf"\b{re.escape(phrase)}\b", lower):
            low, high = vague[phrase]
            if low is None and high is None:
                continue
            return Quantity(clean, low, high)
    bound = None
    for marker, kind in [("at least", "min"), ("more than", "gt"), ("over", "gt"), ("up to", "max"),
                         ("as many as", "max"), ("fewer than", "lt"), ("less than", "lt"),
                         ("nearly", "about"), ("almost", "about"), ("about", "about"),
                         ("around", "about"), ("approximately", "about"), ("some", "about"),
                         ("roughly", "about")]:
        if re.search(rf"\b{marker}\b", lower):
            bound = kind
            lower = re.sub(rf"\b{marker}\b", " ", lower).strip()
            break
    span = re.search(r"(\d[\d,.]*)\s*(?:-|to|–)\s*(\d[\d,.]*)", lower)
    if span:
        low, high = _number(span[1]), _number(span[2])
        if low is not None and high is not None:
            return Quantity(clean, low, high)
    match = re.search(r"\d[\d,]*(?:\.\d+)?(?:\s*(?:hundred|thousand|million|billion))?", lower)
    value = _number(match.group()) if match else None
    if value is None:
        words = re.findall(r"[a-z]+(?:-[a-z]+)?", lower)
        for size in range(len(words), 0, -1):
            for start in range(0, len(words) - size + 1):
                value = _number(" ".join(words[start:start + size]))
                if value is not None and words[start] not in ("a", "an"):
                    break
                value = None
            if value is not None:
                break
    if value is None:
        return None
    if bound == "min":
        return Quantity(clean, value, None)
    if bound == "gt":
        return Quantity(clean, value + 1 if value == int(value) else value, None)
    if bound == "max":
        return Quantity(clean, None, value)
    if bound == "lt":
        return Quantity(clean, None, value - 1)
    if bound == "about":
        return Quantity(clean, round(value * 0.9), round(value * 1.1))
    return Quantity(clean, value, value)
