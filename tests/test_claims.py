"""Claims across articles: a corpus of 36 short articles (tests/fixtures/claims) about ten
transfers, ingested through the real pipeline into real SQLite files, checked fact by fact."""
from __future__ import annotations

import csv
import http.server
import io
import json
import sqlite3
import threading
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

import armstrack
from armstrack import claims
from armstrack.claims.derive import confidence, contributions, derive_history, grade
from armstrack.claims.merge import covers
from armstrack.claims.model import Origin, OriginKind, Report, Stance
from armstrack.claims.origins import origin_of
from armstrack.cli import cli
from armstrack.export.registry import exporters
from armstrack.ingest import read_sources
from conftest import FIXTURES, ROOT, copy_store, fresh_url, ingested, shared_path

CORPUS = FIXTURES / "claims"

# (supplier, recipient, item key) -> the facts the corpus must produce. Origins are origin keys,
# with "article" for an article whose outlet is unknown (plain-text files carry no outlet);
# history steps are (report date, claim status after it, stance, whether it set the status).
EXPECTED = {
    ("RUS", "HOUTHIS", "p-800-oniks"): dict(
        status="negotiating", contradicted=True, reports=5, corroboration=1, denials=1, grade="B4",
        confidence=0.20, origins=["agency:Reuters", "official:RUS"],
        history=[("2024-10-02", "negotiating", "assert", True), ("2024-10-02", "negotiating", "assert", False),
                 ("2024-10-03", "negotiating", "assert", False), ("2024-10-03", "negotiating", "assert", False),
                 ("2024-11-15", "negotiating", "deny", False)],
        links=[("ATTACK", "attack by HOUTHIS with p-800-oniks, the claim's item"),
               ("MEETING", "meeting of RUS and HOUTHIS within 730 days"),
               ("STATEMENT", "statement about RUS->HOUTHIS p-800-oniks")]),
    ("IRN", "RUS", "fath-360"): dict(
        status="delivered", contradicted=True, reports=4, corroboration=3, denials=1, grade="B3",
        confidence=0.655, origins=["agency:The Wall Street Journal", "article", "official:IRN", "official:USA"],
        history=[("2024-08-10", "delivered", "assert", True), ("2024-09-11", "delivered", "confirm", True),
                 ("2024-09-12", "delivered", "deny", False), ("2024-09-13", "delivered", "assert", False)],
        links=[("ATTACK", "attack by RUS with fath-360, the claim's item"),
               ("SANCTION", "sanction about IRN->RUS ballistic missiles"),
               ("STATEMENT", "statement about IRN->RUS ballistic missiles"),
               ("STATEMENT", "statement about IRN->RUS fath-360")]),
    ("IRN", "RUS", "shahed-136"): dict(
        status="delivered", contradicted=True, reports=3, corroboration=2, denials=0, grade="A1",
        confidence=0.74, origins=["named:ukr", "official:IRN"],
        history=[("2022-10-05", "delivered", "assert", True), ("2022-10-20", "delivered", "deny", False),
                 ("2022-11-05", "delivered", "confirm", True)],
        links=[("ATTACK", "attack by RUS with shahed-136, the claim's item"),
               ("STATEMENT", "statement about IRN->RUS drones"), ("STATEMENT", "statement about IRN->RUS drones")]),
    ("DEU", "UKR", "iris-t-slm"): dict(
        status="delivered", contradicted=False, reports=4, corroboration=3, denials=0, grade="B2",
        confidence=0.73, origins=["agency:AFP", "named:chancellor olaf scholz", "named:german defence ministry"],
        history=[("2022-06-01", "agreed", "assert", True), ("2022-10-12", "delivered", "assert", True),
                 ("2022-10-12", "delivered", "assert", False), ("2022-10-13", "delivered", "assert", False)],
        links=[]),
    ("KOR", "POL", "k2-black-panther"): dict(
        status="delivered", contradicted=False, reports=2, corroboration=2, denials=0, grade="B2",
        confidence=0.51, origins=["agency:Yonhap", "article"],
        history=[("2022-07-27", "agreed", "assert", True), ("2022-12-06", "delivered", "assert", True)], links=[]),
    ("USA", "UKR", "m142-himars"): dict(
        status="delivered", contradicted=False, reports=3, corroboration=3, denials=0, grade="B2",
        confidence=0.63, origins=["article", "article", "named:us department of defense"],
        history=[("2022-05-20", "requested", "assert", True), ("2022-06-01", "agreed", "assert", True),
                 ("2022-06-23", "delivered", "assert", True)], links=[]),
    ("RUS", "EGY", "su-35"): dict(
        status="cancelled", contradicted=False, reports=3, corroboration=3, denials=0, grade="B2",
        confidence=0.64, origins=["agency:Kommersant", "article", "named:russian media"],
        history=[("2019-03-18", "agreed", "assert", True), ("2020-11-01", "delivering", "assert", True),
                 ("2022-01-10", "cancelled", "assert", True)], links=[]),
    ("PRK", "RUS", "cat:artillery shell"): dict(
        status="delivered", contradicted=True, reports=2, corroboration=1, denials=1, grade="B4",
        confidence=0.20, origins=["named:kor", "official:PRK"],
        history=[("2023-09-20", "delivered", "assert", True), ("2023-10-14", "delivered", "deny", False)],
        links=[("STATEMENT", "statement about PRK->RUS artillery shells")]),
    ("PRK", "RUS", "kn-23"): dict(
        status="delivered", contradicted=False, reports=1, corroboration=1, denials=0, grade="B3",
        confidence=0.35, origins=["named:white house"], history=[("2024-01-04", "delivered", "assert", True)],
        links=[("ATTACK", "attack by RUS with kn-23, the claim's item")]),
    ("USA", "TWN", "m1-abrams"): dict(
        status="delivered", contradicted=False, reports=3, corroboration=3, denials=0, grade="A1",
        confidence=0.78, origins=["article", "named:taiwan's defence ministry", "official:USA"],
        history=[("2023-03-01", "delivered", "assert", True), ("2023-05-02", "agreed", "confirm", True),
                 ("2024-12-16", "delivered", "assert", True)],
        links=[("STATEMENT", "statement about USA->TWN m1-abrams")]),
}


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def corpus_db(backend, _pg_url, tmp_path_factory) -> str:
    """The corpus ingested once per engine, incrementally, by `armstrack.ingest`; tests copy it
    to change it."""
    return ingested(CORPUS, fresh_url(backend, tmp_path_factory.mktemp("claims"), "corpus.db"), 36)


