"""The workbench for daily use (issue 15) in Debian's Chromium: claims that read right, the
slider's prefetch, sign-in, the map's legend and markers, keyboard access and narrow screens,
on a store with denials, quantity claims and a tracker's own reports (``workbench_store``)."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.web.workbench_browser import open_workbench, shot

pytestmark = pytest.mark.browser


def test_claims_browser_shows_denials_numbers_and_districts(wide, workbench_url, workbench_client):
    rows = workbench_client.get("/api/claims?limit=10000").json()
    denied = next(r for r in rows if r["fields"].get("framing") == "denied")
    quantity = next(r for r in rows if r["type"] == "quantity")
    open_workbench(wide, workbench_url)
    wide.click("button.tab[data-view=claims]")
    wide.wait_for_selector("#claims-table tbody tr")
    row = wide.locator(f"#claims-table tbody tr[data-id='{denied['id']}']")
    assert row.locator(".framing-denied").inner_text().lower() == "denied"
    cell = wide.locator(f"#claims-table tbody tr[data-id='{quantity['id']}'] td").nth(3).inner_text()
    assert f"{quantity['fields']['best']:,}" in cell
    place = next(r for r in rows if r["place"] and r["place"].get("raion"))["place"]
    assert wide.locator("#claims-table .where", has_text=place["raion"]).count() > 0
    row.click()
    wide.wait_for_selector("#evidence:not([hidden]) .framing-denied")
    assert wide.locator("#evidence .claim-text").inner_text().lower().startswith("denied:")
    shot(wide, "web-claims-framing.png")
    assert wide.problems == []


def test_card_dates_share_before_before_share_after(wide, workbench_url, workbench_client):
    """Either side of the change the verdict rests on, whichever side of the claim date it
    lies (stale: before it; the core test covers that kind on a known curve)."""
    rows = workbench_client.get("/api/claims?limit=10000").json()
    decided = [r for r in rows if r["verdict"] and r["verdict"]["change_date"]]
    assert decided
    open_workbench(wide, workbench_url, f"#claim={decided[0]['id']}")
    wide.wait_for_selector("#evidence:not([hidden]) .verdict-text")
    values = wide.locator("#evidence dl.kv").first.evaluate(
        "dl => Object.fromEntries([...dl.querySelectorAll('dt')].map("
        "dt => [dt.textContent, dt.nextElementSibling.textContent]))")
    before, after = values["Share before"].split(" on ")[1], values["Share after"].split(" on ")[1]
    assert before < after == values["Change date"]
    assert wide.problems == []


def test_slider_steps_are_prefetched_and_cost_a_fraction_of_the_full_layer(wide, workbench_url):
    """Step the slider ten dates with the keyboard, as an analyst reading the days does (a
    pause on each): every step after the first is answered by the prefetch of the step
    before, and the bytes the cells cost per step are compared with the full GeoJSON."""
    import json

    sizes: dict[str, int] = {}

    def record(response):
        if "/cells?" in response.url and response.ok:
            sizes[response.url] = len(response.body())

    wide.on("response", record)
    open_workbench(wide, workbench_url, "#date=2025-11-05")
    wide.wait_for_function("document.body.dataset.drawnDate === '2025-11-05'")
    wide.locator("#slider").focus()
    steps, start_steps = 10, int(wide.evaluate("document.body.dataset.cellSteps"))
    start_hits = int(wide.evaluate("document.body.dataset.prefetchHits"))
    dates = []
    for _ in range(steps):
        wide.wait_for_timeout(400)          # the prefetch of the next date has time to land
        wide.keyboard.press("ArrowRight")
        date = wide.evaluate("document.querySelector('#slider-date').textContent")
        wide.wait_for_function(f"document.body.dataset.drawnDate === '{date}'")
        dates.append(date)
    wide.wait_for_timeout(400)
    made = int(wide.evaluate("document.body.dataset.cellSteps")) - start_steps
    hits = int(wide.evaluate("document.body.dataset.prefetchHits")) - start_hits
    assert made == steps and hits == steps
    step_bytes = sum(size for url, size in sizes.items() if "base=" in url
                     and any(f"/snapshots/{d}/cells" in url for d in dates))
    full = [len(wide.request.get(f"{workbench_url}/api/snapshots/{d}/layers").body()) for d in dates]
    ratio = sum(full) / step_bytes
    assert ratio > 3
    measured = {"steps": steps, "prefetch_hits": hits, "bytes_per_step": step_bytes // steps,
                "full_geojson_bytes_per_date": sum(full) // steps, "ratio": round(ratio, 1)}
    (ROOT / "out").mkdir(exist_ok=True)
    (ROOT / "out" / "web-slider-steps.json").write_text(json.dumps(measured, indent=1))
    print("slider steps:", measured)
    assert wide.problems == []


def test_records_the_map_cannot_test_say_cannot_be_judged(wide, workbench_url, workbench_client):
    records = workbench_client.get("/api/track-records?group=claimant&limit=10000").json()
    untested = [r for r in records if r["verifiable"] == 0]
    tested = [r for r in records if r["verifiable"] > 0]
    assert untested and tested
    open_workbench(wide, workbench_url)
    wide.click("button.tab[data-view=sources]")
    wide.wait_for_selector("#claimants-table tbody tr")
    table = wide.locator("#claimants-table")
    assert table.locator("tbody tr").count() == len(records)
    for record in untested:
        row = table.locator("tbody tr", has=wide.locator("td:first-child", has_text=record["name"])).first
        assert row.locator(".unjudged").count() == 3
        assert "%" not in row.inner_text()
    mod = table.locator("tbody tr", has=wide.locator("td:first-child", has_text="Russian Ministry of Defence"))
    assert mod.count() == 1 and mod.locator(".unjudged").count() == 0
    assert wide.problems == []
