"""Accuracy on every dev corpus in ../shared/corpora, in one run: `make eval`.

Runs `armstrack.eval.run` on RAMS dev, WikiEvents dev, GENEVA val, PLOVER GSR, the PETRARCH
validation records and the shared example; writes bench/results/accuracy.json and the error
files bench/results/errors-<dataset>.jsonl (the tuning half's errors only: the check half is
scored, never read), and prints the headline numbers for the whole corpus and each half.
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
    "examples": ROOT.parent / "shared" / "examples",
}


def halves_line(report: dict) -> str:
    """Detection P/R and all-roles F1 per type, one line."""
    parts = []
    for typ, entry in (report.get("types") or {}).items():
        det, roles = entry["detection"], entry.get("roles", {}).get("all", {})
        fmt = lambda v: "-" if v is None else f"{v:.2f}"  # noqa: E731
        parts.append(f"{typ} P {fmt(det.get('p'))} R {fmt(det.get('r'))} roles {fmt(roles.get('f1'))}")
    return f"{report.get('n_documents')} docs; " + "; ".join(parts) if parts else f"{report.get('n_documents')} docs"


def main() -> None:
    from armstrack.cli_eval import format_report
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
        with open(args.out / f"errors-{name}.jsonl", "w", encoding="utf-8") as handle:
            for err in errors:
                handle.write(json.dumps(err, ensure_ascii=False) + "\n")
        print(format_report(report))
        for half, sub in (report.get("halves") or {}).items():
            print(f"  {half} half: " + halves_line(sub))
        print()
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
