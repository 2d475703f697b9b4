"""The records' storage codec (issue 22): every field of an Event survives storage, where the
JSON contract keeps one filler per role and guesses filler kinds back."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import armstrack
from armstrack.ingest import read_sources
from armstrack.records import (Certainty, CertaintyLevel, Event, EventType, Evidence, Filler, Quantity, Status,
                               decode, encode)
from conftest import FIXTURES, ROOT


def test_every_event_of_the_examples_and_the_claims_corpus_survives_the_codec():
    paths = sorted((ROOT / "examples").glob("*.txt")) + sorted((FIXTURES / "claims").glob("*.txt"))
    events = [e for a in read_sources(paths) for e in armstrack.extract_text(a.text, a.published)]
    assert len(events) > 40
    for event in events:
        stored = json.dumps(encode(event))          # what the store writes: plain JSON
        assert decode(json.loads(stored)) == event


def test_what_the_contract_drops_the_codec_keeps():
    first = Filler("actor", "Algeria", 40, 47, id="DZA", name="Algeria", via="kb")
    second = Filler("actor", "the Algerian Air Force", 90, 112, id="DZA", name="Algeria", via="demonym")
    firm = Filler("actor", "Rosoboronexport", 0, 15, id="ROSOBORONEXPORT", name="Rosoboronexport", state="RUS")
    event = Event(type=EventType.TRANSFER, roles={"supplier": (firm,), "recipient": (first, second)},
                  evidence=(Evidence("Rosoboronexport delivered jets to Algeria.", 0, 41),),
                  article={"id": "a1", "published": "2025-03-05", "outlet": None}, status=Status.DELIVERED,
                  certainty=Certainty(CertaintyLevel.ATTRIBUTED, sources=("Interfax",)),
                  quantity=Quantity("four", 4, 4), when="2025-02")
    back = decode(json.loads(json.dumps(encode(event))))
    assert back == event and back.roles["recipient"][1].text == "the Algerian Air Force"
    # the contract names the recipient by its first filler; the second is a span with no text
    contract = Event.from_dict(json.loads(json.dumps(event.to_dict())))
    assert contract.roles["recipient"][1].text == "" and contract.roles["recipient"][0].via is None


def test_a_record_of_another_version_is_refused_by_name():
    record = encode(Event(type=EventType.MEETING, roles={}, evidence=(), article={}))
    with pytest.raises(ValueError, match="version 9"):
        decode({**record, "v": 9})
