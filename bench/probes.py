"""Probes for issue 23's classes: written cases, scored per class: `python bench/probes.py`.

Each case of `tests/fixtures/probes/<class>.yaml` (invented, real-shaped sentences and short
articles; no corpus text) runs through the real pipeline (`armstrack.pipeline.extract_text`,
with the case's `published` date) and is scored against the transfers it lists:

pair recall
    the distinct supplier-recipient pairs of a case (an allegation and its denial are one pair)
    that one TRANSFER gives, as the arms_deals eval compares them (`armstrack.eval.armsdeals`):
    a side is right when it is the party itself or its state; a company we name counts as its
    knowledge-base `country` (or the `state` the event gives it), a firm the knowledge base does
    not know counts when its distinctive words match the case's `*_firm`.
pair precision
    the distinct pairs of TRANSFERs that name both sides, right when they match a pair of the
    case (a state paired with itself, or a side left unresolved that names no firm of the case,
    is wrong); every pair found in a case with no transfer is wrong.
status
    on the transfers whose pair is found: one TRANSFER of the pair has the case's status.
broker / transit
    a TRANSFER of the case has the broker (the `transit` state) the case gives, as a side above.
stance
    assert: a TRANSFER of the pair reported as asserted, attributed or hedged; deny / confirm: a
    TRANSFER of the pair denied / confirmed, or a STATEMENT (deny / confirm) about the pair; with
    `by`, every party listed is among its deniers / confirmers (or the statement's speakers).
item
    on found pairs: a TRANSFER of the pair whose item (text, name, category) shares a word with
    the case's item.
date
    on found pairs: a TRANSFER of the pair whose `when` is the case's `when` (or within it).
outlet
    the outlet ingest gives the article (`armstrack.ingest.make_article`, which reads a
    dateline's agency), where the case gives one.
false transfers
    TRANSFER events found in cases that list none (the not_transfers class).

Accuracy is measured, never asserted: `tests/test_probes.py` checks the files, not the scores.

    python bench/probes.py                 # the table; writes bench/results/probes.json
    python bench/probes.py --errors        # and each miss, case by case
    python bench/probes.py --class wire    # one class (the JSON is written only for a full run)
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PROBES = ROOT / "tests" / "fixtures" / "probes"
OUT = ROOT / "bench" / "results" / "probes.json"
# issue 23, items 1-8, in its order
CLASSES = ("companies_and_services", "status_lifecycle", "trade_press", "allegation_denial",
           "brokers_transit", "wire", "items", "not_transfers")
ASSERTED = frozenset({"asserted", "attributed", "hedged"})
# the counters; each rate is one numerator over one denominator
RATES = {
    "pair_recall": ("pairs_found", "pairs"),
    "pair_precision": ("found_pairs_right", "found_pairs"),
    "status": ("status_right", "status_scored"),
    "broker": ("broker_right", "brokers"),
    "stance": ("stance_right", "stances"),
    "item": ("item_right", "item_scored"),
    "date": ("date_right", "date_scored"),
    "outlet": ("outlet_right", "outlets"),
}
COUNTS = ("cases", "empty_cases", "false_transfers", "false_cases")
_STOP = frozenset(["a", "an", "and", "the", "of", "for", "to", "with", "its", "their", "from", "new", "more"])


def load_cases(folder: Path = PROBES, only: str | None = None) -> list[dict]:
    """Every case of every class file, in class order, each with its `class`."""
    cases = []
    for name in CLASSES:
        if only and name != only:
            continue
        path = folder / f"{name}.yaml"
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append({**case, "class": name})
    return cases


# --------------------------------------------------------------------------------------------------
# Sides, as the arms_deals eval compares them


def _parties(actor: str | None, firm: str | None = None) -> list:
    """The case's party: its id and state, and the firm's name when it gives one."""
    from armstrack.eval.armsdeals import Party, name_key, resolve_party, state_of

    if not actor:
        return []
    state = state_of(actor)
    if firm:
        known = resolve_party(firm)
        firm_id = known.id if known.kind == "company" else None
        return [Party(firm, "company" if firm_id else "firm", firm_id, state, name_key(firm))]
    return [Party(actor, "state", actor, state)]


def _side(value: Any):
    from armstrack.eval.armsdeals import Side

    return Side.of(value)


def _id_side(actor: str | None):
    """A side from a bare id (a STATEMENT's `about`)."""
    from armstrack.eval.armsdeals import Side, state_of

    return Side("", actor, state_of(actor), frozenset()) if actor else None


def _matches(parties: list, side) -> bool:
    from armstrack.eval.armsdeals import side_matches

    return bool(parties) and side_matches(parties, side, level="state")


def _state(side) -> str | None:
    return None if side is None else side.state or side.id


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 1}