@pytest.fixture
def db_path(db_url):
    """Every test here that takes `db_path` runs on SQLite and on PostgreSQL."""
    return db_url


@pytest.fixture
def work_db(corpus_db, backend, tmp_path) -> str:
    return copy_store(corpus_db, backend, tmp_path)


def by_key(found) -> dict[tuple[str, str, str], claims.Claim]:
    return {(c.supplier, c.recipient, c.item_key): c for c in found}


def facts(claim: claims.Claim) -> dict:
    return dict(
        status=claim.status, contradicted=claim.contradicted, reports=len(claim.reports),
        corroboration=claim.corroboration, denials=claim.denials, grade=claim.grade,
        origins=sorted("article" if p.origin.startswith("article:") else p.origin for p in claim.contributions),
        history=[(h.date, h.status, str(h.stance), h.changed) for h in claim.history],
        links=sorted((link.type, link.rule) for link in claim.links))


# ---- the corpus, fact by fact -----------------------------------------------------------
def test_corpus_gives_exactly_the_expected_claims(corpus_db):
    with armstrack.open_store(corpus_db) as store:
        found = by_key(claims.list_claims(store))
        overview = claims.overview(store)
    assert sorted(found) == sorted(EXPECTED)
    # one TRANSFER report ("Drones were delivered to the Houthis") has no supplier: no claim
    assert (overview.claims, overview.reports, overview.unattributed, overview.contradicted) == (10, 30, 1, 4)


@pytest.mark.parametrize("key", sorted(EXPECTED), ids="-".join)
def test_claim_facts(corpus_db, key):
    with armstrack.open_store(corpus_db) as store:
        claim = by_key(claims.list_claims(store))[key]
    expected = dict(EXPECTED[key])
    assert claim.confidence == pytest.approx(expected.pop("confidence"), abs=0.006)
    assert facts(claim) == expected


def test_reprints_of_one_wire_story_are_one_origin(corpus_db):
    with armstrack.open_store(corpus_db) as store:
        claim = by_key(claims.list_claims(store))[("RUS", "HOUTHIS", "p-800-oniks")]
    reuters = [r for r in claim.reports if r.origin.key == "agency:Reuters"]
    assert sorted(r.outlet for r in reuters) == ["Al Arabiya", "Defense News", "Kyiv Post", "The National"]
    assert [c.reports for c in claim.contributions if c.origin == "agency:Reuters"] == [4]
    # ...and "three unnamed sources" behind Reuters add nothing of their own
    assert claim.corroboration == 1


def test_category_report_joins_the_one_system_it_fits(corpus_db):
    with armstrack.open_store(corpus_db) as store:
        claim = by_key(claims.list_claims(store))[("IRN", "RUS", "fath-360")]
        lines = claims.explain(store, claim.id).lines()
    first = claim.reports[0]
    assert (first.report_date, first.item_id, first.category) == ("2024-08-10", None, "ballistic missile")
    assert first.rule == ("category ballistic missile covered by system fath-360 (the only IRN->RUS claim "
                          "it fits); within 730 days")
    assert any("first report of supplier IRN, recipient RUS, system fath-360" in line for line in lines)
    assert "  -0.15  IRN (official denial) [official denial, latest deny, 1 report(s)]" in lines


