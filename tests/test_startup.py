"""Read commands answer at once: none of them imports spaCy or the rest of the NLP stack
(issue 20). Each runs in-process (click's CliRunner) inside a fresh interpreter, which then
reports which of the heavy modules it loaded."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import EXAMPLES

# what parsing needs and a read never should: spaCy and what comes with it, the HTML
# extractor, and the optional engines' drivers (loaded only when a store or flag asks)
HEAVY = ("spacy", "thinc", "trafilatura", "lxml", "psycopg", "dask", "distributed")

RUNNER = r"""
import json, sys
from click.testing import CliRunner
from armstrack.cli import cli

HEAVY = {heavy!r}
seen = {{}}
before = set()
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(cli, args)
    now = {{m for m in HEAVY if m in sys.modules}}
    loaded, before = sorted(now - before), now  # what this command loaded
    seen[" ".join(args)] = {{"exit": result.exit_code, "loaded": loaded,
                             "out": result.output}}
print(json.dumps(seen))
"""


def run_fresh(commands: list[list[str]]) -> dict:
    out = subprocess.run([sys.executable, "-c", RUNNER.format(heavy=HEAVY), json.dumps(commands)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def ids(examples_db) -> dict:
    from armstrack import open_store
    from armstrack.claims import list_claims

    with open_store(examples_db) as store:
        claim = list_claims(store)[0]
        event = next(iter(store.events()))
    return {"claim": claim.id, "event": event.id, "article": event.article_id}


def test_the_read_commands_import_no_parser(examples_db, ids, tmp_path):
    db = str(tmp_path / "copy.db")
    shutil.copy(examples_db, db)
    claim, event, article = ids["claim"], ids["event"], ids["article"]
    reads = [
        ["--version"], ["--help"], ["claims", "--db", db], ["claims", "--db", db, "--json"],
        ["claim", claim, "--db", db], ["claim", claim, "--db", db, "--explain"],
        ["events", "--db", db], ["events", "--db", db, "--type", "TRANSFER", "--json"],
        ["show", event, "--db", db], ["articles", "--db", db], ["articles", "list", "--db", db],
        ["articles", "search", "drones", "--db", db], ["articles", "show", article, "--db", db],
        ["actor", "RUS", "--db", db], ["actors", "--db", db], ["weapons", "--db", db],
        ["alerts", "--db", db, "--since", "2020-01-01"],
        ["export", "--db", db, "--format", "csv"], ["export", "--db", db, "--format", "jsonl"],
        ["export", "--db", db, "--format", "register"], ["export", "--db", db, "--format", "graphml"],
        ["review", "list", "--db", db], ["review", "log", "--db", db],
        ["review", "accept", claim, "--db", db, "--by", "analyst", "--why", "checked"],
        ["kb", "search", "Shahed"], ["kb", "stats"], ["ingest", "--help"], ["serve", "--help"],
    ]
    seen = run_fresh(reads)
    failed = {cmd: r for cmd, r in seen.items() if r["exit"] != 0}
    assert not failed, failed
    heavy = {cmd: r["loaded"] for cmd, r in seen.items() if r["loaded"]}
    assert heavy == {}, heavy


def test_serve_starts_without_the_parser(examples_db):
    """The web app is built (every route, the store opened) with no parser loaded."""
    code = ("import sys; from armstrack.web import create_app; app = create_app(sys.argv[1]); "
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), len(app.routes))")
    out = subprocess.run([sys.executable, "-c", code, examples_db], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[0] == "[]" and int(out[-1]) > 20, out


def test_a_parsing_command_loads_the_parser_once(tmp_path):
    seen = run_fresh([["extract", str(EXAMPLES / "2025-09-30-fighter-order.txt"), "--json"]])
    [result] = seen.values()
    assert result["exit"] == 0 and "spacy" in result["loaded"]
    assert '"type": "TRANSFER"' in result["out"]
