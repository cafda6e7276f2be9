"""The analyst's commands on bad input: one line naming the field, exit 1 (2 for usage), and
nothing stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from frontcheck.cli.main import app
from frontcheck.store import schema
from frontcheck.store.engine import open_engine
from tests.conftest import ROOT, copy_store

STATEMENTS = ROOT / "samples" / "statements" / "statements.csv"


def cli(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def frontcheck(*args: str) -> subprocess.CompletedProcess:
    """The installed entry point in a process of its own: its error handler turns errors
    into one line and exit codes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", "from frontcheck.cli.main import run; run()",
                           *args], capture_output=True, text=True, env=env, cwd=ROOT)


def counts(db: Path) -> dict[str, int]:
    with open_engine(db) as engine, engine.connect() as connection:
        return {t.name: connection.scalar(select(func.count()).select_from(t))
                for t in (schema.ach_analysis, schema.ach_hypothesis, schema.ach_evidence,
                          schema.figure, schema.figure_input)}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A store with the sample statements' claims, an analysis with two hypotheses, and the
    id of a quantity claim (the 10,000 North Korean soldiers)."""
    db_path = tmp_path_factory.mktemp("analysis-cli") / "store.sqlite"
    assert cli("sources", "ingest", STATEMENTS, "--db", db_path).exit_code == 0
    assert cli("claims", "extract", "--all", "--quiet", "--db", db_path).exit_code == 0
    claims = json.loads(cli("claims", "list", "--type", "quantity", "--format", "json",
                            "--db", db_path).stdout)
    troops = next(c["id"] for c in claims if "10,000" in c["quote"])
    assert cli("ach", "new", "Elite or conscripts?", "--db", db_path).stdout.strip() == "1"
    for text in ("Elite", "Conscripts"):
        assert cli("ach", "hypothesis", "add", "1", text, "--db", db_path).exit_code == 0
    return db_path, troops


@pytest.fixture
def store(template: tuple[Path, str], tmp_path: Path) -> tuple[Path, str]:
    """A private copy of the template."""
    return copy_store(template[0], tmp_path / "store.sqlite"), template[1]


@pytest.mark.parametrize("args, line", [
    (("ach", "evidence", "add", "1", "--claim", "{troops}", "--rate", "H1=CC,H3=I"),
     "Error: --rate: 'H3' is no hypothesis of this analysis (H1..H2 or a hypothesis's text)"),
    (("ach", "evidence", "add", "1", "--claim", "{troops}", "--rate", "H1=maybe"),
     "Error: --rate: 'H1=maybe': give HYPOTHESIS=RATING with a rating of CC, C, N, I, II"),
    (("ach", "evidence", "add", "1", "--claim", "nope", "--rate", "H1=C"),
     "Error: no claim with id 'nope'; see `frontcheck claims list`"),
    (("ach", "evidence", "add", "1", "--rate", "H1=C"),
     "Error: --claim: give exactly one of --claim and --source"),
    (("ach", "evidence", "add", "7", "--claim", "{troops}", "--rate", "H1=C"),
     "Error: no analysis with id 7; see `frontcheck ach list`"),
    (("ach", "show", "7"), "Error: no analysis with id 7; see `frontcheck ach list`"),
    (("figure", "new", "f", "--expr", "__import__('os')", "--input", "a=1"),
     "Error: --expr: '__import__' is not a function here (only min, max)"),
    (("figure", "new", "f", "--expr", "troops * pay", "--input", "troops={troops}"),
     "Error: --input: no input for pay: give --input NAME=CLAIM_ID or NAME=NUMBER"),
    (("figure", "new", "f", "--expr", "a / (b - 1)", "--input", "a=1", "--input", "b=1"),
     "Error: --expr: 'a / (b - 1)' has no finite value over the inputs' ranges (a division "
     "by zero?)"),
    (("figure", "new", "f", "--expr", "a", "--input", "a=3..1"),
     "Error: --input: 'a=3..1': low, best and high must be in order"),
    (("figure", "show", "nope"), "Error: no figure called 'nope'; see `frontcheck figure list`"),
    (("acknowledgements", " "), "Error: SUBJECT: give the fact, e.g. \"DPRK deployment\""),
])
def test_bad_input_is_one_line_and_stores_nothing(store, args, line):
    db, troops = store
    before = counts(db)
    done = frontcheck(*(a.format(troops=troops) for a in args), "--db", str(db))
    assert (done.returncode, done.stderr.strip()) == (1, line)
    assert counts(db) == before


def test_a_figure_from_a_claim_and_its_rerun(store):
    db, troops = store
    done = cli("figure", "new", "men_months", "--expr", "troops * months", "--input",
               f"troops={troops}", "--input", "months=12", "--format", "csv", "--db", db)
    assert done.exit_code == 0, done.stderr
    header, *_rows = done.stdout.splitlines()
    assert header.startswith("name,input,low,best,high")
    claim = json.loads(cli("claims", "list", "--type", "quantity", "--format", "json", "--db",
                           db).stdout)
    fields = next(c["fields"] for c in claim if c["id"] == troops)
    shown = json.loads(cli("figure", "show", "men_months", "--format", "json", "--db",
                           db).stdout)[0]
    assert (shown["low"], shown["best"], shown["high"]) == (
        fields["low"] * 12, fields["best"] * 12, fields["high"] * 12)
    assert counts(db)["figure_input"] == 2


def test_evidence_again_replaces_its_ratings(store):
    db, troops = store
    for rate in ("H1=CC,H2=I", "Elite=I,Conscripts=CC"):
        assert cli("ach", "evidence", "add", "1", "--claim", troops, "--rate", rate,
                   "--db", db).stdout.strip() == "1"
    shown = json.loads(cli("ach", "show", "1", "--format", "json", "--db", db).stdout)[0]
    assert [e["ratings"] for e in shown["evidence"]] == [{"H1": "I", "H2": "CC"}]
    assert shown["ranking"] == ["H2", "H1"]
    csv_lines = cli("ach", "show", "1", "--format", "csv", "--db", db).stdout.splitlines()
    assert csv_lines[0].startswith("ref,statement,grade,empirical_grade,verdict,weight,"
                                   "diagnosticity,H1,H2,sensitive")


def test_control_claimed_needs_a_date(store):
    db, _ = store
    done = cli("control", "claimed", "--db", db)
    assert done.exit_code == 2 and "give --on D, or --from D1 and --to D2" in done.stderr
