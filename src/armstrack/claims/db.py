"""SQL for the claims stage: the claims index, report rows, claim rows, links and changes.

Tables (migration m003_claims): `claim_index` (one or more rows per stored event, keyed by the
actors that matter for merging and linking), `claims` (one row per claim, its full record in
`data`), `claim_reports` and `claim_links` (event id -> claim id), `claim_reviews`,
`claim_changes` (what alerts read) and `claim_settings`.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator

from ..records import Event
from .links import LinkEvent
from .model import Alert, Claim, Link, Origin, OriginKind, Report, Stance
from .origins import origin_of

Pair = tuple[str, str]

INDEX_COLUMNS = ("event_id", "article_id", "type", "rel", "actor", "supplier", "recipient",
                  "item_id", "category", "broad", "item_text", "report_date", "event_date", "ord")
_EVENT_SQL = ("SELECT e.id, e.article_id, e.seq, e.type, e.data, a.published, a.outlet, a.rowid AS article_rowid,"
              " a.title, a.url, a.source, a.ingested_at"
              " FROM events e JOIN articles a ON a.id = e.article_id")


# ---- settings ---------------------------------------------------------------------------
def setting(db: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    """One value from `claim_settings` (window_days, needs_rebuild)."""
    row = db.execute("SELECT value FROM claim_settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_setting(db: sqlite3.Connection, key: str, value: str | None) -> None:
    """Set a `claim_settings` value; None removes it."""
    if value is None:
        db.execute("DELETE FROM claim_settings WHERE key = ?", (key,))
    else:
        db.execute("INSERT INTO claim_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


# ---- the claims index -------------------------------------------------------------------
def _id(value: object) -> str | None:
    return value.get("id") if isinstance(value, dict) else None


def _party(value: object) -> str | None:
    """A transfer side as claims pair it: a company by its state ("Rosoboronexport delivered" and
    "Russia delivered" report one deal), anything else by its id."""
    return (value.get("state") or value.get("id")) if isinstance(value, dict) else None


def ingest_order(article_rowid: int, seq: int) -> int:
    """Where an event stands in ingestion order: picks a claim's anchor (see merge.Cluster)."""
    return article_rowid * 100_000 + seq


def index_rows(row: sqlite3.Row) -> Iterator[dict]:
    """The claims-index rows of one stored event (see LinkEvent for the columns)."""
    data, type_ = json.loads(row["data"]), row["type"]
    base = {"event_id": row["id"], "article_id": row["article_id"], "type": type_,
            "report_date": row["published"], "event_date": data.get("when"),
            "ord": ingest_order(row["article_rowid"], row["seq"])}
    if type_ == "TRANSFER":
        item = data.get("item") or {}
        pair = {"supplier": _party(data.get("supplier")), "recipient": _party(data.get("recipient")),
                "item_id": item.get("id"), "category": item.get("category"),
                "broad": item.get("broad_category")}
        yield {**base, "rel": "transfer", **pair}
        if _id(data.get("broker")):
            yield {**base, "rel": "broker", "actor": _id(data["broker"]), **pair}
    elif type_ == "MEETING":
        people = [p["id"] for p in data.get("participants") or [] if p.get("id")]
        for a in people:
            for b in people:
                if a != b:
                    yield {**base, "rel": "meeting", "supplier": a, "recipient": b}
        if _id(data.get("mediator")):
            yield {**base, "rel": "mediator", "actor": _id(data["mediator"])}
    elif type_ == "ATTACK":
        if _id(data.get("attacker")):
            weapon = data.get("weapon") or {}
            yield {**base, "rel": "attacker", "actor": _id(data["attacker"]),
                   "item_id": weapon.get("id"), "category": weapon.get("category"),
                   "broad": weapon.get("broad_category")}
    if type_ in ("SANCTION", "STATEMENT"):
        about = data.get("about") or {}
        # the target/speaker row carries the `about` too: an event that says what it is about
        # links by that alone, not to every claim of its article
        about = {"supplier": about.get("supplier"), "recipient": about.get("recipient"),
                 "item_text": about.get("item")} if about.get("supplier") and about.get("recipient") else {}
        if about:
            yield {**base, "rel": "about", **about}
        role = "target" if type_ == "SANCTION" else "speaker"
        if _id(data.get(role)):
            yield {**base, "rel": role, "actor": _id(data[role]), **about}


