"""Analyst review: accept, reject, correct, split and merge, stored apart from machine output.

Reviews live in the `claim_reviews` table with who, when and why, keyed by stable ids: event
ids ("ev-...") for reports, and for claims the claim id plus its *anchor* event (the event the
claim id derives from), so a review still finds its claim after the id changes (a corrected
item gives a new key). They are applied on top of machine output every time claims are merged:

* report: reject drops it from every claim; accept marks it; correct overrides its supplier,
  recipient or item before merging; split puts it in a claim of its own;
* claim: reject or accept marks the claim; correct overrides the field on every report the
  claim had when it was corrected; merge joins two claims under the first one's id.

The latest review of a target wins (an accept after a reject restores the report). Nothing
machine-made overrides a review; a review whose target is gone (re-extraction dropped the
event) is reported as orphaned instead of silently ignored.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from ..errors import ArmstrackError
from ..store import reviews as stored
from ..store.base import connection
from ..store.reviews import redirected_to, resolve_claim_id  # noqa: F401 - claims' names for them
from .model import CORRECTABLE_FIELDS, Correction, Origin, OriginKind, Report, ReviewAction, Stance

Pair = tuple[str, str]


def now() -> str:
    """UTC now, ISO with microseconds: alerts compare these as text."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def store_review(db: sqlite3.Connection, correction: Correction, detail: dict) -> Correction:
    """Insert a review row; returns the Correction with its id."""
    review_id = stored.add_review(
        db, (correction.at, correction.by, correction.why, str(correction.action), correction.target,
             correction.field, correction.value, correction.other, correction.anchor,
             correction.other_anchor, json.dumps(list(correction.events)), json.dumps(detail)))
    return replace(correction, id=review_id)


def _correction(row: sqlite3.Row) -> Correction:
    return Correction(id=row["id"], action=ReviewAction(row["action"]), target=row["target"],
                      by=row["by"], why=row["why"], at=row["at"], field=row["field"],
                      value=row["value"], other=row["other"], anchor=row["anchor"],
                      other_anchor=row["other_anchor"], events=tuple(json.loads(row["events"] or "[]")),
                      undone_at=row["undone_at"], undone_by=row["undone_by"])


def load_reviews(db: sqlite3.Connection, *, every: bool = False) -> list[tuple[Correction, dict]]:
    """The reviews that apply, in the order they were made, with their detail (display names of
    corrected values); `every` adds undone reviews and the undo entries (the audit log)."""
    return [(_correction(row), json.loads(row["detail"] or "{}")) for row in stored.review_rows(db, every=every)]


def mark_undone(db: sqlite3.Connection, review_id: int, *, by: str, at: str) -> None:
    """Mark a review undone: it stays in the audit log, and the claim ids it moved no longer move."""
    stored.mark_undone(db, review_id, by=by, at=at)


# ---- claim ids that moved ----------------------------------------------------------------
def add_redirect(db: sqlite3.Connection, old_id: str, new_id: str, review_id: int | None) -> None:
    """Remember that claim `old_id` now lives on as `new_id` (merged into it, or re-keyed)."""
    if old_id != new_id:
        stored.add_redirect(db, old_id, new_id, review_id, now())


def audit_log(store, *, claim=None, target: str | None = None) -> list[Correction]:
    """Every review made, undone ones and undo entries included, oldest first; only those that
    concern `claim` (a Claim: its id, the ids merged into it, its reports) or `target`."""
    db = connection(store)
    rows = [c for c, _ in load_reviews(db, every=True)]
    if claim is None and target is None:
        return rows
    wanted = set()
    if claim is not None:
        wanted |= {claim.id, claim.anchor, *redirected_to(db, claim.id), *(r.event_id for r in claim.reports)}
    if target:
        wanted.add(target)
    return [c for c in rows if {c.target, c.anchor, c.other, c.other_anchor, *c.events} & wanted]