def test_two_systems_of_one_pair_never_merge(corpus_db):
    with armstrack.open_store(corpus_db) as store:
        iran = claims.list_claims(store, supplier="IRN", recipient="RUS")
        korea = claims.list_claims(store, supplier="PRK")
    assert sorted(c.item_key for c in iran) == ["fath-360", "shahed-136"]
    assert sorted(c.item_key for c in korea) == ["cat:artillery shell", "kn-23"]


def test_three_dates_stay_apart(corpus_db):
    with armstrack.open_store(corpus_db) as store:
        claim = by_key(claims.list_claims(store))[("IRN", "RUS", "fath-360")]
    confirmation = next(r for r in claim.reports if r.stance is Stance.CONFIRM)
    assert (confirmation.event_date, confirmation.report_date, confirmation.confirmed_on) == \
        ("2024-08", "2024-09-11", "2024-09-10")
    assert (claim.event_date, claim.first_reported, claim.confirmed_on) == ("2024-08", "2024-08-10", "2024-09-10")


def test_incremental_merge_equals_full_rebuild(work_db):
    with armstrack.open_store(work_db) as store:
        before = {c.id: c.to_dict() for c in claims.list_claims(store)}
        report = claims.rebuild(store)
        after = {c.id: c.to_dict() for c in claims.list_claims(store)}
    assert before == after
    assert report.alerts == [] and report.unattributed == 1


def test_adding_an_article_touches_only_its_claims(work_db, tmp_path):
    (tmp_path / "k2.txt").write_text("date 2023-05-10\n\nSouth Korea has delivered 18 K2 tanks to Poland, "
                                     "Yonhap reported.\n")
    [article] = read_sources([tmp_path / "k2.txt"])
    events = armstrack.extract_article(article)
    with armstrack.open_store(work_db) as store:
        before = {c.id: c.to_dict() for c in claims.list_claims(store)}
        k2 = by_key(claims.list_claims(store))[("KOR", "POL", "k2-black-panther")]
        store.add_article(article, events)
        report = claims.update_for_article(store, article.id)
        after = {c.id: c.to_dict() for c in claims.list_claims(store)}
    assert report.pairs == [("KOR", "POL")] and report.claims == [k2.id] and report.relinked == []
    assert len(after[k2.id]["reports"]) == 3
    assert {i: d for i, d in after.items() if i != k2.id} == {i: d for i, d in before.items() if i != k2.id}


def test_store_from_before_the_claims_tables_is_built_on_first_use(work_db):
    with armstrack.open_store(work_db) as store:
        ids = sorted(c.id for c in claims.list_claims(store))
        with store.db:  # what migration m003 leaves in a store that already held events
            store.db.execute("DELETE FROM claims")
            store.db.execute("INSERT INTO claim_settings VALUES ('needs_rebuild', '1')")
        assert sorted(c.id for c in claims.list_claims(store)) == ids


def test_window_is_configurable_and_ids_are_stable(work_db):
    with armstrack.open_store(work_db) as store:
        su35 = claims.list_claims(store, weapon="su-35")
        claims.rebuild(store, window_days=300)
        split = claims.list_claims(store, weapon="su-35")
        claims.rebuild(store, window_days=730)
        again = claims.list_claims(store, weapon="su-35")
    assert [len(c.reports) for c in split] == [1, 1, 1]
    assert [c.id for c in again] == [c.id for c in su35]


# ---- the real example article ----------------------------------------------------------
def test_example_article_and_a_second_report_make_one_claim(db_path):
    example = shared_path("examples", "kyiv-independent-2024-09-25-yakhont.txt")
    with armstrack.open_store(db_path) as store:
        armstrack.ingest([example, CORPUS / "2024-11-15-russia-denies-yakhont.txt"], store)
        [claim] = claims.list_claims(store, supplier="RUS", recipient="HOUTHIS")
    assert claim.item_id == "p-800-oniks" and claim.brokers == ("IRN",)
    assert [(r.report_date, str(r.stance)) for r in claim.reports] == [("2024-09-25", "assert"), ("2024-11-15", "deny")]
    assert claim.reports[1].rule.endswith("within 730 days (51 days after the previous report)")
    assert claim.status == "negotiating" and claim.contradicted


# ---- analyst review ---------------------------------------------------------------------
def _transfer(store, **roles) -> str:
    for stored in store.events(type="TRANSFER"):
        data = stored.data
        if all((data.get(role) or {}).get("id") == value for role, value in roles.items()):
            return stored.id
    raise AssertionError(roles)


def _state(store) -> dict:
    """Claim id -> (key, report count, status, analyst mark); keys repeat after a split."""
    return {c.id: ((c.supplier, c.recipient, c.item_key), len(c.reports), c.status, c.review)
            for c in claims.list_claims(store, include_rejected=True)}


