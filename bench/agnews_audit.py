"""Every TRANSFER armstrack finds in AG News test (7,600 real items, almost none about arms).

Each is a candidate false positive. Writes bench/results/agnews-transfers.md (one row per
transfer, with its sentence and the hand verdict from bench/agnews_judged.yaml) and prints the
count and how many the audit judged correct. A transfer with no verdict yet is listed as
"unjudged": audit it and add it to the YAML file.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    import yaml
    from throughput import AG_NEWS

    from armstrack.eval import extract_texts

    judged = yaml.safe_load((ROOT / "bench" / "agnews_judged.yaml").read_text(encoding="utf-8")) or {}
    verdicts = {"correct": 0, "wrong": 0, "unjudged": 0}

    from armstrack.resolve.coverage import read_texts

    if not AG_NEWS.exists():
        sys.exit(f"{AG_NEWS}: corpus not found")
    texts = list(read_texts(AG_NEWS, None))
    rows = []
    for index, events in enumerate(extract_texts(texts)):
        for event in events:
            if event["type"] != "TRANSFER":
                continue
            def name(role):
                value = event.get(role) or {}
                return value.get("id") or value.get("text") or "?"
            item = event.get("item") or {}
            audit = judged.get(f"{index + 1} {item.get('text', '')}") or {}
            verdict = audit.get("verdict", "unjudged")
            verdicts[verdict] += 1
            rows.append(f"| {index + 1} | {name('supplier')} | {name('recipient')} | "
                        f"{item.get('text', '')} ({item.get('category')}) | {event.get('status')} | "
                        f"{verdict}: {audit.get('note', '')} | "
                        f"{event['evidence']['sentence'].replace('|', '/')} |")
    out = ROOT / "bench" / "results" / "agnews-transfers.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = (f"{len(rows)} TRANSFER events in {len(texts)} AG News items; judged by hand: "
               f"{verdicts['correct']} correct, {verdicts['wrong']} wrong, {verdicts['unjudged']} unjudged")
    out.write_text(summary + "\n\n| item # | supplier | recipient | item | status | audit | sentence |\n"
                   "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n")
    print(f"{summary}; listed in {out}")


if __name__ == "__main__":
    main()
