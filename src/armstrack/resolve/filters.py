"""Every filter a query takes, checked in one place: dates, actor and weapon ids or names,
statuses, event types, weapon categories. A value that cannot be read is an ArmstrackError
whose one line says what is accepted, or which known values are nearest; nothing falls back
to "no filter" (`--since 15/01/2025` used to list everything).

Dates: ISO `2024-09-25`, `2024-09` or `2024`, or relative to today: `7d`, `2w`, `3m`, `1y`,
`today`, `yesterday`. A period stands for its first day as a lower bound (`since`) and for its
last day as an upper bound (`until`): `until="2024-09"` keeps all of September.

Actors: an id in any case (`rus` -> `RUS`) or any name the knowledge base knows (`Russia`,
`Moscow`, `the Kremlin` -> `RUS`); where a filter takes several (`resolve_actors`), a region
too (`Middle East`: its states and the actors based there, regions.yaml). Weapons: an id (`su-35`), a name (`Su-35`, `Yakhont`), a
kind (`ballistic missile`, read as `cat:ballistic missile`) or `cat:<kind>`.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ..errors import ArmstrackError
from .. import eventtypes
from ..records import Status
from ..text import singular

DATE_HELP = "an ISO date (2024-09-25, 2024-09, 2024) or a relative one (7d, 2w, 3m, 1y, today, yesterday)"
_RELATIVE = re.compile(r"^(\d{1,5})\s*([dwmy])$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class FilterError(ArmstrackError):
    """A filter value armstrack cannot read; the message names it and what is accepted."""

    status = 400


def _months_back(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _period(value: str, name: str, today: date | None) -> tuple[date, date]:
    """The first and last day a date filter value stands for."""
    text = value.strip().lower()
    today = today or date.today()
    if text == "today":
        return today, today
    if text == "yesterday":
        day = today - timedelta(days=1)
        return day, day
    relative = _RELATIVE.match(text)
    if relative:
        n, unit = int(relative[1]), relative[2]
        try:
            day = (today - timedelta(days=n * {"d": 1, "w": 7}[unit]) if unit in "dw"
                   else _months_back(today, n * (12 if unit == "y" else 1)))
        except (OverflowError, ValueError) as exc:
            raise FilterError(f"{name} {value!r}: too far back") from exc
        return day, today
    iso = _ISO.match(text)
    if iso:
        year, month, day = int(iso[1]), iso[2], iso[3]
        try:
            if day:
                one = date(year, int(month), int(day))
                return one, one
            if month:
                first = date(year, int(month), 1)
                return first, date(year, int(month), calendar.monthrange(year, int(month))[1])
            return date(year, 1, 1), date(year, 12, 31)
        except ValueError as exc:
            raise FilterError(f"{name} {value!r}: no such date ({exc}); give {DATE_HELP}") from exc
    raise FilterError(f"{name} {value!r}: not a date armstrack reads; give {DATE_HELP}")


def parse_since(value: str | None, *, name: str = "since", today: date | None = None) -> str | None:
    """The ISO day a lower-bound date filter starts at (None when not given)."""
    if value is None or value == "":
        return None
    return _period(str(value), name, today)[0].isoformat()


def parse_until(value: str | None, *, name: str = "until", today: date | None = None) -> str | None:
    """The ISO day an upper-bound date filter ends at, inclusive (None when not given)."""
    if value is None or value == "":
        return None
    return _period(str(value), name, today)[1].isoformat()


def day_after(iso_day: str) -> str:
    """The next ISO day: `col < day_after(until)` keeps partial dates of the last day's period too.
    After 9999-12-31 there is no date; "9999-12-32" sorts after every ISO date string, which is
    how the stores compare them (`until=9999-12-31` raised OverflowError, issue 21)."""
    day = date.fromisoformat(iso_day)
    return "9999-12-32" if day == date.max else (day + timedelta(days=1)).isoformat()


MAX_TEXT = 500          # characters of a search (`q`); SQLite refuses LIKE patterns over 50,000 bytes
MAX_NAME = 200          # characters of an actor or weapon name or id


def check_text(value: str | None, name: str = "q", *, limit: int = MAX_TEXT) -> str | None:
    """A free-text filter, refused when longer than `limit` characters (a 60,000-character `q`
    reached SQLite as a LIKE pattern "too complex", issue 21) or when it holds a NUL, which
    neither engine's text search takes."""
    if value is None:
        return None
    if len(value) > limit:
        raise FilterError(f"{name}: {len(value):,} characters; give at most {limit:,}")
    if "\x00" in value:
        raise FilterError(f"{name}: contains a NUL character")
    return value


# ---- closed vocabularies ----------------------------------------------------------------
def _closed(value: str | None, name: str, choices: list[str], *, upper: bool = False) -> str | None:
    if value is None or value == "":
        return None
    text = value.strip().upper() if upper else value.strip().lower()
    if text in choices:
        return text
    raise FilterError(f"{name} {value!r}: choose one of {', '.join(choices)}" + _nearest_of(value, choices))


