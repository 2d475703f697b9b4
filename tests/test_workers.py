"""Parsing in several processes gives what one process gives, in the same order."""
from __future__ import annotations

import re
import sqlite3

import pytest
from click.testing import CliRunner

from armstrack.cli import cli
from conftest import EXAMPLES, FIXTURES

STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?\+00:00")
SOURCES = [str(EXAMPLES), str(FIXTURES / "claims")]


def _rows(db_path: str) -> dict:
    with sqlite3.connect(db_path) as db:
        return {
            "articles": db.execute("SELECT id, title, published, gated FROM articles ORDER BY rowid").fetchall(),
            "events": db.execute("SELECT id, article_id, seq, data FROM events ORDER BY article_id, seq").fetchall(),
            "claims": db.execute("SELECT id, supplier, recipient, item_key, status, confidence FROM claims ORDER BY id").fetchall(),
        }


def _exports(db_path: str, tmp_path, tag: str) -> dict[str, bytes]:
    out = {}
    for fmt in ("jsonl", "csv", "register"):
        target = tmp_path / f"{tag}.{fmt}"
        result = CliRunner().invoke(cli, ["export", "--db", db_path, "--format", fmt, "-o", str(target)])
        assert result.exit_code == 0, result.output
        # two runs differ by the wall-clock time of ingestion, which reports carry: pin it, so
        # that whatever else differs shows
        out[fmt] = STAMP.sub(b"2025-01-01T00:00:00+00:00", target.read_bytes())
    return out


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The same sources ingested with one worker and with two."""
    folder = tmp_path_factory.mktemp("workers")
    # articles the gate skips whole, between the others: they never reach a worker, and must
    # still come out in their place
    for n, place in enumerate(("Leeds", "Bristol")):
        (folder / f"city{n}.txt").write_text(f"{place} council opens a park\n\nThe council of {place} opened "
                                            f"a new park on Saturday, number {n}, after years of planning.\n")
    sources = [str(folder / "city0.txt"), SOURCES[0], str(folder / "city1.txt"), SOURCES[1]]
    paths = {}
    for workers in (1, 2):
        path = str(folder / f"w{workers}.db")
        result = CliRunner().invoke(cli, ["ingest", "--db", path, "--quiet", "--workers", str(workers), *sources])
        assert result.exit_code == 0, result.output
        paths[workers] = (path, result.output)
    return paths


@pytest.mark.slow
def test_two_workers_store_what_one_does(stores, tmp_path):
    (one, out1), (two, out2) = stores[1], stores[2]
    assert out1 == out2 and "44 article(s) added" in out1
    first, second = _rows(one), _rows(two)
    assert first["events"] and first["claims"] and sum(gated for *_, gated in first["articles"]) >= 2
    assert first == second
    assert _exports(one, tmp_path, "one") == _exports(two, tmp_path, "two")


@pytest.mark.slow
def test_reprocess_with_two_workers(stores, tmp_path):
    one, _ = stores[1]
    before = _rows(one)
    result = CliRunner().invoke(cli, ["reprocess", "--db", one, "--workers", "2"])
    assert result.exit_code == 0 and "re-extracted 44 article(s)" in result.output
    assert _rows(one) == before
