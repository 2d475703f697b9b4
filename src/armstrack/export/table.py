"""Plain-text rendering of events for the terminal."""
from __future__ import annotations

from typing import Any

COLUMNS = ("type", "who", "what", "status", "certainty", "when")


def _name(value: Any) -> str:
    if not value:
        return ""
    if isinstance(value, list):
        return ", ".join(_name(v) for v in value)
    return value.get("id") or value.get("name") or value.get("text") or ""


def event_rows(events: list[dict]) -> list[dict[str, str]]:
    rows = []
    for e in events:
        t = e["type"]
        if t == "TRANSFER":
            who = f"{_name(e.get('supplier')) or '?'} -> {_name(e.get('recipient')) or '?'}"
            if e.get("broker"):
                who += f" (via {_name(e['broker'])})"
            item = e.get("item") or {}
            what = item.get("name") or item.get("text") or ""
            if item.get("category"):
                what += f" [{item['category']}]"
            if e.get("quantity"):
                what = f"{e['quantity']['text']} x {what}"
        elif t == "MEETING":
            who = " + ".join(_name(p) for p in e.get("participants", []))
            what = f"in {e['place']['name'] or e['place']['text']}" if e.get("place") else ""
            if e.get("mediator"):
                what += f" mediated by {_name(e['mediator'])}"
        elif t == "SANCTION":
            who = f"{_name(e.get('imposers'))} -> {_name(e.get('target')) or '?'}"
            # a lifted sanction says so first: the row is about its ending
            what = " ".join(x for x in ("lifted" if e.get("lifted") else "",
                                        e.get("measure") if e.get("measure") != "sanctions" else "",
                                        f"on {e['covers']}" if e.get("covers") else "",
                                        e.get("reason")) if x)
        elif t == "ATTACK":
            who = f"{_name(e.get('attacker')) or '?'} -> {_name(e.get('target')) or '?'}"
            what = f"in {e['place']['text']}" if e.get("place") else ""
        else:
            who = _name(e.get("speaker"))
            what = e.get("kind") or ""
            if e.get("about"):
                what += " " + " ".join(f"{v}" for k, v in e["about"].items() if k != "type")
        cert = e.get("certainty", {})
        # a transfer's status says how far it went; other events show whether they happened, and
        # every event whether its sentence only mentions it in passing
        status = [e.get("status") or (e.get("realis") if e.get("realis") not in (None, "actual") else "")]
        if e.get("focus") == "background":
            status.append("background")
        rows.append({"id": e.get("id", ""), "type": t, "who": who, "what": what.strip(),
                     "status": ", ".join(x for x in status if x), "certainty": cert.get("level", ""),
                     "when": e.get("when") or ""})
    return rows


def format_table(rows: list[dict[str, str]]) -> str:
    if not rows:
        return "(no events)"
    columns = (("id",) if any(r.get("id") for r in rows) else ()) + COLUMNS
    widths = {c: min(48, max(len(c), *(len(r.get(c, "")) for r in rows))) for c in columns}
    lines = ["  ".join(c.upper().ljust(widths[c]) for c in columns)]
    for r in rows:
        lines.append("  ".join(_clip(r.get(c, ""), widths[c]).ljust(widths[c]) for c in columns).rstrip())
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def mark_spans(text: str, evidence: dict, spans: list[dict]) -> str:
    """The evidence sentence with each role span wrapped as [text]{role}."""
    start, end = evidence["start"], evidence["end"]
    inside = sorted((s for s in spans if start <= s["start"] and s["end"] <= end),
                    key=lambda s: (s["start"], -s["end"]))
    out, pos = [], start
    for span in inside:
        if span["start"] < pos:
            continue
        out.append(text[pos:span["start"]])
        out.append(f"[{text[span['start']:span['end']]}]{{{span['role']}}}")
        pos = span["end"]
    out.append(text[pos:end])
    return "".join(out)
