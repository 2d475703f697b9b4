"""Peak memory of `armstrack ingest` on a 100 MB JSON Lines file: readers stream, so memory is
bounded by a batch of records, not by the file.

    python bench/memory.py [--mb 100] [--distinct 200]      (part of make reliability)

The file is built at run time from ../shared/corpora/bbc_news: `--distinct` articles as JSON
records, repeated (reprints, as a feed delivers them) until the file reaches `--mb` MB, with a
malformed line every 1,000 lines. Two subprocesses, each its own peak RSS: the readers alone
(`read_sources` over the file) and the whole `armstrack ingest` into a fresh SQLite store.
Writes bench/results/memory.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARMSTRACK_SHARED", ROOT.parent / "shared"))

READ_ONLY = """
import sys, resource
from armstrack.ingest import read_sources
from armstrack.errors import IngestError
n = bad = 0
for item in read_sources([sys.argv[1]]):
    n += 1
    bad += isinstance(item, IngestError)
print(n, bad, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def build(path: Path, megabytes: int, distinct: int) -> int:
    files = sorted((SHARED / "corpora" / "bbc_news" / "news").glob("*/*.txt"))[:distinct]
    lines = []
    for f in files:
        title, _, body = f.read_text(encoding="utf-8", errors="replace").partition("\n")
        lines.append(json.dumps({"title": title.strip(), "outlet": "BBC", "text": body}))
    target, written, count = megabytes * 1_000_000, 0, 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            line = lines[count % len(lines)] if count % 1000 != 999 else "{malformed"
            out.write(line + "\n")
            written += len(line) + 1
            count += 1
    return count


def measure(command: list[str]) -> tuple[float, float, str]:
    """Seconds, peak RSS in MB of the child alone, and its stdout."""
    code = ("import resource, subprocess, sys\n"
            "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "print(p.stdout.strip().splitlines()[-1] if p.stdout.strip() else '')\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, check=True).stdout
    seconds = time.perf_counter() - start
    summary, peak = out.strip().splitlines()[-2:] if out.count("\n") >= 2 else ("", out.strip())
    return seconds, int(peak) / 1024, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--distinct", type=int, default=200)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "memory.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        feed = Path(work) / "feed.jsonl"
        lines = build(feed, args.mb, args.distinct)
        size_mb = feed.stat().st_size / 1e6
        read_s, read_peak, read_out = measure([sys.executable, "-c", READ_ONLY, str(feed)])
        db = Path(work) / "m.db"
        ingest_s, ingest_peak, summary = measure([sys.executable, "-m", "armstrack", "ingest", "--quiet",
                                                  "--db", str(db), str(feed)])
    result = {"file_mb": round(size_mb, 1), "lines": lines, "distinct_articles": args.distinct,
              "readers_seconds": round(read_s, 1), "readers_peak_rss_mb": round(read_peak, 1),
              "ingest_seconds": round(ingest_s, 1), "ingest_peak_rss_mb": round(ingest_peak, 1),
              "ingest_summary": summary}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    for key, value in result.items():
        print(f"{key:22} {value}")


if __name__ == "__main__":
    main()
