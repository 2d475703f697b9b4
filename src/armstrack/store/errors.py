"""Database errors of either engine, as kinds and as sentences (`store/sqlite.py` and
`store/postgres.py` hold each engine's own reading)."""
from __future__ import annotations

import sqlite3
import sys

from . import sqlite as _sqlite


def db_errors() -> tuple[type[BaseException], ...]:
    """The database error types of the engines in use, for `except db_errors():`. psycopg is
    the optional PostgreSQL extra and costs a read command 0.1 s to import, so it counts only
    once a PostgreSQL store has loaded it: before that, none of its errors can be raised."""
    psycopg = sys.modules.get("psycopg")
    return (sqlite3.Error,) + ((psycopg.Error,) if psycopg is not None else ())

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
