"""Schema migrations: named functions applied in order, recorded in `migrations`, safe to re-run."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..errors import SchemaTooNew

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def migration(fn: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_articles_events(db: sqlite3.Connection) -> None:
    db.executescript("""
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        url TEXT, outlet TEXT, title TEXT, published TEXT, language TEXT,
        source TEXT, text TEXT NOT NULL, ingested_at TEXT NOT NULL,
        extractor TEXT
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        status TEXT, certainty TEXT, event_date TEXT, reported_on TEXT,
        quantity_min REAL, quantity_max REAL,
        data TEXT NOT NULL
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_type ON events(type);
    CREATE TABLE roles (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        role TEXT NOT NULL, kind TEXT NOT NULL,
        entity_id TEXT, name TEXT, text TEXT NOT NULL,
        start INTEGER, "end" INTEGER
    );
    CREATE INDEX roles_entity ON roles(entity_id, role);
    CREATE INDEX roles_event ON roles(event_id);
    CREATE TABLE evidence (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, sentence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
    );
    CREATE INDEX evidence_event ON evidence(event_id);
    """)


@migration
def m002_article_search(db: sqlite3.Connection) -> None:
    try:
        db.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid')")
        db.executescript("""
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        END;
        """)
    except sqlite3.OperationalError:
        pass  # an SQLite built without FTS5 still stores everything; search falls back to LIKE



@migration
def m003_claims(db: sqlite3.Connection) -> None:
    """Claims across articles (armstrack/claims): derived tables, plus reviews kept apart."""
    db.executescript("""
    CREATE TABLE claim_index (
        event_id TEXT NOT NULL, article_id TEXT NOT NULL, type TEXT NOT NULL, rel TEXT NOT NULL,
        actor TEXT, supplier TEXT, recipient TEXT, item_id TEXT, category TEXT, broad TEXT,
        item_text TEXT, report_date TEXT, event_date TEXT, ord INTEGER
    );
    -- covering: planning a pair reads its keys from the index alone
    CREATE INDEX claim_index_pair ON claim_index(rel, supplier, recipient, item_id, category, broad,
                                                 report_date, ord, event_id, article_id);
    CREATE INDEX claim_index_actor ON claim_index(rel, actor);
    CREATE INDEX claim_index_article ON claim_index(article_id);
    CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        supplier TEXT NOT NULL, recipient TEXT NOT NULL, item_key TEXT NOT NULL,
        item_id TEXT, category TEXT, broad TEXT, brokers TEXT, status TEXT, confidence REAL,
        contradicted INTEGER NOT NULL, review TEXT, first_reported TEXT, last_reported TEXT,
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
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL, by TEXT NOT NULL, why TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
        field TEXT, value TEXT, other TEXT, anchor TEXT, other_anchor TEXT, events TEXT, detail TEXT
    );
    CREATE TABLE claim_changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL, kind TEXT NOT NULL, claim_id TEXT NOT NULL, supplier TEXT, recipient TEXT,
        item TEXT, status TEXT, previous TEXT, report_date TEXT
    );
    CREATE INDEX claim_changes_at ON claim_changes(at);
    CREATE TABLE claim_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """)
    # a store that already holds events gets its claims built on first use
    db.execute("INSERT INTO claim_settings SELECT 'needs_rebuild', '1' WHERE EXISTS (SELECT 1 FROM events)")


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded; return their names."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM migrations")}
    known = {name for name, _ in MIGRATIONS}
    unknown = done - known
    if unknown:
        raise SchemaTooNew(f"the database was written by a newer armstrack (migrations {sorted(unknown)}); "
                           "upgrade armstrack to read it")
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with db:
            fn(db)
            db.execute("INSERT INTO migrations VALUES (?, datetime('now'))", (name,))
        applied.append(name)
    return applied
