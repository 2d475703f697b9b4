"""Claims: filtered, sorted, paged listings, and one claim with everything an analyst checks."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..claims import db as claims_sql
from ..claims.build import ensure_built
from ..claims.model import Claim, Correction
from ..claims.review import audit_log, resolve_claim_id
from ..errors import ArmstrackError, NotFound
from ..store import claims as stored
from ..store.dialect import Where
from ..store import search
from ._db import connection
from ..resolve.filters import (FilterError, check_category, check_grade, check_status, check_text, check_year,
                      day_after, parse_since, parse_until, resolve_actors, resolve_weapon, firms_among)
from .page import Page, check_paging

SORTS = ("last_reported", "first_reported", "confidence", "status", "supplier", "recipient", "id")


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim for an analyst: the claim (reports with provenance, status timeline, linked
    events), each report's role spans within its evidence sentence, and the review audit
    trail. `redirected_from` is the id asked for when it was merged away or replaced."""

    claim: Claim
    spans: dict[str, list[dict[str, Any]]] = field(default_factory=dict)   # event id -> spans
    audit: list[Correction] = field(default_factory=list)
    redirected_from: str | None = None

    @property
    def id(self) -> str:
        return self.claim.id

    def to_dict(self) -> dict[str, Any]:
        out = self.claim.to_dict()
        for report, data in zip(self.claim.reports, out["reports"]):
            data["provenance"] = report.provenance.to_dict()
            data["spans"] = self.spans.get(report.event_id, [])
        out["audit"] = [c.to_dict() for c in self.audit]
        out["redirected_from"] = self.redirected_from
        return out


def _built(store):
    db = connection(store)
    ensure_built(store)
    return db


def claim_filters(*, supplier: str | None = None, recipient: str | None = None, broker: str | None = None,
                  weapon: str | None = None, category: str | None = None, status: str | None = None,
                  since: str | None = None, until: str | None = None, q: str | None = None,
                  include_rejected: bool = False, year: str | None = None,
                  grade: str | None = None) -> tuple[Where, list]:
    """The condition over `claims` and its arguments for these filters, every value checked
    (see `list_claims`); the store's claim reads take it and spell it for their engine
    (`store.search.claims_where` writes it)."""
    checked: dict = {}
    for name, value in (("supplier", supplier), ("recipient", recipient)):
        if value:   # an actor, or a region's actors (regions.yaml)
            checked[name + "s"] = resolve_actors(value, name)
            # one firm also matches the claims whose reports name it (paired as its state)
            checked[name + "_firms"] = firms_among(checked[name + "s"]) if len(checked[name + "s"]) == 1 else ()
    if broker:
        checked["brokers"] = resolve_actors(broker, "broker")
    if weapon:
        checked["weapon"] = resolve_weapon(weapon)
    if category:
        checked["kind"] = check_category(category)
    if status:
        checked["status"] = check_status(status)
    start, end = parse_since(since), parse_until(until)
    if year:    # the claim's year: its event date's, else its first report's (store/facets.py)
        checked["year"] = check_year(year)
    if grade:   # B2, or B for B1-B6
        checked["grade"] = check_grade(grade)
    return search.claims_where(**checked, start=start, before=day_after(end) if end else None,
                               words=(check_text(q) or "").lower().split(), include_rejected=include_rejected)


def list_claims(store, *, supplier: str | None = None, recipient: str | None = None,
                broker: str | None = None, weapon: str | None = None, category: str | None = None,
                status: str | None = None, since: str | None = None, until: str | None = None,
                q: str | None = None, include_rejected: bool = False, sort: str = "last_reported",
                order: str = "desc", page: int = 1, per_page: int = 50, year: str | None = None,
                grade: str | None = None) -> Page[Claim]:
    """Claims matching every filter, sorted and paged; every value checked (filters.py).

    Actors and weapons by id (any case) or name; `category` a weapon kind or SIPRI category;
    `since`/`until` keep claims whose reporting overlaps the period (a report on or after
    `since`, one on or before `until`); `year` the claim's year (its event date's, else its
    first report's); `grade` an Admiralty grade (B2) or letter (B); `q` words found in the
    parties' or item's ids or names. Supplier, recipient and broker may be regions.
    Claims an analyst rejected are left out unless `include_rejected`. `sort` is one of SORTS."""
    limit, offset = check_paging(page, per_page)
    if sort not in SORTS:
        raise FilterError(f"sort {sort!r}: choose one of {', '.join(SORTS)}")
    if order not in ("asc", "desc"):
        raise FilterError(f"order {order!r}: choose asc or desc")
    where_sql, args = claim_filters(supplier=supplier, recipient=recipient, broker=broker, weapon=weapon,
                                    category=category, status=status, since=since, until=until, q=q,
                                    include_rejected=include_rejected, year=year, grade=grade)
    total, records = search.claims_page(_built(store), where_sql, args, sort=sort, descending=order == "desc",
                                        limit=limit, offset=offset)
    return Page([Claim.from_dict(json.loads(data)) for data in records], total, page, per_page)


def _sentence_spans(db, claim: Claim) -> dict[str, list[dict[str, Any]]]:
    """Each report's role spans, as offsets within its evidence sentence."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in stored.event_rows(db, [r.event_id for r in claim.reports]):
        data = json.loads(row["data"])
        evidence = data.get("evidence") or {}
        start, end = evidence.get("start", 0), evidence.get("end", 0)
        out[row["id"]] = [{"role": s["role"], "start": s["start"] - start, "end": s["end"] - start}
                          for s in data.get("spans") or () if start <= s["start"] and s["end"] <= end]
    return out


def get_claim(store, claim_id: str) -> ClaimView:
    """One claim with its reports (evidence, role spans, outlet, cited origin, hedges,
    provenance), status timeline, linked events and review audit trail. A claim id merged away
    (or replaced by a review) answers with the claim that now holds its reports."""
    db = _built(store)
    wanted = (claim_id or "").strip().lower()
    if not wanted.startswith("cl-"):
        raise ArmstrackError(f"{claim_id!r} is not a claim id (cl-...); list them with: armstrack claims")
    found_id = resolve_claim_id(db, wanted)
    found = claims_sql.load_claims(db, claim_id=found_id) if found_id else []
    if not found:
        raise NotFound(f"no claim {claim_id!r}; list them with: armstrack claims")
    claim = found[0]
    return ClaimView(claim, _sentence_spans(db, claim), audit_log(store, claim=claim),
                     wanted if found_id != wanted else None)