@dataclass
class Overrides:
    """All reviews, arranged for applying them while merging."""

    fields: dict[str, dict[str, tuple[str, dict, Correction]]] = field(default_factory=dict)
    rejected: dict[str, Correction] = field(default_factory=dict)    # event id -> review
    accepted: dict[str, Correction] = field(default_factory=dict)
    split: dict[str, Correction] = field(default_factory=dict)
    claim_marks: dict[str, tuple[str, Correction]] = field(default_factory=dict)  # anchor -> mark
    claim_status: dict[str, tuple[str, Correction]] = field(default_factory=dict)  # anchor -> status
    merges: list[Correction] = field(default_factory=list)
    reviews: list[Correction] = field(default_factory=list)
    moved: dict[str, tuple[Pair | None, Pair]] = field(default_factory=dict)  # event -> machine, effective

    @classmethod
    def build(cls, reviews: list[tuple[Correction, dict]]) -> "Overrides":
        """Arrange reviews in the order made, so the latest review of a target wins."""
        out = cls()
        for correction, detail in reviews:
            out.reviews.append(correction)
            action = correction.action
            if action is ReviewAction.MERGE:
                out.merges.append(correction)
            elif action is ReviewAction.CORRECT and correction.on_claim and correction.field == "status":
                # a claim's status is derived; the analyst's word overrides the derivation
                out.claim_status[correction.anchor] = (correction.value, correction)
            elif action is ReviewAction.CORRECT:
                targets = correction.events if correction.on_claim else (correction.target,)
                for event_id in targets:
                    out.fields.setdefault(event_id, {})[correction.field] = (correction.value, detail, correction)
            elif correction.on_claim:
                out.claim_marks[correction.anchor] = ("accepted" if action is ReviewAction.ACCEPT
                                                      else "rejected", correction)
            elif action is ReviewAction.SPLIT:
                out.split[correction.target] = correction
            else:
                mine, other = ((out.accepted, out.rejected) if action is ReviewAction.ACCEPT
                               else (out.rejected, out.accepted))
                mine[correction.target] = correction
                other.pop(correction.target, None)
        return out

    def apply(self, report: Report) -> Report:
        """The report with its analyst corrections and marks applied."""
        changes: dict = {}
        notes = []
        for name, (value, detail, correction) in self.fields.get(report.event_id, {}).items():
            if name == "item":
                if value.startswith("cat:"):
                    changes.update(item_id=None, item_name=None, category=value[4:], broad=detail.get("broad"))
                else:
                    changes.update(item_id=value, item_name=detail.get("name"),
                                   category=detail.get("category"), broad=detail.get("broad"))
            elif name == "broker":
                changes["brokers"] = (value,)
            elif name == "quantity":
                changes.update(quantity=detail.get("text", value), quantity_min=detail.get("min"),
                               quantity_max=detail.get("max"))
            elif name == "status":
                changes["status"] = value
            elif name == "stance":
                changes.update(restance(replace(report, **changes), Stance(value)))
            else:
                changes[name] = value
                changes[f"{name}_name"] = detail.get("name")
            notes.append(f"{name}={value} (review {correction.id} by {correction.by})")
        if report.event_id in self.accepted:
            changes["review"] = "accepted"
        if notes:
            changes["corrected"] = tuple(notes)
        return replace(report, **changes) if changes else report

    def corrected_pair(self, event_id: str, machine: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
        """An event's supplier-recipient pair after corrections."""
        fields_ = self.fields.get(event_id, {})
        supplier = fields_["supplier"][0] if "supplier" in fields_ else machine[0]
        recipient = fields_["recipient"][0] if "recipient" in fields_ else machine[1]
        return supplier, recipient

    def moved_into(self, pair: Pair) -> list[str]:
        """Events an analyst moved into `pair` from another (or from no pair at all)."""
        return [e for e, (machine, effective) in self.moved.items() if effective == pair and machine != pair]


def restance(report: Report, stance: Stance) -> dict:
    """The fields a report changes when an analyst says it confirms, denies or just asserts the
    transfer: its stance, certainty and origin (a confirmation or denial with no government named
    keeps the report's origin, weighed as an official one)."""
    from .origins import origin_of

    if stance is report.stance:
        return {}
    confirmed = report.confirmed_by if stance is Stance.CONFIRM else ()
    denied = report.denied_by if stance is Stance.DENY else ()
    base = origin_of(stance=Stance.ASSERT, sources=report.sources, confirmed_by=(), denied_by=(),
                     outlet=report.outlet, article_id=report.article_id)
    if stance is Stance.ASSERT:
        origin = base
    elif confirmed or denied:
        origin = origin_of(stance=stance, sources=report.sources, confirmed_by=confirmed, denied_by=denied,
                           outlet=report.outlet, article_id=report.article_id)
    else:
        kind = OriginKind.CONFIRMATION if stance is Stance.CONFIRM else OriginKind.DENIAL
        origin = Origin(base.key, f"{base.label} ({kind}, per analyst)", kind)
    certainty = {Stance.CONFIRM: "confirmed", Stance.DENY: "denied"}.get(stance, report.certainty)
    if stance is Stance.ASSERT and report.certainty in ("confirmed", "denied"):
        certainty = "attributed" if report.sources else "asserted"
    return {"stance": stance, "origin": origin, "certainty": certainty,
            "confirmed_by": confirmed, "denied_by": denied}


def validate_field(field_name: str | None) -> str:
    """The field name, if analysts may correct it (supplier, recipient, item)."""
    if field_name not in CORRECTABLE_FIELDS:
        raise ArmstrackError(f"cannot correct {field_name!r}; correct one of: {', '.join(CORRECTABLE_FIELDS)}")
    return field_name
