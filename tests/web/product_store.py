"""A store for the product pages' browser tests (issue 13 in the workbench): the workbench
store plus the positions sample (an acknowledgement timeline of the DPRK deployment), and the
article's analysis built on it by the CLI as an analyst does it: a second hypothesis and
evidence items from extracted claims, a figure over two quantity claims, and a saved brief."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import copy_store
from tests.web.conftest import SAMPLES, frontcheck

SUBJECT = "DPRK deployment"
#: Evidence added to the web store's analysis 1 (which has H1 and one item already):
#: (a phrase of the claim's quote, its type, ratings against H1 elite, H2 conscripts)
EVIDENCE = [
    ("only a few weeks of training", "attribute", "H1=I,H2=CC"),
    ("I was a conscript", "attribute", "H1=II,H2=CC"),
    ("штурмовыми группами", "participation", "H1=C,H2=N"),
]


def run(*args: object) -> str:
    done = frontcheck(*args)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


@pytest.fixture(scope="module")
def product_store(web_store: Path, workbench_store: Path,
                  tmp_path_factory: pytest.TempPathFactory) -> dict:
    store = copy_store(workbench_store, tmp_path_factory.mktemp("product-pages") / "store.sqlite")
    db = ("--db", store)
    run("sources", "ingest", SAMPLES / "positions", *db)
    run("claims", "extract", "--all", "--quiet", *db)
    claims = json.loads(run("claims", "list", "--format", "json", *db))
    run("ach", "hypothesis", "add", "1", "Ill-prepared conscripts", *db)
    for phrase, kind, rate in EVIDENCE:
        found = next(c for c in claims if phrase in c["quote"] and c["type"] == kind)
        run("ach", "evidence", "add", "1", "--claim", found["id"], "--rate", rate, *db)
    pay = next(c for c in claims if c["type"] == "quantity" and
               c["fields"].get("kind") == "payment" and c["fields"].get("best") == 2000)
    troops = next(c for c in claims if c["type"] == "quantity" and "11,000 troops" in c["quote"])
    run("figure", "new", "pay_kept", "--expr", "pay * troops * months * (1 - kept)",
        "--input", f"pay={pay['id']}", "--input", f"troops={troops['id']}",
        "--input", "kept=0.7..0.9", "--input", "months=12", *db)
    run("report", "--ach", "1", "--figure", "pay_kept", "--save", "kursk", "--output",
        tmp_path_factory.mktemp("product-brief") / "kursk.html", *db)
    return {"store": store, "pay": pay, "troops": troops}
