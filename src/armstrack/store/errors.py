"""Database errors of either engine, as kinds and as sentences (`store/sqlite.py` and
`store/postgres.py` hold each engine's own reading)."""
from __future__ import annotations

import sqlite3

from . import sqlite as _sqlite

try:
    import psycopg
except ImportError:  # the PostgreSQL backend is optional at run time
    psycopg = None

DB_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error,) + ((psycopg.Error,) if psycopg else ())
# kinds no later write can escape: a batch stops rather than fail every source
FATAL = _sqlite.FATAL | {"unreachable"}


def error_kind(exc: BaseException) -> str | None:
    if isinstance(exc, sqlite3.Error):
        return _sqlite.error_kind(exc)
    from . import postgres

    return postgres.error_kind(exc)


def explain(exc: BaseException, path: str, *, timeout: float = 30.0) -> str:
    if isinstance(exc, sqlite3.Error):
        return _sqlite.explain(exc, path, timeout=timeout)
    from . import postgres

    return postgres.explain(exc, path)
