"""Facets, the trend chart, the world map and bulk review in real headless Chromium (Playwright)
against uvicorn on a free loopback port, as tests/test_web_browser.py does (issue 24). The store:
the bundled examples plus 300 synthetic claims over 2014-2024 (tests/synthetic.py). Saves
docs/img/claims-facets.png, trends.png and map.png for docs/web.md."""
from __future__ import annotations

import json
import os
import re
import urllib.request

import pytest

import armstrack
from armstrack.resolve.regions import load_regions
from conftest import EXAMPLES, ROOT
from synthetic import add_synthetic_claims
from webutil import served

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]
IMG = ROOT / "docs" / "img"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                                  reason=f"{CHROMIUM} is absent (.ci/run installs it with apt-get)")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app over the examples and the synthetic claims, in uvicorn on a free loopback port."""
    from armstrack.cli.web import check_serving
    from armstrack.web import create_app

    path = str(tmp_path_factory.mktemp("browser-counts") / "counts.db")
    with armstrack.open_store(path) as store:
        assert armstrack.ingest([EXAMPLES], store).errors == []
        add_synthetic_claims(store, 300)
    with served(create_app(path, allowed_hosts=check_serving("127.0.0.1", None))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(server, browser):
    """A new tab; at the end, no script error, no CSP violation, nothing fetched elsewhere."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    tab.on("request", lambda request: None if request.url.startswith(server + "/") else errors.append(request.url))
    yield tab
    context.close()
    assert errors == []


def api(server: str, path: str) -> dict:
    with urllib.request.urlopen(server + path) as response:
        return json.loads(response.read())


def test_clicking_a_facet_filters_the_table(server, page):
    page.goto(server + "/claims")
    facets = page.locator("#facets section.facet")
    assert {facets.nth(i).get_attribute("data-facet") for i in range(facets.count())} >= \
        {"supplier", "recipient", "status", "category", "system", "year", "grade"}
    first = page.locator("section.facet[data-facet=supplier] a.facet-value").first
    value = first.get_attribute("data-value")
    count = int(first.locator("xpath=following-sibling::span[1]").text_content().replace(",", ""))
    first.click()
    page.wait_for_url(f"**/claims?supplier={value}")
    rows = page.locator("tr.claim")
    assert rows.count() == min(count, 50)
    assert {rows.nth(i).get_attribute("data-supplier") for i in range(rows.count())} == {value}
    assert api(server, f"/api/claims?supplier={value}&facets=none")["total"] == count
    assert page.locator("section.facet[data-facet=supplier] a.facet-value.selected").get_attribute("data-value") == value
    IMG.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMG / "claims-facets.png"), full_page=False)

    # a second facet narrows further; its count is the table's
    year = page.locator("section.facet[data-facet=year] a.facet-value").first
    year_value = year.get_attribute("data-value")
    year_count = int(year.locator("xpath=following-sibling::span[1]").text_content().replace(",", ""))
    year.click()
    page.wait_for_url(re.compile(rf".*supplier={value}.*year={year_value}|.*year={year_value}.*supplier={value}"))
    assert page.locator("tr.claim").count() == min(year_count, 50)

    # the selected value, clicked again, removes its filter
    page.locator("section.facet[data-facet=year] a.facet-value.selected").click()
    page.wait_for_url(f"**/claims?supplier={value}")
    assert page.locator("tr.claim").count() == min(count, 50)


