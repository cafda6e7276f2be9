"""`claims import`, `verify` and `sources track-record` as a user runs them."""

from __future__ import annotations

import json

import pytest

from tests.app.test_snapshot_ingest import table_counts
from tests.cli.test_control_cli import frontcheck
from tests.conftest import CLAIMS_DEV, copy_store, shared_path

HEADER = ("claim_id,claim_date,claimant,claimed_actor,action,settlement,settlement_local,oblast,"
          "source_url,source_quote,notes\n")


@pytest.fixture
def store(control_store, tmp_path):
    return copy_store(control_store, tmp_path / "store.sqlite")


@pytest.mark.parametrize("body, message", [
    ("claim_id,claim_date\nX,2025-01-01\n", "line 1: missing column(s) claimant"),
    (HEADER + "X,2025-13-01,MoD,russia,captured,Vuhledar,,Donetsk,,,\n",
     "line 2: claim_date: '2025-13-01' is not a date (YYYY-MM-DD)"),
    (HEADER + "X,2025-01-01,MoD,russia,annexed,Vuhledar,,Donetsk,,,\n",
     "line 2: action: unknown action 'annexed'"),
    (HEADER + "X,2025-01-01,MoD,martians,captured,Vuhledar,,Donetsk,,,\n",
     "line 2: claimed_actor: unknown actor 'martians'"),
    (HEADER + "X,2025-01-01,MoD,russia,captured,,,Donetsk,,,\n", "line 2: settlement: empty"),
    (HEADER + "X,2025-01-01,MoD,russia,captured,Vuhledar,,Donetsk,,,\n"
              "X,2025-01-02,MoD,russia,captured,Vuhledar,,Donetsk,,,\n",
     "line 3: claim_id: claim_id 'X' appears twice"),
])
def test_bad_claims_file_is_refused_and_stores_nothing(store, tmp_path, body, message):
    path = tmp_path / "claims.csv"
    path.write_text(body, encoding="utf-8")
    before = table_counts(store)
    result = frontcheck("claims", "import", path, "--db", store)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: ") and message in lines[0], lines
    assert table_counts(store) == before


def test_import_twice_stores_once_and_verify_prints_every_claim(store):
    claims = shared_path(CLAIMS_DEV / "claims.csv")
    first = frontcheck("claims", "import", claims, "--db", store)
    assert first.returncode == 0 and "15 claims: 15 new, 0 already stored" in first.stderr
    counts = table_counts(store)
    again = frontcheck("claims", "import", claims, "--db", store)
    assert "15 claims: 0 new, 15 already stored" in again.stderr and table_counts(store) == counts
    result = frontcheck("verify", "--all", "--format", "json", "--db", store)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["claim_id"] for r in rows} == {f"HO-{n}" for n in (
        "001", "002", "003", "013", "017", "022", "025", "030", "034", "042", "044", "048",
        "053", "056", "063")}
    for row in rows:
        assert {"claim_id", "verdict", "change_date", "lag_days", "confidence", "explanation",
                "evidence"} <= set(row)
    kursk = [r for r in rows if r["claim_id"] in ("HO-003", "HO-025")]
    assert all(r["verdict"] == "outside_coverage" for r in kursk)
    one = json.loads(frontcheck("verify", "--claim", "HO-017", "--format", "json", "--db", store).stdout)
    assert one == [r for r in rows if r["claim_id"] == "HO-017"]


def test_unknown_claim_and_bad_threshold(store):
    missing = frontcheck("verify", "--claim", "NOPE", "--db", store)
    assert missing.returncode == 1 and missing.stderr.strip() == "Error: no territorial claim with id 'NOPE'"
    bad = frontcheck("verify", "--threshold", "1.5", "--db", store)
    assert bad.returncode == 2


def test_track_record_groups_claimants_and_shows_intervals(store):
    frontcheck("claims", "import", shared_path(CLAIMS_DEV / "claims.csv"), "--db", store)
    result = frontcheck("sources", "track-record", "--format", "json", "--db", store)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    mod = next(r for r in records if r["group"] == "claimant" and r["name"] == "Russian Ministry of Defence")
    assert mod["claims"] >= 7 and mod["accurate_low"] <= mod["accurate_high"]
    assert all(r["empirical_grade"] == "F" for r in records if r["verifiable"] < 3)
