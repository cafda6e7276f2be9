"""Witness consistency on plain records; the ``witness`` command on hand-written claims and on
claims extracted by ``frontcheck claims extract --all`` from the samples and the fixtures in
tests/data/witness (three interviews of one fictional prisoner of war, POW-1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontcheck.claims.model import Claim
from frontcheck.cli.main import app
from frontcheck.verify.comparison import SourceInfo
from frontcheck.verify.witness import Statement, own_words, witness_consistency
from tests.cli.test_control_cli import frontcheck
from tests.verify.conftest import POW, ingest


def ship(cid: str, best: int, spread: float = 0.0) -> Claim:
    low, high = round(best * (1 - spread)), round(best * (1 + spread))
    return Claim(cid, "quantity", quote=f"{best} on the ship",
                 fields={"kind": "transport", "unit": "people", "currency": "", "low": low,
                         "best": best, "high": high})


def training(cid: str, days: int | None, negated: bool = False) -> Claim:
    return Claim(cid, "attribute", negated=negated, quote=f"training {days}",
                 fields={"subject": "speaker", "predicate": "training", "value": days})


def said(n: int, on: str, *claims: Claim) -> Statement:
    return Statement(SourceInfo(f"source:{n}", f"publisher {n}", source_id=n),
                     date.fromisoformat(on), claims)


def labels(statements) -> list[tuple]:
    return [(w.source_id, w.subject, w.status, w.change)
            for w in witness_consistency(statements)]


def test_new_consistent_changed_in_time_order():
    statements = [said(3, "2025-10-02", ship("c", 200), training("t3", None, negated=True)),
                  said(1, "2025-02-03", ship("a", 500, 0.1), training("t1", 14)),
                  said(2, "2025-06-10", ship("b", 200, 0.1), training("t2", 14))]
    assert labels(statements) == [
        (1, "transport people", "new", ""), (1, "training", "new", ""),
        (2, "transport people", "changed", "numeric"), (2, "training", "consistent", ""),
        (3, "transport people", "consistent", ""), (3, "training", "changed", "negation")]
    changed = witness_consistency(statements)[2]
    assert (changed.version, changed.previous_version) == (
        "transport: 200 (180–220) people", "transport: 500 (450–550) people")
    assert (changed.claim_ids, changed.previous_claim_ids, changed.previous_source_id) == \
        (("b",), ("a",), 1)


def test_compared_with_the_latest_statement_that_spoke_of_it():
    statements = [said(1, "2025-02-03", ship("a", 500)),
                  said(2, "2025-06-10", training("t", 14)),
                  said(3, "2025-10-02", ship("c", 200))]
    assert labels(statements)[-1] == (3, "transport people", "changed", "numeric")
    assert witness_consistency(statements)[-1].previous_source_id == 1


@pytest.mark.parametrize("before, after, status", [
    (14, 7, "changed"),       # two weeks, then a week
    (14, 15, "consistent"),   # within a quarter
    (None, 14, "consistent"),  # "trained", then "trained two weeks"
])
def test_training_length(before, after, status):
    statements = [said(1, "2025-02-03", training("a", before)),
                  said(2, "2025-06-10", training("b", after))]
    assert labels(statements)[-1][2] == status


def test_a_claim_agreeing_with_any_earlier_one_is_consistent():
    statements = [said(1, "2025-02-03", ship("a", 500), ship("b", 300)),
                  said(2, "2025-06-10", ship("c", 300))]
    assert labels(statements)[-1][2] == "consistent"


def test_own_words_are_the_witness_turns_less_attributions():
    claims = [Claim("q", "attribute", span=(3, 40), claimant="POW-1"),
              Claim("a", "attribute", span=(40, 90), claimant="POW-1"),
              Claim("m", "quantity", span=(90, 140), claimant="Russian MoD"),
              Claim("n", "quantity", span=(140, 160), claimant="")]
    assert [c.id for c in own_words(claims, [(44, 200)], {"POW-1"})] == ["a", "n"]
    assert [c.id for c in own_words(claims, None, {"POW-1"})] == ["q", "a", "n"]
    assert own_words(claims, [], {"POW-1"}) == ()


def test_witness_command_by_pseudonym_and_by_name(analysis_store):
    ids = analysis_store.ids
    by_pseudonym = frontcheck("witness", "POW-1", "--format", "json", "--db", analysis_store.db)
    assert by_pseudonym.returncode == 0, by_pseudonym.stderr
    rows = json.loads(by_pseudonym.stdout)
    found = {(r["said_on"], r["subject"]): r for r in rows}
    assert {r["witness"] for r in rows} == {"POW-1"}
    assert [found[("2025-02-03", "transport people")]["status"],
            found[("2025-06-10", "transport people")]["status"],
            found[("2025-10-02", "transport people")]["status"]] == ["new", "changed", "consistent"]
    assert found[("2025-06-10", "transport people")]["previous_claim_ids"] == [ids["ship_feb"]]
    # the interviewer's question is not the witness's word: June's training is consistent
    assert found[("2025-06-10", "training")]["status"] == "consistent"
    assert found[("2025-06-10", "training")]["claim_ids"] == [ids["trained_jun"]]
    october = found[("2025-10-02", "training")]
    assert (october["status"], october["change"], october["previous_version"]) == \
        ("changed", "negation", "training: 14 days")
    assert found[("2025-10-02", "family_contact")]["status"] == "consistent"
    assert found[("2025-10-02", "family_contact")]["previous_said_on"] == "2025-02-03"
    assert POW not in by_pseudonym.stdout + by_pseudonym.stderr
    runner, db = CliRunner(), str(analysis_store.db)
    by_name = runner.invoke(app, ["witness", POW, "--format", "json", "--db", db])
    assert json.loads(by_name.stdout) == rows and POW not in by_name.output
    table = runner.invoke(app, ["witness", "pow-1", "--db", db])
    assert table.exit_code == 0 and "Witness POW-1" in table.stdout and POW not in table.output
    # the one line the user sees (`frontcheck.cli.main.run` prints errors as "Error: ...")
    missing = frontcheck("witness", "POW-99", "--db", analysis_store.db)
    assert missing.returncode == 1
    assert missing.stderr.strip() == ("Error: no person with id, name or pseudonym 'POW-99'; "
                                      "see `frontcheck persons list`")


#: Places the extracted samples name, copied from the shared gazetteer.
GAZETTEER_IDS = ("gn:690823", "gnpostal:RU:307823", "gn:695357", "gn:486816", "gn:704422")


def _extract_all(db: Path, env: dict) -> None:
    """``frontcheck claims extract --all``."""
    command = [sys.executable, "-m", "frontcheck", "claims", "extract", "--all", "--db", str(db),
               "--format", "json"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr


def test_witness_on_extracted_claims(tmp_path, gazetteer_csv, monkeypatch):
    lines = gazetteer_csv.read_text(encoding="utf-8").splitlines()
    small = tmp_path / "gazetteer.csv"
    small.write_text("\n".join([lines[0], *(line for line in lines[1:]
                                            if line.split(",", 1)[0] in GAZETTEER_IDS)]) + "\n",
                     encoding="utf-8")
    monkeypatch.setenv("FRONTCHECK_GAZETTEER", str(small))
    db = tmp_path / "store.sqlite"
    ingest(db)
    _extract_all(db, dict(os.environ))
    result = frontcheck("witness", "POW-1", "--format", "json", "--db", db)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    status = {(r["said_on"], r["subject"]): (r["status"], r["change"]) for r in rows}
    # the fixtures: about 500 men on the ship in February, about 200 in June and October;
    # two weeks of training in February and June, "not trained at all" in October. Issue 11:
    # the testimony reader's topics (``transport``) stand for the older readers' subjects
    assert status[("2025-06-10", "transport")] == ("changed", "numeric")
    assert status[("2025-10-02", "transport")] == ("consistent", "")
    assert status[("2025-06-10", "training")] == ("consistent", "")
    assert status[("2025-10-02", "training")] == ("changed", "negation")
    assert POW not in result.stdout + result.stderr
    contradictions = CliRunner().invoke(app, ["contradictions", "--type", "numeric", "--format",
                                              "json", "--db", str(db)])
    assert contradictions.exit_code == 0, contradictions.output
    ships = [r for r in json.loads(contradictions.stdout) if r["subject"] == "transport"]
    assert {(r["date_a"], r["date_b"]) for r in ships} >= {("2025-02-03", "2025-06-10"),
                                                          ("2025-02-03", "2025-10-02")}


def test_a_later_report_of_an_interview_is_compared_with_every_earlier_report_of_it():
    """The first outlet's report speaks of his capture without a date, the second gives 9
    January, a third 10 January: the third renders the interview differently."""
    def report(n: int, publisher: str, *facts: tuple) -> Statement:
        claims = tuple(Claim(f"c{n}{i}", "testimony", quote=str(v), fields={
            "topic": "capture", "facet": facet, "value": v, "voice": "reported",
            "precision": "day"}) for i, (facet, v) in enumerate(facts))
        info = SourceInfo(f"source:{n}", source_id=n, publisher=publisher, kind="interview",
                          author="POW-1", said_on=date(2025, 1, 11))
        return Statement(info, date(2025, 1, 11), claims)
    items = witness_consistency([report(1, "Suspilne", ("event", None)),
                                 report(2, "UP", ("date", "2025-01-09")),
                                 report(3, "RBC", ("date", "2025-01-10"))])
    assert [(w.status, w.change) for w in items] == [
        ("new", ""), ("consistent", ""), ("changed", "rendering")]
