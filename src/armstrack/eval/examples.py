"""Score the fact files beside ../shared/examples/*.txt (`*.expected.json`).

Every listed fact is one check. The files' `traps` are prose, so they are checked through the
negative facts they stand for, derived from the facts themselves: no TRANSFER beyond those
listed; no meeting whose place is also counted as a participant; each listed weapon in exactly one
transfer (aliases are one system); no transfer further along than its listed status.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..records import Status
from ..settings import Settings, takes_settings

_STATUS_WORDS = {"under negotiation": "negotiating", "negotiation": "negotiating",
                 "delivered and used": "used"}


def _status(text: str) -> str:
    text = text.lower().strip()
    return _STATUS_WORDS.get(text, text)


def _ids(value: Any) -> set[str]:
    if not value:
        return set()
    values = value if isinstance(value, list) else [value]
    return {v.get("id") for v in values if v.get("id")}


def _id(text: str | None) -> str | None:
    """Fact files write "UKR (Foreign Ministry)": the id is the first word."""
    return text.split()[0] if text else None


class _Checker:
    def __init__(self, name: str, errors: list | None):
        self.name, self.errors = name, errors
        self.passed = self.total = 0

    def check(self, ok: bool, what: str, detail: Any = None) -> bool:
        self.total += 1
        self.passed += bool(ok)
        if not ok and self.errors is not None:
            self.errors.append({"doc": self.name, "kind": "fact", "fact": what, "got": detail})
        return ok


def _weapon_matches(item: dict, fact: dict, kb) -> bool:
    names = [fact.get("weapon", "")] + fact.get("names_in_text", [])
    ids = {a.entity_id for n in names for a in kb.lookup(n) if not a.entity_id.startswith("generic:")}
    if item.get("id"):
        return item["id"] in ids or (fact.get("weapon", "").lower() in (item.get("name") or "").lower())
    category = (fact.get("category") or "").lower()
    return bool(item.get("category")) and item["category"].lower() in category


@takes_settings("kb_dirs", scope="all")
def evaluate_examples(folder: Path, *, settings: Settings, errors: list | None = None) -> dict:
    from ..pipeline import extract_text
    from ..resolve.kb import load_kb

    kb = load_kb(settings.kb_dirs)
    facts_total = facts_passed = traps_total = traps_passed = 0
    per_file = {}
    files = sorted(folder.glob("*.expected.json")) if folder.is_dir() else [folder]
    for fact_file in files:
        text_file = fact_file.with_name(fact_file.name.replace(".expected.json", ".txt"))
        expected = json.loads(fact_file.read_text(encoding="utf-8"))
        events = [e.to_dict() for e in extract_text(text_file.read_text(encoding="utf-8"), settings=settings)]
        facts, traps = _Checker(text_file.name, errors), _Checker(text_file.name + " (trap)", errors)
        transfers = [e for e in events if e["type"] == "TRANSFER"]
        for fact in expected.get("transfers", []):
            match = [e for e in transfers if (e.get("supplier") or {}).get("id") == fact["supplier"]
                     and (e.get("recipient") or {}).get("id") == fact["recipient"]
                     and _weapon_matches(e.get("item") or {}, fact, kb)]
            label = f"transfer {fact['supplier']}->{fact['recipient']} {fact['weapon']}"
            if not facts.check(bool(match), label, [(_ids(e.get("supplier")), _ids(e.get("recipient")),
                                                     (e.get("item") or {}).get("name")) for e in transfers]):
                continue
            event = match[0]
            if fact.get("broker"):
                facts.check(_ids(event.get("broker")) == {fact["broker"]}, label + " broker", event.get("broker"))
            if fact.get("quantity"):
                got = (event.get("quantity") or {}).get("text", "")
                facts.check(fact["quantity"].lower() in got.lower(), label + " quantity", got)
            if fact.get("status"):
                facts.check(event.get("status") == _status(fact["status"]), label + " status", event.get("status"))
                allowed = Status(_status(fact["status"])).rank
                traps.check(Status(event["status"]).rank <= allowed, label + " not further along than listed",
                            event.get("status"))
            if fact.get("confirmed_by"):
                facts.check(fact["confirmed_by"] in event["certainty"]["confirmed_by"], label + " confirmed_by",
                            event["certainty"]["confirmed_by"])
            if fact.get("hedged"):
                facts.check(event["certainty"]["level"] in ("hedged", "attributed"), label + " hedged",
                            event["certainty"]["level"])
            if fact.get("reported_on"):
                facts.check(event.get("reported_on") == fact["reported_on"], label + " reported_on",
                            event.get("reported_on"))
            traps.check(len(match) == 1, label + " is one system, one transfer", len(match))
        traps.check(len(transfers) == len(expected.get("transfers", [])), "no TRANSFER beyond those listed",
                    len(transfers))
        for fact in expected.get("meetings", []):
            match = [e for e in events if e["type"] == "MEETING" and _ids(e.get("participants")) >= set(fact["participants"])]
            label = f"meeting {'+'.join(fact['participants'])}"
            if facts.check(bool(match), label):
                place = match[0].get("place") or {}
                facts.check(fact.get("place", "").lower() in (place.get("name") or place.get("text") or "").lower(),
                            label + " place", place)
                host = _id(fact.get("host_or_broker"))
                if host:
                    facts.check(_ids(match[0].get("mediator")) == {host}, label + " mediator", match[0].get("mediator"))
                traps.check(not (place.get("id") and place["id"] in _ids(match[0].get("participants"))),
                            label + ": the place is not a participant", match[0].get("participants"))
        for fact in expected.get("sanctions", []):
            match = [e for e in events if e["type"] == "SANCTION" and (e.get("target") or {}).get("id") == fact["target"]]
            label = f"sanction on {fact['target']}"
            if facts.check(bool(match), label):
                facts.check(_ids(match[0].get("imposers")) == set(fact["imposers"]), label + " imposers",
                            sorted(_ids(match[0].get("imposers"))))
        for fact in expected.get("attacks", []):
            attacker = fact["attacker"]
            match = [e for e in events if e["type"] == "ATTACK" and attacker in _ids(e.get("attacker"))]
            label = f"attack by {attacker} on {fact['target']}"
            if facts.check(bool(match), label):
                target = fact["target"]
                ok = any(target in _ids(m.get("target")) or
                         target.lower().split()[-1] in ((m.get("target") or {}).get("text") or "").lower()
                         for m in match)
                facts.check(ok, label + " target", [m.get("target") for m in match])
                if fact.get("when"):
                    facts.check(any((m.get("when") or "").startswith(fact["when"]) for m in match),
                                label + " date", [m.get("when") for m in match])
        for fact in expected.get("statements", []):
            speaker = _id(fact["speaker"])
            match = [e for e in events if e["type"] == "STATEMENT" and speaker in _ids(e.get("speaker"))]
            facts.check(bool(match), f"statement by {speaker}")
        per_file[text_file.name] = {"facts": [facts.passed, facts.total], "traps": [traps.passed, traps.total]}
        facts_total += facts.total
        facts_passed += facts.passed
        traps_total += traps.total
        traps_passed += traps.passed
    return {"dataset": "examples", "n_documents": len(files),
            "facts": {"passed": facts_passed, "total": facts_total,
                      "share": round(facts_passed / facts_total, 3) if facts_total else None},
            "traps": {"passed": traps_passed, "total": traps_total,
                      "share": round(traps_passed / traps_total, 3) if traps_total else None},
            "files": per_file}
