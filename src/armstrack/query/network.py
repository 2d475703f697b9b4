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
from ..resolve.filters import _kb


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