def _insert_index(db: sqlite3.Connection, rows: Iterable[sqlite3.Row]) -> list[dict]:
    out = [index_row for row in rows for index_row in index_rows(row)]
    db.executemany(f"INSERT INTO claim_index ({', '.join(INDEX_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(INDEX_COLUMNS))})",
                   [tuple(r.get(c) for c in INDEX_COLUMNS) for r in out])
    return out


def index_article(db: sqlite3.Connection, article_id: str) -> list[dict]:
    """(Re)index one article's events; returns the new index rows."""
    db.execute("DELETE FROM claim_index WHERE article_id = ?", (article_id,))
    return _insert_index(db, db.execute(_EVENT_SQL + " WHERE e.article_id = ? ORDER BY e.seq", (article_id,)))


def index_all_batched(db: sqlite3.Connection, batch: int = 2000) -> None:
    """Rebuild the claims index article by article, `batch` articles per transaction."""
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY rowid")]
    with db:
        # rows of articles that are gone (none should be, but the index is derived: start clean)
        db.execute("DELETE FROM claim_index WHERE article_id NOT IN (SELECT id FROM articles)")
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        with db:
            _chunked(db, "DELETE FROM claim_index WHERE article_id IN ({})", chunk)
            _insert_index(db, _chunked(db, _EVENT_SQL + " WHERE e.article_id IN ({})", chunk))


def mark_claims_done(db: sqlite3.Connection, article_ids: Iterable[str]) -> None:
    """The articles' claims are up to date (see the store's `claims_pending`)."""
    db.executemany("UPDATE articles SET claims_done = 1 WHERE id = ? AND claims_done = 0",
                   [(a,) for a in article_ids])


def machine_pairs(db: sqlite3.Connection) -> set[Pair]:
    """Every supplier-recipient pair the extractor gave a TRANSFER event."""
    return {(r[0], r[1]) for r in db.execute(
        "SELECT DISTINCT supplier, recipient FROM claim_index WHERE rel = 'transfer'"
        " AND supplier IS NOT NULL AND recipient IS NOT NULL")}


def claim_pairs(db: sqlite3.Connection) -> set[Pair]:
    """Every supplier-recipient pair that has a stored claim."""
    return {(r[0], r[1]) for r in db.execute("SELECT DISTINCT supplier, recipient FROM claims")}


def unattributed(db: sqlite3.Connection) -> list[str]:
    """TRANSFER events missing a supplier or a recipient: they form no claim."""
    return [r[0] for r in db.execute("SELECT event_id FROM claim_index WHERE rel = 'transfer'"
                                     " AND (supplier IS NULL OR recipient IS NULL)")]


# ---- reports ----------------------------------------------------------------------------
_KEY_SQL = ("SELECT event_id, article_id, supplier, recipient, item_id, category, broad, report_date, ord"
            " FROM claim_index WHERE rel = 'transfer'")
_PLAN_ORIGIN = Origin("plan", "plan", OriginKind.OUTLET)


def transfer_keys(db: sqlite3.Connection, pair: Pair) -> list[sqlite3.Row]:
    """Index rows of the TRANSFER events whose machine supplier and recipient are `pair`."""
    return db.execute(_KEY_SQL + " AND supplier = ? AND recipient = ?", pair).fetchall()


def keys_by_id(db: sqlite3.Connection, event_ids: Iterable[str]) -> list[sqlite3.Row]:
    """Index rows of some TRANSFER events by id (events an analyst moved to another pair)."""
    return _chunked(db, _KEY_SQL + " AND event_id IN ({})", event_ids)


def plan_report(row: sqlite3.Row) -> Report:
    """A Report with just the merge keys, from an index row: merging is planned on these
    (no JSON parsed); full reports are read only for the claims that change."""
    return Report(event_id=row["event_id"], article_id=row["article_id"], outlet=None,
                  report_date=row["report_date"], origin=_PLAN_ORIGIN, stance=Stance.ASSERT,
                  certainty="", status=None, supplier=row["supplier"], recipient=row["recipient"],
                  item_id=row["item_id"], category=row["category"], broad=row["broad"], order=row["ord"])


def _chunked(db: sqlite3.Connection, sql: str, values: Iterable[str]) -> list[sqlite3.Row]:
    """Run `sql` (with one "IN ({})") over `values` in chunks SQLite accepts; the rows it returns."""
    values = list(values)
    out: list[sqlite3.Row] = []
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        out += db.execute(sql.format(", ".join("?" * len(chunk))), chunk).fetchall()
    return out


