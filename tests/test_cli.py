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
    readme = (ROOT / "docs" / "cli.md").read_text()  # the CLI reference (tests/test_docs.py checks it whole)
    commands = [("ingest",), ("extract",), ("events",), ("show",), ("reprocess",), ("kb", "search"),
                ("kb", "check"), ("kb", "stats"), ("articles",), ("articles", "search"), ("articles", "show"),
                ("actor",), ("actors",), ("weapons",)]
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


# ---- issue 11: the defects a new user met, each checked on real files -------------------
import datetime as _dt  # noqa: E402

import pytest  # noqa: E402

from conftest import FIXTURES, copy_store, fresh_url, ingested  # noqa: E402

ONIKS, FATH, KN23, SHELLS, SU35 = ("cl-9f3774ccf87d", "cl-27f77e6b185f", "cl-dab20c69e868",
                                   "cl-e5330820b41c", "cl-68486a060c17")


@pytest.fixture(scope="module")
def corpus(backend, _pg_url, tmp_path_factory) -> str:
    return ingested(FIXTURES / "claims", fresh_url(backend, tmp_path_factory.mktemp("cli"), "corpus.db"), 36)


@pytest.fixture
def db_path(db_url):
    """Every test here that takes `db_path` runs on SQLite and on PostgreSQL."""
    return db_url


