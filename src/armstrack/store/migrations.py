"""Schema migrations: named functions applied in order, recorded in `migrations`, safe to re-run.

Each migration runs in one `BEGIN IMMEDIATE` transaction together with its record, so a kill
leaves it applied or not at all, and a second process opening a new store at the same moment
waits for the first and then finds the work done. (`executescript` would commit on its own,
statement by statement; `script` runs the statements inside the transaction instead.)
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from .. import faults
from ..errors import SchemaTooNew

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def script(db: sqlite3.Connection, sql: str) -> None:
    """Run several statements (triggers included) in the open transaction."""
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


def migration(fn: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_articles_events(db: sqlite3.Connection) -> None:
    script(db, """
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
    except sqlite3.OperationalError as exc:
        if "fts5" not in str(exc):
            raise
        return  # an SQLite built without FTS5 still stores everything; search falls back to LIKE
    script(db, """
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        END;
        """)


@migration
def m003_claims(db: sqlite3.Connection) -> None:
    """Claims across articles (armstrack/claims): derived tables, plus reviews kept apart."""
    script(db, """
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


@migration
def m004_content_key_claims_done(db: sqlite3.Connection) -> None:
    """`content_key`: the folded-text hash two copies of an article share (ids of articles stored
    before folding existed stay as they were; their key is computed here). `claims_done`: 0 from
    an article's commit until its claims are updated, so a re-run finishes what a kill cut off."""
    from ..ingest.clean import content_id

    db.execute("ALTER TABLE articles ADD COLUMN content_key TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN claims_done INTEGER NOT NULL DEFAULT 1")
    rows = db.execute("SELECT id, text FROM articles").fetchall()
    db.executemany("UPDATE articles SET content_key = ? WHERE id = ?",
                   [(content_id(text), article_id) for article_id, text in rows])
    db.execute("CREATE INDEX articles_content_key ON articles(content_key)")
    db.execute("CREATE INDEX articles_claims_pending ON articles(claims_done) WHERE claims_done = 0")
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchone():
        # a later copy may fill in a missing title: keep the search index in step
        script(db, """
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """)


def _retry(fn: Callable[[], object], seconds: float = 30.0):
    """Run `fn`, retrying while another connection holds a lock SQLite will not wait for (a
    journal-mode change or a schema read during another process's first open)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded; return their names."""
    _retry(lambda: db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"))
    done = {row[0] for row in _retry(lambda: db.execute("SELECT name FROM migrations").fetchall())}
    known = {name for name, _ in MIGRATIONS}
    unknown = done - known
    if unknown:
        raise SchemaTooNew(f"the database was written by a newer armstrack (migrations {sorted(unknown)}); "
                           "upgrade armstrack to read it")
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        _retry(lambda: db.execute("BEGIN IMMEDIATE"))
        try:
            # another process may have applied it while we waited for the lock
            if db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone() is None:
                fn(db)
                faults.point("in-migration")
                db.execute("INSERT INTO migrations VALUES (?, datetime('now'))", (name,))
                applied.append(name)
            db.commit()
        except BaseException:
            db.rollback()
            raise
    return applied


@migration
def m005_claims_audit_redirects(db: sqlite3.Connection) -> None:
    """The claims stage's review audit trail, claim redirects and paging indexes
    (the SQL is the claims layer's own: `claims/schema.py`)."""
    from ..claims.schema import m005

    m005(db, script)


@migration
def m006_feeds_gate(db: sqlite3.Connection) -> None:
    """Live ingest (issue 12): `articles.gated` marks an article the relevance gate kept from the
    parser in part or whole (`reprocess --scope all` reads it whole); `feeds` keeps each watched
    feed's validators and schedule and `feed_items` each item seen, so a restarted watcher
    resumes without refetching."""
    script(db, """
    ALTER TABLE articles ADD COLUMN gated INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_url ON articles(url);
    CREATE INDEX articles_source ON articles(source);
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY, etag TEXT, modified TEXT, polled_at TEXT, next_poll REAL,
        failures INTEGER NOT NULL DEFAULT 0, status INTEGER, error TEXT
    );
    CREATE TABLE feed_items (
        url TEXT PRIMARY KEY, feed TEXT NOT NULL, seen_at TEXT NOT NULL, fetched_at TEXT,
        article_id TEXT, content_hash TEXT, error TEXT
    );
    CREATE INDEX feed_items_feed ON feed_items(feed);
    CREATE INDEX feed_items_hash ON feed_items(content_hash);
    """)
