"""The pages in real headless Chromium (Playwright) against a uvicorn server on a free loopback
port: ingest the examples through the form, filter, open a claim, reject a report and undo it,
and read the network. Saves docs/img/claim.png and docs/img/network.png for the README."""
from __future__ import annotations

import os
import socket
import threading
import time

import pytest

from conftest import EXAMPLES, ROOT
from webutil import WEB_FIXTURES

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
    import uvicorn

    from armstrack.cli.web import check_serving
    from armstrack.web import create_app

    path = str(tmp_path_factory.mktemp("browser") / "browser.db")
    app = create_app(path, allowed_hosts=check_serving("127.0.0.1", None), create=True)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    assert running.started
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


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
    page.screenshot(path=str(IMG / "claim.png"), full_page=True)

    # reject the confirming report and watch the claim change
    form = confirm.locator("form.review:has(button[data-action=reject])")
    form.locator("input[name=by]").fill("ana")
    form.locator("input[name=why]").fill("the ministry statement is about another battery")
    form.locator("button[data-action=reject]").click()
    page.wait_for_function("document.querySelector('#claim-status').textContent.trim().startsWith('agreed')")
    assert page.text_content("#claim-reports").strip() == "1"
    assert "reject" in page.text_content("ol.audit") and "ana" in page.text_content("ol.audit")

    # undo it
    import armstrack.claims.api as review_api

    if hasattr(review_api, "undo"):
        undo = page.locator("form.review:has(button[data-action=undo])")
        undo.locator("input[name=by]").fill("ana")
        undo.locator("button[data-action=undo]").click()
        page.wait_for_function("document.querySelector('#claim-status').textContent.trim().startsWith('delivered')")
        assert page.text_content("#claim-reports").strip() == "2"

    # the network: its nodes are the actors of the claims
    page.goto(server + "/network")
    page.wait_for_selector("#network g.node")
    nodes = set(page.eval_on_selector_all("#network g.node", "els => els.map(e => e.dataset.id)"))
    assert {"DEU", "UKR", "FRA", "EGY", "CHN", "KOR", "PHL", "ISR", "BLR", "RUS"} <= nodes
    edges = page.eval_on_selector_all("#network path.edge.transfer",
                                      "els => els.map(e => e.dataset.source + '>' + e.dataset.target)")
    assert "DEU>UKR" in edges and "FRA>EGY" in edges
    page.screenshot(path=str(IMG / "network.png"), full_page=True)

    # filtered by status, only the negotiations stay
    page.select_option("select[name=status]", "negotiating")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/network?*status=negotiating*")
    edges = page.eval_on_selector_all("#network path.edge", "els => els.map(e => e.dataset.source + '>' + e.dataset.target)")
    assert sorted(edges) == ["CHN>EGY", "ISR>PHL"]


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
