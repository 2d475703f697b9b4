"""ingest: every reader, and every kind of bad input, with a real SQLite file behind it."""
from __future__ import annotations

import io
import json

import pytest

import armstrack
from armstrack.errors import IngestError
from armstrack.ingest import clean_text, content_id, read_sources

ARTICLE = ("date 2025-02-03 This audio is created with AI assistance\n\n"
           "Norway has delivered two NASAMS air defence systems to Ukraine, the Norwegian defence "
           "ministry said on Friday. The systems will protect the capital, officials said. "
           "Oslo did not say when a third system would follow, and it is not clear whether the "
           "parliament has approved the money for it yet.\n")

HTML = """<!DOCTYPE html><html><head><title>Poland buys tanks</title>
<meta property="og:site_name" content="Example Defence Daily">
<meta name="date" content="2025-04-09"></head><body>
<nav>Home | World | Defence</nav>
<article><h1>Poland buys tanks</h1>
<p>Poland has ordered 180 K2 tanks from South Korea in a second contract, the defence ministry in Warsaw said on Wednesday.</p>
<p>The first of the new tanks are due to arrive next year, officials said, and most will be built in Poland under licence.</p>
<p>The deal follows an earlier order for the same tanks that was signed two years ago and has now been fully delivered.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""

FRENCH = ("La France a livré des missiles à l'Ukraine la semaine dernière, selon le ministère des "
          "Armées. Les livraisons se poursuivront dans les prochains mois, a précisé le ministre, "
          "qui n'a pas donné de chiffres sur le nombre de systèmes ni sur leur coût pour l'État.")


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_plain_text_date_line_and_boilerplate(tmp_path):
    [article] = list(read_sources([_write(tmp_path, "a.txt", ARTICLE)]))
    assert str(article.published) == "2025-02-03"
    assert "AI assistance" not in article.text
    assert article.text.startswith("Norway has delivered")


def test_same_article_twice_has_one_id():
    assert content_id("A  text\n") == content_id("a text")
    assert clean_text("Listen to this article\nBody line.") == "Body line."


def test_html_page(tmp_path):
    [article] = list(read_sources([_write(tmp_path, "p.html", HTML)]))
    assert article.title == "Poland buys tanks"
    assert "180 K2 tanks" in article.text and "Home | World" not in article.text
    assert str(article.published) == "2025-04-09"


def test_jsonl_with_a_bad_line(tmp_path):
    good = {"url": "https://example.org/x", "title": "T", "published": "2025-01-02",
            "outlet": "Example Wire", "text": ARTICLE.split("\n", 2)[2]}
    path = _write(tmp_path, "feed.jsonl", json.dumps(good) + "\n{not json\n" + json.dumps({"x": 1}) + "\n")
    items = list(read_sources([path]))
    articles = [i for i in items if not isinstance(i, IngestError)]
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert len(articles) == 1 and articles[0].outlet == "Example Wire" and str(articles[0].published) == "2025-01-02"
    assert errors[0].startswith(f"{path}:2: malformed JSON")
    assert errors[1].startswith(f"{path}:3:") and "text" in errors[1]


def test_folder_recursive_skips_non_articles(tmp_path):
    _write(tmp_path, "one.txt", ARTICLE)
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "two.txt", ARTICLE.replace("two NASAMS", "three NASAMS"))
    _write(tmp_path, "README.md", "# notes")
    _write(tmp_path, "facts.json", "{}")
    items = list(read_sources([tmp_path]))
    assert len(items) == 2 and all(not isinstance(i, IngestError) for i in items)


def test_stdin():
    [article] = list(read_sources(["-"], stdin=io.BytesIO(ARTICLE.encode())))
    assert article.source == "<stdin>" and str(article.published) == "2025-02-03"


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file"),
    ("latin1.txt", ("Le ministre a déclaré " * 10).encode("latin-1"), "invalid UTF-8"),
    ("broken.html", b"<html><body><div><p>unclosed <b>tags<div></html", "no article text"),
    ("french.txt", FRENCH.encode(), "not English"),
    ("only-boilerplate.txt", b"This audio is created with AI assistance\n", "no article text"),
])
def test_bad_input_one_clear_line(tmp_path, name, data, reason):
    [error] = list(read_sources([_write(tmp_path, name, data)]))
    assert isinstance(error, IngestError)
    message = str(error)
    assert message.startswith(str(tmp_path / name) + ": ") and reason in message and "\n" not in message


def test_huge_file(tmp_path):
    path = _write(tmp_path, "huge.txt", ARTICLE * 50)
    [error] = list(read_sources([path], max_bytes=1000))
    assert "too large" in str(error) and str(path) in str(error)


def test_bad_files_do_not_stop_the_batch_or_damage_the_store(tmp_path, store):
    good = _write(tmp_path, "good.txt", ARTICLE)
    first = armstrack.ingest([good], store)
    assert first.added == 1 and first.events >= 1
    before = store.counts()
    bad = [_write(tmp_path, "empty.txt", b""), _write(tmp_path, "bin.txt", b"\x00\x01" * 100),
           _write(tmp_path, "fr.txt", FRENCH)]
    other = _write(tmp_path, "other.txt", ARTICLE.replace("Norway", "Denmark").replace("Oslo", "Copenhagen"))
    report = armstrack.ingest(bad + [other], store)
    assert report.added == 1 and len(report.errors) == 3
    after = store.counts()
    assert after["articles"] == before["articles"] + 1
    assert after.get("TRANSFER", 0) >= before.get("TRANSFER", 0)


def test_ingest_is_idempotent(tmp_path, store):
    path = _write(tmp_path, "a.txt", ARTICLE)
    first = armstrack.ingest([path], store)
    again = armstrack.ingest([path, path], store)
    assert first.added == 1 and again.added == 0 and again.duplicates == 2
    assert store.counts()["articles"] == 1
    events = list(store.events(type="TRANSFER"))
    assert len(events) == first.by_type["TRANSFER"]
    norway = [e.data for e in events if e.data["supplier"]["id"] == "NOR"]
    assert norway and norway[0]["recipient"]["id"] == "UKR" and norway[0]["item"]["id"] == "nasams"


def test_ingest_rolls_back_a_failed_write(tmp_path, store, monkeypatch):
    """A crash while writing events leaves neither the article nor half its events behind, and
    is one error line naming the file."""
    path = _write(tmp_path, "a.txt", ARTICLE)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_write_events", boom)
    report = armstrack.ingest([path], store)
    assert report.added == 0 and report.errors == [f"{path}: cannot store (RuntimeError: disk full)"]
    assert store.counts()["articles"] == 0
    monkeypatch.undo()
    assert armstrack.ingest([path], store).added == 1
