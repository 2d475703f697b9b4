"""Throughput and peak memory: armstrack beside the bare spaCy model, same texts, same run.

    python bench/throughput.py [--corpus PATH ...] [--limit N] [--modes bare,full,gate,gate2]

Corpora (default both): AG News test (7,600 short items) and ../shared/corpora/bbc_news (2,095
full-length BBC articles, read as `armstrack ingest` reads them). Each mode runs in its own
subprocess so its peak RSS is its own. Modes:
    bare    the statistical spaCy model alone (nlp.pipe)
    kb      the model plus armstrack's components (knowledge-base ruler, metonymy, coreference)
    full    everything armstrack does per article, no gate (`--scope all`)
    gate    the same behind the relevance gate (`--scope transfers`, the default), one process
    gate2   the gate and two worker processes (`--workers 2`; their start-up is in the time)
The TRANSFER events of `full` and `gate` are compared: the gate must lose none. Writes
bench/results/throughput.json and prints a table.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
AG_NEWS = SHARED / "ag_news" / "test.csv"   # also bench/agnews_audit.py's corpus
CORPORA = [AG_NEWS, SHARED / "bbc_news"]
MODES = ("bare", "full", "gate", "gate2")


def load_articles(path: Path, limit: int | None):
    """The corpus as Article records: AG News rows as `kb coverage` reads them, a folder of
    articles as `armstrack ingest` reads it (cleaned, headline as title)."""
    sys.path.insert(0, str(ROOT / "src"))
    from armstrack.ingest import read_sources
    from armstrack.records import Article
    from armstrack.resolve.coverage import read_texts

    if path.is_dir():
        files = sorted(path.rglob("*.txt"))[:limit]
        return [a for a in read_sources(files) if isinstance(a, Article)]
    return [Article(id=hashlib.sha256(t.encode()).hexdigest()[:16], text=t) for t in read_texts(path, limit)]


def run_mode(mode: str, corpus: Path, limit: int | None) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from armstrack.nlp.pipeline import load_model, load_nlp
    from armstrack.pipeline import extract_planned

    articles = load_articles(corpus, limit)
    start_load = time.perf_counter()
    if mode == "bare":
        nlp = load_model()
    else:
        nlp = load_nlp()
        if mode.startswith("gate"):
            from armstrack.gate import gate

            gate()
    load_seconds = time.perf_counter() - start_load
    transfers, events, gated = [], 0, 0
    start = time.perf_counter()
    if mode in ("bare", "kb"):
        for _ in nlp.pipe((a.text for a in articles), batch_size=64):
            pass
    else:
        scope = "all" if mode == "full" else "transfers"
        workers = 2 if mode == "gate2" else 1
        for article, found, was_gated in extract_planned(articles, scope=scope, workers=workers, batch_size=32):
            if isinstance(found, Exception):
                continue
            gated += was_gated
            events += len(found)
            transfers += [json.dumps(e.to_dict(), sort_keys=True) for e in found if e.type == "TRANSFER"]
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"mode": mode, "articles": len(articles), "characters": sum(len(a.text) for a in articles),
            "seconds": round(seconds, 2), "articles_per_second": round(len(articles) / seconds, 1),
            "load_seconds": round(load_seconds, 2), "peak_rss_mb": round(peak_mb, 1),
            "worker_peak_rss_mb": round(child_mb, 1) if mode == "gate2" else None,
            "events": events, "transfers": len(transfers), "gated_articles": gated,
            "transfers_digest": hashlib.sha256("\n".join(transfers).encode()).hexdigest()[:16],
            "transfer_list": transfers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "throughput.json")
    args = parser.parse_args()
    corpora = args.corpus or CORPORA
    if args.mode:
        print(json.dumps(run_mode(args.mode, corpora[0], args.limit)))
        return
    report = {"machine": f"{platform.machine()}, Python {platform.python_version()}, "
                         f"{__import__('os').cpu_count()} cores", "corpora": []}
    print(f"{'corpus':10} {'mode':6} {'articles':>8} {'sec':>7} {'art/s':>7} {'ratio':>6} {'peak MB':>8} "
          f"{'events':>6} {'transfers':>9}")
    for corpus in corpora:
        if not corpus.exists():
            sys.exit(f"{corpus}: corpus not found (../shared/corpora must sit beside the checkout)")
        results = []
        for mode in args.modes.split(","):
            cmd = [sys.executable, __file__, "--mode", mode, "--corpus", str(corpus)]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
        bare = next((r["articles_per_second"] for r in results if r["mode"] == "bare"), None)
        by_mode = {r["mode"]: r for r in results}
        for r in results:
            r["ratio_to_bare"] = round(r["articles_per_second"] / bare, 2) if bare else None
        entry = {"corpus": str(corpus.relative_to(ROOT.parent)) if ROOT.parent in corpus.parents else str(corpus),
                 "results": results}
        lists = {r["mode"]: r.pop("transfer_list") for r in results}
        if "full" in by_mode and "gate" in by_mode:
            entry["gate_loses_no_transfer"] = lists["full"] == lists["gate"]
            entry["differing_transfers"] = [
                {"only_in": "full" if t in lists["full"] else "gate", "event": json.loads(t)}
                for t in sorted(set(lists["full"]) ^ set(lists["gate"]))]
        report["corpora"].append(entry)
        name = corpus.name if corpus.is_dir() else corpus.parent.name
        for r in results:
            print(f"{name:10} {r['mode']:6} {r['articles']:8} {r['seconds']:7} {r['articles_per_second']:7} "
                  f"{r['ratio_to_bare']!s:>6} {r['peak_rss_mb']:8} {r['events']:6} {r['transfers']:9}"
                  + (f"  (workers {r['worker_peak_rss_mb']} MB each)" if r.get("worker_peak_rss_mb") else ""))
        if "gate_loses_no_transfer" in entry:
            print(f"{name:10} TRANSFER events with the gate identical to without: {entry['gate_loses_no_transfer']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
