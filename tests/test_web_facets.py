"""Facets, trends, the map's counts and bulk review (issue 24), in process: every facet value
is a filter that keeps exactly the claims it counts, the year and country counts add up to the
claims listed, the pages carry their data as JSON blocks (no inline script), and a bulk review
writes one audit entry per claim and can be undone from its banner.

The store: the bundled examples plus 300 synthetic claims over 2014-2024 (tests/synthetic.py).
"""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest

import armstrack
from armstrack import query
from armstrack.query.facets import FACETS
from armstrack.resolve.regions import load_regions
from armstrack.web import create_app
from conftest import EXAMPLES
from synthetic import add_synthetic_claims
from webutil import copy_store, in_process

DELIVERED = {"delivering", "delivered", "used"}


@pytest.fixture(scope="module")
def counts_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("facets") / "facets.db"
    with armstrack.open_store(str(path)) as store:
        report = armstrack.ingest([EXAMPLES], store)
        assert report.errors == []
        add_synthetic_claims(store, 300)
    return str(path)


@pytest.fixture(scope="module")
def client(counts_db):
    return in_process(create_app(counts_db))


@pytest.fixture(scope="module")
def every(client) -> list[dict]:
    """Every claim, as the API lists them."""
    out, page = [], 1
    while True:
        body = client.get("/api/claims", params={"per_page": 500, "page": page, "facets": "none"}).json()
        out += body["items"]
        if page >= body["pages"]:
            return out
        page += 1


def _year(claim: dict) -> str:
    return (claim.get("event_date") or claim["first_reported"])[:4]


def test_the_api_gives_every_facet_with_counts_of_all_matching_claims(client, every):
    body = client.get("/api/claims", params={"per_page": 5}).json()
    assert list(body["facets"]) == list(FACETS)
    assert len(body["items"]) == 5 and body["total"] == len(every) > 300
    expected = {"supplier": Counter(c["supplier"] for c in every), "recipient": Counter(c["recipient"] for c in every),
                "status": Counter(c["status"] for c in every if c["status"]),
                "grade": Counter(c["grade"] for c in every), "year": Counter(_year(c) for c in every),
                "system": Counter(c["item_id"] for c in every if c["item_id"])}
    for name, counter in expected.items():
        facet = body["facets"][name]
        got = {v["value"]: v["count"] for v in facet["values"]}
        if name == "year":    # latest years first
            assert list(got) == sorted(counter, reverse=True)[:10]
        else:                 # most claims first
            assert list(got.values()) == sorted(got.values(), reverse=True)
            assert min(got.values()) >= sorted(counter.values(), reverse=True)[len(got) - 1]
        assert all(got[v] == counter[v] for v in got), name
        assert facet["truncated"] == (len(counter) > 10)
    labels = {v["value"]: v["label"] for v in body["facets"]["supplier"]["values"]}
    assert labels.get("RUS") == "Russia" and labels.get("FRA") == "France"


@pytest.mark.parametrize("name", FACETS)
def test_each_facet_value_is_a_filter_keeping_the_claims_it_counts(client, name):
    facet = client.get("/api/claims", params={"facets": name, "facet_size": 3}).json()["facets"][name]
    assert facet["values"]
    for value in facet["values"]:
        found = client.get("/api/claims", params={facet["param"]: value["value"], "facets": name}).json()
        if name == "category":    # a kind also keeps its narrower kinds ("drone": "attack drone")
            assert found["total"] >= value["count"]
        else:
            assert found["total"] == value["count"], (name, value)
        chosen = {v["value"]: v for v in found["facets"][name]["values"]}
        assert chosen[value["value"]]["selected"] is True


def test_facets_follow_the_filters_and_take_regions(client, every):
    mideast = set(load_regions()["Middle East"])
    body = client.get("/api/claims", params={"recipient": "Middle East", "status": "delivered"}).json()
    keep = [c for c in every if c["recipient"] in mideast and c["status"] == "delivered"]
    assert body["total"] == len(keep) > 0
    assert {v["value"]: v["count"] for v in body["facets"]["recipient"]["values"]} == \
        dict(Counter(c["recipient"] for c in keep).most_common(10))
    assert [v["value"] for v in body["facets"]["status"]["values"]] == ["delivered"]


