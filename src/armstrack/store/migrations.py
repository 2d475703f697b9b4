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
    """Claims across articles: derived tables, plus reviews kept apart (the SQL is the claims
    layer's own: `claims/schema.py`)."""
    from ..claims.schema import m003

    m003(db, script)


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


@migration
def m007_claims_paging(db: sqlite3.Connection) -> None:
    """Claims listings that stay fast at 100,000 claims: a `search` column for free-text
    filters, and indexes that cover the rejected mark (SQL in `claims/schema.py`)."""
    from ..claims.schema import m007

    m007(db, script)
