"""Web latency on a store of 100,000 claims: the claims table with its facets, a claim page,
their API twins, the trend chart and the map.

    python bench/web.py [--claims 100000] [--requests 50] [--db PATH | --db postgresql://...]

Writes synthetic articles with one TRANSFER event each through the store (`add_article`, no
NLP; states and weapon systems of the knowledge base in distinct supplier-recipient-weapon
keys, so each report starts a claim, and one article in ten repeats an earlier key as a second
report), builds the claims (`claims.rebuild`), then
serves the store with `armstrack serve` in its own process on a free loopback port and times
`--requests` GETs of each URL over real HTTP, one at a time. Prints a table of medians and 95th
percentiles and writes bench/results/web.json. `--db PATH` keeps the generated store there and
reuses it on the next run; a PostgreSQL URL builds (or reuses) the store in that database.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import httpx  # noqa: E402

from armstrack import claims, open_store  # noqa: E402
from armstrack.store import is_postgres  # noqa: E402
from armstrack.ingest import content_id  # noqa: E402
from armstrack.records import (Article, Certainty, CertaintyLevel, Event, EventType,  # noqa: E402
                               Evidence, Filler, Status)

START = date(2015, 1, 1)


def world():
    """Real ids from the knowledge base (the web filters check them): 60 supplier states, 200
    recipient states, 40 weapon systems."""
    from armstrack.resolve.kb import load_kb

    entities = sorted(load_kb().entities.values(), key=lambda e: e.id)
    states = [e.id for e in entities if e.kind == "state"]
    weapons = [e for e in entities if e.kind == "weapon" and e.category][::25][:40]
    suppliers = sorted(set(states[::4][:54]) | {"RUS", "USA", "FRA", "CHN", "DEU", "IRN"})
    return suppliers, states[:200], weapons


def keys(count: int, rng: random.Random, states: tuple[list[str], list[str]], weapons: list):
    """`count` distinct (supplier, recipient, weapon) keys."""
    suppliers, recipients = states
    seen = set()
    while len(seen) < count:
        key = (rng.choice(suppliers), rng.choice(recipients), rng.randrange(len(weapons)))
        if key[0] != key[1] and key not in seen:
            seen.add(key)
            yield key


def article(number: int, key: tuple[str, str, int], rng: random.Random, weapons: list) -> tuple[Article, list[Event]]:
    supplier, recipient, weapon = key
    system = weapons[weapon]
    published = START + timedelta(days=rng.randrange(3650))
    sentence = f"{supplier} has delivered {system.name} systems to {recipient}, officials said."
    start = len(supplier) + 15
    item = Filler("item", f"{system.name} systems", start, start + len(system.name) + 8, id=system.id,
                  name=system.name, category=system.category, broad=system.broad)
    cert = (Certainty(CertaintyLevel.ATTRIBUTED, sources=("Reuters",)) if number % 3 else Certainty())
    event = Event(EventType.TRANSFER,
                  {"supplier": (Filler("actor", supplier, 0, len(supplier), id=supplier, name=supplier),),
                   "recipient": (Filler("actor", recipient, sentence.index(" to ") + 4,
                                        sentence.index(" to ") + 4 + len(recipient), id=recipient, name=recipient),),
                   "item": (item,)},
                  (Evidence(sentence, 0, len(sentence)),), status=rng.choice(list(Status)), certainty=cert)
    text = sentence + f" Synthetic article {number}."
    return Article(id=content_id(text), text=text, title=f"Article {number}", outlet=f"Outlet {number % 50}",
                   published=published, source=f"bench:{number}"), [event]


def build(path: str, count: int, seed: int) -> float:
    """Fill a new store with `count` claims; returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    store = open_store(path)
    if not is_postgres(path):
        store.db.execute("PRAGMA synchronous = OFF")   # a throwaway store: no fsync per article
    suppliers, recipients, weapons = world()
    unique = list(keys(count, rng, (suppliers, recipients), weapons))
    for number, key in enumerate(unique):
        store.add_article(*article(number, key, rng, weapons))
    for number in range(count // 10):            # second reports of earlier keys
        store.add_article(*article(count + number, unique[number * 7 % count], rng, weapons))
    claims.rebuild(store)
    total = store.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    store.close()
    print(f"built {total:,} claims in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return time.perf_counter() - started


def built(path: str) -> bool:
    """A store from an earlier run is there (a file, or a PostgreSQL database with articles)."""
    if not is_postgres(path):
        return os.path.exists(path)
    with open_store(path) as store:
        return store.counts()["articles"] > 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(path: str, port: int) -> subprocess.Popen:
    code = "from armstrack.cli.web import serve; serve()"
    server = subprocess.Popen([sys.executable, "-c", code, "--db", path, "--port", str(port)],
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                              stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/claims?per_page=1", timeout=2)
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def timed(client: httpx.Client, url: str, requests: int) -> dict:
    client.get(url).raise_for_status()    # warm: first-request costs are not what a user waits for
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    times.sort()
    return {"url": url, "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 1), "bytes": len(response.content)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="keep the generated store here (reused when it exists)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "web.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or os.path.join(tmp, "web-bench.db")
        build_s = None if built(path) else build(path, args.claims, args.seed)
        port = free_port()
        server = serve(path, port)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                some = client.get("/api/claims", params={"sort": "confidence", "per_page": 1}).json()
                total, claim = some["total"], some["items"][0]["id"]
                urls = ["/claims", "/claims?supplier=RUS&sort=confidence", "/claims?page=500",
                        f"/claims/{claim}", "/api/claims", "/api/claims?recipient=Iran&status=delivered",
                        f"/api/claims/{claim}",
                        # facets, trends and the map (issue 24): aggregate SQL over every matching claim
                        "/claims?recipient=Middle+East&status=delivered", "/claims?category=missiles",
                        "/claims?since=2020", "/api/claims?facets=none",
                        "/trends", "/trends?supplier=RUS&category=missiles", "/api/trends?recipient=Europe",
                        "/map", "/map?side=received&recipient=Middle+East", "/api/map?status=delivered",
                        # the timeline, in event-date order from its index
                        "/timeline", "/timeline?type=TRANSFER&page=50"]
                rows = [timed(client, url, args.requests) for url in urls]
        finally:
            server.terminate()
            server.wait(10)
    print(f"{total:,} claims, {args.requests} requests per URL, one at a time")
    print(f"{'URL':48} {'median ms':>10} {'p95 ms':>8} {'bytes':>8}")
    for row in rows:
        print(f"{row['url']:48} {row['median_ms']:>10} {row['p95_ms']:>8} {row['bytes']:>8}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                                    "cpus": os.cpu_count(), "claims": total, "build_s": build_s and round(build_s, 1),
                                    "requests": args.requests, "results": rows}, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
