"""Shared by the web tests: a store of the examples plus the web fixtures, and an in-process client."""
from __future__ import annotations

import shutil
import sqlite3
import warnings
from pathlib import Path

WEB_FIXTURES = Path(__file__).parent / "fixtures" / "web"
# what must never reach a page unescaped: a tag, or a quote closing an attribute before a tag
HOSTILE = ("<script>alert(", "<img src=x", '"><img', "'><img")


def in_process(app, **kwargs):
    """Starlette's TestClient (its import warns that it wants httpx2, which is not in the lock)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(app, **kwargs)


def copy_store(source: str, target: Path) -> str:
    """A private copy of a store for a test that writes (the WAL folded in by SQLite's backup)."""
    with sqlite3.connect(source) as src, sqlite3.connect(str(target)) as dst:
        src.backup(dst)
    return str(target)


def copy_folder(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
