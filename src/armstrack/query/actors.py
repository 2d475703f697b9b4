"""Actors and weapons as the claims see them: who supplies, receives and brokers what, and the
sanctions on an actor."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..claims.model import Claim
from ..store import search as stored
from .articles import StoredEventView, event_view
from .claims import _built
from ..resolve.filters import _kb, check_category, resolve_actor
from .page import Page, paged

ACTOR_KINDS = ("state", "organisation", "armed_group", "company")


def _describe(kb, actor_id: str) -> tuple[str, str]:
    entity = kb.get(actor_id)
    return (entity.name, entity.kind) if entity else (actor_id, "actor")


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """One actor in a listing: how many claims it supplies, receives and brokers."""

    id: str
    name: str
    kind: str                     # state | organisation | armed_group | company | actor (not in the base)
    supplies: int = 0
    receives: int = 0
    brokers: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class ActorView:
    """One actor: the claims it supplies, receives and brokers (up to `limit` each, newest
    first, with the totals), and the SANCTION events that target it."""

    summary: ActorSummary
    supplies: list[Claim] = field(default_factory=list)
    receives: list[Claim] = field(default_factory=list)
    brokers: list[Claim] = field(default_factory=list)
    sanctions: list[StoredEventView] = field(default_factory=list)
    country: str | None = None
    backers: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.summary.id

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary.to_dict(), "country": self.country, "backers": list(self.backers),
                "supplies_claims": [c.to_dict() for c in self.supplies],
                "receives_claims": [c.to_dict() for c in self.receives],
                "brokers_claims": [c.to_dict() for c in self.brokers],
                "sanctions": [e.to_dict() for e in self.sanctions]}


def list_actors(store, *, q: str | None = None, kind: str | None = None,
                page: int = 1, per_page: int = 50) -> Page[ActorSummary]:
    """Actors that supply, receive or broker a claim, most involved first; `q` keeps those whose
    id or name contains it, `kind` one of ACTOR_KINDS."""
    if kind is not None and kind not in ACTOR_KINDS:
        from ..resolve.filters import FilterError

        raise FilterError(f"kind {kind!r}: choose one of {', '.join(ACTOR_KINDS)}")
    kb = _kb(None)
    items = []
    for actor, (supplies, receives, brokers) in stored.actor_counts(_built(store)).items():
        name, actor_kind = _describe(kb, actor)
        if kind and actor_kind != kind:
            continue
        if q and q.casefold() not in actor.casefold() and q.casefold() not in name.casefold():
            continue
        items.append(ActorSummary(actor, name, actor_kind, supplies, receives, brokers))
    items.sort(key=lambda a: (-(a.supplies + a.receives + a.brokers), a.id))
    return paged(items, page, per_page)


def _claims(db, role: str, actor: str, limit: int) -> list[Claim]:
    return [Claim.from_dict(json.loads(data)) for data in stored.actor_claims(db, role, actor, limit=limit)]


def get_actor(store, actor_id: str, *, limit: int = 200) -> ActorView:
    """One actor by id (any case) or name: what it supplies, receives and brokers, and the
    sanctions on it."""
    kb = _kb(None)
    actor = resolve_actor(actor_id, "actor", kb=kb)
    db = _built(store)
    supplies, receives, brokers = stored.actor_counts(db).get(actor, [0, 0, 0])
    name, kind = _describe(kb, actor)
    sanctions = [event_view(r) for r in stored.sanctions_on(db, actor, limit=limit)]
    entity = kb.get(actor)
    return ActorView(ActorSummary(actor, name, kind, supplies, receives, brokers),
                     _claims(db, "supplier", actor, limit), _claims(db, "recipient", actor, limit),
                     _claims(db, "broker", actor, limit), sanctions,
                     entity.country if entity else None, tuple(entity.backers) if entity else ())


@dataclass(frozen=True, slots=True)
class WeaponSummary:
    """One weapon system (or category, `cat:<kind>`) the claims are about."""

    key: str                      # weapon id, or "cat:<kind>"
    name: str
    category: str | None
    broad: str | None
    claims: int
    suppliers: tuple[str, ...]
    recipients: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        out = {name: getattr(self, name) for name in self.__slots__}
        out["suppliers"], out["recipients"] = list(self.suppliers), list(self.recipients)
        return out


def list_weapons(store, *, q: str | None = None, category: str | None = None,
                 page: int = 1, per_page: int = 50) -> Page[WeaponSummary]:
    """Weapon systems and categories with claims, most claimed first; `category` a kind or SIPRI
    category, `q` words in the id or name."""
    kind = check_category(category) if category else None
    db = _built(store)
    kb = _kb(None)
    rows = stored.weapon_rows(db, kind=kind)
    items = []
    for row in rows:
        entity = kb.get(row["item_id"])
        name = entity.name if entity else f"({row['category'] or row['item_key'][4:]})"
        if q and not all(w.casefold() in f"{row['item_key']} {name}".casefold() for w in q.split()):
            continue
        items.append(WeaponSummary(row["item_key"], name, row["category"], row["broad"], row["n"],
                                   tuple(sorted((row["suppliers"] or "").split(","))),
                                   tuple(sorted((row["recipients"] or "").split(",")))))
    items.sort(key=lambda w: (-w.claims, w.key))
    return paged(items, page, per_page)
