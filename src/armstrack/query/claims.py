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
from ._db import connection
from ..resolve.filters import (FilterError, check_category, check_grade, check_status, check_text, check_year,
                      day_after, parse_since, parse_until, resolve_actors, resolve_weapon)
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
                  grade: str | None = None) -> tuple[str, list]:
    """The SQL condition over `claims` (" WHERE ..." or "") and its arguments for these filters,
    every value checked (see `list_claims`)."""
    where, args = [], []
    for column, value in (("supplier", supplier), ("recipient", recipient)):
        if value:   # an actor, or a region's actors (regions.yaml)
            ids = resolve_actors(value, column)
            where.append(f"{column} = ?" if len(ids) == 1 else f"{column} IN ({', '.join('?' * len(ids))})")
            args += ids
    if broker:
        ids = resolve_actors(broker, "broker")
        where.append("(" + " OR ".join(["brokers LIKE ?"] * len(ids)) + ")")
        args += [f"%,{i},%" for i in ids]
    if weapon:
        key = resolve_weapon(weapon)
        if key.startswith("cat:"):  # a kind: the claims of that kind or a narrower one ("drone")
            where.append("(category = ? OR category LIKE ?)")
            args += [key[4:], f"% {key[4:]}"]
        else:
            where.append("item_id = ?")
            args.append(key)
    if category:
        kind = check_category(category)
        where.append("(category = ? OR category LIKE ? OR broad = ?)")
        args += [kind, f"% {kind}", kind]
    if status:
        where.append("status = ?")
        args.append(check_status(status))
    start, end = parse_since(since), parse_until(until)
    if start:
        where.append("last_reported >= ?")
        args.append(start)
    if end:
        where.append("first_reported < ?")
        args.append(day_after(end))
    if year:    # the claim's year: its event date's, else its first report's (store/facets.py)
        where.append("year = ?")
        args.append(check_year(year))
    if grade:   # B2, or B for B1-B6
        code = check_grade(grade)
        where.append("grade = ?" if len(code) == 2 else "grade LIKE ?")
        args.append(code if len(code) == 2 else code + "_")
    for word in (check_text(q) or "").lower().split():
        where.append("search LIKE ? ESCAPE '\\'")
        args.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if not include_rejected:
        where.append("(review IS NULL OR review != 'rejected')")
    return (" WHERE " + " AND ".join(where)) if where else "", args


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
    db = _built(store)
    total = db.execute("SELECT COUNT(*) FROM claims" + where_sql, args).fetchone()[0]
    direction = "DESC" if order == "desc" else "ASC"
    # undated claims sort last either way; SQLite puts NULL last in a descending order already,
    # and leaving the IS NULL term out there lets the (column, id) index give the order
    order_sql = (f"{sort} IS NULL, " if direction == "ASC" else "") + f"{sort} {direction}" + \
        (f", id {direction}" if sort != "id" else "")
    # ids first, then the page's records: sorting carries ids, not 2 KB documents
    page_ids = [r[0] for r in db.execute(f"SELECT id FROM claims{where_sql} ORDER BY {order_sql} LIMIT ? OFFSET ?",
                                         (*args, limit, offset))]
    data = dict(db.execute(f"SELECT id, data FROM claims WHERE id IN ({', '.join('?' * len(page_ids))})",
                           page_ids).fetchall()) if page_ids else {}
    # a review committed between the two reads can replace a claim: it is left off this page
    return Page([Claim.from_dict(json.loads(data[i])) for i in page_ids if i in data], total, page, per_page)


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
