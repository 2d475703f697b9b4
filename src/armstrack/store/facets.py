"""Counts over the claims for facets, trend charts and the map: aggregate SQL only, so a page
over 100,000 claims reads indexes, not claim documents (bench/web.py).

m009 gives `claims` two columns computed from the claim document, `grade` (the Admiralty code)
and `year` (the year of the claim's event date when a report states one, else of its first
report), and one index per facet that also holds `review`, so counting the claims an analyst
did not reject reads the index alone. On PostgreSQL the two are stored generated columns; on
SQLite, which adds only virtual ones to a table (and a virtual one parses the claim's JSON
each time a filtered count reads it: 0.5 s for the years of Europe's claims at 100,000), plain
columns that triggers fill whenever a claim row is written.

Every function takes the connection and a condition over `claims` (" WHERE ..." or "", with its
arguments) as `armstrack.query.claims.claim_filters` builds it (a `dialect.Where`, spelled here
for the connection's engine), and returns plain rows.
"""
from __future__ import annotations

from collections.abc import Sequence

from .dialect import Where, condition, dialect_of

# the facet names the pages use -> the claims column each counts
FACETS = {"supplier": "supplier", "recipient": "recipient", "status": "status", "category": "category",
          "system": "item_id", "year": "year", "grade": "grade"}
# the statuses a delivery chart counts: under way, done, or already in use
DELIVERED = ("delivering", "delivered", "used")

# the columns the cheap filters read (status, period, year, grade, weapon, category, the rejected
# mark): each facet index holds them all, so a facet under those filters is counted from its
# index alone
_CHEAP = ("status", "review", "year", "grade", "first_reported", "last_reported", "category", "broad", "item_id")
INDEXES = {name: (*lead, *(c for c in _CHEAP if c not in lead)) for name, lead in (
    ("claims_facet_pair", ("supplier", "recipient")), ("claims_facet_recipient", ("recipient", "supplier")),
    ("claims_facet_status", ("status",)), ("claims_facet_category", ("category",)),
    ("claims_facet_item", ("item_id",)), ("claims_facet_year", ("year",)), ("claims_facet_grade", ("grade",)))}
# narrow indexes for counting every claim (no filter but the rejected mark): a scan of one is
# 3 to 4 times quicker than of its wide twin above (the unfiltered /claims page counts 7 facets)
NARROW = {"claims_count_pair": ("supplier", "recipient", "status", "review"),
          "claims_count_recipient": ("recipient", "review"), "claims_count_status": ("status", "review"),
          "claims_count_category": ("category", "review"), "claims_count_item": ("item_id", "review"),
          "claims_count_year": ("year", "status", "review"), "claims_count_grade": ("grade", "review")}
NARROW_OF = {"supplier": "claims_count_pair", "recipient": "claims_count_recipient", "status": "claims_count_status",
             "category": "claims_count_category", "system": "claims_count_item", "year": "claims_count_year",
             "grade": "claims_count_grade"}
# the index that counts each facet (and the years, and the pairs)
INDEX_OF = {"supplier": "claims_facet_pair", "recipient": "claims_facet_recipient", "status": "claims_facet_status",
            "category": "claims_facet_category", "system": "claims_facet_item", "year": "claims_facet_year",
            "grade": "claims_facet_grade"}


def _generated(d, row: str = "") -> dict[str, str]:
    """The `grade` and `year` of a claim row, as SQL over its columns (`row`: "new." in a trigger)."""
    return {"grade": d.json_text(f"{row}data", "grade"),
            "year": f"substr(COALESCE({d.json_text(f'{row}data', 'event_date')}, {row}first_reported), 1, 4)"}


def m009(db, script) -> None:
    """The `grade` and `year` columns and the facet indexes (see the module docstring)."""
    d = dialect_of(db)
    if d.postgres:
        for column, expression in _generated(d).items():
            db.execute(f"ALTER TABLE claims ADD COLUMN {column} TEXT GENERATED ALWAYS AS ({expression}) STORED")
    else:
        computed = ", ".join(f"{column} = {expression}" for column, expression in _generated(d).items())
        row = ", ".join(f"{column} = {expression}" for column, expression in _generated(d, "new.").items())
        script(db, f"""
        ALTER TABLE claims ADD COLUMN grade TEXT;
        ALTER TABLE claims ADD COLUMN year TEXT;
        UPDATE claims SET {computed};
        CREATE TRIGGER claims_facets_insert AFTER INSERT ON claims BEGIN
            UPDATE claims SET {row} WHERE rowid = new.rowid;
        END;
        CREATE TRIGGER claims_facets_update AFTER UPDATE OF data, first_reported ON claims BEGIN
            UPDATE claims SET {row} WHERE rowid = new.rowid;
        END;
        """)
    script(db, "\n".join(f"CREATE INDEX {name} ON claims({', '.join(columns)});"
                          for name, columns in {**INDEXES, **NARROW}.items()))


