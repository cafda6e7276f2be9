"""The analyst's product in the workbench (issue 13), in Debian's Chromium at 1400 and 400 px:
the Hypotheses, Figures, Acknowledgements, Claimed vs mapped and Reports pages show the
numbers the API gives for the same store, their main controls are reached by keyboard, the
main map draws the claimed ground of the slider's date, an analyst builds an analysis through
the page's forms, and the files the Reports page links to are the CLI's."""

from __future__ import annotations

import io
import json
import re
import warnings
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.conftest import copy_store
from tests.web.conftest import PROTECTED_NAME, frontcheck
from tests.web.product_store import SUBJECT, product_store, run  # noqa: F401 (fixture)
from tests.web.workbench_browser import NARROW, WIDE, new_page, open_workbench, serving, shot

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def num(value: float) -> str:
    """A number as pages/format.js prints it: whole from 1,000 up, else up to 3 decimals; the
    shortest decimal of the float rounded half away from zero, as V8's toLocaleString does
    (1.0005 → 1.001, 0.0625 → 0.063)."""
    step = Decimal(1) if abs(value) >= 1000 else Decimal("0.001")
    text = f"{Decimal(repr(float(value))).quantize(step, ROUND_HALF_UP):,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def km2(value: float) -> str:
    return f"{num(value)} km²"


@pytest.fixture(scope="module")
def product_url(product_store):  # noqa: F811
    with serving(product_store["store"]) as url:
        yield url


@pytest.fixture(scope="module")
def api(product_store):  # noqa: F811
    from frontcheck.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(product_store["store"]), raise_server_exceptions=True) as client:
        yield client


@pytest.fixture
def sized(request, browser, product_url):
    page = new_page(browser, product_url, request.param if hasattr(request, "param") else WIDE)
    yield page
    page.context.close()


def open_page(page, url: str, page_id: str, fragment: str = "") -> str:
    open_workbench(page, url, f"#page={page_id}{fragment}")
    page.wait_for_selector(f"#page-body[data-loaded='{page_id}']", timeout=60_000)
    assert page.locator("#page-body .note").count() == 0, page.locator("#page-body").inner_text()
    return page.locator("#page-body").inner_text()


def fits(page, size) -> None:
    """Nothing wider than the window: wide tables scroll in their own box, the text wraps."""
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"] + 1
    main = page.evaluate("[document.querySelector('main').scrollWidth, "
                         "document.querySelector('main').clientWidth]")
    assert main[0] <= main[1] + 1, main


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Tab from the focused element until one matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({json.dumps(selector)})"):
            return
    pytest.fail(f"{selector} not reached by Tab")


def cells(row) -> list[str]:
    return [c.strip() for c in row.locator("td").all_inner_texts()]


@pytest.mark.parametrize("sized", [WIDE, NARROW], indirect=True, ids=["1400", "400"])
def test_hypotheses_page_shows_the_matrix_the_api_computes(sized, product_url, api):
    page = sized
    body = open_page(page, product_url, "hypotheses")
    record = api.get("/api/ach/1").json()
    assert len(record["hypotheses"]) == 2 and len(record["evidence"]) >= 4
    assert f"Analysis 1: {record['question']}" in body
    assert "Read only" in body            # single-user mode is a viewer: no forms
    assert "null" not in body.split()     # ... and no trace of the forms it does not get
    assert page.locator("#page-body form.product-form").count() == 0
    scores = {cells(r)[0]: cells(r) for r in page.locator("#ach-scores tbody tr").all()}
    for h in record["hypotheses"]:
        assert scores[h["hypothesis"]] == [h["hypothesis"], h["text"],
                                           num(h["weighted_inconsistency"]),
                                           str(h["inconsistent_items"]), str(h["rank"])]
    ranking = page.locator("#ach-ranking").inner_text()
    assert re.findall(r"H\d+", ranking) == record["ranking"]
    headers = [h.strip() for h in page.locator("#ach-matrix thead th").all_inner_texts()]
    labels = [h["hypothesis"] for h in record["hypotheses"]]
    assert headers[-len(labels) - 1:-1] == labels
    rows = page.locator("#ach-matrix tbody tr")
    assert rows.count() == len(record["evidence"])
    for row, item in zip(rows.all(), record["evidence"]):
        assert row.get_attribute("data-ref") == item["ref"]
        shown = dict(zip(headers, cells(row)))
        assert shown["Weight"] == num(item["weight"])
        assert shown["Diagnosticity"] == num(item["diagnosticity"])
        assert shown["Verdict"] == item["verdict"].replace("_", " ")
        assert [shown[h] for h in labels] == [item["ratings"].get(h, "N") for h in labels]
        assert shown["Grade"].startswith(item["grade"])
    sensitive = page.locator("#ach-sensitive").inner_text()
    assert all(ref in sensitive for ref in record["sensitive"])
    assert PROTECTED_NAME not in body
    fits(page, page.viewport_size)
    # by keyboard: from the page's entry in the navigation to an item's claim, whose card opens
    claim = next(e["ref"][6:] for e in record["evidence"] if e["ref"].startswith("claim:"))
    page.locator("#page-nav a[data-page='hypotheses']").focus()
    tab_to(page, f"#ach-matrix button[data-claim='{claim}']")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#view-map.active #evidence:not([hidden])[data-claim='{claim}']")
    page.click("button.tab[data-view=analysis]")
    shot(page, f"web-hypotheses-{page.viewport_size['width']}.png")
    assert page.problems == []