chunked = _chunked


def rows_by_id(db: sqlite3.Connection, event_ids: Iterable[str]) -> list[sqlite3.Row]:
    """Stored events (with their article's date, outlet and rowid) by id."""
    return _chunked(db, _EVENT_SQL + " WHERE e.id IN ({})", event_ids)


def _side(filler) -> str | None:
    """A transfer side as claims pair it (see `_party`), from a typed Filler."""
    return (filler.state or filler.id) if filler is not None else None


def report_from_row(row: sqlite3.Row, rule: str = "") -> Report:
    """A Report from a stored TRANSFER event (supplier or recipient may still be None here),
    read back as a typed Event."""
    event = Event.from_dict(json.loads(row["data"]))
    cert = event.certainty
    confirmed, denied = cert.confirmed_by, cert.denied_by
    stance = Stance.CONFIRM if confirmed else Stance.DENY if denied else Stance.ASSERT
    supplier, recipient = event.role("supplier"), event.role("recipient")
    item, broker, quantity = event.role("item"), event.role("broker"), event.quantity
    origin = origin_of(stance=stance, sources=cert.sources, confirmed_by=confirmed,
                       denied_by=denied, outlet=row["outlet"], article_id=row["article_id"],
                       article_label=row["title"] or row["url"] or row["source"])
    return Report(
        event_id=row["id"], article_id=row["article_id"], outlet=row["outlet"],
        report_date=row["published"], origin=origin, stance=stance,
        certainty=str(cert.level), status=str(event.status) if event.status else None,
        supplier=_side(supplier), recipient=_side(recipient),
        item_id=item.id if item else None, category=item.category if item else None,
        item_name=item.name if item else None, broad=item.broad if item else None,
        # a company paired as its state does not name the state: the claim shows the state's id
        supplier_name=supplier.name if supplier and not supplier.state else None,
        recipient_name=recipient.name if recipient and not recipient.state else None,
        brokers=(broker.id,) if broker and broker.id else (),
        hedges=cert.hedges, sources=cert.sources, confirmed_by=confirmed, denied_by=denied,
        event_date=event.when, reported_on=event.reported_on, confirmed_on=cert.confirmed_on,
        quantity=quantity.text if quantity else None, quantity_min=quantity.min if quantity else None,
        quantity_max=quantity.max if quantity else None,
        evidence=event.evidence[0].sentence if event.evidence else "",
        order=ingest_order(row["article_rowid"], row["seq"]), rule=rule,
        title=row["title"], url=row["url"], source=row["source"], ingested=row["ingested_at"],
    )


# ---- claims -----------------------------------------------------------------------------
_CLAIM_ROW = ("SELECT c.id, c.supplier, c.recipient, c.item_key, c.item_id, c.category, c.broad, c.brokers,"
              " c.status, c.contradicted, c.review, c.first_reported, c.last_reported, c.created_at, c.confidence,"
              " c.origins FROM claims c")


def stored_claims(db: sqlite3.Connection, pairs: Iterable[Pair],
                  event_ids: Iterable[str]) -> tuple[dict[str, sqlite3.Row], dict[str, set[str]]]:
    """The stored claims of `pairs` plus any holding one of `event_ids`, and each one's reports."""
    rows: dict[str, sqlite3.Row] = {}
    for pair in pairs:
        rows.update((r["id"], r) for r in db.execute(_CLAIM_ROW + " WHERE c.supplier = ? AND c.recipient = ?", pair))
    holding = _chunked(db, "SELECT DISTINCT claim_id FROM claim_reports WHERE event_id IN ({})", event_ids)
    missing = {r[0] for r in holding} - set(rows)
    rows.update((r["id"], r) for r in _chunked(db, _CLAIM_ROW + " WHERE c.id IN ({})", missing))
    members: dict[str, set[str]] = {claim_id: set() for claim_id in rows}
    for r in _chunked(db, "SELECT claim_id, event_id FROM claim_reports WHERE claim_id IN ({})", rows):
        members[r["claim_id"]].add(r["event_id"])
    return rows, members


