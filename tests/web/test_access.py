"""The workbench for daily use, in Debian's Chromium at 1400 and 400 px: the map's legend,
clusters, period and footprint; keyboard-only use of the main flows; narrow screens; the
analysis pages; and an axe-core check (the npm package, served from tests/web/axe)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.workbench_browser import NARROW, new_page, open_workbench, shot

pytestmark = pytest.mark.browser
AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PRODUCT_PAGES = ("hypotheses", "figures", "acknowledgements", "claimed", "reports")


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.className")


def test_legend_names_every_verdict_and_the_footprint(wide, workbench_url):
    open_workbench(wide, workbench_url)
    legend = wide.locator("#legend").inner_text()
    for kind in ("outside coverage", "unresolved place", "corroborated", "pending", "footprint"):
        assert kind in legend


def test_markers_are_clustered_at_country_zoom_and_of_the_visible_period(wide, workbench_url,
                                                                         workbench_client):
    from datetime import date

    claims = [c for c in workbench_client.get("/api/claims?limit=10000").json()
              if c["place"] and c["place"]["lat"] is not None]
    open_workbench(wide, workbench_url, "#date=2024-10-05")
    shown = int(wide.evaluate("document.body.dataset.claimsShown"))
    near = [c for c in claims if c["claim_date"]
            and abs((date.fromisoformat(c["claim_date"]) - date(2024, 10, 5)).days) <= 30]
    assert shown == len(near) < len(claims)
    clustered = sum(int(n) for n in wide.locator(".claim-cluster span").all_inner_texts())
    assert wide.locator(".claim-cluster").count() >= 1
    assert wide.locator(".claim-marker").count() + clustered == shown
    wide.select_option("#claims-period", "")
    assert int(wide.evaluate("document.body.dataset.claimsShown")) == len(claims)
    wide.locator(".claim-cluster").first.click()          # a cluster zooms in
    wide.wait_for_timeout(900)
    assert wide.locator(".claim-marker").count() >= 2
    assert wide.problems == []


def test_an_open_card_draws_the_footprint_its_verdict_reads(wide, workbench_url, workbench_client):
    claims = workbench_client.get("/api/claims?limit=10000").json()
    claim = next(c for c in claims if c["verdict"] and c["verdict"]["verdict"] == "corroborated")
    footprint = workbench_client.get(f"/api/places/{claim['place']['id']}/footprint").json()
    assert footprint["radius_m"] > 0
    open_workbench(wide, workbench_url, f"#claim={claim['id']}")
    wide.wait_for_selector("path.verdict-footprint")
    wide.wait_for_timeout(1000)
    box = wide.locator("path.verdict-footprint").bounding_box()
    assert box["width"] > 4 and abs(box["width"] - box["height"]) < 0.3 * box["width"]
    shot(wide, "web-footprint.png")
    wide.locator("#evidence button.close").click()
    assert wide.locator("path.verdict-footprint").count() == 0
    assert wide.problems == []


def test_keyboard_only_slider_claims_list_table_rows_and_markers(wide, workbench_url):
    open_workbench(wide, workbench_url)
    wide.evaluate("document.activeElement.blur()")
    wide.keyboard.press("Tab")                            # the skip link comes first
    assert "skip-link" in focused(wide)
    wide.keyboard.press("Enter")
    assert focused(wide) == "slider"
    before = wide.evaluate("document.querySelector('#slider-date').textContent")
    wide.keyboard.press("ArrowLeft")
    assert wide.evaluate("document.querySelector('#slider-date').textContent") < before
    # the claims on the map: from the top, the second skip link lands on the first claim
    assert wide.problems == []
    wide.reload()
    wide.wait_for_function("document.body.dataset.ready === 'true'")
    # the reload cancels what the last step was still fetching: the browser's doing, not a fault
    wide.problems[:] = [p for p in wide.problems if "net::ERR_ABORTED" not in p]
    wide.keyboard.press("Tab")
    wide.keyboard.press("Tab")
    wide.keyboard.press("Enter")
    assert "claim-row" in focused(wide)
    wide.keyboard.press("Enter")
    wide.wait_for_selector("#evidence:not([hidden]) .verdict-text")
    # a marker: Tab reaches it and Enter opens its card
    wide.locator("#evidence button.close").click()
    wide.select_option("#claims-period", "")
    marker = wide.locator(".claim-marker, .claim-cluster").first
    marker.focus()
    assert marker.evaluate("m => m.tabIndex") == 0
    for _ in range(8):
        if wide.locator(".claim-marker").count():
            wide.locator(".claim-marker").first.focus()
            wide.keyboard.press("Enter")
            break
        wide.locator(".claim-cluster").first.focus()
        wide.keyboard.press("Enter")
        wide.wait_for_timeout(700)
    wide.wait_for_selector("#evidence:not([hidden]) .verdict-text, #evidence:not([hidden]) h2")
    # the claims table: a tab by keyboard, a row by Tab and Enter
    wide.locator("button.tab[data-view=claims]").focus()
    wide.keyboard.press("Enter")
    wide.wait_for_selector("#claims-table tbody tr")
    wide.locator("#claims-table tbody tr").first.focus()
    wide.keyboard.press("Enter")
    wide.wait_for_selector("#view-map.active #evidence:not([hidden])")
    assert wide.problems == []


def test_narrow_screen_search_leaves_the_tabs_and_the_sidebar_stacks(narrow, workbench_url):
    open_workbench(narrow, workbench_url)
    tabs = narrow.locator(".tabs").bounding_box()
    search = narrow.locator(".search").bounding_box()
    assert search["y"] >= tabs["y"] + tabs["height"] - 1      # on its own line, below the tabs
    assert search["x"] + search["width"] <= NARROW["width"] + 1
    map_box = narrow.locator("#map").bounding_box()
    sidebar = narrow.locator(".sidebar").bounding_box()
    assert sidebar["y"] >= map_box["y"] + map_box["height"] - 1 and sidebar["width"] > 360
    for tab in ("claims", "sources", "analysis", "map"):
        narrow.click(f"button.tab[data-view={tab}]")          # every tab reachable, none covered
    shot(narrow, "web-narrow.png")
    assert narrow.problems == []


def test_start_here_explains_the_page_until_dismissed(wide, workbench_url):
    open_workbench(wide, workbench_url)
    card = wide.locator("#start-here")
    assert card.is_visible()
    for word in ("Slider", "Verdicts", "Evidence card", "contradicted"):
        assert word in card.inner_text()
    wide.click("#start-here-close")
    wide.reload()
    wide.wait_for_function("document.body.dataset.ready")
    assert not wide.locator("#start-here").is_visible()
    wide.click("#help-button")
    assert wide.locator("#start-here").is_visible()


@pytest.mark.parametrize("page_id, header", [("contradictions", "Claim A"),
                                              ("corroboration", "Against"),
                                              ("witnesses", "Status"), ("persons", "Protected"),
                                              ("hypotheses", "Weighted inconsistency"),
                                              ("figures", "Percentiles"),
                                              ("acknowledgements", "Fact"),
                                              ("claimed", "Mapped, not yet claimed"),
                                              ("reports", "Definition"),
                                              ("audit", "")])
def test_analysis_pages(wide, workbench_url, page_id, header):
    open_workbench(wide, workbench_url, f"#page={page_id}")
    wide.wait_for_selector(f"#page-body[data-loaded='{page_id}']")
    body = wide.locator("#page-body").inner_text()
    if page_id == "audit":      # single-user mode is a viewer: the page says so
        assert "admin" in body.lower()
    elif page_id == "acknowledgements":     # the fact asked; no positions in this store
        assert header in body and wide.locator("#page-body input[name=subject]").count() == 1
    else:
        assert header in body and wide.locator("#page-body tbody tr").count() > 0
    assert "Ri Jin-hyok" not in body
    wide.locator(f"#page-nav a[data-page='{page_id}']").focus()
    wide.keyboard.press("Enter")
    assert wide.locator("#page-nav a[aria-current=page]").get_attribute("data-page") == page_id


@pytest.mark.parametrize("width", [1400, 400])
def test_no_serious_accessibility_violations(browser, workbench_url, width):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make setup` installs axe-core with npm")
    page = new_page(browser, workbench_url, {"width": width, "height": 900})
    # the views, then the analyst's product pages (issue 13), the map with its claimed layer
    for view in ("map", "claims", "sources", "analysis", *PRODUCT_PAGES, "claimed-layer"):
        open_workbench(page, workbench_url)
        if view in PRODUCT_PAGES:
            page.click("button.tab[data-view=analysis]")
            page.click(f"#page-nav a[data-page={view}]")
            page.wait_for_selector(f"#page-body[data-loaded='{view}']", timeout=60_000)
        elif view == "claimed-layer":
            page.check("#show-claimed")
            page.wait_for_selector("body[data-claimed-drawn]")
        else:
            page.click(f"button.tab[data-view={view}]")
            page.wait_for_timeout(1500)
        page.add_script_tag(path=str(AXE))              # axe served from this folder, not a CDN
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{view}: {v['id']} ({v['impact']}): {v['help']} — "
                   f"{[n['target'] for n in v['nodes'][:3]]}"
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
    page.context.close()