def check_status(value: str | None, name: str = "status") -> str | None:
    """A transfer status (`delivered`, `agreed`, ...), in any case."""
    return _closed(value, name, [str(s) for s in Status])


def check_event_type(value: str | None, name: str = "type") -> str | None:
    """An event type (`TRANSFER`, `meeting`, ...: any registered one), returned upper case."""
    return _closed(value, name, eventtypes.names(), upper=True)


STANCES = ("assert", "confirm", "deny")


def check_stance(value: str | None, name: str = "stance") -> str | None:
    """A report's stance: assert, confirm or deny."""
    return _closed(value, name, list(STANCES))


def check_category(value: str | None, name: str = "category") -> str | None:
    """A weapon kind (`ballistic missile`) or SIPRI broad category (`missiles`), lower case."""
    if value is None or value == "":
        return None
    check_text(value, name, limit=MAX_NAME)
    from .kb import load_taxonomy

    kinds = load_taxonomy()
    text = " ".join(value.strip().lower().removeprefix("cat:").split())
    choices = set(kinds) | set(kinds.values())
    # a plural asks for the kind ("drones": every drone kind), as a singular broad category
    # asks for the category ("missile": missiles)
    for form in (text, singular(text), text + "s"):
        if form in choices:
            return form
    choices = sorted(choices)
    raise FilterError(f"{name} {value!r}: not a weapon kind or category" + _nearest_of(value, choices))


_GRADE = re.compile(r"^[A-F][1-6]?$")


def check_grade(value: str | None, name: str = "grade") -> str | None:
    """An Admiralty grade (`B2`), or a reliability letter alone (`B`: B1 to B6), upper case."""
    if value is None or value == "":
        return None
    text = value.strip().upper()
    if _GRADE.match(text):
        return text
    raise FilterError(f"{name} {value!r}: an Admiralty grade, a letter A-F (source reliability) and a "
                      "digit 1-6 (credibility), as B2, or a letter alone")


def check_year(value: str | int | None, name: str = "year") -> str | None:
    """A four-digit year, as text."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return text
    raise FilterError(f"{name} {value!r}: a year, as 2024")


# ---- the knowledge base -----------------------------------------------------------------
_NEAREST = "; nearest: "


def suggestions(message: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The filter a FilterError's message names and the nearest values it offers (what
    `_nearest_of` wrote), each as (value to filter by, label), for pages that offer them as
    links: ("supplier", [("DEU", "DEU (Germany)"), ...])."""
    name = message.split(" ", 1)[0] if message[:1].isalpha() else None
    if _NEAREST not in message:
        return name, []
    listed = message.rsplit(_NEAREST, 1)[1].split(";", 1)[0]
    out = []
    for label in (v.strip() for v in listed.split(", ")):
        if label:
            value = label.split(" (", 1)[0] if label.endswith(")") and " (" in label else label
            out.append((value, label))
    return name, out


def _nearest_of(value: str, choices: list[str], limit: int = 3) -> str:
    from rapidfuzz import fuzz, process, utils

    found = process.extract(value, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=50,
                              processor=utils.default_process)
    return f"{_NEAREST}{', '.join(c for c, _, _ in found)}" if found else ""


_CHOICES: dict[tuple[int, bool], tuple[object, list[str], list[str]]] = {}


def _choices(kb, actors: bool) -> tuple[list[str], list[str]]:
    """Names and ids of the base's actors (or weapons), parallel lists for fuzzy matching
    (kept per loaded base: building them takes a pass over 1,700 entities)."""
    cached = _CHOICES.get((id(kb), actors))
    if cached and cached[0] is kb:
        return cached[1], cached[2]
    names, ids = [], []
    for entity in kb.entities.values():
        if (entity.is_actor if actors else entity.kind == "weapon"):
            for text in {entity.id, entity.name}:
                names.append(text)
                ids.append(entity.id)
    _CHOICES[(id(kb), actors)] = (kb, names, ids)
    return names, ids


def nearest(kb, value: str, *, actors: bool, limit: int = 3) -> list[tuple[str, str]]:
    """The knowledge-base entries nearest to `value`: (id, name), best first (rapidfuzz)."""
    from rapidfuzz import fuzz, process, utils

    names, ids = _choices(kb, actors)
    out: dict[str, str] = {}
    for _, _, index in process.extract(value, names, scorer=fuzz.WRatio, limit=limit * 4,
                                          score_cutoff=50, processor=utils.default_process):
        out.setdefault(ids[index], kb.entities[ids[index]].name)
        if len(out) == limit:
            break
    return list(out.items())


def _suggest(kb, value: str, *, actors: bool) -> str:
    found = nearest(kb, value, actors=actors)
    return f"; nearest: {', '.join(f'{i} ({n})' for i, n in found)}" if found else ""


