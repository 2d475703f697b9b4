"""Extraction on a Dask cluster (a real LocalCluster of two worker processes) stores what one
process stores, resumes without resending what is stored, and reports bad files as one line."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from armstrack.cli import cli
from armstrack.pipeline.distributed import check_address
from armstrack.errors import ConfigError
from conftest import EXAMPLES, FIXTURES, fresh_url
from test_workers import _rows

ARMS = ("Norway buys K9 howitzers\n\nOSLO, May 2 - Norway has signed a contract to buy 24 K9 Thunder "
        "howitzers from South Korea, the defence ministry said on Friday.\n")
TOWN = "Leeds opens a park\n\nThe council of Leeds opened a new park on Saturday after years of planning.\n"


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local, \
            Client(local) as client:
        yield client


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask")
    (folder / "howitzers.txt").write_text(ARMS)
    (folder / "park.txt").write_text(TOWN)          # gated out whole, stored all the same
    (folder / "empty.txt").write_text("")           # a bad file: one error line, the rest goes on
    (folder / "latin1.txt").write_bytes("Caf\xe9 news\n\nThe caf\xe9 opened.".encode("latin-1"))
    return [str(EXAMPLES), str(folder), str(FIXTURES / "claims")]


def _ingest(db, sources, *extra):
    return CliRunner().invoke(cli, ["ingest", "--db", db, "--quiet", *extra, *sources])


def _executed(client) -> int:
    return sum(client.run(lambda dask_worker: dask_worker.state.executed_count).values())


def _stored(url: str) -> dict:
    """Articles, events and claims of a store on either engine, as plain tuples."""
    import armstrack

    with armstrack.open_store(url) as store:
        db = store.db
        return {
            "articles": [tuple(r) for r in db.execute("SELECT id, title, published, gated FROM articles ORDER BY rowid")],
            "events": [tuple(r) for r in db.execute("SELECT id, article_id, seq, data FROM events ORDER BY article_id, seq")],
            "claims": [tuple(r) for r in db.execute("SELECT id, supplier, recipient, item_key, status, confidence"
                                                    " FROM claims ORDER BY id")],
        }


@pytest.mark.slow
def test_a_dask_run_stores_what_one_process_stores_and_resumes(cluster, sources, backend, _pg_url, tmp_path):
    """On SQLite and on PostgreSQL, the store a real cluster's batches are written into."""
    one, many = str(tmp_path / "one.db"), fresh_url(backend, tmp_path, "dask.db")
    sequential = _ingest(one, sources)
    distributed = _ingest(many, sources, "--dask", cluster.scheduler.address)
    assert sequential.exit_code == distributed.exit_code == 1  # the two bad files
    assert distributed.output == sequential.output
    lines = distributed.output.splitlines()
    assert [l for l in lines if l.startswith("error:")] == [
        f"error: {sources[1]}/empty.txt: empty file",
        f"error: {sources[1]}/latin1.txt: invalid UTF-8 (byte 0xe9 at offset 3); re-encode it or pass --encoding"]
    assert "44 article(s) added, 0 already stored, 2 failed" in distributed.output
    first = _rows(one)
    assert first["events"] and first["claims"] and any(gated for *_, gated in first["articles"])
    assert _stored(many) == _stored(one)
    # every worker loaded the pipeline once, however many batches it was given
    loads = cluster.run(lambda: __import__("armstrack.pipeline.workers").pipeline.workers.ready.cache_info().misses)
    assert sorted(loads.values()) == [1, 1]
    # a second run sends nothing to the cluster and adds nothing
    before = _executed(cluster)
    again = _ingest(many, sources, "--dask", cluster.scheduler.address)
    assert "0 article(s) added, 44 already stored, 2 failed" in again.output
    assert _executed(cluster) == before and _stored(many) == _stored(one)


@pytest.mark.slow
def test_reprocess_on_dask(cluster, tmp_path):
    db = str(tmp_path / "r.db")
    assert _ingest(db, [str(EXAMPLES)]).exit_code == 0
    before = _rows(db)
    result = CliRunner().invoke(cli, ["reprocess", "--db", db, "--quiet", "--dask", cluster.scheduler.address])
    assert result.exit_code == 0 and "re-extracted 6 article(s)" in result.output
    assert _rows(db) == before


def test_dask_addresses(tmp_path):
    assert check_address("local:2") == "local:2" and check_address("tcp://10.0.0.5:8786")
    for bad in ("local:0", "local", "10.0.0.5:8786", "dask"):
        with pytest.raises(ConfigError, match="give local:N"):
            check_address(bad)
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--dask", "nowhere", str(EXAMPLES)])
    assert result.exit_code == 1 and result.output.startswith("Error: --dask nowhere: give local:N")
    assert not db.exists()  # refused before the store is opened


@pytest.mark.slow
def test_a_batch_whose_workers_keep_dying_is_one_line_and_the_rest_is_stored(cluster, tmp_path):
    """A batch that kills every worker it is given (SIGKILL, `faults` point `in-batch`) ends in
    Dask's KilledWorker: one error line for the batch, the other batches stored, the summary,
    exit 1 (before: a KilledWorker traceback and no summary). A second run stores the rest."""
    import dask
    from distributed import Client, LocalCluster

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(48):  # three batches of 16, in file-name order; the second one holds the poison
        name = f"n{n:02d}" + ("-poison" if n == 20 else "")
        (folder / f"{name}.txt").write_text(f"Story {n}\n\nThe council of town number {n} met on Monday "
                                            f"and approved plan {n} for its parks.\n")
    db = str(tmp_path / "lost.db")
    # a worker death counts against every task it held: one task a worker, so only the poison
    # batch is charged; one retry (two deaths) is enough to make it KilledWorker
    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.scheduler.worker-saturation": 1.0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                         env={"ARMSTRACK_CRASH_AT": "in-batch", "ARMSTRACK_CRASH_IF": "-poison"}) as dying, \
            Client(dying) as client:
        result = _ingest(db, [str(folder)], "--dask", client.scheduler.address)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    assert errors[0].startswith(f"error: batch of 16 article(s) lost ({folder}/n16.txt ... {folder}/n31.txt): "
                                "KilledWorker: Attempted to run task")
    assert errors[0].endswith("; not stored, run again to retry them")
    assert ("32 article(s) added, 0 already stored, 1 failed; 0 event(s): none; 16 article(s) of lost batches "
            "not stored (run again to retry them)") in result.output
    assert len(_rows(db)["articles"]) == 32
    again = _ingest(db, [str(folder)], "--dask", cluster.scheduler.address)
    assert again.exit_code == 0 and "16 article(s) added, 32 already stored, 0 failed" in again.output
