from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__import__("os").environ.get("ARMSTRACK_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared (the corpora and the example article) "
                    "is not beside this checkout")
    return path


@pytest.fixture
def db_path(tmp_path: Path, request) -> str:
    """A new store location: an SQLite file, or with ARMSTRACK_TEST_BACKEND=postgresql a new
    PostgreSQL schema (to run any test module on PostgreSQL by hand)."""
    import os

    if os.environ.get("ARMSTRACK_TEST_BACKEND") == "postgresql":
        server = request.getfixturevalue("pg_server")
        if server is None:
            pytest.skip("PostgreSQL is not installed here")
        return new_schema(server)
    return str(tmp_path / "test.db")


@pytest.fixture
def store(db_path):
    from armstrack.store import open_store

    s = open_store(db_path)
    yield s
    s.close()


def ingested(folder: Path, path: Path, articles: int) -> str:
    """`folder` ingested into a new store at `path` (the tests only read it, or copy it first)."""
    import armstrack

    with armstrack.open_store(str(path)) as store:
        report = armstrack.ingest([folder], store)
    assert (report.added, report.errors) == (articles, [])
    return str(path)


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory) -> str:
    """The bundled examples ingested once per run; tests that write copy it first."""
    return ingested(EXAMPLES, tmp_path_factory.mktemp("examples") / "examples.db", 6)


# ---- both backends ---------------------------------------------------------------------
# The store, claims, review, query and CLI modules run every test on SQLite and on PostgreSQL:
# they override `db_path` with `db_url`, whose module-scoped `backend` groups each module's
# tests by engine. PostgreSQL is the server ARMSTRACK_TEST_PG names (CI starts one), or else a
# throwaway one this run starts from the installed binaries; each test gets its own schema.
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server():
    import os

    import pgserver

    url = os.environ.get("ARMSTRACK_TEST_PG")
    if url:
        yield url
        return
    if pgserver.bindir() is None:
        yield None
        return
    server = pgserver.start()
    yield server["url"]
    pgserver.stop(server)


def new_schema(server: str) -> str:
    """A URL whose connections work in a new, empty schema of the test server."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    return f"{server}?options=-csearch_path%3D{name}"


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    if request.param == "postgresql" and request.getfixturevalue("pg_server") is None:
        pytest.skip("PostgreSQL is not installed here (apt-get install postgresql; CI installs it)")
    return request.param


def fresh_url(backend: str, folder: Path, name: str = "test.db") -> str:
    """A new, empty store location on `backend`."""
    if backend == "sqlite":
        return str(folder / name)
    return new_schema(_PG["url"])


_PG: dict = {}


@pytest.fixture(scope="module", autouse=False)
def _pg_url(backend, pg_server):
    _PG["url"] = pg_server
    return pg_server


@pytest.fixture
def db_url(backend, _pg_url, tmp_path) -> str:
    return fresh_url(backend, tmp_path)


def copy_store(source: str, backend: str, folder: Path, name: str = "work.db") -> str:
    """A copy of the store at `source` on `backend` (SQLite's backup API between files; else
    armstrack's own store copy, `armstrack migrate`)."""
    import sqlite3

    from armstrack.store import is_postgres, open_store
    from armstrack.store.copy import copy_store as copy

    target = fresh_url(backend, folder, name)
    if backend == "sqlite" and not is_postgres(source):
        src, dst = sqlite3.connect(source), sqlite3.connect(target)
        src.backup(dst)
        src.close()
        dst.close()
        return target
    with open_store(source) as src, open_store(target) as dst:
        copy(src, dst)
    return target
