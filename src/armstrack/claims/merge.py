"""Which reports are one transfer: the merge rules, as pure functions over Report records.

Within one supplier-recipient pair:

* reports naming the same weapon system merge when each is within the window (730 days by
  default) of the one before it, in report-date order;
* a category-only report ("ballistic missiles") joins a named-system claim of the pair whose
  category it covers, if exactly one such claim is within the window; otherwise it forms or
  joins a category claim ("cat:ballistic missile") by the same time rule;
* two different named systems never merge;
* a report an analyst split out stands alone.

Every report records the rule that put it where it is (`Report.rule`), for `explain`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date

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


def claim_id(supplier: str, recipient: str, item_key: str, anchor: str, *, split: bool = False) -> str:
    """A stable claim id: the merge key plus the claim's anchor event id."""
    parts = [supplier, recipient, item_key, anchor] + (["split"] if split else [])
    return "cl-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str | None) -> list[str]:
    return [_singular(w) for w in (text or "").casefold().split()]


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


def days_between(first: str | None, second: str | None) -> int:
    """Days from one ISO date to another; 0 when either is unknown (undated reports join)."""
    if not first or not second:
        return 0
    try:
        return abs((date.fromisoformat(second[:10]) - date.fromisoformat(first[:10])).days)
    except ValueError:
        return 0


def _what(report: Report) -> str:
    return f"system {report.item_id}" if report.item_id else f"category {report.category}"


def _time_clusters(reports: list[Report], window: int) -> list[list[Report]]:
    """Split one key's reports wherever two consecutive report dates are more than `window` apart."""
    groups: list[list[Report]] = []
    for report in sorted(reports, key=lambda r: (r.date_key, r.order, r.event_id)):
        if groups and days_between(groups[-1][-1].report_date, report.report_date) <= window:
            gap = days_between(groups[-1][-1].report_date, report.report_date)
            rule = (f"same supplier {report.supplier}, recipient {report.recipient}, {_what(report)}; "
                    f"within {window} days ({gap} days after the previous report)")
            groups[-1].append(replace(report, rule=rule))
        else:
            rule = f"first report of supplier {report.supplier}, recipient {report.recipient}, {_what(report)}"
            groups.append([replace(report, rule=rule)])
    return groups


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
    by_category: dict[str, list[Report]] = {}
    categories: list[Report] = []
    several: set[str] = set()
    for report in reports:
        if report.event_id in split:
            rule = "split out by an analyst: stands alone"
            clusters.append(Cluster(report.supplier, report.recipient, report.item_key,
                                    [replace(report, rule=rule)], split=True))
        elif report.item_id:
            named.setdefault(report.item_id, []).append(report)
        else:
            categories.append(report)
    systems = [Cluster(group[0].supplier, group[0].recipient, key, group)
               for key, members in sorted(named.items()) for group in _time_clusters(members, window)]
    # spans before any category report joins, so the result does not depend on input order
    spans = [(c.first, c.last) for c in systems]
    for report in categories:
        fitting = [c for c, span in zip(systems, spans) if _fits(report, c.named(), span, window)]
        if len(fitting) == 1:
            system = fitting[0].named()
            rule = (f"category {report.category} covered by system {system.item_id} "
                    f"(the only {report.supplier}->{report.recipient} claim it fits); within {window} days")
            fitting[0].reports.append(replace(report, rule=rule))
        else:
            by_category.setdefault(report.item_key, []).append(report)
            if fitting:
                several.add(report.event_id)
    for key, members in sorted(by_category.items()):
        for group in _time_clusters(members, window):
            # a report that fits several systems says so: the analyst may merge it by hand
            group = [replace(r, rule=r.rule + "; fits several systems, kept as a category claim")
                     if r.event_id in several else r for r in group]
            clusters.append(Cluster(group[0].supplier, group[0].recipient, key, group))
    clusters.extend(systems)
    for cluster in clusters:
        cluster.reports.sort(key=lambda r: (r.date_key, r.order, r.event_id))
        cluster.id = claim_id(cluster.supplier, cluster.recipient, cluster.item_key, cluster.anchor,
                              split=cluster.split)
    return clusters
