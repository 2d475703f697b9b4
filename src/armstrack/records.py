"""Frozen records passed between stages: Article -> Event -> (later) Claim.

spaCy objects never leave `nlp/` and `extract/`; everything after sees only these types.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum
from functools import lru_cache
from typing import Any

from . import eventtypes


class EventType(str):
    """An event type's name, upper case. Open, not an enum: a type is whatever package registers
    it (`armstrack.eventtypes`), so `EventType("X")` accepts exactly the registered names. The
    built-in ones are constants here, for the code that treats them apart."""

    __slots__ = ()
    TRANSFER: "EventType"
    MEETING: "EventType"
    SANCTION: "EventType"
    ATTACK: "EventType"
    STATEMENT: "EventType"

    def __new__(cls, value: str) -> "EventType":
        if isinstance(value, EventType):
            return value
        if value not in _BUILTIN_TYPES and eventtypes.spec(value) is None:
            raise ValueError(f"{value!r} is not a valid EventType (known: {', '.join(eventtypes.names())})")
        return str.__new__(cls, value)

    @property
    def value(self) -> str:
        return str(self)

    @property
    def name(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"EventType.{str(self)}"


_BUILTIN_TYPES = ("TRANSFER", "MEETING", "SANCTION", "ATTACK", "STATEMENT")
for _name in _BUILTIN_TYPES:
    setattr(EventType, _name, str.__new__(EventType, _name))
del _name


class Status(StrEnum):
    """How far a transfer has gone. The stages run from idea to use; the halts (suspended,
    refused, seized, cancelled) stand apart: each stops a transfer at whatever stage it had
    reached, and a later report of progress takes it up again."""

    CONSIDERED = "considered"
    REQUESTED = "requested"
    OFFERED = "offered"          # a supplier's offer, made before any talks
    NEGOTIATING = "negotiating"
    APPROVED = "approved"        # a government approved or notified a possible sale
    AGREED = "agreed"
    DELIVERING = "delivering"
    DELIVERED = "delivered"
    USED = "used"
    SUSPENDED = "suspended"      # paused, halted, frozen, put on hold
    REFUSED = "refused"          # an export licence denied, a supplier declining
    SEIZED = "seized"            # a shipment intercepted or confiscated on its way
    CANCELLED = "cancelled"

    @property
    def rank(self) -> int:
        return _STATUS_ORDER.index(self)

    @property
    def halts(self) -> bool:
        """A halt, not a stage: suspended, refused, seized or cancelled."""
        return self in HALTS


_STATUS_ORDER = list(Status)
HALTS = frozenset({Status.SUSPENDED, Status.REFUSED, Status.SEIZED, Status.CANCELLED})
STAGES = tuple(s for s in Status if s not in HALTS)


class CertaintyLevel(StrEnum):
    ASSERTED = "asserted"        # the outlet states it in its own voice
    ATTRIBUTED = "attributed"    # the outlet cites a source, named or counted
    HEDGED = "hedged"            # "reportedly", "allegedly", "may have"
    CONFIRMED = "confirmed"      # an official party confirmed it
    DENIED = "denied"            # a party denied it


class Realis(StrEnum):
    """Whether the event happened, as the text tells it (ACE/ERE "realis")."""

    ACTUAL = "actual"            # it happened or is happening
    PLANNED = "planned"          # announced, scheduled, intended, offered: "will visit", "agreed to meet"
    POSSIBLE = "possible"        # threatened, demanded, conditional, modal: "threatened to shell"

    @property
    def rank(self) -> int:
        return list(Realis).index(self)


class StatementKind(StrEnum):
    CONFIRM = "confirm"
    DENY = "deny"
    WARN = "warn"
    ACCUSE = "accuse"


@dataclass(frozen=True, slots=True)
class Article:
    id: str                      # sha256 of the cleaned text: the same article twice is one article
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str = "en"
    source: str | None = None    # file path or "<stdin>" it came from

    def ref(self) -> dict[str, Any]:
        return {"id": self.id, "published": self.published.isoformat() if self.published else None,
                "outlet": self.outlet}


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record comes from: its article's source file or URL, title, outlet and dates.

    Every event, report and claim carries one (a claim one per report) in every output."""

    article_id: str
    source: str | None = None    # file path or "<stdin>"
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date the article gives
    ingested: str | None = None   # UTC time armstrack stored it

    @property
    def where(self) -> str:
        """The article's address as a person would look for it: URL, else file, else id."""
        return self.url or self.source or f"article {self.article_id}"

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "source": self.source, "url": self.url,
                "title": self.title, "outlet": self.outlet, "published": self.published,
                "ingested": self.ingested}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Provenance":
        return cls(**{k: data.get(k) for k in ("article_id", "source", "url", "title", "outlet",
                                                 "published", "ingested")})


