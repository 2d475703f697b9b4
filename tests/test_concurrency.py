"""Several `armstrack ingest` processes on one store at once: overlapping folders of the claims
corpus give exactly the articles, events and claims of one sequential run (4 processes on
PostgreSQL, 2 on SQLite, where writers take turns on the file's lock)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import armstrack
from conftest import FIXTURES, ROOT, fresh_url

CORPUS = FIXTURES / "claims"


@pytest.fixture
def db_path(db_url):
    return db_url


def overlapping(folder: Path, n: int) -> list[Path]:
    """`n` folders, each file of the corpus in two of them."""
    files = sorted(p for p in CORPUS.iterdir() if p.is_file())
    folders = [folder / f"part{i}" for i in range(n)]
    for f in folders:
        f.mkdir()
    for j, path in enumerate(files):
        for i in {j % n, (j + 1) % n}:
            shutil.copy(path, folders[i] / path.name)
    return folders


def snapshot(url: str) -> dict:
    """What a store holds, independent of the order it was written in."""
    with armstrack.open_store(url) as store:
        db = store.db
        articles = sorted(r[0] for r in db.execute("SELECT id FROM articles"))
        events = sorted((r[0], r[1], r[2]) for r in db.execute("SELECT id, article_id, data FROM events"))
        reports = {}
        for claim_id, event_id in db.execute("SELECT claim_id, event_id FROM claim_reports"):
            reports.setdefault(claim_id, set()).add(event_id)
        claims = sorted((r["supplier"], r["recipient"], r["item_key"], r["status"], round(r["confidence"], 6),
                         r["contradicted"], tuple(sorted(reports.get(r["id"], ())))) for r in
                        db.execute("SELECT id, supplier, recipient, item_key, status, confidence, contradicted FROM claims"))
        pending = db.execute("SELECT COUNT(*) FROM articles WHERE claims_done = 0").fetchone()[0]
    return {"articles": articles, "events": events, "claims": claims, "pending": pending}


def ingest_at_once(url: str, folders: list[Path]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    procs = [subprocess.Popen([sys.executable, "-m", "armstrack", "ingest", "--quiet", "--db", url, str(f)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for f in folders]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "error" not in err, err


@pytest.mark.slow
def test_processes_ingesting_overlapping_folders_equal_one_sequential_run(db_url, backend, tmp_path):
    n = 4 if backend == "postgresql" else 2
    folders = overlapping(tmp_path, n)
    sequential = fresh_url(backend, tmp_path, "sequential.db")
    with armstrack.open_store(sequential) as store:
        report = armstrack.ingest([CORPUS], store, scope="transfers")  # the CLI's default
    assert report.added == 36 and not report.errors
    start = time.monotonic()
    ingest_at_once(db_url, folders)
    took = time.monotonic() - start
    want, got = snapshot(sequential), snapshot(db_url)
    assert got["pending"] == 0
    assert got["articles"] == want["articles"] and len(got["articles"]) == 36
    assert got["events"] == want["events"]
    assert got["claims"] == want["claims"], f"after {took:.1f} s of {n} processes"
