"""The claims tables' reads and writes (schema: `claims_schema.py`): the claims index, claim rows
with their report and link rows, the changes alerts read, and the claims settings.

Functions over the store's connection (`store.connection(store)`), run inside the caller's
transaction (`with db:`). They take and return plain values and rows (sqlite3.Row, or
postgres.Row read the same way); `armstrack.claims` turns them into its records, so the store
imports nothing above it. `claims/db.py` computes the index rows of an event and the rows of a
claim; this module only stores and finds them.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from .dialect import dialect_of

Pair = tuple[str, str]

INDEX_COLUMNS = ("event_id", "article_id", "type", "rel", "actor", "supplier", "recipient",
                  "item_id", "category", "broad", "item_text", "report_date", "event_date", "ord")
# a stored event with what claims need of its article (date, outlet, ingestion order, provenance)
_EVENT_SQL = ("SELECT e.id, e.article_id, e.seq, e.type, e.data, e.record, a.published, a.outlet, a.rowid AS article_rowid,"
              " a.title, a.url, a.source, a.ingested_at"
              " FROM events e JOIN articles a ON a.id = e.article_id")
_KEY_SQL = ("SELECT event_id, article_id, supplier, recipient, item_id, category, broad, report_date, ord"
            " FROM claim_index WHERE rel = 'transfer'")
_CLAIM_ROW = ("SELECT c.id, c.supplier, c.recipient, c.item_key, c.item_id, c.category, c.broad, c.brokers,"
              " c.status, c.contradicted, c.review, c.first_reported, c.last_reported, c.created_at, c.confidence,"
              " c.origins FROM claims c")
CHANGE_COLUMNS = ("at", "kind", "claim_id", "supplier", "recipient", "item", "status", "previous",
                  "report_date", "confidence", "previous_confidence", "origin")


def chunked(db, sql: str, values: Iterable[str]) -> list:
    """Run `sql` (with one "IN ({})") over `values` in chunks SQLite accepts; the rows it returns."""
    values = list(values)
    out: list = []
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        out += db.execute(sql.format(", ".join("?" * len(chunk))), chunk).fetchall()
    return out


# ---- settings ---------------------------------------------------------------------------
def setting(db, key: str, default: str | None = None) -> str | None:
    """One value from `claim_settings` (window_days, needs_rebuild)."""
    row = db.execute("SELECT value FROM claim_settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_setting(db, key: str, value: str | None) -> None:
    """Set a `claim_settings` value; None removes it."""
    if value is None:
        db.execute("DELETE FROM claim_settings WHERE key = ?", (key,))
    else:
        db.execute("INSERT INTO claim_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


# ---- stored events, as claims read them -------------------------------------------------
def event_rows(db, event_ids: Iterable[str]) -> list:
    """Stored events (with their article's date, outlet and rowid) by id."""
    return chunked(db, _EVENT_SQL + " WHERE e.id IN ({})", event_ids)


def article_event_rows(db, article_id: str):
    """One article's stored events, in order (a cursor)."""
    return db.execute(_EVENT_SQL + " WHERE e.article_id = ? ORDER BY e.seq", (article_id,))


def articles_event_rows(db, article_ids: Iterable[str]) -> list:
    """The stored events of some articles."""
    return chunked(db, _EVENT_SQL + " WHERE e.article_id IN ({})", article_ids)


# ---- the claims index -------------------------------------------------------------------
def insert_index(db, rows: list[dict]) -> None:
    """Add claims-index rows (dicts keyed by INDEX_COLUMNS; a missing key is NULL)."""
    db.executemany(f"INSERT INTO claim_index ({', '.join(INDEX_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(INDEX_COLUMNS))})",
                   [tuple(r.get(c) for c in INDEX_COLUMNS) for r in rows])


def delete_article_index(db, article_id: str) -> None:
    db.execute("DELETE FROM claim_index WHERE article_id = ?", (article_id,))


def delete_articles_index(db, article_ids: Iterable[str]) -> None:
    chunked(db, "DELETE FROM claim_index WHERE article_id IN ({})", article_ids)


def prune_index(db) -> None:
    """Drop the index rows of articles that are gone (none should be; the index is derived)."""
    db.execute("DELETE FROM claim_index WHERE article_id NOT IN (SELECT id FROM articles)")


def article_transfer_pairs(db, article_id: str) -> set[Pair]:
    """The supplier-recipient pairs an article's indexed TRANSFER events name."""
    return {(r[0], r[1]) for r in db.execute(
        "SELECT supplier, recipient FROM claim_index WHERE article_id = ? AND rel = 'transfer'", (article_id,))}


def machine_pairs(db) -> set[Pair]:
    """Every supplier-recipient pair the extractor gave a TRANSFER event."""
    return {(r[0], r[1]) for r in db.execute(
        "SELECT DISTINCT supplier, recipient FROM claim_index WHERE rel = 'transfer'"
        " AND supplier IS NOT NULL AND recipient IS NOT NULL")}


def claim_pairs(db) -> set[Pair]:
    """Every supplier-recipient pair that has a stored claim."""
    return {(r[0], r[1]) for r in db.execute("SELECT DISTINCT supplier, recipient FROM claims")}


def unattributed(db) -> list[str]:
    """TRANSFER events missing a supplier or a recipient: they form no claim."""
    return [r[0] for r in db.execute("SELECT event_id FROM claim_index WHERE rel = 'transfer'"
                                     " AND (supplier IS NULL OR recipient IS NULL)")]


def transfer_keys(db, pair: Pair) -> list:
    """Index rows of the TRANSFER events whose machine supplier and recipient are `pair`."""
    return db.execute(_KEY_SQL + " AND supplier = ? AND recipient = ?", pair).fetchall()


def keys_by_id(db, event_ids: Iterable[str]) -> list:
    """Index rows of some TRANSFER events by id (events an analyst moved to another pair)."""
    return chunked(db, _KEY_SQL + " AND event_id IN ({})", event_ids)


def link_rows(db, pair: Pair, *, brokers: Sequence[str], item_id: str | None,
              article_ids: Iterable[str]) -> list:
    """Index rows (INDEX_COLUMNS) that might link to a claim of `pair`: meetings and `about`
    rows of the pair, mediations by its brokers, attacks by its recipient (with its item or
    none), targets and speakers in the articles that report it."""
    select = f"SELECT {', '.join(INDEX_COLUMNS)} FROM claim_index WHERE "
    supplier, recipient = pair
    out = list(db.execute(select + "rel IN ('meeting', 'about') AND supplier = ? AND recipient = ?",
                          (supplier, recipient)))
    for broker in brokers:
        out += db.execute(select + "rel = 'mediator' AND actor = ?", (broker,))
    # attacks: only those with the claim's weapon or no weapon id (a category may still cover it)
    if item_id:
        attacks = db.execute(select + "rel = 'attacker' AND actor = ? AND (item_id = ? OR item_id IS NULL)",
                             (recipient, item_id))
    else:
        attacks = db.execute(select + "rel = 'attacker' AND actor = ?", (recipient,))
    out += attacks
    for article_id in article_ids:
        out += db.execute(select + "rel IN ('target', 'speaker') AND article_id = ?", (article_id,))
    return out


# ---- claim rows -------------------------------------------------------------------------
def stored_claims(db, pairs: Iterable[Pair], event_ids: Iterable[str]) -> tuple[dict, dict[str, set[str]]]:
    """The stored claim rows of `pairs` plus any holding one of `event_ids`, and each one's
    report event ids."""
    rows: dict = {}
    for pair in pairs:
        rows.update((r["id"], r) for r in db.execute(_CLAIM_ROW + " WHERE c.supplier = ? AND c.recipient = ?", pair))
    holding = chunked(db, "SELECT DISTINCT claim_id FROM claim_reports WHERE event_id IN ({})", event_ids)
    missing = {r[0] for r in holding} - set(rows)
    rows.update((r["id"], r) for r in chunked(db, _CLAIM_ROW + " WHERE c.id IN ({})", missing))
    members: dict[str, set[str]] = {claim_id: set() for claim_id in rows}
    for r in chunked(db, "SELECT claim_id, event_id FROM claim_reports WHERE claim_id IN ({})", rows):
        members[r["claim_id"]].add(r["event_id"])
    return rows, members


def delete_claims(db, claim_ids: Iterable[str]) -> None:
    """Delete claims with their report and link rows."""
    ids = [(i,) for i in claim_ids]
    db.executemany("DELETE FROM claims WHERE id = ?", ids)
    db.executemany("DELETE FROM claim_reports WHERE claim_id = ?", ids)
    db.executemany("DELETE FROM claim_links WHERE claim_id = ?", ids)


def insert_claim(db, row: Sequence, reports: Iterable[tuple[str, str, str]],
                 links: Iterable[tuple[str, str, str, str]]) -> None:
    """Insert one claim (already deleted): its row (id, supplier, recipient, item_key, item_id,
    category, broad, brokers, status, confidence, contradicted, review, first_reported,
    last_reported, anchor, created_at, data, origins, search, supplier_parties, recipient_parties),
    its (claim id, event id, article id) report rows and its link rows."""
    db.execute(
        "INSERT INTO claims (id, supplier, recipient, item_key, item_id, category, broad, brokers, status,"
        " confidence, contradicted, review, first_reported, last_reported, anchor, created_at, data, origins,"
        " search, supplier_parties, recipient_parties) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        tuple(row))
    db.executemany("INSERT INTO claim_reports (claim_id, event_id, article_id) VALUES (?,?,?)"
                   " ON CONFLICT (event_id, claim_id) DO UPDATE SET article_id = excluded.article_id",
                   list(reports))
    insert_links(db, links)


def insert_links(db, links: Iterable[tuple[str, str, str, str]]) -> None:
    """Add (claim id, event id, type, rule) link rows."""
    db.executemany("INSERT INTO claim_links (claim_id, event_id, type, rule) VALUES (?,?,?,?)", list(links))


def replace_links(db, claim_id: str, links: Iterable[tuple[str, str, str, str]], data: str) -> None:
    """Store a claim whose links (only) were recomputed: its link rows and its record."""
    db.execute("DELETE FROM claim_links WHERE claim_id = ?", (claim_id,))
    insert_links(db, links)
    db.execute("UPDATE claims SET data = ? WHERE id = ?", (data, claim_id))


def claims_data(db, *, claim_id: str | None = None, supplier: str | None = None,
                recipient: str | None = None, status: str | None = None, weapon: str | None = None,
                since: str | None = None, include_rejected: bool = True) -> list[str]:
    """Stored claims' records (JSON text), ordered by pair and first report, matching every
    filter given: `weapon` an item id or key, `since` a report on or after it."""
    where, args = [], []
    if claim_id is not None:
        where.append("id = ?")
        args.append(claim_id)
    for column, value in (("supplier", supplier), ("recipient", recipient), ("status", status)):
        if value:
            where.append(f"{column} = ?")
            args.append(value)
    if weapon:
        where.append("(item_id = ? OR item_key = ?)")
        args += [weapon, weapon]
    if since:
        where.append("last_reported >= ?")
        args.append(since)
    if not include_rejected:
        where.append("(review IS NULL OR review != 'rejected')")
    sql = "SELECT data FROM claims" + (f" WHERE {' AND '.join(where)}" if where else "") + \
        " ORDER BY supplier, recipient, first_reported, id"
    return [row[0] for row in db.execute(sql, tuple(args))]


def relink_rows(db, rel: str, *, supplier: str | None = None, recipient: str | None = None,
                actor: str | None = None, item_id: str | None = None) -> list:
    """Claim rows (no record) a new claims-index row of relation `rel` might concern: the claims
    of its pair (meeting, about), those its mediator brokers, those whose recipient it attacks
    (with their item or none); none for a target or speaker (they link within an article)."""
    if rel in ("meeting", "about"):
        where, args = "c.supplier = ? AND c.recipient = ?", (supplier, recipient)
    elif rel == "mediator":
        where, args = f"c.brokers {dialect_of(db).like} ?", (f"%,{actor},%",)
    elif rel == "attacker":
        where, args = ("c.recipient = ? AND (c.item_id IS NULL OR CAST(? AS TEXT) IS NULL OR c.item_id = ?)",
                       (actor, item_id, item_id))
    else:
        return []
    return db.execute(_CLAIM_ROW + f" WHERE {where}", args).fetchall()


def claim_ids_for_event(db, event_id: str) -> list[str]:
    """The claim(s) holding a report."""
    return [r[0] for r in db.execute("SELECT claim_id FROM claim_reports WHERE event_id = ?", (event_id,))]


def has_claim(db, claim_id: str) -> bool:
    """Whether a claim with this id is stored."""
    return db.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone() is not None


def pairs_of_claim(db, claim_id: str) -> set[Pair]:
    """The supplier-recipient pair of a stored claim (empty when there is none)."""
    return {(r[0], r[1]) for r in db.execute("SELECT supplier, recipient FROM claims WHERE id = ?", (claim_id,))}


def reviews_of(db, claim_ids: Iterable[str]) -> dict[str, str | None]:
    """The analyst mark (accepted, rejected or None) of each of these claims that is stored."""
    return {row[0]: row[1] for row in chunked(db, "SELECT id, review FROM claims WHERE id IN ({})", claim_ids)}


# ---- changes ----------------------------------------------------------------------------
def record_changes(db, rows: Iterable[Sequence]) -> None:
    """Append rows (values in CHANGE_COLUMNS order) to `claim_changes`, which alerts read."""
    db.executemany(f"INSERT INTO claim_changes ({', '.join(CHANGE_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(CHANGE_COLUMNS))})", list(rows))


def changes_since(db, since: str, *, by: str = "ingested") -> list[dict]:
    """Recorded changes (dicts keyed by CHANGE_COLUMNS), oldest first: noticed at or after
    `since` (by="ingested"), or whose news date is on or after it (by="news")."""
    column = "report_date" if by == "news" else "at"
    rows = db.execute(f"SELECT {', '.join(CHANGE_COLUMNS)} FROM claim_changes WHERE {column} >= ? ORDER BY id",
                      (since,))
    return [dict(row) for row in rows]