@dataclass(frozen=True, slots=True)
class Filler:
    """One role filler: an actor, a weapon item or a place, with where it is written."""

    kind: str                    # "actor" | "item" | "place" | "text"
    text: str                    # as written in the article
    start: int                   # character offsets in the article text
    end: int
    id: str | None = None        # canonical id: ISO3, "HOUTHIS", weapon slug; None when unresolved
    name: str | None = None      # canonical display name
    category: str | None = None  # items: the fine kind ("anti-ship missile")
    broad: str | None = None     # items: SIPRI's broad category ("missiles")
    via: str | None = None       # how it was resolved: "kb", "metonym", "coref", "demonym", "ner",
    #                              "affiliation" (a person standing for the state or group of their title)
    state: str | None = None     # a company's state (its headquarters): claims pair it as that state

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "text": self.text}
        if self.kind == "item":
            out["category"] = self.category
            out["broad_category"] = self.broad
        if self.via and self.via not in ("kb",):
            out["via"] = self.via
        if self.state:
            out["state"] = self.state
        return out


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    min: float | None = None
    max: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "min": self.min, "max": self.max}


@dataclass(frozen=True, slots=True)
class Certainty:
    level: CertaintyLevel = CertaintyLevel.ASSERTED
    sources: tuple[str, ...] = ()        # "Reuters", "seven unnamed sources"
    confirmed_by: tuple[str, ...] = ()   # actor ids
    denied_by: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()         # "reportedly", "allegedly"
    confirmed_on: str | None = None      # ISO date of the confirmation, kept apart from the event date

    def to_dict(self) -> dict[str, Any]:
        return {"level": str(self.level), "sources": list(self.sources),
                "confirmed_by": list(self.confirmed_by), "denied_by": list(self.denied_by),
                "hedges": list(self.hedges), "confirmed_on": self.confirmed_on}


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence: str
    start: int                   # offsets of the sentence in the article text
    end: int


# Roles that hold several fillers; every other role holds at most one.
PLURAL_ROLES = frozenset({"participants", "imposers"})


