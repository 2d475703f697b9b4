"""ingest: every reader, and every kind of bad input, with a real SQLite file behind it."""
from __future__ import annotations

import io
import json
import os

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


DATELINED = ("Iran sends more drones to Russia\n\nBy Staff Reporter\n\n"
             "KYIV, Thursday, March 6, 2025 - Iran delivered 200 Shahed-136 drones to Russia on Tuesday, "
             "two Ukrainian officials told reporters.\n")


@pytest.mark.parametrize("dateline,published", [
    ("KYIV, March 6, 2025 - ", "2025-03-06"), ("Kyiv, 6 March 2025 \u2013 ", "2025-03-06"),
    ("KYIV, March 6 (Reuters) - ", None),        # no year: nothing says which
    ("", None),
])
def test_a_dateline_dates_an_article_with_no_date(tmp_path, dateline, published):
    text = DATELINED.replace("KYIV, Thursday, March 6, 2025 - ", dateline)
    [article] = list(read_sources([_write(tmp_path, "a.txt", text)]))
    assert (str(article.published) if article.published else None) == published
    # a date the source gives wins; a dateline far into the text is no dateline
    [dated] = list(read_sources([_write(tmp_path, "b.txt", "date: 2025-03-07\n\n" + text)]))
    assert str(dated.published) == "2025-03-07"
    late = "Headline here\n\n" + "A line of the story.\n" * 6 + "KYIV, March 6, 2025 - More.\n"
    [undated] = list(read_sources([_write(tmp_path, "c.txt", late)]))
    assert undated.published is None


@pytest.mark.parametrize("line,published", [
    ("March 6, 2025", "2025-03-06"), ("Published: 6 March 2025", "2025-03-06"),
    ("Updated Thursday, March 6, 2025 at 10:15 a.m. EST", "2025-03-06"), ("2025-03-06 08:15 GMT", "2025-03-06"),
    ("Last updated: Thu 6 Mar 2025 09:12 UTC", "2025-03-06"), ("Mar. 6, 2025 | 10:30 AM", "2025-03-06"),
    ("March 6", None),                                   # no year
    ("On March 6, 2025, Iran delivered drones.", None),  # a sentence, not a date line
])
def test_a_line_that_is_only_a_date_dates_a_copied_page(tmp_path, line, published):
    text = f"Iran sends more drones to Russia\n\nBy Staff Reporter\n\n{line}\n\nIran delivered 200 Shahed-136 drones to Russia on Tuesday.\n"
    [article] = list(read_sources([_write(tmp_path, "a.txt", text)]))
    assert (str(article.published) if article.published else None) == published


def test_the_dateline_date_places_the_weekday_of_the_story(tmp_path, store):
    text = DATELINED.replace("Thursday, ", "")
    armstrack.ingest([_write(tmp_path, "a.txt", text)], store=store)
    [transfer] = [e.data for e in store.events(type="TRANSFER")]
    assert (transfer["article"]["published"], transfer["when"]) == ("2025-03-06", "2025-03-04")


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


# ---- a hostile batch -----------------------------------------------------------------------
def _variant(n: int) -> str:
    """A distinct English article per n (each its own content id)."""
    names = ["Finland", "Sweden", "Estonia", "Latvia", "Lithuania", "Poland"]
    return ARTICLE.split("\n", 2)[2].replace("Norway", names[n]).replace("Oslo", f"Officials in {names[n]}")


