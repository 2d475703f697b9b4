"""SQLiteStore: one file (or :memory:), WAL mode, every article written in one transaction."""
from __future__ import annotations

import sqlite3

from ..errors import StoreError
from .dialect import SQLITE
from .migrations import _retry, migrate
from .sql import EXTRACTOR_VERSION, SQLStore, event_id  # noqa: F401 - their home before sql.py

# What an SQLite error message says, by the words in it, in the order they are tried.
_KINDS = (("busy", ("locked", "busy")), ("read-only", ("readonly", "read-only")),
          ("full", ("disk is full", "disk I/O")), ("damaged", ("malformed", "not a database", "file is encrypted")),
          ("unopenable", ("unable to open",)))
# kinds no later write can escape: a batch stops rather than fail every source
FATAL = frozenset({"read-only", "full", "damaged"})


def error_kind(exc: sqlite3.Error) -> str | None:
    text = str(exc)
    return next((kind for kind, words in _KINDS if any(w in text for w in words)), None)


def explain(exc: sqlite3.Error, path: str, *, timeout: float = 30.0) -> str:
    """An SQLite error as a sentence a user can act on."""
    text, kind = str(exc), error_kind(exc)
    if kind == "busy":
        return (f"the store {path} is busy: another armstrack process has held its write lock for "
                f"{timeout:g} s; try again when it finishes")
    if kind == "read-only":
        return f"the store {path} is read-only (check the permissions of the file and its folder)"
    if kind == "full":
        return f"cannot write the store {path}: {text} (check free disk space)"
    if kind == "damaged":
        return f"{path} is damaged or not an armstrack database ({text})"
    if kind == "unopenable":
        return f"cannot open the store {path} ({text}; does its folder exist?)"
    return f"store {path}: {text}"


class SQLiteStore(SQLStore):
    dialect = SQLITE

    def __init__(self, path: str = "armstrack.db", *, timeout: float = 30.0, threads: bool = False):
        """`timeout`: how long a write waits for another process's write lock. `threads`: the
        connection may pass from thread to thread, used by one at a time (a pool's lease, which
        the web app hands from the thread that opens a request to the one that runs it)."""
        self.path, self.timeout = path, timeout
        try:
            self.db = sqlite3.connect(path, timeout=timeout, check_same_thread=not threads)
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, path, timeout=timeout)) from exc
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            if path != ":memory:":
                _retry(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
                # in WAL mode NORMAL still survives any crash of armstrack or SIGKILL intact; only
                # a power cut can take back the last commits, which a re-run ingests again. FULL
                # spent 1.5 s of a 21 s bbc_news ingest in fsync
                self.db.execute("PRAGMA synchronous = NORMAL")
            migrate(self.db)
        except sqlite3.Error as exc:
            self.db.close()
            raise StoreError(explain(exc, path, timeout=timeout)) from exc

    def search(self, query: str) -> list[str]:
        try:
            rows = self.db.execute("SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
                                   "WHERE articles_fts MATCH ?", (query,))
        except sqlite3.OperationalError:
            rows = self.db.execute("SELECT id FROM articles WHERE text LIKE ?", (f"%{query}%",))
        return [row[0] for row in rows]
