"""Library latency of armstrack.query on a store of 100,000 claims (no HTTP: what the CLI and
the web layer both pay).

    python bench/query.py [--claims 100000] [--repeat 30] [--db PATH]

The store is generated as bench/web.py does (synthetic articles with one TRANSFER event each
through the store, no NLP, then `claims.rebuild`); `--db PATH` keeps it and reuses it. Each
call is timed `--repeat` times in this process; prints medians and 95th percentiles and writes
bench/results/query.json.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from armstrack import open_store, query  # noqa: E402


def _generator():
    spec = importlib.util.spec_from_file_location("bench_web", ROOT / "bench" / "web.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(label: str, call, repeat: int) -> dict:
    call()  # warm: the knowledge base and SQLite's page cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"call": label, "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="keep the generated store here (reused when it exists)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "query.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or os.path.join(tmp, "query-bench.db")
        build_s = None if os.path.exists(path) else _generator().build(path, args.claims, args.seed)
        store = open_store(path)
        first = query.list_claims(store, sort="confidence", per_page=1)
        claim_id, total = first.items[0].id, first.total
        some = first.items[0]
        calls = [
            ("list_claims()", lambda: query.list_claims(store)),
            ("list_claims(page=500)", lambda: query.list_claims(store, page=500)),
            ("list_claims(supplier='Russia', sort='confidence')",
             lambda: query.list_claims(store, supplier="Russia", sort="confidence")),
            ("list_claims(recipient=..., status='delivered', since='2020')",
             lambda: query.list_claims(store, recipient=some.recipient, status="delivered", since="2020")),
            ("list_claims(category='missiles', since='1y')", lambda: query.list_claims(store, category="missiles", since="1y")),
            ("list_claims(q=...)", lambda: query.list_claims(store, q=some.item_key[:5])),
            ("get_claim(id)", lambda: query.get_claim(store, claim_id)),
            ("list_events(type='TRANSFER', supplier='RUS')", lambda: query.list_events(store, type="TRANSFER", supplier="RUS")),
            ("list_articles()", lambda: query.list_articles(store)),
            ("alerts(since='2024-01-01')", lambda: query.alerts(store, since="2024-01-01")),
            ("network(supplier='RUS')", lambda: query.network(store, supplier="RUS")),
        ]
        rows = [timed(label, call, args.repeat) for label, call in calls]
        store.close()
    print(f"{total:,} claims, {args.repeat} calls each, one process")
    print(f"{'call':62} {'median ms':>10} {'p95 ms':>8}")
    for row in rows:
        print(f"{row['call']:62} {row['median_ms']:>10} {row['p95_ms']:>8}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                                    "cpus": os.cpu_count(), "claims": total,
                                    "build_s": build_s and round(build_s, 1), "repeat": args.repeat,
                                    "results": rows}, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