def test_review_corrections_survive_reprocess(work_db):
    runner_db = ["--db", work_db]
    with armstrack.open_store(work_db) as store:
        houthi_drones = _transfer(store, supplier=None, recipient="HOUTHIS")
        rumour = _transfer(store, supplier="USA", recipient="TWN")
        reprint = next(r.event_id for r in by_key(claims.list_claims(store))[("RUS", "HOUTHIS", "p-800-oniks")].reports
                       if r.outlet == "Defense News")
        found = by_key(claims.list_claims(store))
        shells, kn23 = found[("PRK", "RUS", "cat:artillery shell")], found[("PRK", "RUS", "kn-23")]
        himars, su35 = found[("USA", "UKR", "m142-himars")], found[("RUS", "EGY", "su-35")]

        # report level: fill in a missing supplier, then correct the item of the claim it forms
        claims.correct(store, houthi_drones, field="supplier", value="IRN", by="ana", why="UN panel report")
        drones = claims.claim_for_event(store, houthi_drones)
        assert (drones.supplier, drones.recipient, drones.item_key) == ("IRN", "HOUTHIS", "cat:drone")
        claims.correct(store, drones.id, field="item", value="shahed-136", by="ana", why="UN panel photos")
        claims.split(store, rumour, by="ana", why="a rumour about an older lease")
        claims.accept(store, himars.id, by="ben", why="matches the Pentagon fact sheet")
    out = run("review", "reject", reprint, *runner_db, "--by", "ana", "--why", "duplicate of Al Arabiya")
    assert out.startswith("stored review 5 by ana on ") and ": reject (duplicate of Al Arabiya)" in out
    assert out.rstrip().endswith("now in no claim")
    out = run("review", "merge", kn23.id, shells.id, *runner_db, "--by", "ana", "--why", "same shipments")
    assert f"now in claim {kn23.id}" in out
    run("review", "reject", su35.id, *runner_db, "--by", "ben", "--why", "Egypt never signed")

    with armstrack.open_store(work_db) as store:
        reviewed = _state(store)
        keyed = {key: rest for key, *rest in reviewed.values()}
        assert len(reviewed) == 11 and len(keyed) == 10  # the split claim shares its key
        assert keyed[("IRN", "HOUTHIS", "shahed-136")][:2] == [1, "delivered"]
        assert keyed[("RUS", "HOUTHIS", "p-800-oniks")][0] == 4
        assert sorted(v[1:3] for v in reviewed.values() if v[0][:2] == ("USA", "TWN")) == \
            [(1, "delivered"), (2, "delivered")]
        assert reviewed[kn23.id][:2] == (("PRK", "RUS", "kn-23"), 3)
        assert shells.id not in reviewed
        assert reviewed[himars.id][3] == "accepted" and reviewed[su35.id][3] == "rejected"
        assert su35.id not in {c.id for c in claims.list_claims(store)}
        corrected = claims.claim_for_event(store, houthi_drones).reports[0].corrected
        assert corrected == ("supplier=IRN (review 1 by ana)", "item=shahed-136 (review 2 by ana)")

    assert run("reprocess", *runner_db) == "re-extracted 36 article(s)\n"
    with armstrack.open_store(work_db) as store:
        assert _state(store) == reviewed
        assert all(applied for _, applied in claims.reviews(store))
    listing = run("review", "list", *runner_db).splitlines()
    assert [line.split()[1:4] for line in listing] == [["applied", "review", str(n)] for n in range(1, 8)]


def test_review_needs_a_known_target_and_value(work_db):
    with armstrack.open_store(work_db) as store:
        event = _transfer(store, supplier="KOR")
        with pytest.raises(armstrack.ArmstrackError, match="no such actor.*armstrack kb search"):
            claims.correct(store, event, field="recipient", value="NOPE", by="ana", why="typo")
        with pytest.raises(armstrack.NotFound, match="no claim"):
            claims.accept(store, "cl-000000000000", by="ana", why="?")
        with pytest.raises(armstrack.ArmstrackError, match="correct one of"):
            claims.correct(store, event, field="colour", value="red", by="ana", why="?")
        with pytest.raises(armstrack.ArmstrackError, match="status 'sold'.*choose one of"):
            claims.correct(store, event, field="status", value="sold", by="ana", why="?")
        with pytest.raises(armstrack.ArmstrackError, match="quantity 'lots of'"):
            claims.correct(store, event, field="quantity", value="lots of", by="ana", why="?")
        assert claims.reviews(store) == []


