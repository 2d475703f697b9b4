"""extract, by construction class (issue 10): sentences written for this project, none tuned on.

The cases are data, tests/constructions/*.yaml, one file per class of construction, run by one
parametrised test. Each case states what an analyst would record from its sentence: `text`, the
`check` that reads the transfers found (default `one`, below), and the facts the check asserts
(FACTS, below: a fact a case does not name is not checked). A case the extractor gets wrong
today carries `xfail` with the class and what goes wrong, strict, so the list of failing
classes is in the test report (`pytest -rx tests/test_constructions.py`) and a fix that makes
one pass turns the mark into a failure to remove. Each file names the `constructions` its cases
exercise (extract/types/transfer/constructions/); a test checks that they exist.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import armstrack

CASES = Path(__file__).parent / "constructions"
PUBLISHED = "2025-03-10"


def events(text, published=PUBLISHED):
    return [e.to_dict() for e in armstrack.extract_text(text, published)]


def transfers(text, published=PUBLISHED):
    return [e for e in events(text, published) if e["type"] == "TRANSFER"]


def rid(role):
    return (role or {}).get("id")


def item_is(event, item):
    """`item` is a knowledge-base id, or a word the item text must contain when the kind is generic."""
    found = event.get("item") or {}
    return found.get("id") == item or item in (found.get("text") or "").lower()


def _either(levels):
    return levels if isinstance(levels, list) else [levels]


# what one event must show: fact name -> (event, expected) -> bool
FACTS = {
    "supplier": lambda e, v: rid(e.get("supplier")) == v,
    "recipient": lambda e, v: rid(e.get("recipient")) == v,
    "item": lambda e, v: item_is(e, v),
    "item_id": lambda e, v: e["item"]["id"] == v,
    "status": lambda e, v: e["status"] == v,
    "not_status": lambda e, v: e["status"] != v,
    "transit": lambda e, v: rid(e.get("transit")) == v,
    "broker": lambda e, v: v in ((e.get("broker") or {}).get("id"), (e.get("broker") or {}).get("state")),
    "supplier_id": lambda e, v: e["supplier"]["id"] == v,
    "supplier_state": lambda e, v: e["supplier"]["state"] == v,
    "supplier_or_state": lambda e, v: v in (e["supplier"]["id"], e["supplier"].get("state")),
    "recipient_or_state": lambda e, v: v in (rid(e.get("recipient")), (e.get("recipient") or {}).get("state")),
    # a part of a system: no system id, a components (or ammunition) category
    "component": lambda e, v: (e["item"]["id"] is None and e["item"]["category"] in ("components", "ammunition")) == v,
    "quantity": lambda e, v: (e.get("quantity") or {}).get("max") == v,
    "ordered": lambda e, v: (e.get("ordered") or {}).get("max") == v,
    "quantity_not": lambda e, v: e["quantity"] is None or e["quantity"]["max"] != v,
    "quantity_above": lambda e, v: e["quantity"]["min"] > v,
    "quantity_text": lambda e, v: e["quantity"]["text"] == v,
    "certainty": lambda e, v: e["certainty"]["level"] in _either(v),
    "not_certainty": lambda e, v: e["certainty"]["level"] != v,
    "hedge": lambda e, v: v in e["certainty"]["hedges"],
    "source": lambda e, v: v in e["certainty"]["sources"],
    "confirmed_by": lambda e, v: e["certainty"]["confirmed_by"] == v,
    "denied_by": lambda e, v: e["certainty"]["denied_by"] == v,
    # the denier marks the transfer, and does not confirm it
    "denier": lambda e, v: v in e["certainty"]["denied_by"] and v not in e["certainty"]["confirmed_by"],
    "not_stance": lambda e, v: v not in e["certainty"]["denied_by"] + e["certainty"]["confirmed_by"],
    "focus": lambda e, v: e["focus"] == v,
    "when": lambda e, v: str(e.get("when")) == str(v),   # the event's date (None: undated)
    "sentence_starts": lambda e, v: e["evidence"]["sentence"].startswith(v),
    "sentence_not_starts": lambda e, v: not e["evidence"]["sentence"].startswith(v),
    # matchers of `none_where`
    "status_in": lambda e, v: e["status"] in v,
    "undenied": lambda e, v: (e["certainty"]["level"] != "denied" and not e.get("negated")) == v,
    "party": lambda e, v: v in (rid(e.get("supplier")), rid(e.get("recipient"))),
}
# the keys of a case that are not facts of one event
NOT_FACTS = {"text", "check", "xfail", "published", "count", "pairs", "items", "triples", "recipients",
             "supplier_statuses", "supplier_quantities"}


def facts(case):
    return {k: v for k, v in case.items() if k not in NOT_FACTS}


def holds(event, case):
    failed = [k for k, v in facts(case).items() if not FACTS[k](event, v)]
    assert not failed, (failed, event)


def check_one(found, case):
    """Exactly one transfer, with the facts."""
    assert len(found) == 1, found
    holds(found[0], case)


def check_each(found, case):
    """At least one transfer (`count`, if given, exactly so many), each with the facts."""
    assert found and len(found) == case.get("count", len(found)), found
    for event in found:
        holds(event, case)


def check_every(found, case):
    """Every transfer found (none is fine) has the facts."""
    for event in found:
        holds(event, case)


def check_none(found, case):
    assert not found, found


def check_alleged_and_denied(found, case):
    """An allegation and its denial in one article are two reports (issue 23): transfers denied
    by `denier`, and at least one undenied, the allegation, with the other facts (its `source`)."""
    denied = [e for e in found if e["certainty"]["denied_by"]]
    alleged = [e for e in found if not e["certainty"]["denied_by"]]
    assert denied and alleged, found
    assert all(case["denier"] in e["certainty"]["denied_by"] for e in denied), denied
    rest = {k: v for k, v in case.items() if k != "denier"}
    assert any(all(FACTS[k](e, v) for k, v in facts(rest).items()) for e in alleged), alleged


def check_none_where(found, case):
    """No transfer matches all the facts."""
    assert not [e for e in found if all(FACTS[k](e, v) for k, v in facts(case).items())], found


def check_pairs(found, case):
    assert {(rid(e.get("supplier")), rid(e.get("recipient"))) for e in found} == {tuple(p) for p in case["pairs"]}


def check_items(found, case):
    assert all(any(item_is(e, item) for e in found) for item in case["items"]), [e["item"] for e in found]


def check_triples(found, case):
    """As many transfers as triples, each (supplier, recipient, item) among them."""
    assert len(found) == len(case["triples"]), found
    for supplier, recipient, item in case["triples"]:
        assert [e for e in found if (rid(e.get("supplier")), rid(e.get("recipient"))) == (supplier, recipient)
                and item_is(e, item)], (supplier, recipient, item, found)


def check_with_item(found, case):
    """Exactly one transfer of `item`, with the facts."""
    found = [e for e in found if item_is(e, case["item"])]
    assert len(found) == 1, found
    holds(found[0], case)


def check_all_with_item(found, case):
    """Some transfer of `item`, and every one with the facts."""
    found = [e for e in found if item_is(e, case["item"])]
    assert found, found
    for event in found:
        holds(event, case)


def check_last_status(found, case):
    """Transfers with both sides named, the last with `status`."""
    assert found and all(rid(e.get("supplier")) and rid(e.get("recipient")) for e in found), found
    assert found[-1]["status"] == case["status"], [e["status"] for e in found]


def check_recipients(found, case):
    assert {rid(e.get("recipient")) for e in found} == set(case["recipients"]), found


def check_supplier_statuses(found, case):
    assert [[rid(e["supplier"]), e["status"]] for e in found] == case["supplier_statuses"], found


def check_supplier_quantities(found, case):
    assert {(rid(e.get("supplier")), (e.get("quantity") or {}).get("max")) for e in found} == \
        {tuple(p) for p in case["supplier_quantities"]}


CHECKS = {name[len("check_"):]: fn for name, fn in globals().items() if name.startswith("check_")}


def load_cases():
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n, case in enumerate(data["cases"], 1):
            case = {"check": "one", **case}
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
            out.append(pytest.param(case, id=f"{path.stem}-{n:02d}", marks=marks))
    return out


@pytest.mark.parametrize("case", load_cases())
def test_construction_case(case):
    CHECKS[case["check"]](transfers(case["text"], case.get("published", PUBLISHED)), case)


# ---- the cases and the constructions they name -------------------------------------------------
def _transfer_constructions():
    from armstrack.extract.construction import table
    from armstrack.records import EventType

    return table(EventType.TRANSFER)


def test_every_case_is_well_formed():
    for param in load_cases():
        case = param.values[0]
        assert case["check"] in CHECKS, (param.id, case["check"])
        assert isinstance(case["text"], str) and case["text"].strip(), param.id
        assert set(facts(case)) <= set(FACTS), (param.id, set(facts(case)) - set(FACTS))


def test_case_files_name_constructions_that_exist():
    names = {row[2] for row in _transfer_constructions()}
    for path in sorted(CASES.glob("*.yaml")):
        named = yaml.safe_load(path.read_text(encoding="utf-8"))["constructions"]
        assert set(named) <= names, (path.name, set(named) - names)


def test_every_construction_module_registers_its_units():
    # a module left out of constructions/__init__.py would register nothing and read nothing
    from armstrack.extract.types.transfer import constructions as package

    registered = {row[4] for row in _registered_modules()}
    folder = Path(package.__file__).parent
    modules = {f"{package.__name__}.{p.stem}" for p in folder.glob("*.py") if p.stem != "__init__"}
    assert modules == registered, modules ^ registered


def _registered_modules():
    from armstrack.extract.construction import _UNITS

    return [(t, stage, u.order, u.name, u.run.__module__) for (t, stage), units in _UNITS.items() for u in units]


def test_construction_word_sections_belong_to_a_construction():
    # a section is named after the construction that reads it, or the module of those that share it
    from armstrack.resources import DATA

    sections = yaml.safe_load((DATA / "patterns" / "constructions" / "transfer.yaml").read_text(encoding="utf-8"))
    names = {row[2] for row in _transfer_constructions()}
    modules = {row[4].rsplit(".", 1)[1] for row in _registered_modules()}
    assert set(sections) <= names | modules, set(sections) - names - modules


def test_every_construction_says_what_it_reads():
    for stage, order, name, shapes, summary in _transfer_constructions():
        assert summary, (stage, order, name)



def test_the_architecture_page_lists_the_constructions_in_their_order():
    # docs/architecture.md, "Constructions": its table is the registry's order, stage by stage
    page = (Path(__file__).parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = page.split("\n## Constructions\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:4] for line in section.splitlines() if line.startswith("| ") and "`" in line]
    documented = [(stage.strip(), int(order), name.strip().strip("`")) for stage, order, name in rows]
    assert documented == [(stage, order, name) for stage, order, name, _, _ in _transfer_constructions()]