def _kb(kb):
    if kb is not None:
        return kb
    from .kb import load_kb, user_kb_dirs

    return load_kb(tuple(user_kb_dirs()))


def resolve_actor(value: str | None, name: str = "actor", *, kb=None) -> str | None:
    """An actor id from an id in any case or a name the knowledge base knows."""
    if value is None or value == "":
        return None
    check_text(value, name, limit=MAX_NAME)
    kb = _kb(kb)
    text = value.strip()
    entity = kb.get(text.upper())
    if entity is not None and entity.is_actor:
        return entity.id
    ids = sorted({a.entity_id for a in kb.lookup(text) if kb.entities[a.entity_id].is_actor})
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise FilterError(f"{name} {value!r} is ambiguous: it names {', '.join(ids)}; give the id")
    raise FilterError(f"{name} {value!r}: no such actor in the knowledge base" + _suggest(kb, text, actors=True)
                      + "; find ids with: armstrack kb search NAME")


def resolve_actors(value: str | None, name: str = "actor", *, kb=None) -> tuple[str, ...]:
    """The actor ids a filter value stands for: one actor (as `resolve_actor`), or a region's
    states and the actors based in them (`Middle East`, `Sub-Saharan Africa`: regions.yaml).
    Empty when no value is given."""
    if value is None or value == "":
        return ()
    check_text(value, name, limit=MAX_NAME)
    from .regions import find_region, load_regions, region_actors

    region = find_region(value)
    if region is not None:
        return region_actors(region, _kb(kb))
    try:
        return (resolve_actor(value, name, kb=kb),)
    except FilterError as exc:
        near = _nearest_of(value, list(load_regions()), limit=2)
        if not near:
            raise
        raise FilterError(f"{exc}; regions near it: {near.removeprefix('; nearest: ')}") from None


def firms_among(ids, *, kb=None) -> tuple[str, ...]:
    """The ids that are companies in the knowledge base."""
    found = _kb(kb)
    return tuple(i for i in ids if getattr(found.get(i), "kind", None) == "company")


def resolve_weapon(value: str | None, name: str = "weapon", *, kb=None) -> str | None:
    """A claim item key: a weapon id (from an id or any name), or "cat:<kind>" for a kind."""
    if value is None or value == "":
        return None
    check_text(value, name, limit=MAX_NAME)
    kb = _kb(kb)
    text = value.strip()
    if text.lower().startswith("cat:"):
        return "cat:" + check_category(text, name)
    entity = kb.get(text.lower())
    if entity is not None and entity.kind == "weapon":
        return entity.id
    ids = sorted({a.entity_id for a in kb.lookup(text) if kb.entities[a.entity_id].kind == "weapon"})
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise FilterError(f"{name} {value!r} is ambiguous: it names {', '.join(ids)}; give the id")
    from .kb import load_taxonomy

    kind = " ".join(text.lower().split())
    for candidate in (kind, singular(kind)):
        if candidate in load_taxonomy():
            return f"cat:{candidate}"
    raise FilterError(f"{name} {value!r}: no such weapon in the knowledge base" + _suggest(kb, text, actors=False)
                      + "; find ids with: armstrack kb search NAME")


_ALIASES: dict[int, tuple[object, list[str], list[str]]] = {}


def search_names(kb, text: str, *, limit: int = 10, cutoff: float = 75) -> list[tuple[str, str, float]]:
    """Knowledge-base entries whose name or alias is like `text` (fuzzy and partial: "Caesar"
    finds "CAESAR howitzer"): (entity id, the alias matched, score 0-100), best first, one per
    entity."""
    from rapidfuzz import fuzz, process, utils

    from .kb import iter_aliases

    cached = _ALIASES.get(id(kb))
    if not cached or cached[0] is not kb:
        aliases = list(iter_aliases(kb))
        cached = (kb, [a.text for a in aliases], [a.entity_id for a in aliases])
        _ALIASES[id(kb)] = cached
    _, texts, ids = cached
    query = utils.default_process(text)
    words = set(query.split())

    def rank(found: tuple[str, float, int]) -> tuple[float, bool, float]:
        # WRatio ties are common ("Caesar" scores 90 against "CAES", "CAE" and "CAESAR
        # howitzer"): among equals, an alias that holds the query's words whole comes first,
        # then the closer alias overall
        alias = utils.default_process(found[0])
        return found[1], words <= set(alias.split()), fuzz.ratio(query, alias)

    out: dict[str, tuple[str, str, float]] = {}
    # every alias over the cutoff, not the first few: a tie can be cut anywhere
    found = process.extract(text, texts, scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=None, score_cutoff=cutoff)
    for alias, score, index in sorted(found, key=rank, reverse=True):
        out.setdefault(ids[index], (ids[index], alias, score))
        if len(out) == limit:
            break
    return list(out.values())
