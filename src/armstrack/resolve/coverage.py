"""How much of real text the knowledge base resolves.

Two shares, measured over parsed text:
  weapons  weapon-like noun phrases (head noun in data/patterns/coverage.yaml, or a designation
           like "Su-35") that overlap a knowledge-base weapon or category span
  actors   actor mentions (the model's GPE/NORP/ORG entities and our own actor entities) that
           carry a knowledge-base id
"""
from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..resources import load_yaml

_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,4}-?\d{1,4}[A-Z]{0,3}$")
ACTOR_LABELS = {"ACTOR", "DEMONYM", "CAPITAL", "SEAT"}
MODEL_ACTOR_LABELS = {"GPE", "NORP", "ORG"}


@dataclass
class Coverage:
    texts: int = 0
    weapon_phrases: int = 0
    weapon_resolved: int = 0
    actor_mentions: int = 0
    actor_resolved: int = 0
    unresolved_weapons: Counter = field(default_factory=Counter)
    unresolved_actors: Counter = field(default_factory=Counter)

    def to_dict(self, top: int = 25) -> dict:
        return {
            "texts": self.texts,
            "weapons": {"phrases": self.weapon_phrases, "resolved": self.weapon_resolved,
                        "share": round(self.weapon_resolved / self.weapon_phrases, 3) if self.weapon_phrases else None},
            "actors": {"mentions": self.actor_mentions, "resolved": self.actor_resolved,
                       "share": round(self.actor_resolved / self.actor_mentions, 3) if self.actor_mentions else None},
            "top_unresolved_weapons": self.unresolved_weapons.most_common(top),
            "top_unresolved_actors": self.unresolved_actors.most_common(top),
        }


def read_texts(path: Path, limit: int | None = None) -> Iterator[str]:
    """Texts from AG News CSV, RAMS/WikiEvents/GENEVA JSON Lines, or plain text files."""
    count = 0
    if path.suffix == ".csv":
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                if len(row) >= 3:
                    yield (row[1] + ". " + row[2]).replace("\\n", "\n").replace("\\", " ")
                    count += 1
                    if limit and count >= limit:
                        return
        return
    if path.suffix in (".jsonl", ".jsonlines", ".json"):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                if isinstance(record.get("text"), str):   # WikiEvents
                    text = record["text"]
                elif "sentences" in record:      # RAMS
                    text = " ".join(" ".join(s) for s in record["sentences"])
                elif "tokens" in record:        # WikiEvents / OneIE
                    text = " ".join(record["tokens"]) if isinstance(record["tokens"][0], str) else \
                        " ".join(" ".join(s) for s in record["tokens"])
                else:
                    text = record.get("text") or record.get("sentence") or ""
                yield text
                count += 1
                if limit and count >= limit:
                    return
        return
    for file in sorted(path.rglob("*.txt")) if path.is_dir() else [path]:
        yield file.read_text(encoding="utf-8")


def measure(texts: Iterable[str], nlp) -> Coverage:
    heads = set(load_yaml("patterns/coverage.yaml")["weapon_heads"])
    cov = Coverage()
    for doc in nlp.pipe(texts, batch_size=64):
        cov.texts += 1
        weapon_tokens = {i for ent in doc.ents if ent.label_ in ("WEAPON", "WEAPON_CAT")
                         for i in range(ent.start, ent.end)}
        for chunk in doc.noun_chunks:
            head = chunk.root.lemma_.lower()
            designation = any(_DESIGNATION.match(t.text) for t in chunk)
            if head not in heads and not designation:
                continue
            cov.weapon_phrases += 1
            if weapon_tokens.intersection(range(chunk.start, chunk.end)):
                cov.weapon_resolved += 1
            else:
                cov.unresolved_weapons[chunk.text.lower()] += 1
        for ent in doc.ents:
            if ent.label_ in ACTOR_LABELS or ent.label_ in MODEL_ACTOR_LABELS:
                cov.actor_mentions += 1
                if ent.kb_id_:
                    cov.actor_resolved += 1
                else:
                    cov.unresolved_actors[ent.text] += 1
    return cov
