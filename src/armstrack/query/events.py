"""Stored events: filtered, paged listings and one event, as typed records with provenance."""
from __future__ import annotations

from ..errors import NotFound
from ._db import PROVENANCE_COLUMNS, connection
from .articles import StoredEventView, event_view, resolve_article_id
from ..resolve.filters import (FilterError, check_event_type, day_after, parse_since, parse_until, resolve_actors,
                      resolve_weapon)
from .page import Page, check_paging

_SELECT = f"SELECT e.id, e.data, {PROVENANCE_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id"
_ROLE = "e.id IN (SELECT event_id FROM roles WHERE role IN ({}) AND entity_id = ?)"


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
    where, args = [], []
    if type:
        # with an actor or weapon filter the roles index finds fewer rows than the type index:
        # `+e.type` keeps SQLite from scanning every event of the type (bench/query.py: 336 ms)
        by_role = supplier or recipient or actor or (weapon and not weapon.strip().lower().startswith("cat:"))
        where.append("+e.type = ?" if by_role else "e.type = ?")
        args.append(check_event_type(type))
    if article:
        where.append("e.article_id = ?")
        args.append(resolve_article_id(db, article))
    for role, value in (("'supplier'", supplier), ("'recipient'", recipient)):
        if value:   # an actor, or a region's actors (regions.yaml)
            ids = resolve_actors(value, role.strip("'"))
            where.append(_ROLE.replace("= ?", f"IN ({', '.join('?' * len(ids))})").format(role))
            args += ids
    if actor:
        ids = resolve_actors(actor)
        where.append(f"e.id IN (SELECT event_id FROM roles WHERE entity_id IN ({', '.join('?' * len(ids))}))")
        args += ids
    if weapon:
        key = resolve_weapon(weapon)
        if key.startswith("cat:"):
            # a kind covers its narrower kinds: "drone" keeps "one-way attack drone"
            where.append("(COALESCE(json_extract(e.data, '$.item.category'), json_extract(e.data, '$.weapon.category'))"
                         " IN (?, ?) OR COALESCE(json_extract(e.data, '$.item.category'),"
                         " json_extract(e.data, '$.weapon.category')) LIKE ?)")
            args += [key[4:], key[4:], f"% {key[4:]}"]
        else:
            where.append(_ROLE.format("'item', 'weapon'"))
            args.append(key)
    start, end = parse_since(since), parse_until(until)
    if start:
        where.append("COALESCE(e.event_date, a.published) >= ?")
        args.append(start)
    if end:
        where.append("COALESCE(e.event_date, a.published) < ?")
        args.append(day_after(end))
    for name, value, choices, default in (("realis", realis, ("actual", "planned", "possible"), "actual"),
                                          ("focus", focus, ("main", "background"), "main")):
        if value:
            if value not in choices:
                raise FilterError(f"{name} {value!r}: choose one of {', '.join(choices)}")
            # events stored before realis and focus existed count as actual and main
            where.append(f"COALESCE(json_extract(e.data, '$.{name}'), '{default}') = ?")
            args.append(value)
    where_sql = (" WHERE " + " AND ".join(where)) if where else ""
    total = db.execute("SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id" + where_sql,
                       args).fetchone()[0]
    # ids first, then the page's rows: sorting carries ids, not whole event documents
    page_ids = [r[0] for r in db.execute(
        "SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id" + where_sql +
        " ORDER BY a.published, a.id, e.seq LIMIT ? OFFSET ?", (*args, limit, offset))]
    rows = {r["id"]: r for r in db.execute(_SELECT + f" WHERE e.id IN ({', '.join('?' * len(page_ids))})",
                                           page_ids)} if page_ids else {}
    return Page([event_view(rows[i]) for i in page_ids], total, page, per_page)


def get_event(store, event_id: str) -> StoredEventView:
    """One stored event by id, with its article's provenance."""
    row = connection(store).execute(_SELECT + " WHERE e.id = ?", ((event_id or "").strip().lower(),)).fetchone()
    if row is None:
        raise NotFound(f"no event {event_id!r}; list them with: armstrack events")
    return event_view(row)
