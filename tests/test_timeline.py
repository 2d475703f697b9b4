"""The timeline is in the order things happened (issue 24: a 2022 event came after 2024 ones,
ordered by the date of the article reporting it): an event's own date, else its article's, on
both engines, in the library, the API and the page; a date filter reads the same date; an
article given a date later carries its undated events along."""
from __future__ import annotations

import re
from datetime import date

import pytest

import armstrack
from armstrack import query
from armstrack.records import Article, Event, EventType, Evidence, Filler, Status
from armstrack.text import content_id
from armstrack.web import create_app
from webutil import in_process

# (article date, the event's own date, supplier): reported in this order, happened in another
REPORTS = [(date(2024, 5, 2), "2022-03", "RUS"), (date(2023, 1, 10), None, "FRA"),
           (date(2024, 1, 5), None, "USA"), (date(2025, 2, 1), "2021", "CHN")]


def _article(published: date | None, when: str | None, supplier: str, number: int) -> tuple[Article, list[Event]]:
    sentence = f"{supplier} delivered tanks to Egypt."
    event = Event(EventType.TRANSFER, {"supplier": (Filler("actor", supplier, 0, 3, id=supplier, name=supplier),),
                                       "recipient": (Filler("actor", "Egypt", 27, 32, id="EGY", name="Egypt"),)},
                  (Evidence(sentence, 0, len(sentence)),), status=Status.DELIVERED, when=when)
    text = f"{sentence} Report {number}."
    return Article(id=content_id(text), text=text, title=f"Report {number}", published=published,
                   source=f"timeline:{number}"), [event]


@pytest.fixture
def store(db_url):
    with armstrack.open_store(db_url) as opened:
        for number, (published, when, supplier) in enumerate(REPORTS):
            opened.add_article(*_article(published, when, supplier, number))
        yield opened


def _suppliers(events) -> list[str]:
    return [e.to_dict()["supplier"]["id"] for e in events]


def test_events_are_listed_by_when_they_happened(store):
    found = query.list_events(store, type="TRANSFER").items
    assert _suppliers(found) == ["CHN", "RUS", "FRA", "USA"]      # 2021, 2022-03, 2023-01-10, 2024-01-05
    assert _suppliers(query.list_events(store, type="TRANSFER", since="2022", until="2023").items) == ["RUS", "FRA"]


def test_an_article_dated_later_carries_its_undated_events(store):
    article, events = _article(None, None, "DEU", 9)
    store.add_article(article, events)
    assert _suppliers(query.list_events(store, type="TRANSFER").items)[0] == "DEU"   # undated: first
    dated = Article(id=article.id, text=article.text, title=article.title, published=date(2026, 1, 1),
                    source=article.source)
    assert store.add_missing_metadata(article.id, dated) is True
    assert _suppliers(query.list_events(store, type="TRANSFER").items)[-1] == "DEU"


def test_the_timeline_page_and_api_follow_that_order(tmp_path):
    path = str(tmp_path / "timeline.db")
    with armstrack.open_store(path) as opened:
        for number, (published, when, supplier) in enumerate(REPORTS):
            opened.add_article(*_article(published, when, supplier, number))
    client = in_process(create_app(path))
    api = client.get("/api/events", params={"type": "TRANSFER"}).json()["items"]
    assert [e["supplier"]["id"] for e in api] == ["CHN", "RUS", "FRA", "USA"]
    page = client.get("/timeline", params={"type": "TRANSFER"}).text
    assert re.findall(r"<time>([^<]+)</time>", page) == ["2021", "2022-03", "2023-01-10", "2024-01-05"]
