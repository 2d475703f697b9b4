"""store: where articles and events live. `open_store(url)` picks the backend by URL.

    armstrack.db / sqlite:///path.db / :memory:   -> SQLiteStore (the default)
    postgresql://user@host/db                     -> PostgresStore (a shared server)
"""
from __future__ import annotations

from .base import Store, StoredEvent, connection
from .sqlite import SQLiteStore

POSTGRES_SCHEMES = ("postgres://", "postgresql://")


def is_postgres(url: str) -> bool:
    return str(url).startswith(POSTGRES_SCHEMES)


def open_store(url: str = "armstrack.db") -> Store:
    """Open (and migrate) the store at `url`."""
    url = str(url)
    if is_postgres(url):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            from ..errors import StoreError
            from .urls import safe_url

            raise StoreError(f"cannot open {safe_url(url)}: PostgreSQL needs the postgres extra "
                             "(pip install 'armstrack[postgres]')") from None
        from .postgres import PostgresStore

        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    return SQLiteStore(url)


__all__ = ["Store", "StoredEvent", "SQLiteStore", "connection", "is_postgres", "open_store"]
