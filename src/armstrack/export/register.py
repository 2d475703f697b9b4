"""A SIPRI-style trade register: one row per claim, in SIPRI's columns plus our own.

SIPRI's register records a deal once it is ordered; ours keeps every claim, so three columns
say how far and how sure: status (derived from the reports), certainty (Admiralty grade and
confidence) and sources (the independent origins). Numbers are exact when a report gives an
exact count, otherwise the report's words ("dozens"); a year of order in parentheses is
inferred from a later stage, not reported.
"""
from __future__ import annotations

import csv
from typing import TextIO

from ..records import Status
from .registry import register_exporter
from .tabular import safe_rows

COLUMNS = ("Supplier", "Recipient", "Designation", "Description", "Number ordered", "Year of order",
           "Number delivered", "Year(s) of delivery", "Comments", "Status", "Certainty", "Sources",
           "Claim", "Articles")
_ORDERED = {Status.AGREED}
_DELIVERED = {Status.DELIVERING, Status.DELIVERED, Status.USED}


def _supporting(claim, statuses):
    return [r for r in claim.reports if r.stance != "deny" and r.status in statuses]


def _number(reports) -> str:
    for report in sorted(reports, key=lambda r: r.date_key, reverse=True):
        if report.quantity_min is not None and report.quantity_min == report.quantity_max:
            return str(int(report.quantity_min))
        if report.quantity:
            return report.quantity
    return ""


def _year(report) -> int | None:
    date = report.event_date or report.report_date
    return int(date[:4]) if date else None


def _years(years: set[int]) -> str:
    """2022, 2022-2024 for a run of years, 2022; 2024 otherwise."""
    if not years:
        return ""
    ordered = sorted(years)
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 1:
        return f"{ordered[0]}-{ordered[-1]}"
    return "; ".join(str(y) for y in ordered)


def _order_year(claim) -> str:
    years = {y for y in map(_year, _supporting(claim, _ORDERED)) if y}
    if years:
        return str(min(years))
    later = {y for y in map(_year, _supporting(claim, _ORDERED | _DELIVERED)) if y}
    return f"({min(later)})" if later else ""


def _halts(claim) -> list[str]:
    """Each halt a supporting report gave (suspended, refused, seized, cancelled), with its
    date, in the claim's timeline order: SIPRI's register has no column for them."""
    halts = (c for c in claim.history if c.stance != "deny" and c.reported and Status(c.reported).halts)
    return list(dict.fromkeys(f"{c.reported} {c.event_date or c.date}" if (c.event_date or c.date)
                              else str(c.reported) for c in halts))


def _comments(claim) -> str:
    # the firm or service named, which the register's state columns do not show
    notes = [f"{side}: {', '.join(names)}" for side, names in
             (("supplier", claim.supplier_parties), ("recipient", claim.recipient_parties)) if names]
    notes += _halts(claim)
    if claim.brokers:
        notes.append("via " + ", ".join(claim.brokers))
    denied = sorted({a for r in claim.reports for a in r.denied_by})
    if denied:
        notes.append("denied by " + ", ".join(denied))
    if claim.contradicted:
        notes.append("contradicted")
    hedges = sorted({h for r in claim.reports for h in r.hedges})
    if hedges:
        notes.append("hedged: " + ", ".join(hedges))
    if claim.review:
        notes.append(f"analyst: {claim.review}")
    # an analyst's override (a status set by hand) is said, or the row passes for the machine's
    notes.extend(f"analyst {r}" for r in claim.reviews if "status" in r)
    return "; ".join(notes)


def register_row(claim) -> dict[str, str]:
    """One register row for a claim."""
    confirmed = sorted({a for r in claim.reports for a in r.confirmed_by})
    certainty = f"{claim.grade}, confidence {claim.confidence:.2f}"
    if confirmed:
        certainty += f"; confirmed by {', '.join(confirmed)}"
    return {
        "Supplier": claim.supplier_name or claim.supplier,
        "Recipient": claim.recipient_name or claim.recipient,
        "Designation": claim.item_name or f"({claim.category})",
        "Description": claim.category or "",
        "Number ordered": _number(_supporting(claim, _ORDERED)),
        "Year of order": _order_year(claim),
        "Number delivered": _number(_supporting(claim, _DELIVERED)),
        "Year(s) of delivery": _years({y for y in map(_year, _supporting(claim, _DELIVERED)) if y}),
        "Comments": _comments(claim),
        "Status": claim.status or "",
        "Certainty": certainty,
        "Sources": "; ".join(part.label for part in claim.contributions),
        "Claim": claim.id,
        # provenance: the articles the claim rests on, each once (URL, else file)
        "Articles": "; ".join(dict.fromkeys(r.provenance.where for r in claim.reports)),
    }


@register_exporter("register", what=("claims",), suffix=".csv")
def write_register(claims: list, out: TextIO, *, what: str = "claims") -> int:
    """SIPRI-style trade register (CSV): supplier, recipient, designation, numbers, years, status."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = sorted((register_row(c) for c in claims), key=lambda r: (r["Supplier"], r["Recipient"], r["Designation"]))
    writer.writerows(safe_rows(rows))
    return len(rows)