def _item_words(item: Any) -> set[str]:
    if not isinstance(item, dict):
        return set()
    return _words(" ".join(str(item.get(k) or "") for k in ("text", "name", "category")))


def summary(event: dict) -> str:
    """"TUR -> NGA (agreed, asserted) patrol boats": a found TRANSFER in a line; an unresolved
    side shows its words, a missing one "?"."""
    def side(value):
        s = _side(value)
        return "?" if s is None else s.id or f'"{s.text}"'

    level = (event.get("certainty") or {}).get("level")
    item = (event.get("item") or {}).get("text") or ""
    extra = "".join(f" {role} {side(event[role])}" for role in ("broker", "transit") if event.get(role))
    return f"{side(event.get('supplier'))} -> {side(event.get('recipient'))} ({event.get('status')}, {level}){extra} {item}".rstrip()


def _gold_line(entry: dict) -> str:
    firm = entry.get("supplier_firm")
    sup = f"{entry['supplier']}" + (f" [{firm}]" if firm else "")
    rec = f"{entry['recipient']}" + (f" [{entry['recipient_firm']}]" if entry.get("recipient_firm") else "")
    return f"{sup} -> {rec}"


# --------------------------------------------------------------------------------------------------
# Scoring one case


def score_case(case: dict, events: list[dict], outlet: str | None) -> tuple[Counter, list[dict]]:
    """The counters of one case and its misses ({"kind", "expected", "found"})."""
    row: Counter = Counter(cases=1)
    misses: list[dict] = []
    transfers = [e for e in events if e.get("type") == "TRANSFER"]
    statements = [e for e in events if e.get("type") == "STATEMENT"]
    gold = case.get("transfers") or []

    if not gold:
        row["empty_cases"] += 1
        row["false_transfers"] += len(transfers)
        row["false_cases"] += bool(transfers)
        for t in transfers:
            misses.append({"kind": "false transfer", "expected": "none", "found": summary(t)})

    # the case's pairs: entries of one supplier and recipient are one pair
    pairs: dict[tuple[str, str], dict] = {}
    for entry in gold:
        key = (entry["supplier"], entry["recipient"])
        pair = pairs.setdefault(key, {"entries": [], "suppliers": [], "recipients": []})
        pair["entries"].append(entry)
        pair["suppliers"] += _parties(entry["supplier"], entry.get("supplier_firm"))
        pair["recipients"] += _parties(entry["recipient"], entry.get("recipient_firm"))
    for key, pair in pairs.items():
        pair["found"] = [t for t in transfers if _matches(pair["suppliers"], _side(t.get("supplier")))
                         and _matches(pair["recipients"], _side(t.get("recipient")))]
        row["pairs"] += 1
        row["pairs_found"] += bool(pair["found"])
        if not pair["found"]:
            sup = [t for t in transfers if _matches(pair["suppliers"], _side(t.get("supplier")))]
            rec = [t for t in transfers if _matches(pair["recipients"], _side(t.get("recipient")))]
            kind = "pair: one side" if sup or rec else "pair: none" if not transfers else "pair: other"
            misses.append({"kind": kind, "expected": _gold_line(pair["entries"][0]),
                           "found": [summary(t) for t in transfers] or None})

    for entry in gold:
        pair = pairs[(entry["supplier"], entry["recipient"])]
        found = pair["found"]
        label = _gold_line(entry)
        if found and entry.get("status"):
            row["status_scored"] += 1
            ok = any(t.get("status") == entry["status"] for t in found)
            row["status_right"] += ok
            if not ok:
                misses.append({"kind": "status", "expected": f"{label}: {entry['status']}",
                               "found": sorted({str(t.get('status')) for t in found})})
        if found and entry.get("item"):
            row["item_scored"] += 1
            want = _words(entry["item"])
            ok = any(want & _item_words(t.get("item")) for t in found)
            row["item_right"] += ok
            if not ok:
                misses.append({"kind": "item", "expected": f"{label}: {entry['item']}",
                               "found": sorted({(t.get('item') or {}).get('text') or '-' for t in found})})
        if found and entry.get("when"):
            row["date_scored"] += 1
            want = str(entry["when"])
            ok = any(t.get("when") and str(t["when"]).startswith(want) for t in found)
            row["date_right"] += ok
            if not ok:
                misses.append({"kind": "date", "expected": f"{label}: {want}",
                               "found": sorted({str(t.get('when')) for t in found})})
        for role in ("broker", "transit"):
            if not entry.get(role):
                continue
            parties = _parties(entry[role], entry.get(f"{role}_firm"))
            row["brokers"] += 1
            ok = any(_matches(parties, _side(t.get(role))) for t in transfers)
            row["broker_right"] += ok
            if not ok:
                misses.append({"kind": role, "expected": f"{label} {role} {entry[role]}",
                               "found": [summary(t) for t in transfers] or None})
        if entry.get("stance"):
            row["stances"] += 1
            ok = _stance_found(entry, pair, found, statements)
            row["stance_right"] += ok
            if not ok:
                by = f" by {'+'.join(entry['by'])}" if entry.get("by") else ""
                seen = [summary(t) for t in found] + [
                    f"STATEMENT {s.get('kind')} by {_state(_side(s.get('speaker')))} about "
                    f"{(s.get('about') or {}).get('supplier')} -> {(s.get('about') or {}).get('recipient')}"
                    for s in statements if s.get("kind") in ("deny", "confirm")]
                misses.append({"kind": "stance", "expected": f"{label}: {entry['stance']}{by}", "found": seen or None})

    # precision: the distinct pairs of TRANSFERs that name both sides
    seen: dict[tuple, dict] = {}
    for t in transfers:
        s, r = _side(t.get("supplier")), _side(t.get("recipient"))
        if s is None or r is None:
            continue
        seen.setdefault((s.id or s.text.lower(), r.id or r.text.lower()), t)
    for t in seen.values():
        s, r = _side(t.get("supplier")), _side(t.get("recipient"))
        domestic = s.state is not None and s.state == r.state
        right = not domestic and any(_matches(p["suppliers"], s) and _matches(p["recipients"], r)
                                     for p in pairs.values())
        row["found_pairs"] += 1
        row["found_pairs_right"] += right
        if not right and gold:
            misses.append({"kind": "wrong pair", "expected": [_gold_line(p["entries"][0]) for p in pairs.values()],
                           "found": summary(t)})

    if case.get("outlet"):
        row["outlets"] += 1
        ok = (outlet or "").casefold() == str(case["outlet"]).casefold()
        row["outlet_right"] += ok
        if not ok:
            misses.append({"kind": "outlet", "expected": case["outlet"], "found": outlet})
    return row, misses


