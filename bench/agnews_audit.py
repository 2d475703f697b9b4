"""Every TRANSFER armstrack finds in AG News test (7,600 real items, almost none about arms).

Each is a candidate false positive. Writes bench/results/agnews-transfers.md (one row per
transfer, with its sentence) and prints the count. The hand audit of that file is recorded in
docs/accuracy.md.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    from throughput import DEFAULT_CORPUS, load_texts

    from armstrack.eval import extract_texts

    if not DEFAULT_CORPUS.exists():
        sys.exit(f"{DEFAULT_CORPUS}: corpus not found")
    texts = load_texts(DEFAULT_CORPUS, None)
    rows = []
    for index, events in enumerate(extract_texts(texts)):
        for event in events:
            if event["type"] != "TRANSFER":
                continue
            def name(role):
                value = event.get(role) or {}
                return value.get("id") or value.get("text") or "?"
            item = event.get("item") or {}
            rows.append(f"| {index + 1} | {name('supplier')} | {name('recipient')} | "
                        f"{item.get('text', '')} ({item.get('category')}) | {event.get('status')} | "
                        f"{event['evidence']['sentence'].replace('|', '/')} |")
    out = ROOT / "bench" / "results" / "agnews-transfers.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("| item # | supplier | recipient | item | status | sentence |\n|---|---|---|---|---|---|\n"
                   + "\n".join(rows) + "\n")
    print(f"{len(rows)} TRANSFER events in {len(texts)} AG News items; listed in {out}")


if __name__ == "__main__":
    main()
