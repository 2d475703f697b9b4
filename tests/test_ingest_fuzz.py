"""Property-based runs over every reader and `extract_text`: whatever the bytes, a reader yields
Articles or IngestErrors and nothing else, and every offset indexes the text as given.

The suite runs about 2,600 generated inputs; `make fuzz` runs the same properties with
ARMSTRACK_FUZZ_EXAMPLES (default there 20,000 per property's share).
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import armstrack
from armstrack.errors import IngestError
from armstrack.ingest import clean_mapped, clean_text, content_id, read_html, read_jsonl, read_sources, read_text
from armstrack.records import Article

SCALE = float(os.environ.get("ARMSTRACK_FUZZ_SCALE", "1"))


def budget(n: int):
    return settings(max_examples=int(n * SCALE), deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# Words that reach the extractor's every stage: actors, weapons, triggers, hedges, boilerplate.
WORDS = ["Russia", "Iran", "the Houthis", "Ukraine", "Tehran", "Moscow", "the U.S.", "Rosoboronexport",
         "supplied", "sold", "delivered", "will send", "denied", "confirmed", "reportedly", "talks on",
         "the supply of", "dozens of", "Yakhont", "P-800", "Shahed-136", "drones", "missiles", "to", "from",
         "via", "met in", "sanctions on", "attacked", "said", "he", "she", "they", "its", "President",
         "Vladimir Putin", "on Sept. 24", "in 2024", ",", ".", "\n", "\n\n", '"', "\u2019", "Read more",
         "Advertisement", "\u00a0", "\r\n", "\t", "\ud800", "\u200b", "\u00ad", "caf\u00e9", "\ufeff", "$"]
prose = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=60).map(" ".join)
any_text = prose | st.text(max_size=400)
any_bytes = st.binary(max_size=600) | any_text.map(lambda t: t.encode("utf-8", "surrogatepass")) | \
    any_text.map(lambda t: t.encode("utf-16", "surrogatepass"))


def _only_articles_or_errors(items) -> None:
    for item in items:
        assert isinstance(item, (Article, IngestError)), item
        if isinstance(item, Article):
            item.text.encode("utf-8")  # storable and printable: no lone surrogate survives
            assert item.text and item.id == content_id(item.text)
        else:
            assert "\n" not in str(item)


@budget(600)
@given(any_bytes)
def test_read_text_yields_an_article_or_an_error(data):
    try:
        _only_articles_or_errors([read_text(data, "t.txt")])
    except IngestError as exc:
        assert str(exc).startswith("t.txt: ")


records = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | any_text,
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                       max_leaves=8)
record = st.fixed_dictionaries({}, optional={"text": any_text | records, "title": records, "url": records,
                                             "outlet": records, "published": records})
jsonl = st.lists(record.map(json.dumps) | st.text(max_size=50), max_size=5).map("\n".join)


@budget(500)
@given(jsonl.map(lambda t: t.encode("utf-8", "surrogatepass")) | any_bytes)
def test_read_jsonl_yields_only_articles_or_errors(data):
    _only_articles_or_errors(list(read_jsonl(data, "f.jsonl")))


html = st.lists(st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<article>", "<title>",
                                 "</title>", "<script>", "<!--", "-->", "<", ">", "&amp;", "&#0;", "<br/>"]) | prose,
                max_size=40).map("".join)


@budget(200)
@given(html.map(lambda t: t.encode("utf-8", "surrogatepass")) | any_bytes)
def test_read_html_yields_an_article_or_an_error(data):
    try:
        _only_articles_or_errors([read_html(data, "p.html")])
    except IngestError:
        pass


@budget(300)
@given(any_bytes | jsonl.map(str.encode) | html.map(lambda t: t.encode("utf-8", "surrogatepass")),
       st.sampled_from([".txt", ".html", ".jsonl", "", ".md"]), st.sampled_from([None, "utf-16", "latin-1"]))
def test_read_sources_never_raises(data, suffix, encoding):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"a{suffix}"
        path.write_bytes(data)
        _only_articles_or_errors(list(read_sources([folder, path], encoding=encoding, max_bytes=400)))


@budget(500)
@given(any_text)
def test_cleaning_maps_every_character_back(text):
    cleaned, origin = clean_mapped(text)
    assert cleaned == clean_text(text) and len(origin) == len(cleaned) + 1
    assert all(0 <= origin[i] < origin[i + 1] for i in range(len(cleaned) - 1))
    for i, ch in enumerate(cleaned):
        source = text[origin[i]]
        assert source == ch or (ch == "\n" and source == "\r") or ch in " \ufffd"


@budget(500)
@given(prose | any_text)
def test_extract_text_offsets_index_the_text_as_given(text):
    for event in armstrack.extract_text(text):
        for ev in event.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.sentence
        for fillers in event.roles.values():
            for f in fillers:
                assert 0 <= f.start <= f.end <= len(text)
