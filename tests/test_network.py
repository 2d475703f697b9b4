"""The network's pair counts (issue 24: store/network.py, query.pair_network) agree with the
claims themselves, on SQLite and PostgreSQL: every pair, style, status count and top claim."""
from __future__ import annotations

from collections import Counter

import pytest

import armstrack
from armstrack import query
from conftest import copy_store


@pytest.fixture
def examples(examples_db, backend, _pg_url, tmp_path) -> str:
    return copy_store(examples_db, backend, tmp_path)


def style(claim) -> str:
    """How the page draws a claim, from the claim record itself."""
    if claim.contradicted:
        return "contradicted"
    return "supported" if claim.corroboration else "denied"


def test_pair_counts_agree_with_the_claims(examples):
    with armstrack.open_store(examples) as store:
        # one report marked a denial, so one pair has a denied-only claim whatever the extractor reads
        rafale = next(c for c in query.list_claims(store).items if c.supplier == "FRA")
        query.set_stance(store, rafale.reports[0].event_id, "deny", by="ana", why="denied")
        claims = query.list_claims(store, per_page=500).items
        network = query.pair_network(store)
    expected = Counter((c.supplier, c.recipient, style(c)) for c in claims)
    drawn = {(e.source, e.target, e.style): e for e in network.edges if e.kind == "transfer"}
    assert {k: e.claims for k, e in drawn.items()} == dict(expected)
    assert ("FRA", "EGY", "denied") in drawn
    for (supplier, recipient, kind), edge in drawn.items():
        mine = [c for c in claims if (c.supplier, c.recipient, style(c)) == (supplier, recipient, kind)]
        assert edge.statuses == dict(Counter(c.status or "unknown" for c in mine))
        best = sorted(mine, key=lambda c: (-c.confidence, c.id))[:3]
        assert [t["id"] for t in edge.top] == [c.id for c in best]
        assert [t["item_name"] for t in edge.top] == [c.item_name or f"({c.category})" for c in best]
        assert [t["grade"] for t in edge.top] == [c.grade for c in best]
    assert (network.claims_total, network.pairs_total) == (len(claims), len({c.pair for c in claims}))
    assert {n.id for n in network.nodes} == {a for c in claims for a in c.pair}


def test_filters_and_the_cut(examples):
    with armstrack.open_store(examples) as store:
        claims = query.list_claims(store, per_page=500).items
        one = query.pair_network(store, limit=1)
        egypt = query.pair_network(store, recipient="Egypt")
    assert (one.pairs_shown, one.pairs_total, one.to_dict()["cut"]) == (1, len({c.pair for c in claims}), True)
    assert {(e.source, e.target) for e in egypt.edges} == {c.pair for c in claims if c.recipient == "EGY"}
    with pytest.raises(armstrack.query.FilterError):
        with armstrack.open_store(examples) as store:
            query.pair_network(store, limit=0)
