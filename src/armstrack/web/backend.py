"""What the pages and the API read and write: one call into the query and review library
(`armstrack.query`) each, turned into the plain data both show.

No SQL here: a page that needs a query the library lacks gets it added there.
"""
from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

from .. import query
from ..errors import ArmstrackError, NotFound
from .highlight import event_marks, pieces


def plain(value: Any) -> Any:
    """Records, pages, enums and containers as JSON-ready values."""
    if hasattr(value, "to_dict") and dataclasses.is_dataclass(value):
        return plain(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def paged(items: list, page: int, per_page: int) -> dict:
    """A list computed whole (alerts, the audit log) as one page of the API's lists."""
    from ..query.page import paged as cut

    return cut(items, page, per_page).to_dict(item=lambda item: item)


def list_claims(store, **filters) -> dict:
    """A page of claims (`query.list_claims` filters, sort and paging)."""
    return plain(query.list_claims(store, **filters))


def all_claims(store, **filters) -> list:
    """Every claim matching the filters, as Claim records (what the exporters write)."""
    out, number = [], 1
    filters = {**filters, "sort": "id", "order": "asc"}   # a stable order while paging
    while True:
        found = query.list_claims(store, page=number, per_page=query.MAX_PER_PAGE, **filters)
        out += found.items
        if number >= found.pages:
            return out
        number += 1


def claim_facets(store, *, facets: list[str] | None = None, limit: int = 10, **filters) -> dict:
    """Facet name -> {name, param, truncated, values: [{value, label, count, selected}]}."""
    return plain(query.claim_facets(store, facets=facets, limit=limit, **filters))


def claim_trends(store, **filters) -> dict:
    """{years: [{year, claims, deliveries}], total, deliveries} (`query.claim_trends`)."""
    return plain(query.claim_trends(store, **filters))


def claim_map(store, *, flows: int = 40, **filters) -> dict:
    """{countries, flows, elsewhere, total} (`query.claim_map`)."""
    return plain(query.claim_map(store, flows=flows, **filters))


MAX_BULK = 500     # claims one bulk review may name


def review_many(store, action: str, targets: list[str], *, by: str, why: str, force: bool = False) -> list:
    """Accept or reject each claim of `targets`, or merge every other one into the first; one
    review (and one audit entry) per claim. Every target is checked before the first review."""
    ids = list(dict.fromkeys(t.strip().lower() for t in targets if t.strip()))
    if action not in ("accept", "reject", "merge"):
        raise ArmstrackError(f"bulk review {action!r}: accept, reject or merge")
    if not ids or (action == "merge" and len(ids) < 2):
        raise ArmstrackError("tick the claims to review first" if action != "merge" else
                             "tick two claims or more to merge: the first keeps its id")
    if len(ids) > MAX_BULK:
        raise ArmstrackError(f"{len(ids)} claims ticked; review at most {MAX_BULK} at once")
    if not by.strip() or not why.strip():
        raise ArmstrackError("a review needs who (by) and why")
    claims = [query.get_claim(store, i).claim for i in ids]       # NotFound before anything changes
    if action == "merge" and not force:
        apart = [c.id for c in claims[1:] if c.pair != claims[0].pair]
        if apart:
            raise ArmstrackError(f"refusing to merge {', '.join(apart)} into {claims[0].id}: different "
                                 "supplier or recipient; tick 'force' if they are one deal")
    if action == "merge":
        return [query.merge(store, claims[0].id, c.id, by=by, why=why, force=force) for c in claims[1:]]
    return [getattr(query, action)(store, c.id, by=by, why=why) for c in claims]


def review_ids(text: str) -> list[int]:
    """Review ids from "12,13,14" (a bulk action's `done`); anything else is left out."""
    return [int(part) for part in text.split(",")[:MAX_BULK] if part.strip().isdigit()]


def undo_many(store, ids: list[int], *, by: str) -> list:
    """Undo each review of `ids` still in force, the latest first; the undo entries."""
    live = {c.id for c, applies in _log(store) if applies}
    return [query.undo(store, i, by=by, why="bulk undo") for i in sorted(set(ids) & live, reverse=True)]


def bulk_done(store, text: str) -> dict | None:
    """What a bulk action did, for the banner over the table: its reviews (action, target,
    whether each still applies) or, after an undo, the undos; None without ids."""
    ids = set(review_ids(text))
    if not ids:
        return None
    found = [(c, applies) for c, applies in _log(store) if c.id in ids]
    if not found:
        return None
    actions = sorted({str(c.action) for c, _ in found})
    return {"ids": ",".join(str(c.id) for c, _ in found), "action": actions[0] if len(actions) == 1 else "review",
            "by": found[0][0].by, "targets": [c.target if str(c.action) != "merge" else c.other for c, _ in found],
            "into": found[0][0].target if actions == ["merge"] else None,
            "live": sum(1 for _, applies in found if applies), "count": len(found)}


def list_articles(store, **filters) -> dict:
    """A page of articles; for a search each has `snippet_parts` with the hits marked."""
    return plain(query.list_articles(store, **filters))


def _with_claims(store, events: list[dict]) -> list[dict]:
    """Each TRANSFER event with the id of the claim it is a report of (`claim`, or None)."""
    from ..claims import claim_for_event

    for event in events:
        if event.get("type") == "TRANSFER":
            claim = claim_for_event(store, event["id"])
            event["claim"] = claim.id if claim else None
    return events


def list_events(store, **filters) -> dict:
    found = plain(query.list_events(store, **filters))
    found["items"] = _with_claims(store, found["items"])
    return found


def get_event(store, event_id: str) -> dict:
    return plain(query.get_event(store, event_id))


def list_weapons(store, **filters) -> dict:
    return plain(query.list_weapons(store, **filters))


MAX_EDGES = query.MAX_EDGES


def network(store, *, limit: int = MAX_EDGES, **filters) -> dict:
    """The pair network (`query.pair_network`): nodes (id, name, kind, roles, claims) and the
    edges of the `limit` busiest pairs (source, target, kind, style, claims, statuses, top
    claims), with `pairs_total`, `claims_total` and `cut` saying what was left out."""
    return query.pair_network(store, limit=limit, **filters).to_dict()   # plain data already


def list_actors(store, **filters) -> dict:
    return plain(query.list_actors(store, **filters))


def get_actor(store, actor_id: str) -> dict:
    """An actor with the claims it supplies, receives and brokers (lists; `*_total` the counts)
    and the sanctions on it."""
    found = plain(query.get_actor(store, actor_id))
    for key in ("supplies", "receives", "brokers"):
        found[f"{key}_total"] = found[key]
        found[key] = found.pop(f"{key}_claims")
    return found


def get_article(store, article_id: str) -> dict:
    """An article with its provenance, events, and its text in highlighted pieces."""
    article = plain(query.get_article(store, article_id))
    article["events"] = _with_claims(store, article["events"])
    marks = [m for event in article["events"] for m in event_marks(event)]
    article["pieces"] = [plain(p) for p in pieces(article["text"], marks)]
    return article


def get_claim(store, claim_id: str) -> dict:
    """A claim with each report's evidence in highlighted pieces and its article's provenance,
    the status timeline, linked events and the reviews that concern it. A merged-away id
    answers with the claim that holds its reports (`redirected_from` says so)."""
    data = plain(query.get_claim(store, claim_id))
    for report in data["reports"]:
        marks = [(s["start"], s["end"], s["role"], report["event_id"]) for s in report["spans"]]
        report["pieces"] = [plain(p) for p in pieces(report.get("evidence") or "", marks)]
    # the library's trail follows the claim's reports; a report rejected out of it is followed here too
    trail = {entry["id"]: {**entry, "applies": not entry.get("undone_at")} for entry in data["audit"]}
    trail.update((entry["id"], entry) for entry in _audit(store, data))
    data["audit"] = sorted(trail.values(), key=lambda entry: entry["id"])
    return data


def retired_into(store, old_id: str, claim_id: str) -> str | None:
    """`old_id` if it is a retired id that now leads to `claim_id` (the notice a redirected
    page shows), else None: a `from` in a URL is never taken on trust."""
    try:
        found = query.get_claim(store, old_id)
    except ArmstrackError:   # NotFound too
        return None
    return found.redirected_from if found.redirected_from and found.id == claim_id else None


def _log(store) -> list[tuple[Any, bool]]:
    """Every review (undone ones and undos too) and whether it still applies."""
    return [(c, not c.undone_at) for c in query.review_log(store)]


def _audit(store, claim: dict) -> list[dict]:
    """Reviews of a report of the claim's pair and item that an analyst took out of it (a
    rejected report is no longer among its reports, but its undo belongs here), and the undos
    of those."""
    ids = {claim["id"], *(r["event_id"] for r in claim["reports"])}
    out, mine_ids = [], set()
    for correction, applies in _log(store):
        mine = correction.target in ids or correction.other in ids or (
            str(correction.action) == "undo" and correction.other in mine_ids)
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


def alerts(store, *, since: str, by: str = "news") -> list[dict]:
    """The changes since a date: by news date, or by when armstrack recorded them."""
    return plain(query.alerts(store, since=since, by=by))


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
    if action == "undo":
        return query.undo(store, audit_id, by=by, why=why or "undo")
    if not target:
        raise ArmstrackError(f"review {action} needs a target: a claim id (cl-...) or a report's event id (ev-...)")
    if action in ("accept", "reject", "split"):
        return getattr(query, action)(store, target, by=by, why=why)
    if action == "correct":
        return query.correct(store, target, field=field, value=value or "", by=by, why=why)
    if action == "merge":
        if not other:
            raise ArmstrackError("review merge needs other: the claim id to merge into the target")
        return query.merge(store, target, other, by=by, why=why, force=force)
    setter = query.set_status if action == "status" else query.set_stance
    return setter(store, target, value or "", by=by, why=why)


# ---- the claim page's review (issue 24: one form, the reviewer named once, a banner) -----
def review_from_page(store, do: str, *, by: str, why: str, status: str = "", field: str = "", value: str = "",
                     other: str = "", force: bool = False):
    """Apply the review a claim page's button asks for. `do` is the button's value: "accept
    TARGET", "reject TARGET", "split EV", "stance:deny EV", "status CL" (the page's `status`),
    "correct CL" (`field`, `value`), "merge CL" (`other`, `force`) or "undo REVIEW_ID"."""
    verb, _, target = do.strip().partition(" ")
    target = target.strip()
    action, _, given = verb.partition(":")
    if not by.strip():
        raise ArmstrackError("a review needs your name: type it in 'reviewing as' (kept for this browser session)")
    if not why.strip() and action != "undo":
        raise ArmstrackError("a review needs a reason: type it in 'reason' beside your name; it is kept in the audit trail")
    if action == "undo":
        if not target.isdigit():
            raise ArmstrackError(f"undo needs a review number, not {target!r}")
        return review(store, "undo", by=by, why=why or "undone from the claim page", audit_id=int(target))
    if action not in REVIEW_ACTIONS or not target:
        raise ArmstrackError(f"unknown review {do!r}; reload the claim page and try again")
    if action == "stance":
        return review(store, "stance", target=target, by=by, why=why, value=given)
    if action == "status":
        return review(store, "status", target=target, by=by, why=why, value=status)
    if action == "correct":
        return review(store, "correct", target=target, by=by, why=why, field=field or None, value=value)
    if action == "merge":
        return review(store, "merge", target=target, by=by, why=why, other=other.strip() or None, force=force)
    return review(store, action, target=target, by=by, why=why)


def _saying(correction) -> str:
    """A review in words, as the claim page's banner says what was saved."""
    action, target = str(correction.action), correction.target
    what = "report " + target if target.startswith("ev-") else "the claim" if target.startswith("cl-") else target
    if action == "accept":
        return f"accepted {what}"
    if action == "reject":
        return f"rejected {what}"
    if action == "split":
        return f"split {what} out into a claim of its own"
    if action == "merge":
        return f"merged {correction.other} into {target}"
    if action == "undo":
        return f"undid review #{correction.other}"
    if correction.field == "status" and not target.startswith("ev-"):
        return f"set the claim's status to {correction.value}"
    if correction.field == "stance":
        return f"marked {what} as {'a denial' if correction.value == 'deny' else 'a confirmation' if correction.value == 'confirm' else 'an assertion'}"
    return f"corrected the {correction.field} of {what} to {correction.value}"


def review_done(store, text: str) -> list[dict]:
    """The reviews a claim page's `done` names (ids, "12" or "12,13"): what each did in words,
    who and why, and whether it still applies (the banner offers to undo those that do); an
    undo also says what it undid."""
    ids = set(review_ids(text))
    if not ids:
        return []
    log = _log(store)
    by_id = {c.id: c for c, _ in log}
    out = []
    for correction, applies in log:
        if correction.id in ids:
            entry = {"id": correction.id, "action": str(correction.action), "text": _saying(correction),
                     "by": correction.by, "why": correction.why, "applies": applies,
                     "undone_by": correction.undone_by}
            if str(correction.action) == "undo":
                undone = by_id.get(int(correction.other)) if str(correction.other).isdigit() else None
                entry["undid"] = _saying(undone) if undone else ""
            out.append(entry)
    return out
