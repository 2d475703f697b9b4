"""Shared by the web tests: a store of the examples plus the web fixtures, and an in-process client."""
from __future__ import annotations

import shutil
import sqlite3
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
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


class Served:
    """An app served by uvicorn on a free loopback port, in a thread of this process: real
    sockets, real HTTP, the threadpool uvicorn and FastAPI really use."""

    def __init__(self, app):
        import socket

        import uvicorn

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = None

    def __enter__(self) -> "Served":
        import threading
        import time

        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        for _ in range(500):
            if self.server.started:
                return self
            time.sleep(0.01)
        raise RuntimeError("uvicorn did not start in 5 s")

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(30)
        self.sock.close()


@contextmanager
def served(app) -> Iterator[str]:
    """`app` in uvicorn on a free loopback port, in a thread, for the length of the block; yields
    its base URL. The browser tests' server."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    assert running.started
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(10)


def finished_job(client, job_id: str, *, seconds: float = 60) -> dict:
    """An ingest job's JSON once it has finished or failed (polled through the API)."""
    import time

    deadline = time.monotonic() + seconds
    while True:
        job = client.get(f"/api/ingest/{job_id}").json()
        if job["state"] in ("finished", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.1)
