"""The review tables' reads and writes (schema: `claims_schema.py`, m003 and m005): the audit
trail of analyst reviews (`claim_reviews`) and the claim ids that moved (`claim_redirects`).

Functions over the store's connection, run inside the caller's transaction (`with db:`); they
take and return plain values and rows. `armstrack.claims.review` turns the rows into
Corrections and decides what a review does.
"""
from __future__ import annotations

from collections.abc import Sequence


# ---- the audit trail --------------------------------------------------------------------
def add_review(db, row: Sequence) -> int:
    """Insert a review (at, by, why, action, target, field, value, other, anchor, other_anchor,
    events, detail: `events` and `detail` as JSON text); returns its id."""
    cur = db.execute(
        "INSERT INTO claim_reviews (at, \"by\", why, action, target, field, value, other, anchor,"
        " other_anchor, events, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id", tuple(row))
    return cur.fetchone()[0]


def review_rows(db, *, every: bool = False) -> list:
    """The reviews in force, in the order they were made: not undone, and not an undo entry
    (action 'undo', ReviewAction.UNDO); `every` gives them all (the audit log)."""
    where = "" if every else " WHERE undone_at IS NULL AND action != 'undo'"
    return db.execute(f"SELECT * FROM claim_reviews{where} ORDER BY id").fetchall()


def mark_undone(db, review_id: int, *, by: str, at: str) -> None:
    """Mark a review undone (it stays in the log) and drop the redirects it made."""
    db.execute("UPDATE claim_reviews SET undone_at = ?, undone_by = ? WHERE id = ?", (at, by, review_id))
    db.execute("DELETE FROM claim_redirects WHERE review_id = ?", (review_id,))


# ---- claim ids that moved ----------------------------------------------------------------
def add_redirect(db, old_id: str, new_id: str, review_id: int | None, at: str) -> None:
    """Remember that claim `old_id` now lives on as `new_id` (the latest word wins)."""
    db.execute("INSERT INTO claim_redirects (old_id, new_id, review_id, at) VALUES (?,?,?,?) ON CONFLICT (old_id) DO UPDATE"
               " SET new_id = excluded.new_id, review_id = excluded.review_id, at = excluded.at",
               (old_id, new_id, review_id, at))


def resolve_claim_id(db, claim_id: str) -> str | None:
    """The id of the stored claim `claim_id` is (or now lives on as), following redirects."""
    seen = set()
    current = claim_id
    while current not in seen:
        if db.execute("SELECT 1 FROM claims WHERE id = ?", (current,)).fetchone():
            return current
        seen.add(current)
        row = db.execute("SELECT new_id FROM claim_redirects WHERE old_id = ?", (current,)).fetchone()
        if row is None:
            return None
        current = row[0]
    return None


def redirected_to(db, claim_id: str) -> set[str]:
    """Every claim id that redirects (directly or through others) to `claim_id`."""
    found, todo = set(), [claim_id]
    while todo:
        for (old,) in db.execute("SELECT old_id FROM claim_redirects WHERE new_id = ?", (todo.pop(),)):
            if old not in found:
                found.add(old)
                todo.append(old)
    return found
