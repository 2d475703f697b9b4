"""The claims tables, run by the store's migration list (`migrations.py` registers each by
name, in order, each in one transaction). SQL lives in the store, the one door to the database:
the claims layer never creates or alters its tables itself.

m003: the claims tables.

m005: the review audit trail (`claim_reviews.undone_at/undone_by`: an undone review stays in the
log but no longer applies), `claim_redirects` (a claim id merged away, or replaced by a
review, points to the claim that now holds its reports), origin keys and confidence on claim
rows and changes (alerts for a confidence change or a new origin), indexes for sorting and
paging claims, and a rebuild on first use so stored claims gain their reports' provenance.

m007: `claims.search` (ids and names, lower case, for `list_claims(q=...)`), and indexes that
include `review`, so counting the claims not rejected and skipping pages read indexes only
(bench/query.py: a count over 100,000 claims took 183 ms as a table scan).
"""
from __future__ import annotations

import sqlite3

from .dialect import Dialect, dialect_of


def m003(db: sqlite3.Connection, script) -> None:
    """The claims tables: `claim_index`, `claims`, `claim_reports`, `claim_links`,
    `claim_reviews`, `claim_changes`, `claim_settings` (read and written by claims.py and
    reviews.py)."""
    d = dialect_of(db)
    script(db, f"""
    CREATE TABLE claim_index (
        event_id TEXT NOT NULL, article_id TEXT NOT NULL, type TEXT NOT NULL, rel TEXT NOT NULL,
        actor TEXT, supplier TEXT, recipient TEXT, item_id TEXT, category TEXT, broad TEXT,
        item_text TEXT, report_date TEXT, event_date TEXT, ord {d.integer}
    );
    -- covering: planning a pair reads its keys from the index alone
    CREATE INDEX claim_index_pair ON claim_index(rel, supplier, recipient, item_id, category, broad,
                                                 report_date, ord, event_id, article_id);
    CREATE INDEX claim_index_actor ON claim_index(rel, actor);
    CREATE INDEX claim_index_article ON claim_index(article_id);
    CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        supplier TEXT NOT NULL, recipient TEXT NOT NULL, item_key TEXT NOT NULL,
        item_id TEXT, category TEXT, broad TEXT, brokers TEXT, status TEXT, confidence {d.real},
        contradicted {d.integer} NOT NULL, review TEXT, first_reported TEXT, last_reported TEXT,
        anchor TEXT NOT NULL,
        created_at TEXT NOT NULL, data TEXT NOT NULL
    );
    CREATE INDEX claims_pair ON claims(supplier, recipient);
    CREATE INDEX claims_recipient ON claims(recipient);
    CREATE INDEX claims_item ON claims(item_id);
    CREATE TABLE claim_reports (
        claim_id TEXT NOT NULL, event_id TEXT NOT NULL, article_id TEXT NOT NULL,
        PRIMARY KEY (event_id, claim_id)
    );
    CREATE INDEX claim_reports_claim ON claim_reports(claim_id, event_id);
    CREATE TABLE claim_links (claim_id TEXT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, rule TEXT NOT NULL);
    CREATE INDEX claim_links_claim ON claim_links(claim_id);
    CREATE INDEX claim_links_event ON claim_links(event_id);
    CREATE TABLE claim_reviews (
        id {d.serial_key},
        at TEXT NOT NULL, "by" TEXT NOT NULL, why TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
        field TEXT, value TEXT, other TEXT, anchor TEXT, other_anchor TEXT, events TEXT, detail TEXT
    );
    CREATE TABLE claim_changes (
        id {d.serial_key},
        at TEXT NOT NULL, kind TEXT NOT NULL, claim_id TEXT NOT NULL, supplier TEXT, recipient TEXT,
        item TEXT, status TEXT, previous TEXT, report_date TEXT
    );
    CREATE INDEX claim_changes_at ON claim_changes(at);
    CREATE TABLE claim_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """)
    # a store that already holds events gets its claims built on first use
    db.execute("INSERT INTO claim_settings SELECT 'needs_rebuild', '1' WHERE EXISTS (SELECT 1 FROM events)")


def m005(db: sqlite3.Connection, script) -> None:
    d = dialect_of(db)
    script(db, f"""
    ALTER TABLE claim_reviews ADD COLUMN undone_at TEXT;
    ALTER TABLE claim_reviews ADD COLUMN undone_by TEXT;
    ALTER TABLE claims ADD COLUMN origins TEXT;
    ALTER TABLE claim_changes ADD COLUMN confidence {d.real};
    ALTER TABLE claim_changes ADD COLUMN previous_confidence {d.real};
    ALTER TABLE claim_changes ADD COLUMN origin TEXT;
    CREATE TABLE claim_redirects (
        old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL, review_id {d.integer}, at TEXT NOT NULL
    );
    CREATE INDEX claims_last_reported ON claims(last_reported, id);
    CREATE INDEX claims_first_reported ON claims(first_reported, id);
    CREATE INDEX claims_confidence ON claims(confidence, id);
    CREATE INDEX claims_status ON claims(status);
    CREATE INDEX claim_changes_report_date ON claim_changes(report_date);
    """)
    db.execute("INSERT INTO claim_settings SELECT 'needs_rebuild', '1' WHERE EXISTS (SELECT 1 FROM events)"
               " ON CONFLICT (key) DO UPDATE SET value = excluded.value")


def search_sql(d: Dialect) -> str:
    """The text `list_claims(q=...)` searches: ids and display names, lower case."""
    def name(key: str) -> str:
        return f"COALESCE({d.json_text('data', key)}, '')"
    return (f"lower(id || ' ' || supplier || ' ' || {name('supplier_name')} || ' ' ||"
            f" recipient || ' ' || {name('recipient_name')} || ' ' || item_key || ' ' ||"
            f" {name('item_name')} || ' ' || COALESCE(category, ''))")


def m007(db: sqlite3.Connection, script) -> None:
    script(db, f"""
    ALTER TABLE claims ADD COLUMN search TEXT;
    UPDATE claims SET search = {search_sql(dialect_of(db))};
    CREATE INDEX claims_review ON claims(review);
    CREATE INDEX claims_search ON claims(search, review);
    DROP INDEX claims_last_reported;
    DROP INDEX claims_first_reported;
    DROP INDEX claims_confidence;
    CREATE INDEX claims_last_reported ON claims(last_reported, id, review);
    CREATE INDEX claims_first_reported ON claims(first_reported, id, review);
    CREATE INDEX claims_confidence ON claims(confidence, id, review);
    """)