@pytest.mark.parametrize("sized", [WIDE, NARROW], indirect=True, ids=["1400", "400"])
def test_figures_page_shows_each_figure_and_links_its_inputs(sized, product_url, api,
                                                            product_store):  # noqa: F811
    page = sized
    open_page(page, product_url, "figures")
    names = [f["name"] for f in api.get("/api/figures").json()]
    assert {"months_paid", "pay_kept"} <= set(names)
    assert page.locator("section[data-figure]").count() == len(names)
    for name in names:
        figure = api.get(f"/api/figures/{name}").json()
        section = page.locator(f"section[data-figure='{name}']")
        text = section.inner_text()
        assert figure["expression"] in text
        pairs = dict(zip(section.locator("dt").all_inner_texts(),
                         section.locator("dd").all_inner_texts()))
        assert [pairs["Low"], pairs["Best"], pairs["High"], pairs["Mean"]] == \
            [num(figure[k]) for k in ("low", "best", "high", "mean")]
        for key in ("p5", "p25", "p50", "p75", "p95"):
            assert f"{key[1:]} %: {num(figure['percentiles'][key])}" in pairs["Percentiles"]
        rows = section.locator("tbody tr").all()
        assert len(rows) == len(figure["inputs"])
        for row, item in zip(rows, figure["inputs"]):
            shown = cells(row)
            assert shown[:4] == [item["name"], num(item["low"]), num(item["best"]),
                                 num(item["high"])]
            assert shown[4] == (item["claim_id"] or "constant")
            if item["url"]:
                assert row.locator("a").get_attribute("href") == item["url"]
    pay = product_store["pay"]["id"]
    page.locator("#page-nav a[data-page='figures']").focus()
    tab_to(page, f"section[data-figure='pay_kept'] button[data-claim='{pay}']")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#evidence:not([hidden])[data-claim='{pay}']")
    assert "2,000 dollars" in page.locator("#evidence").inner_text()
    page.click("button.tab[data-view=analysis]")
    fits(page, page.viewport_size)
    shot(page, f"web-figures-{page.viewport_size['width']}.png")
    assert page.problems == []


@pytest.mark.parametrize("sized", [WIDE, NARROW], indirect=True, ids=["1400", "400"])
def test_acknowledgements_page_gives_each_actors_positions(sized, product_url, api):
    page = sized
    open_page(page, product_url, "acknowledgements")
    timelines = api.get("/api/acknowledgements", params={"subject": SUBJECT}).json()
    assert len(timelines) >= 2 and any(t["changes"] for t in timelines)
    page.wait_for_selector("section[data-actor]")
    assert page.locator("section[data-actor]").count() == len(timelines)
    for t in timelines:
        section = page.locator(f"section[data-actor={json.dumps(t['actor'], ensure_ascii=False)}]")
        assert t["summary"] in section.locator(".ack-summary").inner_text()
        pairs = dict(zip(section.locator("dt").all_inner_texts(),
                         section.locator("dd").all_inner_texts()))
        for key, on, quote in (("First denial", t["first_denial_on"], t["first_denial_quote"]),
                               ("First acknowledgement", t["first_acknowledgement_on"],
                                t["first_acknowledgement_quote"])):
            assert pairs[key] == (f"{on} — {quote}" if on else "–")
        changes = [cells(r) for r in section.locator(".ack-changes tbody tr").all()]
        assert [[c[0], c[1].lower(), c[2].lower()] for c in changes] == [[c["on"], c["before"], c["after"]]
                                             for c in t["changes"]]
        assert section.locator(".ack-positions tbody tr").count() == len(t["positions"])
    # another fact, by keyboard: the field, then Enter
    page.locator("#page-nav a[data-page='acknowledgements']").focus()
    tab_to(page, "input[name=subject]")
    page.keyboard.press("Control+A")
    page.keyboard.type("North Korean troops Kursk")
    page.keyboard.press("Enter")
    other = api.get("/api/acknowledgements", params={"subject": "North Korean troops Kursk"}).json()
    page.wait_for_function(f"document.querySelector('#ack-detail [role=status]').textContent"
                           f".startsWith('{len(other)} actor')")
    assert page.locator("section[data-actor]").count() == len(other)
    fits(page, page.viewport_size)
    shot(page, f"web-acknowledgements-{page.viewport_size['width']}.png")
    assert page.problems == []