@dataclass(frozen=True, slots=True)
class Event:
    type: EventType
    roles: dict[str, tuple[Filler, ...]]
    evidence: tuple[Evidence, ...]
    article: dict[str, Any] = field(default_factory=dict)
    status: Status | None = None         # TRANSFER only
    certainty: Certainty = field(default_factory=Certainty)
    quantity: Quantity | None = None
    when: str | None = None              # ISO date or partial date ("2024", "2022-02") of the event itself
    reported_on: str | None = None       # when the cited origin reported it, if the text says
    kind: StatementKind | None = None    # STATEMENT only
    count: str | None = None             # MEETING: "at least twice"
    negated: bool = False
    realis: Realis = Realis.ACTUAL
    main: bool = True                    # what its sentence reports, not a passing mention
    trigger: str | None = None
    reason: str | None = None            # SANCTION: why, as written ("in the wake of ...")
    measure: str | None = None           # SANCTION: "sanctions", "embargo", "expulsion", "aid suspension", ...
    covers: str | None = None            # SANCTION: what it restricts, as written ("arms", "oil sector")
    lifted: bool = False                 # SANCTION: lifted, eased, waived or suspended rather than imposed
    about: dict[str, Any] | None = None  # STATEMENT/SANCTION: the event it concerns, by its key roles
    ordered: Quantity | None = None      # TRANSFER: how many were agreed, beside `quantity` delivered ("ordered 14, delivered 6")

    def role(self, name: str) -> Filler | None:
        fillers = self.roles.get(name) or ()
        return fillers[0] if fillers else None

    def actor_ids(self) -> set[str]:
        return {f.id for fs in self.roles.values() for f in fs if f.kind == "actor" and f.id}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": str(self.type)}
        # what the type's package declares: roles written as lists, the payload it always
        # writes, the one-filler roles it also lists whole
        shape = eventtypes.spec(self.type)
        plural, payload, role_lists = ((shape.plural_roles, shape.payload, shape.role_lists) if shape
                                       else (frozenset(), (), ()))
        for name, fillers in self.roles.items():
            if name in PLURAL_ROLES or name in plural:
                out[name] = [f.to_dict() for f in fillers]
            elif fillers:
                out[name] = fillers[0].to_dict()
        if self.quantity or "quantity" in payload:
            out["quantity"] = self.quantity.to_dict() if self.quantity else None
        if self.ordered:
            out["ordered"] = self.ordered.to_dict()
        if self.status or "status" in payload:
            out["status"] = str(self.status) if self.status else None
        if self.kind:
            out["kind"] = str(self.kind)
        if self.count:
            out["count"] = self.count
        for role, key in role_lists:
            # a sanction often names several targets ("on Iran, Syria and North Korea"); `target`
            # stays the first for readers of the one-target contract
            if self.roles.get(role):
                out[key] = [f.to_dict() for f in self.roles[role]]
        if self.measure:
            out["measure"] = self.measure
        if self.covers:
            out["covers"] = self.covers
        if "lifted" in payload:
            out["lifted"] = self.lifted
        if self.reason:
            out["reason"] = self.reason
        if self.about:
            out["about"] = self.about
        out["realis"] = str(self.realis)
        out["focus"] = "main" if self.main else "background"
        out["certainty"] = self.certainty.to_dict()
        out["when"] = self.when
        out["reported_on"] = self.reported_on
        first = self.evidence[0] if self.evidence else None
        out["evidence"] = ({"sentence": first.sentence, "start": first.start, "end": first.end}
                           if first else None)
        if len(self.evidence) > 1:
            out["more_evidence"] = [{"sentence": e.sentence, "start": e.start, "end": e.end}
                                    for e in self.evidence[1:]]
        out["spans"] = [{"role": name, "start": f.start, "end": f.end}
                        for name, fillers in self.roles.items() for f in fillers if f.end > f.start]
        out["article"] = dict(self.article)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        """The Event `to_dict` wrote (a stored event's `data`), read back as a typed record.

        Role offsets come from `spans`, which lists the fillers in role order (fillers without
        offsets are not in it and read back as 0, 0)."""
        spans: dict[str, list[tuple[int, int]]] = {}
        for span in data.get("spans") or ():
            spans.setdefault(span["role"], []).append((span["start"], span["end"]))
        roles: dict[str, tuple[Filler, ...]] = {}
        shape = eventtypes.spec(data["type"])
        listed = dict(shape.role_lists) if shape else {}
        for name, value in data.items():
            if name in _NOT_ROLES or name in listed.values() or not isinstance(value, (dict, list)):
                continue
            if name in listed and data.get(listed[name]):
                value = data[listed[name]]
            values = value if isinstance(value, list) else [value]
            if not all(isinstance(v, dict) and "text" in v for v in values):
                continue
            offsets = iter(spans.get(name, ()))
            fillers = []
            for v in values:
                start, end = next(offsets, (0, 0))
                kind = "item" if "category" in v else "actor" if "id" in v and name not in _TEXT_ROLES else "text"
                fillers.append(Filler(kind=kind, text=v["text"], start=start, end=end, id=v.get("id"),
                                      name=v.get("name"), category=v.get("category"),
                                      broad=v.get("broad_category"), via=v.get("via"), state=v.get("state")))
            # a one-filler role keeps only its first filler in the contract; the others are still
            # spans (for highlighting), read back as fillers without text
            kind = fillers[0].kind if fillers else "text"
            fillers += [Filler(kind=kind, text="", start=s, end=e) for s, e in offsets]
            roles[name] = tuple(fillers)
        cert = data.get("certainty") or {}
        evidence = [data["evidence"]] if data.get("evidence") else []
        evidence += data.get("more_evidence") or []

        def quantity(value: dict | None) -> Quantity | None:
            return Quantity(value["text"], value.get("min"), value.get("max")) if value else None

        return cls(
            type=EventType(data["type"]), roles=roles,
            evidence=tuple(Evidence(e["sentence"], e["start"], e["end"]) for e in evidence),
            article=dict(data.get("article") or {}),
            status=Status(data["status"]) if data.get("status") else None,
            certainty=Certainty(level=CertaintyLevel(cert.get("level") or "asserted"),
                                sources=tuple(cert.get("sources") or ()),
                                confirmed_by=tuple(cert.get("confirmed_by") or ()),
                                denied_by=tuple(cert.get("denied_by") or ()),
                                hedges=tuple(cert.get("hedges") or ()), confirmed_on=cert.get("confirmed_on")),
            quantity=quantity(data.get("quantity")), ordered=quantity(data.get("ordered")),
            when=data.get("when"), reported_on=data.get("reported_on"),
            kind=StatementKind(data["kind"]) if data.get("kind") else None, count=data.get("count"),
            realis=Realis(data.get("realis") or "actual"), main=data.get("focus", "main") == "main",
            reason=data.get("reason"), measure=data.get("measure"), covers=data.get("covers"),
            lifted=bool(data.get("lifted")), about=data.get("about"))


