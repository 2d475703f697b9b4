"""SIGKILL loop: kill `armstrack ingest` (and `rebuild-claims`) at random points, re-run, and
check that nothing was lost, duplicated or damaged.

    python bench/crash.py [--kills 20] [--articles 40] [--seed 7]      (make crash)

The batch is the bundled examples, the first N articles of ../shared/corpora/bbc_news (when it is
beside the checkout) and a handful of bad files. A clean run gives the reference store. Then,
into a fresh store, each round starts ingest (every fifth round a claims rebuild instead) and
SIGKILLs it after a random delay between 0 and the clean run's duration, so kills land during
the first open and its migrations, mid-batch, between an article and its claims, and in a
rebuild. A last run goes to completion. Reported: kills that landed, `PRAGMA integrity_check`,
articles, events and claims lost or duplicated against the clean run, and claims that differ.
Writes bench/results/crash.json.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARMSTRACK_SHARED", ROOT.parent / "shared"))
ARMSTRACK = [sys.executable, "-m", "armstrack"]


def build_batch(folder: Path, articles: int) -> None:
    shutil.copytree(ROOT / "examples", folder / "examples", ignore=shutil.ignore_patterns("README.md"))
    bbc = sorted((SHARED / "corpora" / "bbc_news" / "news").glob("*/*.txt"))[:articles]
    (folder / "bbc").mkdir()
    for path in bbc:
        shutil.copy(path, folder / "bbc" / f"{path.parent.name}-{path.name}")
    bad = folder / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (bad / "deep.jsonl").write_bytes(b'{"text": ' + b"[" * 50_000 + b"\n")
    (bad / "mixed.jsonl").write_text('{"text": "too short"}\n{not json\n')


def run(args: list[str], *, kill_after: float | None = None) -> bool:
    """Run armstrack; True when it was killed before it finished."""
    proc = subprocess.Popen(ARMSTRACK + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if kill_after is None:
        proc.wait()
        return False
    try:
        proc.wait(timeout=kill_after)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def snapshot(db: Path) -> dict:
    con = sqlite3.connect(db)
    out = {
        "integrity": con.execute("PRAGMA integrity_check").fetchone()[0],
        "articles": [r[0] for r in con.execute("SELECT content_key FROM articles")],
        "events": [r[0] for r in con.execute("SELECT id FROM events")],
        "reports": [tuple(r) for r in con.execute("SELECT claim_id, event_id FROM claim_reports")],
        "claims": {r[0]: (r[1], r[2], r[3], round(r[4], 6)) for r in con.execute(
            "SELECT id, supplier, recipient, status, confidence FROM claims")},
        "pending": con.execute("SELECT COUNT(*) FROM articles WHERE claims_done = 0").fetchone()[0],
    }
    con.close()
    return out


def compare(clean: dict, crashed: dict) -> dict:
    def lost_and_dup(key):
        ref, got = clean[key], crashed[key]
        return len(set(ref) - set(got)), len(got) - len(set(got)), len(set(got) - set(ref))

    out = {"integrity": crashed["integrity"], "claims_pending": crashed["pending"]}
    for key in ("articles", "events", "reports"):
        lost, dup, extra = lost_and_dup(key)
        out[f"{key}_lost"], out[f"{key}_duplicated"], out[f"{key}_extra"] = lost, dup, extra
    out["claims_differing"] = sum(1 for k in set(clean["claims"]) | set(crashed["claims"])
                                  if clean["claims"].get(k) != crashed["claims"].get(k))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "crash.json")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="armstrack-crash-"))
    try:
        batch = work / "batch"
        build_batch(batch, args.articles)
        clean_db, db = work / "clean.db", work / "crashed.db"
        start = time.perf_counter()
        run(["ingest", "--quiet", "--db", str(clean_db), str(batch)])
        duration = time.perf_counter() - start
        clean = snapshot(clean_db)
        kills = attempts = 0
        while kills < args.kills and attempts < args.kills * 4:
            attempts += 1
            delay = rng.uniform(0.0, duration)
            command = (["rebuild-claims", "--db", str(db)] if attempts % 5 == 0 and db.exists()
                       else ["ingest", "--quiet", "--db", str(db), str(batch)])
            kills += run(command, kill_after=delay)
        run(["ingest", "--quiet", "--db", str(db), str(batch)])
        result = {"kills": kills, "attempts": attempts, "clean_run_seconds": round(duration, 1),
                  "articles": len(clean["articles"]), "events": len(clean["events"]),
                  "claims": len(clean["claims"]), **compare(clean, snapshot(db))}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    for key, value in result.items():
        print(f"{key:22} {value}")
    bad = [k for k, v in result.items() if (k.endswith(("_lost", "_duplicated", "_extra", "_differing", "_pending"))
                                             and v) or (k == "integrity" and v != "ok")]
    if bad:
        print("FAILED: " + ", ".join(bad))
        sys.exit(1)


if __name__ == "__main__":
    main()
