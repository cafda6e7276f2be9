"""The workbench in a real browser: Debian's Chromium, headless, driven by Playwright, against a
uvicorn server on a free loopback port. Screenshots go to ``out/``."""

from __future__ import annotations

import json

import pytest

from tests.web.conftest import frontcheck
from tests.web.workbench_browser import new_page, open_workbench, serving, shot

pytestmark = pytest.mark.browser

POKROVSK = "gn:704422"


@pytest.fixture(scope="module")
def server_url(web_store):
    """``frontcheck``'s app over the web store, under uvicorn on 127.0.0.1."""
    with serving(web_store) as url:
        yield url


@pytest.fixture
def page(browser, server_url):
    """A fresh 1440 px page that records console errors, page errors and failed requests."""
    page = new_page(browser, server_url, {"width": 1440, "height": 900})
    yield page
    page.context.close()


def test_page_loads_without_console_errors(page, server_url):
    open_workbench(page, server_url)
    page.wait_for_timeout(800)
    assert page.locator(".leaflet-overlay-pane, .leaflet-pane").count() > 0
    page.select_option("#claims-period", "")          # claims of all dates, not of the date's period
    assert page.evaluate("document.body.dataset.claimsShown") == "15"
    clustered = sum(int(n) for n in page.locator(".claim-cluster span").all_inner_texts())
    assert page.locator(".claim-marker").count() + clustered == 15
    assert page.problems == []
    shot(page, "web-map.png")
    page.click("button.tab[data-view=claims]")
    page.wait_for_selector("#claims-table tbody tr")
    assert page.locator("#claims-table tbody tr").count() == 15
    shot(page, "web-claims.png")
    page.click("button.tab[data-view=sources]")
    page.click("#publishers-table tbody tr[data-id='kyivindependent.com']")
    page.wait_for_selector("#publisher-page .publisher-name")
    shot(page, "web-sources.png")
    assert page.problems == []


def occupied_pixels(page) -> str:
    return page.evaluate("document.querySelector('.leaflet-occupied-pane canvas').toDataURL()")


def test_slider_changes_the_drawn_geometry(page, server_url):
    open_workbench(page, server_url, "#date=2025-11-30")
    page.wait_for_function("document.body.dataset.drawnDate === '2025-11-30'")
    page.evaluate("document.querySelector('#place-search').blur()")
    before_signature = page.evaluate("document.body.dataset.signature")
    before_pixels = occupied_pixels(page)
    slider = page.locator("#slider")
    slider.focus()
    page.keyboard.press("Home")   # the first snapshot date held
    first = page.evaluate("document.querySelector('#slider-date').textContent")
    page.wait_for_function(f"document.body.dataset.drawnDate === '{first}'")
    page.wait_for_timeout(300)
    assert first < "2025-11-30"
    assert page.evaluate("document.body.dataset.signature") != before_signature
    assert occupied_pixels(page) != before_pixels
    shot(page, "web-slider-first-date.png")
    page.keyboard.press("End")
    last = page.evaluate("document.querySelector('#slider-date').textContent")
    page.wait_for_function(f"document.body.dataset.drawnDate === '{last}'")
    assert page.problems == []


def open_marker(page, claim_id: str) -> None:
    """Click the claim's marker, opening the clusters that hold it first (as a user zooms)."""
    for _ in range(8):
        marker = page.locator(f".claim-marker.claim-{claim_id}")
        if marker.count():
            marker.click()
            return
        page.locator(f".claim-cluster[data-claims~='{claim_id}']").click()
        page.wait_for_timeout(700)
    pytest.fail(f"no marker for {claim_id}")


def test_claim_marker_opens_its_evidence(page, server_url, web_store):
    verdict = json.loads(frontcheck("verify", "--claim", "HO-053", "--format", "json",
                                    "--db", web_store).stdout)[0]["verdict"]
    open_workbench(page, server_url)
    page.select_option("#claims-period", "")
    open_marker(page, "HO-053")
    page.wait_for_selector("#evidence:not([hidden]) .verdict-text")
    assert page.locator("#evidence .verdict-text").inner_text() == verdict
    assert "HO-053" in page.locator("#evidence h2").first.inner_text()
    assert page.locator(f"#evidence .badge.verdict-{verdict}").count() == 1
    page.wait_for_timeout(1200)   # the map flies to the place
    shot(page, "web-evidence.png")
    assert page.problems == []


@pytest.mark.parametrize("name", ["Покровськ", "Pokrovsk", "Красноармейск"])
def test_settlement_search_finds_pokrovsk(page, server_url, name):
    open_workbench(page, server_url)
    page.fill("#place-search", name)
    first = page.locator("#search-results li").first
    first.wait_for()
    assert first.get_attribute("data-id") == POKROVSK
    page.keyboard.press("Enter")
    page.wait_for_selector("#settlement:not([hidden]) .settlement-name")
    assert page.locator("#settlement .settlement-name").inner_text().startswith("Pokrovsk")
    assert page.locator("#settlement .timeline-runs li").count() > 0
    page.wait_for_timeout(1200)
    if name == "Красноармейск":
        shot(page, "web-search.png")
    assert page.problems == []


def test_page_runs_under_its_own_content_security_policy(browser, server_url):
    """The other tests bypass the page's CSP (Playwright polls with eval); this one keeps it,
    waits with a selector (no eval in the page) and fails on any violation the browser
    reports, such as an inline script or a request the policy refuses."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(
        f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    response = page.goto(f"{server_url}/")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)
    page.wait_for_selector(".claim-marker, .claim-cluster", state="attached")
    page.wait_for_timeout(800)
    context.close()
    assert problems == []
