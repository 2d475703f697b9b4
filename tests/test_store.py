"""store: migrations, queries, stable ids, a newer schema refused."""
from __future__ import annotations

import sqlite3

import pytest

import armstrack
from armstrack.errors import SchemaTooNew, StoreError
from armstrack.ingest import make_article
from armstrack.store import open_store
from armstrack.store.migrations import MIGRATIONS

TEXT = ("Turkey sold 20 Bayraktar TB2 drones to Poland last year, officials in Ankara said on "
        "Monday. Poland also bought Javelin missiles from the United States.")


@pytest.fixture
def db_path(db_url):
    """Every test here that takes `db_path` runs on SQLite and on PostgreSQL."""
    return db_url


def _article():
    return make_article(TEXT, source="t", published="2025-05-05", check_language=False)


def test_migrations_are_recorded_and_rerun_safely(db_path):
    open_store(db_path).close()
    store = open_store(db_path)
    names = [r[0] for r in store.db.execute("SELECT name FROM migrations")]
    assert names[0] == "m001_articles_events"
    store.close()


def test_newer_schema_is_refused(db_path):
    with open_store(db_path) as store, store.db:
        store.db.execute("INSERT INTO migrations VALUES ('m999_future', '2030-01-01 00:00:00')")
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


# ---- atomic, concurrent, clear -------------------------------------------------------------
_OPEN = ("import sys, time; from armstrack.store import open_store\n"
         "start = float(sys.argv[2])\n"
         "while time.time() < start: pass\n"
         "open_store(sys.argv[1]).close()\n")


def _python(*args, env=None, timeout=120):
    import os
    import subprocess
    import sys

    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def _spawn(code: str, *args):
    import subprocess
    import sys

    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _complete(path) -> None:
    """The store opens with every migration recorded once, the search triggers in place."""
    store = open_store(str(path))
    names = [r[0] for r in store.db.execute("SELECT name FROM migrations")]
    assert len(names) == len(set(names)) and names[-1] == MIGRATIONS[-1][0]
    triggers = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"articles_ai", "articles_ad", "articles_au"} <= triggers
    store.add_article(_article(), [])
    assert store.search("Bayraktar") == [_article().id]
    store.close()


def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path):
    import time

    for round_ in range(5):
        path = tmp_path / f"new{round_}.db"
        start = time.time() + 0.5
        procs = [_spawn(_OPEN, str(path), str(start)) for _ in range(3)]
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
        _complete(path)


def test_a_kill_inside_a_migration_leaves_a_store_that_opens(tmp_path):
    path = tmp_path / "killed.db"
    code = "import sys; from armstrack.store import open_store; open_store(sys.argv[1])"
    result = _python("-c", code, str(path), env={"ARMSTRACK_CRASH_AT": "in-migration"})
    assert result.returncode == -9  # killed at the marked point, mid-transaction
    db = sqlite3.connect(path)
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'articles'").fetchone() is None
    db.close()
    _complete(path)


def test_a_store_busy_past_the_timeout_is_an_error_line_and_the_batch_goes_on(tmp_path):
    from armstrack.store.sqlite import SQLiteStore

    path = str(tmp_path / "busy.db")
    store = SQLiteStore(path, timeout=0.2)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # another process mid-write
    (tmp_path / "a.txt").write_text(TEXT + " " + TEXT.replace("Poland", "Romania"))
    report = armstrack.ingest([tmp_path / "a.txt"], store)
    holder.rollback()
    holder.close()
    [line] = report.errors
    assert line.startswith(f"{tmp_path / 'a.txt'}: the store {path} is busy") and report.added == 0
    assert armstrack.ingest([tmp_path / "a.txt"], store).added == 1  # and a re-run stores it
    store.close()


def test_store_errors_on_the_command_line_are_one_line(tmp_path):
    from click.testing import CliRunner

    from armstrack.cli import cli

    path = tmp_path / "junk.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    result = CliRunner().invoke(cli, ["events", "--db", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "is damaged or not an armstrack database" in result.output
    missing = tmp_path / "no" / "such" / "folder.db"
    result = CliRunner().invoke(cli, ["events", "--db", str(missing)])
    assert result.exit_code == 1 and "no store" in result.output and "does not exist" in result.output
    source = tmp_path / "a.txt"
    source.write_text("Russia delivered Su-35 jets to Iran.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--db", str(missing), "--quiet", str(source)])
    assert result.exit_code == 1 and "does its folder exist" in result.output


