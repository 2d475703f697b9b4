"""The web server under concurrent clients: reads beside an ingest and beside review writes, on
SQLite and on PostgreSQL, with 16 and 64 clients (issue 21).

    python bench/load.py [--seconds 8] [--clients 16 64] [--pg URL | --no-pg]

The store is the bundled examples and tests/fixtures/claims, ingested once per engine and
copied fresh for each run. Each run serves its copy with `armstrack serve` in its own process on
a free loopback port, and starts the background at once:

  ingest    `armstrack ingest` of bbc_news politics articles into the same store, in another
            process; the clients start once it has stored its first article, and it is
            stopped when the run ends
  reviews   4 more clients posting accept reviews, one after another each

while the clients (threads of this process, one httpx client each) read in a loop for
`--seconds`: a page of /api/claims, the /claims page, one claim, an article search, the network.
Counts every request that failed (a transport error or any status but 2xx) and, for reviews,
every acknowledged one missing from the store afterwards. PostgreSQL: the server `--pg` names,
else one started from the installed binaries (tests/pgserver.py), else skipped. Prints a table
and writes bench/results/load.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import httpx  # noqa: E402

SHARED = Path(os.environ.get("ARMSTRACK_SHARED", ROOT.parent / "shared"))
BASE = [ROOT / "examples", ROOT / "tests" / "fixtures" / "claims"]
FEED = SHARED / "corpora" / "bbc_news" / "news" / "politics"
WRITERS = 4
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "armstrack", *args], cwd=ROOT, env=ENV, **kwargs)


def base_store(folder: Path) -> str:
    path = folder / "base.db"
    done = cli("ingest", "--quiet", "--db", str(path), *map(str, BASE), stderr=subprocess.PIPE, text=True)
    _, err = done.communicate(timeout=600)
    if done.returncode:
        raise SystemExit(f"ingesting the base store failed: {err}")
    return str(path)


def fresh_copy(base: str, engine: str, folder: Path, pg: str | None) -> str:
    """A copy of the base store on `engine` for one run."""
    from armstrack.store import open_store
    from armstrack.store.copy import copy_store

    if engine == "sqlite":
        target = str(folder / f"run-{uuid.uuid4().hex[:8]}.db")
        with sqlite3.connect(base) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return target
    import psycopg

    schema = f"load_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    target = f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"
    with open_store(base) as src, open_store(target) as dst:
        copy_store(src, dst)
    return target


def serve(url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = cli("serve", "--db", url, "--port", str(port), stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/api/claims?per_page=1", timeout=2).raise_for_status()
            return server, base
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


class Recorder:
    """Latencies and failures of one kind of request, from many threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ms: list[float] = []
        self.errors: dict[str, int] = {}

    def record(self, started: float, status: int | None, what: str = "") -> None:
        took = (time.perf_counter() - started) * 1000
        with self.lock:
            self.ms.append(took)
            if status is None or not 200 <= status < 300:
                key = what or str(status)
                self.errors[key] = self.errors.get(key, 0) + 1

    def summary(self, seconds: float) -> dict:
        ms = sorted(self.ms)
        pick = lambda q: round(ms[min(len(ms) - 1, int(len(ms) * q))], 1) if ms else None  # noqa: E731
        return {"requests": len(ms), "per_s": round(len(ms) / seconds, 1), "p50_ms": pick(0.50),
                "p99_ms": pick(0.99), "errors": sum(self.errors.values()), "by_error": dict(self.errors)}


def reader(base: str, claim_ids: list[str], until: float, out: Recorder, n: int) -> None:
    urls = ["/api/claims?per_page=20&page={page}", "/claims", "/api/claims/{claim}", "/api/articles?q=missiles",
            "/api/network"]
    with httpx.Client(base_url=base, timeout=120) as client:
        i = n
        while time.monotonic() < until:
            url = urls[i % len(urls)].format(page=1 + i % 2, claim=claim_ids[i % len(claim_ids)])
            started = time.perf_counter()
            try:
                out.record(started, client.get(url).status_code)
            except httpx.HTTPError as exc:
                out.record(started, None, type(exc).__name__)
            i += 1


def writer(base: str, claim_ids: list[str], until: float, out: Recorder, n: int, acked: list) -> None:
    with httpx.Client(base_url=base, timeout=120) as client:
        i = 0
        while time.monotonic() < until:
            why = f"load bench writer {n} review {i}"
            body = {"action": "accept", "target": claim_ids[(n + i) % len(claim_ids)], "by": f"bench{n}", "why": why}
            started = time.perf_counter()
            try:
                response = client.post("/api/review", json=body)
            except httpx.HTTPError as exc:
                out.record(started, None, type(exc).__name__)
            else:
                out.record(started, response.status_code)
                if 200 <= response.status_code < 300:
                    acked.append((response.json()["review"]["id"], why))
            i += 1


