"""pipeline: long texts, and kills at the marked points between an article and its claims."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

import armstrack
from armstrack.nlp import load_nlp
from armstrack.nlp import pipeline as nlp_pipeline

from conftest import EXAMPLES

PARAGRAPH = ("Norway has delivered two NASAMS air defence systems to Ukraine, the Norwegian defence "
             "ministry said on Friday. The systems will protect the capital, officials said.")


def test_texts_past_the_parser_limit_are_parsed_in_pieces_and_joined(monkeypatch):
    """A text longer than spaCy accepts is cut at paragraph breaks, parsed piece by piece, and
    joined into one Doc: same text, every event found, offsets into the whole."""
    filler = " ".join(["The weather in the region was mild for the time of year."] * 30)
    text = "\n\n".join([filler] * 6 + [PARAGRAPH] + [filler] * 3 + [PARAGRAPH.replace("Norway", "Denmark")])
    nlp = load_nlp()
    monkeypatch.setattr(nlp, "max_length", 5000)
    monkeypatch.setattr(nlp_pipeline, "CHUNK_CHARS", 4000)
    monkeypatch.setattr(armstrack.pipeline.extract, "CHUNK_CHARS", 4000)
    with pytest.raises(ValueError):  # spaCy's own refusal, which the pieces avoid
        nlp(text)
    pieces = nlp_pipeline.chunks(text, 4000)
    assert "".join(pieces) == text and len(pieces) > 3 and all(len(p) <= 4000 for p in pieces)
    assert nlp_pipeline.parse(nlp, text).text == text
    events = armstrack.extract_text(text)
    pairs = {(e.role("supplier").id, e.role("recipient").id) for e in events if e.type == "TRANSFER"}
    assert pairs == {("NOR", "UKR"), ("DNK", "UKR")}
    for event in events:
        ev = event.evidence[0]
        assert text[ev.start:ev.end] == ev.sentence


def _ingest(db: str, *paths, crash: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ARMSTRACK_CRASH_AT"}
    if crash:
        env["ARMSTRACK_CRASH_AT"] = crash
    return subprocess.run([sys.executable, "-m", "armstrack", "ingest", "--quiet", "--db", db, *map(str, paths)],
                          capture_output=True, text=True, env=env, timeout=300)


def _claims(db: str) -> list[tuple]:
    """Everything about the claims that does not depend on when they were computed."""
    con = sqlite3.connect(db)
    rows = []
    for cid, supplier, recipient, status, confidence, data in con.execute(
            "SELECT id, supplier, recipient, status, confidence, data FROM claims ORDER BY id"):
        reports = sorted(r["event_id"] for r in json.loads(data)["reports"])
        rows.append((cid, supplier, recipient, status, round(confidence, 6), tuple(reports)))
    links = sorted(con.execute("SELECT claim_id, event_id, rule FROM claim_links").fetchall())
    con.close()
    return [*rows, *links]


@pytest.fixture(scope="module")
def clean_claims(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("clean") / "clean.db")
    assert _ingest(db, EXAMPLES).returncode == 0
    claims = _claims(db)
    assert claims
    return claims


def test_a_kill_between_an_article_and_its_claims_is_finished_by_the_rerun(tmp_path, clean_claims):
    db = str(tmp_path / "killed.db")
    killed = _ingest(db, EXAMPLES, crash="after-article")
    assert killed.returncode == -9
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM articles WHERE claims_done = 0").fetchone()[0] == 1
    con.close()
    rerun = _ingest(db, EXAMPLES)
    assert rerun.returncode == 0, rerun.stderr
    assert "finished the claims of 1 article(s)" in rerun.stdout
    assert _claims(db) == clean_claims


def test_a_kill_inside_a_claims_rebuild_is_finished_by_the_next_update(tmp_path, clean_claims):
    db = str(tmp_path / "rebuild.db")
    assert _ingest(db, EXAMPLES).returncode == 0
    code = "import sys, armstrack; armstrack.claims.rebuild(armstrack.open_store(sys.argv[1]), batch=1)"
    env = {**os.environ, "ARMSTRACK_CRASH_AT": "in-rebuild"}
    killed = subprocess.run([sys.executable, "-c", code, db], env=env, capture_output=True, timeout=120)
    assert killed.returncode == -9
    store = armstrack.open_store(db)
    assert armstrack.claims.list_claims(store) is not None  # reading is fine mid-rebuild
    armstrack.claims.update_for_article(store, next(store.articles()).id)  # sees needs_rebuild
    store.close()
    assert _claims(db) == clean_claims


def test_extract_text_reads_a_wire_story_as_ingest_does():
    """The library's extract_text dates and sources a pasted wire story from its header lines
    and dateline, as `armstrack ingest` and `extract FILE` do (they disagreed on wire stories)."""
    from armstrack.pipeline import extract_text

    body = "South Korea will deliver 18 K9 howitzers to Egypt under a deal, officials said."
    [wire] = [e for e in extract_text("SEOUL, Feb. 24, 2023 (Yonhap) -- " + body) if e.type == "TRANSFER"]
    assert wire.to_dict()["article"]["published"] == "2023-02-24"
    assert wire.to_dict()["article"]["outlet"] == "Yonhap"
    [headed] = [e for e in extract_text("outlet: Korea Herald\ndate: 2023-02-25\n\n" + body) if e.type == "TRANSFER"]
    assert (headed.to_dict()["article"]["outlet"], headed.to_dict()["article"]["published"]) == ("Korea Herald", "2023-02-25")
