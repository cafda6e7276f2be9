"""``claims import``: every bad row is one line naming it, nothing stored (issue 14)."""

from __future__ import annotations

import contextlib
import csv
import random

import pytest

from frontcheck.claims.curated import COLUMNS, read_curated_claims
from frontcheck.errors import InputError
from tests.app.test_snapshot_ingest import table_counts
from tests.cli.test_control_cli import frontcheck
from tests.hardening.conftest import fuzz_size, mutate

HEAD = ",".join(COLUMNS) + "\n"
ROW = "X-1,2025-01-06,MoD,russia,captured,Kurakhove,Курахове,Donetsk,,\"the quote\",notes\n"


@pytest.mark.parametrize("body, message", [
    (HEAD + ROW.replace("notes\n", "notes,extra\n"), "line 2: 12 cells but the header has 11"),
    (HEAD + ROW + ROW.replace("X-1", "X-2")[:-12], "line 3: malformed CSV (unexpected end of data)"),
    (HEAD + ROW.replace("2025-01-06", "2099-01-06"), "line 2: claim_date: 2099-01-06 is in the future"),
    (HEAD + ROW.replace("the quote", "q" * 10_000_000), "line 2: malformed CSV (field larger than field limit"),
])
def test_bad_rows_are_refused_in_one_line(tmp_path, body, message):
    path = tmp_path / "claims.csv"
    path.write_text(body, encoding="utf-8")
    db = tmp_path / "store.sqlite"
    before = table_counts(db)
    result = frontcheck("claims", "import", path, "--db", db)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: {message}"), lines[:2]
    assert table_counts(db) == before


def test_fuzzed_files_give_claims_or_one_input_error():
    """Random edits of a good file (cut, quotes, commas, huge fields): a list of claims or an
    InputError, never another exception."""
    rng = random.Random(14)
    good = (HEAD + ROW + ROW.replace("X-1", "X-2")).encode()
    for _ in range(fuzz_size(80_000, 2_000)):
        with contextlib.suppress(InputError):
            read_curated_claims(mutate(good, rng), "f.csv")
    assert csv.field_size_limit() == 131072     # the limit is not raised globally
