"""Concurrency between processes writing one store, in terms both engines understand.

SQLite: a transaction's first write takes the file's write lock, and every read after it sees
no other writer, so these are no-ops there. PostgreSQL (READ COMMITTED): two claims updates of
one supplier-recipient pair would each read the old claims and both write new ones, so each
holds an advisory lock per pair until its transaction ends. The locks are taken in ascending
key order; a second set taken later in one transaction (pairs a review ties in) could still
meet another in a circle, which the server breaks by failing one, and `retrying` runs that one
again.
"""
from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from .dialect import dialect_of

T = TypeVar("T")
ATTEMPTS = 5


def postgres(db) -> bool:
    """Whether `db` is a PostgreSQL connection (for what differs in more than a spelling)."""
    return dialect_of(db).postgres


def pair_key(pair: tuple[str, str]) -> int:
    """A stable lock key for a pair, the same in every process (within PostgreSQL's bigint)."""
    return zlib.crc32(f"{pair[0]}\x1f{pair[1]}".encode()) | (1 << 40)


def lock_pairs(db, pairs: Iterable[tuple[str, str]]) -> bool:
    """Hold one advisory lock per pair until the open transaction ends; True if any was taken."""
    if not postgres(db):
        return False
    keys = sorted({pair_key(p) for p in pairs if p and None not in p})
    for key in keys:
        db.execute("SELECT pg_advisory_xact_lock(?)", (key,))
    return bool(keys)


def retrying(db, fn: Callable[[], T]) -> T:
    """`fn()` (one transaction), run again when PostgreSQL broke a lock cycle or a serialisation
    conflict by failing it; SQLite errors pass straight through."""
    if not postgres(db):
        return fn()
    from psycopg import errors

    for attempt in range(ATTEMPTS):
        try:
            return fn()
        except (errors.DeadlockDetected, errors.SerializationFailure):
            if attempt == ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