def _writing(base: str, before: int, ingest: subprocess.Popen) -> int:
    """Wait until the ingest has stored its first article (its model loaded, its writes begun),
    so that the clients read beside its writes; returns the article count then."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and ingest.poll() is None:
        total = httpx.get(base + "/api/articles", params={"per_page": 1}, timeout=60).json()["total"]
        if total > before:
            return total
        time.sleep(0.2)
    raise SystemExit("the background ingest stored nothing in 120 s")


def run(engine: str, url: str, clients: int, beside: str, seconds: float, folder: Path) -> dict:
    import armstrack

    server, base = serve(url)
    background = None
    try:
        listed = httpx.get(base + "/api/claims", params={"per_page": 500}, timeout=60).json()
        claim_ids = [c["id"] for c in listed["items"]]
        articles_before = httpx.get(base + "/api/articles", params={"per_page": 1}, timeout=60).json()["total"]
        reads, writes, acked = Recorder(), Recorder(), []
        if beside == "ingest":
            background = cli("ingest", "--quiet", "--db", url, str(FEED), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
            articles_before = _writing(base, articles_before, background)
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=reader, args=(base, claim_ids, until, reads, n)) for n in range(clients)]
        if beside == "reviews":
            threads += [threading.Thread(target=writer, args=(base, claim_ids, until, writes, n, acked))
                        for n in range(WRITERS)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        took = time.monotonic() - started
        result = {"engine": engine, "clients": clients, "beside": beside, "seconds": round(took, 1),
                  "reads": reads.summary(took)}
        if beside == "ingest":
            finished = background.poll() is not None
            if not finished:
                background.send_signal(signal.SIGTERM)
            background.wait(60)
            total = httpx.get(base + "/api/articles", params={"per_page": 1}, timeout=60).json()["total"]
            result["ingest"] = {"articles_added": total - articles_before, "finished": finished}
        else:
            with armstrack.open_store(url) as store:
                stored = {(c.id, c.why) for c in armstrack.query.review_log(store)}
            result["writes"] = {**writes.summary(took), "acknowledged": len(acked),
                                "lost": len(set(acked) - stored)}
        return result
    finally:
        if background is not None and background.poll() is None:
            background.kill()
        server.terminate()
        server.wait(30)


def postgres_server(args) -> tuple[str | None, dict | None]:
    if args.no_pg:
        return None, None
    if args.pg:
        return args.pg, None
    import pgserver

    if pgserver.bindir() is None:
        print("PostgreSQL is not installed: SQLite only", file=sys.stderr)
        return None, None
    server = pgserver.start()
    return server["url"], server


def table(results: list[dict]) -> str:
    lines = [f"{'engine':10} {'clients':>7} {'beside':8} {'reads/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}"
             f"   {'writes':>6} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'lost':>4}   ingested"]
    for r in results:
        reads = r["reads"]
        line = (f"{r['engine']:10} {r['clients']:>7} {r['beside']:8} {reads['per_s']:>8} {reads['p50_ms']:>7} "
                f"{reads['p99_ms']:>7} {reads['errors']:>6}")
        if "writes" in r:
            w = r["writes"]
            line += f"   {w['acknowledged']:>6} {w['p50_ms']:>7} {w['p99_ms']:>7} {w['errors']:>6} {w['lost']:>4}"
        else:
            line += f"   {'':>6} {'':>7} {'':>7} {'':>6} {'':>4}   {r['ingest']['articles_added']}"
        lines.append(line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="how long the clients read, per run")
    parser.add_argument("--clients", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--pg", help="a PostgreSQL server URL to use (else one is started, if installed)")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "load.json")
    args = parser.parse_args()
    if not FEED.is_dir():
        raise SystemExit(f"{FEED} is absent: ../shared (the corpora) is not beside this checkout")
    pg, started = postgres_server(args)
    folder = Path(tempfile.mkdtemp(prefix="armstrack-load-"))
    results = []
    try:
        base = base_store(folder)
        for engine in ["sqlite"] + (["postgresql"] if pg else []):
            for clients in args.clients:
                for beside in ("ingest", "reviews"):
                    url = fresh_copy(base, engine, folder, pg)
                    result = run(engine, url, clients, beside, args.seconds, folder)
                    results.append(result)
                    print(table([result]).splitlines()[-1], file=sys.stderr)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if started:
            import pgserver

            pgserver.stop(started)
    print(table(results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                                    "cpus": os.cpu_count(), "seconds": args.seconds, "writers": WRITERS,
                                    "ingest_corpus": "bbc_news politics", "results": results}, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
