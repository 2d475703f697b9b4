"""Actors and weapons as the claims see them: who supplies, receives and brokers what, and the
sanctions on an actor."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..claims.model import Claim
from ._db import PROVENANCE_COLUMNS, connection
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


def _counts(db) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}
    visible = "(review IS NULL OR review != 'rejected')"
    for column, slot in (("supplier", 0), ("recipient", 1)):
        for actor, n in db.execute(f"SELECT {column}, COUNT(*) FROM claims WHERE {visible} GROUP BY {column}"):
            counts.setdefault(actor, [0, 0, 0])[slot] = n
    for (brokers,) in db.execute(f"SELECT brokers FROM claims WHERE brokers != ',' AND {visible}"):
        for broker in filter(None, (brokers or "").split(",")):
            counts.setdefault(broker, [0, 0, 0])[2] += 1
    return counts


def list_actors(store, *, q: str | None = None, kind: str | None = None,
                page: int = 1, per_page: int = 50) -> Page[ActorSummary]:
    """Actors that supply, receive or broker a claim, most involved first; `q` keeps those whose
    id or name contains it, `kind` one of ACTOR_KINDS."""
    if kind is not None and kind not in ACTOR_KINDS:
        from ..resolve.filters import FilterError

        raise FilterError(f"kind {kind!r}: choose one of {', '.join(ACTOR_KINDS)}")
    kb = _kb(None)
    items = []
    for actor, (supplies, receives, brokers) in _counts(_built(store)).items():
        name, actor_kind = _describe(kb, actor)
        if kind and actor_kind != kind:
            continue
        if q and q.casefold() not in actor.casefold() and q.casefold() not in name.casefold():
            continue
        items.append(ActorSummary(actor, name, actor_kind, supplies, receives, brokers))
    items.sort(key=lambda a: (-(a.supplies + a.receives + a.brokers), a.id))
    return paged(items, page, per_page)


def _claims(db, where: str, args: tuple, limit: int) -> list[Claim]:
    rows = db.execute(f"SELECT data FROM claims WHERE {where} AND (review IS NULL OR review != 'rejected')"
                      " ORDER BY last_reported IS NULL, last_reported DESC, id LIMIT ?", (*args, limit))
    return [Claim.from_dict(json.loads(r[0])) for r in rows]


def get_actor(store, actor_id: str, *, limit: int = 200) -> ActorView:
    """One actor by id (any case) or name: what it supplies, receives and brokers, and the
    sanctions on it."""
    kb = _kb(None)
    actor = resolve_actor(actor_id, "actor", kb=kb)
    db = _built(store)
    supplies, receives, brokers = _counts(db).get(actor, [0, 0, 0])
    name, kind = _describe(kb, actor)
    sanctions = [event_view(r) for r in db.execute(
        f"SELECT e.id, e.data, {PROVENANCE_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE e.type = 'SANCTION' AND e.id IN (SELECT event_id FROM roles WHERE role = 'target' AND entity_id = ?)"
        " ORDER BY a.published DESC, e.seq LIMIT ?", (actor, limit))]
    entity = kb.get(actor)
    return ActorView(ActorSummary(actor, name, kind, supplies, receives, brokers),
                     _claims(db, "supplier = ?", (actor,), limit), _claims(db, "recipient = ?", (actor,), limit),
                     _claims(db, "brokers LIKE ?", (f"%,{actor},%",), limit), sanctions,
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
    where = "(review IS NULL OR review != 'rejected')"
    args: list = []
    if kind:
        where += " AND (category = ? OR broad = ?)"
        args += [kind, kind]
    # one row per item: its other columns follow from the key (MAX picks that one value)
    rows = db.execute(f"SELECT item_key, MAX(item_id) AS item_id, MAX(category) AS category, MAX(broad) AS broad,"
                      " COUNT(*) AS n, group_concat(DISTINCT supplier) AS suppliers,"
                      f" group_concat(DISTINCT recipient) AS recipients FROM claims WHERE {where}"
                      " GROUP BY item_key", args)
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
