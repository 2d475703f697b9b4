"""Articles per second on Dask beside one process: the same bbc_news slice, in one run.

    python bench/dask_bench.py [--limit 600] [--scope transfers]

Modes: one process (`pipeline.extract_planned`), then a LocalCluster of 1 and of 2 worker
processes (one thread each) running `armstrack.pipeline.distributed.extract_distributed`, what
`armstrack ingest --dask local:N` runs. For each: the cluster's start, the workers' pipeline
load (`workers.ready`, once per worker) and the extraction, timed apart; articles/s is over
the extraction and, in `with_start`, over all three. The TRANSFER events of every mode are
compared with those of one process. Writes bench/results/dask.json and prints a table.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def _transfers(results) -> tuple[list[str], int]:
    out, n = [], 0
    for _, events, _ in results:
        n += 1
        if not isinstance(events, Exception):
            out += [json.dumps(e.to_dict(), sort_keys=True) for e in events if e.type == "TRANSFER"]
    return out, n


def _warm(scope: str) -> None:
    """Load the pipeline in a worker (what its first batch would do), returning nothing."""
    from armstrack.pipeline.workers import ready

    ready((), scope)


def run(articles, scope: str, workers: int | None) -> dict:
    from armstrack.pipeline import extract_planned
    from armstrack.pipeline.workers import ready

    started = time.perf_counter()
    if workers is None:
        ready((), scope)
        loaded = time.perf_counter()
        transfers, n = _transfers(extract_planned(articles, scope=scope, batch_size=32))
        cluster_s = 0.0
    else:
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            up = time.perf_counter()
            cluster_s = up - started
            client.run(_warm, scope)
            loaded = time.perf_counter()
            transfers, n = _transfers(extract_planned(articles, scope=scope, batch_size=32, dask=client))
    done = time.perf_counter()
    seconds = done - loaded
    return {"mode": "one process" if workers is None else f"dask {workers} worker(s)", "articles": n,
            "cluster_seconds": round(cluster_s, 2), "load_seconds": round(loaded - started - cluster_s, 2),
            "seconds": round(seconds, 2), "articles_per_second": round(n / seconds, 1),
            "with_start": round(n / (done - started), 1), "transfers": transfers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "bbc_news")
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--scope", default="transfers", choices=["transfers", "all"])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "dask.json")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found (../shared/corpora must sit beside the checkout)")
    from throughput import load_articles

    articles = load_articles(args.corpus, args.limit)
    rows = [run(articles, args.scope, w) for w in (None, 1, 2)]
    base = rows[0]
    print(f"{'mode':18} {'articles':>8} {'cluster s':>9} {'load s':>6} {'sec':>7} {'art/s':>7} "
          f"{'x one':>6} {'with start':>10} {'same':>5}")
    for row in rows:
        row["ratio_to_one_process"] = round(row["articles_per_second"] / base["articles_per_second"], 2)
        row["transfers_identical"] = row["transfers"] == base["transfers"]
        print(f"{row['mode']:18} {row['articles']:8} {row['cluster_seconds']:9} {row['load_seconds']:6} "
              f"{row['seconds']:7} {row['articles_per_second']:7} {row['ratio_to_one_process']:6} "
              f"{row['with_start']:10} {str(row['transfers_identical']):>5}")
    for row in rows:
        row["transfers"] = len(row["transfers"])
    report = {"machine": f"{platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores",
              "corpus": f"{args.corpus.name} (first {len(articles)} articles)", "scope": args.scope, "results": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