def _stance_found(entry: dict, pair: dict, found: list[dict], statements: list[dict]) -> bool:
    stance = entry["stance"]
    if stance == "assert":
        return any((t.get("certainty") or {}).get("level") in ASSERTED for t in found)
    level, key = ("denied", "denied_by") if stance == "deny" else ("confirmed", "confirmed_by")
    who: set[str] = set()
    any_found = False
    for t in found:
        certainty = t.get("certainty") or {}
        if certainty.get("level") == level or certainty.get(key):
            any_found = True
            who |= {_state(_id_side(i)) for i in certainty.get(key) or ()}
    for s in statements:
        about = s.get("about") or {}
        if s.get("kind") != stance or about.get("type", "TRANSFER") != "TRANSFER":
            continue
        if _matches(pair["suppliers"], _id_side(about.get("supplier"))) and \
                _matches(pair["recipients"], _id_side(about.get("recipient"))):
            any_found = True
            speakers = s.get("speaker")
            for speaker in speakers if isinstance(speakers, list) else [speakers]:
                who.add(_state(_side(speaker)))
    if not any_found:
        return False
    from armstrack.eval.armsdeals import state_of

    return all(state_of(i) in who for i in entry.get("by") or ())


# --------------------------------------------------------------------------------------------------
# Running and reporting


