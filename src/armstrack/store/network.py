"""The network page's SQL: supplier -> recipient pairs counted in the database, not claim by
claim in Python (issue 24: the unfiltered network of 106,000 claims took 6 s, nearly all of it
reading each claim's JSON record).

Every function takes the connection and a condition over `claims` (" WHERE ..." or "", with
its arguments) as `armstrack.query.claims.claim_filters` builds it (a `dialect.Where`, spelled
here for the connection's engine), and returns plain rows.

A claim's *style* is how the page draws it: `contradicted` (a denial stands beside supporting
reports), `denied` (only denials: no supporting origin) or `supported`. Denied-only is read from
indexed columns: by the confidence formula (claims/derive.py) a claim with a supporting origin
and no denial scores at least 0.15, one with both is contradicted, and one with no supporting
origin gets the floor, 0.05. `m011` adds the index that covers the count and the common filters
(status, period, category), so it never reads a claim's record.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from .dialect import Where, condition, dialect_of

Pair = tuple[str, str]

STYLE_SQL = ("CASE WHEN contradicted = 1 THEN 'contradicted' WHEN confidence < 0.1 THEN 'denied'"
             " ELSE 'supported' END")


def m011(db, script) -> None:
    """The index the network's pair counts read alone, the period and category filters included
    (at 100,000 claims: unfiltered 160 ms rather than 590 through the table; since a year 60 ms
    rather than 460)."""
    script(db, "CREATE INDEX claims_network ON claims(supplier, recipient, contradicted, confidence, status,"
               " review, brokers, category, broad, first_reported, last_reported);")


def pair_counts(db, where_sql: Where | str, args: Sequence, *, limit: int) -> list:
    """The `limit` busiest supplier -> recipient pairs, busiest first (then by supplier and
    recipient): `claims`, and of them `contradicted` and `denied` (only denials); on every row
    `pairs_total` and `claims_total` over all the pairs. Grouped by pair alone, the count
    follows the index's order (no sort of 100,000 rows: 60 ms rather than 140)."""
    where_sql = condition(db, where_sql)
    return db.execute("SELECT supplier, recipient, COUNT(*) AS claims, SUM(CASE WHEN contradicted = 1 THEN 1"
                      " ELSE 0 END) AS contradicted, SUM(CASE WHEN contradicted = 0 AND confidence < 0.1 THEN 1"
                      " ELSE 0 END) AS denied, COUNT(*) OVER () AS pairs_total,"
                      f" SUM(COUNT(*)) OVER () AS claims_total FROM claims{where_sql}"
                      " GROUP BY supplier, recipient ORDER BY claims DESC, supplier, recipient LIMIT ?",
                      (*args, limit)).fetchall()


def _among(pairs: Sequence[Pair]) -> tuple[str, str, list]:
    """A CTE of some pairs and the join that reads only their claims through the index (a
    row-value IN over a VALUES list made SQLite scan the whole table: 0.6 s at 100,000 claims)."""
    values = ", ".join("(?, ?)" for _ in pairs)
    return (f"WITH wanted(s, r) AS (VALUES {values}) ",
            " JOIN claims ON claims.supplier = wanted.s AND claims.recipient = wanted.r",
            [x for p in pairs for x in p])


def status_counts(db, where_sql: Where | str, args: Sequence, pairs: Sequence[Pair]) -> list:
    """(supplier, recipient, style, status, claims) for some pairs."""
    where_sql = condition(db, where_sql)
    if not pairs:
        return []
    cte, join, values = _among(pairs)
    return db.execute(f"{cte}SELECT supplier, recipient, {STYLE_SQL} AS style, status, COUNT(*) AS claims"
                      f" FROM wanted{join}{where_sql} GROUP BY supplier, recipient, style, status",
                      (*values, *args)).fetchall()


def top_claims(db, where_sql: Where | str, args: Sequence, pairs: Sequence[Pair], *, per: int = 3) -> list:
    """The `per` most confident claims of each pair and style, for some pairs: id, supplier,
    recipient, style, status, confidence, category, item name and grade."""
    where_sql = condition(db, where_sql)
    if not pairs:
        return []
    cte, join, values = _among(pairs)
    ranked = (f"SELECT id, supplier, recipient, {STYLE_SQL} AS style, status, confidence, category,"
              f" ROW_NUMBER() OVER (PARTITION BY supplier, recipient, {STYLE_SQL}"
              f" ORDER BY confidence DESC, id) AS n FROM wanted{join}{where_sql}")
    d = dialect_of(db)
    # names are read from the records of these few claims only
    return db.execute(f"{cte}SELECT r.id, r.supplier, r.recipient, r.style, r.status, r.confidence, r.category,"
                      f" {d.json_text('c.data', 'item_name')} AS item_name, {d.json_text('c.data', 'grade')} AS grade"
                      f" FROM ({ranked}) r JOIN claims c ON c.id = r.id WHERE r.n <= ?"
                      " ORDER BY r.supplier, r.recipient, r.style, r.n", (*values, *args, per)).fetchall()


def brokered_claims(db, where_sql: Where | str, args: Sequence, pairs: Iterable[Pair]) -> list:
    """The brokered claims of some pairs (id, supplier, recipient, brokers, style, confidence),
    most confident first: the page draws their legs through the broker."""
    where_sql = condition(db, where_sql)
    pairs = list(pairs)
    if not pairs:
        return []
    cte, join, values = _among(pairs)
    brokered = (" AND " if where_sql else " WHERE ") + "brokers IS NOT NULL AND brokers != ',,'"
    return db.execute(f"{cte}SELECT id, supplier, recipient, brokers, {STYLE_SQL} AS style, confidence"
                      f" FROM wanted{join}{where_sql}{brokered} ORDER BY confidence DESC, id",
                      (*values, *args)).fetchall()
