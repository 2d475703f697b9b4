"""Incremental claims merge: time to add one article to a store of 1k, 10k and 100k reports.

    python bench/claims_merge.py [--sizes 1000 10000 100000] [--adds 9] [--seed 7]

For each size it writes synthetic articles with one TRANSFER event each straight into a fresh
SQLite store (event rows, no NLP), plus some MEETING and ATTACK events, builds the claims once
(`claims.rebuild`, timed too), then adds one more article at a time and times
`store.add_article` + `claims.update_for_article`, the path `armstrack.ingest` takes. Pair
popularity is skewed (Zipf-like), as in real news: a few pairs (IRN->RUS) get most reports, so
it also times adds to the most reported pair (the worst case: a pair is planned whole).
Prints a table and writes bench/results/claims_merge.json.
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from armstrack import claims, open_store  # noqa: E402
from armstrack.ingest import content_id  # noqa: E402
from armstrack.records import (Article, Certainty, CertaintyLevel, Event, EventType,  # noqa: E402
                               Evidence, Filler, Status)
from armstrack.store.sqlite import event_id  # noqa: E402

KINDS = [("one-way attack drone", "aircraft"), ("fighter aircraft", "aircraft"),
         ("main battle tank", "armoured vehicles"), ("short-range ballistic missile", "missiles"),
         ("anti-ship missile", "missiles"), ("surface-to-air missile system", "air defence systems"),
         ("self-propelled howitzer", "artillery"), ("multiple rocket launcher", "artillery"),
         ("attack helicopter", "aircraft"), ("frigate", "ships"), ("artillery shell", "other")]
CATEGORY_WORDS = ["drone", "missile", "ballistic missile", "tank", "artillery shell", "helicopter"]
OUTLETS = [f"Outlet {i}" for i in range(60)]
AGENCIES = ["Reuters", "AFP", "Associated Press", "TASS", "Xinhua"]
START = date(2015, 1, 1)


class World:
    """A synthetic world: actors, weapons, skewed pair popularity."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.suppliers = [f"S{i:02d}" for i in range(25)]
        self.recipients = [f"R{i:02d}" for i in range(80)]
        self.weapons = [(f"w-{i:03d}", *KINDS[i % len(KINDS)]) for i in range(300)]
        # each supplier sells a portfolio of 12 systems
        self.portfolio = {s: rng.sample(self.weapons, 12) for s in self.suppliers}
        self.s_weights = [1 / (i + 1) for i in range(len(self.suppliers))]
        self.r_weights = [1 / (i + 1) ** 0.8 for i in range(len(self.recipients))]

    def pair(self) -> tuple[str, str]:
        return (self.rng.choices(self.suppliers, self.s_weights)[0],
                self.rng.choices(self.recipients, self.r_weights)[0])

    def transfer(self, supplier: str, recipient: str, published: date) -> Event:
        rng = self.rng
        if rng.random() < 0.8:
            wid, kind, broad = rng.choice(self.portfolio[supplier])
            item = Filler("item", wid, 40, 48, id=wid, name=wid.upper(), category=kind, broad=broad)
        else:
            word = rng.choice(CATEGORY_WORDS)
            item = Filler("item", word + "s", 40, 48, category=word, broad="missiles")
        roll = rng.random()
        if roll < 0.1:
            cert = Certainty(CertaintyLevel.CONFIRMED, confirmed_by=(rng.choice(["USA", "GBR", supplier]),),
                             confirmed_on=published.isoformat())
        elif roll < 0.2:
            cert = Certainty(CertaintyLevel.DENIED, denied_by=(supplier,))
        elif roll < 0.45:
            cert = Certainty(CertaintyLevel.ATTRIBUTED, sources=(rng.choice(AGENCIES), "two unnamed sources"))
        elif roll < 0.6:
            cert = Certainty(CertaintyLevel.HEDGED, hedges=("reportedly",))
        else:
            cert = Certainty()
        sentence = f"{supplier} supplied {item.text} to {recipient}."
        return Event(EventType.TRANSFER,
                     {"supplier": (Filler("actor", supplier, 0, 3, id=supplier, name=supplier),),
                      "recipient": (Filler("actor", recipient, 20, 23, id=recipient, name=recipient),),
                      "item": (item,)},
                     (Evidence(sentence, 0, len(sentence)),), status=rng.choice(list(Status)), certainty=cert)

    def extra(self, supplier: str, recipient: str) -> Event | None:
        """Now and then a meeting of the pair or an attack by the recipient."""
        roll = self.rng.random()
        sentence = "Context."
        if roll < 0.08:
            return Event(EventType.MEETING, {"participants": (
                Filler("actor", supplier, 0, 3, id=supplier), Filler("actor", recipient, 4, 7, id=recipient))},
                (Evidence(sentence, 100, 108),))
        if roll < 0.14:
            wid, kind, broad = self.rng.choice(self.weapons)
            return Event(EventType.ATTACK, {"attacker": (Filler("actor", recipient, 0, 3, id=recipient),),
                                            "weapon": (Filler("item", wid, 10, 14, id=wid, category=kind, broad=broad),)},
                         (Evidence(sentence, 100, 108),))
        return None

    def article(self, number: int, pair: tuple[str, str] | None = None) -> tuple[Article, list[Event]]:
        supplier, recipient = pair or self.pair()
        published = START + timedelta(days=self.rng.randrange(3650))
        events = [self.transfer(supplier, recipient, published)]
        extra = self.extra(supplier, recipient)
        if extra:
            events.append(extra)
        text = f"Synthetic article {number}. " + " ".join(e.evidence[0].sentence for e in events)
        article = Article(id=content_id(text), text=text, outlet=self.rng.choice(OUTLETS),
                          published=published, source=f"bench:{number}")
        return article, events


