"""Marks on the article rows that stages above the store keep, outside the Store protocol:
the gate's mark (migration m006: `articles.gated`), whether an article's claims are up to date
(m004: `articles.claims_done`), and which URLs are stored (the fetcher's skip).

Functions over a store, or over its connection for the claims update that runs them inside
its own transaction; a backend without a connection keeps no marks.
"""
from __future__ import annotations

from collections.abc import Iterable

from .base import connection


# ---- the gate's mark --------------------------------------------------------------------
def mark_gated(store, article_id: str, gated: bool) -> None:
    """Record whether the gate kept any of a stored article from the parser."""
    db = connection(store)
    if db is None:
        return
    with db:
        db.execute("UPDATE articles SET gated = ? WHERE id = ? AND gated != ?", (int(gated), article_id, int(gated)))


def gated_articles(store) -> list[str]:
    """Ids of the stored articles the gate kept from the parser in part or whole."""
    db = connection(store)
    return [] if db is None else [r[0] for r in db.execute("SELECT id FROM articles WHERE gated = 1 ORDER BY rowid")]


# ---- URLs -------------------------------------------------------------------------------
def known_url(store, url: str) -> bool:
    """Whether an article fetched from `url` (or with it as its canonical address) is stored."""
    db = connection(store)
    if db is None:
        return False
    return db.execute("SELECT 1 FROM articles WHERE source = ? OR url = ? LIMIT 1", (url, url)).fetchone() is not None


# ---- claims done ------------------------------------------------------------------------
def article_ids(db) -> list[str]:
    """Every stored article's id, in the order they were stored."""
    return [r[0] for r in db.execute("SELECT id FROM articles ORDER BY rowid")]


def mark_claims_done(db, article_ids: Iterable[str]) -> None:
    """The articles' claims are up to date (see the store's `claims_pending`)."""
    db.executemany("UPDATE articles SET claims_done = 1 WHERE id = ? AND claims_done = 0",
                   [(a,) for a in article_ids])


def mark_all_claims_done(db) -> None:
    """Every article's claims are up to date (a rebuild finished)."""
    db.execute("UPDATE articles SET claims_done = 1 WHERE claims_done = 0")
