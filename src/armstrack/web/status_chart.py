"""A claim's status history as a small chart, drawn on the server as SVG coordinates the claim
page's template turns into elements (issue 24): no script, nothing for the CSP to refuse.

Time runs left to right (report dates; undated reports after the last date); one row per
status the claim's reports name or the claim held, stages in their order from the bottom,
halts (suspended, refused, seized, cancelled) above them. A step line is the claim's status
after each report; a mark is each report at the status it asserted: a dot for an assertion, a
ring for an official confirmation, a cross for a denial, filled where the report set the status.
"""
from __future__ import annotations

from datetime import date

from ..records import Status

WIDTH, ROW, LEFT, RIGHT, TOP, BOTTOM = 640, 22, 92, 16, 10, 26


def _day(text: str | None) -> int | None:
    """Days since year 1 of an ISO date (a year or a month counts from its first day)."""
    if not text:
        return None
    parts = (text.split("T")[0].split("-") + ["1", "1"])[:3]
    try:
        return date(int(parts[0]), int(parts[1] or 1), int(parts[2] or 1)).toordinal()
    except ValueError:
        return None


def _rank(status: str) -> int:
    try:
        found = Status(status)
    except ValueError:
        return len(Status) + 1
    return found.rank


def _halt(status: str) -> bool:
    try:
        return Status(status).halts
    except ValueError:
        return False


def status_chart(history: list[dict]) -> dict | None:
    """Coordinates for the chart of a claim's `history` (its steps as plain dicts: date,
    status, reported, stance, changed, by, event_id); None when no step names a status."""
    named = [s for s in history if s.get("status") or s.get("reported")]
    if not named:
        return None
    statuses = sorted({v for s in history for v in (s.get("status"), s.get("reported")) if v}, key=_rank)
    rows = list(reversed(statuses))                  # the top row first: halts, then later stages
    height = TOP + ROW * len(rows) + BOTTOM
    y = {status: TOP + ROW * i + ROW / 2 for i, status in enumerate(rows)}
    days = [d for d in (_day(s.get("date")) for s in history) if d is not None]
    first, last = (min(days), max(days)) if days else (0, 0)
    undated = sum(1 for s in history if _day(s.get("date")) is None)
    inner = WIDTH - LEFT - RIGHT
    span_right = inner - (40 if undated else 0)      # room for the undated reports at the right

    def x_of(step: dict, nth_undated: int) -> float:
        day = _day(step.get("date"))
        if day is None:
            return LEFT + span_right + 20 + (nth_undated * 12)
        if last == first:
            return LEFT + span_right / 2
        return LEFT + (day - first) / (last - first) * span_right

    points, line, seen_undated, current = [], [], 0, None
    for step in history:
        x = x_of(step, seen_undated)
        if _day(step.get("date")) is None:
            seen_undated += 1
        status = step.get("status")
        if status and status != current:
            if current is not None:
                line.append((round(x, 1), line[-1][1]))          # hold the level until this report
            line.append((round(x, 1), y[status]))
            current = status
        shown = step.get("reported") or status
        if shown:
            points.append({"x": round(x, 1), "y": y[shown], "stance": step.get("stance") or "assert",
                           "changed": bool(step.get("changed")), "date": step.get("date") or "undated",
                           "reported": step.get("reported") or "", "status": status or "", "by": step.get("by") or "",
                           "event_id": step.get("event_id") or ""})
    if line:
        line.append((LEFT + inner, line[-1][1]))                 # the status it holds today
    ticks = []
    if days:
        years = range(date.fromordinal(first).year, date.fromordinal(last).year + 1)
        marks = [(date(year, 1, 1).toordinal(), str(year)) for year in years]
        if len(marks) <= 1 or last - first < 400:                # within a year or so: the dates themselves
            marks = sorted({(d, date.fromordinal(d).isoformat()) for d in days})[:6]
        for day, label in marks:
            if first <= day <= last or len(marks) == 1:
                ticks.append({"x": round(LEFT + ((day - first) / (last - first) * span_right if last > first
                                                 else span_right / 2), 1), "label": label})
    if undated:
        ticks.append({"x": round(LEFT + span_right + 20, 1), "label": "undated"})
    kept: list[dict] = []
    for tick in sorted(ticks, key=lambda t: t["x"]):   # labels never overlap: one per 70 px at most
        if not kept or tick["x"] - kept[-1]["x"] >= 70 or tick["label"] == "undated":
            kept.append(tick)
    for tick in kept:   # a label at either end stays inside the box
        tick["anchor"] = ("start" if tick["x"] - LEFT < 36 else "end" if WIDTH - RIGHT - tick["x"] < 36 else "middle")
    ticks = kept
    path = "M" + " L".join(f"{x},{yy}" for x, yy in line) if line else ""
    return {"width": WIDTH, "height": height, "left": LEFT, "right": WIDTH - RIGHT, "axis_y": height - BOTTOM + 4,
            "rows": [{"status": s, "y": y[s], "halt": _halt(s)} for s in rows],
            "path": path, "points": points, "ticks": ticks}
