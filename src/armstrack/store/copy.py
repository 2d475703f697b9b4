"""Copy a whole store to another, of either engine (`armstrack migrate --from A --to B`).

Every table goes across as it is, reviews, their audit trail, alerts' change log and feed state
included, in one transaction on the target: a copy cut off leaves the target as it was. Rows
keep their ids and their insertion order (`rowid`), so claims order their reports as before and
the counters of reviews and changes go on from where the source's stopped. Each engine's own
search index is built by the target (SQLite's triggers, PostgreSQL's generated column).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import StoreError
from .locks import postgres

# parents before children; tables a store lacks (an older schema) are skipped
TABLES = ("articles", "events", "roles", "evidence", "claim_index", "claims", "claim_reports",
          "claim_links", "claim_reviews", "claim_changes", "claim_settings", "claim_redirects",
          "feeds", "feed_items")
ORDERED = {"articles": "rowid", "feed_items": "rowid", "claim_reviews": "id", "claim_changes": "id"}
# counters a PostgreSQL target must go on from (its identity columns)
IDENTITIES = {"articles": "rowid", "feed_items": "rowid", "claim_reviews": "id", "claim_changes": "id"}
# computed by the target, never written: PostgreSQL's search column (generated), the claims'
# grade and year (generated on PostgreSQL, filled by triggers on SQLite: store/facets.py)
ENGINE_ONLY = {"tsv", "grade", "year"}
BATCH = 1000


@dataclass
class CopyReport:
    rows: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return ", ".join(f"{n} {table}" for table, n in self.rows.items() if n) or "nothing to copy"


def columns(db, table: str) -> list[str] | None:
    """A table's columns (None if it has no such table)."""
    if postgres(db):
        # generated columns (the claims' grade and year) are computed by the target, never written
        rows = db.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                          " AND table_schema = current_schema() AND is_generated = 'NEVER'"
                          " ORDER BY ordinal_position", (table,)).fetchall()
        return [r[0] for r in rows] or None
    rows = db.execute(f"PRAGMA table_info({table})").fetchall()
    if not rows:
        return None
    names = [r[1] for r in rows]
    return (["rowid"] if table in ORDERED and ORDERED[table] == "rowid" else []) + names


def copy_store(source, target, *, progress: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy every row of `source` into `target` (both open stores; the target must hold no
    articles and no reviews). Raises StoreError when it does."""
    src, dst = source.db, target.db
    busy = [t for t in ("articles", "claim_reviews")
            if columns(dst, t) and dst.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()]
    if busy:
        raise StoreError(f"the target store {target.path} is not empty (it holds {' and '.join(busy)});"
                         " copy into a new store")
    report = CopyReport()
    with dst:
        # the target's machine-made claims and settings give way to the source's
        for table in ("claim_settings", "claim_index", "claims", "claim_reports", "claim_links", "claim_changes"):
            if columns(dst, table):
                dst.execute(f"DELETE FROM {table}")
        for table in TABLES:
            have, want = columns(src, table), columns(dst, table)
            if not have or not want:
                continue
            names = [c for c in have if c in want and c not in ENGINE_ONLY]
            quoted = ", ".join(f'"{c}"' if c not in ("rowid",) else c for c in names)
            order = f" ORDER BY {ORDERED[table]}" if table in ORDERED else ""
            insert = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(names))})"
            rows = src.execute(f"SELECT {quoted} FROM {table}{order}")
            count = 0
            while True:
                chunk = rows.fetchmany(BATCH)
                if not chunk:
                    break
                dst.executemany(insert, [tuple(r) for r in chunk])
                count += len(chunk)
                if progress:
                    progress(table, len(chunk))
            report.rows[table] = count
        if postgres(dst):
            for table, column in IDENTITIES.items():
                if columns(dst, table) and report.rows.get(table):
                    dst.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                                f" (SELECT MAX({column}) FROM {table}))")
        for table, n in report.rows.items():
            copied = dst.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            if copied != n:  # nothing half-copied is left: the transaction rolls back
                raise StoreError(f"copying {table} gave {copied} rows for {n}; the target is unchanged")
    return report
