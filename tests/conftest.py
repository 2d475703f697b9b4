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
def db_path(tmp_path: Path) -> str:
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
