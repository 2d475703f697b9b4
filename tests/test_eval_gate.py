"""The regression gate: every dev score in bench/baseline.json still holds, within its interval.

Runs the real pipeline on RAMS dev, WikiEvents dev, GENEVA val, PLOVER GSR, the PETRARCH records
and the shared example (about 30 s). Raise the baseline deliberately with
`python bench/accuracy.py --write-baseline`.
"""
from __future__ import annotations

import json

import pytest

from armstrack.eval import run
from armstrack.eval.baseline import compare, flatten
from conftest import ROOT, shared_path

BASELINE = json.loads((ROOT / "bench" / "baseline.json").read_text())
CASES = {
    "rams": ("corpora", "rams", "dev.jsonlines"),
    "wikievents": ("corpora", "wikievents", "dev.jsonl"),
    "geneva": ("corpora", "geneva", "data", "val.json"),
    "plover": ("corpora", "plover_gsr", "PLOVER_GSR_CAMEO.txt"),
    "petrarch": ("corpora", "petrarch_validation", "PETR_Validate_records_2_02.xml"),
    "examples": ("examples",),
}


@pytest.mark.slow
@pytest.mark.parametrize("dataset", sorted(CASES))
def test_no_score_falls_below_the_baseline(dataset):
    path = shared_path(*CASES[dataset])
    report = run(dataset, path, n_boot=200)
    current = flatten(report)
    guarded = {k: v for k, v in BASELINE.items() if k.startswith(dataset + "/")}
    assert guarded, f"no baseline recorded for {dataset}"
    assert compare(current, guarded) == []


def test_baseline_keys_are_well_formed():
    for key, (value, tolerance) in BASELINE.items():
        assert key.split("/")[0] in CASES and 0 <= value <= 1 and 0 <= tolerance <= 0.5, key
