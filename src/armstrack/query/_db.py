"""The store's database connection (SQLite, or PostgreSQL through store/postgres.py) for the query modules, and small shared SQL helpers."""
from __future__ import annotations

import sqlite3

from ..errors import ArmstrackError
from ..store.locks import postgres
from ..records import Provenance

PROVENANCE_COLUMNS = "a.id AS article_id, a.source, a.url, a.title, a.outlet, a.published, a.ingested_at"


def connection(store) -> sqlite3.Connection:
    """The connection behind a store (queries run SQL over it)."""
    db = getattr(store, "db", None)
    if db is None:
        raise ArmstrackError("queries need an SQL store; open one with armstrack.open_store(path or URL)")
    return db


def provenance(row: sqlite3.Row) -> Provenance:
    """Provenance from a row holding PROVENANCE_COLUMNS."""
    return Provenance(row["article_id"], row["source"], row["url"], row["title"], row["outlet"],
                      row["published"], row["ingested_at"])


def has_fts(db: sqlite3.Connection) -> bool:
    """True for an SQLite store with its FTS5 index (PostgreSQL's search is its tsvector)."""
    if postgres(db):
        return False
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchone() is not None


def fts_query(text: str) -> str:
    """User words as an FTS5 query: every word must occur (each quoted, so that `-`, `:`,
    quotes and FTS operators in the input are words, never syntax errors)."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"' for w in words)
