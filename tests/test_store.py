"""store: migrations, queries, stable ids, a newer schema refused."""
from __future__ import annotations

import sqlite3

import pytest

import armstrack
from armstrack.errors import SchemaTooNew, StoreError
from armstrack.ingest import make_article
from armstrack.store import open_store

TEXT = ("Turkey sold 20 Bayraktar TB2 drones to Poland last year, officials in Ankara said on "
        "Monday. Poland also bought Javelin missiles from the United States.")


def _article():
    return make_article(TEXT, source="t", published="2025-05-05", check_language=False)


def test_migrations_are_recorded_and_rerun_safely(db_path):
    open_store(db_path).close()
    store = open_store(db_path)
    names = [r[0] for r in store.db.execute("SELECT name FROM migrations")]
    assert names[0] == "m001_articles_events"
    store.close()


def test_newer_schema_is_refused(db_path):
    open_store(db_path).close()
    db = sqlite3.connect(db_path)
    db.execute("INSERT INTO migrations VALUES ('m999_future', datetime('now'))")
    db.commit()
    db.close()
    with pytest.raises(SchemaTooNew):
        open_store(db_path)


def test_not_a_database(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        open_store(str(path))


def test_query_by_type_and_actor_and_stable_ids(store):
    article = _article()
    events = armstrack.extract_article(article)
    assert store.add_article(article, events)
    transfers = list(store.events(type="TRANSFER"))
    pairs = {(e.data["supplier"]["id"], e.data["recipient"]["id"]) for e in transfers}
    assert pairs == {("TUR", "POL"), ("USA", "POL")}
    assert {e.data["supplier"]["id"] for e in store.events(type="TRANSFER", actor="TUR")} == {"TUR"}
    ids = [e.id for e in transfers]
    store.replace_events(article.id, armstrack.extract_article(article))
    assert [e.id for e in store.events(type="TRANSFER")] == ids
    assert store.event(ids[0]).data["id"] == ids[0]
    assert store.search("Bayraktar") == [article.id]
