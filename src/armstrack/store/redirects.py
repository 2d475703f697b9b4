"""Claim ids that were retired: the `claim_redirects` rows (migration m005) written when an
automatic claims update or a rebuild retires an id.

A claim's id derives from its first-ingested report. When a new article joins two claims (its
report falls between them in time), or a rebuild re-keys one, the later claim's id stops
existing; its row here points to the claim that now holds its reports, so an id that was ever
shown still resolves (issue 24). Reviews write the same rows with their review id (claims/api.py),
so undoing the review removes them; automatic ones carry none.
"""
from __future__ import annotations

from collections.abc import Mapping


def record_retired(db, successors: Mapping[str, str], *, at: str) -> None:
    """Point each retired claim id at its successor (an id already redirected is re-pointed)."""
    rows = [(old, new, at) for old, new in sorted(successors.items()) if old != new]
    if rows:
        db.executemany("INSERT INTO claim_redirects (old_id, new_id, review_id, at) VALUES (?, ?, NULL, ?)"
                       " ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, at = excluded.at", rows)

