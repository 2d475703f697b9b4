"""Throughput and peak memory: armstrack's pipeline beside the bare spaCy model, same texts, same run.

    python bench/throughput.py [--corpus ../shared/corpora/ag_news/test.csv] [--limit N]

Each mode runs in its own subprocess so peak RSS is its own. Modes:
    bare   the statistical spaCy model alone (nlp.pipe)
    kb     the model plus the knowledge-base ruler, metonymy and coreference components
    full   everything armstrack does per article: pipeline plus event extraction and merging
Writes bench/results/throughput.json and prints a table.
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "ag_news" / "test.csv"


def load_texts(path: Path, limit: int | None) -> list[str]:
    """The corpus texts, read the way `armstrack kb coverage` reads them (AG News CSV included)."""
    sys.path.insert(0, str(ROOT / "src"))
    from armstrack.resolve.coverage import read_texts

    return list(read_texts(path, limit))


def run_mode(mode: str, corpus: Path, limit: int | None) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from armstrack.nlp.pipeline import load_model, load_nlp
    from armstrack.extract import extract_doc

    texts = load_texts(corpus, limit)
    start_load = time.perf_counter()
    nlp = load_model() if mode == "bare" else load_nlp()
    load_seconds = time.perf_counter() - start_load
    start = time.perf_counter()
    events = 0
    for doc in nlp.pipe(texts, batch_size=64):
        if mode == "full":
            events += len(extract_doc(doc))
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "articles": len(texts), "characters": sum(map(len, texts)),
            "seconds": round(seconds, 2), "articles_per_second": round(len(texts) / seconds, 1),
            "load_seconds": round(load_seconds, 2), "peak_rss_mb": round(peak_mb, 1), "events": events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--mode", choices=["bare", "kb", "full"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "throughput.json")
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.corpus, args.limit)))
        return
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found (../shared/corpora must sit beside the checkout)")
    results = []
    for mode in ("bare", "kb", "full"):
        cmd = [sys.executable, __file__, "--mode", mode, "--corpus", str(args.corpus)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    bare = results[0]["articles_per_second"]
    for r in results:
        r["ratio_to_bare"] = round(r["articles_per_second"] / bare, 3)
    report = {"corpus": str(args.corpus.relative_to(ROOT.parent)) if ROOT.parent in args.corpus.parents else str(args.corpus),
              "machine": f"{platform.machine()}, {platform.python_version()}, single process", "results": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"{'mode':6} {'articles':>8} {'sec':>7} {'art/s':>7} {'ratio':>6} {'peak MB':>8} {'load s':>7} {'events':>6}")
    for r in results:
        print(f"{r['mode']:6} {r['articles']:8} {r['seconds']:7} {r['articles_per_second']:7} "
              f"{r['ratio_to_bare']:6} {r['peak_rss_mb']:8} {r['load_seconds']:7} {r['events']:6}")


if __name__ == "__main__":
    main()
