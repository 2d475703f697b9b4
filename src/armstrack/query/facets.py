"""Counts over the claims that match a set of filters: facets (the top values of supplier,
recipient, status, category, system, year and grade, each a filter to add), claims and
deliveries by year, and the flows between countries for the map.

Each takes the filters `list_claims` takes (checked the same way, regions included) and counts
in SQL (`store/facets.py`), so a page over 100,000 claims stays well under a second.

    >>> query.claim_facets(store, recipient="Middle East")["supplier"].values[0]
    FacetValue(value='RUS', label='Russia', count=412, selected=False)
    >>> query.claim_trends(store, supplier="FRA").years[-1]
    YearCount(year='2025', claims=31, deliveries=12)
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

from ..resolve.filters import FilterError, _kb
from ..store import facets as counted
from .claims import _built, claim_filters

FACETS = ("supplier", "recipient", "status", "category", "system", "year", "grade")
# the filter a facet's value sets (`system` values are weapon ids)
FILTER_OF = {"supplier": "supplier", "recipient": "recipient", "status": "status", "category": "category",
             "system": "weapon", "year": "year", "grade": "grade"}
MAX_FACET_VALUES = 50
MAX_FLOWS = 200


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a facet: its filter value, what a reader sees, how many claims have it."""

    value: str
    label: str
    count: int
    selected: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "count": self.count, "selected": self.selected}


@dataclass(frozen=True, slots=True)
class Facet:
    """A facet's top values; `param` is the filter each sets, `truncated` that there are more."""

    name: str
    param: str
    values: list[FacetValue] = field(default_factory=list)
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "param": self.param, "truncated": self.truncated,
                "values": [v.to_dict() for v in self.values]}


def _where(filters: dict[str, Any]) -> tuple[str, list]:
    """claim_filters over the filters given (sorting and paging keys ignored)."""
    keep = {k: v for k, v in filters.items() if k not in ("sort", "order", "page", "per_page") and v not in (None, "")}
    return claim_filters(**keep)


# filters on columns every facet index holds (store/facets.py): counted from indexes alone
CHEAP_FILTERS = {"status", "since", "until", "year", "grade", "weapon", "category", "include_rejected"}


def _indexed(filters: dict[str, Any]) -> str | None:
    """Which facet indexes answer these filters alone (store/facets.py): "all" for none but the
    rejected mark, "cheap" for filters on columns the wide ones hold, else None."""
    # every index holds the rejected mark: showing rejected claims too narrows nothing
    given = {k for k, v in filters.items() if k not in ("sort", "order", "page", "per_page", "include_rejected")
             and v not in (None, "", False)}
    if not given:
        return "all"
    return "cheap" if given <= CHEAP_FILTERS else None


def _label(kb, facet: str, value: str) -> str:
    if facet in ("supplier", "recipient", "system"):
        entity = kb.get(value)
        return entity.name if entity is not None else value
    return value


def claim_facets(store, *, facets: tuple[str, ...] | list[str] | None = None, limit: int = 10,
                 **filters) -> dict[str, Facet]:
    """The top `limit` values of each facet (all of FACETS by default) among the claims
    matching `filters`, most claims first (years latest first). A value is `selected` when its
    facet's filter already has it."""
    wanted = tuple(facets) if facets is not None else FACETS
    unknown = [f for f in wanted if f not in FACETS]
    if unknown:
        raise FilterError(f"facet {unknown[0]!r}: choose from {', '.join(FACETS)}")
    if not 1 <= limit <= MAX_FACET_VALUES:
        raise FilterError(f"facet limit {limit}: give 1 to {MAX_FACET_VALUES}")
    where_sql, args = _where(filters)
    db = _built(store)
    kb = _kb(None)
    out: dict[str, Facet] = {}
    # unfiltered, or by status, period, year or grade: each facet from its own index; by
    # parties, weapon, category or words: the matching claims read once, every facet from them
    indexed = _indexed(filters)
    once = None if indexed else counted.facet_counts_once(db, where_sql, args, wanted)
    for name in wanted:
        if once is None:
            rows = counted.facet_counts(db, where_sql, args, name, limit=limit + 1, latest=name == "year",
                                        indexed=indexed)
        else:
            rows = sorted(once[name], key=lambda row: (str(row[0]),), reverse=True) if name == "year" else \
                sorted(once[name], key=lambda row: (-row[1], str(row[0])))
            rows = rows[:limit + 1]
        chosen = str(filters.get(FILTER_OF[name]) or "")
        values = [FacetValue(str(value), _label(kb, name, str(value)), count,
                             selected=bool(chosen) and chosen.strip().lower() == str(value).lower())
                  for value, count in rows[:limit]]
        out[name] = Facet(name, FILTER_OF[name], values, truncated=len(rows) > limit)
    return out


