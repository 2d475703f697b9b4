"""`armstrack export -o` never destroys data (issue 9, "nothing lost"): not the store it reads,
not another SQLite file, not an earlier output when the export fails; real files throughout."""
from __future__ import annotations

import csv
import io
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import armstrack
from armstrack import claims
from armstrack.cli import cli

SQLITE_HEADER = b"SQLite format 3\0"



@pytest.fixture
def victim(examples_db, tmp_path) -> str:
    """A consistent copy of the examples store (SQLite's backup API), for tests that aim at it."""
    target = str(tmp_path / "victim.db")
    src, dst = sqlite3.connect(examples_db), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


def export(db: str, *args: str):
    return CliRunner().invoke(cli, ["export", "--db", db, "--format", "csv", *args])


def one_line_error(result) -> str:
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def claim_ids(db: str) -> list[str]:
    with armstrack.open_store(db) as store:
        return sorted(c.id for c in claims.list_claims(store))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("aim", ["itself", "relative", "wal", "shm", "symlink", "hard link"])
def test_export_onto_the_store_is_refused(victim, tmp_path, monkeypatch, aim):
    before = claim_ids(victim)
    assert len(before) == 6
    output = {"itself": victim, "relative": "./victim.db", "wal": victim + "-wal", "shm": victim + "-shm",
              "symlink": str(tmp_path / "link.csv"), "hard link": str(tmp_path / "hard.csv")}[aim]
    if aim == "symlink":
        os.symlink(victim, output)
    elif aim == "hard link":
        os.link(victim, output)
    monkeypatch.chdir(tmp_path)
    line = one_line_error(export(victim, "-o", output))
    assert line.startswith(f"Error: refusing to write the export onto {output}: it is the database being exported")
    assert Path(victim).read_bytes().startswith(SQLITE_HEADER)
    assert claim_ids(victim) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["database", "write-ahead log"])
def test_export_onto_another_sqlite_file_is_refused(examples_db, victim, tmp_path, kind):
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("CREATE TABLE t (x)")
    other.execute("INSERT INTO t VALUES (1)")
    other.commit()  # the connection stays open, so other.db-wal holds the insert
    target = tmp_path / ("other.db" if kind == "database" else "other.db-wal")
    content = target.read_bytes()
    line = one_line_error(export(examples_db, "-o", str(target)))
    assert line == (f"Error: refusing to overwrite {target}: it is an SQLite database or journal; "
                    "choose another output file")
    assert target.read_bytes() == content
    assert other.execute("SELECT x FROM t").fetchall() == [(1,)]
    other.close()


def test_a_missing_folder_is_one_line_naming_it_and_creates_nothing(examples_db, tmp_path):
    folder = tmp_path / "exports" / "2025"
    line = one_line_error(export(examples_db, "-o", str(folder / "claims.csv")))
    assert line == f"Error: cannot write {folder / 'claims.csv'}: folder {folder} does not exist; create it first"
    assert not (tmp_path / "exports").exists()
    assert leftovers(tmp_path) == []


def test_a_failing_export_leaves_the_previous_output_intact(examples_db, tmp_path):
    output = tmp_path / "claims.csv"
    assert export(examples_db, "-o", str(output)).exit_code == 0
    previous = output.read_bytes()
    assert len(list(csv.DictReader(io.StringIO(previous.decode())))) == 6
    # the register has no per-report form: the export fails, the cron job's last output stays
    result = CliRunner().invoke(cli, ["export", "--db", examples_db, "--format", "register", "--what", "reports",
                                      "-o", str(output)])
    assert one_line_error(result) == "Error: the register export writes claims, not reports"
    assert output.read_bytes() == previous
    assert leftovers(tmp_path) == []


def test_an_exporter_failing_midway_leaves_no_partial_file(examples_db, tmp_path):
    from armstrack.export.registry import EXPORTERS, export_file, register_exporter

    @register_exporter("half", what=("claims",), suffix=".txt")
    def write_half(found, out, *, what="claims") -> int:
        """Writes a line, then breaks (a stand-in for a full disk or a bug in an exporter)."""
        out.write("the first line\n")
        raise RuntimeError("exporter broke")

    with armstrack.open_store(examples_db) as store:
        found = claims.list_claims(store)
    try:
        fresh, existing = tmp_path / "fresh.txt", tmp_path / "existing.txt"
        existing.write_text("last night's export\n")
        for output in (fresh, existing):
            with pytest.raises(RuntimeError, match="exporter broke"):
                export_file(found, str(output), format="half", inputs=[examples_db])
    finally:
        del EXPORTERS["half"]
    assert not fresh.exists()
    assert existing.read_text() == "last night's export\n"
    assert leftovers(tmp_path) == []


