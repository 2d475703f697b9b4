"""Reading claims and reviewing them: the library calls the CLI wraps."""
from __future__ import annotations

from collections import Counter
import json
from dataclasses import dataclass

from ..errors import ArmstrackError, NotFound
from ..store import claims as stored
from . import db as claim_rows
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
    return claim_rows.load_claims(_db(store), supplier=supplier, recipient=recipient, status=status,
                                  weapon=weapon, since=since, include_rejected=include_rejected)


def get_claim(store, claim_id: str) -> Claim:
    """One claim by id; an id merged away (or replaced by a review) gives the claim that now
    holds its reports."""
    from .review import resolve_claim_id

    db = _db(store)
    found_id = resolve_claim_id(db, (claim_id or "").strip().lower())
    found = claim_rows.load_claims(db, claim_id=found_id) if found_id else []
    if not found:
        raise NotFound(f"no claim {claim_id!r}; list them with: armstrack claims")
    return found[0]


def claim_for_event(store, event_id: str) -> Claim | None:
    """The claim a TRANSFER event is a report of, if any."""
    ids = stored.claim_ids_for_event(_db(store), event_id)
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
        # a claim with only denials has no status: say so, not "status None" (issue 24)
        out.append(f"status {claim.status}:" if claim.status else "status unknown (no report asserts one):")
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
    claims = claim_rows.load_claims(db)
    return Overview(len(claims), sum(len(c.reports) for c in claims), len(stored.unattributed(db)),
                    sum(c.contradicted for c in claims), dict(Counter(c.status or "unknown" for c in claims)))


# ---- review -----------------------------------------------------------------------------
def _resolve_value(field: str, value: str) -> tuple[str, dict]:
    """A corrected value checked (actor and weapon names resolved through the knowledge base,
    in any case); returns the value to store and its display details."""
    from ..resolve import filters
    from ..resolve.kb import load_kb, load_taxonomy

    if value is None or not str(value).strip():
        raise ArmstrackError(f"correct {field}: give a value")
    value = str(value).strip()
    if field in ("supplier", "recipient", "broker"):
        actor = filters.resolve_actor(value, field)
        return actor, {"name": load_kb().get(actor).name if load_kb().get(actor) else None}
    if field == "item":
        key = filters.resolve_weapon(value, "item")
        if key.startswith("cat:"):
            return key, {"broad": load_taxonomy()[key[4:]]}
        entity = load_kb().get(key)
        return key, {"name": entity.name, "category": entity.category, "broad": entity.broad}
    if field == "status":
        return filters.check_status(value), {}
    if field == "stance":
        return filters.check_stance(value), {}
    if field == "quantity":
        from ..resolve.quantities import parse_quantity

        quantity = parse_quantity(value)
        if quantity is None:
            raise ArmstrackError(f"quantity {value!r}: not a number armstrack reads (try 12, dozens, at least 40)")
        return value, quantity.to_dict()
    raise ArmstrackError(f"cannot correct {field!r}")


def _target(store, target: str) -> tuple[Claim | None, set[tuple[str, str]]]:
    """The claim a review targets (or None for a report) and the pairs it currently touches."""
    if target.startswith("cl-"):
        claim = get_claim(store, target)
        return claim, {claim.pair}
    event = store.event(target)
    if event.type != "TRANSFER":
        raise ArmstrackError(f"{target} is a {event.type} event; reviews apply to TRANSFER reports and claims")
    pairs = {c.pair for c in [claim_for_event(store, target)] if c}
    return None, pairs | {_machine_pair(event.data)}


def _machine_pair(data: dict) -> tuple[str | None, str | None]:
    side = lambda role: (data.get(role) or {}).get("state") or (data.get(role) or {}).get("id")  # noqa: E731
    return side("supplier"), side("recipient")


def _review(store, action: ReviewAction, target: str, *, by: str, why: str, field: str | None = None,
            value: str | None = None, other: str | None = None, force: bool = False) -> Correction:
    if not (by or "").strip() or not (why or "").strip():
        raise ArmstrackError("a review needs --by NAME and --why TEXT")
    target = target.strip().lower()
    claim, pairs = _target(store, target)
    if claim is not None:
        target = claim.id  # a merged-away id reviews the claim it now lives in
    detail = {}
    if field:
        value, detail = _resolve_value(field, value)
    correction = Correction(0, action, target, by, why, now(), field=field, value=value, other=other,
                            anchor=claim.anchor if claim else None,
                            events=tuple(r.event_id for r in claim.reports) if claim and field else ())
    if field in ("supplier", "recipient"):
        moved = {(value, p[1]) if field == "supplier" else (p[0], value) for p in pairs}
        pairs |= moved
    other_claim = None
    if other:
        other_claim, other_pairs = _target(store, other.strip().lower())
        if other_claim is None:
            raise ArmstrackError("merge takes two claim ids (cl-...); split a report out with: armstrack review split")
        if other_claim.id == claim.id:
            raise ArmstrackError(f"{other} is already claim {claim.id}")
        if other_claim.pair != claim.pair and not force:
            # PAK->BGD JF-17 and ITA->BGD Eurofighter were merged without a word (issue 11)
            raise ArmstrackError(
                f"refusing to merge {other_claim.id} ({' -> '.join(other_claim.pair)}) into {claim.id} "
                f"({' -> '.join(claim.pair)}): different parties; pass --force (force=True) if they are one deal")
        correction = Correction(0, action, target, by, why, correction.at, other=other_claim.id,
                                anchor=correction.anchor, other_anchor=other_claim.anchor)
        pairs |= other_pairs
    db = _db(store)
    with db:
        correction = store_review(db, correction, detail)
    update_pairs(store, pairs)
    with db:
        for old in ([claim] if claim else []) + ([other_claim] if other_claim else []):
            _redirect(db, old, correction.id)
    return correction


