"""The pages in real headless Chromium (Playwright) against a uvicorn server on a free loopback
port: ingest the examples through the form, filter, open a claim, reject a report and undo it,
and read the network. Saves docs/img/claim.png and docs/img/network.png for the README."""
from __future__ import annotations

import os
import socket
import time

import pytest

from conftest import EXAMPLES, ROOT
from webutil import WEB_FIXTURES, served

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]
IMG = ROOT / "docs" / "img"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                                  reason=f"{CHROMIUM} is absent (.ci/run installs it with apt-get)")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`armstrack serve`'s app on an empty store, in uvicorn on a free loopback port."""
    from armstrack.cli.web import check_serving
    from armstrack.web import create_app

    path = str(tmp_path_factory.mktemp("browser") / "browser.db")
    with served(create_app(path, allowed_hosts=check_serving("127.0.0.1", None), create=True)) as url:
        yield url


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        errors: list[str] = []
        elsewhere: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        # nothing is fetched from anywhere but the server: no CDN, no font, no analytics
        tab.on("request", lambda request: None if request.url.startswith(server + "/")
               else elsewhere.append(request.url))
        yield tab
        browser.close()
        assert errors == [] and elsewhere == []


def until(page, expression: str, test, seconds: float = 10.0):
    """Poll `expression` in the page until `test` holds for its value (page.wait_for_function
    evaluates strings, which the pages' CSP refuses); returns the value."""
    deadline = time.monotonic() + seconds
    while True:
        value = page.evaluate(expression)
        if test(value) or time.monotonic() > deadline:
            assert test(value), (expression, value)
            return value
        time.sleep(0.05)


def assert_labels_apart(page) -> None:
    """No two actor labels the network shows overlap (network.js places them, busiest first)."""
    boxes = page.evaluate("armstrackLabels")
    shown = page.evaluate("armstrackNetwork.nodes().filter(n => !n.hasClass('nolabel')).length")
    assert boxes and len(boxes) == shown
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]), (a, b)


def test_analyst_session(server, page):
    # ingest the bundled examples and the German confirmation through the upload form
    files = sorted(str(p) for p in EXAMPLES.glob("*.txt")) + [str(WEB_FIXTURES / "confirmation.txt")]
    page.goto(server + "/ingest")
    page.set_input_files("input[name=files]", files)
    page.click("form.ingest button[type=submit]")
    page.wait_for_selector("#job[data-state=finished]")
    assert page.text_content("#job-done") == page.text_content("#job-total") == str(len(files))
    assert "7 article(s) added" in page.text_content("#job-summary")

    # filter the claims by supplier
    page.goto(server + "/claims")
    assert page.locator("tr.claim").count() == 6
    page.fill("input[name=supplier]", "DEU")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/claims?*supplier=DEU*")
    rows = page.locator("tr.claim")
    assert rows.count() == 1 and rows.first.get_attribute("data-supplier") == "DEU"

    # open the claim: its evidence with the role spans highlighted
    rows.first.locator("a[href^='/claims/cl-']").click()
    page.wait_for_selector("h1.claim-title")
    assert page.text_content("#claim-status").strip().startswith("delivered")
    assert page.text_content("#claim-reports").strip() == "2"
    confirm = page.locator("section.report", has_text="confirmed")
    assert confirm.locator("mark.role-supplier").first.text_content() == "Germany"
    assert confirm.locator("mark.role-recipient").first.text_content() == "Ukraine"
    assert "IRIS-T" in confirm.locator("mark.role-item").first.text_content()
    background = confirm.locator("mark.role-supplier").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")        # styled, so visible
    IMG.mkdir(parents=True, exist_ok=True)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    # the status history is a chart drawn on the server
    assert page.locator("#status-chart g.mark").count() >= 2

    # review in a few clicks (issue 24): the name and a reason once, then the report's button
    page.fill("#review input[name=by]", "ana")
    page.fill("#review input[name=why]", "the ministry statement is about another battery")
    confirm.locator("button[data-action=reject]").click()
    page.wait_for_selector("#review-done[data-action=reject]")
    banner = page.text_content("#review-done")
    assert "Saved:" in banner and "rejected report" in banner and "ana" in banner
    assert page.text_content("#claim-status").strip().startswith("agreed")
    assert page.text_content("#claim-reports").strip() == "1"
    assert "reject" in page.text_content("ol.audit") and "ana" in page.text_content("ol.audit")

    # undo it from the banner
    page.click("#undo-review")
    page.wait_for_selector("#review-done[data-action=undo]")
    assert "Undone:" in page.text_content("#review-done")
    assert page.text_content("#claim-status").strip().startswith("delivered")
    assert page.text_content("#claim-reports").strip() == "2"

    # the name is remembered for the session: the next review needs only its reason
    assert page.input_value("#review input[name=by]") == "ana"
    page.fill("#review input[name=why]", "checked against the ministry's release")
    page.click(f"button[data-action=accept][value='accept {page.url.split('/claims/')[1].split('?')[0]}']")
    page.wait_for_selector("#review-done[data-action=accept]")
    assert "accepted the claim, by ana" in page.text_content("#review-done")
    page.screenshot(path=str(IMG / "claim.png"), full_page=True)

    # the network (issue 24): Cytoscape.js over the pair counts, hover, zoom, a filter
    page.goto(server + "/network")
    page.wait_for_selector("#network[data-ready='1']")
    nodes = set(page.evaluate("armstrackNetwork.nodes().map(n => n.id())"))
    assert {"DEU", "UKR", "FRA", "EGY", "CHN", "KOR", "PHL", "ISR", "BLR", "RUS"} <= nodes
    edges = page.evaluate("armstrackNetwork.edges('.transfer').map(e => e.data('source') + '>' + e.data('target'))")
    assert "DEU>UKR" in edges and "FRA>EGY" in edges
    assert page.locator("#network-legend .node-key").count() >= 4 and page.locator("#network-legend .edge-key").count() == 4
    assert_labels_apart(page)

    # hover an edge: a tooltip with its pair, system, status and confidence
    box = page.locator("#network").bounding_box()
    at = page.evaluate("(() => { const e = armstrackNetwork.edges().filter(e => e.data('source') === 'DEU' && "
                       "e.data('target') === 'UKR')[0]; return e.renderedMidpoint(); })()")
    page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
    page.wait_for_selector("#network-tip:not([hidden])")
    tip = page.text_content("#network-tip")
    assert "Germany → Ukraine" in tip and "IRIS-T SLM" in tip and "delivered" in tip and "confidence" in tip
    page.screenshot(path=str(IMG / "network.png"), full_page=True)

    # zoom: the wheel and the buttons change the scale
    before = page.evaluate("armstrackNetwork.zoom()")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(4):          # Cytoscape.js zooms a few per cent per wheel event
        page.mouse.wheel(0, -300)
    zoomed = until(page, "armstrackNetwork.zoom()", lambda zoom: zoom > before * 1.1)
    time.sleep(0.3)                          # labels are placed again once the zoom settles
    assert_labels_apart(page)
    page.click("#zoom-out")
    assert page.evaluate("armstrackNetwork.zoom()") < zoomed

    # filtered by status, only the negotiations stay
    total = page.evaluate("armstrackNetwork.edges().length")
    page.select_option("form.filters select[name=status]", "negotiating")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/network?*status=negotiating*")
    page.wait_for_selector("#network[data-ready='1']")
    edges = page.evaluate("armstrackNetwork.edges().map(e => e.data('source') + '>' + e.data('target'))")
    assert sorted(edges) == ["CHN>EGY", "ISR>PHL"] and len(edges) < total
    assert violations == []


