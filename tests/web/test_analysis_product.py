"""The analyst's product (issue 13) end to end, on the demo's sources and the dev claims over
the real map: the article's analysis — were the DPRK soldiers sent to Kursk elite troops or
ill-prepared conscripts — with two hypotheses and evidence from extracted claims, the pay
figure with its range, the acknowledgement timeline of the deployment, and claimed against
mapped control; the CLI and the API give the same records, the matrix follows the grades and
verdicts of the moment, and no protected name appears in any output, in any form."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from tests.conftest import copy_store
from tests.web.conftest import PROTECTED_NAME, SAMPLES, frontcheck

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

QUESTION = "Were the DPRK soldiers sent to Kursk elite troops or ill-prepared conscripts?"
#: Evidence: (a phrase of the claim's quote, its type, ratings against H1 elite, H2 conscripts)
EVIDENCE = [
    ("so-called Storm Corps, an elite special forces", "participation", "H1=CC,H2=I"),
    ("only a few weeks of training", "attribute", "H1=I,H2=CC"),
    ("I was a conscript", "attribute", "H1=II,H2=CC"),
    ("About two weeks of training in Russia", "testimony", "H1=I,H2=C"),
    ("were killed or wounded near the villages", "quantity", "H1=I,H2=C"),
    ("штурмовыми группами", "participation", "H1=C,H2=N"),
    ("we were going to training in Russia", "attribute", "H1=I,H2=C"),
]


def run(*args: object) -> str:
    done = frontcheck(*args)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


@pytest.fixture(scope="module")
def product(web_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A copy of the web store with the demo's other sources and the positions sample, their
    claims extracted, and the article's analysis and pay figure built through the CLI."""
    store = copy_store(web_store, tmp_path_factory.mktemp("product") / "store.sqlite")
    db = ("--db", store)
    run("sources", "ingest", SAMPLES / "telegram" / "result.json", SAMPLES / "articles",
        SAMPLES / "statements" / "briefing_gur_uk.md", SAMPLES / "positions",
        SAMPLES.parent / "tests" / "data" / "witness", *db)
    run("claims", "extract", "--all", "--quiet", *db)
    claims = json.loads(run("claims", "list", "--format", "json", *db))
    analysis = run("ach", "new", QUESTION, *db).strip()
    assert run("ach", "hypothesis", "add", analysis, "An elite corps trained for this war",
               *db).strip() == "H1"
    assert run("ach", "hypothesis", "add", analysis, "Ill-prepared conscripts", *db).strip() == "H2"
    chosen = {}
    for phrase, kind, rate in EVIDENCE:
        found = [c for c in claims if phrase in c["quote"] and (kind is None or c["type"] == kind)]
        assert found, phrase
        chosen[found[0]["id"]] = rate
        run("ach", "evidence", "add", analysis, "--claim", found[0]["id"], "--rate", rate, *db)
    pay = next(c for c in claims if c["type"] == "quantity" and
               c["fields"].get("kind") == "payment" and c["fields"].get("best") == 2000)
    troops = next(c for c in claims if c["type"] == "quantity" and
                  "11,000 troops" in c["quote"])
    figure = json.loads(run("figure", "new", "pay_kept", "--expr",
                            "pay * troops * months * (1 - kept)", "--input", f"pay={pay['id']}",
                            "--input", f"troops={troops['id']}", "--input", "kept=0.7..0.9",
                            "--input", "months=12", "--format", "json", *db))[0]
    return {"store": store, "analysis": analysis, "claims": {c["id"]: c for c in claims},
            "chosen": chosen, "pay": pay, "troops": troops, "figure": figure}


@pytest.fixture(scope="module")
def product_client(product):
    from frontcheck.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(product["store"]), raise_server_exceptions=False) as client:
        yield client


def _show(product) -> dict:
    return json.loads(run("ach", "show", product["analysis"], "--format", "json", "--db",
                          product["store"]))[0]


