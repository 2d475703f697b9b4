"""The relevance gate loses nothing: TRANSFER events, and the events that can link to a claim
reported elsewhere, with the gate and without, on every corpus.

    python bench/gate_check.py [--only NAME ...]

Corpora: every eval corpus in ../shared/corpora (RAMS, WikiEvents, GENEVA, PLOVER, PETRARCH:
their documents as `armstrack eval` reads them, raw), the example article (../shared/examples),
the claims corpus (tests/fixtures/claims), examples/ and bbc_news (as `armstrack ingest`
reads them). For each: documents, how many the gate skipped whole or in part, the share of
characters the parser read, TRANSFER events without and with the gate, and whether the two
lists are identical (every field, offsets included); then, for the events that link to claims
reported elsewhere (`claims.links.links_across`: meetings of two parties, attacks with attacker
and weapon, sanctions and statements about a transfer), whether what decides their links
(`claims.links.link_key`) is the same. Writes bench/results/gate.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


def corpora() -> dict:
    from armstrack.eval import datasets

    c = SHARED / "corpora"
    return {
        "rams": (datasets.load_rams, c / "rams" / "dev.jsonlines"),
        "wikievents": (datasets.load_wikievents, c / "wikievents" / "dev.jsonl"),
        "geneva": (datasets.load_geneva, c / "geneva" / "data" / "val.json"),
        "plover": (datasets.load_plover, c / "plover_gsr" / "PLOVER_GSR_CAMEO.txt"),
        "petrarch": (datasets.load_petrarch, c / "petrarch_validation" / "PETR_Validate_records_2_02.xml"),
        "kyiv-example": (None, SHARED / "examples"),
        "claims-fixtures": (None, ROOT / "tests" / "fixtures" / "claims"),
        "examples": (None, ROOT / "examples"),
        "bbc_news": (None, c / "bbc_news"),
    }


def articles(loader, path: Path):
    from armstrack.ingest import read_sources
    from armstrack.records import Article

    if loader is None:
        files = sorted(path.rglob("*.txt")) + sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
        return [a for a in read_sources(files) if isinstance(a, Article)]
    return [Article(id=f"doc-{n}", text=d.text) for n, d in enumerate(loader(path))]


def transfers(docs, scope: str):
    """(TRANSFER events, other linking events, meetings in item-less articles, articles gated,
    seconds, characters parsed)."""
    from armstrack.claims.links import must_keep
    from armstrack.gate import gate
    from armstrack.pipeline import extract_planned

    out, links, apart, gated, start = [], [], [], 0, time.perf_counter()
    for article, events, was_gated in extract_planned(docs, scope=scope):
        gated += was_gated
        if not isinstance(events, Exception):
            found, linking, item_less = must_keep(article.text, events)
            out += found
            links += linking
            apart += item_less
    seconds = time.perf_counter() - start
    kept = sum(len(gate().plan(d.text, scope=scope).text) for d in docs)
    return out, links, apart, gated, seconds, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "gate.json")
    args = parser.parse_args()
    rows = []
    print(f"{'corpus':16} {'docs':>5} {'gated':>5} {'parsed':>7} {'transfers':>9} {'gated':>6} {'same':>5} "
          f"{'links':>5} {'gated':>5} {'same':>5} {'mtg-':>4} {'s all':>6} {'s gate':>6}")
    for name, (loader, path) in corpora().items():
        if args.only and name not in args.only:
            continue
        if not path.exists():
            print(f"{name:16} absent ({path})")
            continue
        docs = articles(loader, path)
        whole, links, apart, _, s_all, chars = transfers(docs, "all")
        cut, cut_links, apart_kept, gated, s_gate, kept = transfers(docs, "transfers")
        row = {"corpus": name, "documents": len(docs), "gated": gated, "characters": chars,
               "parsed_share": round(kept / chars, 3) if chars else None, "transfers": len(whole),
               "transfers_with_gate": len(cut), "identical": whole == cut,
               "links": len(links), "links_with_gate": len(cut_links), "links_identical": links == cut_links,
               "meetings_no_item": len(apart), "meetings_no_item_with_gate": len(apart_kept),
               "seconds_all": round(s_all, 1), "seconds_gate": round(s_gate, 1)}
        rows.append(row)
        print(f"{name:16} {len(docs):5} {gated:5} {row['parsed_share']!s:>7} {len(whole):9} {len(cut):6} "
              f"{str(whole == cut):>5} {len(links):5} {len(cut_links):5} {str(links == cut_links):>5} {len(apart):4} "
              f"{s_all:6.1f} {s_gate:6.1f}")
        for a, b in ((whole, cut), (links, cut_links)):
            for line in sorted(set(a) ^ set(b))[:3]:
                print("   ", "without gate only:" if line in a else "with gate only:", line[:300])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
