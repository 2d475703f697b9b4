"""Regions as filter values (issue 24: `--recipient "Middle East"` was an error): the data file
is checked against the knowledge base, and every filter that takes an actor takes a region."""
from __future__ import annotations

import pycountry
import pytest
from click.testing import CliRunner

import armstrack
from armstrack import query
from armstrack.cli import cli
from armstrack.resolve.filters import FilterError, resolve_actors
from armstrack.resolve.kb import load_kb
from armstrack.resolve.regions import REGIONS_FILE, find_region, load_regions, region_of
from armstrack.resources import load_yaml

UNINHABITED = {"IOT", "SGS"}     # in no subregion: no one there buys or sells arms


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_the_subregions_partition_the_states_of_the_knowledge_base(kb):
    states = {e.id for e in kb.entities.values() if e.kind == "state"}
    subregions = load_yaml(REGIONS_FILE)["subregions"]
    listed = [state for members in subregions.values() for state in members]
    assert len(listed) == len(set(listed)), "a state in two subregions"
    assert set(listed) == states - UNINHABITED


def test_every_member_is_an_iso3_state_of_the_knowledge_base(kb):
    for name, members in load_regions().items():
        assert members, name
        for state in members:
            assert kb.entities[state].kind == "state", (name, state)
            assert pycountry.countries.get(alpha_3=state) is not None, (name, state)


def test_no_region_is_also_a_name_of_the_knowledge_base(kb):
    for name in load_regions():
        assert kb.get(name.upper()) is None and kb.get(name.lower()) is None, name
        assert kb.lookup(name) == [], (name, kb.lookup(name))


def test_groups_join_their_parts():
    regions = load_regions()
    assert set(regions["Africa"]) == set(regions["North Africa"]) | set(regions["Sub-Saharan Africa"])
    assert set(regions["Asia and Oceania"]) >= set(regions["East Asia"]) | set(regions["Oceania"])
    assert set(regions["Gulf"]) < set(regions["Middle East"])
    assert region_of("IRN") == "Middle East" and region_of("UKR") == "Eastern Europe"


@pytest.mark.parametrize("value", ["Middle East", "middle east", "  MIDDLE   East "])
def test_a_region_in_any_case_stands_for_its_states_and_the_actors_based_there(value):
    assert find_region(value) == "Middle East"
    ids = resolve_actors(value)
    assert {"IRN", "EGY", "SAU", "TUR", "YEM"} <= set(ids)
    assert "HOUTHIS" in ids and "HEZBOLLAH" in ids          # armed groups by their country
    assert "RUS" not in ids and "AIRBUS" not in ids


def test_an_actor_is_still_one_id():
    assert resolve_actors("Russia") == ("RUS",)
    assert resolve_actors("") == () and resolve_actors(None) == ()


def test_a_misspelt_region_suggests_the_region():
    with pytest.raises(FilterError, match="regions near it: Middle East"):
        resolve_actors("Midle East", "recipient")


def test_claims_and_events_filter_by_region(examples_db):
    with armstrack.open_store(examples_db) as store:
        every = query.list_claims(store, per_page=500).items
        mideast = set(load_regions()["Middle East"])
        found = query.list_claims(store, recipient="Middle East", per_page=500)
        assert found.total and {c.pair for c in found.items} == {c.pair for c in every if c.recipient in mideast}
        europe = query.list_claims(store, supplier="Europe", recipient="Middle East", per_page=500)
        assert {c.pair for c in europe.items} == {c.pair for c in found.items if c.supplier in load_regions()["Europe"]}
        events = query.list_events(store, type="TRANSFER", recipient="Middle East", per_page=500)
        every_event = query.list_events(store, type="TRANSFER", per_page=500).items
        recipient = lambda e: (e.to_dict().get("recipient") or {}).get("id")   # noqa: E731
        assert events.total and {e.id for e in events.items} == {e.id for e in every_event if recipient(e) in mideast}


def test_the_cli_takes_a_region(examples_db):
    done = CliRunner().invoke(cli, ["claims", "--db", examples_db, "--recipient", "Middle East"])
    assert done.exit_code == 0, done.output
    assert "-> EGY" in done.output and "-> UKR" not in done.output