def test_a_remerged_claim_id_redirects_to_its_successor(server, page, tmp_path):
    """Issue 24: articles ingested in an order that merges two claims; the id the first ingest
    showed still opens, on the claim that holds its reports, which says so."""
    texts = {"early.txt": "date: 2020-01-10\n\nRussia has delivered Su-35 fighter jets to Iran, the Iranian defence "
                          "ministry said on Friday.\n",
             "late.txt": "date: 2023-03-01\n\nRussia delivered more Su-35 fighter jets to Iran, the Iranian defence "
                         "ministry said on Monday.\n",
             "bridge.txt": "date: 2021-08-01\n\nRussia delivered a second batch of Su-35 fighter jets to Iran, the "
                           "Iranian defence ministry said.\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    def upload(*names):
        page.goto(server + "/ingest")
        page.set_input_files("input[name=files]", [str(tmp_path / n) for n in names])
        page.click("form.ingest button[type=submit]")
        page.wait_for_selector("#job[data-state=finished]")

    upload("early.txt", "late.txt")
    page.goto(server + "/claims?supplier=RUS&recipient=IRN&sort=first_reported&order=asc")
    ids = page.eval_on_selector_all("tr.claim", "els => els.map(e => e.dataset.claim)")
    assert len(ids) == 2          # the 2020 claim first, then the 2023 one
    upload("bridge.txt")
    page.goto(server + f"/claims/{ids[1]}")
    page.wait_for_selector("#moved-notice")
    assert page.url.endswith(f"/claims/{ids[0]}?from={ids[1]}")
    assert f"{ids[1]} was merged into {ids[0]}" in page.text_content("#moved-notice")
    assert page.text_content("#claim-reports").strip() == "3"


def test_the_api_docs_render_offline_under_the_pages_csp(server, page):
    """/api/docs is Swagger UI from the package: every request stays on this server (no CDN,
    nothing blocked by the Content-Security-Policy), and it lists the API's operations."""
    requests, violations = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(server + "/api/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock-summary-path", timeout=20000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/claims" in paths and "/api/claims/{claim_id}" in paths
    assert requests and all(url.startswith(server) for url in requests), requests
    assert violations == []
