"""Reading claims and reviewing them: the library calls the CLI wraps."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..errors import ArmstrackError, NotFound
from . import db as sql
from .build import connection, ensure_built, review_status, update_pairs, window
from .model import Claim, Correction, ReviewAction
from .review import now, store_review, validate_field


def _db(store):
    db = connection(store)
    if db is None:
        raise ArmstrackError("claims need a SQLite store; open one with armstrack.open_store(path)")
    ensure_built(store)
    return db


def list_claims(store, *, supplier: str | None = None, recipient: str | None = None,
                weapon: str | None = None, status: str | None = None, since: str | None = None,
                include_rejected: bool = False) -> list[Claim]:
    """Claims matching every filter given; `weapon` is a weapon id or "cat:<category>"; `since`
    keeps claims with a report on or after that date. Claims an analyst rejected are left out
    unless `include_rejected`."""
    where, args = [], []
    for column, value in (("supplier", supplier), ("recipient", recipient), ("status", status)):
        if value:
            where.append(f"{column} = ?")
            args.append(value)
    if weapon:
        where.append("(item_id = ? OR item_key = ?)")
        args += [weapon, weapon]
    if since:
        where.append("last_reported >= ?")
        args.append(since)
    if not include_rejected:
        where.append("(review IS NULL OR review != 'rejected')")
    return sql.load_claims(_db(store), " AND ".join(where), args)


def get_claim(store, claim_id: str) -> Claim:
    """One claim by id."""
    found = sql.load_claims(_db(store), "id = ?", (claim_id,))
    if not found:
        raise NotFound(f"no claim {claim_id!r}; list them with: armstrack claims")
    return found[0]


def claim_for_event(store, event_id: str) -> Claim | None:
    """The claim a TRANSFER event is a report of, if any."""
    ids = sql.claim_ids_for_event(_db(store), event_id)
    return get_claim(store, ids[0]) if ids else None


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a claim is what it is: each report's merge rule, the status steps, the score."""

    claim: Claim
    window_days: int

    def lines(self) -> list[str]:
        claim = self.claim
        what = f"system {claim.item_id}" if claim.item_id else f"category {claim.category}"
        out = [f"claim {claim.id}: {claim.supplier} -> {claim.recipient}, {what} "
               f"(reports merge within {self.window_days} days of each other)"]
        out.append("merged reports:")
        for r in claim.reports:
            out.append(f"  {r.event_id}  {r.report_date or 'undated'}  {r.outlet or '-'}: {r.rule}")
            out += [f"      corrected: {note}" for note in r.corrected]
        out.append(f"status {claim.status}:")
        for step in claim.history:
            verb = "sets" if step.changed else "keeps" if step.stance != "deny" else "shown beside"
            out.append(f"  {step.date or 'undated'}  {step.stance:7} {step.reported or '-':11} "
                       f"{verb} -> {step.status or '-'}  ({step.by}; {step.event_id})")
        out.append(f"confidence {claim.confidence:.2f} = max(0.05, 1 - prod(1 - w) - 0.15 x denials):")
        for part in claim.contributions:
            sign = "+" if part.weight > 0 else "-"
            out.append(f"  {sign}{abs(part.weight):.2f}  {part.label} [{part.kind}, latest {part.stance}, "
                       f"{part.reports} report(s)]")
        out.append(f"grading {claim.grade} (Admiralty: reliability {claim.grade[0]}, credibility {claim.grade[1:]})")
        if claim.contradicted:
            out.append("contradicted: a denial stands beside confirming or asserting reports")
        out += [f"analyst: {line}" for line in claim.reviews]
        if claim.review:
            out.append(f"analyst mark: {claim.review}")
        return out


def explain(store, claim_id: str) -> Explanation:
    """Which reports merged into a claim and by which rule, and how its status and score arise."""
    claim = get_claim(store, claim_id)
    return Explanation(claim, window(connection(store)))


@dataclass(frozen=True, slots=True)
class Overview:
    """Counts over the stored claims."""

    claims: int
    reports: int
    unattributed: int          # TRANSFER reports without supplier or recipient: in no claim
    contradicted: int
    by_status: dict[str, int]


def overview(store) -> Overview:
    """How many claims, reports, unattributed reports and contradicted claims the store holds."""
    db = _db(store)
    claims = sql.load_claims(db)
    return Overview(len(claims), sum(len(c.reports) for c in claims), len(sql.unattributed(db)),
                    sum(c.contradicted for c in claims), dict(Counter(c.status or "unknown" for c in claims)))


