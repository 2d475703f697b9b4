"""Stored events: filtered, paged listings and one event, as typed records with provenance."""
from __future__ import annotations

from ..errors import NotFound
from ..store import search as stored
from ._db import connection
from .articles import StoredEventView, event_view, resolve_article_id
from ..resolve.filters import (FilterError, check_event_type, day_after, parse_since, parse_until, resolve_actors,
                      resolve_weapon)
from .page import Page, check_paging


def list_events(store, *, type: str | None = None, article: str | None = None,
                supplier: str | None = None, recipient: str | None = None, actor: str | None = None,
                weapon: str | None = None, since: str | None = None, until: str | None = None,
                realis: str | None = None, focus: str | None = None,
                page: int = 1, per_page: int = 50) -> Page[StoredEventView]:
    """Stored events in article and sentence order, every filter checked (filters.py).

    `supplier`/`recipient` match TRANSFER roles, `actor` any role; `weapon` a TRANSFER item or
    ATTACK weapon (id, name or `cat:<kind>`); `since`/`until` the event's own date, else its
    article's; `article` an article id or unique prefix."""
    limit, offset = check_paging(page, per_page)
    db = connection(store)
    checked: dict = {}
    if type:
        checked["type"] = check_event_type(type)
    if article:
        checked["article_id"] = resolve_article_id(db, article)
    for role, value in (("supplier", supplier), ("recipient", recipient)):
        if value:   # an actor, or a region's actors (regions.yaml)
            checked[role + "s"] = resolve_actors(value, role)
    if actor:
        checked["actors"] = resolve_actors(actor)
    if weapon:
        checked["weapon"] = resolve_weapon(weapon)
    start, end = parse_since(since), parse_until(until)
    for name, value, choices in (("realis", realis, ("actual", "planned", "possible")),
                                 ("focus", focus, ("main", "background"))):
        if value and value not in choices:
            raise FilterError(f"{name} {value!r}: choose one of {', '.join(choices)}")
    total, rows = stored.event_page(db, **checked, start=start, before=day_after(end) if end else None,
                                    realis=realis or None, focus=focus or None, limit=limit, offset=offset)
    return Page([event_view(row) for row in rows], total, page, per_page)


def get_event(store, event_id: str) -> StoredEventView:
    """One stored event by id, with its article's provenance."""
    row = stored.event_row(connection(store), (event_id or "").strip().lower())
    if row is None:
        raise NotFound(f"no event {event_id!r}; list them with: armstrack events")
    return event_view(row)
