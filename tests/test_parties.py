"""A claim pairs a company or a service as its state and keeps the party named (issue 23,
class 1): each report its side's firm or service, the claim the parties its reports name, shown
by `armstrack claim`, the claim page, the CSV and the register."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

import armstrack
from armstrack import claims
from armstrack.claims.parties import party_of, parties
from armstrack.cli import cli
from armstrack.records import Filler

NIGERIA = """Nigeria orders patrol boats from Turkey's Dearsan

date: 2025-03-03

The Nigerian Navy has ordered two patrol boats from Turkish shipbuilder Dearsan, a navy spokesman said on Monday.
"""
EXPORTER = """Algeria receives Su-30 fighters

date: 2025-03-05

Rosoboronexport delivered four Su-30MKA fighters to Algeria last week, the Russian arms exporter said.
"""
STATE = """Russia completes Algerian fighter order

date: 2025-03-09

Russia delivered Su-30MKA fighters to the Algerian Air Force, the defence ministry in Algiers said.
"""


def test_a_firm_or_a_service_is_a_party_and_a_state_is_not():
    firm = Filler("actor", "Dearsan", 0, 7, id="DEARSAN", name="Dearsan Shipyard", state="TUR")
    provisional = Filler("actor", "Brevanor", 0, 8, id="firm:brevanor", name="Brevanor", state="BEL")
    navy = Filler("actor", "the Nigerian Navy", 0, 17, id="NGA", name="Nigeria", via="demonym")
    ministry = Filler("actor", "Czech Defence Ministry", 0, 22, id="CZE", name="Czechia")
    state = Filler("actor", "Nigeria", 0, 7, id="NGA", name="Nigeria")
    group = Filler("actor", "Houthi rebels", 0, 13, id="HOUTHIS", name="Houthis")
    assert [party_of(f) for f in (firm, provisional, navy, ministry, state, group, None)] == [
        "Dearsan Shipyard", "Brevanor", "Nigerian Navy", "Czech Defence Ministry", None, None, None]
    assert parties(["Rosoboronexport", None, "Rosoboronexport", "Almaz-Antey"]) == ("Rosoboronexport", "Almaz-Antey")


def test_claims_keep_the_firm_and_the_service_beside_the_states(tmp_path):
    for name, text in (("nigeria.txt", NIGERIA), ("exporter.txt", EXPORTER), ("state.txt", STATE)):
        (tmp_path / name).write_text(text)
    db = str(tmp_path / "parties.db")
    with armstrack.open_store(db) as store:
        armstrack.ingest(sorted(tmp_path.glob("*.txt")), store)
        found = {(c.supplier, c.recipient): c for c in claims.list_claims(store)}
    boats, jets = found[("TUR", "NGA")], found[("RUS", "DZA")]
    assert (boats.supplier_parties, boats.recipient_parties) == (("Dearsan Shipyard",), ("Nigerian Navy",))
    # the exporter's report and the state's are one claim, which names the exporter and the service
    assert len(jets.reports) == 2 and jets.supplier_parties == ("Rosoboronexport",)
    assert jets.recipient_parties == ("Algerian Air Force",)
    assert {r.supplier_party for r in jets.reports} == {"Rosoboronexport", None}

    # a firm or a service finds its claims
    from armstrack import query

    with armstrack.open_store(db) as store:
        assert [c.id for c in query.list_claims(store, q="dearsan").items] == [boats.id]
        assert [c.id for c in query.list_claims(store, q="algerian air force").items] == [jets.id]

    runner = CliRunner()
    # a firm as a filter finds the claims its reports make, paired as its state
    for supplier, expected in (("Dearsan", [boats.id]), ("Turkey", [boats.id]), ("Rosoboronexport", [jets.id]),
                               ("Airbus", [])):
        listed = runner.invoke(cli, ["claims", "--db", db, "--supplier", supplier, "--json"])
        assert listed.exit_code == 0, listed.output
        assert [json.loads(line)["id"] for line in listed.output.splitlines()] == expected, supplier
    shown = runner.invoke(cli, ["claim", "--db", db, boats.id])
    assert shown.exit_code == 0, shown.output
    assert "  parties: supplier Dearsan Shipyard; recipient Nigerian Navy" in shown.output.splitlines()
    table = runner.invoke(cli, ["export", "--db", db, "--format", "csv"])
    rows = {(r["supplier"], r["recipient"]): r for r in csv.DictReader(io.StringIO(table.output))}
    assert rows[("RUS", "DZA")]["supplier_parties"] == "Rosoboronexport"
    assert rows[("TUR", "NGA")]["recipient_parties"] == "Nigerian Navy"
    register = runner.invoke(cli, ["export", "--db", db, "--format", "register"])
    comments = {r["Claim"]: r["Comments"] for r in csv.DictReader(io.StringIO(register.output))}
    assert comments[boats.id].startswith("supplier: Dearsan Shipyard; recipient: Nigerian Navy")

    from armstrack.web.app import create_app
    from webutil import in_process

    page = in_process(create_app(db)).get(f"/claims/{jets.id}")
    assert page.status_code == 200
    assert "supplier: Rosoboronexport; recipient: Algerian Air Force" in page.text


def test_a_claim_stored_before_parties_reads_with_none():
    from armstrack.claims.model import Claim

    with_parties = Claim.from_dict({**_minimal(), "supplier_parties": ["Dearsan Shipyard"]})
    without = Claim.from_dict(_minimal())
    assert with_parties.supplier_parties == ("Dearsan Shipyard",) and without.supplier_parties == ()


def _minimal() -> dict:
    return {"id": "cl-1", "supplier": "TUR", "recipient": "NGA", "item_key": "cat:patrol vessel", "item_id": None,
            "item_name": None, "category": "patrol vessel", "status": "agreed", "contradicted": False,
            "confidence": 0.2, "grade": "D3", "corroboration": 1, "denials": 0, "first_reported": None,
            "last_reported": None, "reports": [], "history": [], "links": [], "contributions": []}


def test_a_service_named_after_its_state_in_one_event_is_kept_from_the_stored_record(tmp_path):
    """The JSON contract names the recipient by its first filler ("Nigeria"); the stored record
    keeps the second ("the Nigerian Navy"), and the claim names it."""
    from datetime import date

    from armstrack.records import Article, Certainty, Event, EventType, Evidence, Status

    text = "Nigeria orders boats from Dearsan. The Nigerian Navy ordered two patrol boats from Dearsan."
    article = Article(id="a" * 16, text=text, published=date(2025, 3, 3), source="t.txt")
    nigeria = Filler("actor", "Nigeria", 0, 7, id="NGA", name="Nigeria", via="kb")
    navy = Filler("actor", "The Nigerian Navy", 35, 52, id="NGA", name="Nigeria", via="demonym")
    firm = Filler("actor", "Dearsan", 25, 32, id="DEARSAN", name="Dearsan Shipyard", state="TUR")
    boats = Filler("item", "boats", 15, 20, category="patrol vessel", broad="ships")
    event = Event(type=EventType.TRANSFER, roles={"supplier": (firm,), "recipient": (nigeria, navy), "item": (boats,)},
                  evidence=(Evidence(text[:34], 0, 34),), article=article.ref(), status=Status.AGREED,
                  certainty=Certainty())
    with armstrack.open_store(str(tmp_path / "s.db")) as store:
        assert store.add_article(article, [event])
        claims.update_for_article(store, article.id)
        [claim] = claims.list_claims(store)
    assert (claim.supplier, claim.recipient) == ("TUR", "NGA")
    assert (claim.supplier_parties, claim.recipient_parties) == (("Dearsan Shipyard",), ("Nigerian Navy",))
