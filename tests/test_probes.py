"""The probe files of issue 23's classes (tests/fixtures/probes/<class>.yaml) are well formed.

A data test, not an accuracy gate: `python bench/probes.py` measures the pipeline on them, and
nothing here runs it. Checked: the schema, the known classes, statuses and stances in their
sets, unique ids, every state id an ISO3 state of the knowledge base (any other id an actor of
it), no transfer whose two sides are one party.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from armstrack.records import Status
from armstrack.resolve import kb as kbmod

PROBES = Path(__file__).parent / "fixtures" / "probes"
# issue 23, items 1-8 (bench/probes.py scores them in this order)
CLASSES = ("companies_and_services", "status_lifecycle", "trade_press", "allegation_denial",
           "brokers_transit", "wire", "items", "not_transfers")
CASE_KEYS = {"id", "text", "published", "outlet", "transfers", "note"}
TRANSFER_KEYS = {"supplier", "supplier_firm", "recipient", "recipient_firm", "broker", "broker_firm",
                 "transit", "item", "status", "stance", "by", "when", "note"}
STANCES = {"assert", "deny", "confirm"}
STATUSES = {str(s) for s in Status}
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MIN_CASES = 6


@pytest.fixture(scope="module")
def base():
    return kbmod.build(kbmod.kb_files())


def _cases(name: str) -> list:
    return yaml.safe_load((PROBES / f"{name}.yaml").read_text(encoding="utf-8"))


def test_one_file_per_class():
    assert sorted(p.stem for p in PROBES.glob("*.yaml")) == sorted(CLASSES)


def test_ids_are_unique_across_files():
    ids = [case["id"] for name in CLASSES for case in _cases(name)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def _actor_problem(base, value, where: str) -> str | None:
    """Why `value` is no actor id of the base: a state as its ISO3, anything else by its id."""
    if not isinstance(value, str):
        return f"{where}: {value!r} is not an id"
    entity = base.get(value)
    if entity is None and re.fullmatch(r"[A-Z]{3}", value):
        return f"{where}: {value} is no ISO3 state of the knowledge base"
    if entity is None or not entity.is_actor:
        return f"{where}: {value} is no actor id of the knowledge base"
    return None     # a state (ISO3), or another actor: "HOUTHIS", "LNA", a company's id


@pytest.mark.parametrize("name", CLASSES)
def test_class_file(name, base):
    cases = _cases(name)
    assert isinstance(cases, list) and len(cases) >= MIN_CASES, f"{name}: at least {MIN_CASES} cases"
    problems: list[str] = []
    for case in cases:
        cid = case.get("id") if isinstance(case, dict) else None
        if not isinstance(cid, str) or not re.fullmatch(rf"{name}/[a-z0-9_]+", cid):
            problems.append(f"{name}: id {cid!r} is not '{name}/<snake_case>'")
            continue
        if set(case) - CASE_KEYS or not {"id", "text", "transfers"} <= set(case):
            problems.append(f"{cid}: keys {sorted(case)}; allowed {sorted(CASE_KEYS)}")
        if not isinstance(case.get("text"), str) or not case["text"].strip():
            problems.append(f"{cid}: no text")
        published = case.get("published")
        if published is not None and not isinstance(published, dt.date):
            try:
                dt.date.fromisoformat(str(published))
            except ValueError:
                problems.append(f"{cid}: published {published!r} is no ISO date")
        if "outlet" in case and not isinstance(case["outlet"], str):
            problems.append(f"{cid}: outlet must be a name")
        transfers = case.get("transfers")
        if not isinstance(transfers, list):
            problems.append(f"{cid}: transfers must be a list ([] for none)")
            continue
        if name == "not_transfers" and transfers:
            problems.append(f"{cid}: a not_transfers case lists no transfer")
        for n, entry in enumerate(transfers):
            where = f"{cid} transfer {n}"
            if not isinstance(entry, dict):
                problems.append(f"{where}: not a mapping")
                continue
            if set(entry) - TRANSFER_KEYS:
                problems.append(f"{where}: unknown keys {sorted(set(entry) - TRANSFER_KEYS)}")
            for role in ("supplier", "recipient"):
                problems.append(_actor_problem(base, entry.get(role), f"{where} {role}"))
            for role in ("broker", "transit"):
                if entry.get(role) is not None:
                    problems.append(_actor_problem(base, entry[role], f"{where} {role}"))
            if entry.get("supplier") == entry.get("recipient"):
                problems.append(f"{where}: supplier and recipient are one party (domestic: no transfer)")
            for key in ("supplier_firm", "recipient_firm", "broker_firm", "item", "note"):
                if entry.get(key) is not None and not (isinstance(entry[key], str) and entry[key].strip()):
                    problems.append(f"{where}: {key} must be words")
            if entry.get("status") is not None and entry["status"] not in STATUSES:
                problems.append(f"{where}: status {entry['status']!r} not in {sorted(STATUSES)}")
            if entry.get("stance") is not None and entry["stance"] not in STANCES:
                problems.append(f"{where}: stance {entry['stance']!r} not in {sorted(STANCES)}")
            if entry.get("by") is not None:
                if entry.get("stance") not in ("deny", "confirm") or not isinstance(entry["by"], list):
                    problems.append(f"{where}: `by` is a list, with a deny or confirm stance")
                else:
                    problems += [_actor_problem(base, who, f"{where} by") for who in entry["by"]]
            when = entry.get("when")
            if when is not None and not PARTIAL_DATE.match(str(when)):
                problems.append(f"{where}: when {when!r} is no ISO (partial) date")
    assert [p for p in problems if p] == []


def test_every_class_but_not_transfers_has_transfers():
    for name in CLASSES:
        if name != "not_transfers":
            assert any(case["transfers"] for case in _cases(name)), name


def test_allegation_denial_has_each_stance():
    stances = {entry.get("stance") for case in _cases("allegation_denial") for entry in case["transfers"]}
    assert STANCES <= stances