@dataclass(frozen=True, slots=True)
class YearCount:
    year: str
    claims: int
    deliveries: int      # claims whose status is delivering, delivered or used

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "claims": self.claims, "deliveries": self.deliveries}


@dataclass(frozen=True, slots=True)
class Trends:
    """Claims and deliveries by year (every year from the first to the last, gaps as 0)."""

    years: list[YearCount] = field(default_factory=list)
    total: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"years": [y.to_dict() for y in self.years], "total": self.total,
                "deliveries": sum(y.deliveries for y in self.years)}


def claim_trends(store, **filters) -> Trends:
    """How many matching claims each year has, and how many of them are deliveries. A claim's
    year is its event date's (when a report states one), else its first report's."""
    where_sql, args = _where(filters)
    rows = counted.year_counts(_built(store), where_sql, args, indexed=_indexed(filters))
    found = {year: (claims, deliveries) for year, claims, deliveries in rows if str(year).isdigit()}
    if not found:
        return Trends()
    first, last = min(map(int, found)), max(map(int, found))
    years = [YearCount(str(y), *found.get(str(y), (0, 0))) for y in range(first, last + 1)]
    return Trends(years, sum(y.claims for y in years))


@dataclass(frozen=True, slots=True)
class CountryCount:
    """A country on the map: claims it supplies and receives (its firms and groups included)."""

    id: str              # ISO 3166-1 alpha-3, as the knowledge base's state ids
    numeric: str | None  # ISO 3166-1 numeric, the world map's feature id
    name: str
    supplied: int = 0
    received: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "numeric": self.numeric, "name": self.name, "supplied": self.supplied,
                "received": self.received}


@dataclass(frozen=True, slots=True)
class Flow:
    supplier: str
    recipient: str
    claims: int
    deliveries: int

    def to_dict(self) -> dict[str, Any]:
        return {"supplier": self.supplier, "recipient": self.recipient, "claims": self.claims,
                "deliveries": self.deliveries}


@dataclass(frozen=True, slots=True)
class FlowMap:
    """Countries with their claims supplied and received, the largest country-to-country
    flows, and the actors no country stands for (NATO, the EU), with their counts."""

    countries: list[CountryCount] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    elsewhere: list[CountryCount] = field(default_factory=list)
    total: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"countries": [c.to_dict() for c in self.countries], "flows": [f.to_dict() for f in self.flows],
                "elsewhere": [c.to_dict() for c in self.elsewhere], "total": self.total}


def _numeric(iso3: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    return found.numeric if found is not None else None


def claim_map(store, *, flows: int = 40, **filters) -> FlowMap:
    """The matching claims by country: each state with the claims it (or a firm or group
    based there) supplies and receives, and the `flows` largest supplier-recipient country
    pairs. Actors of no country are listed apart."""
    if not 0 <= flows <= MAX_FLOWS:
        raise FilterError(f"flows {flows}: give 0 to {MAX_FLOWS}")
    where_sql, args = _where(filters)
    rows = counted.pair_counts(_built(store), where_sql, args, indexed=_indexed(filters))
    kb = _kb(None)
    place: dict[str, str | None] = {}

    def country(actor: str) -> str | None:
        if actor not in place:
            entity = kb.get(actor)
            place[actor] = (entity.id if entity is not None and entity.kind == "state"
                            else entity.country if entity is not None else None)
        return place[actor]

    sides: dict[str, list[int]] = {}      # country or unplaced actor -> [supplied, received]
    pairs: dict[tuple[str, str], list[int]] = {}
    for supplier, recipient, claims, deliveries in rows:
        here, there = country(supplier), country(recipient)
        sides.setdefault(here or supplier, [0, 0])[0] += claims
        sides.setdefault(there or recipient, [0, 0])[1] += claims
        if here and there and here != there:
            counts = pairs.setdefault((here, there), [0, 0])
            counts[0] += claims
            counts[1] += deliveries
    countries, elsewhere = [], []
    for key, (supplied, received) in sorted(sides.items()):
        entity = kb.get(key)
        name = entity.name if entity is not None else key
        if entity is not None and entity.kind == "state":
            countries.append(CountryCount(key, _numeric(key), name, supplied, received))
        else:
            elsewhere.append(CountryCount(key, None, name, supplied, received))
    top = heapq.nsmallest(flows, pairs.items(), key=lambda item: (-item[1][0], item[0]))
    return FlowMap(countries, [Flow(s, r, c, d) for (s, r), (c, d) in top], elsewhere,
                   sum(claims for _, _, claims, _ in rows))
