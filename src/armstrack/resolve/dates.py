"""Absolute dates from the phrases news uses, relative to the article's publication date.

"on Sept. 24" -> 2024-09-24 when the article is from 2024-09-25; "in February 2022" -> 2022-02;
"in 2024" -> 2024; "yesterday" -> the day before publication. Dates without a year take the
publication year, moved back a year when that would put them more than a month after it.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?", re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?:of\s+)?(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})\b"),
    re.compile(r"\b" + _MONTH + r"\b", re.I),
]


def _year_for(month: int, day: int, published: date | None) -> int | None:
    if published is None:
        return None
    year = published.year
    try:
        if date(year, month, day) > published + timedelta(days=31):
            year -= 1
    except ValueError:
        return None
    return year


def resolve_date(text: str, published: date | None = None) -> str | None:
    """An ISO date, month ("2022-02") or year ("2024") for a date phrase, or None."""
    lower = text.lower().strip()
    if published is not None:
        if "yesterday" in lower:
            return (published - timedelta(days=1)).isoformat()
        if lower in ("today", "this morning", "this evening", "tonight"):
            return published.isoformat()
        for index, name in enumerate(WEEKDAYS):
            if re.search(rf"\b{name}\b", lower):
                delta = (published.weekday() - index) % 7
                return (published - timedelta(days=delta)).isoformat()
        if re.search(r"\blast year\b", lower):
            return str(published.year - 1)
        if re.search(r"\bthis year\b", lower):
            return str(published.year)
        if re.search(r"\blast month\b", lower):
            first = published.replace(day=1) - timedelta(days=1)
            return f"{first.year}-{first.month:02d}"
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("m"):
            return f"{groups['year']}-{groups['m']}-{groups['d']}"
        month = MONTHS.get((groups.get("month") or "").lower().rstrip("."))
        year = int(groups["year"]) if groups.get("year") else None
        if groups.get("day") and month:
            day = int(groups["day"])
            year = year or _year_for(month, day, published)
            if year is None:
                return None
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return None
        if month and year:
            return f"{year}-{month:02d}"
        if year:
            return str(year)
        if month and published is not None:
            year = _year_for(month, 1, published)
            return f"{year}-{month:02d}" if year else None
    return None
