"""The store's own cost on SQLite and on PostgreSQL, parsing left out.

    python bench/backends.py [--articles 600] [--pg postgresql://...]

Extracts (once, gate on) the claims corpus (tests/fixtures/claims) and the first `--articles`
articles of ../shared/corpora/bbc_news, then for each engine writes them as `armstrack ingest`
does (each article and its events in one transaction, then its claims update), and times a
full claims rebuild, a claims listing and a full-text search. PostgreSQL is the server `--pg`
(or ARMSTRACK_BENCH_PG) names, else a throwaway one started like the tests' (tests/pgserver.py).
Writes bench/results/backends.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARMSTRACK_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


def extracted(limit: int):
    from armstrack.ingest import read_sources
    from armstrack.pipeline import extract_planned

    sources = [ROOT / "tests" / "fixtures" / "claims"]
    bbc = sorted((SHARED / "corpora" / "bbc_news" / "news").rglob("*.txt"))[:limit]
    articles = [a for a in read_sources([*sources, *bbc]) if not isinstance(a, Exception)]
    out = []
    for article, events, _ in extract_planned(articles, scope="transfers"):
        if not isinstance(events, Exception):
            out.append((article, events))
    return out


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(url: str, items) -> dict:
    from armstrack import claims, open_store, query

    with open_store(url) as store:
        def write():
            for article, events in items:
                if store.add_article(article, events):
                    claims.update_for_article(store, article.id)
        write_s = timed(write)
        rebuild_s = timed(lambda: claims.rebuild(store))
        list_s = min(timed(lambda: query.list_claims(store, per_page=50)) for _ in range(5))
        search_s = min(timed(lambda: query.list_articles(store, q="missiles")) for _ in range(5))
        counts = store.counts()
        n_claims = store.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    return {"articles": counts["articles"], "events": sum(v for k, v in counts.items() if k != "articles"),
            "claims": n_claims, "write_s": round(write_s, 2),
            "articles_per_s": round(len(items) / write_s, 1), "rebuild_s": round(rebuild_s, 3),
            "list_claims_ms": round(list_s * 1000, 1), "search_ms": round(search_s * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--pg", default=os.environ.get("ARMSTRACK_BENCH_PG"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "backends.json")
    args = parser.parse_args()
    items = extracted(args.articles)
    server = None
    pg = args.pg
    if not pg:
        import pgserver

        server = pgserver.start()
        pg = server["url"]
    try:
        with tempfile.TemporaryDirectory() as folder:
            rows = {"sqlite": run(str(Path(folder) / "bench.db"), items), "postgresql": run(pg, items)}
    finally:
        if server:
            pgserver.stop(server)
    print(f"{len(items)} articles extracted once; store cost only")
    print(f"{'engine':12} {'articles/s':>10} {'write s':>8} {'rebuild s':>9} {'list ms':>8} {'search ms':>9}")
    for name, row in rows.items():
        print(f"{name:12} {row['articles_per_s']:>10} {row['write_s']:>8} {row['rebuild_s']:>9} "
              f"{row['list_claims_ms']:>8} {row['search_ms']:>9}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": f"{platform.machine()}, {os.cpu_count()} cores",
                                    "items": len(items), "results": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