def test_a_hostile_batch_keeps_every_good_article_and_names_every_bad_source(tmp_path, store):
    """Each kind of input that once killed a batch, beside good articles: the good ones are all
    stored and each bad source gets exactly one line naming it, as it happens."""
    good = {
        "good.txt": _variant(0).encode(),
        # a lone surrogate in a JSON string is scrubbed, not fatal
        "surrogate.jsonl": (json.dumps({"text": _variant(1)[:60] + "\\ud800" + _variant(1)[60:]})
                            .replace("\\\\ud800", "\\ud800") + "\n").encode(),
        "utf16.txt": _variant(2).encode("utf-16"),  # with its byte-order mark
    }
    bad = {
        "deep.jsonl": (b'{"text": ' + b"[" * 100_000 + b"\n", "nested too deeply"),
        "bignum.jsonl": (b'{"text": "x", "n": 1' + b"0" * 5000 + b"}\n", "malformed JSON"),
        "dicttitle.jsonl": (json.dumps({"text": _variant(3), "title": {"a": 1}}).encode() + b"\n",
                            '"title" must be a string'),
        "listurl.jsonl": (json.dumps({"text": _variant(4), "url": ["x"]}).encode() + b"\n", '"url" must be a string'),
        "bom-only.jsonl": (b"\xef\xbb\xbf", "empty file"),
        "emspace.jsonl": ("\u2003\u2003\n \n".encode(), "empty file"),
        "deep.html": (b"<html><body>" + b"<div>" * 2000 + b"Some words of text here and there." +
                      b"</div>" * 2000 + b"</body></html>", "nested 200"),
        "french.txt": (FRENCH.encode(), "not English"),
        "binary.txt": (b"\x00\x01\x02" * 3000, "binary file"),
    }
    for name, data in good.items():
        _write(tmp_path, name, data)
    for name, (data, _) in bad.items():
        _write(tmp_path, name, data)
    # a file name that is not UTF-8 holding a good article
    odd = os.path.join(os.fsencode(tmp_path), b"odd\xff name.txt")
    with open(odd, "wb") as f:
        f.write(_variant(5).encode())
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    seen: list[str] = []
    report = armstrack.ingest([tmp_path, "/dev/zero"], store, on_error=seen.append)
    assert report.added == 4, report.errors
    assert seen == report.errors and len(report.errors) == len(bad) + 2, "\n".join(report.errors)
    for name, (_, reason) in bad.items():
        [line] = [e for e in report.errors if e.startswith((f"{tmp_path / name}: ", f"{tmp_path / name}:1: "))]
        assert reason in line and "\n" not in line
    assert any(e.startswith(f"{fifo}: not a regular file (a FIFO)") for e in report.errors)
    assert any(e.startswith("/dev/zero: not a regular file (a character device)") for e in report.errors)
    sources = {a.source for a in store.articles()}
    assert str(tmp_path / "odd\\xff name.txt") in sources
    assert "\ud800" not in "".join(a.text for a in store.articles())


def test_utf16_and_utf32_jsonl_read_with_a_bom_or_encoding(tmp_path):
    record = json.dumps({"text": _variant(0), "outlet": "Wire"}) + "\n"
    for name, data, encoding in [("bom16.jsonl", record.encode("utf-16"), None),
                                 ("bom32.jsonl", record.encode("utf-32"), None),
                                 ("le16.jsonl", record.encode("utf-16-le"), "utf-16-le"),
                                 ("le16.txt", _variant(0).encode("utf-16-le"), "utf-16-le")]:
        [article] = list(read_sources([_write(tmp_path, name, data)], encoding=encoding))
        assert isinstance(article, armstrack.Article), article
        assert article.text.startswith("Finland has delivered")


def test_overlong_jsonl_line_is_one_error_and_the_next_line_is_read(tmp_path):
    lines = [json.dumps({"text": "word " * 400}), json.dumps({"text": _variant(0)})]
    items = list(read_sources([_write(tmp_path, "f.jsonl", "\n".join(lines) + "\n")], max_bytes=1000))
    assert "line too long" in str(items[0]) and str(items[0]).startswith(f"{tmp_path / 'f.jsonl'}:1: ")
    assert isinstance(items[1], armstrack.Article)


