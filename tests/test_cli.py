"""The CLI: thin wrappers, exact facts from real files and a real database file."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from armstrack.cli import cli
from conftest import EXAMPLES, ROOT


def run(*args, input=None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result


def test_ingest_events_show(db_path):
    result = run("ingest", "--db", db_path, "--quiet", str(EXAMPLES))
    assert result.exit_code == 0
    assert re.search(r"6 article\(s\) added, 0 already stored, 0 failed", result.output)
    again = run("ingest", "--db", db_path, "--quiet", str(EXAMPLES))
    assert "0 article(s) added, 6 already stored" in again.output
    lines = run("events", "--db", db_path, "--type", "TRANSFER", "--json").output.splitlines()
    transfers = [json.loads(line) for line in lines]
    assert transfers and all(t["type"] == "TRANSFER" for t in transfers)
    kor = next(t for t in transfers if t["supplier"]["id"] == "KOR")
    assert kor["article"]["published"] == "2025-03-04"
    shown = run("show", kor["id"], "--db", db_path).output
    assert "[South Korea]{supplier}" in shown and "[Philippines]{recipient}" in shown
    table = run("events", "--db", db_path, "--actor", "EGY").output
    assert "CHN -> EGY" in table and "KOR" not in table


def test_show_unknown_event_is_one_line(db_path):
    run("ingest", "--db", db_path, "--quiet", str(EXAMPLES / "2025-08-15-red-sea-attack.txt"))
    result = CliRunner().invoke(cli, ["show", "ev-nope", "--db", db_path])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "no event" in result.output


def test_extract_json_from_stdin():
    text = "date 2025-01-15\n\nIndia delivered BrahMos missiles to the Philippines on Jan. 10."
    result = run("extract", "-", "--json", input=text)
    [event] = [json.loads(line) for line in result.output.splitlines()]
    assert (event["supplier"]["id"], event["recipient"]["id"]) == ("IND", "PHL")
    assert event["when"] == "2025-01-10"
    assert set(event) >= {"type", "supplier", "recipient", "item", "quantity", "status",
                          "certainty", "when", "evidence", "article"}


def test_bad_file_in_batch(db_path, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["ingest", "--db", db_path, "--quiet", str(tmp_path / "empty.txt"),
                                      str(EXAMPLES / "2025-09-30-fighter-order.txt")])
    # the good article is stored, the bad one named, and the exit status says something failed
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'empty.txt'}: empty file" in result.output
    assert "1 article(s) added" in result.output and "1 input(s) failed" in result.output


def test_every_command_has_help_and_is_documented():
    readme = (ROOT / "README.md").read_text()
    commands = [("ingest",), ("extract",), ("events",), ("show",), ("reprocess",), ("kb", "search"),
                ("kb", "check"), ("kb", "stats")]
    for command in commands:
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Example:" in result.output, command
        assert "armstrack " + " ".join(command) in readme, command


def test_events_filter_by_realis_and_focus(db_path, tmp_path):
    article = tmp_path / "border.txt"
    article.write_text("date 2025-05-02\n\nChad threatened to bomb rebel camps in Sudan. "
                       "Sudanese jets bombed Chadian villages near the border on Friday. "
                       "Chad complained to the United Nations over the raids.\n", encoding="utf-8")
    # no arms in it: the default gate (--scope transfers) would store it unparsed
    assert run("ingest", "--db", db_path, "--quiet", "--scope", "all", str(article)).exit_code == 0

    def attacks(*flags):
        lines = run("events", "--db", db_path, "--type", "ATTACK", "--json", *flags).output.splitlines()
        return [json.loads(line) for line in lines]

    everything = attacks()
    happened = attacks("--realis", "actual")
    threatened = attacks("--realis", "possible")
    assert len(everything) == len(happened) + len(threatened) + len(attacks("--realis", "planned"))
    assert [a["attacker"]["id"] for a in threatened] == ["TCD"]
    assert all(a["realis"] == "actual" for a in happened) and happened
    assert all(a["focus"] == "main" for a in attacks("--focus", "main"))


def test_runs_as_a_module():
    import subprocess
    import sys

    for module in ("armstrack", "armstrack.cli"):
        done = subprocess.run([sys.executable, "-m", module, "kb", "stats", "--json"],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["states"] > 200


def test_the_events_table_says_what_did_not_happen_and_what_is_background():
    text = ("Chad threatened to bomb rebel camps in Sudan. "
            "Refugees fleeing the war in Sudan reached Chad on Monday.\n")
    attacks = [line for line in run("extract", "-", input=text).output.splitlines()
               if line.startswith("ATTACK")]
    assert any("possible" in line for line in attacks)
    assert any("background" in line for line in attacks)
