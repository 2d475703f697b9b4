"""The SQL views datasette and plain SQL read (issue 24): names beside ids in `claims_view`, a
report's article, outlet, stance, certainty and sources as columns in `reports_view`, on SQLite
and PostgreSQL; and the store opened with datasette and its packaged metadata."""
from __future__ import annotations

import asyncio
import json

import pytest
from click.testing import CliRunner

import armstrack
from armstrack.cli import cli
from armstrack.store.base import connection
from conftest import copy_store


@pytest.fixture
def examples(examples_db, backend, _pg_url, tmp_path) -> str:
    """The bundled examples' store on this test's engine (a private copy)."""
    return copy_store(examples_db, backend, tmp_path)


def rows(store, sql: str, *args) -> list[dict]:
    cursor = connection(store).execute(sql, args)
    return [dict(zip(row.keys(), row)) for row in cursor.fetchall()]


def test_claims_view_puts_names_beside_ids(examples):
    with armstrack.open_store(examples) as store:
        found = {r["id"]: r for r in rows(store, "SELECT * FROM claims_view")}
        claims = {c.id: c for c in armstrack.query.list_claims(store).items}
    assert set(found) == set(claims)
    iris = next(r for r in found.values() if r["supplier"] == "DEU")
    assert (iris["supplier_name"], iris["recipient_name"], iris["system"], iris["system_name"]) == (
        "Germany", "Ukraine", "iris-t-slm", "IRIS-T SLM")
    assert (iris["category"], iris["broad_category"], iris["brokers"], iris["broker_names"]) == (
        "surface-to-air missile system", "air defence systems", None, None)
    # every row says what the claim record says
    for claim_id, row in found.items():
        claim = claims[claim_id]
        assert (row["status"], row["grade"], row["origins"], row["denials"], row["reports"], row["contradicted"]) == (
            claim.status, claim.grade, claim.corroboration, claim.denials, len(claim.reports), int(claim.contradicted))
        assert (row["first_reported"], row["last_reported"], row["event_date"]) == (
            claim.first_reported, claim.last_reported, claim.event_date)
        assert row["confidence"] == pytest.approx(claim.confidence)
        assert row["supplier_name"] and row["recipient_name"] and row["supplier_name"] != row["supplier"]


def test_a_broker_has_its_name_in_claims_view(examples):
    with armstrack.open_store(examples) as store:
        iris = next(c for c in armstrack.query.list_claims(store).items if c.supplier == "DEU")
        armstrack.query.correct(store, iris.id, field="broker", value="Poland", by="ana", why="via Rzeszow")
        [row] = rows(store, "SELECT brokers, broker_names FROM claims_view WHERE supplier = ?", "DEU")
    assert (row["brokers"], row["broker_names"]) == ("POL", "Poland")


def test_reports_view_has_the_sourcing_as_columns(examples):
    with armstrack.open_store(examples) as store:
        found = {r["event_id"]: r for r in rows(store, "SELECT * FROM reports_view")}
        reports = {r.event_id: (c, r) for c in armstrack.query.list_claims(store).items for r in c.reports}
    assert set(found) == set(reports)
    for event_id, row in found.items():
        claim, report = reports[event_id]
        assert (row["claim_id"], row["article_id"], row["stance"], row["certainty"], row["status"]) == (
            claim.id, report.article_id, str(report.stance), report.certainty, report.status)
        assert (row["sources"], row["hedges"], row["denied_by"], row["confirmed_by"]) == tuple(
            "; ".join(values) or None for values in (report.sources, report.hedges, report.denied_by, report.confirmed_by))
        assert (row["origin"], row["evidence"], row["system"]) == (report.origin.label, report.evidence, report.item_id)
    iris = next(r for r in found.values() if r["supplier"] == "DEU")
    assert (iris["stance"], iris["sources"], iris["origin_kind"]) == ("assert", "the defence ministry in Berlin", "named source")
    assert iris["article_source"].endswith("2025-06-20-air-defence-package.txt")
    assert iris["article_published"] == "2025-06-20" and "IRIS-T SLM" in iris["evidence"]


def test_datasette_opens_the_store_with_the_metadata(examples, backend, tmp_path):
    if backend != "sqlite":
        pytest.skip("datasette reads SQLite files")
    from datasette.app import Datasette

    meta = tmp_path / "meta.json"
    out = CliRunner().invoke(cli, ["views", "--db", examples, "--metadata", str(meta)])
    assert out.exit_code == 0, out.output
    with armstrack.open_store(examples) as store:
        claims = armstrack.query.list_claims(store).items
    counts = f"claims_view: {len(claims)} claim(s); reports_view: {sum(len(c.reports) for c in claims)} report(s)"
    assert counts in out.output
    assert f"datasette {examples} --metadata {meta}" in out.output
    ds = Datasette([examples], metadata=json.loads(meta.read_text()))

    async def get(path: str):
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        return response

    async def read():
        claims = (await get("/work/claims_view.json?_shape=objects&recipient_name=Egypt")).json()
        reports = (await get("/work/reports_view.json?_shape=objects&stance=assert")).json()
        page = (await get("/work/claims_view")).text
        sql = (await get("/work.json?_shape=array&sql=select+recipient_name,+count(*)+as+n+from+claims_view"
                         "+group+by+recipient_name+order+by+n+desc,+recipient_name+limit+1")).json()
        return claims, reports, page, sql

    claims, reports, page, sql = asyncio.run(read())
    assert sorted(r["supplier_name"] for r in claims["rows"]) == ["China", "France"]
    # the metadata's facets are computed, and the status facet counts the claims
    status = {v["value"]: v["count"] for v in claims["facet_results"]["status"]["results"]}
    assert status == {"delivered": 1, "negotiating": 1}
    assert reports["rows"] and all(r["stance"] == "assert" for r in reports["rows"])
    assert "One row per claim" in page          # the table's description from the metadata
    assert sql == [{"recipient_name": "Egypt", "n": 2}]   # plain SQL over a view