@pytest.mark.parametrize("sized", [WIDE, NARROW], indirect=True, ids=["1400", "400"])
def test_claimed_page_charts_the_series_the_api_gives(sized, product_url, api):
    page = sized
    open_page(page, product_url, "claimed")
    form = {name: page.locator(f"#claimed-form input[name={name}]").input_value()
            for name in ("from", "to", "step")}
    series = api.get("/api/control/claimed-series", params=form).json()
    assert page.locator("svg.claimed-chart path.series").count() == 3

    def table_matches(claimant: str) -> None:
        rows = [r for r in series if r["claimant"] == claimant]
        shown = [cells(r) for r in page.locator("#claimed-series tbody tr").all()]
        assert [s[:6] for s in shown] == [
            [r["on"], r["snapshot_date"], km2(r["claimed_km2"]), km2(r["claimed_not_mapped_km2"]),
             km2(r["mapped_not_claimed_km2"]), km2(r["claimed_outside_coverage_km2"])]
            for r in rows]

    table_matches("(all claimants)")
    assert any(r["claimed_km2"] > 0 for r in series)
    claimant = next(r["claimant"] for r in series
                    if r["claimant"] != "(all claimants)" and r["claimed_km2"] > 0)
    page.locator("#page-nav a[data-page='claimed']").focus()
    tab_to(page, "#claimed-form select[name=claimant]")
    page.select_option("#claimed-form select[name=claimant]", claimant)
    page.wait_for_selector(f"#claimed-detail[data-claimant={json.dumps(claimant)}]")
    table_matches(claimant)
    fits(page, page.viewport_size)
    shot(page, f"web-claimed-{page.viewport_size['width']}.png")
    assert page.problems == []


def test_the_map_draws_the_claimed_ground_of_the_sliders_date(sized, product_url, api):
    page = sized
    open_workbench(page, product_url, "#date=2024-10-05")
    page.locator("#start-here-close").click()
    date = page.locator("#slider-date").inner_text()
    record = api.get("/api/control/claimed", params={"on": date}).json()[0]
    assert record["claimant"] == "(all claimants)" and record["claimed_km2"] > 0
    page.locator("#show-claimed").focus()
    page.keyboard.press("Space")                      # the toggle, by keyboard
    page.wait_for_selector(f"body[data-claimed-drawn='{date}']")
    kinds = [k for k in ("claimed", "claimed_not_mapped", "mapped_not_claimed") if record[k]]
    for kind in kinds:
        assert page.locator(f"path.claimed-{kind}").count() >= 1
    box = page.locator("path.claimed-claimed").first.bounding_box()
    assert box["width"] > 0 and box["height"] > 0
    figures = page.locator("#claimed-figures").inner_text()
    assert f"claimed {km2(record['claimed_km2'])}" in figures
    assert f"not mapped {km2(record['claimed_not_mapped_km2'])}" in figures
    assert f"map of {record['snapshot_date']}" in figures
    page.wait_for_timeout(600)                        # switched on, the map zooms to the ground
    shot(page, "web-claimed-layer.png")
    # the slider moves: the layer follows the new date
    page.locator("#slider").focus()
    page.keyboard.press("ArrowLeft")
    earlier = page.locator("#slider-date").inner_text()
    assert earlier < date
    page.wait_for_selector(f"body[data-claimed-drawn='{earlier}']")
    again = api.get("/api/control/claimed", params={"on": earlier}).json()[0]
    assert f"claimed {km2(again['claimed_km2'])}" in page.locator("#claimed-figures").inner_text()
    page.locator("#show-claimed").uncheck()
    assert page.locator("path.claimed-layer").count() == 0
    assert page.problems == []