@pytest.fixture
def work(corpus, backend, tmp_path) -> str:
    return copy_store(corpus, backend, tmp_path)


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line_error(result) -> str:
    assert result.exit_code != 0 and "Traceback" not in result.output, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def claim_ids(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


@pytest.mark.parametrize("value", ["15/01/2025", "Jan 2025", "2025-13-01"])
def test_a_date_it_cannot_read_is_an_error_not_everything(corpus, value):
    line = one_line_error(invoke("claims", "--db", corpus, "--since", value))
    assert value in line and "2024-09-25" in line and "7d" in line


def test_relative_dates_work(tmp_path):
    today = _dt.date.today().isoformat()
    article = tmp_path / "today.txt"
    article.write_text(f"date: {today}\n\nIndia delivered BrahMos missiles to the Philippines, the "
                       "Philippine navy said.\n", encoding="utf-8")
    db = tmp_path / "today.db"
    assert invoke("ingest", "--db", db, "--quiet", article).exit_code == 0
    # `--since yesterday` listed nothing (issue 11)
    [found] = [json.loads(line) for line in invoke("claims", "--db", db, "--since", "yesterday", "--json").stdout.splitlines()]
    assert (found["supplier"], found["recipient"], found["last_reported"]) == ("IND", "PHL", today)
    assert claim_ids(invoke("claims", "--db", db, "--since", "7d", "--json")) == [found["id"]]
    assert claim_ids(invoke("claims", "--db", db, "--until", "1y", "--json")) == [found["id"]]
    assert invoke("events", "--db", db, "--since", "today", "--json").stdout.count("\n") >= 1


def test_actors_and_weapons_by_id_in_any_case_or_by_name(corpus):
    russia = claim_ids(invoke("claims", "--db", corpus, "--supplier", "RUS", "--json"))
    assert sorted(russia) == sorted([ONIKS, SU35])
    for spelling in ("rus", "Russia"):  # both said "(no claims)" (issue 11)
        assert claim_ids(invoke("claims", "--db", corpus, "--supplier", spelling, "--json")) == russia
    assert claim_ids(invoke("claims", "--db", corpus, "--weapon", "Su-35", "--json")) == [SU35]
    line = one_line_error(invoke("claims", "--db", corpus, "--supplier", "Rusia"))
    assert "nearest: RUS (Russia)" in line


def test_claims_are_paged(corpus):
    result = invoke("claims", "--db", corpus, "--per-page", "4", "--page", "2", "--json")
    assert len(claim_ids(result)) == 4 and "page 2 of 3 (10 claims); next: --page 3" in result.stderr
    assert "per_page 0" in one_line_error(invoke("claims", "--db", corpus, "--per-page", "0"))


@pytest.mark.parametrize("command", [
    ("claims",), ("claim", "cl-000000000000"), ("events",), ("show", "ev-0"), ("articles",),
    ("articles", "search", "drones"), ("actor", "RUS"), ("alerts", "--since", "2024"),
    ("review", "log"), ("review", "undo", "--by", "ana"), ("export", "--format", "csv"), ("reprocess",),
], ids=" ".join)
def test_a_mistyped_db_is_refused_and_creates_nothing(tmp_path, command):
    missing = tmp_path / "armstrak.db"
    line = one_line_error(invoke(*command, "--db", missing))
    assert "no store" in line and str(missing) in line and "does not exist" in line
    assert list(tmp_path.iterdir()) == []


def test_ingest_exits_non_zero_when_every_input_failed(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(b"")
    result = invoke("ingest", "--db", tmp_path / "s.db", "--quiet", tmp_path / "a.txt", tmp_path / "b.txt")
    assert result.exit_code == 1 and "2 input(s) failed" in result.stderr


def test_articles_list_search_and_show_with_provenance(corpus):
    listing = invoke("articles", "--db", corpus, "--since", "2024-09-11", "--until", "2024-09-11")
    assert listing.exit_code == 0 and "2024-09-11" in listing.stdout and "tests/fixtures/claims/" in listing.stdout
    found = [json.loads(line) for line in invoke("articles", "search", "Yakhont", "--db", corpus, "--json").stdout.splitlines()]
    assert found and all("yakhont" in a["snippet"].casefold() for a in found)
    assert all(a["source"] and a["ingested"] and a["published"] for a in found)
    shown = invoke("articles", "show", found[0]["id"][:10], "--db", corpus)
    assert shown.exit_code == 0 and found[0]["source"] in shown.stdout and "{supplier}" in shown.stdout
    event = json.loads(invoke("events", "--db", corpus, "--article", found[0]["id"], "--json").stdout.splitlines()[0])
    assert event["provenance"]["source"] == found[0]["source"]
    assert found[0]["source"] in invoke("show", event["id"], "--db", corpus).stdout


def test_claim_shows_sources_marked_evidence_and_reviews(corpus):
    out = invoke("claim", FATH, "--db", corpus).stdout
    assert "source: " in out and "tests/fixtures/claims/2024-09-11" in out
    assert "{supplier}" in out and "{recipient}" in out
    assert "(outlet unknown)" in out and "origin article " not in out
    assert "reviews: none" in out


def test_review_status_stance_undo_and_the_log(work):
    report = json.loads(invoke("claim", SU35, "--db", work, "--json").stdout)["reports"][0]["event_id"]
    # `review correct` took supplier, recipient or item but not status; no way to mark a denial
    out = invoke("review", "status", SU35, "delivered", "--db", work, "--by", "ana", "--why", "seen in Egypt")
    assert out.exit_code == 0 and f"now in claim {SU35} (delivered" in out.stdout
    out = invoke("review", "stance", report, "deny", "--db", work, "--by", "ana", "--why", "a denial")
    assert out.exit_code == 0
    assert json.loads(invoke("claim", SU35, "--db", work, "--json").stdout)["contradicted"] is True
    out = invoke("review", "correct", report, "quantity", "two dozen", "--db", work, "--by", "ana", "--why", "text")
    assert out.exit_code == 0
    # there was no undo
    assert invoke("review", "undo", "--db", work, "--by", "ben").exit_code == 0
    assert invoke("review", "undo", "2", "--db", work, "--by", "ben", "--why", "misread").exit_code == 0
    claim = json.loads(invoke("claim", SU35, "--db", work, "--json").stdout)
    assert (claim["status"], claim["contradicted"]) == ("delivered", False)
    log = invoke("review", "log", SU35, "--db", work, "--json").stdout.splitlines()
    assert [(r["id"], r["action"], r["by"], bool(r["undone_at"])) for r in map(json.loads, log)] == [
        (1, "correct", "ana", False), (2, "correct", "ana", True), (3, "correct", "ana", True),
        (4, "undo", "ben", False), (5, "undo", "ben", False)]
    assert "undone by ben" in invoke("claim", SU35, "--db", work).stdout


def test_merge_across_parties_needs_force_and_the_merged_id_answers(work):
    # `review merge` joined PAK->BGD JF-17 with ITA->BGD Eurofighter without a word
    line = one_line_error(invoke("review", "merge", SU35, ONIKS, "--db", work, "--by", "ana", "--why", "x"))
    assert "different parties" in line and "--force" in line
    assert invoke("review", "merge", KN23, SHELLS, "--db", work, "--by", "ana", "--why", "same").exit_code == 0
    # ... and the merged-away id then answered "no claim"
    out = invoke("claim", SHELLS, "--db", work)
    assert out.exit_code == 0 and out.stdout.startswith(f"{SHELLS} was merged into {KN23}")
    forced = invoke("review", "merge", SU35, ONIKS, "--db", work, "--by", "ana", "--why", "x", "--force")
    assert forced.exit_code == 0 and f"now in claim {SU35}" in forced.stdout


def test_alerts_by_news_date_each_change_once(work):
    # everything was ingested today; by news date nothing happened after May 2025
    assert invoke("alerts", "--db", work, "--since", "2025-05-01").stdout == "(no changes since 2025-05-01)\n"
    everything = invoke("alerts", "--db", work, "--ingested-since", "today", "--json").stdout.splitlines()
    alerts = [json.loads(line) for line in everything]
    news = [json.loads(line) for line in invoke("alerts", "--db", work, "--since", "2024-09-12", "--json").stdout.splitlines()]
    assert news and len(news) < len(alerts) and all(a["report_date"] >= "2024-09-12" for a in news)
    created = [a["claim_id"] for a in alerts if a["kind"] in ("new_claim", "new_pair")]
    assert len(created) == len(set(created))  # each new claim listed once, not twice
    assert {"confidence_change", "new_origin"} <= {a["kind"] for a in alerts}
    invoke("review", "reject", ONIKS, "--db", work, "--by", "ana", "--why", "satire")
    after = invoke("alerts", "--db", work, "--ingested-since", "today", "--json").stdout
    assert ONIKS in "".join(everything) and ONIKS not in after  # rejected claims left out
    assert "give one of --since" in invoke("alerts", "--db", work).output


def test_progress_bar_only_on_a_terminal(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    article = EXAMPLES / "2025-09-30-fighter-order.txt"
    piped = subprocess.run([sys.executable, "-m", "armstrack", "ingest", "--db", str(tmp_path / "p.db"), str(article)],
                           capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0 and "ingesting" not in piped.stderr and "\r" not in piped.stderr
    leader, follower = pty.openpty()
    import fcntl
    import struct
    import termios

    # a terminal 100 columns wide (a new pty has none, and the bar would be cut to nothing)
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    done = subprocess.run([sys.executable, "-m", "armstrack", "reprocess", "--db", str(tmp_path / "p.db")],
                          stdout=subprocess.PIPE, stderr=follower, text=True, timeout=300)
    os.close(follower)
    bar = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        bar += chunk
    os.close(leader)
    assert done.returncode == 0 and done.stdout == "re-extracted 1 article(s)\n"
    assert b"re-extracting" in bar and b"1/1" in bar


def test_a_claim_only_denied_shows_no_status(db_path, tmp_path):
    article = tmp_path / "denial.txt"
    article.write_text("Russia denies sending Yakhont missiles to Houthis\n\nMOSCOW, April 2, 2025 - The Kremlin "
                       "on Wednesday denied reports that it had supplied anti-ship missiles to the Houthis.\n")
    assert run("ingest", "--db", db_path, "--quiet", str(article)).exit_code == 0
    claim = json.loads(run("claims", "--db", db_path, "--json").output.splitlines()[0])
    assert (claim["supplier"], claim["recipient"], claim["status"], claim["denials"]) == ("RUS", "HOUTHIS", None, 1)
    shown = run("claim", claim["id"], "--db", db_path).output.splitlines()
    assert shown[1].split()[:2] == ["status", "-"] and "1 denial(s)" in shown[1]


def test_show_says_when_a_side_or_the_item_is_inferred(db_path, tmp_path):
    """A seller taken from the system's maker, a weapon the sentence leaves unnamed: `show`
    says so beside the filler, so the analyst can tell it from what the article states."""
    article = tmp_path / "zambia.txt"
    article.write_text("Zambia buys transports\n\nLUSAKA, 4 June 2020 - Zambia ordered two C-27J Spartan "
                       "transport aircraft, the air force said. Damen handed over the ship to the Nigerian "
                       "Navy on Friday.\n", encoding="utf-8")
    assert run("ingest", "--db", db_path, "--quiet", str(article)).exit_code == 0
    transfers = [json.loads(line) for line in run("events", "--db", db_path, "--json").output.splitlines()]
    ordered = next(t for t in transfers if t["recipient"]["id"] == "ZMB")
    assert ordered["supplier"]["id"] == "ITA"
    shown = run("show", ordered["id"], "--db", db_path).output
    assert "Italy [ITA] (the system's maker; the article names no seller)" in shown
    handed = next(t for t in transfers if t["recipient"]["id"] == "NGA")
    shown = run("show", handed["id"], "--db", db_path).output
    assert "DAMEN" in shown and "(taken up from a weapon named earlier)" in shown
