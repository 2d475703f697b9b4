"""An event type is one package (issue 22): a type added in a package outside the project is
extracted, stored, listed by the CLI and the API, exported and served, with no file of the
project touched. Also the registry's own rules: open names, reading order, one-line errors."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from armstrack import eventtypes
from armstrack.records import EventType

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent / "armstrack"

# A toy type, PATROL: who patrols where. Its package is written to a temporary folder and
# named by ARMSTRACK_EVENT_TYPES; it uses only what a type's package may use (the registry, the
# argument layer, the merge helpers).
TOY_INIT = '''
"""PATROL: a force patrolling a place (a toy type, for the registry's test)."""
from armstrack.eventtypes import TypeSpec, id_of, name_of, register


def summary(e):
    return f"{name_of(e.get('patroller')) or '?'} patrols", f"in {name_of(e.get('place'))}" if e.get("place") else ""


def index(data, base):
    if id_of(data.get("patroller")):
        yield {**base, "rel": "patroller", "actor": id_of(data["patroller"])}


SPEC = register(TypeSpec("PATROL", roles=("patroller", "place"), extraction="toy_patrols.reader",
                         summary=summary, index=index, gate_words=("patrol",), label="patrols"))
'''
TOY_READER = '''
from armstrack.extract.arguments import Arguments, children, pobjs
from armstrack.extract.merge import group_by_parties
from armstrack.extract.mention import Mention
from armstrack.extract.registry import EventModule, register_type
from armstrack.records import EventType, Filler

PATROL = EventType("PATROL")


class PatrolReader(Arguments):
    def read(self, token, sent):
        if token.pos_ != "VERB" or token.lemma_.lower() != "patrol":
            return None
        m = Mention(PATROL, token, sent)
        for subj in children(token, "nsubj"):
            m.add("patroller", self.f.actors(subj))
        for where in list(children(token, "dobj")) + pobjs(token, "in", "near", "off"):
            # the place as written: its whole noun phrase ("the Strait of Malacca")
            phrase = sent.doc[where.left_edge.i:where.right_edge.i + 1]
            text = phrase.text.strip()
            m.add("place", [Filler("place", text, phrase.start_char, phrase.start_char + len(text))])
        return m if m.roles.get("patroller") else None


def group(mentions):
    return group_by_parties(mentions, PATROL, ("patroller",), join_empty=False)


MODULE = register_type(EventModule(PATROL, roles=("patroller", "place"), reader=PatrolReader, group=group))
'''
ARTICLE = """Indian warships patrol the Strait of Malacca

By Staff Writer

March 4, 2025

The Indian Navy patrolled the Strait of Malacca on Monday, a navy spokesman said.

The patrol came a week after Japan patrolled the East China Sea with two destroyers.
"""


@pytest.fixture
def toy(tmp_path):
    package = tmp_path / "plugins" / "toy_patrols"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(TOY_INIT))
    (package / "reader.py").write_text(textwrap.dedent(TOY_READER))
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "plugins"), "ARMSTRACK_EVENT_TYPES": "toy_patrols"}
    article = tmp_path / "patrol.txt"
    article.write_text(ARTICLE)
    return env, article, tmp_path


def cli(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True, timeout=300)


def serve(env, db):
    """`armstrack serve` on a free loopback port, yielding its base URL."""
    proc = subprocess.Popen([str(BIN), "serve", "--db", db, "--port", "0"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line, deadline = "", time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            return proc, f"http://127.0.0.1:{found[1]}"
        if not line and proc.poll() is not None:
            break
    proc.kill()
    proc.wait(timeout=30)
    proc.stdout.close()
    raise AssertionError(f"serve did not start: {line}")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_a_type_added_as_a_package_is_extracted_stored_listed_exported_and_served(toy):
    env, article, tmp = toy
    db = str(tmp / "store.db")

    # extracted: the JSON contract and the table, from the type's own reader and summary
    out = cli(env, "extract", "--json", str(article))
    assert out.returncode == 0, out.stderr
    patrols = [e for e in map(json.loads, out.stdout.splitlines()) if e["type"] == "PATROL"]
    assert [(e["patroller"]["id"], e["place"]["text"]) for e in patrols] == [
        ("IND", "the Strait of Malacca"), ("JPN", "the East China Sea")]
    table = cli(env, "extract", str(article)).stdout
    assert "IND patrols" in table and "in the Strait of Malacca" in table

    # stored, behind the default relevance gate (the type's gate words keep its sentences)
    out = cli(env, "ingest", "--db", db, str(article))
    assert out.returncode == 0, out.stderr
    listed = cli(env, "events", "--db", db, "--type", "patrol", "--json")
    assert listed.returncode == 0, listed.stderr
    stored = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {e["patroller"]["id"] for e in stored} == {"IND", "JPN"}
    assert all(e["type"] == "PATROL" and e["id"].startswith("ev-") for e in stored)
    assert "IND patrols" in cli(env, "events", "--db", db, "--type", "PATROL").stdout
    # an actor filter finds it by its role like any other event's
    by_actor = cli(env, "events", "--db", db, "--actor", "Japan", "--json").stdout
    assert [json.loads(line)["type"] for line in by_actor.splitlines()] == ["PATROL"]

    # exported: each record in the JSON contract, its evidence and the spans of its roles
    for e in stored:
        sentence = e["evidence"]["sentence"]
        spans = {span["role"]: sentence[span["start"] - e["evidence"]["start"]:span["end"] - e["evidence"]["start"]]
                 for span in e["spans"]}
        assert spans["patroller"] == e["patroller"]["text"] and spans["place"] == e["place"]["text"]
        assert e["place"]["text"] in ("the Strait of Malacca", "the East China Sea")

    # served: the API lists it by type, the timeline page offers and shows it
    proc, base = serve(env, db)
    try:
        status, body = get(f"{base}/api/events?type=PATROL")
        assert status == 200, body
        items = json.loads(body)["items"]
        assert {e["patroller"]["id"] for e in items} == {"IND", "JPN"}
        status, body = get(f"{base}/timeline?type=PATROL")
        assert status == 200 and "<option selected>PATROL</option>" in body and "Strait of Malacca" in body
        status, body = get(f"{base}/api/events?type=PATROLS")
        assert status in (400, 422) and "PATROL" in body
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stdout.close()

    # and without the package the project knows no such type: nothing of it lives in the project
    plain = {k: v for k, v in env.items() if k != "ARMSTRACK_EVENT_TYPES"}
    out = cli(plain, "events", "--db", db, "--type", "PATROL")
    assert out.returncode != 0 and "PATROL" in out.stderr
    assert not [p for p in (ROOT / "src").rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".html")
                and "PATROL" in p.read_text(errors="ignore")]


def test_a_package_that_cannot_be_imported_is_one_line_naming_it(tmp_path):
    env = {**os.environ, "ARMSTRACK_EVENT_TYPES": "no_such_types_package"}
    text = tmp_path / "a.txt"
    text.write_text("Russia delivered two S-400 batteries to India in 2021.\n")
    out = cli(env, "extract", str(text))
    assert out.returncode != 0
    assert "no_such_types_package" in out.stderr and "Traceback" not in out.stderr


def test_the_built_in_types_in_reading_order_with_their_declarations():
    assert eventtypes.names() == ["TRANSFER", "MEETING", "SANCTION", "ATTACK", "STATEMENT"]
    transfer = eventtypes.spec("transfer")
    assert transfer.package == "armstrack.extract.types.transfer"
    assert transfer.payload == ("quantity", "status") and transfer.direction == ("supplier", "recipient")
    assert eventtypes.spec("SANCTION").role_lists == (("target", "targets"),)
    assert eventtypes.spec("NOPE") is None


def test_an_event_type_is_any_registered_name_and_nothing_else():
    assert EventType("ATTACK") is EventType.ATTACK or EventType("ATTACK") == EventType.ATTACK
    assert str(EventType.TRANSFER) == "TRANSFER" and json.dumps(EventType.MEETING) == '"MEETING"'
    with pytest.raises(ValueError, match="PATROL"):
        EventType("PATROL")


def test_two_packages_may_not_declare_one_type():
    with pytest.raises(ValueError, match="TRANSFER"):
        eventtypes.register(eventtypes.TypeSpec("TRANSFER", roles=("a",), extraction="x", package="elsewhere"))


def test_a_type_that_declares_no_summary_is_shown_by_its_roles():
    spec = eventtypes.TypeSpec("TOY", roles=("a", "b", "c"), extraction="x")
    assert spec.summarise({"a": {"id": "IND"}, "c": {"text": "the strait"}}) == ("IND -> ?", "c the strait")