def test_bad_limits_and_encodings_are_refused_up_front(tmp_path):
    with pytest.raises(armstrack.ConfigError):
        list(read_sources([tmp_path], max_bytes=-1))
    with pytest.raises(armstrack.ConfigError, match="unknown encoding"):
        list(read_sources([tmp_path], encoding="no-such-codec"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_reported(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    _write(locked, "a.txt", ARTICLE)
    locked.chmod(0)
    try:
        [error] = list(read_sources([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert str(error).startswith(f"{locked}: cannot read folder")


# ---- duplicates --------------------------------------------------------------------------
def test_copies_differing_only_in_unicode_form_quotes_or_invisible_characters_are_one_article():
    base = _variant(0) + ' The caf\u00e9\'s owner said "no" - twice.'
    copies = [
        base.replace("caf\u00e9", "cafe\u0301"),                       # NFD accent
        base.replace("'s", "\u2019s").replace('"no"', "\u201cno\u201d"),  # curly quotes
        base.replace(" - ", " \u2013 "),                               # an en dash
        base.replace("delivered", "deliv\u00adered"),                  # a soft hyphen
        base.replace("systems", "sys\u200btems"),                      # a zero-width space
        base.replace("The caf", "The  caf").replace(". ", ".\n"),      # spacing and line breaks
    ]
    assert {content_id(c) for c in copies} == {content_id(base)}
    assert content_id(base.replace("two", "three")) != content_id(base)


def test_a_dated_copy_gives_the_stored_article_its_date(tmp_path, store):
    body = _variant(0)
    first = armstrack.ingest([_write(tmp_path, "undated.txt", body)], store)
    assert first.added == 1 and next(store.articles()).published is None
    again = armstrack.ingest([_write(tmp_path, "dated.txt", "date 2025-03-04\n" + body)], store)
    assert again.added == 0 and again.duplicates == 1 and again.redated == 1
    [article] = list(store.articles())
    assert str(article.published) == "2025-03-04"
    events = [e.data for e in store.events()]
    assert events and all(e["article"]["published"] == "2025-03-04" for e in events)
    # and the claims read the new date
    from armstrack import claims
    dated = [c for c in claims.list_claims(store) if c.first_reported]
    assert dated and all(c.first_reported == "2025-03-04" for c in dated)


# ---- offsets -----------------------------------------------------------------------------
def test_extract_text_offsets_index_the_text_as_given():
    text = ("date 2025-02-03\r\nListen to this article\r\n\r\n\r\n\r\n"
            "Norway has delivered two NASAMS\u00a0air defence systems to Ukraine, the Norwegian "
            "defence ministry said on Friday. Advertisement\r\nOslo did not say when a third would follow.\r\n")
    events = armstrack.extract_text(text)
    assert events
    for event in events:
        for ev in event.evidence:
            assert text[ev.start:ev.end] == ev.sentence
        for fillers in event.roles.values():
            for f in fillers:
                if f.end > f.start:
                    assert text[f.start:f.end].replace("\u00a0", " ") == f.text
    [transfer] = [e for e in events if e.type == "TRANSFER"]
    assert str(transfer.evidence[0].sentence).startswith("Norway has delivered")


def test_a_line_pointing_to_another_story_is_dropped_whole():
    from armstrack.ingest.clean import clean_text

    text = ("Egypt has cancelled a deal to buy JF-17 jets from Pakistan.\n\n"
            "Read more: France sells Rafale jets to Egypt\n"
            "RELATED | Pakistan's arms exports grow\n"
            "See also - Turkey ships drones to Libya\n\n"
            "More than 40 officials attended.")
    cleaned = clean_text(text)
    assert "Rafale" not in cleaned and "exports grow" not in cleaned and "Turkey" not in cleaned
    # a sentence that merely starts with such a word stays
    assert "More than 40 officials attended." in cleaned


@pytest.mark.parametrize("dateline, agency", [
    ("WASHINGTON, March 3 (Reuters) - ", "Reuters"),
    ("ANKARA (AP) - ", "Associated Press"),
    ("Paris, 4 June 2025 (AFP) -- ", "AFP"),
    ("SEOUL, Jan. 9 (Yonhap) \u2014 ", "Yonhap"),
])
def test_a_dateline_agency_is_the_outlet_of_an_article_that_names_none(dateline, agency):
    """A wire story pasted with no metadata: '(Reuters)' in its dateline is where it comes from
    (issue 23, wire conventions); words in brackets that name no agency are not an outlet."""
    from armstrack.ingest import make_article

    body = "Turkey will supply six Bayraktar TB2 drones to Kenya, officials said on Monday."
    text = "Turkey to supply drones to Kenya\n\nBy a staff writer\n\n" + dateline + body
    assert make_article(text, source="wire.txt").outlet == agency
    assert make_article(text, source="wire.txt", outlet="Daily Nation").outlet == "Daily Nation"
    # an updated story: its label, the update note and the byline come before the dateline
    updated = ("UPDATE 2-Turkey to supply drones to Kenya\n\n(Adds minister's comment in paragraph 3)\n\n"
               "By a staff writer\n\n" + dateline + body)
    assert make_article(updated, source="wire.txt").outlet == agency
    assert make_article("NAIROBI, March 3 (UPDATED) - " + body, source="u.txt").outlet is None
    assert make_article("The minister (Reuters) said. " + body, source="v.txt").outlet is None


def test_the_summary_says_how_many_articles_stayed_undated(tmp_path):
    from armstrack.pipeline import ingest

    body = "Turkey will supply six Bayraktar TB2 drones to Kenya, officials said on Monday."
    _write(tmp_path, "dated.txt", "date: 2025-03-04\n" + body)
    _write(tmp_path, "undated.txt", "ANKARA (Reuters) - " + body.replace("six", "eight"))
    with armstrack.open_store(str(tmp_path / "s.db")) as store:
        report = ingest([tmp_path], store)
    assert (report.added, report.undated) == (2, 1)
    assert "1 article(s) undated" in report.summary()
