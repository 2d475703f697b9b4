"""GraphML of the supplier -> recipient network, written with networkx.

The graph is always a MultiDiGraph (one edge per claim, several between the same two actors).
networkx's reader returns a plain DiGraph when a file happens to hold no parallel edges, so read
it with `read_network(path)` (or `networkx.read_graphml(path, force_multigraph=True)`).

Nodes carry `name`, `kind` (state, armed_group, company, organisation, actor) and `roles`.
Edges follow the goods (see `armstrack.query.network`): `kind` transfer (supplier ->
recipient) or broker (supplier -> broker, `leg` "to broker"; broker -> recipient, "from
broker"), so in-degree never makes a supplier look like a recipient. Every edge carries its
claim id, item, status, grade, confidence, contradicted flag, report count, report dates and
`sources`, the articles (URL or file) its reports come from.
"""
from __future__ import annotations

from typing import TextIO

from .registry import register_exporter


def network_graph(claims: list):
    """The claims' network as a networkx MultiDiGraph (attributes in the module docstring)."""
    import networkx as nx

    from ..query.network import build_network

    network = build_network(claims)
    sources = {c.id: "; ".join(dict.fromkeys(r.provenance.where for r in c.reports)) for c in claims}
    graph = nx.MultiDiGraph(name="armstrack")
    for node in network.nodes:
        graph.add_node(node.id, name=node.name, kind=node.kind, roles=",".join(node.roles))
    for number, edge in enumerate(network.edges):
        attributes = {k: v for k, v in edge.to_dict().items() if k not in ("source", "target")}
        graph.add_edge(edge.source, edge.target, key=f"e{number}", sources=sources[edge.claim], **attributes)
    return graph


def read_network(path):
    """A GraphML file this exporter wrote, read back as a MultiDiGraph."""
    import networkx as nx

    return nx.read_graphml(path, force_multigraph=True)


@register_exporter("graphml", what=("claims",), suffix=".graphml")
def write_graphml(claims: list, out: TextIO, *, what: str = "claims") -> int:
    """GraphML network (networkx MultiDiGraph): typed actor nodes, transfer and broker edges; returns edges."""
    import networkx as nx

    graph = network_graph(claims)
    for line in nx.generate_graphml(graph, encoding="utf-8", prettyprint=True):
        out.write(line + "\n")
    return graph.number_of_edges()