def test_the_trend_chart_draws_a_bar_per_year_and_follows_the_filters(server, page):
    page.goto(server + "/trends")
    page.wait_for_selector("#trend-svg rect.bar.claims")
    data = api(server, "/api/trends")
    bars = page.locator("#trend-svg rect.bar.claims")
    assert bars.count() == len(data["years"]) >= 10
    heights = {b.get_attribute("data-year"): float(b.get_attribute("height")) for b in bars.all()}
    busiest = max(data["years"], key=lambda y: y["claims"])["year"]
    assert heights[busiest] == max(heights.values()) > 0
    assert page.locator("#trend-svg rect.bar.deliveries").count() == len(data["years"])
    assert page.locator("#trend-svg .tick").count() > 3                      # axes drawn
    IMG.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMG / "trends.png"), full_page=True)

    page.fill("input[name=supplier]", "FRA")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/trends?*supplier=FRA*")
    page.wait_for_selector("#trend-svg rect.bar.claims")
    french = api(server, "/api/trends?supplier=FRA")
    assert page.locator("#trend-svg rect.bar.claims").count() == len(french["years"])
    assert f"{french['total']:,} claims" in page.text_content("#trend-total")
    # a bar links to the claims of its year
    first = next(y for y in french["years"] if y["claims"])
    page.click(f"#trend-svg rect.bar.claims[data-year='{first['year']}']")
    page.wait_for_url(f"**/claims?*year={first['year']}*")
    assert page.locator("tr.claim").count() == first["claims"]


def test_the_map_shades_countries_and_a_filter_changes_it(server, page):
    page.goto(server + "/map")
    page.wait_for_selector("#map-box[data-ready='1'] #world-map path.country")
    shaded = page.eval_on_selector_all("#world-map path.country.counted",
                                       "els => els.map(e => [e.dataset.id, getComputedStyle(e).fill])")
    suppliers = {c["id"] for c in api(server, "/api/map")["countries"] if c["supplied"]}
    assert {"RUS", "USA", "FRA", "CHN"} <= {i for i, _ in shaded} <= suppliers
    blank = page.eval_on_selector("#world-map path.country:not(.counted)", "e => getComputedStyle(e).fill")
    assert all(fill.startswith("rgb") and fill != blank for _, fill in shaded)     # shaded, visibly
    assert page.locator("#world-map path.country").count() > 150           # the world is drawn
    assert page.locator("#world-map path.flow").count() > 5
    IMG.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMG / "map.png"), full_page=False)

    page.select_option("select[name=side]", "received")
    page.fill("input[name=recipient]", "Middle East")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/map?*recipient=Middle+East*")
    page.wait_for_selector("#map-box[data-ready='1'] #world-map path.country")
    received = set(page.eval_on_selector_all("#world-map path.country.counted", "els => els.map(e => e.dataset.id)"))
    assert received and received <= set(load_regions()["Middle East"])
    assert {"EGY", "SAU"} <= received
    flows = page.eval_on_selector_all("#world-map path.flow", "els => els.map(e => e.dataset.recipient)")
    assert flows and set(flows) <= set(load_regions()["Middle East"])


def test_bulk_review_with_its_confirmation_and_undo(server, page):
    page.goto(server + "/claims?supplier=DEU")
    rows = page.locator("tr.claim")
    assert rows.count() >= 3
    ids = [rows.nth(i).get_attribute("data-claim") for i in range(2)]
    for claim in ids:
        page.check(f"input[name=targets][value='{claim}']")
    assert page.text_content("#bulk-count").startswith("2 ticked")
    page.fill("form.bulk input[name=by]", "ana")
    page.fill("form.bulk input[name=why]", "both contracts checked")
    page.click("form.bulk button[value=accept]")
    page.wait_for_selector("#bulk-done")
    banner = page.text_content("#bulk-done")
    assert "Accepted 2 claims" in banner and all(c in banner for c in ids) and "ana" in banner
    assert all(api(server, f"/api/claims/{c}")["review"] == "accepted" for c in ids)
    entries = [r for r in api(server, "/api/reviews?per_page=500")["items"] if r["target"] in ids]
    assert sorted((r["action"], r["target"], r["by"]) for r in entries) == sorted(("accept", c, "ana") for c in ids)

    # the name is remembered for the session
    page.goto(server + "/claims?supplier=CHN")
    assert page.input_value("form.bulk input[name=by]") == "ana"

    page.go_back()
    page.wait_for_selector("#bulk-undo")
    page.click("#bulk-undo")
    page.wait_for_selector("#bulk-done.undone")
    assert "Undone: 2 reviews" in page.text_content("#bulk-done")
    assert all(api(server, f"/api/claims/{c}")["review"] is None for c in ids)

    # the header box ticks the whole page
    page.check("#tick-all")
    assert page.locator("input[name=targets]:checked").count() == page.locator("tr.claim").count()
