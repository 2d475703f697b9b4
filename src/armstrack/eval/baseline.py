"""The regression gate: headline dev scores recorded in bench/baseline.json.

`flatten(report)` turns an eval report into {"rams/TRANSFER/detection/r": (value, interval
half-width), ...}; `compare(current, baseline)` lists every score that fell by more than its
interval (bootstrap half-width where the report has one, else `DEFAULT_TOLERANCE`). Raising the
baseline is a deliberate commit: `python bench/accuracy.py --write-baseline`.
"""
from __future__ import annotations

DEFAULT_TOLERANCE = 0.02
TYPES = ("TRANSFER", "TRANSFER_ANY", "MEETING", "SANCTION", "ATTACK")


def _half(ci) -> float | None:
    if not ci or ci[0] is None or ci[1] is None:
        return None
    return (ci[1] - ci[0]) / 2


def flatten(report: dict) -> dict[str, tuple[float, float]]:
    """The scores worth guarding, each with its tolerance."""
    name = report["dataset"]
    out: dict[str, tuple[float, float]] = {}

    def put(key: str, value, half=None) -> None:
        if isinstance(value, (int, float)):
            out[f"{name}/{key}"] = (round(float(value), 4), round(max(half or 0, DEFAULT_TOLERANCE), 4))

    if name == "examples":
        put("facts", report["facts"]["share"], 0)
        put("traps", report["traps"]["share"], 0)
        return out
    if name == "plover":
        for key in ("type_accuracy", "direction_agreement"):
            put(key, report.get(key))
        if isinstance(report.get("false_positive_rate"), (int, float)):
            # lower is better: guard 1 - rate
            put("one_minus_false_positive_rate", 1 - report["false_positive_rate"])
        return out
    if name == "petrarch":
        put("pass_rate", report.get("pass_rate"))
        return out
    for typ in TYPES:
        entry = report.get("types", {}).get(typ)
        if not entry or not entry["detection"].get("n_gold"):
            continue
        det = entry["detection"]
        for key in ("p", "r", "f1"):
            put(f"{typ}/detection/{key}", det.get(key), _half((det.get("ci") or {}).get(key)))
        core = entry["roles"].get("core") or entry["roles"].get("all")
        if core:
            put(f"{typ}/roles/{'core' if 'core' in entry['roles'] else 'all'}/f1", core.get("f1"),
                _half((core.get("ci") or {}).get("f1")) or 0.05)
    micro = report.get("micro", {}).get("detection")
    if micro:
        for key in ("p", "r", "f1"):
            put(f"micro/detection/{key}", micro.get(key), _half((micro.get("ci") or {}).get(key)))
    return out


def compare(current: dict[str, tuple[float, float]], baseline: dict[str, list]) -> list[str]:
    """Every guarded score that dropped by more than its tolerance, as readable lines."""
    drops = []
    for key, (value, tolerance) in baseline.items():
        if key not in current:
            continue
        now = current[key][0]
        if now < value - tolerance:
            drops.append(f"{key}: {now:.3f} < baseline {value:.3f} - {tolerance:.3f}")
    return drops