# keys of the output contract that are not roles
_NOT_ROLES = frozenset({"type", "quantity", "ordered", "status", "kind", "count", "targets", "measure",
                        "covers", "lifted", "reason", "about", "realis", "focus", "certainty", "when",
                        "reported_on", "evidence", "more_evidence", "spans", "article", "id"})
# roles whose filler is a place or words, never an actor
_TEXT_ROLES = frozenset({"place"})


# ---- the storage codec ----------------------------------------------------------------------
# The JSON contract (`Event.to_dict`) is what users read: it names a one-filler role by its first
# filler and drops the rest to spans, leaves out how each filler was found, and `Event.from_dict`
# guesses filler kinds back. Storage needs the record itself, so the store keeps this encoding
# beside the contract: `decode(encode(e)) == e` for every Event. It is read from the dataclasses'
# own field types, so a field added to a record is stored with no change here.
STORAGE_VERSION = 1   # bumped when an encoding changes meaning; stored beside each record


def encode(event: Event) -> dict[str, Any]:
    """An Event as plain JSON values, every field kept."""
    return {"v": STORAGE_VERSION, "event": _dump(event)}


def decode(data: dict[str, Any]) -> Event:
    """The Event `encode` gave."""
    if data.get("v") != STORAGE_VERSION:
        raise ValueError(f"stored record version {data.get('v')!r}; this armstrack reads {STORAGE_VERSION}")
    return _load(Event, data["event"])


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return str(value)      # an open name (EventType) is its text
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _dump(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _load(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        real = [a for a in args if a is not type(None)]
        return _load(real[0], value) if len(real) == 1 else value
    if origin is tuple:
        item = args[0] if args else Any
        return tuple(_load(item, v) for v in value)
    if origin is list:
        return [_load(args[0] if args else Any, v) for v in value]
    if origin is dict:
        key, val = args if args else (Any, Any)
        return {k: _load(val, v) for k, v in value.items()}
    if tp is Any or tp is object:
        return value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{f.name: _load(hints[f.name], value[f.name])
                     for f in dataclasses.fields(tp) if f.name in value})
    if isinstance(tp, type) and issubclass(tp, (Enum, str)) and tp is not str:
        return tp(value)
    if isinstance(tp, type) and hasattr(tp, "fromisoformat"):
        return tp.fromisoformat(value)
    return value
