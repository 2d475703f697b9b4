"""StorePool: open stores lent out one at a time, for a server that answers requests in threads.

A store's connection serves one user at a time: an SQLite connection refuses a second thread,
and a PostgreSQL connection shared by two threads mixes their transactions (issue 21: with one
connection per thread, FastAPI ran a request's dependency and its endpoint on different threads,
and 16 clients got 225 of 400 requests answered with a 500, and lost acknowledged reviews). A
request leases a store for its whole life and gives it back when it ends:

    pool = StorePool("armstrack.db")
    store = pool.lease()
    try:
        ...                          # one request's reads and writes
    finally:
        pool.give_back(store, ok=True)

`give_back` commits what the request left uncommitted when it succeeded and rolls it back when
it failed, so a write is acknowledged only once it is committed, and no connection goes back
idle in a transaction holding locks. Up to `keep` stores wait idle for the next lease.
"""
from __future__ import annotations

import logging
import threading

from .locks import postgres

log = logging.getLogger("armstrack.store")


def _open(url: str):
    from . import is_postgres, open_store
    from .sqlite import SQLiteStore

    if is_postgres(url):
        return open_store(url)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    return SQLiteStore(url, threads=True)   # leased from one thread, used from another


class StorePool:
    """Stores of `url` lent to one user at a time; `keep` of them stay open between leases."""

    def __init__(self, url: str, *, keep: int = 16):
        self.url, self.keep = url, keep
        self._idle: list = []
        self._lock = threading.Lock()
        self.opened = 0                     # how many stores it opened (what reuse saved)

    def lease(self):
        """An open store no one else uses until it is given back (an idle one, or a new one)."""
        with self._lock:
            if self._idle:
                return self._idle.pop()
            self.opened += 1
        return _open(self.url)

    def give_back(self, store, *, ok: bool) -> None:
        """End the lease: commit what is left open if `ok`, else roll it back. A store whose
        connection cannot do that is closed, not kept; a failed commit is raised (the write it
        would have kept must not be acknowledged)."""
        try:
            _finish(store.db, ok)
        except BaseException:
            _close(store)
            if ok:
                raise
            log.warning("a store connection could not roll back; closed it", exc_info=True)
            return
        with self._lock:
            if len(self._idle) < self.keep:
                self._idle.append(store)
                return
        _close(store)

    def close(self) -> None:
        """Close the idle stores (leased ones close when given back)."""
        with self._lock:
            idle, self._idle, self.keep = self._idle, [], 0
        for store in idle:
            _close(store)


def _finish(db, ok: bool) -> None:
    """Leave `db` with no transaction open, or raise if it cannot be left in that state."""
    if postgres(db):
        from psycopg.pq import TransactionStatus

        conn = db.conn
        if conn.closed or conn.broken or db._depth:
            # a `with db:` block never closed: its transaction object is lost with the request
            raise RuntimeError("the connection was left inside a transaction block")
        if conn.info.transaction_status != TransactionStatus.IDLE:
            (conn.commit if ok and conn.info.transaction_status == TransactionStatus.INTRANS else conn.rollback)()
        return
    if db.in_transaction:
        (db.commit if ok else db.rollback)()


def _close(store) -> None:
    try:
        store.close()
    except Exception:  # noqa: BLE001 - a broken connection may fail to close; it is dropped anyway
        pass
