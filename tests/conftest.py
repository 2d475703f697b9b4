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
