"""Bad input on the command line and in places files: one line, exit 1, store unchanged
(issue 14, "Input checks")."""

from __future__ import annotations

import pytest

from tests.app.test_snapshot_ingest import table_counts
from tests.cli.test_control_cli import frontcheck

HEADER = ("id,country,name_en,name_uk,name_ru,name_geonames,alt_names,lat,lon,coord_source,"
          "admin1,admin1_local,admin2,admin2_local,admin3,feature_class,feature_code,"
          "katottg_code,population")


def one_line(result) -> str:
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
    return lines[0]


@pytest.mark.parametrize("name, body, message", [
    ("header_only.csv", HEADER + "\n", "no places: the file has a header and no rows"),
    ("nul.csv", HEADER + "\ngn:1,UA,Pokr\x00ovsk,,,,,48.28,37.18,geonames" + "," * 9 + "\n",
     "line 2: name_en: control character U+0000 in the text"),
])
def test_bad_gazetteers_are_refused(tmp_path, name, body, message):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    db = tmp_path / "store.sqlite"
    before = table_counts(db)
    line = one_line(frontcheck("place", "load", path, "--db", db))
    assert line == f"Error: {path}: {message}"
    assert table_counts(db) == before


@pytest.mark.parametrize("name", ["", "   ", "a", "Ли"])
def test_a_name_under_three_letters_is_not_protected(tmp_path, name):
    db = tmp_path / "store.sqlite"
    before = table_counts(db)
    line = one_line(frontcheck("persons", "protect", name, "--db", db))
    assert "fewer than 3 letters" in line and "--alias" in line
    assert table_counts(db) == before


def test_an_id_beyond_sqlites_integers_is_one_line(tmp_path):
    db = tmp_path / "store.sqlite"
    line = one_line(frontcheck("persons", "protect", "99999999999999999999999", "--db", db))
    assert "no person with id 99999999999999999999999" in line
    line = one_line(frontcheck("sources", "show", "99999999999999999999999", "--db", db))
    assert "no source with id" in line


@pytest.mark.parametrize("args, message", [
    (("control", "ingest", "x.geojson", "--date", "2025-13-01"),
     "Error: --date: '2025-13-01' is not a date (YYYY-MM-DD)"),
    (("control", "ingest", "x.geojson", "--layer-map", "Occupied"),
     "Error: --layer-map: 'Occupied' is not VALUE=LAYER"),
    (("control", "area", "--from", "soon"), "Error: --from: 'soon' is not a date (YYYY-MM-DD)"),
    (("claims", "extract", "--text", "x", "--published-at", "yesterday"),
     "Error: --published-at: 'yesterday' is not a date (YYYY-MM-DD) or ISO time"),
    (("claims", "list", "--to", "2025-02-30"),
     "Error: --to: '2025-02-30' is not a date (YYYY-MM-DD)"),
    (("place", "search", "Pokrovsk", "--on", "1.5.2025"),
     "Error: --on: '1.5.2025' is not a date (YYYY-MM-DD)"),
])
def test_bad_options_are_one_line_not_a_usage_box(tmp_path, args, message):
    assert one_line(frontcheck(*args, "--db", tmp_path / "store.sqlite")) == message
