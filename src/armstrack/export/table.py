"""Plain-text rendering of events for the terminal."""
from __future__ import annotations


from .. import eventtypes

COLUMNS = ("type", "who", "what", "status", "certainty", "when")


def event_rows(events: list[dict]) -> list[dict[str, str]]:
    rows = []
    for e in events:
        t = e["type"]
        spec = eventtypes.spec(t)
        who, what = spec.summarise(e) if spec is not None else ("", "")
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
