"""PostgresStore: the same store on a PostgreSQL server (psycopg 3), for a team sharing one record.

The rest of armstrack writes its SQL once for both engines: `?` placeholders, `with db:` for one
transaction, rows read by name or position, and the spellings the engines differ in (JSON
fields, `group_concat`, case-insensitive `LIKE`, column types in DDL) asked of the connection's
`Dialect` where each statement is written (`store/dialect.py`; this connection's is
`dialect.POSTGRES`). `PgConnection` gives a psycopg connection sqlite3's shape, and changes
nothing in a statement but its placeholders (`pyformat`, cached per statement). Full-text
search is a generated `tsvector` column with a GIN index.

Several processes may write one database at once: an article is inserted with
`ON CONFLICT DO NOTHING`, the migrations run under one advisory lock, and a claims update holds
an advisory lock per supplier-recipient pair it recomputes (`lock_pairs`), taken in one order
so that two updates never wait on each other in a circle.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import psycopg
from psycopg import errors as pgerrors

from ..errors import StoreError
from .dialect import POSTGRES
from .sql import SQLStore
from .urls import safe_url


@lru_cache(maxsize=4096)
def pyformat(sql: str) -> str:
    """A statement with `?` placeholders as psycopg takes it: each `?` outside quotes becomes
    `%s`, and every literal `%` doubles (psycopg reads `%` as a placeholder anywhere, quotes and
    comments included). A `?` in a string literal, a quoted name or a `--` comment stays."""
    out = []
    quote = ""          # the quote character of the literal or name we are in, if any
    comment = False
    previous = ""
    for char in sql:
        if comment:
            comment = char != "\n"
        elif quote:
            # a doubled quote ('it''s') closes the literal and opens it again: the same text
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "-" and previous == "-":
            comment = True
        elif char == "?":
            char = "%s"
        if char == "%":
            char = "%%"
        out.append(char)
        previous = char
    return "".join(out)


class Row(tuple):
    """A result row read by position or by column name, as sqlite3.Row is."""

    names: tuple[str, ...] = ()
    index: dict[str, int] = {}

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self.index[key])
            except KeyError:
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


@lru_cache(maxsize=1024)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"names": names, "index": {n: i for i, n in enumerate(names)}})


def _rows(cursor):
    if cursor.description is None:
        return tuple
    cls = _row_class(tuple(c.name for c in cursor.description))
    return cls


class Cursor(psycopg.Cursor):
    """A statement that returns no rows (DELETE, UPDATE) reads as empty, as in sqlite3."""

    def fetchone(self):
        return None if self.pgresult is None or self.description is None else super().fetchone()

    def fetchall(self):
        return [] if self.pgresult is None or self.description is None else super().fetchall()

    def fetchmany(self, size: int = 0):
        return [] if self.pgresult is None or self.description is None else super().fetchmany(size)

    def __iter__(self):
        return iter(()) if self.pgresult is None or self.description is None else super().__iter__()


class PgConnection:
    """A psycopg connection with sqlite3's shape: `execute` returns a cursor, `with db:` is one
    transaction (nested blocks join the outer one)."""

    dialect = POSTGRES

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn
        self._depth = 0
        self._tx = None

    def execute(self, sql: str, params: Sequence | None = None):
        cursor = self.conn.cursor(row_factory=_rows)
        if params is None:   # psycopg reads no placeholder then: the text goes as written
            cursor.execute(sql)
        else:
            cursor.execute(pyformat(sql), tuple(params))
        return cursor

    def executemany(self, sql: str, seq: Iterable[Sequence]):
        cursor = self.conn.cursor(row_factory=_rows)
        cursor.executemany(pyformat(sql), [tuple(p) for p in seq])
        return cursor

    def __enter__(self):
        if self._depth == 0:
            self._tx = self.conn.transaction()
            self._tx.__enter__()
        self._depth += 1
        return self

    def __exit__(self, *exc) -> None:
        self._depth -= 1
        if self._depth == 0:
            tx, self._tx = self._tx, None
            tx.__exit__(*exc)

    def commit(self) -> None:
        """Outside `with db:` every statement commits on its own (autocommit)."""

    def close(self) -> None:
        self.conn.close()

    def __del__(self) -> None:
        # as an sqlite3 connection does, close quietly when dropped (psycopg would warn)
        conn = getattr(self, "conn", None)
        if conn is not None and not conn.closed:
            conn.close()


# What a psycopg error is, for a user: the same kinds as SQLite's (store/sqlite.py). The lock
# and conflict errors come first: psycopg makes them OperationalErrors too, and a lock timeout
# read as "unreachable" told the user to check that the server runs (issue 21)
def error_kind(exc: psycopg.Error) -> str | None:
    if isinstance(exc, (pgerrors.LockNotAvailable, pgerrors.DeadlockDetected, pgerrors.SerializationFailure)):
        return "busy"
    if isinstance(exc, (pgerrors.ReadOnlySqlTransaction, pgerrors.InsufficientPrivilege)):
        return "read-only"
    if isinstance(exc, pgerrors.DiskFull):
        return "full"
    if isinstance(exc, (psycopg.OperationalError, pgerrors.AdminShutdown, pgerrors.CrashShutdown,
                        pgerrors.CannotConnectNow)):
        return "unreachable"
    return None


def explain(exc: psycopg.Error, url: str, *, timeout: float = 30.0) -> str:
    """A PostgreSQL error as a sentence a user can act on (the URL without its password)."""
    where, text, kind = safe_url(url), _one_line(exc), error_kind(exc)
    if kind == "read-only":
        return f"the store {where} cannot be written ({text}; check the role's privileges)"
    if kind == "full":
        return f"cannot write the store {where}: the server's disk is full ({text})"
    if kind == "unreachable":
        return f"cannot reach the PostgreSQL store {where} ({text}; is the server running?)"
    if isinstance(exc, pgerrors.LockNotAvailable):
        return (f"the store {where} is busy: a lock this needs was held by another connection for "
                f"more than {timeout:g} s (lock_timeout; {text}); try again when it finishes")
    if kind == "busy":
        return f"the store {where} is busy: {text}; try again"
    return f"store {where}: {text}"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


class PostgresStore(SQLStore):
    dialect = POSTGRES

    def __init__(self, url: str, *, timeout: float = 30.0):
        from .migrations import migrate

        self.path, self.timeout = safe_url(url), timeout
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)), cursor_factory=Cursor)
        except psycopg.ProgrammingError as exc:  # a URL libpq cannot read
            raise StoreError(f"cannot open the store {safe_url(url)} ({_one_line(exc)}; check the URL)") from exc
        except psycopg.Error as exc:
            raise StoreError(explain(exc, url)) from exc
        except Exception as exc:  # noqa: BLE001 - a malformed URL is psycopg's ProgrammingError or ValueError
            raise StoreError(f"cannot open the store {safe_url(url)} ({_one_line(exc)})") from exc
        self.db = PgConnection(conn)
        try:
            # a statement waits this long for a lock another process holds, then fails clearly
            conn.execute(f"SET lock_timeout = '{int(timeout * 1000)}ms'")
            migrate(self.db)
        except psycopg.Error as exc:
            conn.close()
            raise StoreError(explain(exc, url, timeout=timeout)) from exc
        except BaseException:
            conn.close()
            raise

    def search(self, query: str) -> list[str]:
        rows = self.db.execute("SELECT id FROM articles WHERE tsv @@ plainto_tsquery('english', ?)"
                               " ORDER BY rowid", (query,))
        return [row[0] for row in rows]
