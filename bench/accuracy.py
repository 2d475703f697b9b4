"""Accuracy on every dev corpus in ../shared/corpora, in one run: `make eval`.

Runs `armstrack.eval.run` on RAMS dev, WikiEvents dev, GENEVA val, PLOVER GSR, the PETRARCH
validation records, the arms_deals trade press and the shared example; writes
bench/results/accuracy.json (arms_deals: bench/results/armsdeals.json) and the error files
bench/results/errors-<dataset>.jsonl (arms_deals: errors-armsdeals-tuning.jsonl; every file holds
the tuning half's errors only: the check half is scored, never read), and prints the headline
numbers for the whole corpus and each half.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CORPORA = ROOT.parent / "shared" / "corpora"
DATASETS = {
    "rams": CORPORA / "rams" / "dev.jsonlines",
    "wikievents": CORPORA / "wikievents" / "dev.jsonl",
    "geneva": CORPORA / "geneva" / "data" / "val.json",
    "plover": CORPORA / "plover_gsr" / "PLOVER_GSR_CAMEO.txt",
    "petrarch": CORPORA / "petrarch_validation" / "PETR_Validate_records_2_02.xml",
    "armsdeals": CORPORA / "arms_deals",
    "examples": ROOT.parent / "shared" / "examples",
}
# datasets whose report has a file of its own (not accuracy.json), and their error files
OWN_RESULTS = {"armsdeals": "armsdeals.json"}
ERRORS = {"armsdeals": "errors-armsdeals-tuning.jsonl"}
# corpora with no licence: their errors are kept as offsets, ids and states, with no text of theirs
# (`armstrack eval --dataset armsdeals --half tuning --errors FILE` writes them whole, outside the repo)
NO_TEXT = {"armsdeals"}


def halves_line(report: dict) -> str:
    """Detection P/R and all-roles F1 per type, one line (arms_deals: its headline rates)."""
    if report.get("dataset") == "armsdeals":
        fmt = lambda v: "-" if v is None else f"{v:.2f}"  # noqa: E731
        return (f"{report['n_documents']} docs; full pair {fmt(report['full_pair_recall'])}, partial "
                f"{fmt(report['partial_recall'])}, clauses {fmt(report['clause_full_pair_recall_state'])} as states / "
                f"{fmt(report['clause_full_pair_recall_annotated'])} as annotated, pair P "
                f"{fmt(report['pair_precision'])}, detection {fmt(report['deal_detection'])}, false detection "
                f"{fmt(report['false_detection'])}, status {fmt(report['status_accuracy'])}")
    parts = []
    for typ, entry in (report.get("types") or {}).items():
        det, roles = entry["detection"], entry.get("roles", {}).get("all", {})
        fmt = lambda v: "-" if v is None else f"{v:.2f}"  # noqa: E731
        parts.append(f"{typ} P {fmt(det.get('p'))} R {fmt(det.get('r'))} roles {fmt(roles.get('f1'))}")
    return f"{report.get('n_documents')} docs; " + "; ".join(parts) if parts else f"{report.get('n_documents')} docs"


def main() -> None:
    from armstrack.cli.eval import format_report
    from armstrack.eval import run

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="*", default=list(DATASETS))
    parser.add_argument("--boot", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--write-baseline", action="store_true",
                        help="record these scores as the regression baseline (bench/baseline.json)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in args.datasets:
        path = DATASETS[name]
        if not path.exists():
            print(f"{name}: {path} is absent, skipped")
            continue
        errors: list = []
        start = time.perf_counter()
        report = run(name, path, errors=errors, n_boot=args.boot, halves=True)
        report["seconds"] = round(time.perf_counter() - start, 1)
        results[name] = report
        with open(args.out / ERRORS.get(name, f"errors-{name}.jsonl"), "w", encoding="utf-8") as handle:
            for err in errors:
                if name in NO_TEXT:
                    from armstrack.eval.armsdeals import without_text

                    err = without_text(err)
                handle.write(json.dumps(err, ensure_ascii=False) + "\n")
        print(format_report(report))
        for half, sub in (report.get("halves") or {}).items():
            print(f"  {half} half: " + halves_line(sub))
        print()
    for name, file in OWN_RESULTS.items():
        if name in results:
            (args.out / file).write_text(json.dumps(results.pop(name), indent=1) + "\n")
    target = args.out / "accuracy.json"
    previous = json.loads(target.read_text()) if target.exists() else {}
    previous.update(results)
    target.write_text(json.dumps(previous, indent=1) + "\n")
    if args.write_baseline:
        from armstrack.eval.baseline import flatten

        path = ROOT / "bench" / "baseline.json"
        baseline = json.loads(path.read_text()) if path.exists() else {}
        for report in results.values():
            baseline.update({k: list(v) for k, v in flatten(report).items()})
        path.write_text(json.dumps(dict(sorted(baseline.items())), indent=1) + "\n")
        print(f"baseline written: {path}")


if __name__ == "__main__":
    main()
