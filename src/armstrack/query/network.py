"""The supplier -> recipient network of the claims, for the web view and the GraphML export.

Edges follow the goods: a claim gives a `transfer` edge from supplier to recipient; a claim with
brokers gives, per broker, `broker` edges supplier -> broker and broker -> recipient (leg
"to broker" / "from broker"), so a broker never makes a supplier look like a recipient.
Every edge carries the claim id, item, status, grade, confidence, contradicted flag and report
count; every node its id, name and kind (state, armed_group, company, organisation).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..claims.model import Claim
from ..store import search
from .claims import _built, claim_filters
from ..resolve.filters import FilterError, _kb


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    kind: str                     # state | organisation | armed_group | company | actor
    roles: tuple[str, ...] = ()   # which of supplier, recipient, broker it is in these claims

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "roles": list(self.roles)}


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str                     # transfer | broker
    claim: str
    item: str
    item_name: str
    status: str
    grade: str
    confidence: float
    contradicted: bool
    reports: int
    leg: str = ""                 # broker edges: "to broker" or "from broker"
    first_reported: str = ""
    last_reported: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Network:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": [n.to_dict() for n in self.nodes], "edges": [e.to_dict() for e in self.edges]}


def build_network(claims: list[Claim], *, kb=None, report_counts: dict[str, int] | None = None) -> Network:
    """The network of some claims (see the module docstring); `report_counts` gives the report
    count of claims read without their reports."""
    kb = _kb(kb)
    roles: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    edges = []
    for claim in claims:
        values = dict(claim=claim.id, item=claim.item_id or claim.item_key,
                      item_name=claim.item_name or f"({claim.category})", status=claim.status or "",
                      grade=claim.grade, confidence=claim.confidence, contradicted=claim.contradicted,
                      reports=report_counts[claim.id] if report_counts else len(claim.reports),
                      first_reported=claim.first_reported or "",
                      last_reported=claim.last_reported or "")
        roles.setdefault(claim.supplier, set()).add("supplier")
        roles.setdefault(claim.recipient, set()).add("recipient")
        names.setdefault(claim.supplier, claim.supplier_name or "")
        names.setdefault(claim.recipient, claim.recipient_name or "")
        edges.append(Edge(claim.supplier, claim.recipient, "transfer", **values))
        for broker in claim.brokers:
            roles.setdefault(broker, set()).add("broker")
            edges.append(Edge(claim.supplier, broker, "broker", leg="to broker", **values))
            edges.append(Edge(broker, claim.recipient, "broker", leg="from broker", **values))
    nodes = []
    for actor in sorted(roles):
        entity = kb.get(actor)
        nodes.append(Node(actor, entity.name if entity else names.get(actor) or actor,
                          entity.kind if entity else "actor", tuple(sorted(roles[actor]))))
    return Network(nodes, edges)


def network(store, *, category: str | None = None, status: str | None = None, since: str | None = None,
            until: str | None = None, supplier: str | None = None, recipient: str | None = None,
            weapon: str | None = None, include_rejected: bool = False) -> Network:
    """The network of the claims matching the filters (the same filters as `list_claims`).

    Reads only the columns edges carry (no reports are parsed), so a view of every claim of
    a large store stays cheap."""
    where_sql, args = claim_filters(category=category, status=status, since=since, until=until,
                                    supplier=supplier, recipient=recipient, weapon=weapon,
                                    include_rejected=include_rejected)
    db = _built(store)
    rows = search.claim_edge_rows(db, where_sql, args)
    claims = [Claim(id=r["id"], supplier=r["supplier"], recipient=r["recipient"], item_key=r["item_key"],
                    item_id=r["item_id"], item_name=r["item_name"], category=r["category"], status=r["status"],
                    contradicted=bool(r["contradicted"]), confidence=r["confidence"], grade=r["grade"] or "",
                    corroboration=0, denials=0, first_reported=r["first_reported"], last_reported=r["last_reported"],
                    reports=(), supplier_name=r["supplier_name"], recipient_name=r["recipient_name"],
                    brokers=tuple(b for b in (r["brokers"] or "").split(",") if b))
              for r in rows]
    return build_network(claims, report_counts={r["id"]: r["reports"] for r in rows})


# ---- the page's network: supplier -> recipient pairs counted in SQL (issue 24) ------------
MAX_EDGES = 300      # pairs drawn at most: more is a hairball; the busiest are drawn, and the page says so
STYLES = ("supported", "contradicted", "denied")


@dataclass(frozen=True, slots=True)
class PairEdge:
    """The claims of one supplier -> recipient pair drawn one way (`style`: supported,
    contradicted or denied-only), or one leg through a broker (`kind` "broker")."""

    source: str
    target: str
    kind: str                     # transfer | broker
    style: str                    # supported | contradicted | denied
    claims: int
    statuses: dict[str, int] = field(default_factory=dict)
    top: tuple[dict[str, Any], ...] = ()   # the most confident claims: id, item_name, status, confidence, grade
    leg: str = ""                 # broker edges: "to broker" or "from broker"

    def to_dict(self) -> dict[str, Any]:
        first = self.top[0] if self.top else {}
        return {"source": self.source, "target": self.target, "kind": self.kind, "style": self.style,
                "leg": self.leg, "claims": self.claims, "confidence": first.get("confidence"),
                "contradicted": self.style == "contradicted", "denied": self.style == "denied",
                "statuses": dict(self.statuses), "top": [dict(t) for t in self.top],
                "claim": first.get("id"), "item_name": first.get("item_name"), "status": first.get("status")}


@dataclass(frozen=True, slots=True)
class PairNetwork:
    """The busiest `limit` supplier -> recipient pairs of the matching claims, one edge per pair
    and style, their brokers' legs and the actors they join. `pairs_total` and `claims_total`
    count every pair and claim the filters match."""

    nodes: list[Node]
    edges: list[PairEdge]
    pairs_total: int
    pairs_shown: int
    claims_total: int
    claims_shown: int
    limit: int

    def to_dict(self) -> dict[str, Any]:
        weights = self.weights
        return {"nodes": [dict(n.to_dict(), claims=weights.get(n.id, 0)) for n in self.nodes],
                "edges": [e.to_dict() for e in self.edges], "pairs_total": self.pairs_total,
                "pairs_shown": self.pairs_shown, "edges_shown": sum(1 for e in self.edges if e.kind == "transfer"),
                "claims_total": self.claims_total, "claims_shown": self.claims_shown, "limit": self.limit,
                "cut": self.pairs_total > self.pairs_shown}

    @property
    def weights(self) -> dict[str, int]:
        """Claims on the drawn transfer edges, per actor (the page sizes nodes by it)."""
        out: dict[str, int] = {}
        for edge in self.edges:
            if edge.kind == "transfer":
                for actor in (edge.source, edge.target):
                    out[actor] = out.get(actor, 0) + edge.claims
        return out


def pair_network(store, *, category: str | None = None, status: str | None = None, since: str | None = None,
                 until: str | None = None, supplier: str | None = None, recipient: str | None = None,
                 weapon: str | None = None, include_rejected: bool = False, limit: int = MAX_EDGES,
                 kb=None) -> PairNetwork:
    """The supplier -> recipient network of the matching claims (the filters of `list_claims`),
    counted in SQL (store/network.py): the `limit` busiest pairs, each drawn as one edge per
    style (supported, contradicted, denied only) with its claim count, statuses and most
    confident claims, the legs through their brokers, and the actors they join. Reads no claim
    record but those of the few claims each edge names."""
    from ..store import network as sql

    if limit < 1:
        raise FilterError(f"limit {limit}: at least 1")
    where_sql, args = claim_filters(category=category, status=status, since=since, until=until,
                                    supplier=supplier, recipient=recipient, weapon=weapon,
                                    include_rejected=include_rejected)
    db = _built(store)
    kept = sql.pair_counts(db, where_sql, args, limit=limit)
    pairs = [(r["supplier"], r["recipient"]) for r in kept]
    statuses: dict[tuple, dict[str, int]] = {}
    for row in sql.status_counts(db, where_sql, args, pairs):
        statuses.setdefault((row["supplier"], row["recipient"], row["style"]), {})[row["status"] or "unknown"] = row["claims"]
    top: dict[tuple, list[dict]] = {}
    for row in sql.top_claims(db, where_sql, args, pairs):
        top.setdefault((row["supplier"], row["recipient"], row["style"]), []).append(
            {"id": row["id"], "item_name": row["item_name"] or f"({row['category']})", "status": row["status"],
             "confidence": row["confidence"], "grade": row["grade"] or ""})
    edges, roles = [], {}
    for row in kept:
        pair = (row["supplier"], row["recipient"])
        counts = {"contradicted": row["contradicted"], "denied": row["denied"]}
        counts["supported"] = row["claims"] - counts["contradicted"] - counts["denied"]
        for style in STYLES:
            if counts[style]:
                key = (*pair, style)
                edges.append(PairEdge(*pair, "transfer", style, counts[style], statuses.get(key, {}),
                                      tuple(top.get(key, ()))))
        roles.setdefault(pair[0], set()).add("supplier")
        roles.setdefault(pair[1], set()).add("recipient")
    edges += _broker_legs(sql.brokered_claims(db, where_sql, args, pairs), roles)
    kb = _kb(kb)
    nodes = []
    for actor in sorted(roles):
        entity = kb.get(actor)
        nodes.append(Node(actor, entity.name if entity else actor, entity.kind if entity else "actor",
                          tuple(sorted(roles[actor]))))
    pairs_total, claims_total = (kept[0]["pairs_total"], int(kept[0]["claims_total"])) if kept else (0, 0)
    return PairNetwork(nodes, edges, pairs_total, len(kept), claims_total, sum(r["claims"] for r in kept), limit)


def _broker_legs(rows, roles: dict[str, set[str]]) -> list[PairEdge]:
    """Each broker's two legs (supplier -> broker, broker -> recipient) for the brokered claims
    of the drawn pairs, one edge per leg and style."""
    legs: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        for broker in (b for b in (row["brokers"] or "").split(",") if b):
            roles.setdefault(broker, set()).add("broker")
            for source, target, leg in ((row["supplier"], broker, "to broker"), (broker, row["recipient"], "from broker")):
                found = legs.setdefault((source, target, row["style"], leg), {"claims": 0, "top": []})
                found["claims"] += 1
                if len(found["top"]) < 3:   # rows come most confident first
                    found["top"].append({"id": row["id"], "confidence": row["confidence"]})
    return [PairEdge(source, target, "broker", style, v["claims"], top=tuple(v["top"]), leg=leg)
            for (source, target, style, leg), v in sorted(legs.items())]
