"""store: where articles and events live. `open_store(url)` picks the backend by URL.

    armstrack.db / sqlite:///path.db / :memory:   -> SQLiteStore (the default)
    postgresql://...                              -> PostgresStore (a later issue)
"""
from __future__ import annotations

from .base import Store, StoredEvent
from .sqlite import SQLiteStore


def open_store(url: str = "armstrack.db") -> Store:
    """Open (and migrate) the store at `url`."""
    if url.startswith(("postgres://", "postgresql://")):
        from ..errors import StoreError

        raise StoreError("PostgreSQL stores are not available yet; use a SQLite file path")
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    return SQLiteStore(url)


__all__ = ["Store", "StoredEvent", "SQLiteStore", "open_store"]
