"""False-positive audit on ../shared/corpora/bbc_news (2,095 full-length BBC articles, headline
first, no labels): every TRANSFER event armstrack finds, one line each, for a reader to judge.

    python bench/bbc_transfers.py [--limit N]

Almost none of these articles is about an arms transfer, so each line is either one of the few
that are (EU-China arms embargo stories) or a false positive to look at. Prints the count last.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARMSTRACK_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    from armstrack.ingest import read_sources
    from armstrack.pipeline import extract_safely
    from armstrack.records import Article

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    files = sorted((SHARED / "corpora" / "bbc_news" / "news").glob("*/*.txt"))[:args.limit]
    if not files:
        sys.exit(f"{SHARED / 'corpora' / 'bbc_news'} is absent: ../shared must be beside the checkout")
    articles = (a for a in read_sources(files) if isinstance(a, Article))
    found = 0
    for article, events in extract_safely(articles):
        if isinstance(events, Exception):
            print(f"error: {article.source}: {events}")
            continue
        for event in events:
            if event.type != "TRANSFER":
                continue
            found += 1
            d = event.to_dict()
            sides = f"{(d.get('supplier') or {}).get('id')} -> {(d.get('recipient') or {}).get('id')}"
            name = Path(article.source).parent.name + "/" + Path(article.source).name
            print(f"{name[:48]:48} {sides:16} {d['item']['text'][:28]!r:30} {d['status']:11} "
                  f"| {d['evidence']['sentence'][:100]}")
    print(f"{found} TRANSFER event(s) in {len(files)} articles")


if __name__ == "__main__":
    main()
