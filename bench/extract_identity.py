"""Extraction identity check: the same documents, the same events, byte for byte.

    python bench/extract_identity.py record OUT.json [--bbc N] [--src DIR]
    python bench/extract_identity.py compare A.json B.json

`record` runs what `armstrack extract --json` runs (read_sources, then extract_safely) over
examples/, ../shared/examples/kyiv-independent-2024-09-25-yakhont.txt, the claims corpus
(tests/fixtures/claims) and the first N (default 200) bbc_news articles, and, to exercise the
transfer reader's constructions harder, the 284 arms_deals articles and every sentence written
for the tests: the construction cases (tests/constructions/*.yaml) and the string literals of
three words or more in tests/test_extract.py, each read as its own text dated 2025-03-10, as
the tests read them. Each runs in two
scopes: `all` (what `extract` does: no gate) and `transfers` (the ingest default: behind the
relevance gate).
For each document and scope it keeps the JSON Lines `extract --json` would print and their
sha256, and writes them all to OUT. `compare` names every document whose lines differ and exits 1
if any does. `--src DIR` imports armstrack from DIR (another worktree's src/, or a copy of this
one with the old extract/ and data/patterns/ put back) instead of this checkout; the documents
are this checkout's either way, so the two records compare.

The knowledge base changes extraction output: compare two records only when
`git diff --stat src/armstrack/data/kb` is the same for both.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCOPES = ("all", "transfers")


def sources(bbc: int) -> list[str]:
    """The documents, as paths relative to the checkout, in a fixed order."""
    os.chdir(ROOT)
    paths = sorted(str(p) for p in Path("examples").glob("*.txt"))
    paths.append(os.path.relpath(SHARED / "examples" / "kyiv-independent-2024-09-25-yakhont.txt"))
    paths += sorted(str(p) for p in Path("tests/fixtures/claims").iterdir()
                    if p.suffix in (".txt", ".jsonl"))
    bbc_root = Path(os.path.relpath(SHARED / "corpora" / "bbc_news" / "news"))
    paths += sorted(str(p) for p in bbc_root.rglob("*.txt"))[:bbc]
    return paths


def _arms_deals(make_article) -> list:
    folder = SHARED / "corpora" / "arms_deals" / "annotated"
    out = []
    for path in sorted(folder.glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        try:
            out.append(make_article(text, source=f"arms_deals/{path.name}"))
        except Exception:  # noqa: BLE001 - what ingest would refuse, extract never sees
            continue
    return out


def _sentences(Article) -> list:
    """Every construction case's text and every string literal of three words or more in the
    extraction tests, once."""
    import ast
    from datetime import date

    import yaml

    seen: dict[str, None] = {}
    for path in sorted((ROOT / "tests" / "constructions").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            seen.setdefault(case["text"], None)
    for name in ("tests/test_constructions.py", "tests/test_extract.py"):
        for node in ast.walk(ast.parse((ROOT / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value.split()) >= 3:
                seen.setdefault(node.value, None)
    return [Article(id=hashlib.sha256(t.encode()).hexdigest()[:16], text=t, published=date(2025, 3, 10),
                    source=f"sentence/{hashlib.sha256(t.encode()).hexdigest()[:12]}") for t in seen]


def record(out: Path, bbc: int, src: Path | None = None) -> None:
    sys.path.insert(0, str(src or ROOT / "src"))
    from armstrack.ingest import make_article, read_sources
    from armstrack.pipeline import extract_safely
    from armstrack.records import Article

    import armstrack

    paths = sources(bbc)
    articles = [a for a in read_sources(paths) if isinstance(a, Article)]
    articles += _arms_deals(make_article) + _sentences(Article)
    docs = {}
    for scope in SCOPES:
        for article, events in extract_safely(articles, scope=scope):
            if isinstance(events, Exception):
                lines = [f"error: {type(events).__name__}: {events}"]
            else:
                lines = [json.dumps(e.to_dict(), ensure_ascii=False) for e in events]
            text = "".join(line + "\n" for line in lines)
            key = f"{scope}\t{article.source}"
            docs[key] = {"sha256": hashlib.sha256(text.encode()).hexdigest(), "lines": lines}
    report = {"package": str(Path(armstrack.__file__).parent), "sources": len(paths),
              "articles": len(articles), "documents": docs}
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    events = sum(len(d["lines"]) for d in docs.values())
    print(f"{len(docs)} documents ({len(articles)} articles x {len(SCOPES)} scopes), "
          f"{events} event lines -> {out}")


def compare(a: Path, b: Path) -> int:
    left = json.loads(a.read_text())["documents"]
    right = json.loads(b.read_text())["documents"]
    differ = [k for k in sorted(left.keys() | right.keys())
              if k not in left or k not in right or left[k]["sha256"] != right[k]["sha256"]]
    for key in differ:
        print(f"differs: {key.replace(chr(9), ' ')}")
        old = set(left.get(key, {}).get("lines", []))
        new = set(right.get(key, {}).get("lines", []))
        for line in sorted(old - new):
            print(f"  - {line}")
        for line in sorted(new - old):
            print(f"  + {line}")
    both = left.keys() & right.keys()
    changed = [k for k in differ if k in both]
    print(f"{len(both) - len(changed)} documents identical, {len(changed)} differ, "
          f"{len(left.keys() - right.keys())} only in {a.name}, {len(right.keys() - left.keys())} only in {b.name}")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("out", type=Path)
    rec.add_argument("--bbc", type=int, default=200)
    rec.add_argument("--src", type=Path, default=None, help="import armstrack from this src/ folder")
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("a", type=Path)
    cmp_.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "record":
        record(args.out.resolve(), args.bbc, args.src.resolve() if args.src else None)
    else:
        sys.exit(compare(args.a, args.b))


if __name__ == "__main__":
    main()