def _redirect(db, old: Claim, review_id: int) -> None:
    """When a review made a claim id disappear, point it at the claim now holding its anchor."""
    from .review import add_redirect

    if stored.has_claim(db, old.id):
        return
    holders = stored.claim_ids_for_event(db, old.anchor)
    if holders:
        add_redirect(db, old.id, holders[0], review_id)


def accept(store, target: str, *, by: str, why: str) -> Correction:
    """Mark a report (event id) or a claim (claim id) as checked and right."""
    return _review(store, ReviewAction.ACCEPT, target, by=by, why=why)


def reject(store, target: str, *, by: str, why: str) -> Correction:
    """Reject a report (dropped from every claim) or a claim (hidden from listings and exports)."""
    return _review(store, ReviewAction.REJECT, target, by=by, why=why)


def correct(store, target: str, *, field: str, value: str, by: str, why: str) -> Correction:
    """Correct a report's or a claim's supplier, recipient or broker (actor id or name), item
    (weapon id or name, or "cat:<kind>"), quantity ("12", "dozens"), status or stance
    (assert / confirm / deny). On a claim, `status` overrides the derived status; the other
    fields are set on every report the claim holds."""
    return _review(store, ReviewAction.CORRECT, target, by=by, why=why, field=validate_field(field), value=value)


def set_status(store, target: str, status: str, *, by: str, why: str) -> Correction:
    """Set a report's status, or override a claim's derived status."""
    return correct(store, target, field="status", value=status, by=by, why=why)


def set_stance(store, target: str, stance: str, *, by: str, why: str) -> Correction:
    """Mark a report (or every report of a claim) as asserting, confirming or denying the transfer."""
    return correct(store, target, field="stance", value=stance, by=by, why=why)


def split(store, event_id: str, *, by: str, why: str) -> Correction:
    """Take a report out of its claim into a claim of its own."""
    if event_id.startswith("cl-"):
        raise ArmstrackError("split takes a report's event id (ev-...); list them with: armstrack claim ID")
    return _review(store, ReviewAction.SPLIT, event_id, by=by, why=why)


def merge(store, claim_id: str, other_id: str, *, by: str, why: str, force: bool = False) -> Correction:
    """Merge claim `other_id` into claim `claim_id`, which keeps its id; `other_id` then points
    to it. Claims of different supplier-recipient pairs are refused unless `force`."""
    if not claim_id.startswith("cl-") or not other_id.startswith("cl-") or claim_id == other_id:
        raise ArmstrackError("merge takes two different claim ids (cl-...)")
    return _review(store, ReviewAction.MERGE, claim_id, by=by, why=why, other=other_id, force=force)


def undo(store, audit_id: int | None = None, *, by: str, why: str = "undo") -> Correction:
    """Reverse the latest review still in force, or review `audit_id`: it stays in the audit log
    marked undone (who, when) and no longer applies; claims are recomputed without it.
    Returns the undo entry of the log."""
    from .review import load_reviews, mark_undone

    if not (by or "").strip():
        raise ArmstrackError("an undo needs --by NAME")
    db = _db(store)
    every = [c for c, _ in load_reviews(db, every=True)]
    if audit_id is None:
        live = [c for c in every if c.undone_at is None and c.action is not ReviewAction.UNDO]
        if not live:
            raise ArmstrackError("nothing to undo: no review is in force")
        undone = live[-1]
    else:
        undone = next((c for c in every if c.id == audit_id), None)
        if undone is None:
            raise NotFound(f"no review {audit_id}; list them with: armstrack review log")
        if undone.action is ReviewAction.UNDO:
            raise ArmstrackError(f"review {audit_id} is an undo; make the review again instead")
        if undone.undone_at:
            raise ArmstrackError(f"review {audit_id} was already undone by {undone.undone_by} on {undone.undone_at[:10]}")
    pairs = _pairs_of(store, undone)
    at = now()
    entry = Correction(0, ReviewAction.UNDO, undone.target, by, why, at, other=str(undone.id),
                       anchor=undone.anchor, other_anchor=undone.other_anchor, events=undone.events)
    with db:
        mark_undone(db, undone.id, by=by, at=at)
        entry = store_review(db, entry, {})
    update_pairs(store, pairs)
    return entry


def _pairs_of(store, correction: Correction) -> set[tuple[str, str]]:
    """Every supplier-recipient pair a review's events sit in now or sat in before it."""
    db = connection(store)
    events = {e for e in (correction.anchor, correction.other_anchor, *correction.events) if e}
    if not correction.on_claim:
        events.add(correction.target)
    pairs = set()
    for row in stored.event_rows(db, events):
        pairs.add(_machine_pair(json.loads(row["data"])))
        for claim_id in stored.claim_ids_for_event(db, row["id"]):
            pairs |= stored.pairs_of_claim(db, claim_id)
    if correction.field in ("supplier", "recipient"):
        pairs |= {(correction.value, p[1]) if correction.field == "supplier" else (p[0], correction.value)
                  for p in list(pairs)}
    return {p for p in pairs if None not in p}


def reviews(store) -> list[tuple[Correction, bool]]:
    """Every analyst review in force, oldest first, and whether it still applies to stored events."""
    return review_status(_db(store))


def review_log(store, *, target: str | None = None) -> list[Correction]:
    """The audit log: every review with who, when and why, undone ones and undos included;
    only those concerning `target` (a claim id, merged-away ids followed, or an event id)."""
    from .review import audit_log, resolve_claim_id

    db = _db(store)
    if target and target.startswith("cl-"):
        found = resolve_claim_id(db, target)
        claim = get_claim(store, found) if found else None
        return audit_log(store, claim=claim, target=target)
    return audit_log(store, target=target)
