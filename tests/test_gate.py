"""The relevance gate: what it sends to the parser, and that it loses no transfer."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import armstrack
from armstrack.cli import cli
from armstrack.claims.links import must_keep
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


def test_an_article_with_no_transfer_keeps_what_links_to_one_reported_elsewhere():
    attack = ("Night raid on Kyiv\n\nSirens sounded after midnight. Residents went to shelters. "
              "Russia attacked Kyiv with Shahed drones overnight, the air force said.\n\n"
              "The mayor thanked the rescuers. Schools stayed closed.")
    plan = gate().plan(attack)
    assert not plan.skipped
    # the attack sentence with the two before it
    assert plan.text == ("Sirens sounded after midnight. Residents went to shelters. "
                         "Russia attacked Kyiv with Shahed drones overnight, the air force said.")
    meeting = ("Talks in Tehran\n\nThe weather was mild. Representatives of Russia and the Houthis met in "
               "Tehran on Sunday to discuss the missiles.\n\nThe city was quiet.")
    assert gate().plan(meeting).text == ("Talks in Tehran\n\nThe weather was mild. Representatives of Russia and "
                                         "the Houthis met in Tehran on Sunday to discuss the missiles.")
    for nothing in (
            # an attack with no weapon, which links to no claim
            "Gunmen killed three villagers near the border on Friday, officials in N'Djamena said.",
            # a meeting of one known party
            "Talks in Paris\n\nFrench officials met on Sunday to discuss the missiles.",
            # a meeting of two in an article that names no item (energy talks, a fixture)
            "Energy talks\n\nIndia and Russia held talks on oil supplies in Moscow on Monday.",
            # ... even with a materiel word in it that heads no item
            "Parade\n\nLeaders of Russia and China met on Monday to watch a military parade.",
            # an item with no transfer or attack word near it
            "Museum reopens\n\nThe museum shows old tanks. Visitors queued in the rain."):
        assert gate().plan(nothing).skipped, nothing


def _transfers(articles: list[Article], scope: str) -> list[str]:
    """The TRANSFER events, then what decides the links of every other event that can link to
    a claim elsewhere (a meeting in an article that names no item is for --scope all)."""
    out, links = [], []
    for article, events, _ in extract_planned(articles, scope=scope):
        assert not isinstance(events, Exception)
        transfers, linking, _ = must_keep(article.text, events)
        out += transfers
        links += linking
    return out + ["--"] + links


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
    assert whole.index("--") > 100 and len(whole) - whole.index("--") > 10
    assert _transfers(articles, "transfers") == whole


@pytest.mark.slow
def test_the_default_scope_keeps_every_claim_link(tmp_path):
    """Attacks and meetings in articles with no transfer link to claims reported elsewhere."""
    runner = CliRunner()
    links = {}
    for scope in ("all", "transfers"):
        db = str(tmp_path / f"{scope}.db")
        result = runner.invoke(cli, ["ingest", "--db", db, "--quiet", "--scope", scope, str(FIXTURES / "claims")])
        assert result.exit_code == 0, result.output
        with armstrack.open_store(db) as store:
            links[scope] = sorted(tuple(str(v) for v in r) for r in store.db.execute(
                "SELECT c.supplier, c.recipient, c.item_id, l.type, l.rule FROM claim_links l "
                "JOIN claims c ON c.id = l.claim_id"))
    assert {r[3] for r in links["all"]} >= {"ATTACK", "MEETING"}
    assert links["transfers"] == links["all"]


@pytest.mark.slow
def test_skipped_articles_are_stored_searchable_and_reprocess_all_reads_them(db_path, tmp_path):
    (tmp_path / "sport.txt").write_text(SPORT)
    # an attack with no weapon links to no claim: the gate skips it
    (tmp_path / "strike.txt").write_text("Gunmen raid villages\n\nGunmen killed three villagers in Chadian "
                                         "villages near the border on Friday, officials in N'Djamena said.")
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
        assert attacks and all("killed" in a["evidence"]["sentence"] for a in attacks)
        assert [e.data for e in store.events(type="TRANSFER")] == transfers
