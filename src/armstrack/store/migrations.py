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
