"""Queries the web layer needs that the query library (`armstrack.query`) does not offer yet.

TO MOVE to `armstrack.query`: each function here is a stand-in, written on what exists today
(`armstrack.claims`, `armstrack.store`), and `web.backend` prefers the query library's version
as soon as it exists. This is the only module of `web/` that reads SQL.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..claims import api as claims_api
from ..claims.build import connection
from ..claims.model import Claim
from ..errors import ArmstrackError, NotFound

T = TypeVar("T")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SORTS = ("last_reported", "first_reported", "confidence", "supplier", "recipient", "status", "id")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing (the query library's Page has the same fields)."""

    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def check_paging(page: int, per_page: int) -> None:
    if page < 1:
        raise ArmstrackError(f"page {page}: pages count from 1")
    if not 1 <= per_page <= 500:
        raise ArmstrackError(f"per_page {per_page}: give 1 to 500")


def check_date(name: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not _DATE.match(value):
        raise ArmstrackError(f"{name} {value!r}: give an ISO date (2024-09-25, 2024-09 or 2024)")
    return value


def _db(store):
    db = connection(store)
    if db is None:
        raise ArmstrackError("the web app needs a SQLite store")
    claims_api._db(store)  # builds claims once for an old store
    return db


class _Checks:
    """The query library's filter checks (names through the knowledge base, relative dates,
    suggestions) where it has them, else plain ones."""

    def __init__(self):
        try:
            from ..query import filters
        except ImportError:
            filters = None
        self.f = filters

    def actor(self, value, name):
        return self.f.resolve_actor(value, name) if self.f else value.strip().upper()

    def weapon(self, value):
        return self.f.resolve_weapon(value) if self.f else value.strip().lower()

    def status(self, value):
        return self.f.check_status(value) if self.f else value.strip().lower()

    def category(self, value):
        return self.f.check_category(value) if self.f else value.strip().lower()

    def since(self, value):
        return self.f.parse_since(value) if self.f else check_date("since", value)

    def until_before(self, value):
        """The bound `first_reported < bound` keeps claims reported up to `value` inclusive."""
        if self.f:
            return self.f.day_after(self.f.parse_until(value))
        return check_date("until", value) + "-99"


def _no_claim_rejected(db) -> bool:
    """Whether no analyst ever rejected a whole claim: then the listing needs no review filter,
    which would read every claim row (the review column is in no index)."""
    return db.execute("SELECT 1 FROM claim_reviews WHERE action = 'reject' AND target LIKE 'cl-%'"
                      " LIMIT 1").fetchone() is None


def list_claims(store, *, supplier=None, recipient=None, broker=None, weapon=None, category=None,
                status=None, since=None, until=None, q=None, include_rejected=False,
                sort="last_reported", order="desc", page=1, per_page=50) -> Page[Claim]:
    """A page of claims, filtered and sorted in SQL that the claims indexes serve.

    TO MOVE: `armstrack.query.list_claims` does the same, but sorts by `{sort} IS NULL` first,
    which no index serves: on 100,000 claims its first page took 0.6 s and page 500 4.3 s
    (bench/web.py). Here a descending sort walks the index (SQLite puts NULLs last in it) and
    the total skips the review filter when no claim was ever rejected."""
    check_paging(page, per_page)
    if sort not in SORTS:
        raise ArmstrackError(f"sort {sort!r}: sort by one of {', '.join(SORTS)}")
    if order not in ("asc", "desc"):
        raise ArmstrackError(f"order {order!r}: asc or desc")
    checks = _Checks()
    where, args = [], []
    for column, value in (("supplier", supplier), ("recipient", recipient)):
        if value:
            where.append(f"{column} = ?")
            args.append(checks.actor(value, column))
    if broker:
        where.append("brokers LIKE ?")
        args.append(f"%,{checks.actor(broker, 'broker')},%")
    if weapon:
        key = checks.weapon(weapon)
        if key.startswith("cat:"):  # a kind: the category claims and the systems of that kind
            where.append("(item_key = ? OR category = ?)")
            args += [key, key[4:]]
        else:
            where.append("(item_id = ? OR item_key = ?)")
            args += [key, key]
    if category:
        kind = checks.category(category)
        where.append("(category = ? OR broad = ?)")
        args += [kind, kind]
    if status:
        where.append("status = ?")
        args.append(checks.status(status))
    if since:
        where.append("last_reported >= ?")
        args.append(checks.since(since))
    if until:
        where.append("first_reported < ?")
        args.append(checks.until_before(until))
    for word in (q or "").split():
        where.append("(id LIKE ? OR supplier LIKE ? OR recipient LIKE ? OR item_key LIKE ? OR category LIKE ?"
                     " OR json_extract(data, '$.item_name') LIKE ? OR json_extract(data, '$.supplier_name') LIKE ?"
                     " OR json_extract(data, '$.recipient_name') LIKE ?)")
        args += [f"%{word}%"] * 8
    db = _db(store)
    if not include_rejected and not _no_claim_rejected(db):
        where.append("(review IS NULL OR review != 'rejected')")
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = db.execute("SELECT COUNT(*) FROM claims" + clause, args).fetchone()[0]
    direction = order.upper()
    # undated claims last either way: descending, the index already puts NULLs last
    nulls = f"{sort} IS NULL, " if order == "asc" and sort != "id" else ""
    tie = f", id {direction}" if sort != "id" else ""
    rows = db.execute(f"SELECT data FROM claims{clause} ORDER BY {nulls}{sort} {direction}{tie} LIMIT ? OFFSET ?",
                      (*args, per_page, (page - 1) * per_page))
    return Page([Claim.from_dict(json.loads(r[0])) for r in rows], total, page, per_page)


@dataclass(frozen=True, slots=True)
class ArticleHit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str | None
    url: str | None
    ingested_at: str | None
    snippet: str = ""


def list_articles(store, *, q=None, since=None, until=None, outlet=None, page=1, per_page=50) -> Page[ArticleHit]:
    """A page of articles, newest first; `q` searches their text (FTS5) with a snippet each."""
    check_paging(page, per_page)
    db = _db(store)
    where, args = [], []
    if check_date("since", since):
        where.append("a.published >= ?")
        args.append(since)
    if check_date("until", until):
        where.append("a.published <= ?")
        args.append(until + "-99")
    if outlet:
        where.append("a.outlet = ? COLLATE NOCASE")
        args.append(outlet)
    cols = "a.id, a.title, a.outlet, a.published, a.source, a.url, a.ingested_at"
    if q:
        # quoted terms: user text never reaches FTS5 as query syntax
        match = " ".join('"' + t.replace('"', '""') + '"' for t in q.split())
        base = ("FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ?"
                + "".join(" AND " + w for w in where))
        args = [match, *args]
        snippet = ", snippet(articles_fts, 1, '\x02', '\x03', ' … ', 12)"
    else:
        base = "FROM articles a" + ((" WHERE " + " AND ".join(where)) if where else "")
        snippet = ", ''"
    total = db.execute("SELECT COUNT(*) " + base, args).fetchone()[0]
    rows = db.execute(f"SELECT {cols}{snippet} {base} ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
                      (*args, per_page, (page - 1) * per_page))
    return Page([ArticleHit(*r) for r in rows], total, page, per_page)


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    id: str
    text: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str | None
    url: str | None
    ingested_at: str | None
    events: list[dict] = field(default_factory=list)


def get_article(store, article_id: str) -> ArticleDetail:
    """One article with its provenance and every event stored from it (with spans)."""
    db = _db(store)
    row = db.execute("SELECT id, text, title, outlet, published, source, url, ingested_at FROM articles"
                     " WHERE id = ?", (article_id.lower(),)).fetchone()
    if row is None:
        raise NotFound(f"no article {article_id!r}")
    events = [json.loads(r[0]) for r in db.execute("SELECT data FROM events WHERE article_id = ? ORDER BY seq",
                                                    (row[0],))]
    return ArticleDetail(*row, events=events)


def list_events(store, *, type=None, article=None, actor=None, since=None, page=1, per_page=50) -> Page[dict]:
    """A page of events in date order (the output contract's dicts)."""
    check_paging(page, per_page)
    check_date("since", since)
    found = [e.data for e in store.events(type=type, actor=actor.upper() if actor else None, since=since)
             if not article or e.article_id == article]
    start = (page - 1) * per_page
    return Page(found[start:start + per_page], len(found), page, per_page)


def get_event(store, event_id: str) -> dict:
    return store.event(event_id).data


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str | None
    supplies: list[Claim]
    receives: list[Claim]
    brokers: list[Claim]
    sanctions: list[dict]


def get_actor(store, actor_id: str) -> Actor:
    """What an actor supplies, receives and brokers, and the sanctions on it."""
    from ..resolve.kb import load_kb

    actor_id = actor_id.upper()
    entity = load_kb().get(actor_id)
    supplies = list_claims(store, supplier=actor_id, per_page=500).items
    receives = list_claims(store, recipient=actor_id, per_page=500).items
    brokers = list_claims(store, broker=actor_id, per_page=500).items
    sanctions = [e.data for e in store.events(type="SANCTION", actor=actor_id)
                 if any((t or {}).get("id") == actor_id for t in e.data.get("targets") or [e.data.get("target")])]
    if entity is None and not (supplies or receives or brokers or sanctions):
        raise NotFound(f"no actor {actor_id!r} in the knowledge base or the store")
    return Actor(actor_id, entity.name if entity else None, supplies, receives, brokers, sanctions)


@dataclass(frozen=True, slots=True)
class Weapon:
    key: str
    name: str | None
    category: str | None
    claims: int


def list_weapons(store, *, page=1, per_page=50) -> Page[Weapon]:
    """Weapon systems and categories that claims name, with how many claims each."""
    check_paging(page, per_page)
    db = _db(store)
    total = db.execute("SELECT COUNT(DISTINCT item_key) FROM claims").fetchone()[0]
    rows = db.execute("SELECT item_key, MAX(json_extract(data, '$.item_name')), MAX(category), COUNT(*)"
                      " FROM claims GROUP BY item_key ORDER BY COUNT(*) DESC, item_key LIMIT ? OFFSET ?",
                      (per_page, (page - 1) * per_page))
    return Page([Weapon(*r) for r in rows], total, page, per_page)


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    kind: str
    roles: tuple[str, ...]   # which of supplier, recipient, broker it is in these claims


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str          # transfer | broker
    claim: str
    item: str
    item_name: str
    status: str | None
    grade: str
    contradicted: bool


@dataclass(frozen=True, slots=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]


def network(store, *, category=None, status=None, since=None, until=None, limit=2000) -> Network:
    """Supplier -> recipient edges (one per claim) and broker edges, over the claims matching."""
    claims = list_claims(store, category=category, status=status, since=since, until=until,
                         per_page=500).items
    roles: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    edges = []
    for claim in claims[:limit]:
        item, name = claim.item_id or claim.item_key, claim.item_name or f"({claim.category})"
        for actor, name, role in ((claim.supplier, claim.supplier_name, "supplier"),
                                  (claim.recipient, claim.recipient_name, "recipient")):
            roles.setdefault(actor, set()).add(role)
            names.setdefault(actor, name or actor)
        edges.append(Edge(claim.supplier, claim.recipient, "transfer", claim.id, item, name, claim.status,
                          claim.grade, claim.contradicted))
        for broker in claim.brokers:
            roles.setdefault(broker, set()).add("broker")
            names.setdefault(broker, broker)
            edges.append(Edge(broker, claim.recipient, "broker", claim.id, item, name, claim.status,
                              claim.grade, claim.contradicted))
    nodes = [Node(a, names[a], "actor", tuple(sorted(r))) for a, r in sorted(roles.items())]
    return Network(nodes, edges)
