"""Counts over the claims for facets, trend charts and the map: aggregate SQL only, so a page
over 100,000 claims reads indexes, not claim documents (bench/web.py).

m009 gives `claims` two columns computed from the claim document, `grade` (the Admiralty code)
and `year` (the year of the claim's event date when a report states one, else of its first
report), and one index per facet that also holds `review`, so counting the claims an analyst
did not reject reads the index alone. On SQLite the two columns are virtual (generated when
read, stored in their indexes); on PostgreSQL they are stored.

Every function takes the connection and a condition over `claims` (" WHERE ..." or "", with its
arguments) as `armstrack.query.claims.claim_filters` builds it, and returns plain rows.
"""
from __future__ import annotations

from collections.abc import Sequence

from .locks import postgres

# the facet names the pages use -> the claims column each counts
FACETS = {"supplier": "supplier", "recipient": "recipient", "status": "status", "category": "category",
          "system": "item_id", "year": "year", "grade": "grade"}
# the statuses a delivery chart counts: under way, done, or already in use
DELIVERED = ("delivering", "delivered", "used")

_GENERATED = {"grade": "json_extract(data, '$.grade')",
              "year": "substr(COALESCE(json_extract(data, '$.event_date'), first_reported), 1, 4)"}


def m009(db, script) -> None:
    """The `grade` and `year` columns and the facet indexes (see the module docstring)."""
    kind = "STORED" if postgres(db) else "VIRTUAL"   # SQLite adds only virtual ones to a table
    for column, expression in _GENERATED.items():
        db.execute(f"ALTER TABLE claims ADD COLUMN {column} TEXT GENERATED ALWAYS AS ({expression}) {kind}")
    script(db, """
    CREATE INDEX claims_facet_pair ON claims(supplier, recipient, status, review);
    CREATE INDEX claims_facet_recipient ON claims(recipient, supplier, review);
    CREATE INDEX claims_facet_status ON claims(status, review);
    CREATE INDEX claims_facet_category ON claims(category, review);
    CREATE INDEX claims_facet_item ON claims(item_id, review);
    CREATE INDEX claims_facet_year ON claims(year, status, review);
    CREATE INDEX claims_facet_grade ON claims(grade, review);
    """)


def _and(where_sql: str, condition: str) -> str:
    return f"{where_sql} AND {condition}" if where_sql else f" WHERE {condition}"


def facet_counts(db, where_sql: str, args: Sequence, facet: str, *, limit: int,
                 latest: bool = False) -> list[tuple[str, int]]:
    """The `limit` most frequent values of a facet among the matching claims, with their
    counts, most first (then by value), or with `latest` the last values first (years);
    claims without a value are not counted."""
    column = FACETS[facet]
    order = f"{column} DESC" if latest else f"n DESC, {column}"
    sql = (f"SELECT {column}, COUNT(*) AS n FROM claims{_and(where_sql, f'{column} IS NOT NULL')}"
           f" GROUP BY {column} ORDER BY {order} LIMIT ?")
    return [(row[0], row[1]) for row in db.execute(sql, (*args, limit))]


def count_claims(db, where_sql: str, args: Sequence) -> int:
    """How many claims match."""
    return db.execute("SELECT COUNT(*) FROM claims" + where_sql, args).fetchone()[0]


def year_counts(db, where_sql: str, args: Sequence) -> list[tuple[str, int, int]]:
    """(year, claims, deliveries) for each year with a matching claim, in order; deliveries
    are the claims whose status is one of DELIVERED."""
    marks = ", ".join("?" * len(DELIVERED))
    sql = (f"SELECT year, COUNT(*), SUM(CASE WHEN status IN ({marks}) THEN 1 ELSE 0 END)"
           f" FROM claims{_and(where_sql, 'year IS NOT NULL')} GROUP BY year ORDER BY year")
    return [(row[0], row[1], row[2] or 0) for row in db.execute(sql, (*DELIVERED, *args))]


def pair_counts(db, where_sql: str, args: Sequence) -> list[tuple[str, str, int, int]]:
    """(supplier, recipient, claims, deliveries) for every pair with a matching claim."""
    marks = ", ".join("?" * len(DELIVERED))
    sql = (f"SELECT supplier, recipient, COUNT(*), SUM(CASE WHEN status IN ({marks}) THEN 1 ELSE 0 END)"
           f" FROM claims{where_sql} GROUP BY supplier, recipient")
    return [(row[0], row[1], row[2], row[3] or 0) for row in db.execute(sql, (*DELIVERED, *args))]
