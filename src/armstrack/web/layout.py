"""Where the network page draws each actor: a seeded spring layout, so the same data gives the
same picture, scaled into the SVG's box. Edges between the same two actors fan out as arcs."""
from __future__ import annotations

import math

import networkx as nx

WIDTH, HEIGHT, MARGIN = 960, 640, 60
MAX_CLAIMS = 600     # a picture of more is a hairball, and its page megabytes: the best-sourced are drawn


def busiest(network: dict, limit: int = MAX_CLAIMS) -> dict:
    """The network (nodes and edges, as records or dicts) cut to its `limit` claims of highest
    confidence, with all their edges (broker legs too) and the actors they touch;
    `claims_shown` and `claims_total` say how many."""
    def get(record, name):
        return record[name] if isinstance(record, dict) else getattr(record, name)

    score: dict[str, float] = {}
    for edge in network["edges"]:
        claim = get(edge, "claim")
        score[claim] = max(score.get(claim, 0.0), get(edge, "confidence") or 0.0)
    kept = set(sorted(score, key=lambda claim: (-score[claim], claim))[:limit])
    edges = [e for e in network["edges"] if get(e, "claim") in kept]
    actors = {get(e, end) for e in edges for end in ("source", "target")}
    return {**network, "nodes": [n for n in network["nodes"] if get(n, "id") in actors], "edges": edges,
            "claims_shown": len(kept), "claims_total": len(score)}


def layout(network: dict) -> dict:
    """The network (plain dict: nodes, edges) with x, y on each node and a path on each edge."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(n["id"] for n in network["nodes"])
    graph.add_edges_from((e["source"], e["target"]) for e in network["edges"])
    if not graph:
        return {**network, "width": WIDTH, "height": HEIGHT}
    spread = 2.0 / math.sqrt(max(1, len(graph)))
    pos = nx.spring_layout(nx.Graph(graph), seed=7, k=spread * 1.5) if len(graph) > 1 else {n: (0.0, 0.0) for n in graph}
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def at(node: str) -> tuple[float, float]:
        x, y = pos[node]
        return (round(MARGIN + (x - min(xs)) / span_x * (WIDTH - 2 * MARGIN), 1),
                round(MARGIN + (y - min(ys)) / span_y * (HEIGHT - 2 * MARGIN), 1))

    nodes = [{**n, "x": at(n["id"])[0], "y": at(n["id"])[1]} for n in network["nodes"]]
    seen: dict[tuple[str, str], int] = {}
    edges = []
    for edge in network["edges"]:
        key = (edge["source"], edge["target"])
        nth = seen[key] = seen.get(key, -1) + 1
        (x1, y1), (x2, y2) = at(edge["source"]), at(edge["target"])
        # each further edge of the pair bends further, so parallel claims stay visible
        bend = 0.12 * nth * (1 if nth % 2 else -1) + (0.08 if nth == 0 and edge["kind"] == "broker" else 0)
        mx, my = (x1 + x2) / 2 - (y2 - y1) * bend, (y1 + y2) / 2 + (x2 - x1) * bend
        # the curve's midpoint, where the edge's label goes
        lx, ly = (x1 + 2 * mx + x2) / 4, (y1 + 2 * my + y2) / 4
        edges.append({**edge, "path": f"M{x1},{y1} Q{mx:.1f},{my:.1f} {x2},{y2}",
                      "label_x": round(lx, 1), "label_y": round(ly, 1)})
    return {**network, "nodes": nodes, "edges": edges, "width": WIDTH, "height": HEIGHT}
