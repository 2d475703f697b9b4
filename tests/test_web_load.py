"""The web app under concurrent clients, over real HTTP: uvicorn on a free loopback port, threads
of httpx clients, on SQLite and on PostgreSQL (issue 21).

Readers page through /api/claims while writers post reviews; no request may get a 5xx or lose
its connection, every page must say what the store holds, and every review the server
acknowledged (2xx) must be in the store afterwards.
"""
from __future__ import annotations

import threading
from collections import Counter

import httpx
import pytest

import armstrack
from armstrack.web import create_app
from conftest import copy_store
from webutil import Served

READERS, READS = 16, 25          # the probe: 400 GETs, 16 at a time
WRITERS, WRITES = 4, 8


@pytest.fixture
def store_url(examples_db, backend, _pg_url, tmp_path) -> str:
    return copy_store(examples_db, backend, tmp_path)


class Tally:
    """What the clients saw, counted under a lock (client threads add to it at once)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.failures: list[str] = []
        self.acknowledged: list[tuple[int, str]] = []

    def saw(self, method: str, url: str, response: httpx.Response | None, error: Exception | None = None) -> None:
        with self.lock:
            if error is not None:
                self.failures.append(f"{method} {url}: {type(error).__name__} {error}")
                return
            self.statuses[response.status_code] += 1
            if response.status_code >= 500:
                self.failures.append(f"{method} {url}: {response.status_code} {response.text[:200]}")


def run_clients(base: str, claim_ids: list[str], total: int, tally: Tally) -> None:
    start = threading.Barrier(READERS + WRITERS)

    def reader(n: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as client:
            start.wait()
            for i in range(READS):
                params = {"per_page": 5, "page": 1 + (n + i) % 2}
                try:
                    response = client.get("/api/claims", params=params)
                except httpx.HTTPError as exc:
                    tally.saw("GET", "/api/claims", None, exc)
                    continue
                tally.saw("GET", "/api/claims", response)
                if response.status_code == 200 and response.json()["total"] != total:
                    tally.saw("GET", "/api/claims", None, AssertionError(f"total {response.json()['total']}"))

    def writer(n: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as client:
            start.wait()
            for i in range(WRITES):
                why = f"load test writer {n} review {i}"
                body = {"action": "accept", "target": claim_ids[(n + i) % len(claim_ids)], "by": f"w{n}", "why": why}
                try:
                    response = client.post("/api/review", json=body)
                except httpx.HTTPError as exc:
                    tally.saw("POST", "/api/review", None, exc)
                    continue
                tally.saw("POST", "/api/review", response)
                if 200 <= response.status_code < 300:
                    with tally.lock:
                        tally.acknowledged.append((response.json()["review"]["id"], why))

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    threads += [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)


def test_concurrent_readers_and_writers_get_no_5xx_and_lose_no_acknowledged_review(store_url, backend):
    with Served(create_app(store_url)) as server:
        listed = httpx.get(server.url + "/api/claims", params={"per_page": 500}).json()
        claim_ids, total = [c["id"] for c in listed["items"]], listed["total"]
        tally = Tally()
        run_clients(server.url, claim_ids, total, tally)
    with armstrack.open_store(store_url) as store:
        stored = {(c.id, c.why) for c in armstrack.query.review_log(store)}
    assert tally.failures == [], f"{len(tally.failures)} failures on {backend}, first: {tally.failures[:3]}"
    assert tally.statuses == Counter({200: READERS * READS + WRITERS * WRITES})
    assert len(tally.acknowledged) == WRITERS * WRITES
    assert set(tally.acknowledged) <= stored, f"lost: {sorted(set(tally.acknowledged) - stored)[:5]}"


def test_a_lock_timeout_is_named_as_one_not_as_an_unreachable_server(backend, _pg_url, tmp_path):
    """A PostgreSQL lock wait past lock_timeout is "busy" (try again), not "cannot reach the
    PostgreSQL store ... is the server running?", and does not stop a batch as fatal."""
    if backend != "postgresql":
        pytest.skip("SQLite's busy timeout has its own message (store/sqlite.py)")
    import psycopg

    from armstrack.store.errors import FATAL, error_kind, explain
    from armstrack.store.postgres import PostgresStore
    from conftest import fresh_url

    url = fresh_url(backend, tmp_path)
    holder = PostgresStore(url)
    waiter = PostgresStore(url, timeout=0.3)
    try:
        with holder.db:
            holder.db.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE")
            with pytest.raises(psycopg.Error) as caught:
                waiter.db.execute("SELECT COUNT(*) FROM articles")
    finally:
        holder.close()
        waiter.close()
    message = explain(caught.value, url)
    assert error_kind(caught.value) == "busy" and error_kind(caught.value) not in FATAL
    assert "lock_timeout" in message and "busy" in message and "reach" not in message