def test_the_matrix_scores_inconsistency_with_the_items_weights(product):
    record = _show(product)
    assert record["question"] == QUESTION and len(record["hypotheses"]) == 2
    assert len(record["evidence"]) == len(EVIDENCE) >= 6
    # each hypothesis's score, again from the items' weights and ratings (I 1, II 2)
    for h in record["hypotheses"]:
        expected = sum(e["weight"] * {"I": 1, "II": 2}.get(e["ratings"][h["hypothesis"]], 0)
                       for e in record["evidence"])
        assert h["weighted_inconsistency"] == pytest.approx(expected, abs=1e-5)
    by_score = sorted(record["hypotheses"], key=lambda h: h["weighted_inconsistency"])
    assert record["ranking"] == [h["hypothesis"] for h in by_score] == ["H2", "H1"]
    for e in record["evidence"]:
        assert e["ratings"] == dict(r.split("=") for r in product["chosen"][
            e["ref"].removeprefix("claim:")].split(","))
        values = [{"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}[r] for r in e["ratings"].values()]
        assert e["diagnosticity"] == (max(values) - min(values)) / 4
        assert e["said_on"] and e["grade"] and e["publisher"]


def test_the_matrix_follows_grades_and_verdicts_now(product):
    store = product["store"]
    before = _show(product)
    item = next(e for e in before["evidence"] if e["publisher"] and e["grade"][0] == "F")
    run("sources", "reliability", item["publisher"], "A", "--db", store)
    after = _show(product)
    changed = next(e for e in after["evidence"] if e["ref"] == item["ref"])
    assert changed["grade"][0] == "A" and changed["weight"] > item["weight"]
    assert [h["weighted_inconsistency"] for h in after["hypotheses"]] != \
        [h["weighted_inconsistency"] for h in before["hypotheses"]]
    # a territorial claim as evidence carries its verdict against the map
    run("ach", "evidence", "add", product["analysis"], "--claim", "HO-053", "--rate", "H1=C",
        "--db", store)
    verdict = json.loads(run("verify", "--claim", "HO-053", "--format", "json", "--db", store))
    shown = next(e for e in _show(product)["evidence"] if e["ref"] == "claim:HO-053")
    assert shown["verdict"] == verdict[0]["verdict"]


def test_the_pay_figure_carries_its_inputs_ranges(product):
    figure, pay, troops = product["figure"], product["pay"]["fields"], product["troops"]["fields"]
    assert troops["low"] < troops["high"]
    assert figure["low"] == pytest.approx(pay["low"] * troops["low"] * 12 * (1 - 0.9))
    assert figure["best"] == pytest.approx(pay["best"] * troops["best"] * 12 * (1 - 0.8))
    assert figure["high"] == pytest.approx(pay["high"] * troops["high"] * 12 * (1 - 0.7))
    assert figure["range_method"] == "interval"
    assert figure["low"] < figure["percentiles"]["p5"] < figure["percentiles"]["p95"] < \
        figure["high"]
    inputs = {i["name"]: i for i in figure["inputs"]}
    assert inputs["pay"]["claim_id"] == product["pay"]["id"] and inputs["pay"]["source_id"]
    assert inputs["troops"]["url"] and inputs["months"]["statement"] == "constant"
    again = json.loads(run("figure", "show", "pay_kept", "--format", "json", "--db",
                           product["store"]))[0]
    # a fixed seed: the same figure again (grades may have changed since: they are live)
    assert {k: again[k] for k in ("low", "best", "high", "mean", "percentiles")} == \
        {k: figure[k] for k in ("low", "best", "high", "mean", "percentiles")}


def test_the_deployment_was_denied_then_acknowledged(product):
    timelines = {t["actor"]: t for t in json.loads(run(
        "acknowledgements", "DPRK deployment", "--format", "json", "--db", product["store"]))}
    kremlin, pyongyang = timelines["Kremlin"], timelines["DPRK Ministry of Foreign Affairs"]
    assert kremlin["first_denial_on"] == "2024-10-18"
    assert pyongyang["first_denial_on"] == "2024-10-21"
    assert pyongyang["first_acknowledgement_on"] == "2025-04-28"
    assert [(c["before"], c["after"]) for c in pyongyang["changes"]] == [("denies", "affirms")]
    assert kremlin["current"] == "affirms" and kremlin["changes"]
    assert pyongyang["summary"] == "denied on 2024-10-21, affirmed on 2025-04-28"
    assert all(p["url"].startswith("https://example.org/samples/")
               for t in (kremlin, pyongyang) for p in t["positions"])


def test_claimed_control_against_the_map(product):
    records = json.loads(run("control", "claimed", "--on", "2024-10-05", "--format", "json",
                             "--db", product["store"]))
    assert records[0]["claimant"] == "(all claimants)" and len(records) > 1
    for r in records:
        assert 0 <= r["claimed_not_mapped_km2"] <= r["claimed_km2"] + 1e-6
        assert r["mapped_not_claimed_km2"] >= 0
    geo = json.loads(run("control", "claimed", "--on", "2024-10-05", "--format", "geojson",
                         "--db", product["store"]))
    assert geo["type"] == "FeatureCollection"
    for feature in geo["features"]:
        area = shapely.area(shape(feature["geometry"]))
        assert area > 0 and feature["properties"]["kind"] in ("claimed_not_mapped",
                                                              "mapped_not_claimed")
    series = json.loads(run("control", "claimed", "--from", "2024-09-25", "--to", "2024-10-10",
                            "--step", "5", "--format", "json", "--db", product["store"]))
    assert sorted({r["on"] for r in series}) == ["2024-09-25", "2024-09-30", "2024-10-05",
                                                 "2024-10-10"]


def test_the_api_gives_the_cli_records(product, product_client):
    store, analysis = product["store"], product["analysis"]
    pairs = [
        (["ach", "show", analysis], f"/api/ach/{analysis}", True),
        (["figure", "show", "pay_kept"], "/api/figures/pay_kept", True),
        (["acknowledgements", "DPRK deployment"], "/api/acknowledgements?subject=DPRK+deployment",
         False),
        (["control", "claimed", "--on", "2024-10-05"], "/api/control/claimed?on=2024-10-05", False),
    ]
    for command, url, single in pairs:
        cli = json.loads(run(*command, "--format", "json", "--db", store))
        answer = product_client.get(url)
        assert answer.status_code == 200, answer.text
        api = answer.json()
        assert (cli[0] if single else cli) == api, url


def test_analysts_write_through_the_api(product):
    from frontcheck.web.app import create_app

    store = copy_store(product["store"], product["store"].with_name("writes.sqlite"))
    run("users", "add", "root", "--role", "admin", "--db", store)
    run("users", "add", "ana", "--role", "analyst", "--as-user", "root", "--db", store)
    run("users", "add", "vic", "--role", "viewer", "--as-user", "root", "--db", store)
    analyst = {"Authorization": "Bearer " + run("tokens", "create", "ana", "--as-user", "root",
                                                "--db", store).strip()}
    viewer = {"Authorization": "Bearer " + run("tokens", "create", "vic", "--as-user", "root",
                                               "--db", store).strip()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        assert client.post("/api/ach", json={"question": "Q"}, headers=viewer).status_code == 403
        created = client.post("/api/ach", json={"question": f"Did {PROTECTED_NAME} lie?"},
                              headers=analyst)
        assert created.status_code == 200 and PROTECTED_NAME not in created.text
        new_id = created.json()["id"]
        assert client.post(f"/api/ach/{new_id}/hypotheses", json={"text": "Yes"},
                           headers=analyst).json()["hypothesis"] == "H1"
        bad = client.post(f"/api/ach/{new_id}/evidence", json={"rate": "H1=ZZ", "claim": "HO-053"},
                          headers=analyst)
        assert bad.status_code == 400 and "H1=ZZ" in bad.json()["error"]
        assert client.post(f"/api/ach/{new_id}/evidence", json={"rate": "H1=I", "claim": "HO-053"},
                           headers=analyst).status_code == 200
        shown = client.get(f"/api/ach/{new_id}", headers=viewer).json()
        assert [h["weighted_inconsistency"] > 0 for h in shown["hypotheses"]] == [True]
        figure = client.post("/api/figures", json={"name": "twice", "expr": "a * 2",
                                                   "inputs": ["a=1..3"]}, headers=analyst)
        assert (figure.status_code, figure.json()["low"], figure.json()["high"]) == (200, 2, 6)
        evil = client.post("/api/figures", json={"name": "evil", "expr": "__import__('os')",
                                                 "inputs": []}, headers=analyst)
        assert evil.status_code == 400


def test_no_protected_name_in_any_output(product, product_client):
    from frontcheck.app.person_protection import person_redactor
    from frontcheck.store.engine import open_engine

    store, analysis = product["store"], product["analysis"]
    outputs = []
    for fmt in ("table", "json", "csv"):
        for command in (["ach", "show", analysis], ["ach", "list"], ["figure", "show", "pay_kept"],
                        ["figure", "list"], ["acknowledgements", "DPRK deployment"],
                        ["acknowledgements", "North Korean soldiers"],
                        ["control", "claimed", "--on", "2024-10-05"]):
            done = frontcheck(*command, "--format", fmt, "--db", store)
            assert done.returncode == 0, (command, done.stderr)
            outputs += [done.stdout, done.stderr]
    for url in (f"/api/ach/{analysis}", "/api/ach", "/api/figures/pay_kept",
                "/api/acknowledgements?subject=DPRK+deployment",
                "/api/control/claimed?on=2024-10-05"):
        outputs.append(product_client.get(url).text)
    with open_engine(store) as engine, engine.connect() as connection:
        redactor = person_redactor(connection)
    assert redactor.active
    # the analysis does quote the prisoners (their words are evidence), by pseudonym only
    assert any("POW-1" in text for text in outputs)
    leaks = [text[:200] for text in outputs if redactor.finds(text) or PROTECTED_NAME in text]
    assert not leaks
