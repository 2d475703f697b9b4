"""GraphML of the supplier-recipient-broker network: actors are nodes, claims are edges.

Each claim gives a `transfer` edge from supplier to recipient; each broker of a claim gives
`broker` edges to its supplier and recipient. Edges carry the claim id, item, status,
confidence and report count, so Gephi or networkx can filter them.
"""
from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree as ET

from .registry import register_exporter

NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = (("name", "string"),)
EDGE_KEYS = (("kind", "string"), ("claim", "string"), ("item", "string"), ("status", "string"),
             ("confidence", "double"), ("reports", "int"))


def _edge(graph: ET.Element, number: int, source: str, target: str, values: dict) -> None:
    edge = ET.SubElement(graph, "edge", id=f"e{number}", source=source, target=target)
    for key, _ in EDGE_KEYS:
        ET.SubElement(edge, "data", key=key).text = str(values[key])


@register_exporter("graphml", what=("claims",), suffix=".graphml")
def write_graphml(claims: list, out: TextIO, *, what: str = "claims") -> int:
    """GraphML network: actor nodes, one transfer edge per claim, broker edges; returns edges."""
    root = ET.Element("graphml", xmlns=NS)
    for name, kind in NODE_KEYS:
        ET.SubElement(root, "key", {"id": name, "for": "node", "attr.name": name, "attr.type": kind})
    for name, kind in EDGE_KEYS:
        ET.SubElement(root, "key", {"id": name, "for": "edge", "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="armstrack", edgedefault="directed")
    names: dict[str, str] = {}
    for claim in claims:
        names.setdefault(claim.supplier, claim.supplier_name or claim.supplier)
        names.setdefault(claim.recipient, claim.recipient_name or claim.recipient)
        for broker in claim.brokers:
            names.setdefault(broker, broker)
    for actor, name in sorted(names.items()):
        node = ET.SubElement(graph, "node", id=actor)
        ET.SubElement(node, "data", key="name").text = name
    count = 0
    for claim in claims:
        values = {"claim": claim.id, "item": claim.item_id or claim.item_key, "status": claim.status or "",
                  "confidence": claim.confidence, "reports": len(claim.reports)}
        _edge(graph, count, claim.supplier, claim.recipient, {**values, "kind": "transfer"})
        count += 1
        for broker in claim.brokers:
            for side in (claim.supplier, claim.recipient):
                _edge(graph, count, broker, side, {**values, "kind": "broker"})
                count += 1
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
    return count
