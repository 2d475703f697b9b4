"""Network latency on the store of bench/web.py (100,000 claims): /network and /api/network,
unfiltered and filtered, over real HTTP (issue 24: the unfiltered page took about 6 s).

    python bench/network.py --db /tmp/web100k.db [--requests 30]

Builds the store as bench/web.py does when --db names none yet (same generator, same seed),
serves it with `armstrack serve` in its own process and times each URL one request at a time.
Prints medians and 95th percentiles and writes bench/results/network.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402

import web  # noqa: E402  (bench/web.py: build, built, serve, timed)

URLS = ["/network", "/api/network", "/network?status=delivered", "/api/network?supplier=RUS",
        "/network?recipient=Middle+East", "/network?category=missiles&since=2020", "/api/network?limit=2000"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="the store (built when it does not exist, and kept)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "network.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or os.path.join(tmp, "web-bench.db")
        if not web.built(path):
            web.build(path, args.claims, args.seed)
        port = web.free_port()
        server = web.serve(path, port)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                total = client.get("/api/claims", params={"per_page": 1, "facets": "none"}).json()["total"]
                shape = client.get("/api/network").json()
                rows = [web.timed(client, url, args.requests) for url in URLS]
        finally:
            server.terminate()
            server.wait(10)
    print(f"{total:,} claims; unfiltered: {shape['pairs_shown']} of {shape['pairs_total']:,} pairs drawn "
          f"({shape['edges_shown']} edges), {len(shape['nodes'])} actors; {args.requests} requests per URL, one at a time")
    print(f"{'URL':48} {'median ms':>10} {'p95 ms':>8} {'bytes':>8}")
    for row in rows:
        print(f"{row['url']:48} {row['median_ms']:>10} {row['p95_ms']:>8} {row['bytes']:>8}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                                    "cpus": os.cpu_count(), "claims": total, "pairs_total": shape["pairs_total"],
                                    "pairs_shown": shape["pairs_shown"], "requests": args.requests,
                                    "results": rows}, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
