"""What a claim's reports add up to: status and its history, corroboration, confidence, grading.

**Status.** Reports are read in report-date order (then ingestion order). A report that is not a
denial sets the claim's status when

* it reports a halt: suspended, refused, seized or cancelled (a halt after other reports stops
  the claim where it was);
* the claim has no status yet, or is halted (a later report of any stage takes it up again);
* it reports a later stage (considered < requested < offered < negotiating < approved < agreed
  < delivering < delivered < used), so a later rumour of progress is not lost; or
* it is better sourced than the report the current status rests on (official confirmation >
  named source, agency or outlet > hedged or unnamed), so a later official confirmation of
  "agreed" outranks an earlier rumour of "delivered".

A denial never sets or erases a status; it is shown beside it, and the claim is *contradicted*
when it has both a denial and a confirming or asserting report. The history keeps every report:
its date, the status it asserted, the claim's status after it, who said it and whether it set
the status. The event date, report date and confirmation date stay separate fields.

**Confidence** in [0, 1], from independent origins (see `origins.py`). Each origin weighs

    w = 0.60  official confirmation
        0.35  cited news agency, or a named official or body
        0.25  the outlet in its own voice
        0.15  hedged ("reportedly") or only unnamed sources

(the best of its reports), and

    confidence = max(0.05, 1 - prod(1 - w) - 0.15 * standing_denials)

where a standing denial is an independent origin whose latest word is a denial (a government
that denied and later confirmed counts as confirming). `Claim.contributions` lists each origin's
part.

**NATO Admiralty grading** (reliability A-F, credibility 1-6), from the same origins:

    reliability  A  confirmed by the supplier's or recipient's government
                 B  confirmed by another government, or from a news agency or named official
                 C  an outlet in its own voice
                 D  only hedged or unnamed sourcing
                 E  never assigned by the machine (left to an analyst)
                 F  no supporting origin (only denials)
    credibility  1  two or more independent origins including an official confirmation, no denial
                 2  two or more independent origins, no denial
                 3  one origin and no denial, or contradicted with two or more origins
                 4  contradicted, one supporting origin
                 5  only denials
                 6  nothing to judge
"""
from __future__ import annotations

from collections.abc import Iterable

from ..records import Status
from .merge import Cluster
from .model import Claim, Contribution, OriginKind, Report, Stance, StatusChange
from .parties import parties

WEIGHTS = {OriginKind.CONFIRMATION: 0.60, OriginKind.AGENCY: 0.35, OriginKind.NAMED: 0.35,
           OriginKind.OUTLET: 0.25, OriginKind.UNNAMED: 0.15}
HEDGED_WEIGHT = 0.15
DENIAL_PENALTY = 0.15
FLOOR = 0.05


def _rank(status: str) -> int:
    return Status(status).rank


def _tier(report: Report) -> int:
    """How well sourced a report is: 3 official confirmation, 2 named/agency/outlet, 1 hedged/unnamed."""
    if report.stance is Stance.CONFIRM:
        return 3
    if report.certainty == "hedged" or report.origin.kind is OriginKind.UNNAMED:
        return 1
    return 2


def _by(report: Report) -> str:
    # an analyst may mark a report a confirmation or denial that names no government
    if report.stance is Stance.CONFIRM:
        return "confirmed by " + (", ".join(report.confirmed_by) or report.origin.label)
    if report.stance is Stance.DENY:
        return "denied by " + (", ".join(report.denied_by) or report.origin.label)
    return report.origin.label


def _sets_status(report: Report, current: str | None, current_tier: int) -> bool:
    if current is None or Status(report.status).halts or Status(current).halts:
        return True
    return _rank(report.status) > _rank(current) or _tier(report) > current_tier


def derive_history(reports: Iterable[Report]) -> tuple[str | None, tuple[StatusChange, ...]]:
    """The claim's current status and its timeline (rules in the module docstring)."""
    current, tier = None, 0
    history = []
    for report in sorted(reports, key=lambda r: (r.date_key, r.order, r.event_id)):
        changed = False
        if report.stance is not Stance.DENY and report.status:
            if _sets_status(report, current, tier):
                current, tier, changed = report.status, _tier(report), True
        history.append(StatusChange(report.report_date, current, report.status, report.stance,
                                    _by(report), report.origin.key, report.event_id, changed,
                                    report.confirmed_on, report.event_date))
    return current, tuple(history)