def _rate(row: Counter, name: str) -> dict:
    num, den = RATES[name]
    return {"value": round(row[num] / row[den], 4) if row[den] else None, "n": row[num], "of": row[den]}


def metrics(row: Counter) -> dict:
    out = {name: _rate(row, name) for name in RATES}
    out.update({k: row[k] for k in COUNTS})
    out["pairs"] = row["pairs"]
    return out


def _cell(entry: dict) -> str:
    return "-" if entry["value"] is None else f"{entry['value']:.2f} ({entry['n']}/{entry['of']})"


def table(report: dict) -> str:
    """The per-class table, in Markdown."""
    head = ["class", "cases", "pair recall", "pair precision", "status", "broker/transit", "stance",
            "item", "date", "outlet", "false transfers"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    rows = [(name, report["classes"][name]) for name in CLASSES if name in report["classes"]]
    rows.append(("**all**", report["overall"]))
    for name, m in rows:
        false = f"{m['false_transfers']} in {m['false_cases']}/{m['empty_cases']} cases" if m["empty_cases"] else "-"
        cells = [name, str(m["cases"])] + [_cell(m[k]) for k in RATES] + [false]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _git() -> dict:
    def run(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return ""

    dirty = [line for line in run("status", "--porcelain", "--", "src").splitlines() if line.strip()]
    return {"commit": run("rev-parse", "HEAD").strip() or None, "src_uncommitted_files": len(dirty)}


def run_probes(cases: list[dict], *, progress=None) -> tuple[dict, dict[str, Any]]:
    """Extract and score every case: (report, per-case results)."""
    from armstrack.errors import ArmstrackError
    from armstrack.ingest import make_article
    from armstrack.pipeline import extract_text

    by_class: dict[str, Counter] = {}
    overall: Counter = Counter()
    results: dict[str, Any] = {}
    for n, case in enumerate(cases):
        published = str(case["published"]) if case.get("published") else None
        events = [e.to_dict() for e in extract_text(case["text"], published)]
        outlet = None
        if case.get("outlet"):
            try:
                outlet = make_article(case["text"], source=case["id"], published=published).outlet
            except ArmstrackError:
                outlet = None
        row, misses = score_case(case, events, outlet)
        by_class.setdefault(case["class"], Counter()).update(row)
        overall.update(row)
        results[case["id"]] = {"class": case["class"],
                               "found": [summary(e) for e in events if e.get("type") == "TRANSFER"],
                               "misses": misses}
        if progress:
            progress(n + 1, len(cases))
    report = {"classes": {name: metrics(row) for name, row in by_class.items()}, "overall": metrics(overall)}
    return report, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print each miss, case by case")
    parser.add_argument("--class", dest="only", choices=CLASSES, help="run one class only")
    parser.add_argument("--out", type=Path, default=OUT, help="where a full run writes its JSON")
    args = parser.parse_args()

    from armstrack.eval import setting

    cases = load_cases(only=args.only)
    start = time.perf_counter()
    report, results = run_probes(cases, progress=lambda i, n: print(f"\r{i}/{n} cases", end="", file=sys.stderr))
    print(file=sys.stderr)
    seconds = round(time.perf_counter() - start, 1)
    if args.errors:
        for case_id, result in results.items():
            if not result["misses"]:
                continue
            print(case_id)
            for miss in result["misses"]:
                print(f"  {miss['kind']:<15} want {miss['expected']}  found {miss['found']}")
        print()
    print(table(report))
    print(f"\n{len(cases)} cases in {seconds} s")
    if not args.only:
        report = {"probes": str(PROBES.relative_to(ROOT)), **report, "setting": {**setting(), **_git()},
                  "seconds": seconds, "cases": results}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