def test_stores_from_before_folded_ids_still_find_their_articles(tmp_path):
    """An article stored under the old id (an unfolded hash) is found by its content key."""
    path = str(tmp_path / "old.db")
    store = open_store(path)
    article = _article()
    store.add_article(article, [])
    store.db.execute("UPDATE articles SET id = 'old-style-id', content_key = NULL")
    store.db.commit()
    store.close()
    db = sqlite3.connect(path)
    db.execute("DELETE FROM migrations WHERE name = 'm004_content_key_claims_done'")
    db.execute("DROP INDEX articles_content_key")
    db.execute("DROP INDEX articles_claims_pending")
    db.execute("DROP TRIGGER articles_au")
    db.execute("ALTER TABLE articles DROP COLUMN content_key")
    db.execute("ALTER TABLE articles DROP COLUMN claims_done")
    db.commit()
    db.close()
    store = open_store(path)  # m004 runs again and computes the key
    assert store.stored_id(article.id) == "old-style-id"
    assert store.add_article(article, []) is False
    store.close()


def _holdings(url: str) -> dict:
    """Every table a copy must carry, as sets of rows (engine-specific columns left out)."""
    from armstrack.store.copy import ENGINE_ONLY, TABLES, columns

    out = {}
    with open_store(url) as store:
        for table in TABLES:
            names = [c for c in columns(store.db, table) or () if c not in ENGINE_ONLY and c != "rowid"]
            out[table] = sorted(tuple(r) for r in store.db.execute(
                f"SELECT {', '.join(chr(34) + c + chr(34) for c in names)} FROM {table}"))
    return out


def test_migrate_copies_a_store_with_its_reviews_and_refuses_a_full_target(examples_db, db_url, tmp_path):
    from click.testing import CliRunner

    from armstrack import claims
    from armstrack.cli import cli
    from conftest import copy_store

    source = copy_store(examples_db, "sqlite", tmp_path, "source.db")
    with open_store(source) as store:
        claim, other = claims.list_claims(store)[:2]
        claims.set_status(store, claim.id, "delivered", by="ana", why="seen on satellite images")
        claims.reject(store, other.reports[0].event_id, by="ben", why="a reprint")
        claim = claims.list_claims(store)[0]
    result = CliRunner().invoke(cli, ["migrate", "--from", source, "--to", db_url])
    assert result.exit_code == 0, result.output
    assert "6 articles" in result.output and "2 claim_reviews" in result.output
    assert _holdings(db_url) == _holdings(source)
    with open_store(db_url) as copy:
        assert [c.id for c in claims.list_claims(copy)] == [c.id for c in claims.list_claims(open_store(source))]
        assert copy.search("drones") and sorted(copy.search("drones")) == sorted(open_store(source).search("drones"))
        # the copy goes on where the source stopped: a new review takes the next id
        later = claims.accept(copy, claim.id, by="cy", why="checked")
        assert later.id == 3
        [log] = [c for c in claims.review_log(copy) if c.by == "ana"]
        assert log.why == "seen on satellite images"
    before = _holdings(db_url)
    again = CliRunner().invoke(cli, ["migrate", "--from", source, "--to", db_url])
    assert again.exit_code == 1 and "is not empty" in again.output and len(again.output.strip().splitlines()) == 1
    assert _holdings(db_url) == before  # nothing written


def test_an_unreachable_or_malformed_postgresql_store_is_one_line(tmp_path):
    from click.testing import CliRunner

    from armstrack.cli import cli

    for url, words in (("postgresql://armstrack@127.0.0.1:1/nowhere", "cannot reach the PostgreSQL store"),
                       ("postgresql://ana:secret@127.0.0.1:1/x", "ana:***@"),
                       ("postgresql://armstrack@127.0.0.1:1/x?nonsense=1", "cannot open the store")):
        result = CliRunner().invoke(cli, ["claims", "--db", url])
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert words in result.output and len(result.output.strip().splitlines()) == 1, result.output
        assert "secret" not in result.output
    (tmp_path / "a.txt").write_text(TEXT)
    result = CliRunner().invoke(cli, ["ingest", "--quiet", "--db", "postgresql://armstrack@127.0.0.1:1/x",
                                      str(tmp_path / "a.txt")])
    assert result.exit_code == 1 and "cannot reach" in result.output


def test_the_claims_of_an_article_past_the_30000th_fit_the_columns(db_path, tmp_path):
    """Claims order reports by article rowid x 100,000: past 21,474 articles that outgrew a
    4-byte PostgreSQL INTEGER (bench/web.py found it at 100,000 claims); SQLite's are 8 bytes."""
    from armstrack import claims

    with open_store(db_path) as store:
        if store.dialect.postgres:
            store.db.execute("SELECT setval(pg_get_serial_sequence('articles', 'rowid'), 30000)")
        else:
            with store.db:
                store.db.execute("INSERT INTO articles (rowid, id, text, ingested_at) VALUES (30000, 'x', 'x', 'now')")
        (tmp_path / "a.txt").write_text(TEXT)
        report = armstrack.ingest([tmp_path / "a.txt"], store)
        assert report.added == 1 and not report.errors, report.errors
        [claim] = [c for c in claims.list_claims(store) if c.supplier == "TUR"]
        assert claim.recipient == "POL"
        assert store.db.execute("SELECT MAX(ord) FROM claim_index").fetchone()[0] > 30000 * 100_000