def test_facet_choices_are_checked(client):
    assert client.get("/api/claims", params={"facets": "none"}).json()["facets"] == {}
    assert list(client.get("/api/claims", params={"facets": "grade,year"}).json()["facets"]) == ["grade", "year"]
    wrong = client.get("/api/claims", params={"facets": "colour"})
    assert wrong.status_code == 400 and "supplier" in wrong.json()["error"]["message"]
    assert client.get("/api/claims", params={"grade": "Z9"}).status_code == 400
    assert client.get("/api/claims", params={"year": "20x4"}).status_code == 400
    letter = client.get("/api/claims", params={"grade": "d", "facets": "grade"}).json()
    assert letter["total"] and all(v["value"].startswith("D") for v in letter["facets"]["grade"]["values"])


def test_trends_count_claims_and_deliveries_by_year(client, every):
    body = client.get("/api/trends").json()
    years = [y["year"] for y in body["years"]]
    assert years == [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]   # no gap
    assert {y["year"]: y["claims"] for y in body["years"] if y["claims"]} == dict(Counter(_year(c) for c in every))
    assert {y["year"]: y["deliveries"] for y in body["years"] if y["deliveries"]} == \
        dict(Counter(_year(c) for c in every if c["status"] in DELIVERED))
    assert body["total"] == len(every)
    pair = client.get("/api/trends", params={"supplier": "RUS", "recipient": "IND"}).json()
    assert pair["total"] == sum(1 for c in every if (c["supplier"], c["recipient"]) == ("RUS", "IND"))
    assert client.get("/api/trends", params={"supplier": "Atlantis"}).status_code == 400


def test_the_map_counts_by_country_with_iso_numeric_ids(client, every):
    body = client.get("/api/map").json()
    countries = {c["id"]: c for c in body["countries"]}
    assert sum(c["supplied"] for c in body["countries"]) + sum(c["supplied"] for c in body["elsewhere"]) == len(every)
    assert countries["RUS"]["numeric"] == "643" and countries["IND"]["numeric"] == "356"
    assert countries["RUS"]["supplied"] == sum(1 for c in every if c["supplier"] == "RUS")
    assert countries["IND"]["received"] == sum(1 for c in every if c["recipient"] == "IND")
    flows = body["flows"]
    assert flows and [f["claims"] for f in flows] == sorted((f["claims"] for f in flows), reverse=True)
    top = flows[0]
    assert top["claims"] == sum(1 for c in every if (c["supplier"], c["recipient"]) == (top["supplier"], top["recipient"]))
    europe = client.get("/api/map", params={"supplier": "Europe"}).json()
    assert {c["id"] for c in europe["countries"] if c["supplied"]} <= set(load_regions()["Europe"])
    assert len(client.get("/api/map", params={"flows": 3}).json()["flows"]) == 3


def test_the_counts_on_both_engines(db_url):
    """The generated columns and aggregate queries of store/facets.py on SQLite and PostgreSQL,
    and a firm counted on the map for its country."""
    with armstrack.open_store(db_url) as store:
        add_synthetic_claims(store, 60, seed=3)
        every = query.list_claims(store, per_page=500).items
        facets = query.claim_facets(store, limit=50)
        assert {v.value: v.count for v in facets["grade"].values} == Counter(c.grade for c in every)
        assert {v.value: v.count for v in facets["year"].values} == \
            Counter((c.event_date or c.first_reported)[:4] for c in every)
        trends = query.claim_trends(store, supplier="FRA")
        assert trends.total == sum(1 for c in every if c.supplier == "FRA")
        top = facets["grade"].values[0]
        assert query.list_claims(store, grade=top.value).total == top.count
        first = every[0]
        armstrack.claims.correct(store, first.id, field="supplier", value="ROSOBORONEXPORT", by="ana", why="the agency")
        found = query.claim_map(store)
        russia = next(c for c in found.countries if c.id == "RUS")
        assert russia.supplied == sum(1 for c in every if c.supplier == "RUS") + (first.supplier != "RUS")


def _json_block(html: str, name: str) -> dict:
    found = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', html, re.S)
    assert found, name
    return json.loads(found.group(1))


def _no_inline_script(html: str) -> None:
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag


def test_the_pages_carry_their_data_in_json_blocks_under_the_csp(client):
    for url, block, api in (("/trends?supplier=FRA", "trend-data", "/api/trends?supplier=FRA"),
                            ("/map?recipient=Middle+East&side=received", "map-data", "/api/map?recipient=Middle+East")):
        page = client.get(url)
        assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
        _no_inline_script(page.text)
        assert _json_block(page.text, block) == client.get(api).json()
    claims = client.get("/claims?supplier=FRA")
    _no_inline_script(claims.text)
    assert 'class="facet"' in claims.text and 'href="/claims?supplier=FRA&amp;recipient=' in claims.text
    assert client.get("/claims?supplier=FRA&format=json").json()["facets"]["supplier"]["values"][0]["selected"]