def fill(store, world: World, count: int) -> None:
    """Write `count` synthetic articles and their events in one transaction (no NLP)."""
    db = store.db
    with db:
        for number in range(count):
            article, events = world.article(number)
            db.execute("INSERT INTO articles (id, url, outlet, title, published, language, source, text,"
                       " ingested_at, extractor) VALUES (?,?,?,?,?,?,?,?,?,?)",
                       (article.id, None, article.outlet, None, article.published.isoformat(), "en",
                        article.source, article.text, "2025-01-01T00:00:00+00:00", "bench"))
            for seq, event in enumerate(events):
                data = event.to_dict()
                data["article"] = article.ref()
                data["id"] = eid = event_id(article.id, seq, event)
                db.execute("INSERT INTO events (id, article_id, seq, type, status, certainty, data)"
                           " VALUES (?,?,?,?,?,?,?)",
                           (eid, article.id, seq, str(event.type), str(event.status) if event.status else None,
                            str(event.certainty.level), json.dumps(data)))


def run_size(size: int, adds: int, seed: int, tmp: Path) -> dict:
    rng = random.Random(seed)
    world = World(rng)
    store = open_store(str(tmp / f"bench-{size}.db"))
    fill(store, world, size)
    started = time.perf_counter()
    built = claims.rebuild(store)
    rebuild_s = time.perf_counter() - started
    times, touched, reports_in_pair = [], [], []
    for number in range(adds):
        article, events = world.article(size + number)
        started = time.perf_counter()
        store.add_article(article, events)
        report = claims.update_for_article(store, article.id)
        times.append(time.perf_counter() - started)
        touched.append(len(report.claims) + len(report.relinked))
        pair = report.pairs[0] if report.pairs else None
        reports_in_pair.append(store.db.execute(
            "SELECT COUNT(*) FROM claim_index WHERE rel = 'transfer' AND supplier = ? AND recipient = ?",
            pair).fetchone()[0] if pair else 0)
    # the worst case: articles about the most reported pair, which is planned whole
    hot, hot_reports = store.db.execute(
        "SELECT supplier || '|' || recipient, COUNT(*) AS n FROM claim_index WHERE rel = 'transfer'"
        " GROUP BY supplier, recipient ORDER BY n DESC LIMIT 1").fetchone()
    hot_times = []
    for number in range(adds):
        article, events = world.article(2 * size + number, pair=tuple(hot.split("|")))
        started = time.perf_counter()
        store.add_article(article, events)
        claims.update_for_article(store, article.id)
        hot_times.append(time.perf_counter() - started)
    total_claims = store.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    store.close()
    return {"reports": size, "claims": total_claims, "rebuild_s": round(rebuild_s, 2),
            "add_median_ms": round(statistics.median(times) * 1000, 1),
            "add_max_ms": round(max(times) * 1000, 1), "adds": adds,
            "claims_touched_median": statistics.median(touched),
            "reports_in_pair_median": statistics.median(reports_in_pair),
            "hot_pair_reports": hot_reports,
            "hot_add_median_ms": round(statistics.median(hot_times) * 1000, 1),
            "initial_claims": len(built.claims)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--adds", type=int, default=9, help="articles added one at a time per size")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "claims_merge.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = [run_size(size, args.adds, args.seed, Path(tmp)) for size in args.sizes]
    header = ("reports", "claims", "rebuild s", "add median ms", "add max ms", "claims touched",
              "reports in pair", "hot pair reports", "hot add median ms")
    keys = ("reports", "claims", "rebuild_s", "add_median_ms", "add_max_ms", "claims_touched_median",
            "reports_in_pair_median", "hot_pair_reports", "hot_add_median_ms")
    print("  ".join(header))
    for r in results:
        print("  ".join(str(r[k]).rjust(len(h)) for h, k in zip(header, keys)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                                    "results": results}, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