@pytest.mark.parametrize("sized", [WIDE, NARROW], indirect=True, ids=["1400", "400"])
def test_reports_page_links_the_briefs_and_exports(sized, product_url, api):
    page = sized
    open_page(page, product_url, "reports")
    saved = api.get("/api/reports").json()
    rows = page.locator("#reports-list tbody tr").all()
    assert [cells(r)[:2] for r in rows] == [[r["name"], r["definition"]] for r in saved]
    kursk = page.locator("#reports-list tbody tr[data-id=kursk]")
    links = {a.inner_text(): a.get_attribute("href") for a in kursk.locator("a").all()}
    assert links == {"Read (HTML)": "/api/reports/kursk", "Markdown": "/api/reports/kursk/brief.md",
                     "PDF": "/api/reports/kursk/brief.pdf"}
    # the links by keyboard, and what they give (fetched as the page would)
    page.locator("#page-nav a[data-page='reports']").focus()
    tab_to(page, "#reports-list a[href='/api/reports/kursk/brief.md']")
    markdown = page.request.get(product_url + links["Markdown"])
    assert markdown.ok and "Matrix" in markdown.text() and PROTECTED_NAME not in markdown.text()
    if page.viewport_size["width"] > 1000:           # the slow ones once
        pdf = page.request.get(product_url + links["PDF"])
        assert pdf.ok and pdf.body()[:5] == b"%PDF-"
        assert pdf.headers["content-type"] == "application/pdf"
    exports = {a.inner_text(): a.get_attribute("href")
               for a in page.locator("#export-links a").all()}
    assert exports == {"STIX 2.1 bundle": "/api/export/stix", "Case bundle (zip)": "/api/export/case"}
    page.locator("input[name=claims]").fill("type=territorial")
    assert page.locator("#export-links a").first.get_attribute("href") == \
        "/api/export/stix?claims=type%3Dterritorial"
    fits(page, page.viewport_size)
    shot(page, f"web-reports-{page.viewport_size['width']}.png")
    assert page.problems == []


def test_exports_served_are_the_clis(api, product_store, tmp_path):  # noqa: F811
    from frontcheck.app.exchange import verify_case

    store = product_store["store"]
    stix = api.get("/api/export/stix", params={"claims": "type=territorial"})
    assert stix.status_code == 200 and "attachment" in stix.headers["content-disposition"]
    run("export", "stix", "--claims", "type=territorial", "--output", tmp_path / "b.json",
        "--db", store)
    cli_ids = {o["id"] for o in json.loads((tmp_path / "b.json").read_text())["objects"]}
    assert {o["id"] for o in stix.json()["objects"]} == cli_ids and len(cli_ids) > 10
    case = api.get("/api/export/case", params={"claims": "type=territorial"})
    assert case.status_code == 200 and case.headers["content-type"] == "application/zip", case.text[:300]
    (tmp_path / "case.zip").write_bytes(case.content)
    assert verify_case(tmp_path / "case.zip") == []
    run("export", "case", "--claims", "type=territorial", "--output", tmp_path / "cli.zip",
        "--db", store)
    with zipfile.ZipFile(tmp_path / "cli.zip") as cli, zipfile.ZipFile(io.BytesIO(case.content)) as web:
        assert sorted(web.namelist()) == sorted(cli.namelist())
        assert web.read("MANIFEST.sha256").count(b"\n") == cli.read("MANIFEST.sha256").count(b"\n")
    markdown = api.get("/api/reports/kursk/brief.md")
    run("report", "--saved", "kursk", "--output", tmp_path / "kursk.md", "--db", store)
    strip = lambda text: re.sub(r"\d{4}-\d{2}-\d{2}T[\d:.]+", "", text)  # noqa: E731
    assert strip(markdown.text) == strip((tmp_path / "kursk.md").read_text(encoding="utf-8"))
    assert api.get("/api/reports/nope/brief.md").status_code == 404
    assert api.get("/api/reports/kursk/brief.docx").status_code in (400, 404, 422)


@pytest.fixture(scope="module")
def analyst_url(product_store, tmp_path_factory):  # noqa: F811
    store = copy_store(product_store["store"], tmp_path_factory.mktemp("analyst") / "s.sqlite")
    tokens = {}
    assert frontcheck("users", "add", "root", "--role", "admin", "--db", store).returncode == 0
    for name, role in (("alice", "analyst"), ("victor", "viewer")):
        assert frontcheck("users", "add", name, "--role", role, "--as-user", "root", "--db",
                          store).returncode == 0
        done = frontcheck("tokens", "create", name, "--as-user", "root", "--db", store)
        assert done.returncode == 0, done.stderr
        tokens[name] = done.stdout.strip()
    with serving(store) as url:
        yield url, tokens


