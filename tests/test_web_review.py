"""The claim page's review in a few clicks (issue 24): one form, the reviewer's name typed once
per browser session, a banner after each action saying what was saved with an undo, every
action in the audit trail; and the status history drawn as a chart on the server."""
from __future__ import annotations

import re

import pytest

import armstrack
from armstrack.web import create_app
from conftest import EXAMPLES
from webutil import WEB_FIXTURES, copy_store, in_process


@pytest.fixture(scope="module")
def web_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("review") / "web.db"
    with armstrack.open_store(str(path)) as store:
        report = armstrack.ingest([EXAMPLES, WEB_FIXTURES], store)
    assert report.errors == []
    return str(path)


@pytest.fixture
def client(web_db, tmp_path):
    return in_process(create_app(copy_store(web_db, tmp_path / "copy.db")), follow_redirects=False)


def csrf_of(client) -> str:
    client.get("/claims")
    return client.cookies.get("armstrack_csrf")


def iris(client) -> dict:
    """DEU -> UKR IRIS-T SLM: two reports, the second a German confirmation."""
    [claim] = client.get("/api/claims", params={"supplier": "DEU"}).json()["items"]
    return client.get(f"/api/claims/{claim['id']}").json()


def main_of(html: str) -> str:
    return html[html.index("<main>"):html.index("</main>")]


def test_the_page_has_one_review_form_with_the_name_once(client):
    claim = iris(client)
    page = main_of(client.get(f"/claims/{claim['id']}").text)
    assert page.count("<form") == 1 and 'id="review"' in page
    assert len(re.findall(r'<input[^>]*name="by"', page)) == 1 and len(re.findall(r'<input[^>]*name="why"', page)) == 1
    # every report has its panel of buttons, all in that one form
    panels = re.findall(r'<div class="review-panel" role="group" aria-label="review this report">', page)
    assert len(panels) == len(claim["reports"]) == 2
    for report in claim["reports"]:
        for action in ("accept", "reject", "split", "stance:deny"):
            assert f'form="review" name="do" value="{action} {report["event_id"]}"' in page
    visible = [i for i in re.findall(r"<(?:input|select)\b[^>]*>", page) if 'type="hidden"' not in i]
    assert len(visible) <= 8, visible          # the old page had 21 inputs in 9 forms


def test_a_review_says_what_was_saved_and_undoes_from_the_banner(client):
    claim = iris(client)
    report = next(r for r in claim["reports"] if r["stance"] == "confirm")
    csrf = csrf_of(client)
    done = client.post(f"/claims/{claim['id']}/review", data={
        "csrf": csrf, "do": f"reject {report['event_id']}", "by": "ana", "why": "the statement is about another battery"})
    assert done.status_code == 303
    review_id = int(done.headers["location"].rsplit("done=", 1)[1])
    assert done.headers["location"] == f"/claims/{claim['id']}?done={review_id}"
    assert client.cookies.get("armstrack_reviewer") == "ana"
    page = client.get(done.headers["location"]).text
    assert re.search(r'<div class="banner saved" id="review-done" role="status" data-review="%d" data-action="reject" '
                     r'data-applies="1">' % review_id, page)
    assert f"rejected report {report['event_id']}, by ana: “the statement is about another battery”" in page
    assert f'name="do" value="undo {review_id}"' in page and 'id="undo-review"' in page
    assert re.search(r'<input name="by" value="ana"', page)             # the name is remembered
    assert client.get(f"/api/claims/{claim['id']}").json()["reports"].__len__() == 1

    undo = client.post(f"/claims/{claim['id']}/review", data={"csrf": csrf, "do": f"undo {review_id}", "by": "ana"})
    assert undo.status_code == 303
    page = client.get(undo.headers["location"]).text
    assert 'data-action="undo"' in page and f"undid review #{review_id} (rejected report {report['event_id']})" in page
    after = client.get(f"/api/claims/{claim['id']}").json()
    assert len(after["reports"]) == 2 and after["status"] == claim["status"]
    # both are in the audit trail: the review, undone, and the undo
    trail = {(a["action"], bool(a["undone_at"])) for a in after["audit"]}
    assert {("reject", True), ("undo", False)} <= trail


def test_stance_and_status_by_button_and_the_name_once(client):
    claim = iris(client)
    csrf = csrf_of(client)
    report = next(r for r in claim["reports"] if r["stance"] != "deny")
    first = client.post(f"/claims/{claim['id']}/review", data={
        "csrf": csrf, "do": f"stance:deny {report['event_id']}", "by": "ben", "why": "Berlin denied it"})
    assert first.status_code == 303
    assert client.get(f"/api/claims/{claim['id']}").json()["contradicted"] is True
    # the second review: the page gives the name back, the reviewer types only the reason
    page = client.get(first.headers["location"]).text
    assert re.search(r'<input name="by" value="ben"', page) and "marked report" in page and "as a denial" in page
    second = client.post(f"/claims/{claim['id']}/review", data={
        "csrf": csrf, "do": f"status {claim['id']}", "status": "delivering", "by": "ben", "why": "half arrived"})
    assert second.status_code == 303
    assert client.get(f"/api/claims/{claim['id']}").json()["status"] == "delivering"
    assert "set the claim&#39;s status to delivering" in client.get(second.headers["location"]).text


def test_a_review_without_a_name_or_reason_says_what_is_missing(client):
    claim = iris(client)
    csrf = csrf_of(client)
    headers = {"accept": "text/html"}
    no_name = client.post(f"/claims/{claim['id']}/review", headers=headers,
                          data={"csrf": csrf, "do": f"accept {claim['id']}", "why": "checked"})
    assert no_name.status_code == 400 and "reviewing as" in no_name.text
    no_reason = client.post(f"/claims/{claim['id']}/review", headers=headers,
                            data={"csrf": csrf, "do": f"accept {claim['id']}", "by": "ana"})
    assert no_reason.status_code == 400 and "needs a reason" in no_reason.text
    bad = client.post(f"/claims/{claim['id']}/review", headers=headers,
                      data={"csrf": csrf, "do": "explode cl-1", "by": "ana", "why": "x"})
    assert bad.status_code == 400
    assert client.post(f"/claims/{claim['id']}/review", data={"do": f"accept {claim['id']}", "by": "a",
                                                              "why": "b"}).status_code == 403   # no CSRF


def test_rejecting_the_last_report_leads_to_the_log(client):
    [claim] = client.get("/api/claims", params={"supplier": "FRA"}).json()["items"]
    csrf = csrf_of(client)
    done = client.post(f"/claims/{claim['id']}/review", data={
        "csrf": csrf, "do": f"reject {claim['reports'][0]['event_id']}", "by": "ana", "why": "an old order"})
    assert done.status_code == 303 and done.headers["location"].startswith("/reviews#review-")


def test_the_status_history_is_a_chart(client):
    claim = iris(client)
    page = client.get(f"/claims/{claim['id']}").text
    svg = page[page.index('<svg class="status-chart"'):page.index("</svg>", page.index('<svg class="status-chart"'))]
    marks = re.findall(r'<g class="mark (\w+)', svg)
    assert sorted(marks) == sorted(step["stance"] for step in claim["history"] if step["status"] or step["reported"])
    rows = re.findall(r'<text class="row-label[^"]*"[^>]*>([^<]+)</text>', svg)
    assert set(rows) == {v for step in claim["history"] for v in (step["status"], step["reported"]) if v}
    assert '<path class="status-line" d="M' in svg
