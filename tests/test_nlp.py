"""nlp: sentence starts from the page layout (headline, dateline, byline), set before the parser."""
from __future__ import annotations

import pytest

import armstrack
from armstrack.ingest import headline, read_sources, split_header
from armstrack.nlp import load_nlp
from armstrack.nlp.lines import line_starts

from conftest import shared_path


def _sentences(text: str) -> list[str]:
    return [s.text.strip() for s in load_nlp()(text).sents]


def test_a_headline_without_a_full_stop_is_its_own_sentence():
    text = ("Germany denies sending Taurus missiles to Ukraine\n\n"
            "Berlin has not sent any Taurus cruise missiles to Kyiv, a government spokesman said on Monday.")
    assert _sentences(text)[0] == "Germany denies sending Taurus missiles to Ukraine"
    # and the headline's denial is a denial of the transfer, never support for it
    [transfer] = [e for e in armstrack.extract_text(text) if e.type == "TRANSFER"]
    assert transfer.certainty.level == "denied" and "DEU" in transfer.certainty.denied_by
    assert not any("denies" in s for s in transfer.certainty.sources)


@pytest.mark.parametrize("dateline", ["KYIV, Sept 24 (Reuters) - ", "WASHINGTON (AP) -- ", "BEIRUT \u2014 ",
                                      "Moscow, 3 March (TASS) - ", "KYIV, March 3, 2025 - ",
                                      "Kyiv, 3 March 2025 \u2013 ", "NEW DELHI, Jan. 9 -- "])
def test_a_dateline_is_cut_from_the_first_sentence(dateline):
    text = dateline + "Poland has signed a contract to buy 96 Apache helicopters, the ministry said."
    assert line_starts(text) == [len(dateline)]
    assert _sentences(text)[-1].startswith("Poland has signed")


@pytest.mark.parametrize("text", ["US - China talks resume", "Ukraine, Poland - the new front line",
                                  "The deal - worth $2bn - was signed."])
def test_a_sentence_with_a_dash_is_no_dateline(text):
    assert line_starts(text) == []


def test_bylines_and_short_lines_start_sentences_but_wrapped_lines_do_not():
    text = ("Norway sends more air defence\nBy Kari Nordmann\n"
            "Norway will send two more NASAMS systems to Ukraine under a package that the\n"
            "government in Oslo approved on Friday, officials said.")
    sents = _sentences(text)
    assert sents[:2] == ["Norway sends more air defence", "By Kari Nordmann"]
    assert any(s.startswith("Norway will send") and s.endswith("officials said.") for s in sents)


def test_header_lines_give_title_outlet_url_and_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("title: Norway sends NASAMS\noutlet: Example Wire\nurl: https://example.org/n\n"
                    "date: 2025-02-03\n\nNorway has delivered two NASAMS air defence systems to Ukraine, "
                    "the Norwegian defence ministry said on Friday.\n")
    [article] = list(read_sources([path]))
    assert (article.title, article.outlet, article.url, str(article.published)) == (
        "Norway sends NASAMS", "Example Wire", "https://example.org/n", "2025-02-03")
    assert article.text.startswith("Norway has delivered")
    body, meta = split_header("Title: only a sentence that starts like a header\nBody.")
    assert meta == {"title": "only a sentence that starts like a header"} and body == "Body."
    assert split_header("No header here.\ntitle: x") == ("No header here.\ntitle: x", {})


def test_the_first_line_of_a_plain_text_article_is_its_title():
    assert headline("Abbas 'will not tolerate' attacks\n\nPalestinian leader Mahmoud Abbas has said ...") \
        == "Abbas 'will not tolerate' attacks"
    assert headline("A whole first sentence that ends in a full stop.\n\nMore.") is None
    assert headline("One line only") is None


@pytest.mark.shared
def test_bbc_shaped_files_get_their_headline_as_title_and_as_a_sentence():
    folder = shared_path("corpora", "bbc_news", "news", "politics")
    files = sorted(folder.glob("*.txt"))[:40]
    nlp = load_nlp()
    for item in read_sources(files):
        assert not isinstance(item, armstrack.IngestError), item
        title = item.text.split("\n", 1)[0].strip()
        assert item.title == title
        first = next(load_nlp()(item.text[:2000]).sents).text.strip()
        assert first == title, (item.source, first)
    assert nlp is load_nlp()


@pytest.mark.slow
def test_the_fast_ruler_and_lemmatizer_give_the_models_own_results():
    """nlp/fast.py: every token's tag, POS, morphology, lemma, head and entity as the model's own
    attribute ruler and lemmatizer give them, on the examples, the claims corpus, the Kyiv
    article, 60 BBC articles of every section and written edge cases ("gon na", "ai n't", "y'
    all", "Let's", "There are", spaces)."""
    from pathlib import Path

    from armstrack.nlp.fast import FastLemmatizer, speed_up
    from armstrack.nlp.pipeline import load_model
    from armstrack.records import Article
    from conftest import EXAMPLES, FIXTURES

    sources = [EXAMPLES, FIXTURES / "claims", shared_path("examples", "kyiv-independent-2024-09-25-yakhont.txt")]
    bbc = sorted(shared_path("corpora", "bbc_news").rglob("*.txt"))[::35]
    texts = [a.text for a in read_sources([*sources, *bbc]) if isinstance(a, Article)]
    texts += ["We're gon na send them, ain't we? Y' all know it. Let's go.\n\n  There are   tanks.",
              "I got ta say: he gets what he wants.  \n\t C'm on!", "", "   ", "\n\n"]
    reference, fast = load_model(), speed_up(load_model())
    assert isinstance(fast.get_pipe("lemmatizer"), FastLemmatizer)
    assert fast.get_pipe("attribute_ruler").match.__qualname__ == "Index.matches"

    def tokens(doc):
        return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]

    assert len(texts) > 100
    for text, want, got in zip(texts, reference.pipe(texts), fast.pipe(texts)):
        assert tokens(got) == tokens(want), text[:80]
