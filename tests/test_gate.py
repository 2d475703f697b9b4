"""The relevance gate: what it sends to the parser, and that it loses no transfer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import armstrack
from armstrack.cli import cli
from armstrack.gate import Gate, gate, gated_articles, units
from armstrack.ingest import read_sources
from armstrack.pipeline import extract_planned
from armstrack.records import Article
from conftest import EXAMPLES, FIXTURES, shared_path

SPORT = ("Chelsea beat Arsenal in derby\n\nChelsea beat Arsenal 2-1 on Sunday with a late goal from "
         "their captain, who said the defence had played its best game of the season.\n\n"
         "The manager praised the fans and said the team would get stronger.")
ARMS = ("Iran sends drones to Russia\n\nOfficials in Kyiv spoke on Monday. Iran has sent hundreds of "
        "Shahed drones to Russia, officials said.\n\nThe weather was cold and the markets were calm.\n\n"
        "Farmers grew more wheat this year. The choir sang old songs. The drones were seen over Kyiv.\n\n"
        "The concert drew a large crowd.")


def test_an_article_without_materiel_is_skipped():
    plan = gate().plan(SPORT)
    assert plan.skipped and plan.gated and plan.total == 3
    assert gate().plan(SPORT, scope="all").text == SPORT


def test_kept_sentences_carry_what_came_before_and_map_back():
    plan = gate().plan(ARMS)
    assert plan.gated and not plan.skipped and plan.total == 8
    # a transfer's sentence goes with everything before it (coreference reads back)
    assert plan.text.startswith("Iran sends drones to Russia\n\nOfficials in Kyiv spoke on Monday. Iran has sent")
    # a later sentence naming an item goes with the two before it
    assert "Farmers grew more wheat this year. The choir sang old songs. The drones were seen" in plan.text
    assert "The weather was cold" not in plan.text and "The concert" not in plan.text
    # every kept character maps to the same character of the article
    assert all(ARMS[o] == c for c, o in zip(plan.text, plan.origin) if c != "\n")


def test_a_transfer_word_counts_only_with_an_item_in_its_own_or_a_neighbouring_sentence():
    far = ("Budget talks\n\nThe ministry will supply figures on Friday. The session ran late. "
           "Nobody spoke. The hall emptied. Later, a museum showed old tanks from the war.")
    assert gate().plan(far).skipped  # "supply" three sentences from "tanks": no transfer can form
    for near in ("Ukraine asked for help. Germany will supply them. The tanks are Leopard 2s.",
                 "Germany has Leopard 2 tanks. It will supply them to Ukraine.",
                 "Germany will supply Leopard 2 tanks to Ukraine."):
        assert not gate().plan(near).skipped, near


def test_sentence_units_are_cautious():
    text = "Mr. Smith left. He said \"no.\" The U.S. Army stayed! J. Doe went?\n\nGen. Ali spoke."
    assert [text[a:b] for a, b in units(text)] == [
        "Mr. Smith left.", 'He said "no."', "The U.S. Army stayed!", "J. Doe went?", "Gen. Ali spoke."]


def test_gate_words_come_from_the_lexicon_at_run_time():
    from armstrack.extract.lexicon import lexicon

    g = Gate()
    lex = lexicon()
    assert set(lex.transfer_verbs) <= g.transfer and set(lex.transfer_nouns) <= g.transfer
    assert {"sold", "sent", "bought", "supplied", "delivering"} <= g.transfer  # irregular and regular forms
    assert {w for w in lex.materiel_words if " " not in w} <= g.materiel


def test_unknown_scope_is_refused():
    with pytest.raises(ValueError, match="unknown scope 'some'"):
        gate().plan("x", scope="some")


def _transfers(articles: list[Article], scope: str) -> list[str]:
    out = []
    for _, events, _ in extract_planned(articles, scope=scope):
        assert not isinstance(events, Exception)
        out += [json.dumps(e.to_dict(), sort_keys=True) for e in events if e.type == "TRANSFER"]
    return out


def _eval_sample() -> list[Article]:
    """Eval documents: each one with a gold transfer, and every 10th of the rest."""
    from armstrack.eval import datasets

    corpora = shared_path("corpora")
    docs = []
    for loader, path in ((datasets.load_rams, corpora / "rams" / "dev.jsonlines"),
                         (datasets.load_geneva, corpora / "geneva" / "data" / "val.json"),
                         (datasets.load_wikievents, corpora / "wikievents" / "dev.jsonl")):
        if path.exists():
            loaded = loader(path)
            docs += [d for n, d in enumerate(loaded) if n % 10 == 0 or any(e.type == "TRANSFER" for e in d.events)]
    return [Article(id=f"eval-{n}", text=d.text) for n, d in enumerate(docs)]


@pytest.mark.slow
def test_the_gate_loses_no_transfer():
    files = [EXAMPLES, FIXTURES / "claims"]
    shared = Path(__file__).resolve().parents[2] / "shared" / "examples"
    if shared.exists():
        files.append(shared)
    articles = [a for a in read_sources(files) if isinstance(a, Article)] + _eval_sample()
    whole = _transfers(articles, "all")
    assert len(whole) > 100
    assert _transfers(articles, "transfers") == whole


@pytest.mark.slow
def test_skipped_articles_are_stored_searchable_and_reprocess_all_reads_them(db_path, tmp_path):
    (tmp_path / "sport.txt").write_text(SPORT)
    (tmp_path / "strike.txt").write_text("Jets bombed villages\n\nSudanese jets bombed Chadian villages near "
                                         "the border on Friday, officials in N'Djamena said.")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", "--db", db_path, "--quiet", str(tmp_path),
                                 str(EXAMPLES / "2025-09-30-fighter-order.txt")])
    assert result.exit_code == 0 and "3 article(s) added" in result.output
    with armstrack.open_store(db_path) as store:
        assert store.search("Chelsea") and store.search("villages")
        assert len(gated_articles(store)) == 2
        assert not [e for e in store.events() if e.data["type"] == "ATTACK"]
        transfers = [e.data for e in store.events(type="TRANSFER")]
    assert runner.invoke(cli, ["reprocess", "--db", db_path, "--scope", "all"]).exit_code == 0
    with armstrack.open_store(db_path) as store:
        assert gated_articles(store) == []
        attacks = [e.data for e in store.events(type="ATTACK")]
        assert attacks and all("bombed" in a["evidence"]["sentence"] for a in attacks)
        assert [e.data for e in store.events(type="TRANSFER")] == transfers