def signed_in(browser, url: str, token: str):
    page = new_page(browser, url)
    page.add_init_script(f"sessionStorage.setItem('frontcheckToken', {json.dumps(token)})")
    return page


def test_an_analyst_builds_an_analysis_through_the_forms(browser, analyst_url, product_store):  # noqa: F811
    url, tokens = analyst_url
    viewer = signed_in(browser, url, tokens["victor"])
    assert "Read only" in open_page(viewer, url, "hypotheses")
    assert viewer.locator("#page-body form").count() == 0
    viewer.context.close()
    page = signed_in(browser, url, tokens["alice"])
    open_page(page, url, "hypotheses")
    page.locator("input[name=question]").fill("Did the DPRK troops fight in Kursk oblast?")
    page.locator("input[name=question]").press("Enter")
    page.wait_for_selector("#ach-detail[data-analysis='2']")
    assert page.locator("#ach-list tbody tr").count() == 2
    for text in ("They fought", "They did not"):
        page.locator("input[name=text]").fill(text)
        page.locator("input[name=text]").press("Enter")
        page.wait_for_function(f"document.querySelectorAll('#ach-scores tbody tr').length === "
                               f"{1 if text == 'They fought' else 2}")
    claim = product_store["troops"]["id"]
    page.locator("input[name=claim]").fill(claim)
    page.select_option("select[name=H1]", "CC")
    page.select_option("select[name=H2]", "II")
    page.locator("input[name=claim]").press("Enter")
    page.wait_for_selector(f"#ach-matrix tr[data-ref='claim:{claim}']")
    assert page.evaluate("location.hash") == "#page=hypotheses&analysis=2"   # a link to it
    record = page.request.get(f"{url}/api/ach/2",
                              headers={"Authorization": f"Bearer {tokens['alice']}"}).json()
    assert [e["ratings"] for e in record["evidence"]] == [{"H1": "CC", "H2": "II"}]
    scores = {cells(r)[0]: cells(r)[2] for r in page.locator("#ach-scores tbody tr").all()}
    assert scores == {h["hypothesis"]: num(h["weighted_inconsistency"])
                      for h in record["hypotheses"]}
    assert float(scores["H2"]) > 0
    # a bad claim id: the form says why, nothing is stored
    page.locator("input[name=claim]").fill("no-such-claim")
    page.locator("input[name=claim]").press("Enter")
    page.wait_for_function("[...document.querySelectorAll('.product-form [role=status]')]"
                           ".some((s) => s.textContent.includes('no-such-claim'))")
    page.problems[:] = [p for p in page.problems if "status of 404" not in p
                        and "status of 400" not in p]
    assert page.problems == []
    # that link opens the analysis it names, also after a visit to the map; a link to an
    # analysis that is not there says so and shows the first
    linked = signed_in(browser, url, tokens["victor"])
    open_workbench(linked, url, "#page=hypotheses&analysis=2")
    linked.wait_for_selector("#ach-detail[data-analysis='2']")
    assert "Did the DPRK troops fight" in linked.locator("#ach-question").inner_text()
    linked.click("button.tab[data-view=map]")
    assert "page=" not in linked.evaluate("location.hash")
    linked.click("button.tab[data-view=analysis]")
    assert linked.evaluate("location.hash") == "#page=hypotheses&analysis=2"
    linked.click("#ach-list tbody tr[data-id='1']")
    linked.wait_for_selector("#ach-detail[data-analysis='1']")
    assert linked.evaluate("location.hash") == "#page=hypotheses&analysis=1"
    assert linked.problems == []
    linked.context.close()
    missing = signed_in(browser, url, tokens["victor"])
    open_workbench(missing, url, "#page=hypotheses&analysis=99")
    missing.wait_for_selector("#ach-detail[data-analysis='1']")
    assert "No analysis 99: showing analysis 1." in missing.locator("#page-body").inner_text()
    assert missing.problems == []
    missing.context.close()
    # signed in, a brief is fetched with the token and handed over as a file
    page.click("#page-nav a[data-page=reports]")
    page.wait_for_selector("#page-body[data-loaded='reports']")
    with page.expect_download() as downloading:
        page.click("#reports-list tr[data-id=kursk] a:text('Markdown')")
    download = downloading.value
    assert download.suggested_filename == "kursk.md"
    text = download.path().read_text(encoding="utf-8")
    assert "Matrix" in text and PROTECTED_NAME not in text
    assert page.problems == []
    page.context.close()