def report_weight(report: Report) -> float:
    """A supporting report's weight in the confidence score."""
    if report.stance is Stance.CONFIRM:
        return WEIGHTS[OriginKind.CONFIRMATION]
    if report.certainty == "hedged":
        return HEDGED_WEIGHT
    return WEIGHTS[report.origin.kind]


def contributions(reports: Iterable[Report]) -> tuple[Contribution, ...]:
    """One Contribution per independent origin: its latest stance and its weight."""
    by_origin: dict[str, list[Report]] = {}
    for report in sorted(reports, key=lambda r: (r.date_key, r.order, r.event_id)):
        by_origin.setdefault(report.origin.key, []).append(report)
    out = []
    for key, group in by_origin.items():
        latest = group[-1]
        if latest.stance is Stance.DENY:
            weight = -DENIAL_PENALTY
        else:
            weight = max(report_weight(r) for r in group if r.stance is not Stance.DENY)
        out.append(Contribution(key, latest.origin.label, str(latest.origin.kind), latest.stance,
                                weight, len(group)))
    return tuple(out)


def confidence(parts: Iterable[Contribution]) -> float:
    """1 - prod(1 - w) over supporting origins, minus 0.15 per standing denial, floored at 0.05."""
    doubt, denials = 1.0, 0
    for part in parts:
        if part.weight > 0:
            doubt *= 1 - part.weight
        else:
            denials += 1
    return round(max(FLOOR, 1 - doubt - DENIAL_PENALTY * denials), 2)


def grade(parts: tuple[Contribution, ...], supplier: str, recipient: str) -> str:
    """The NATO Admiralty code ("B2") for a claim's origins (rules in the module docstring)."""
    support = [p for p in parts if p.weight > 0]
    denied = any(p.weight < 0 for p in parts)
    kinds = {p.kind for p in support}
    if any(p.kind == OriginKind.CONFIRMATION and set(p.origin[len("official:"):].split("+")) & {supplier, recipient}
           for p in support):
        reliability = "A"
    elif kinds & {OriginKind.CONFIRMATION, OriginKind.AGENCY, OriginKind.NAMED}:
        reliability = "B"
    elif any(p.kind == OriginKind.OUTLET and p.weight > HEDGED_WEIGHT for p in support):
        reliability = "C"
    elif support:
        reliability = "D"
    else:
        reliability = "F"
    if not support:
        credibility = 5 if denied else 6
    elif not denied:
        confirmed = OriginKind.CONFIRMATION in kinds
        credibility = 1 if len(support) >= 2 and confirmed else 2 if len(support) >= 2 else 3
    else:
        credibility = 3 if len(support) >= 2 else 4
    return f"{reliability}{credibility}"


def make_claim(cluster: Cluster, *, review: str | None = None, reviews: tuple[str, ...] = ()) -> Claim:
    """Assemble a Claim from a merged cluster: status, history, scores and dates."""
    reports = tuple(cluster.reports)
    status, history = derive_history(reports)
    parts = contributions(reports)
    named = cluster.named()
    face = named or reports[0]
    stances = {r.stance for r in reports}
    return Claim(
        id=cluster.id, supplier=cluster.supplier, recipient=cluster.recipient,
        item_key=cluster.item_key, item_id=named.item_id if named else None,
        item_name=face.item_name if named else None, category=face.category, broad=face.broad,
        status=status, contradicted=Stance.DENY in stances and bool(stances - {Stance.DENY}),
        confidence=confidence(parts), grade=grade(parts, cluster.supplier, cluster.recipient),
        corroboration=sum(1 for p in parts if p.weight > 0),
        denials=sum(1 for p in parts if p.weight < 0),
        first_reported=cluster.first, last_reported=cluster.last, reports=reports, history=history,
        contributions=parts, anchor=cluster.anchor,
        supplier_name=next((r.supplier_name for r in reports if r.supplier_name), None),
        recipient_name=next((r.recipient_name for r in reports if r.recipient_name), None),
        brokers=tuple(sorted({b for r in reports for b in r.brokers})),
        event_date=max((r.event_date for r in reports if r.event_date), default=None),
        confirmed_on=min((r.confirmed_on for r in reports if r.confirmed_on), default=None),
        review=review, reviews=reviews,
        supplier_parties=parties(r.supplier_party for r in reports),
        recipient_parties=parties(r.recipient_party for r in reports),
        supplier_party_ids=parties(r.supplier_party_id for r in reports),
        recipient_party_ids=parties(r.recipient_party_id for r in reports),
    )
