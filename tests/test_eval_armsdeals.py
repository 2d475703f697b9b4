"""The arms_deals adapter (armstrack.eval.armsdeals): what counts as a found deal, a right pair,
a right status, on invented articles in the corpus's format (tests/fixtures/armsdeals, written
for these tests), and the adapter over a few real articles of ../shared/corpora/arms_deals."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import armstrack.eval as evaluation
from armstrack.cli import cli
from armstrack.eval import half_of, run
from armstrack.eval.armsdeals import (clause_statuses, code_to_actor, evaluate_armsdeals, load_armsdeals,
                                      read_article, resolve_party, without_text)
from conftest import FIXTURES, shared_path

FOLDER = FIXTURES / "armsdeals"
EGYPT = "20200102_TEST_Egyptian Navy get_A_EGY_B_FRG"
KENYA = "20200202_TEST_Patrol boats for_A_KEN_B_NOR"
FRANCE = "20200303_TEST_French Army order_A_FRA"
BUDGET = "20200404_TEST_Defence budget to"
POLAND = "20200505_TEST_Helicopter sale a_A_POL_B_USA"


def transfer(text: str, sentence: str, supplier, recipient, status: str) -> dict:
    """A TRANSFER as the extractor writes it; a party is an id ("EGY") or {"text": ...}."""
    start = text.index(sentence)

    def party(value):
        if value is None:
            return None
        return {"id": value, "name": value, "text": value} if isinstance(value, str) else {"id": None, **value}

    event = {"type": "TRANSFER", "status": status, "spans": [],
             "evidence": {"sentence": sentence, "start": start, "end": start + len(sentence)}}
    for role, value in (("supplier", supplier), ("recipient", recipient)):
        if value is not None:
            event[role] = party(value)
    return event


@pytest.fixture(scope="module")
def docs():
    return {doc.id: doc for doc in load_armsdeals(FOLDER)}


def predictions(docs) -> dict[str, list[dict]]:
    egypt, kenya, france, budget, poland = (docs[name].text for name in (EGYPT, KENYA, FRANCE, BUDGET, POLAND))
    return {
        EGYPT: [
            transfer(egypt, "The Egyptian Navy has taken delivery of the second of four corvettes", "DEU", "EGY",
                     "delivered"),
            # the clause's pair, read from the headline: found, but its status is not scored
            transfer(egypt, "Egyptian Navy gets second corvette", "RHEINMETALL", "EGY", "delivered"),
            transfer(egypt, "Rheinmetall will supply 40 trucks", "RUS", "EGY", "agreed"),
        ],
        KENYA: [transfer(kenya, "Norwegian shipbuilder Norvik Marine has won a contract",
                         {"text": "Norvik Marine"}, "KEN", "agreed")],
        FRANCE: [transfer(france, "The French Army has ordered 200 trucks", "USA", "FRA", "agreed")],
        BUDGET: [transfer(budget, "The defence budget of Norway will rise", None, "NOR", "delivered")],
        POLAND: [transfer(poland, "The U.S. State Department has approved", "USA", "POL", "delivered")],
    }


@pytest.fixture(scope="module")
def report(docs):
    preds = predictions(docs)
    errors: list = []
    out = evaluate_armsdeals(list(docs.values()), [preds[d] for d in docs], errors=errors, n_boot=0)
    out["errors"] = errors
    return out


# ---- reading the corpus format ----------------------------------------------------------------
def test_file_names_give_the_deal_as_our_ids(docs):
    assert (docs[EGYPT].meta["name_supplier"], docs[EGYPT].meta["name_recipient"]) == ("DEU", "EGY")  # FRG
    assert (docs[FRANCE].meta["name_supplier"], docs[FRANCE].meta["name_recipient"]) == (None, "FRA")
    assert (docs[BUDGET].meta["deal"], docs[BUDGET].meta["deals"]) == (False, [])
    assert [code_to_actor(c) for c in ("USR", "UK", "SA", "KOS", "TAI", "INS", "NIG", "USA", "AFRICA", None)] == \
        ["RUS", "GBR", "ZAF", "KOR", "TWN", "IDN", "NGA", "USA", None, None]


def test_labels_group_into_their_clause(docs):
    first, second = docs[EGYPT].meta["deals"]
    assert first.text.startswith("The Egyptian Navy has taken delivery")
    assert [p.text for p in first.sellers] == ["ThyssenKrupp Marine Systems"]  # the empty label is dropped
    assert (first.sellers[0].state, first.buyers[0].state) == ("DEU", "EGY")
    assert [p.text for p in second.sellers] == ["Rheinmetall"] and second.weapons == ["trucks"]


@pytest.mark.parametrize("text, kind, actor, state", [
    ("the Indian Navy", "state", "IND", "IND"),          # a service is its state
    ("Egypt's military", "state", "EGY", "EGY"),
    ("Rheinmetall", "company", "RHEINMETALL", "DEU"),    # a known firm keeps its id and has its state
    ("Norwegian shipbuilder Norvik Marine", "firm", None, "NOR"),  # an unknown firm: its state from the text
    ("Norvik Marine", "firm", None, None),
])
def test_parties_resolve_to_ids_and_states(text, kind, actor, state):
    party = resolve_party(text)
    assert (party.kind, party.id, party.state) == (kind, actor, state)


def test_a_country_label_gives_an_unknown_firm_its_state(docs):
    (deal,) = docs[KENYA].meta["deals"]
    assert (deal.sellers[0].kind, deal.sellers[0].id, deal.sellers[0].state) == ("firm", None, "NOR")


def test_a_lone_party_of_no_known_state_takes_the_file_names():
    text = "The island nation took delivery of two boats from Kestrel Yards."
    record = {"filename": "20200606_TEST_x_A_MUS_B_IND", "text": text, "labels": [
        {"start": 0, "end": len(text) - 1, "tag": "Answer", "text": text[:-1]},
        {"start": 0, "end": 17, "tag": "Buyer", "text": "The island nation"},
        {"start": text.index("Kestrel"), "end": len(text) - 1, "tag": "Seller", "text": "Kestrel Yards"}]}
    (deal,) = read_article(record).meta["deals"]
    assert (deal.buyers[0].state, deal.sellers[0].state) == ("MUS", "IND")


def test_a_domestic_clause_is_no_pair(docs):
    (deal,) = docs[FRANCE].meta["deals"]
    assert deal.domestic


@pytest.mark.parametrize("clause, statuses", [
    ("Rheinmetall will supply 40 trucks to the Egyptian Army", {"agreed"}),
    ("Mali will soon take delivery of two helicopters", {"agreed"}),          # not delivered
    ("Belarus to deliver four helicopters to Afghanistan", {"agreed"}),       # a headline's "to"
    ("The Egyptian Navy has taken delivery of a corvette", {"delivering", "delivered"}),
    ("The shipyard handed over the second patrol vessel to the navy", {"delivering", "delivered"}),
    ("The State Department has approved the possible sale of 12 helicopters", {"approved"}),
    ("Ghana is in talks with Spain to acquire two transport aircraft", {"negotiating"}),
    ("The company is promoting its maritime aircraft to the navy", {"offered"}),
    ("Peru intends to purchase six trainers", {"considered", "requested"}),
    ("the navy ordered four corvettes from the shipyard", {"agreed"}),
    ("the Turkish Navy's new frigate programme", set()),                      # nothing said: not scored
])
def test_clause_verbs_give_the_statuses_they_allow(clause, statuses):
    assert set(clause_statuses(clause)[0]) == statuses


# ---- scoring facts ------------------------------------------------------------------------------
def rate(report, name):
    entry = report["rates"][name]
    return entry["n"], entry["of"]


def test_deal_detection_and_false_detection(report):
    assert (report["n_deal_articles"], report["n_no_deal_articles"]) == (4, 1)
    assert rate(report, "deal_detection") == (4, 4)
    assert rate(report, "false_detection") == (1, 1)


def test_article_deals_full_and_partial(report):
    # Egypt: DEU -> EGY found; Poland: USA -> POL found; Kenya: only the recipient is right, because
    # the firm we name, "Norvik Marine", has no state we know; France: the file name gives one side
    assert rate(report, "full_pair_recall") == (2, 3)
    assert rate(report, "partial_recall") == (3, 3)
    assert (rate(report, "supplier_recall"), rate(report, "recipient_recall")) == ((2, 3), (3, 3))


def test_annotated_deals_as_states_and_as_annotated(report):
    # four clauses (the French one is domestic). As states all four are found: a company counts as
    # its state (Rheinmetall -> DEU), a firm as itself (Norvik Marine named by its name). As
    # annotated, naming Germany is not naming ThyssenKrupp Marine Systems.
    assert rate(report, "clause_full_pair_recall_state") == (4, 4)
    assert rate(report, "clause_full_pair_recall_annotated") == (3, 4)
    (miss,) = [e for e in report["errors"] if e["kind"] == "clause_state_only"]
    assert miss["texts"]["expected"] == "ThyssenKrupp Marine Systems -> The Egyptian Navy"
    assert miss["found"] == ["DEU -> EGY (delivered)", "RHEINMETALL -> EGY (delivered)"]


def test_pair_precision(report):
    # right: DEU -> EGY, RHEINMETALL -> EGY, "Norvik Marine" -> KEN, USA -> POL; wrong: RUS -> EGY;
    # not judged: USA -> FRA (the French file names only the recipient); the no-deal article is
    # not counted; a TRANSFER with one side is no pair
    assert rate(report, "pair_precision") == (4, 5)
    assert report["counts"]["pairs"] == 6
    (wrong,) = [e for e in report["errors"] if e["kind"] == "wrong_pair"]
    assert wrong["found"] == ["RUS -> EGY (agreed)"]


def test_status_is_scored_where_the_clause_says_one_and_we_read_it(report):
    # corvettes delivered: right; Norvik contract agreed: right; the approved sale read as delivered:
    # wrong; the Rheinmetall trucks found only in the headline: not scored
    assert rate(report, "status_accuracy") == (2, 3)
    (wrong,) = [e for e in report["errors"] if e["kind"] == "status"]
    assert (wrong["expected"], wrong["found"], wrong["doc"]) == (["approved"], ["delivered"], POLAND)


def test_errors_kept_in_the_repository_hold_no_corpus_text(report, docs):
    # arms_deals has no licence: the committed errors point into the corpus (document, offsets)
    whole, kept = json.dumps(report["errors"]), json.dumps([without_text(e) for e in report["errors"]])
    for words in ("Norvik", "ThyssenKrupp", "taken delivery", "State Department", "defence budget"):
        assert words in whole and words not in kept
    (miss,) = [e for e in report["errors"] if e["kind"] == "clause_state_only"]
    start, end = miss["span"]
    assert docs[EGYPT].text[start:end].startswith("The Egyptian Navy has taken delivery")


def test_a_reversed_pair_is_neither_full_nor_partial(docs):
    doc = docs[POLAND]
    out = evaluate_armsdeals([doc], [[transfer(doc.text, "The U.S. State Department", "POL", "USA", "agreed")]],
                             n_boot=0)
    assert rate(out, "full_pair_recall") == (0, 1) and rate(out, "partial_recall") == (0, 1)
    assert rate(out, "pair_precision") == (0, 1)


# ---- the split and the command -------------------------------------------------------------------
@pytest.fixture
def canned(monkeypatch, docs):
    """`run` without the parser: the predictions above, looked up by text."""
    by_text = {docs[name].text: events for name, events in predictions(docs).items()}
    monkeypatch.setattr(evaluation, "extract_texts", lambda texts, **kw: [by_text[t] for t in texts])
    monkeypatch.setattr(evaluation, "setting", lambda kb_dirs=(): {"model": "canned", "kb_version": "x"})


def test_halves_split_by_the_file_name(canned):
    assert [half_of(name) for name in (EGYPT, KENYA, FRANCE, BUDGET, POLAND)] == \
        ["tuning", "check", "check", "tuning", "check"]
    errors: list = []
    tuning = run("armsdeals", FOLDER, half="tuning", errors=errors, n_boot=0)
    assert (tuning["n_documents"], tuning["half"]) == (2, "tuning")
    assert {e["doc"] for e in errors} == {EGYPT, BUDGET}      # errors come from the tuning half only
    everything = run("armsdeals", FOLDER, half="all", errors=(errors := []), n_boot=0)
    assert everything["n_documents"] == 5
    assert {k: v["n_documents"] for k, v in everything["halves"].items()} == {"tuning": 2, "check": 3}
    assert {e["doc"] for e in errors} == {EGYPT, BUDGET}


def test_the_command_prints_both_halves(canned, tmp_path):
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(cli, ["eval", "--dataset", "armsdeals", "--half", "all", "--boot", "0",
                                      "--quiet", "--errors", str(errors), str(FOLDER)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "dataset armsdeals: 5 documents (canned, knowledge base x)"
    assert "    full pair recall    0.667 (2 of 3)" in lines
    assert lines.count("  deal detection, articles with a deal:      1.000 (1 of 1)") == 1  # the tuning half
    assert "tuning half:" in lines and "check half:" in lines
    assert {json.loads(line)["doc"] for line in errors.read_text().splitlines()} == {EGYPT, BUDGET}


# ---- the real corpus ----------------------------------------------------------------------------
@pytest.mark.shared
def test_the_corpus_reads_as_source_md_describes():
    docs = load_armsdeals(shared_path("corpora", "arms_deals"))
    assert len(docs) == 284
    assert sum(d.meta["deal"] for d in docs) == 133
    assert all(d.meta["deals"] for d in docs if d.meta["deal"])
    halves = [half_of(d.id) for d in docs]
    assert 100 < halves.count("tuning") < 184


@pytest.mark.shared
def test_the_adapter_runs_on_real_articles(tmp_path):
    folder = shared_path("corpora", "arms_deals", "annotated")
    files = sorted(folder.glob("*.json"))
    picked = ([f for f in files if "_A_" in f.name and "_B_" in f.name][:4]
              + [f for f in files if "_A_" not in f.name][:2])
    for file in picked:
        (tmp_path / file.name).symlink_to(file)
    report = run("armsdeals", tmp_path, half="all", n_boot=0)
    assert report["n_documents"] == 6
    assert report["n_deal_articles"] + report["n_no_deal_articles"] == 6
    for entry in report["rates"].values():
        assert entry["of"] == 0 or 0 <= entry["value"] <= 1
    assert sum(sub["n_documents"] for sub in report["halves"].values()) == 6