# ---- alerts and the webhook -------------------------------------------------------------
class _Hook(http.server.BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Hook.received.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Hook.received = []
    yield f"http://127.0.0.1:{server.server_port}/hook", _Hook.received
    server.shutdown()
    server.server_close()
    thread.join()


def test_alerts_since_and_webhook(db_path, webhook):
    url, received = webhook
    files = sorted(CORPUS.iterdir())
    early = [f for f in files if f.name < "2024"] + [CORPUS / "afp-iris-t-reprints.jsonl"]
    with armstrack.open_store(db_path) as store:
        armstrack.ingest(early, store)
        stamp = claims.review.now()
        armstrack.ingest([f for f in files if f not in early], store)
        found = claims.alerts(store, since=stamp, by="ingested")
        by_id = {c.id: c for c in claims.list_claims(store)}
        assert claims.rebuild(store).alerts == []
    seen = {(a.kind, by_id[a.claim_id].item_key if a.claim_id in by_id else a.item) for a in found}
    # each change once: a new claim of a new pair is one alert; the category claim that merged
    # into fath-360 no longer exists and is left out (issue 11)
    assert seen == {
        ("new_claim", "kn-23"), ("new_claim", "fath-360"),
        ("contradiction", "fath-360"), ("new_pair", "p-800-oniks"),
        ("status_change", "m1-abrams"), ("status_change", "p-800-oniks"), ("contradiction", "p-800-oniks"),
        ("confidence_change", "fath-360"), ("confidence_change", "m1-abrams"), ("confidence_change", "p-800-oniks"),
        ("new_origin", "fath-360"), ("new_origin", "m1-abrams"), ("new_origin", "p-800-oniks")}
    assert len(found) == len({(a.kind, a.claim_id, a.status, a.confidence, a.origin) for a in found})
    taiwan = next(a for a in found if a.kind == "new_origin" and a.item == "m1-abrams")
    assert taiwan.origin == "Taiwan's defence ministry"
    # by news date (the default): changes whose news predates the bound are left out
    news = claims.alerts(armstrack.open_store(db_path), since="2024-09-12")
    assert {a.item for a in news if a.kind in ("new_claim", "new_pair")} == {"p-800-oniks"}
    assert all(a.report_date >= "2024-09-12" for a in news)
    abrams = next(a for a in found if a.kind == "status_change" and a.item == "m1-abrams")
    assert (abrams.previous, abrams.status, abrams.report_date) == ("agreed", "delivered", "2024-12-16")
    assert [(a.supplier, a.recipient) for a in found if a.kind == "new_pair"] == [("RUS", "HOUTHIS")]

    assert claims.post_alerts(found, url, since=stamp) == 200
    out = CliRunner().invoke(cli, ["alerts", "--db", db_path, "--ingested-since", stamp, "--webhook", url])
    assert out.exit_code == 0 and out.output.count("\n") == len(found) + 1
    assert f"posted {len(found)} alert(s) to {url} (HTTP 200)" in out.output
    [(kind1, first), (kind2, second)] = received
    assert kind1 == kind2 == "application/json"
    assert first == second and first["ok"] is True and first["count"] == len(found)
    assert first["alerts"][0] == found[0].to_dict()


def test_webhook_failure_is_one_line(db_path):
    with armstrack.open_store(db_path):
        pass
    result = CliRunner().invoke(cli, ["alerts", "--db", db_path, "--since", "2020-01-01",
                                      "--webhook", "http://127.0.0.1:9/nothing-listens"])
    assert result.exit_code == 1 and "cannot reach webhook" in result.output


# ---- exports ----------------------------------------------------------------------------
def _check_csv(text: str, what: str) -> None:
    rows = list(csv.DictReader(io.StringIO(text)))
    if what == "claims":
        assert len(rows) == 10
        k2 = next(r for r in rows if r["item_key"] == "k2-black-panther")
        assert (k2["status"], k2["grade"], k2["corroboration"]) == ("delivered", "B2", "2")
        # an article without an outlet is named by its title, URL or file, not a bare hash (issue 11)
        assert k2["sources"].endswith("2022-07-27-poland-buys-k2.txt\" (outlet unknown); Yonhap")
    else:
        assert len(rows) == 30
        assert sum(r["origin"] == "Reuters" for r in rows) == 4


def _check_jsonl(text: str, what: str) -> None:
    records = [json.loads(line) for line in text.splitlines()]
    if what == "claims":
        assert len(records) == 10
        restored = [claims.Claim.from_dict(r) for r in records]
        assert {c.item_key for c in restored} == {k[2] for k in EXPECTED}
    else:
        assert len(records) == 30 and all(r["claim_id"].startswith("cl-") for r in records)


def _check_register(text: str, what: str) -> None:
    rows = {r["Designation"]: r for r in csv.DictReader(io.StringIO(text))}
    assert len(rows) == 10
    k2 = rows["K2 Black Panther"]
    assert (k2["Supplier"], k2["Recipient"], k2["Description"]) == ("South Korea", "Poland", "main battle tank")
    assert (k2["Year of order"], k2["Number delivered"], k2["Year(s) of delivery"]) == ("2022", "10", "2022")
    su35 = rows["Su-35"]
    assert (su35["Status"], su35["Year of order"], su35["Year(s) of delivery"]) == ("cancelled", "2019", "2020")
    assert rows["(artillery shell)"]["Comments"] == "denied by PRK; contradicted"
    assert rows["M1 Abrams"]["Certainty"] == "A1, confidence 0.78; confirmed by USA"
    assert all(r["Articles"].count("tests/fixtures/claims/") >= 1 for r in rows.values())


def _check_graphml(text: str, what: str) -> None:
    import networkx as nx

    from armstrack.export.graphml import read_network

    graph = read_network(io.BytesIO(text.encode("utf-8")))
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == {"DEU", "UKR", "IRN", "RUS", "KOR", "POL", "USA", "PRK", "EGY", "HOUTHIS", "TWN"}
    # typed, named nodes (issue 11: nodes had no type)
    assert graph.nodes["HOUTHIS"]["kind"] == "armed_group" and graph.nodes["RUS"]["kind"] == "state"
    assert graph.nodes["KOR"]["name"] == "South Korea"
    edges = list(graph.edges(data=True))
    assert [d["kind"] for _, _, d in edges].count("transfer") == 10
    assert not any(d["kind"] == "broker" for _, _, d in edges)
    # two IRN->RUS claims are two parallel edges, with grade and the contradicted flag on each
    iran = sorted((d["item"], d["grade"], d["contradicted"]) for d in graph.get_edge_data("IRN", "RUS").values())
    assert iran == [("fath-360", "B3", True), ("shahed-136", "A1", True)]
    k2 = next(d for _, _, d in edges if d["item"] == "k2-black-panther")
    assert k2["sources"].count("tests/fixtures/claims/") == 2  # provenance on the edge


CHECKS = {"csv": _check_csv, "jsonl": _check_jsonl, "register": _check_register, "graphml": _check_graphml}


def test_every_exporter_has_a_test():
    assert set(exporters()) == set(CHECKS)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_exporter(corpus_db, tmp_path, name):
    for what in exporters()[name].what:
        target = tmp_path / f"out-{what}{exporters()[name].suffix}"
        result = CliRunner().invoke(cli, ["export", "--db", corpus_db, "--format", name, "--what", what,
                                          "-o", str(target)])
        assert result.exit_code == 0, result.output
        CHECKS[name](target.read_text(encoding="utf-8"), what)


def test_export_refuses_what_it_cannot_write(corpus_db):
    result = CliRunner().invoke(cli, ["export", "--db", corpus_db, "--format", "register", "--what", "reports"])
    assert result.exit_code == 1 and "the register export writes claims, not reports" in result.output


# ---- the command line -------------------------------------------------------------------
def test_claims_listing(corpus_db):
    table = run("claims", "--db", corpus_db, "--recipient", "HOUTHIS").splitlines()
    assert table[0].split() == ["ID", "WHO", "WHAT", "STATUS", "CONF", "GRADE", "ORIGINS", "REPORTS", "LAST", "FLAGS"]
    assert len(table) == 2 and "RUS -> HOUTHIS  P-800 Oniks [anti-ship missile]" in table[1]
    assert table[1].split()[-6:] == ["0.20", "B4", "1-1", "5", "2024-11-15", "contradicted"]
    lines = run("claims", "--db", corpus_db, "--status", "delivered", "--since", "2024-01-01", "--json").splitlines()
    assert sorted(json.loads(line)["item_key"] for line in lines) == ["fath-360", "kn-23", "m1-abrams"]
    rows = list(csv.DictReader(io.StringIO(run("claims", "--db", corpus_db, "--weapon", "cat:artillery shell", "--csv"))))
    assert [(r["supplier"], r["denials"]) for r in rows] == [("PRK", "1")]


def test_claim_show_and_explain(corpus_db):
    with armstrack.open_store(corpus_db) as store:
        claim = by_key(claims.list_claims(store))[("USA", "TWN", "m1-abrams")]
    shown = run("claim", claim.id, "--db", corpus_db).splitlines()
    assert shown[0] == f"{claim.id}  USA -> TWN  M1 Abrams [main battle tank]"
    assert "  2023-05-02 * agreed      confirm agreed      confirmed by USA" in shown
    assert shown[shown.index("linked events:") + 1].split()[1:3] == ["STATEMENT", claim.links[0].event_id]
    explained = run("claim", claim.id, "--db", corpus_db, "--explain")
    assert "confidence 0.78 = max(0.05, 1 - prod(1 - w) - 0.15 x denials):" in explained
    assert "grading A1 (Admiralty: reliability A, credibility 1)" in explained
    assert json.loads(run("claim", claim.id, "--db", corpus_db, "--json"))["id"] == claim.id
    missing = CliRunner().invoke(cli, ["claim", "cl-nope", "--db", corpus_db])
    assert missing.exit_code == 1 and missing.output == "Error: no claim 'cl-nope'; list them with: armstrack claims\n"


CLAIM_COMMANDS = [("claims",), ("claim",), ("review", "accept"), ("review", "reject"), ("review", "correct"),
                  ("review", "status"), ("review", "stance"), ("review", "split"), ("review", "merge"),
                  ("review", "undo"), ("review", "log"), ("review", "list"), ("alerts",), ("export",),
                  ("rebuild-claims",)]


@pytest.mark.parametrize("command", CLAIM_COMMANDS, ids=" ".join)
def test_claim_commands_have_help_and_are_documented(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0 and "Example: armstrack " + " ".join(command) in result.output
    assert "armstrack " + " ".join(command) in (ROOT / "docs" / "cli.md").read_text()


# ---- the rules, one by one --------------------------------------------------------------
@pytest.mark.parametrize("general, specific, broad, expected", [
    ("missile", "ballistic missile", None, True),
    ("ballistic missiles", "short-range ballistic missile", None, True),
    ("drone", "one-way attack drone", None, True),
    ("missile", "one-way attack drone", None, False),
    ("air defence systems", "surface-to-air missile system", "air defence systems", True),
    ("artillery shell", "short-range ballistic missile", "missiles", False),
    (None, "drone", None, False),
])
def test_category_cover(general, specific, broad, expected):
    assert covers(general, specific, broad) is expected


@pytest.mark.parametrize("sources, outlet, key, kind", [
    (["Reuters", "seven unnamed sources"], "Kyiv Post", "agency:Reuters", OriginKind.AGENCY),
    (["seven unnamed sources", "the news agency"], "Kyiv Post", "outlet:Kyiv Post", OriginKind.UNNAMED),
    (["two officials familiar with the matter"], None, "article:a1", OriginKind.UNNAMED),
    (["the Pentagon"], "CNN", "named:us department of defense", OriginKind.NAMED),
    (["Pentagon"], "AP", "named:us department of defense", OriginKind.NAMED),
    (["a Western intelligence source"], "BBC", "agency:BBC", OriginKind.UNNAMED),
    (["officials"], "BBC", "agency:BBC", OriginKind.UNNAMED),
    ([], "BBC", "agency:BBC", OriginKind.OUTLET),     # the BBC's own story and citations of it: one origin
    ([], "Daily Nation", "outlet:Daily Nation", OriginKind.OUTLET),
    (["the Associated Press"], "BBC", "agency:Associated Press", OriginKind.AGENCY),
    # one actor however it is written: the state, or its institutions
    (["Ukrainian intelligence"], "BBC", "named:ukr", OriginKind.NAMED),
    (["Ukraine's military intelligence"], "BBC", "named:ukr", OriginKind.NAMED),
    (["Ukraine"], "BBC", "named:ukr", OriginKind.NAMED),
    # a wire's own story (its outlet read from the dateline) is the agency's origin, as a citation of it
    ([], "Reuters", "agency:Reuters", OriginKind.OUTLET),
    (["two officials familiar with the matter"], "AP", "agency:Associated Press", OriginKind.UNNAMED),
])
def test_origin_of(sources, outlet, key, kind):
    origin = origin_of(stance=Stance.ASSERT, sources=sources, confirmed_by=(), denied_by=(), outlet=outlet,
                       article_id="a1")
    assert (origin.key, origin.kind) == (key, kind)


def _report(n: int, date: str, status: str, *, stance=Stance.ASSERT, certainty="asserted",
            origin=("outlet:X", OriginKind.OUTLET)) -> Report:
    return Report(event_id=f"ev-{n}", article_id=f"a{n}", outlet="X", report_date=date,
                  origin=Origin(origin[0], origin[0], origin[1]), stance=stance, certainty=certainty,
                  status=status, supplier="USA", recipient="TWN", item_id="m1-abrams", category="main battle tank",
                  order=n, confirmed_by=("USA",) if stance is Stance.CONFIRM else (),
                  denied_by=("TWN",) if stance is Stance.DENY else ())


def test_status_rules():
    rumour = _report(1, "2024-01-01", "delivered", certainty="hedged")
    official = _report(2, "2024-02-01", "agreed", stance=Stance.CONFIRM, origin=("official:USA", OriginKind.CONFIRMATION))
    denial = _report(3, "2024-03-01", "agreed", stance=Stance.DENY, origin=("official:TWN", OriginKind.DENIAL))
    stale = _report(4, "2024-04-01", "negotiating", origin=("outlet:Y", OriginKind.OUTLET))
    cancel = _report(5, "2024-05-01", "cancelled", certainty="hedged", origin=("outlet:Z", OriginKind.OUTLET))
    status, history = derive_history([cancel, stale, denial, official, rumour])  # any input order
    assert [(h.status, h.changed) for h in history] == [
        ("delivered", True),   # a rumour sets the first status
        ("agreed", True),      # a later official confirmation outranks it
        ("agreed", False),     # a denial is shown beside, never erases
        ("agreed", False),     # an earlier stage from a no better source does not regress
        ("cancelled", True)]   # a cancellation after the others cancels
    assert status == "cancelled"


@pytest.mark.parametrize("halt", ["suspended", "refused", "seized", "cancelled"])
def test_a_halt_stops_a_claim_where_it_was_and_later_progress_takes_it_up(halt):
    approved = _report(1, "2024-01-01", "approved", origin=("official:USA", OriginKind.NAMED))
    offered = _report(2, "2024-02-01", "offered", origin=("outlet:Y", OriginKind.OUTLET))
    stopped = _report(3, "2024-03-01", halt, certainty="hedged", origin=("outlet:Z", OriginKind.OUTLET))
    denied = _report(4, "2024-04-01", "delivering", stance=Stance.DENY, origin=("official:TWN", OriginKind.DENIAL))
    resumed = _report(5, "2024-05-01", "delivering", origin=("outlet:Y", OriginKind.OUTLET))
    status, history = derive_history([resumed, denied, stopped, offered, approved])
    assert [(h.status, h.changed) for h in history] == [
        ("approved", True),
        ("approved", False),   # an offer is an earlier stage than an approved sale
        (halt, True),          # a halt, however hedged, stops it
        (halt, False),         # a denial of delivery does not take it up
        ("delivering", True)]  # a later report of progress does
    assert status == "delivering"
    assert derive_history([approved, stopped])[0] == halt


def test_the_stages_run_from_idea_to_use_and_the_halts_stand_apart():
    from armstrack.records import HALTS, STAGES, Status

    assert [str(s) for s in STAGES] == ["considered", "requested", "offered", "negotiating", "approved",
                                        "agreed", "delivering", "delivered", "used"]
    assert {str(s) for s in HALTS} == {"suspended", "refused", "seized", "cancelled"}
    assert all(s.halts for s in HALTS) and not any(s.halts for s in STAGES)
    assert set(STAGES) | HALTS == set(Status)


def test_confidence_and_grading():
    parts = contributions([
        _report(1, "2024-01-01", "delivered", origin=("agency:Reuters", OriginKind.AGENCY)),
        _report(2, "2024-01-02", "delivered", origin=("agency:Reuters", OriginKind.AGENCY)),
        _report(3, "2024-01-03", "delivered", certainty="hedged"),
        _report(4, "2024-02-01", "delivered", stance=Stance.DENY, origin=("official:TWN", OriginKind.DENIAL))])
    assert [(p.origin, p.weight, p.reports) for p in parts] == [
        ("agency:Reuters", 0.35, 2), ("outlet:X", 0.15, 1), ("official:TWN", -0.15, 1)]
    assert confidence(parts) == round(1 - 0.65 * 0.85 - 0.15, 2)
    assert grade(parts, "USA", "TWN") == "B3"
    denied = contributions([_report(4, "2024-02-01", "delivered", stance=Stance.DENY,
                                    origin=("official:TWN", OriginKind.DENIAL))])
    assert (confidence(denied), grade(denied, "USA", "TWN")) == (0.05, "F5")


def test_a_person_for_a_state_counts_as_that_state_in_claims(tmp_path):
    """'President X of Belarus received jets' and 'Russia delivered jets to Belarus' are one
    RUS->BLR claim: a titled person stands for the state (docs/how-it-works.md, people as actors)."""
    (tmp_path / "a.txt").write_text(
        "Belarusian President Lukas Varen said on Monday that he had received 12 Su-30 fighter jets "
        "from Russia.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Russia has delivered 12 Su-30 fighter jets to Belarus, the defence ministry in Minsk said.\n",
        encoding="utf-8")
    store = armstrack.open_store(str(tmp_path / "p.db"))
    try:
        armstrack.ingest([tmp_path / "a.txt", tmp_path / "b.txt"], store)
        found = claims.list_claims(store, supplier="RUS", recipient="BLR")
        assert len(found) == 1 and len(found[0].reports) == 2, found
    finally:
        store.close()


def test_a_company_keeps_its_id_and_pairs_as_its_state(tmp_path):
    """"Rosoboronexport delivered" and "Russia delivered" report one deal: the company's event
    keeps the company (with its state), the claim pairs it as Russia."""
    (tmp_path / "a.txt").write_text("date 2025-01-10\nRosoboronexport said it had delivered six Su-35 "
                                    "fighter jets to Algeria.\n")
    (tmp_path / "b.txt").write_text("date 2025-01-12\nRussia has delivered six Su-35 fighter jets to "
                                    "Algeria, officials in Algiers said.\n")
    with armstrack.open_store(str(tmp_path / "t.db")) as store:
        assert armstrack.ingest([tmp_path], store).added == 2
        suppliers = sorted(e.data["supplier"]["id"] for e in store.events(type="TRANSFER"))
        assert suppliers == ["ROSOBORONEXPORT", "RUS"]
        company = next(e.data["supplier"] for e in store.events(type="TRANSFER")
                       if e.data["supplier"]["id"] == "ROSOBORONEXPORT")
        assert company["state"] == "RUS"
        [claim] = claims.list_claims(store)
        assert (claim.supplier, claim.recipient, claim.item_id, len(claim.reports)) == ("RUS", "DZA", "su-35", 2)
