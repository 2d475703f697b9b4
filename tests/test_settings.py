"""One Settings object (issue 22): the CLI builds it from its options and their environment
variables, it pickles for worker processes and Dask, and the library gives the same results
whether it is handed a Settings or the keywords it took before."""
from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

import armstrack
from armstrack.cli import cli
from armstrack.settings import Settings

# a weapon only an extra knowledge base knows: its id in the events shows the folder was read
TEXT = "Norway delivered four Testrocket-9 launchers to Ukraine in March 2025, the ministry said.\n"


@pytest.fixture
def extra_kb(tmp_path) -> Path:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "weapons:\n  - id: test-rocket-9\n    name: Testrocket-9\n    kind: guided rocket\n    origin: NOR\n")
    return folder


@pytest.fixture
def seen(monkeypatch) -> list[Settings]:
    """The Settings each command hands the library, which is not run."""
    import armstrack.pipeline
    import armstrack.pipeline.watch

    got: list[Settings] = []

    def ingest(paths, store, *, settings, **_):
        got.append(settings)
        return armstrack.pipeline.IngestReport()

    def reprocess(store, *, settings, **_):
        got.append(settings)
        return 0

    class Watcher:
        def __init__(self, store, feeds, *, settings, **_):
            got.append(settings)

        def poll(self, force=False):
            return armstrack.pipeline.watch.PollReport()

    monkeypatch.setattr(armstrack.pipeline, "ingest", ingest)
    monkeypatch.setattr(armstrack.pipeline, "reprocess", reprocess)
    monkeypatch.setattr(armstrack.pipeline.watch, "Watcher", Watcher)
    return got


def test_ingest_options_make_the_settings(seen, extra_kb, tmp_path):
    db = str(tmp_path / "a.db")
    result = CliRunner().invoke(cli, ["ingest", "--db", db, "--kb", str(extra_kb), "--scope", "all",
                                      "--workers", "3", "--encoding", "latin-1", "--max-bytes", "1000",
                                      "--allow-private", "--quiet", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    assert seen == [Settings(kb_dirs=(str(extra_kb),), scope="all", workers=3, store_url=db, encoding="latin-1",
                             max_bytes=1000, allow_private=True)]


def test_environment_variables_make_the_settings(seen, extra_kb, tmp_path):
    db, other = str(tmp_path / "env.db"), tmp_path / "kb2"
    other.mkdir()
    env = {"ARMSTRACK_DB": db, "ARMSTRACK_KB_DIRS": os.pathsep.join([str(extra_kb), str(other)])}
    assert CliRunner().invoke(cli, ["ingest", "--quiet", str(EXAMPLES)], env=env).exit_code == 0
    assert CliRunner().invoke(cli, ["reprocess", "--quiet"], env=env).exit_code == 0
    ingest, reprocess = seen
    assert ingest == reprocess == Settings(kb_dirs=(str(extra_kb), str(other)), store_url=db)
    assert (ingest.scope, ingest.workers, ingest.dask, ingest.allow_private) == ("transfers", 1, None, False)


def test_watch_options_make_the_settings(seen, tmp_path):
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(cli, ["watch", "--db", db, "--once", "--workers", "2", "--scope", "all",
                                      "https://example.org/feed.xml"])
    assert result.exit_code == 0, result.output
    assert seen == [Settings(store_url=db, scope="all", workers=2, max_bytes=5_000_000)]


def test_settings_pickle_and_send_workers_only_what_they_load(extra_kb):
    settings = Settings(kb_dirs=[extra_kb], scope="all", workers=4, dask="local:2",
                        store_url="postgresql://user:secret@host/db", max_bytes=10, allow_private=True)
    again = pickle.loads(pickle.dumps(settings))
    assert again == settings and hash(again) == hash(settings)
    assert settings.kb_dirs == (str(extra_kb),)  # a Path given, a str kept: equal settings compare equal
    sent = settings.for_workers()
    assert sent == pickle.loads(pickle.dumps(sent)) == Settings(kb_dirs=(str(extra_kb),), scope="all")
    assert "secret" not in repr(sent)


def _events(store) -> list[str]:
    return sorted(json.dumps([e.id, e.article_id, e.data], sort_keys=True, default=str) for e in store.events())


def test_ingest_with_settings_stores_what_the_keywords_store(extra_kb, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "rocket.txt").write_text(TEXT, encoding="utf-8")
    sources = [str(tmp_path / "in"), *sorted(str(p) for p in EXAMPLES.glob("*.txt"))[:3]]
    with armstrack.open_store(str(tmp_path / "old.db")) as old, armstrack.open_store(str(tmp_path / "new.db")) as new:
        by_keywords = armstrack.ingest(sources, old, kb_dirs=[str(extra_kb)], scope="all")
        by_settings = armstrack.ingest(sources, new, settings=armstrack.Settings(kb_dirs=(str(extra_kb),), scope="all"))
        assert by_settings.summary() == by_keywords.summary()
        assert _events(new) == _events(old) != []
        assert "test-rocket-9" in str(_events(new))  # the extra knowledge base was read


def test_a_library_call_takes_settings_or_keywords_not_both():
    with pytest.raises(TypeError, match="settings= and kb_dirs="):
        armstrack.extract_text(TEXT, settings=Settings(), kb_dirs=())


def test_extract_text_with_settings_is_extract_text_with_keywords(extra_kb):
    by_keywords = armstrack.extract_text(TEXT, kb_dirs=[extra_kb])
    assert [e.to_dict() for e in armstrack.extract_text(TEXT, settings=Settings(kb_dirs=(extra_kb,)))] == \
        [e.to_dict() for e in by_keywords]
    assert "test-rocket-9" in str([e.to_dict() for e in by_keywords])
