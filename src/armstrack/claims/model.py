"""Frozen records of the claims stage: Report -> Claim, with StatusChange, Link and Correction.

Each record has one `to_dict`/`from_dict` pair: `to_dict` feeds JSON, CSV and the `claims.data`
column, `from_dict` reads that column back.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from ..records import Provenance


def _shallow(record: Any) -> dict[str, Any]:
    """A slotted dataclass as a plain dict, one level deep (asdict's deep copy is slow here)."""
    return {name: getattr(record, name) for name in record.__slots__}


class Stance(StrEnum):
    """What a report does with the transfer: states it, officially confirms it, or denies it."""

    ASSERT = "assert"
    CONFIRM = "confirm"
    DENY = "deny"


class OriginKind(StrEnum):
    """Who a report's information comes from; sets its weight in the confidence score."""

    CONFIRMATION = "official confirmation"   # a government confirms (certainty.confirmed_by)
    DENIAL = "official denial"               # a party denies (certainty.denied_by)
    AGENCY = "cited news organisation"       # a cited wire or newspaper ("Reuters reported")
    NAMED = "named source"                   # a named official or body ("the Pentagon said")
    OUTLET = "outlet"                        # the outlet in its own voice
    UNNAMED = "unnamed source"               # only unnamed sources ("three unnamed sources")


class ReviewAction(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    CORRECT = "correct"
    SPLIT = "split"
    MERGE = "merge"
    UNDO = "undo"


# what `review correct` may set on a report or a claim (a claim's status overrides the derived
# one; its other fields are set on every report it holds)
CORRECTABLE_FIELDS = ("supplier", "recipient", "broker", "item", "quantity", "status", "stance")


@dataclass(frozen=True, slots=True)
class Origin:
    """The independent origin of a report: ten reprints of one Reuters story share one key."""

    key: str                      # "agency:Reuters", "official:USA", "named:the pentagon", "outlet:Al Arabiya"
    label: str                    # for people: "Reuters", "USA (official confirmation)"
    kind: OriginKind


@dataclass(frozen=True, slots=True)
class Report:
    """One TRANSFER event as a report under a claim: who said what, when, and how sure."""

    event_id: str
    article_id: str
    outlet: str | None
    report_date: str | None       # the article's publication date
    origin: Origin
    stance: Stance
    certainty: str                # the event's certainty level
    status: str | None            # the status this report asserts (or denies)
    supplier: str
    recipient: str
    item_id: str | None           # weapon id, None for a category-only report
    category: str | None
    item_name: str | None = None
    broad: str | None = None
    supplier_name: str | None = None
    recipient_name: str | None = None
    supplier_party: str | None = None   # the firm or service named for the supplier (parties.py)
    recipient_party: str | None = None
    supplier_party_id: str | None = None  # the firm's id, when the party is a firm
    recipient_party_id: str | None = None
    brokers: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    confirmed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    event_date: str | None = None       # when the transfer itself happened, if the text says
    reported_on: str | None = None      # when the cited origin reported it, if the text says
    confirmed_on: str | None = None     # when it was officially confirmed
    quantity: str | None = None
    quantity_min: float | None = None
    quantity_max: float | None = None
    evidence: str = ""
    rule: str = ""                      # why it belongs to its claim (set when merged)
    review: str | None = None           # "accepted" when an analyst accepted this report
    corrected: tuple[str, ...] = ()     # "recipient=HOUTHIS (review 3 by ana)"
    order: int = field(default=0, compare=False)  # ingestion order: picks the claim's anchor
    title: str | None = None            # provenance: the article's title, URL, source file and
    url: str | None = None              # when armstrack stored it
    source: str | None = None
    ingested: str | None = None

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.article_id, self.source, self.url, self.title, self.outlet,
                          self.report_date, self.ingested)

    @property
    def item_key(self) -> str:
        """The merge key of the item: the weapon id, or "cat:<category>" when only that is known."""
        return self.item_id or f"cat:{self.category or 'unknown'}"

    @property
    def date_key(self) -> str:
        return self.report_date or "9999-12-31"  # undated reports sort last

    def to_dict(self) -> dict[str, Any]:
        out = _shallow(self)
        del out["origin"], out["order"]
        out["origin"] = self.origin.label
        out["origin_key"] = self.origin.key
        out["origin_kind"] = str(self.origin.kind)
        out["stance"] = str(self.stance)
        for name in ("brokers", "hedges", "sources", "confirmed_by", "denied_by", "corrected"):
            out[name] = list(out[name])
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Report":
        data = dict(data)
        origin = Origin(data.pop("origin_key"), data.pop("origin"), OriginKind(data.pop("origin_kind")))
        data["stance"] = Stance(data["stance"])
        for name in ("brokers", "hedges", "sources", "confirmed_by", "denied_by", "corrected"):
            data[name] = tuple(data.get(name) or ())
        return cls(origin=origin, **{k: v for k, v in data.items() if k in _REPORT_FIELDS})


_REPORT_FIELDS = {f.name for f in fields(Report)}


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One step of a claim's timeline: a report, and the claim's status after it."""

    date: str | None              # the report date
    status: str | None            # the claim's status after this report
    reported: str | None          # the status the report asserted (or denied)
    stance: Stance
    by: str                       # "confirmed by USA", "denied by IRN", "Reuters"
    origin: str                   # the origin key
    event_id: str
    changed: bool                 # whether this report set the status
    confirmed_on: str | None = None
    event_date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = _shallow(self)
        out["stance"] = str(self.stance)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "StatusChange":
        return cls(**{**data, "stance": Stance(data["stance"])})


@dataclass(frozen=True, slots=True)
class Link:
    """A MEETING, SANCTION, STATEMENT or ATTACK event tied to a claim, and the rule that tied it."""

    event_id: str
    type: str
    article_id: str
    date: str | None              # the event's own date if known, else its report date
    rule: str
    summary: str = ""

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Link":
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Contribution:
    """One independent origin's part in a claim's confidence score."""

    origin: str                   # the origin key
    label: str
    kind: str
    stance: Stance                # the origin's latest stance
    weight: float                 # + for support, - for a standing denial
    reports: int

    def to_dict(self) -> dict[str, Any]:
        out = _shallow(self)
        out["stance"] = str(self.stance)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Contribution":
        return cls(**{**data, "stance": Stance(data["stance"])})


@dataclass(frozen=True, slots=True)
class Correction:
    """An analyst's review, stored apart from machine output and applied on top of it."""

    id: int
    action: ReviewAction
    target: str                   # an event id ("ev-...") or a claim id ("cl-...")
    by: str
    why: str
    at: str
    field: str | None = None      # correct: supplier | recipient | item
    value: str | None = None
    other: str | None = None      # merge: the claim merged into `target`
    anchor: str | None = None     # claim reviews: the claim's anchor event, to find it again
    other_anchor: str | None = None
    events: tuple[str, ...] = ()  # claim corrections: the claim's reports when it was corrected
    undone_at: str | None = None  # set when `undo` reversed it: it stays in the log, no longer applied
    undone_by: str | None = None

    @property
    def on_claim(self) -> bool:
        return self.target.startswith("cl-")

    def describe(self) -> str:
        what = {ReviewAction.CORRECT: f"correct {self.field} to {self.value}",
                ReviewAction.MERGE: f"merge {self.other} into it",
                ReviewAction.UNDO: f"undo review {self.other}"}.get(self.action, str(self.action))
        undone = f" [undone by {self.undone_by} on {self.undone_at[:10]}]" if self.undone_at else ""
        return f"review {self.id} by {self.by} on {self.at[:10]}: {what} ({self.why}){undone}"

    def to_dict(self) -> dict[str, Any]:
        out = _shallow(self)
        out["action"] = str(self.action)
        out["events"] = list(self.events)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Correction":
        return cls(**{**data, "action": ReviewAction(data["action"]), "events": tuple(data.get("events") or ())})


@dataclass(frozen=True, slots=True)
class Claim:
    """One transfer as reported across articles: its reports, derived status, history and links."""

    id: str
    supplier: str
    recipient: str
    item_key: str                 # weapon id, or "cat:<category>"
    item_id: str | None
    item_name: str | None
    category: str | None
    status: str | None
    contradicted: bool            # both support (confirm/assert) and denial exist
    confidence: float
    grade: str                    # NATO Admiralty code: reliability A-F + credibility 1-6
    corroboration: int            # independent origins that support it
    denials: int                  # independent origins whose latest word is a denial
    first_reported: str | None
    last_reported: str | None
    reports: tuple[Report, ...]
    history: tuple[StatusChange, ...] = ()
    links: tuple[Link, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    anchor: str = ""              # the event id the claim id derives from (first ingested report)
    supplier_name: str | None = None
    recipient_name: str | None = None
    broad: str | None = None
    brokers: tuple[str, ...] = ()
    event_date: str | None = None     # the latest event date a report states
    confirmed_on: str | None = None   # the first official confirmation date
    review: str | None = None         # "accepted" / "rejected" by an analyst
    reviews: tuple[str, ...] = ()     # descriptions of the reviews applied to it
    supplier_parties: tuple[str, ...] = ()   # the firms or services its reports name for a side
    recipient_parties: tuple[str, ...] = ()
    supplier_party_ids: tuple[str, ...] = ()  # the ids of those that are firms (a filter finds them)
    recipient_party_ids: tuple[str, ...] = ()

    @property
    def pair(self) -> tuple[str, str]:
        return self.supplier, self.recipient

    def with_(self, **changes: Any) -> "Claim":
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        out = _shallow(self)
        out["reports"] = [r.to_dict() for r in self.reports]
        out["history"] = [h.to_dict() for h in self.history]
        out["links"] = [link.to_dict() for link in self.links]
        out["contributions"] = [c.to_dict() for c in self.contributions]
        out["brokers"] = list(self.brokers)
        out["reviews"] = list(self.reviews)
        for name in ("supplier_parties", "recipient_parties", "supplier_party_ids", "recipient_party_ids"):
            out[name] = list(getattr(self, name))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Claim":
        return cls(**{
            **data,
            "reports": tuple(Report.from_dict(r) for r in data["reports"]),
            "history": tuple(StatusChange.from_dict(h) for h in data["history"]),
            "links": tuple(Link.from_dict(link) for link in data["links"]),
            "contributions": tuple(Contribution.from_dict(c) for c in data["contributions"]),
            "brokers": tuple(data.get("brokers") or ()),
            "reviews": tuple(data.get("reviews") or ()),
            **{name: tuple(data.get(name) or ()) for name in
               ("supplier_parties", "recipient_parties", "supplier_party_ids", "recipient_party_ids")},
        })


@dataclass(frozen=True, slots=True)
class Alert:
    """One change worth telling an analyst about, as recorded when claims were updated."""

    at: str                       # when armstrack noticed it (UTC, ISO)
    kind: str                     # new_claim | new_pair (a new claim of a new pair) | status_change |
    #                               contradiction | confidence_change | new_origin
    claim_id: str
    supplier: str
    recipient: str
    item: str | None
    status: str | None
    previous: str | None = None   # status_change: the status before
    report_date: str | None = None  # the news date of the change (see alerts.py)
    confidence: float | None = None
    previous_confidence: float | None = None  # confidence_change: the score before
    origin: str | None = None     # new_origin: the independent origin that joined

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    def describe(self) -> str:
        what = {"new_claim": "new claim", "status_change": f"status {self.previous} -> {self.status}",
                "new_pair": "new claim of a new supplier-recipient pair", "contradiction": "now contradicted",
                "confidence_change": f"confidence {self.previous_confidence} -> {self.confidence}",
                "new_origin": f"new origin {self.origin}"}[self.kind]
        return f"{self.report_date or 'undated':10}  {self.kind:17}  {self.claim_id}  {self.supplier} -> {self.recipient}  {self.item or ''}: {what}"
