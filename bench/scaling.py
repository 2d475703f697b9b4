"""Time per KB of one article from 10 KB to 200 KB: every per-article step should be linear.

    python bench/scaling.py [--sizes 10 20 50 100 200]      (part of make reliability)

Articles of each size are built at run time by joining ../shared/corpora/bbc_news politics
articles (paragraph breaks between them) and cutting at the size; each is extracted with
`armstrack.extract_article` (parse, our components, extraction and merging), best of two runs,
after one warm-up. Prints seconds and ms per KB per size and the ratio of ms/KB at the largest
size to the smallest (1.0 is linear). Writes bench/results/scaling.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARMSTRACK_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT / "src"))


def article_of(kb: int, files: list[Path]) -> str:
    parts, size, i = [], 0, 0
    while size < kb * 1000:
        text = files[i % len(files)].read_text(encoding="utf-8", errors="replace")
        parts.append(text)
        size += len(text) + 2
        i += 1
    return "\n\n".join(parts)[:kb * 1000]


def main() -> None:
    from armstrack.pipeline import extract_article
    from armstrack.records import Article

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 20, 50, 100, 200])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scaling.json")
    args = parser.parse_args()
    files = sorted((SHARED / "corpora" / "bbc_news" / "news" / "politics").glob("*.txt"))
    if not files:
        sys.exit(f"{SHARED / 'corpora' / 'bbc_news'} is absent: ../shared must be beside the checkout")
    extract_article(Article(id="warm-up", text=article_of(2, files)))
    rows = []
    for kb in args.sizes:
        article = Article(id=f"size-{kb}", text=article_of(kb, files))
        times, events = [], 0
        for _ in range(2):
            start = time.perf_counter()
            events = len(extract_article(article))
            times.append(time.perf_counter() - start)
        best = min(times)
        rows.append({"kb": kb, "seconds": round(best, 2), "ms_per_kb": round(best * 1000 / kb, 1), "events": events})
        print(f"{kb:5} KB  {best:7.2f} s  {best * 1000 / kb:7.1f} ms/KB  {events:4} events", flush=True)
    ratio = rows[-1]["ms_per_kb"] / rows[0]["ms_per_kb"]
    print(f"ms/KB at {rows[-1]['kb']} KB / at {rows[0]['kb']} KB: {ratio:.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"rows": rows, "ratio": round(ratio, 2)}, indent=2) + "\n")


if __name__ == "__main__":
    main()