def delete_claims(db: sqlite3.Connection, claim_ids: Iterable[str]) -> None:
    """Delete claims with their report and link rows."""
    ids = [(i,) for i in claim_ids]
    db.executemany("DELETE FROM claims WHERE id = ?", ids)
    db.executemany("DELETE FROM claim_reports WHERE claim_id = ?", ids)
    db.executemany("DELETE FROM claim_links WHERE claim_id = ?", ids)


def write_claims(db: sqlite3.Connection, claims: Iterable[Claim], created: dict[str, str], at: str) -> None:
    """Insert claims (already deleted) with their report and link rows."""
    for claim in claims:
        db.execute(
            "INSERT INTO claims (id, supplier, recipient, item_key, item_id, category, broad, brokers, status,"
            " confidence, contradicted, review, first_reported, last_reported, anchor, created_at, data, origins,"
            " search) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (claim.id, claim.supplier, claim.recipient, claim.item_key, claim.item_id, claim.category,
             claim.broad, "," + ",".join(claim.brokers) + ",", claim.status, claim.confidence,
             int(claim.contradicted), claim.review, claim.first_reported,
             claim.last_reported, claim.anchor, created.get(claim.id, at),
             json.dumps(claim.to_dict(), ensure_ascii=False), origin_keys(claim), search_text(claim)))
        db.executemany("INSERT INTO claim_reports (claim_id, event_id, article_id) VALUES (?,?,?)"
                       " ON CONFLICT (event_id, claim_id) DO UPDATE SET article_id = excluded.article_id",
                       [(claim.id, r.event_id, r.article_id) for r in claim.reports])
        _write_links(db, claim)


def search_text(claim: Claim) -> str:
    """What `list_claims(q=...)` matches: ids and names, lower case (as schema.SEARCH_SQL)."""
    parts = (claim.id, claim.supplier, claim.supplier_name or "", claim.recipient, claim.recipient_name or "",
             claim.item_key, claim.item_name or "", claim.category or "")
    return " ".join(parts).lower()


def origin_keys(claim: Claim) -> str:
    """The claim's supporting origin keys, newline-separated (alerts compare them)."""
    return "\n".join(sorted(p.origin for p in claim.contributions if p.weight > 0))


def _write_links(db: sqlite3.Connection, claim: Claim) -> None:
    db.executemany("INSERT INTO claim_links (claim_id, event_id, type, rule) VALUES (?,?,?,?)",
                   [(claim.id, link.event_id, link.type, link.rule) for link in claim.links])


def replace_links(db: sqlite3.Connection, claim: Claim) -> None:
    """Store a claim whose links (only) were recomputed."""
    db.execute("DELETE FROM claim_links WHERE claim_id = ?", (claim.id,))
    _write_links(db, claim)
    db.execute("UPDATE claims SET data = ? WHERE id = ?", (json.dumps(claim.to_dict(), ensure_ascii=False), claim.id))


def load_claims(db: sqlite3.Connection, where: str = "", args: Iterable = ()) -> list[Claim]:
    """Stored claims in full, ordered by pair and first report; `where` is SQL over `claims`."""
    sql = "SELECT data FROM claims" + (f" WHERE {where}" if where else "") + " ORDER BY supplier, recipient, first_reported, id"
    return [Claim.from_dict(json.loads(row[0])) for row in db.execute(sql, tuple(args))]


def light_claims(db: sqlite3.Connection, where: str, args: Iterable = ()) -> list[Claim]:
    """Claims with only the fields link rules read (no reports): for cheap relink checks."""
    out = []
    for row in db.execute(_CLAIM_ROW + f" WHERE {where}", tuple(args)):
        out.append(Claim(id=row["id"], supplier=row["supplier"], recipient=row["recipient"],
                         item_key=row["item_key"], item_id=row["item_id"], item_name=None,
                         category=row["category"], broad=row["broad"], status=row["status"],
                         contradicted=bool(row["contradicted"]), confidence=0.0, grade="", corroboration=0,
                         denials=0, first_reported=row["first_reported"], last_reported=row["last_reported"],
                         reports=(), brokers=tuple(b for b in (row["brokers"] or "").split(",") if b)))
    return out


def claim_ids_for_event(db: sqlite3.Connection, event_id: str) -> list[str]:
    """The claim(s) holding a report."""
    return [r[0] for r in db.execute("SELECT claim_id FROM claim_reports WHERE event_id = ?", (event_id,))]


