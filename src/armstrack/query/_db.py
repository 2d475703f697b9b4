"""The store's database connection for the query modules (they hand it to `store/search.py`,
whose SQL reads what they page through), and the provenance of a row it returns."""
from __future__ import annotations

import sqlite3

from ..errors import ArmstrackError
from ..records import Provenance
from ..store.base import connection as store_connection


def connection(store) -> sqlite3.Connection:
    """The connection behind a store (queries hand it to the store's read functions)."""
    db = store_connection(store)
    if db is None:
        raise ArmstrackError("queries need an SQL store; open one with armstrack.open_store(path or URL)")
    return db


def provenance(row: sqlite3.Row) -> Provenance:
    """Provenance from a row holding `store.search.PROVENANCE_COLUMNS`."""
    return Provenance(row["article_id"], row["source"], row["url"], row["title"], row["outlet"],
                      row["published"], row["ingested_at"])
