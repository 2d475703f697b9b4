"""The claims stage's own schema changes, run by the store's migration list
(`store/migrations.py` registers them by name, in order, each in one transaction).

m005: the review audit trail (`claim_reviews.undone_at/undone_by`: an undone review stays in the
log but no longer applies), `claim_redirects` (a claim id merged away, or replaced by a
review, points to the claim that now holds its reports), origin keys and confidence on claim
rows and changes (alerts for a confidence change or a new origin), indexes for sorting and
paging claims, and a rebuild on first use so stored claims gain their reports' provenance.
"""
from __future__ import annotations

import sqlite3


def m005(db: sqlite3.Connection, script) -> None:
    script(db, """
    ALTER TABLE claim_reviews ADD COLUMN undone_at TEXT;
    ALTER TABLE claim_reviews ADD COLUMN undone_by TEXT;
    ALTER TABLE claims ADD COLUMN origins TEXT;
    ALTER TABLE claim_changes ADD COLUMN confidence REAL;
    ALTER TABLE claim_changes ADD COLUMN previous_confidence REAL;
    ALTER TABLE claim_changes ADD COLUMN origin TEXT;
    CREATE TABLE claim_redirects (
        old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL, review_id INTEGER, at TEXT NOT NULL
    );
    CREATE INDEX claims_last_reported ON claims(last_reported, id);
    CREATE INDEX claims_first_reported ON claims(first_reported, id);
    CREATE INDEX claims_confidence ON claims(confidence, id);
    CREATE INDEX claims_status ON claims(status);
    CREATE INDEX claim_changes_report_date ON claim_changes(report_date);
    """)
    db.execute("INSERT OR REPLACE INTO claim_settings SELECT 'needs_rebuild', '1' WHERE EXISTS (SELECT 1 FROM events)")