# ---- link candidates --------------------------------------------------------------------
def link_event(row) -> LinkEvent:
    """A LinkEvent from a claims-index row (an sqlite3.Row or a dict from `index_rows`)."""
    get = row.get if isinstance(row, dict) else row.__getitem__
    return LinkEvent(**{c: get(c) for c in INDEX_COLUMNS})


def _link_events(rows: Iterable[sqlite3.Row]) -> list[LinkEvent]:
    return [link_event(row) for row in rows]


def link_candidates(db: sqlite3.Connection, claim: Claim) -> list[LinkEvent]:
    """Index rows that might link to `claim`; `links.link_rule` decides."""
    select = f"SELECT {', '.join(INDEX_COLUMNS)} FROM claim_index WHERE "
    supplier, recipient = claim.pair
    out = _link_events(db.execute(select + "rel IN ('meeting', 'about') AND supplier = ? AND recipient = ?",
                                  (supplier, recipient)))
    for broker in claim.brokers:
        out += _link_events(db.execute(select + "rel = 'mediator' AND actor = ?", (broker,)))
    # attacks: only those with the claim's weapon or no weapon id (a category may still cover it)
    if claim.item_id:
        attacks = db.execute(select + "rel = 'attacker' AND actor = ? AND (item_id = ? OR item_id IS NULL)",
                             (recipient, claim.item_id))
    else:
        attacks = db.execute(select + "rel = 'attacker' AND actor = ?", (recipient,))
    out += _link_events(attacks)
    for article_id in sorted({r.article_id for r in claim.reports}):
        out += _link_events(db.execute(select + "rel IN ('target', 'speaker') AND article_id = ?", (article_id,)))
    return out


def summaries(db: sqlite3.Connection, event_ids: Iterable[str]) -> dict[str, str]:
    """The evidence sentence of each event, for link lines."""
    return {row["id"]: (json.loads(row["data"]).get("evidence") or {}).get("sentence", "")
            for row in rows_by_id(db, event_ids)}


def relink_candidates(db: sqlite3.Connection, event: LinkEvent) -> list[Claim]:
    """Stored claims (light) a new MEETING, SANCTION, STATEMENT or ATTACK index row might concern."""
    if event.rel in ("meeting", "about"):
        return light_claims(db, "c.supplier = ? AND c.recipient = ?", (event.supplier, event.recipient))
    if event.rel == "mediator":
        return light_claims(db, "c.brokers LIKE ?", (f"%,{event.actor},%",))
    if event.rel == "attacker":
        return light_claims(db, "c.recipient = ? AND (c.item_id IS NULL OR CAST(? AS TEXT) IS NULL OR c.item_id = ?)",
                            (event.actor, event.item_id, event.item_id))
    return []  # target / speaker link only within an article that reports the claim


def add_links(db: sqlite3.Connection, claim_id: str, links: Iterable[Link]) -> None:
    """Add links to a stored claim (a new event concerns it; its reports did not change)."""
    claim = load_claims(db, "id = ?", (claim_id,))[0]
    known = {link.event_id for link in claim.links}
    merged = tuple(sorted([*claim.links, *(link for link in links if link.event_id not in known)],
                          key=lambda link: (link.date or "", link.event_id)))
    replace_links(db, claim.with_(links=merged))


# ---- changes ----------------------------------------------------------------------------
_CHANGE_COLUMNS = ("at", "kind", "claim_id", "supplier", "recipient", "item", "status", "previous",
                   "report_date", "confidence", "previous_confidence", "origin")


def record_changes(db: sqlite3.Connection, alerts: Iterable[Alert]) -> None:
    """Append changes to `claim_changes`, which `alerts` reads."""
    db.executemany(f"INSERT INTO claim_changes ({', '.join(_CHANGE_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(_CHANGE_COLUMNS))})",
                   [tuple(getattr(a, c) for c in _CHANGE_COLUMNS) for a in alerts])


def changes_since(db: sqlite3.Connection, since: str, *, by: str = "ingested") -> list[Alert]:
    """Recorded changes, oldest first: noticed at or after `since` (by="ingested"), or whose
    news date is on or after it (by="news")."""
    column = "report_date" if by == "news" else "at"
    rows = db.execute(f"SELECT {', '.join(_CHANGE_COLUMNS)} FROM claim_changes WHERE {column} >= ? ORDER BY id",
                      (since,))
    return [Alert(**dict(row)) for row in rows]
