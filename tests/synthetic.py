"""Synthetic claims for the facet, trend and map tests: TRANSFER events stored as bench/web.py
stores them (no NLP), spread over years, statuses, states and systems of the knowledge base, so
the counts have something to count. Deterministic for a seed."""
from __future__ import annotations

import random
from datetime import date, timedelta

from armstrack.records import (Article, Certainty, CertaintyLevel, Event, EventType, Evidence, Filler,
                               Status)
from armstrack.text import content_id

SUPPLIERS = ("RUS", "USA", "FRA", "CHN", "DEU", "TUR", "ISR", "KOR")
RECIPIENTS = ("IND", "EGY", "SAU", "UKR", "IRN", "QAT", "POL", "BRA", "NGA", "IDN", "ARE", "VNM")
STATUSES = (Status.AGREED, Status.DELIVERED, Status.DELIVERED, Status.NEGOTIATING, Status.DELIVERING, Status.USED)


def _systems(count: int = 12):
    from armstrack.resolve.kb import load_kb

    weapons = sorted((e for e in load_kb().entities.values() if e.kind == "weapon" and e.category),
                     key=lambda e: e.id)
    return weapons[::max(1, len(weapons) // count)][:count]


def add_synthetic_claims(store, count: int = 300, *, seed: int = 24, first_year: int = 2014,
                         years: int = 11) -> int:
    """Store `count` articles of one distinct TRANSFER each (so `count` claims) and build the
    claims; returns how many were added."""
    from armstrack import claims

    rng = random.Random(seed)
    systems = _systems()
    keys: set[tuple[str, str, int]] = set()
    while len(keys) < count:
        keys.add((rng.choice(SUPPLIERS), rng.choice(RECIPIENTS), rng.randrange(len(systems))))
    for number, (supplier, recipient, index) in enumerate(sorted(keys)):
        system = systems[index]
        published = date(first_year, 1, 1) + timedelta(days=rng.randrange(365 * years))
        sentence = f"{supplier} has delivered {system.name} systems to {recipient}, officials said."
        start = len(supplier) + 15
        to = sentence.index(" to ") + 4
        item = Filler("item", f"{system.name} systems", start, start + len(system.name) + 8, id=system.id,
                      name=system.name, category=system.category, broad=system.broad)
        event = Event(EventType.TRANSFER,
                      {"supplier": (Filler("actor", supplier, 0, len(supplier), id=supplier, name=supplier),),
                       "recipient": (Filler("actor", recipient, to, to + len(recipient), id=recipient, name=recipient),),
                       "item": (item,)},
                      (Evidence(sentence, 0, len(sentence)),), status=STATUSES[number % len(STATUSES)],
                      certainty=Certainty(CertaintyLevel.ATTRIBUTED, sources=("Reuters",)) if number % 3 else Certainty())
        text = f"{sentence} Synthetic article {number} (seed {seed})."
        store.add_article(Article(id=content_id(text), text=text, title=f"Synthetic {number}",
                                  outlet=f"Outlet {number % 7}", published=published, source=f"synthetic:{number}"),
                          [event])
    claims.rebuild(store)
    return count