def _and(where_sql: str, also: str) -> str:
    return f"{where_sql} AND {also}" if where_sql else f" WHERE {also}"


def _claims(db, facet: str, indexed: str | None) -> str:
    """`claims`, told on SQLite which index counts `facet` (its planner, without statistics,
    would rather look up each claim row through a date index than scan a covering one):
    `indexed` "all" for every claim (the narrow index), "cheap" under cheap filters (the wide
    one), None to let the planner choose."""
    if not indexed:
        return "claims"
    return dialect_of(db).indexed_by("claims", (NARROW_OF if indexed == "all" else INDEX_OF)[facet])


def facet_counts(db, where_sql: Where | str, args: Sequence, facet: str, *, limit: int,
                 latest: bool = False, indexed: str | None = None) -> list[tuple[str, int]]:
    """The `limit` most frequent values of a facet among the matching claims, with their
    counts, most first (then by value), or with `latest` the last values first (years);
    claims without a value are not counted. `indexed`: "all" when the condition is only the
    rejected mark, "cheap" when it reads only the columns every wide facet index holds
    (_CHEAP): the facet's index alone answers."""
    where_sql = condition(db, where_sql)
    column = FACETS[facet]
    order = f"{column} DESC" if latest else f"n DESC, {column}"
    table = _claims(db, facet, indexed)
    sql = (f"SELECT {column}, COUNT(*) AS n FROM {table}{_and(where_sql, f'{column} IS NOT NULL')}"
           f" GROUP BY {column} ORDER BY {order} LIMIT ?")
    return [(row[0], row[1]) for row in db.execute(sql, (*args, limit))]


def facet_counts_once(db, where_sql: Where | str, args: Sequence, facets: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
    """Every value of each facet among the matching claims with its count, in one pass over
    them: the matching rows are read once into a materialized table and each facet grouped
    from it. For a filtered listing this beats a query per facet, each of which would read
    the same claim rows again (7 facets of Middle Eastern deliveries: 0.45 s against 0.1 s at
    100,000 claims); unfiltered, `facet_counts` reads each facet's index alone instead."""
    where_sql = condition(db, where_sql)
    if not facets:
        return {}
    columns = ", ".join(dict.fromkeys(FACETS[f] for f in facets))
    parts = [f"SELECT '{f}', {FACETS[f]}, COUNT(*) FROM matched WHERE {FACETS[f]} IS NOT NULL GROUP BY {FACETS[f]}"
             for f in facets]
    sql = f"WITH matched AS MATERIALIZED (SELECT {columns} FROM claims{where_sql}) " + " UNION ALL ".join(parts)
    out: dict[str, list[tuple[str, int]]] = {f: [] for f in facets}
    for facet, value, count in db.execute(sql, args):
        out[facet].append((value, count))
    return out


def count_claims(db, where_sql: Where | str, args: Sequence) -> int:
    """How many claims match."""
    where_sql = condition(db, where_sql)
    return db.execute("SELECT COUNT(*) FROM claims" + where_sql, args).fetchone()[0]


def year_counts(db, where_sql: Where | str, args: Sequence, *, indexed: str | None = None) -> list[tuple[str, int, int]]:
    """(year, claims, deliveries) for each year with a matching claim, in order; deliveries
    are the claims whose status is one of DELIVERED. `indexed` as for `facet_counts`."""
    where_sql = condition(db, where_sql)
    marks = ", ".join("?" * len(DELIVERED))
    table = _claims(db, "year", indexed)
    sql = (f"SELECT year, COUNT(*), SUM(CASE WHEN status IN ({marks}) THEN 1 ELSE 0 END)"
           f" FROM {table}{_and(where_sql, 'year IS NOT NULL')} GROUP BY year ORDER BY year")
    return [(row[0], row[1], row[2] or 0) for row in db.execute(sql, (*DELIVERED, *args))]


def pair_counts(db, where_sql: Where | str, args: Sequence, *, indexed: str | None = None) -> list[tuple[str, str, int, int]]:
    """(supplier, recipient, claims, deliveries) for every pair with a matching claim.
    `indexed` as for `facet_counts`."""
    where_sql = condition(db, where_sql)
    marks = ", ".join("?" * len(DELIVERED))
    table = _claims(db, "supplier", indexed)
    sql = (f"SELECT supplier, recipient, COUNT(*), SUM(CASE WHEN status IN ({marks}) THEN 1 ELSE 0 END)"
           f" FROM {table}{where_sql} GROUP BY supplier, recipient")
    return [(row[0], row[1], row[2], row[3] or 0) for row in db.execute(sql, (*DELIVERED, *args))]