def test_the_vendored_assets_are_served_with_their_licences(client):
    for path in ("/static/vendor/d3/d3.min.js", "/static/vendor/topojson-client/topojson-client.min.js",
                 "/static/vendor/world-atlas/countries-110m.json", "/static/vendor/d3/LICENSE",
                 "/static/vendor/world-atlas/VERSION", "/static/trends.js", "/static/map.js", "/static/claims.js"):
        assert client.get(path).status_code == 200, path
    atlas = client.get("/static/vendor/world-atlas/countries-110m.json").json()
    ids = {g.get("id") for g in atlas["objects"]["countries"]["geometries"]}
    assert {"643", "356", "818", "840"} <= ids


# ---- bulk review ------------------------------------------------------------------------------
def _csrf(client) -> str:
    client.get("/claims")
    return client.cookies["armstrack_csrf"]


@pytest.fixture
def writable(counts_db, tmp_path):
    return in_process(create_app(copy_store(counts_db, tmp_path / "bulk.db")), follow_redirects=False)


def test_bulk_accept_writes_one_review_per_claim_and_the_banner_undoes_them(writable):
    client = writable
    ids = [c["id"] for c in client.get("/api/claims", params={"supplier": "FRA", "per_page": 3}).json()["items"]]
    before = len(client.get("/api/reviews", params={"per_page": 500}).json()["items"])
    form = {"csrf": _csrf(client), "action": "accept", "targets": ids, "by": "ana", "why": "checked the contracts",
            "back": "/claims?supplier=FRA"}
    assert client.post("/review/bulk", data={**form, "csrf": "forged"}).status_code == 403
    done = client.post("/review/bulk", data=form)
    assert done.status_code == 303 and done.headers["location"].startswith("/claims?supplier=FRA&done=")
    assert done.cookies.get("armstrack_reviewer") == "ana"
    log = client.get("/api/reviews", params={"per_page": 500}).json()["items"]
    assert len(log) == before + 3
    assert sorted((r["action"], r["target"], r["by"]) for r in log[-3:]) == sorted(("accept", i, "ana") for i in ids)
    assert all(client.get(f"/api/claims/{i}").json()["review"] == "accepted" for i in ids)

    page = client.get(done.headers["location"])
    assert 'id="bulk-done"' in page.text and "Accepted 3 claims" in page.text
    assert 'value="ana"' in page.text                 # the reviewer's name, kept for the session
    done_ids = re.search(r'name="done" value="([\d,]+)"', page.text).group(1)
    undo = client.post("/review/bulk/undo", data={"csrf": _csrf(client), "done": done_ids,
                                                   "back": "/claims?supplier=FRA"})
    assert undo.status_code == 303
    assert all(client.get(f"/api/claims/{i}").json()["review"] is None for i in ids)
    log = client.get("/api/reviews", params={"per_page": 500}).json()["items"]
    assert [r["action"] for r in log[-3:]] == ["undo"] * 3 and all(not r["applies"] for r in log[-6:-3])
    assert "Undone: 3 reviews" in client.get(undo.headers["location"]).text


def test_bulk_reject_and_merge(writable):
    client = writable
    pair = client.get("/api/claims", params={"supplier": "RUS", "recipient": "IND", "per_page": 3}).json()["items"]
    assert len(pair) >= 2
    form = {"csrf": _csrf(client), "action": "merge", "targets": [c["id"] for c in pair[:2]], "by": "ana",
            "why": "one contract"}
    assert client.post("/review/bulk", data=form).status_code == 303
    kept = client.get(f"/api/claims/{pair[0]['id']}").json()
    assert len(kept["reports"]) == 2
    assert client.get(f"/api/claims/{pair[1]['id']}").json()["id"] == pair[0]["id"]    # the merged id leads on
    apart = client.get("/api/claims", params={"supplier": "USA", "per_page": 1}).json()["items"][0]["id"]
    refused = client.post("/review/bulk", data={**form, "csrf": _csrf(client), "targets": [pair[0]["id"], apart]},
                          headers={"accept": "text/html"})
    assert refused.status_code == 400 and "force" in refused.text
    total = client.get("/api/claims").json()["total"]
    rejected = client.post("/review/bulk", data={**form, "csrf": _csrf(client), "action": "reject",
                                                 "targets": [apart, pair[0]["id"]]})
    assert rejected.status_code == 303 and client.get("/api/claims").json()["total"] == total - 2
    nothing = client.post("/review/bulk", data={**form, "csrf": _csrf(client), "action": "accept", "targets": []},
                          headers={"accept": "text/html"})
    assert nothing.status_code == 400 and "tick" in nothing.text
