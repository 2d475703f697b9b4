"""armstrack.query, the library under the CLI and the web: validated filters, paging, typed
records with provenance, review with an audit log and undo. Real pipeline, real SQLite files:
the claims corpus (tests/fixtures/claims, 36 articles about ten transfers)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import armstrack
from armstrack import query
from armstrack.records import Event
from conftest import FIXTURES, copy_store, fresh_url, ingested

CORPUS = FIXTURES / "claims"
ONIKS, FATH, SU35, KN23, SHELLS, K2 = ("cl-9f3774ccf87d", "cl-27f77e6b185f", "cl-68486a060c17",
                                       "cl-dab20c69e868", "cl-e5330820b41c", "cl-8701eeb75887")


@pytest.fixture(scope="module")
def corpus(backend, _pg_url, tmp_path_factory) -> str:
    return ingested(CORPUS, fresh_url(backend, tmp_path_factory.mktemp("query"), "corpus.db"), 36)


@pytest.fixture(scope="module")
def store(corpus):
    with armstrack.open_store(corpus) as opened:
        yield opened


@pytest.fixture
def work(corpus, backend, tmp_path):
    """A private copy of the corpus store, for tests that review."""
    with armstrack.open_store(copy_store(corpus, backend, tmp_path)) as opened:
        yield opened


def ids(page) -> list[str]:
    return [item.id for item in page.items]


# ---- filters ----------------------------------------------------------------------------
@pytest.mark.parametrize("value, since, until", [
    ("2024-09-25", "2024-09-25", "2024-09-25"), ("2024-09", "2024-09-01", "2024-09-30"),
    ("2024", "2024-01-01", "2024-12-31"), ("2024-02", "2024-02-01", "2024-02-29"),
    ("7d", "2025-03-08", "2025-03-15"), ("2w", "2025-03-01", "2025-03-15"), ("3m", "2024-12-15", "2025-03-15"),
    ("1y", "2024-03-15", "2025-03-15"), ("today", "2025-03-15", "2025-03-15"),
    ("Yesterday", "2025-03-14", "2025-03-14"),
])
def test_dates_iso_and_relative(value, since, until):
    today = date(2025, 3, 15)
    assert query.parse_since(value, today=today) == since
    assert query.parse_until(value, today=today) == until


@pytest.mark.parametrize("value", ["15/01/2025", "2024-13", "2024-02-30", "last week", "20240115", "-3d"])
def test_a_date_armstrack_cannot_read_is_an_error_saying_what_it_reads(store, value):
    # `claims --since 15/01/2025` used to list everything (issue 11)
    with pytest.raises(query.FilterError, match=r"since .*2024-09-25.*7d"):
        query.list_claims(store, since=value)


def test_ids_any_case_and_names_through_the_knowledge_base(store):
    russia = ids(query.list_claims(store, supplier="RUS"))
    assert len(russia) == 2
    # `--supplier rus` and `--supplier Russia` said "(no claims)" (issue 11)
    for spelling in ("rus", "Russia", "Moscow", "the Kremlin"):
        assert ids(query.list_claims(store, supplier=spelling)) == russia
    # `--weapon Su-35` found nothing while the table showed "Su-35"
    for spelling in ("Su-35", "su-35", "SU-35S"):
        assert ids(query.list_claims(store, weapon=spelling)) == [SU35]
    assert ids(query.list_claims(store, weapon="Yakhont")) == [ONIKS]
    assert set(ids(query.list_claims(store, weapon="ballistic missiles"))) == {FATH, KN23}
    assert set(ids(query.list_claims(store, category="missiles"))) == {FATH, KN23, ONIKS}


def test_an_unknown_value_suggests_the_nearest(store):
    with pytest.raises(query.FilterError, match=r"supplier 'Rusia'.*nearest: RUS \(Russia\)"):
        query.list_claims(store, supplier="Rusia")
    with pytest.raises(query.FilterError, match=r"weapon 'Su-53'.*nearest:.*su-"):
        query.list_claims(store, weapon="Su-53")
    with pytest.raises(query.FilterError, match=r"status 'deliverd'.*nearest: delivered"):
        query.list_claims(store, status="deliverd")
    with pytest.raises(query.FilterError, match="type 'transfers'.*nearest: TRANSFER"):
        query.list_events(store, type="transfers")


# ---- paging and sorting -----------------------------------------------------------------
def test_pages_cover_every_claim_once_in_order(store):
    first = query.list_claims(store, sort="confidence", order="desc", per_page=4)
    assert (first.total, first.pages, len(first.items)) == (10, 3, 4)
    every = [c for n in range(1, 4) for c in query.list_claims(store, sort="confidence", per_page=4, page=n).items]
    assert len({c.id for c in every}) == 10
    scores = [c.confidence for c in every]
    assert scores == sorted(scores, reverse=True)
    assert query.list_claims(store, per_page=4, page=9).items == []
    for bad in (dict(page=0), dict(per_page=0), dict(per_page=501), dict(sort="colour"), dict(order="up")):
        with pytest.raises(armstrack.ArmstrackError):
            query.list_claims(store, **bad)


def test_period_filters_keep_claims_reported_within_it(store):
    autumn = query.list_claims(store, since="2024-09", until="2024-10")
    # claims whose reporting overlaps the period (M1 Abrams: reported from 2023-03 to 2024-12)
    assert set(ids(autumn)) == {FATH, ONIKS, "cl-2983cd7f3485"}
    assert all(c.last_reported >= "2024-09-01" and c.first_reported <= "2024-10-31" for c in autumn.items)
    assert set(ids(query.list_claims(store, until="2019"))) == {SU35}


# ---- articles and events ----------------------------------------------------------------
def test_full_text_search_with_snippets_and_provenance(store):
    found = query.list_articles(store, q="Yakhont missiles")
    assert found.total >= 1
    hit = found.items[0]
    assert {t.casefold() for t, is_hit in hit.snippet_parts() if is_hit} >= {"yakhont"}
    assert hit.provenance.source.endswith(".txt") or hit.provenance.url
    assert hit.provenance.ingested and hit.provenance.published
    # FTS syntax in the input is read as words, never an SQL error
    for text in ('"unbalanced', "P-800 OR", "NEAR(", "a:b", "*"):
        query.list_articles(store, q=text)
    assert query.list_articles(store, q="xylophone").total == 0


def test_article_with_its_events_and_spans(store):
    listed = query.list_articles(store, since="2024-09-11", until="2024-09-11")
    assert listed.total == 1
    article = query.get_article(store, listed.items[0].id[:8])  # a unique prefix is enough
    assert article.id == listed.items[0].id and article.events
    for view in article.events:
        assert view.provenance == article.provenance
        for name, fillers in view.event.roles.items():
            for filler in fillers:
                if filler.text and filler.end > filler.start:
                    assert article.text[filler.start:filler.end] == filler.text, name
        for evidence in view.event.evidence:
            assert article.text[evidence.start:evidence.end] == evidence.sentence
    with pytest.raises(armstrack.NotFound, match="no article"):
        query.get_article(store, "ffffffffffff")


def test_events_filtered_and_read_back_as_typed_records(store):
    transfers = query.list_events(store, type="transfer", supplier="Iran", per_page=500)
    assert transfers.total >= 7
    assert all(v.event.role("supplier").id == "IRN" for v in transfers.items)
    drones = query.list_events(store, weapon="Shahed-136", per_page=500)
    assert drones.total >= 2 and all(
        "shahed-136" in {(v.event.role("item") or v.event.role("weapon")).id} for v in drones.items)
    one = query.get_event(store, transfers.items[0].id)
    assert one.id == transfers.items[0].id and one.provenance.article_id == one.event.article["id"]
    stored = store.event(one.id).data
    assert {**one.event.to_dict(), "id": one.id} == stored  # Event.from_dict reads back what was stored


def test_event_from_dict_round_trips_every_stored_event(store):
    for stored in store.events():
        data = {k: v for k, v in stored.data.items() if k != "id"}
        assert Event.from_dict(data).to_dict() == data


# ---- claims -----------------------------------------------------------------------------
def test_a_claim_with_provenance_spans_timeline_and_links(store):
    view = query.get_claim(store, FATH)
    claim = view.claim
    assert [(h.date, h.stance) for h in claim.history][:2] == [("2024-08-10", "assert"), ("2024-09-11", "confirm")]
    assert {link.type for link in claim.links} >= {"SANCTION", "STATEMENT", "ATTACK"}
    data = view.to_dict()
    for report, out in zip(claim.reports, data["reports"]):
        assert out["provenance"]["source"].startswith(str(CORPUS))
        assert out["provenance"]["ingested"]
        roles = {s["role"] for s in out["spans"]}
        assert {"supplier", "recipient"} <= roles or {"item"} <= roles
        for span in out["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(report.evidence)
    # no origin reads "article 0595... (outlet unknown)" any more: it names the file or title
    assert not any(r.origin.label.startswith("article ") for r in claim.reports)


def test_actors_weapons_and_the_network(store):
    top = query.list_actors(store).items[0]
    assert (top.id, top.kind, top.receives) == ("RUS", "state", 4)
    iran = query.get_actor(store, "Tehran")
    assert {c.id for c in iran.supplies} == {FATH, "cl-54f1f5737c46"}
    assert iran.sanctions and all(
        "IRN" in {f.id for f in s.event.roles["target"]} for s in iran.sanctions)
    weapons = {w.key: w for w in query.list_weapons(store, category="missiles").items}
    assert set(weapons) == {"fath-360", "kn-23", "p-800-oniks"} and weapons["kn-23"].suppliers == ("PRK",)
    net = query.network(store, status="delivered")
    assert {n.id: n.kind for n in net.nodes}["RUS"] == "state"
    assert {e.claim for e in net.edges} == {c.id for c in query.list_claims(store, status="delivered").items}
    assert all(e.kind == "transfer" and e.grade for e in net.edges)


# ---- review -----------------------------------------------------------------------------
def _report(claim_id, store, **match):
    claim = query.get_claim(store, claim_id).claim
    return next(r for r in claim.reports if all(getattr(r, k) == v for k, v in match.items()))


def test_set_a_reports_status_and_stance_then_undo(work):
    before = query.get_claim(work, K2).claim
    agreed = _report(K2, work, status="agreed")
    query.set_status(work, agreed.event_id, "delivered", by="ana", why="the MoD says so")
    assert query.get_claim(work, K2).claim.history[0].reported == "delivered"
    # a report marked a denial: the claim becomes contradicted and loses confidence
    query.set_stance(work, agreed.event_id, "deny", by="ana", why="it is a denial, misread")
    after = query.get_claim(work, K2).claim
    assert after.contradicted and after.confidence < before.confidence and after.denials == 1
    # undo the stance, then the status: the claim is what it was
    assert query.undo(work, by="ben").other == "2"
    assert not query.get_claim(work, K2).claim.contradicted
    query.undo(work, by="ben", why="premature")
    restored = query.get_claim(work, K2)
    assert restored.claim.to_dict() == before.to_dict() | {"reviews": restored.claim.to_dict()["reviews"]}
    log = restored.audit
    assert [(c.id, str(c.action), c.by, bool(c.undone_at)) for c in log] == [
        (1, "correct", "ana", True), (2, "correct", "ana", True), (3, "undo", "ben", False), (4, "undo", "ben", False)]
    with pytest.raises(armstrack.ArmstrackError, match="nothing to undo"):
        query.undo(work, by="ben")
    with pytest.raises(armstrack.ArmstrackError, match="already undone"):
        query.undo(work, 1, by="ben")


def test_a_claims_status_overrides_the_derived_one(work):
    query.set_status(work, SU35, "delivered", by="ana", why="the jets were seen in Egypt")
    assert query.get_claim(work, SU35).claim.status == "delivered"
    assert query.list_claims(work, status="delivered", supplier="RUS").total == 1
    query.undo(work, by="ana")
    assert query.get_claim(work, SU35).claim.status == "cancelled"


def test_correct_any_role(work):
    report = _report(ONIKS, work, outlet="Defense News")
    query.correct(work, report.event_id, field="quantity", value="about 40", by="ana", why="the text says so")
    query.correct(work, ONIKS, field="broker", value="Iran", by="ana", why="Tehran hosted the talks")
    claim = query.get_claim(work, ONIKS).claim
    assert claim.brokers == ("IRN",)
    assert next(r for r in claim.reports if r.event_id == report.event_id).quantity == "about 40"
    net = query.network(work, supplier="RUS", recipient="Houthis")
    legs = sorted((e.source, e.target, e.leg) for e in net.edges if e.kind == "broker")
    # goods flow supplier -> broker -> recipient: the supplier never gains an in-edge
    assert legs == [("IRN", "HOUTHIS", "from broker"), ("RUS", "IRN", "to broker")]
    assert {n.id: n.roles for n in net.nodes}["IRN"] == ("broker",)
    query.correct(work, report.event_id, field="recipient", value="ansar allah", by="ana", why="same")
    with pytest.raises(armstrack.ArmstrackError, match="stance 'maybe'"):
        query.set_stance(work, report.event_id, "maybe", by="ana", why="?")


def test_merge_across_parties_needs_force_and_the_old_id_points_to_the_new_claim(work):
    # PAK->BGD JF-17 joined ITA->BGD Eurofighter without a word (issue 11)
    with pytest.raises(armstrack.ArmstrackError, match="different parties.*--force"):
        query.merge(work, FATH, KN23, by="ana", why="?")
    assert query.review_log(work) == []
    query.merge(work, KN23, SHELLS, by="ana", why="same shipments")  # same parties: no force needed
    merged = query.get_claim(work, SHELLS)
    assert (merged.id, merged.redirected_from) == (KN23, SHELLS)
    assert len(merged.claim.reports) == 3 and [c.action for c in merged.audit] == ["merge"]
    query.merge(work, FATH, KN23, by="ana", why="one programme", force=True)
    assert query.get_claim(work, SHELLS).id == FATH  # redirects follow each other
    query.undo(work, by="ana")
    assert query.get_claim(work, KN23).id == KN23 and query.get_claim(work, SHELLS).id == KN23


def test_reject_hides_a_claim_from_listings_and_alerts(work):
    assert ONIKS in {a.claim_id for a in query.alerts(work, since="2000")}
    query.reject(work, ONIKS, by="ana", why="satire")
    assert ONIKS not in ids(query.list_claims(work, per_page=500))
    assert ONIKS in ids(query.list_claims(work, include_rejected=True, per_page=500))
    assert ONIKS not in {a.claim_id for a in query.alerts(work, since="2000")}
    assert ONIKS not in {e.claim for e in query.network(work).edges}


def test_alerts_by_news_date_or_by_ingest_time(store):
    news = query.alerts(store, since="2024-09-12")
    assert news and all(a.report_date >= "2024-09-12" for a in news)
    assert {a.claim_id for a in news} == {FATH, ONIKS, "cl-2983cd7f3485"}
    # by ingest time everything was stored today: alerts for 2025-05-01 listed it all (issue 11)
    assert len(query.alerts(store, since="today", by="ingested")) > len(news)
    assert query.alerts(store, since="2030-01-01") == []
    with pytest.raises(query.FilterError):
        query.alerts(store, since="15/01/2025")
