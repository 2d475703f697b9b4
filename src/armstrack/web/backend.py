"""What the pages and the API read and write: calls into the query and review library.

Each function returns records (dataclasses) or plain dicts; `plain` turns either into JSON.
Where `armstrack.query` has a function it is used; until then `web.interim` stands in.
"""
from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

from ..claims import api as claims_api
from ..errors import ArmstrackError, NotFound
from . import interim
from .highlight import event_marks, pieces

try:  # the query library lands beside this one; prefer it function by function
    from .. import query as _query
except ImportError:  # pragma: no cover - until it lands
    _query = None


# the query library's functions the pages have been checked against; any other comes from
# interim (a function there that changes shape must not break the pages unseen)
# (list_claims stays in interim for now: see its docstring)
FROM_QUERY = frozenset({"get_claim", "list_articles", "get_article", "list_events",
                        "get_event", "get_actor", "list_weapons", "network", "alerts"})


def _lib(name: str):
    found = getattr(_query, name, None) if name in FROM_QUERY else None
    return found or getattr(interim, name)


def plain(value: Any) -> Any:
    """Records, pages, enums and containers as JSON-ready values."""
    if hasattr(value, "to_dict") and dataclasses.is_dataclass(value):
        return plain(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if hasattr(value, "pages"):
            out["pages"] = value.pages
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# Everything below returns plain data in one shape, whichever library answered: the pages and
# the API show that.
def list_claims(store, **filters) -> dict:
    return plain(_lib("list_claims")(store, **filters))


def all_claims(store, **filters) -> list:
    """Every claim matching the filters, as Claim records (what the exporters write)."""
    out, number = [], 1
    filters = {**filters, "sort": "id", "order": "asc"}   # a stable order while paging
    while True:
        found = _lib("list_claims")(store, page=number, per_page=500, **filters)
        out += found.items
        if number >= found.pages:
            return out
        number += 1


def _article_summary(item: dict) -> dict:
    """An article in a listing: provenance, and a search snippet as parts (hits marked)."""
    item = dict(item)
    item.setdefault("ingested", item.pop("ingested_at", None))
    if "snippet_parts" not in item:
        raw = item.get("snippet") or ""
        item["snippet_parts"] = [{"text": t, "hit": h} for t, h in _snippet_parts(raw)] if raw else []
        item["snippet"] = raw.replace("\x02", "").replace("\x03", "") or None
    return item


def _snippet_parts(text: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is a hit) parts; hits come between \\x02 and \\x03."""
    out = []
    for n, part in enumerate(text.split("\x02")):
        if n == 0:
            out.append((part, False))
            continue
        hit, _, rest = part.partition("\x03")
        out += [(hit, True), (rest, False)]
    return [p for p in out if p[0]]


def list_articles(store, **filters) -> dict:
    found = plain(_lib("list_articles")(store, **filters))
    return {**found, "items": [_article_summary(a) for a in found["items"]]}


def _event(event: dict) -> dict:
    """A stored event with its article's provenance under `provenance`."""
    event = dict(event)
    if "provenance" not in event:
        ref = event.get("article") or {}
        event["provenance"] = {"article_id": ref.get("id"), "published": ref.get("published"),
                               "outlet": ref.get("outlet")}
    return event


def list_events(store, **filters) -> dict:
    found = plain(_lib("list_events")(store, **filters))
    return {**found, "items": [_event(e) for e in found["items"]]}


def get_event(store, event_id: str) -> dict:
    return _event(plain(_lib("get_event")(store, event_id)))


def list_weapons(store, **filters) -> dict:
    return plain(_lib("list_weapons")(store, **filters))


def network(store, **filters) -> dict:
    """Nodes (id, name, kind, roles) and edges (source, target, kind, claim, item_name, ...)."""
    found = plain(_lib("network")(store, **filters))
    for node in found["nodes"]:
        node.setdefault("roles", node.get("kind", "").split("+"))
    for edge in found["edges"]:
        edge.setdefault("item_name", edge.get("item"))
    return found


def get_actor(store, actor_id: str) -> dict:
    """An actor with the claims it supplies, receives and brokers (lists) and sanctions on it."""
    found = plain(_lib("get_actor")(store, actor_id))
    for key in ("supplies", "receives", "brokers"):
        if f"{key}_claims" in found:
            found[f"{key}_total"] = found[key]
            found[key] = found.pop(f"{key}_claims")
    found["sanctions"] = [_event(e) for e in found.get("sanctions") or []]
    return found


def get_article(store, article_id: str) -> dict:
    """An article with its provenance, events, and its text in highlighted pieces."""
    article = plain(_lib("get_article")(store, article_id))
    article.setdefault("ingested", article.pop("ingested_at", None))
    article["events"] = [_event(e) for e in article.get("events") or []]
    marks = [m for event in article["events"] for m in event_marks(event)]
    article["pieces"] = [plain(p) for p in pieces(article["text"], marks)]
    return article


def _article_meta(store, article_id: str) -> dict:
    article = store.article(article_id)
    if article is None:
        return {"article_id": article_id}
    return {"article_id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
            "source": article.source, "published": article.published.isoformat() if article.published else None}


def get_claim(store, claim_id: str) -> dict:
    """A claim with each report's evidence in highlighted pieces, its article's provenance,
    the status timeline, linked events and the reviews that concern it."""
    data = plain(_claim(store, claim_id))
    reports = []
    for report in data["reports"]:
        if "spans" in report:   # the query library: spans within the evidence sentence
            sentence = report.get("evidence") or ""
            marks = [(s["start"], s["end"], s["role"], report["event_id"]) for s in report["spans"]]
            offset = 0
        else:
            try:
                event = store.event(report["event_id"]).data
            except NotFound:
                event = {}
            evidence = event.get("evidence") or {}
            sentence = evidence.get("sentence") or report.get("evidence") or ""
            marks, offset = event_marks(event, evidence=False), evidence.get("start", 0)
        provenance = report.get("provenance") or _article_meta(store, report["article_id"])
        reports.append({**report, "provenance": provenance,
                        "pieces": [plain(p) for p in pieces(sentence, marks, offset=offset)]})
    data["reports"] = reports
    # the library's trail follows the claim's reports; a report rejected out of it is followed here too
    trail = {entry["id"]: {**entry, "applies": not entry.get("undone_at")} for entry in data.get("audit") or []}
    trail.update((entry["id"], entry) for entry in _audit(store, data))
    data["audit"] = sorted(trail.values(), key=lambda entry: entry["id"])
    return data


def _log(store) -> list[tuple[Any, bool]]:
    """Every review with whether it applies: the full audit log (undone ones and undos too)
    where the review library keeps one, else the reviews in force."""
    if hasattr(claims_api, "review_log"):
        return [(c, not getattr(c, "undone_at", None)) for c in claims_api.review_log(store)]
    return claims_api.reviews(store)


def _audit(store, claim: dict) -> list[dict]:
    """The reviews of a claim: of it, of its reports, of any report of its pair an analyst took
    out of it (a rejected report is no longer among its reports, but its undo belongs here),
    and the undos of those."""
    ids = {claim["id"], *(r["event_id"] for r in claim["reports"])}
    out, mine_ids = [], set()
    for correction, applies in _log(store):
        mine = correction.target in ids or correction.other in ids or (
            str(getattr(correction, "action", "")) == "undo" and correction.other in mine_ids)
        if not mine and correction.target.startswith("ev-"):
            try:
                event = store.event(correction.target).data
            except NotFound:
                continue
            pair = ((event.get("supplier") or {}).get("id"), (event.get("recipient") or {}).get("id"))
            item = (event.get("item") or {}).get("id")
            mine = pair == (claim["supplier"], claim["recipient"]) and item in (None, claim["item_id"])
        if mine:
            mine_ids.add(str(correction.id))
            out.append({**plain(correction), "applies": applies})
    return out


def _claim(store, claim_id: str):
    """The claim, or the one a merge moved it into (an id once shown keeps answering)."""
    getter = _lib_claim()
    try:
        return getter(store, claim_id)
    except NotFound:
        for correction, _ in reversed(claims_api.reviews(store)):
            if correction.other == claim_id and correction.target != claim_id:
                return getter(store, correction.target)
        raise


def _lib_claim():
    return (getattr(_query, "get_claim", None) if "get_claim" in FROM_QUERY else None) or claims_api.get_claim


def alerts(store, *, since: str, by: str = "news") -> list[dict]:
    """The changes since a date: by news date, or by when armstrack recorded them."""
    import inspect

    from ..claims import alerts as recorded

    if "by" in inspect.signature(recorded).parameters:
        return plain(recorded(store, since=since, by=by))
    return plain(recorded(store, since=interim.check_date("since", since) or "0000"))


def reviews(store) -> list[dict]:
    """The audit log, oldest first."""
    return [{**plain(c), "applies": applies} for c, applies in _log(store)]


REVIEW_ACTIONS = ("accept", "reject", "correct", "split", "merge", "status", "stance", "undo")


def review(store, action: str, *, target: str | None = None, by: str = "", why: str = "",
           field: str | None = None, value: str | None = None, other: str | None = None,
           force: bool = False, audit_id: int | None = None):
    """Apply one review action through the review library; returns the stored review."""
    if action not in REVIEW_ACTIONS:
        raise ArmstrackError(f"unknown review action {action!r}; one of: {', '.join(REVIEW_ACTIONS)}")
    fn = getattr(claims_api, {"status": "set_status", "stance": "set_stance"}.get(action, action), None)
    if fn is None:
        raise ArmstrackError(f"review {action} is not available in this armstrack yet")
    if action == "undo":
        return fn(store, audit_id, by=by, why=why or "undo")
    if not target:
        raise ArmstrackError(f"review {action} needs a target: a claim id (cl-...) or a report's event id (ev-...)")
    if action in ("accept", "reject", "split"):
        return fn(store, target, by=by, why=why)
    if action == "correct":
        return fn(store, target, field=field, value=value or "", by=by, why=why)
    if action == "merge":
        if not other:
            raise ArmstrackError("review merge needs other: the claim id to merge into the target")
        kwargs = {"force": force} if "force" in fn.__code__.co_varnames else {}
        return fn(store, target, other, by=by, why=why, **kwargs)
    # status / stance: the value to set
    return fn(store, target, value or "", by=by, why=why)