# ---- review -----------------------------------------------------------------------------
def _resolve_value(field: str, value: str) -> dict:
    """Check a corrected value against the knowledge base; returns its display details."""
    from ..resolve.kb import load_kb, load_taxonomy

    if field == "item" and value.startswith("cat:"):
        taxonomy = load_taxonomy()
        if value[4:] not in taxonomy:
            raise NotFound(f"unknown category {value[4:]!r}; use a kind from data/kb/taxonomy.yaml, "
                           "e.g. cat:ballistic missile")
        return {"broad": taxonomy[value[4:]]}
    entity = load_kb().get(value)
    if field == "item":
        if entity is None or entity.kind != "weapon":
            raise NotFound(f"no weapon {value!r} in the knowledge base; find its id with: armstrack kb search NAME")
        return {"name": entity.name, "category": entity.category, "broad": entity.broad}
    if entity is None or not entity.is_actor:
        raise NotFound(f"no actor {value!r} in the knowledge base; find its id with: armstrack kb search NAME")
    return {"name": entity.name}


def _target(store, target: str) -> tuple[Claim | None, set[tuple[str, str]]]:
    """The claim a review targets (or None for a report) and the pairs it currently touches."""
    if target.startswith("cl-"):
        claim = get_claim(store, target)
        return claim, {claim.pair}
    event = store.event(target)
    if event.type != "TRANSFER":
        raise ArmstrackError(f"{target} is a {event.type} event; reviews apply to TRANSFER reports and claims")
    pairs = {c.pair for c in [claim_for_event(store, target)] if c}
    machine = ((event.data.get("supplier") or {}).get("id"), (event.data.get("recipient") or {}).get("id"))
    return None, pairs | {machine}


def _review(store, action: ReviewAction, target: str, *, by: str, why: str, field: str | None = None,
            value: str | None = None, other: str | None = None) -> Correction:
    if not by or not why:
        raise ArmstrackError("a review needs --by NAME and --why TEXT")
    claim, pairs = _target(store, target)
    correction = Correction(0, action, target, by, why, now(), field=field, value=value, other=other,
                            anchor=claim.anchor if claim else None,
                            events=tuple(r.event_id for r in claim.reports) if claim and field else ())
    detail = _resolve_value(field, value) if field else {}
    if field in ("supplier", "recipient"):
        moved = {(value, p[1]) if field == "supplier" else (p[0], value) for p in pairs}
        pairs |= moved
    if other:
        other_claim, other_pairs = _target(store, other)
        if other_claim is None:
            raise ArmstrackError("merge takes two claim ids (cl-...); split a report out with: armstrack review split")
        correction = Correction(0, action, target, by, why, correction.at, other=other,
                                anchor=correction.anchor, other_anchor=other_claim.anchor)
        pairs |= other_pairs
    db = _db(store)
    with db:
        correction = store_review(db, correction, detail)
    update_pairs(store, pairs)
    return correction


def accept(store, target: str, *, by: str, why: str) -> Correction:
    """Mark a report (event id) or a claim (claim id) as checked and right."""
    return _review(store, ReviewAction.ACCEPT, target, by=by, why=why)


def reject(store, target: str, *, by: str, why: str) -> Correction:
    """Reject a report (dropped from every claim) or a claim (hidden from listings and exports)."""
    return _review(store, ReviewAction.REJECT, target, by=by, why=why)


def correct(store, target: str, *, field: str, value: str, by: str, why: str) -> Correction:
    """Correct the supplier, recipient or item (weapon id or "cat:<category>") of a report or claim."""
    return _review(store, ReviewAction.CORRECT, target, by=by, why=why, field=validate_field(field), value=value)


def split(store, event_id: str, *, by: str, why: str) -> Correction:
    """Take a report out of its claim into a claim of its own."""
    if event_id.startswith("cl-"):
        raise ArmstrackError("split takes a report's event id (ev-...); list them with: armstrack claim ID")
    return _review(store, ReviewAction.SPLIT, event_id, by=by, why=why)


def merge(store, claim_id: str, other_id: str, *, by: str, why: str) -> Correction:
    """Merge claim `other_id` into claim `claim_id`, which keeps its id."""
    if not claim_id.startswith("cl-") or claim_id == other_id:
        raise ArmstrackError("merge takes two different claim ids (cl-...)")
    return _review(store, ReviewAction.MERGE, claim_id, by=by, why=why, other=other_id)


def reviews(store) -> list[tuple[Correction, bool]]:
    """Every analyst review, oldest first, and whether it still applies to stored events."""
    return review_status(_db(store))