def test_an_empty_output_name_is_refused(examples_db):
    result = export(examples_db, "-o", "")
    assert one_line_error(result) == "Error: the output file name is empty; name a file, or - for standard output"
    assert result.stdout == ""


def test_dash_is_stdout(examples_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = export(examples_db, "-o", "-")
    assert result.exit_code == 0, result.output
    assert os.listdir(tmp_path) == []  # no file called "-"
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["id"] for r in rows) == claim_ids(examples_db)


def test_an_ordinary_output_is_overwritten_in_place_keeping_its_mode(examples_db, tmp_path):
    output = tmp_path / "claims.csv"
    output.write_text("an older export\n")
    output.chmod(0o640)
    result = export(examples_db, "-o", str(output))
    assert result.exit_code == 0 and result.stderr == f"wrote 6 record(s) to {output}\n"
    assert output.read_text().startswith("id,supplier,")
    assert output.stat().st_mode & 0o777 == 0o640
    # a new output gets the mode a plain open() gives (the umask's), not a temporary file's 0600
    umask = os.umask(0)
    os.umask(umask)
    fresh = tmp_path / "fresh.csv"
    assert export(examples_db, "-o", str(fresh)).exit_code == 0
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    assert leftovers(tmp_path) == []


def test_graphml_is_a_typed_multidigraph_with_broker_legs(victim, tmp_path):
    """GraphML used to have untyped nodes, brokers pointing at suppliers (which then looked like
    recipients by in-degree), no grade or contradicted flag, and networkx read it as a DiGraph or
    a MultiDiGraph depending on the data (issue 11)."""
    import networkx as nx

    from armstrack.export.graphml import read_network

    with armstrack.open_store(victim) as store:
        belarus = next(c for c in claims.list_claims(store) if c.supplier == "BLR")
        claims.correct(store, belarus.id, field="broker", value="Iran", by="ana", why="routed via Iran")
    target = tmp_path / "net.graphml"
    assert CliRunner().invoke(cli, ["export", "--db", victim, "--format", "graphml", "-o", str(target)]).exit_code == 0
    graph = read_network(target)
    assert isinstance(graph, nx.MultiDiGraph)
    assert nx.read_graphml(target, force_multigraph=True).number_of_edges() == graph.number_of_edges() == 8
    assert {n: d["kind"] for n, d in graph.nodes(data=True)}["IRN"] == "state"
    assert graph.nodes["IRN"]["roles"] == "broker" and graph.nodes["BLR"]["name"] == "Belarus"
    legs = {(u, v, d["leg"]) for u, v, d in graph.edges(data=True) if d["kind"] == "broker"}
    assert legs == {("BLR", "IRN", "to broker"), ("IRN", "RUS", "from broker")}
    assert graph.in_degree("BLR") == 0  # the supplier never looks like a recipient
    transfer = next(d for u, v, d in graph.edges(data=True) if d["kind"] == "transfer" and u == "BLR")
    # Ukrainian intelligence's allegation beside Belarus's denial: contradicted, graded B4 (one
    # supporting origin, a denial; issue 23); both read back typed
    assert (transfer["contradicted"], transfer["grade"], transfer["claim"]) == (True, belarus.grade, belarus.id)
    assert belarus.grade == "B4" and isinstance(transfer["confidence"], float)
    assert "2025-04" in transfer["sources"] or transfer["sources"].endswith(".txt")


@pytest.mark.parametrize("halt", ["seized", "suspended"])
def test_a_new_status_goes_end_to_end(victim, halt):
    """A halt set on a claim (here by review: the reader learns the words next) is filtered,
    exported in the register with its date, and raised as an alert."""
    with armstrack.open_store(victim) as store:
        claim = next(c for c in claims.list_claims(store) if c.status == "delivered")
        claims.set_status(store, claim.id, halt, by="ana", why="the cargo was stopped at sea")
        [held] = claims.list_claims(store, status=halt)
        assert held.id == claim.id
        changes = claims.alerts(store, since="2000-01-01", by="ingested", kinds=["status_change"])
        assert any(a.claim_id == claim.id and halt in str(a.to_dict()) for a in changes)
    listed = CliRunner().invoke(cli, ["claims", "--db", victim, "--status", halt.upper(), "--json"])
    assert listed.exit_code == 0 and claim.id in listed.output
    out = CliRunner().invoke(cli, ["export", "--db", victim, "--format", "register"])
    [row] = [r for r in csv.DictReader(io.StringIO(out.output)) if r["Claim"] == claim.id]
    assert row["Status"] == halt and "analyst" in row["Comments"], row
