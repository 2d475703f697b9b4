"""What the CLI says in the corners issue 24 found: a claim with no status, a port in use or
chosen by the system, Ctrl-C in an ingest, files a folder holds that are no articles, and an
address with a mistyped scheme. Each test failed before its fix."""
from __future__ import annotations

import json
import shutil
import socket

import pytest
from click.testing import CliRunner

from armstrack.cli import cli
from conftest import EXAMPLES

ONE = EXAMPLES / "2025-06-20-air-defence-package.txt"   # one claim (DEU -> UKR IRIS-T SLM), one report


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture
def denial_db(tmp_path) -> tuple[str, str]:
    """A store whose one claim has only a denial (its one report marked a denial by an analyst,
    so the test does not hang on how the extractor reads a denial): it has no status."""
    path = str(tmp_path / "denial.db")
    assert run("ingest", "--db", path, "--quiet", str(ONE)).exit_code == 0
    claim = json.loads(run("claims", "--db", path, "--json").output.splitlines()[0])
    report = claim["reports"][0]["event_id"]
    assert run("review", "stance", report, "deny", "--db", path, "--by", "ana", "--why", "a denial").exit_code == 0
    assert json.loads(run("claim", claim["id"], "--db", path, "--json").output)["status"] is None
    return path, claim["id"]


def test_explain_says_unknown_for_a_claim_without_status(denial_db):
    path, claim = denial_db
    out = run("claim", claim, "--db", path, "--explain").output
    assert "status None" not in out and "status unknown (no report asserts one):" in out


def test_a_review_reply_says_unknown_for_a_claim_without_status(denial_db):
    path, claim = denial_db
    out = run("review", "accept", claim, "--db", path, "--by", "ana", "--why", "checked").output
    assert "(None," not in out and f"now in claim {claim} (status unknown, confidence 0.05)" in out


def test_serve_on_a_port_in_use_fails_before_saying_it_serves(denial_db):
    path, _ = denial_db
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run("serve", "--db", path, "--port", str(port))
    assert result.exit_code == 1
    assert "serving" not in result.output
    assert f"port {port} on 127.0.0.1 is in use" in result.output and "--port 0" in result.output


def test_serve_on_port_0_prints_the_port_it_listens_on(denial_db, monkeypatch):
    import uvicorn

    path, _ = denial_db
    listened = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: listened.extend(sockets or []))
    result = run("serve", "--db", path, "--port", "0")
    assert result.exit_code == 0, result.output
    [sock] = listened
    port = sock.getsockname()[1]
    sock.close()
    assert port != 0 and f"at http://127.0.0.1:{port}/" in result.output and ":0/" not in result.output


def test_ctrl_c_in_an_ingest_says_what_was_stored_and_how_to_resume(tmp_path, monkeypatch):
    from armstrack.store.sqlite import SQLiteStore

    path = str(tmp_path / "stop.db")
    added = SQLiteStore.add_article
    calls = []

    def add_article(self, *args, **kwargs):
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.append(1)
        return added(self, *args, **kwargs)

    monkeypatch.setattr(SQLiteStore, "add_article", add_article)
    result = run("ingest", "--db", path, "--quiet", str(EXAMPLES))
    assert result.exit_code == 130 and "Aborted!" not in result.output
    assert "interrupted: 2 article(s) added" in result.output
    assert "run the same command again to resume" in result.output
    monkeypatch.setattr(SQLiteStore, "add_article", added)
    again = run("ingest", "--db", path, "--quiet", str(EXAMPLES))
    assert "4 article(s) added, 2 already stored" in again.output


def test_files_of_other_kinds_in_a_folder_are_counted(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(ONE, folder)
    for name in ("notes.md", "brief.pdf", "memo.docx", "other.pdf"):
        (folder / name).write_bytes(b"x")
    out = run("ingest", "--db", str(tmp_path / "f.db"), "--quiet", str(folder)).output
    assert "1 article(s) added" in out
    assert "4 file(s) of other kinds left out of folders (1 .docx, 1 .md, 2 .pdf;" in out


@pytest.mark.parametrize("address", ["htp://example.org/news/1", "https:/example.org/news/1", "ftp://example.org/a"])
def test_a_mistyped_url_is_not_read_as_a_file_path(tmp_path, address):
    result = run("ingest", "--db", str(tmp_path / "u.db"), "--quiet", address)
    assert result.exit_code == 1
    assert f"error: {address}: looks like a mistyped URL" in result.output
    assert "No such file" not in result.output
