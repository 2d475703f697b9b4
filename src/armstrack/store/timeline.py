"""The timeline's order: events by the date they happened, not the date they were reported.

m012 gives `events` a `timeline_date`: the event's own date when its text states one, else its
article's date, written with the event (`sql.py`) and indexed with the article and sequence, so
the timeline (`/timeline`, `armstrack events`) pages through 100,000 events in that order from
the index instead of sorting them all (issue 24: a 2022 event came after 2024 ones because it
was reported later).
"""
from __future__ import annotations

from .dialect import dialect_of


def timeline_order(db) -> str:
    """The timeline's sort key over `events e`, the order index events_timeline gives: undated
    events first on both engines (SQLite's order; PostgreSQL puts NULL last unless told)."""
    return f"{dialect_of(db).nulls_first('e.timeline_date')}, e.article_id, e.seq"


# the value written with an event: its own date, else its article's (parameters: date, article id)
TIMELINE_DATE = "COALESCE(?, (SELECT published FROM articles WHERE id = ?))"


def m012(db, script) -> None:
    """Add, fill and index `events.timeline_date` (with the type too: the timeline of one type
    pages and counts from that index alone)."""
    script(db, """
    ALTER TABLE events ADD COLUMN timeline_date TEXT;
    UPDATE events SET timeline_date = COALESCE(event_date, (SELECT published FROM articles WHERE articles.id = events.article_id));
    CREATE INDEX events_timeline ON events(timeline_date, article_id, seq);
    CREATE INDEX events_type_timeline ON events(type, timeline_date, article_id, seq);
    """)


def redate_events(db, article_id: str, published: str | None) -> None:
    """An article's date changed: its events without a date of their own follow it."""
    db.execute("UPDATE events SET timeline_date = COALESCE(event_date, ?) WHERE article_id = ?",
               (published, article_id))
