"""Which reports are one transfer: the merge rules, as pure functions over Report records.

Within one supplier-recipient pair:

* reports naming the same weapon system merge when each is within the window (730 days by
  default) of the one before it, in report-date order;
* a category-only report ("ballistic missiles") joins a named-system claim of the pair whose
  category it covers, if exactly one such claim is within the window; otherwise it forms or
  joins a category claim ("cat:ballistic missile") by the same time rule;
* two different named systems never merge;
* a report an analyst split out stands alone.

Every report records the rule that put it where it is (`Cluster.rules`, then `Report.rule`),
for `explain`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .model import Report

WINDOW_DAYS = 730


@dataclass
class Cluster:
    """A claim in the making: its key and its reports (mutable while merging)."""

    supplier: str
    recipient: str
    item_key: str
    reports: list[Report] = field(default_factory=list)
    split: bool = False
    id: str = ""
    rules: dict[str, str] = field(default_factory=dict)   # event id -> why it is in this cluster

    @property
    def anchor(self) -> str:
        """The first-ingested report's event id: stable when older articles are added later."""
        return min(self.reports, key=lambda r: (r.order, r.event_id)).event_id

    @property
    def first(self) -> str | None:
        return min((r.report_date for r in self.reports if r.report_date), default=None)

    @property
    def last(self) -> str | None:
        return max((r.report_date for r in self.reports if r.report_date), default=None)

    def named(self) -> Report | None:
        return next((r for r in self.reports if r.item_id), None)

    def add(self, report: Report, rule: str) -> None:
        self.reports.append(report)
        self.rules[report.event_id] = rule


def claim_id(supplier: str, recipient: str, item_key: str, anchor: str, *, split: bool = False) -> str:
    """A stable claim id: the merge key plus the claim's anchor event id."""
    parts = [supplier, recipient, item_key, anchor] + (["split"] if split else [])
    return "cl-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def _words(text: str | None) -> tuple[str, ...]:
    return tuple(_singular(w) for w in (text or "").casefold().split())


@lru_cache(maxsize=16384)
def covers(general: str | None, specific: str | None, broad: str | None = None) -> bool:
    """Whether category `general` covers `specific`: "missile" covers "ballistic missile", which
    covers "short-range ballistic missile"; a SIPRI broad category ("air defence systems")
    covers every kind in it."""
    head, kind = _words(general), _words(specific)
    if not head or not kind:
        return False
    if kind[-len(head):] == head:
        return True
    return bool(broad) and head == _words(broad)


@lru_cache(maxsize=65536)
def _day(iso: str) -> int | None:
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None  # a partial date ("2024-09") is not a report date; treat as unknown


def days_between(first: str | None, second: str | None) -> int:
    """Days from one ISO date to another; 0 when either is unknown (undated reports join)."""
    a, b = _day(first) if first else None, _day(second) if second else None
    return abs(b - a) if a is not None and b is not None else 0


def _what(report: Report) -> str:
    return f"system {report.item_id}" if report.item_id else f"category {report.category}"


def _time_clusters(reports: list[Report], window: int) -> list[Cluster]:
    """Split one key's reports wherever two consecutive report dates are more than `window` apart."""
    clusters: list[Cluster] = []
    for report in sorted(reports, key=lambda r: (r.date_key, r.order, r.event_id)):
        gap = days_between(clusters[-1].reports[-1].report_date, report.report_date) if clusters else None
        if gap is not None and gap <= window:
            clusters[-1].add(report, f"same supplier {report.supplier}, recipient {report.recipient}, "
                                     f"{_what(report)}; within {window} days ({gap} days after the previous report)")
        else:
            clusters.append(Cluster(report.supplier, report.recipient, report.item_key))
            clusters[-1].add(report, f"first report of supplier {report.supplier}, recipient "
                                     f"{report.recipient}, {_what(report)}")
    return clusters


def _fits(report: Report, system: Report, span: tuple[str | None, str | None], window: int) -> bool:
    """Whether a category-only report fits a named-system claim: covered, and within the window."""
    if not covers(report.category, system.category, system.broad):
        return False
    first, last = span
    return (days_between(first, report.report_date) <= window or
            days_between(last, report.report_date) <= window or
            (first or "") <= (report.report_date or "") <= (last or ""))


def cluster_pair(reports: list[Report], *, window: int = WINDOW_DAYS,
                 split: frozenset[str] = frozenset()) -> list[Cluster]:
    """Merge one supplier-recipient pair's reports into clusters (see the module docstring)."""
    clusters: list[Cluster] = []
    named: dict[str, list[Report]] = {}
    categories: list[Report] = []
    for report in reports:
        if report.event_id in split:
            clusters.append(Cluster(report.supplier, report.recipient, report.item_key, split=True))
            clusters[-1].add(report, "split out by an analyst: stands alone")
        elif report.item_id:
            named.setdefault(report.item_id, []).append(report)
        else:
            categories.append(report)
    systems = [c for key in sorted(named) for c in _time_clusters(named[key], window)]
    clusters += _place_categories(categories, systems, window) + systems
    for cluster in clusters:
        cluster.reports.sort(key=lambda r: (r.date_key, r.order, r.event_id))
        cluster.id = claim_id(cluster.supplier, cluster.recipient, cluster.item_key, cluster.anchor,
                              split=cluster.split)
    return clusters


def _place_categories(categories: list[Report], systems: list[Cluster], window: int) -> list[Cluster]:
    """Attach category-only reports to the one system claim they fit; the rest form category claims."""
    # spans and faces before any category report joins, so the result does not depend on input order
    faces = [(c, c.named(), (c.first, c.last)) for c in systems]
    by_category: dict[str, list[Report]] = {}
    several: set[str] = set()
    for report in categories:
        fitting = [(c, face) for c, face, span in faces if _fits(report, face, span, window)]
        if len(fitting) == 1:
            cluster, face = fitting[0]
            cluster.add(report, f"category {report.category} covered by system {face.item_id} (the only "
                                f"{report.supplier}->{report.recipient} claim it fits); within {window} days")
        else:
            by_category.setdefault(report.item_key, []).append(report)
            if fitting:
                several.add(report.event_id)
    out = []
    for key in sorted(by_category):
        for cluster in _time_clusters(by_category[key], window):
            for event_id in several & cluster.rules.keys():
                # the analyst may merge it by hand
                cluster.rules[event_id] += "; fits several systems, kept as a category claim"
            out.append(cluster)
    return out
