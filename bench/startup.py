"""How long a command takes to answer, beside a bare interpreter (issue 20).

    python bench/startup.py [--claims 1000] [--repeat 15]

Fills a store with `--claims` claims the way bench/web.py does (synthetic articles through the
store, no NLP), then runs each command as a new process `--repeat` times: `python -c pass`,
`armstrack --version`, `armstrack claims` (the first page) and `armstrack claims --json`. Prints
medians and minimums and writes bench/results/startup.json. The read commands import neither
spaCy nor the rest of the parser (tests/test_startup.py checks that), so what is left over a
bare interpreter is click, the store and the command itself.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("bench_web", ROOT / "bench" / "web.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(argv: list[str], repeat: int) -> dict:
    subprocess.run(argv, capture_output=True, check=True)  # warm the page cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    armstrack = str(Path(sys.executable).with_name("armstrack"))
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.db")
        _generator().build(db, args.claims, seed=7)
        runs = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "armstrack --version": [armstrack, "--version"],
            "armstrack claims": [armstrack, "claims", "--db", db],
            "armstrack claims --json": [armstrack, "claims", "--db", db, "--json"],
        }
        results = {label: timed(argv, args.repeat) for label, argv in runs.items()}
    bare = results["python -c pass"]["median_s"]
    print(f"{'command':26} {'median':>8} {'min':>8} {'over bare':>10}")
    for label, r in results.items():
        print(f"{label:26} {r['median_s']:7.3f}s {r['min_s']:7.3f}s {r['median_s'] - bare:9.3f}s")
    out = {"claims": args.claims, "repeat": args.repeat, "python": platform.python_version(),
           "cpus": os.cpu_count(), "results": results}
    path = ROOT / "bench" / "results" / "startup.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
