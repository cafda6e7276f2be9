"""`frontcheck control ...` as a user runs it: real processes, exit codes, whole error lines."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from frontcheck.control.period import Period, period_areas
from frontcheck.store import control as store_control
from frontcheck.store.engine import open_engine
from tests.app.test_snapshot_ingest import table_counts
from tests.conftest import copy_store, new_store

AREA_KEYS = ["period_start", "period_end", "layer", "snapshot_start", "snapshot_end",
             "area_start_km2", "area_end_km2", "net_km2", "gained_km2", "lost_km2"]


def frontcheck(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "frontcheck", *map(str, args)],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


#: For tests about snapshots alone: no gazetteer is found, so no timelines are built.
NO_GAZETTEER = {"FRONTCHECK_GAZETTEER": "/nonexistent/gazetteer.csv"}


def polygon_file(path: Path, geometry: dict | None, props: dict | None = None) -> Path:
    doc = {"type": "FeatureCollection",
           "features": [{"type": "Feature", "properties": props or {}, "geometry": geometry}]}
    path.write_bytes(orjson.dumps(doc))
    return path


SQUARE = {"type": "Polygon", "coordinates": [[[37.0, 48.0], [37.2, 48.0], [37.2, 48.2], [37.0, 48.2], [37.0, 48.0]]]}


@pytest.fixture(scope="module")
def one_snapshot_template(tmp_path_factory, daily_files, store_kind, request) -> Path:
    """A store holding the first daily snapshot (and, loaded on first use, the gazetteer)."""
    db = new_store(store_kind, tmp_path_factory.mktemp("one"), request)
    result = frontcheck("control", "ingest", daily_files[0], "--db", db, "--quiet", env=NO_GAZETTEER)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def one_snapshot_store(one_snapshot_template, tmp_path) -> Path:
    return copy_store(one_snapshot_template, tmp_path / "store.sqlite")


@pytest.mark.parametrize("name, make, message", [
    ("deepstatemap_data_20250101.geojson",
     lambda p, real: p.write_bytes(real[:1500]),
     "line 6: truncated JSON (unexpected end of data at char 1500)"),
    ("deepstatemap_data_20250102.geojson",
     lambda p, real: polygon_file(p, None), "features[0].geometry: no geometry"),
    ("deepstatemap_data_20250103.geojson",
     lambda p, real: polygon_file(p, {"type": "Point", "coordinates": [37.0, 48.0]}),
     "features[0].geometry: Point geometry where a layer needs area"),
    ("deepstatemap_data_20250104.geojson",
     lambda p, real: polygon_file(p, {"type": "Polygon",
                                      "coordinates": [[[200, 48], [201, 48], [201, 49], [200, 48]]]}),
     "is outside the lon/lat range"),
    ("occupied-latest.geojson",
     lambda p, real: polygon_file(p, SQUARE), "date: no date in the file name"),
])
def test_bad_input_is_refused_in_one_line_and_changes_nothing(one_snapshot_store, tmp_path,
                                                              daily_files, name, make, message):
    bad = tmp_path / name
    make(bad, daily_files[1].read_bytes())
    before = table_counts(one_snapshot_store)
    result = frontcheck("control", "ingest", bad, "--db", one_snapshot_store)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {bad}: ") and message in lines[0], lines
    assert table_counts(one_snapshot_store) == before


def test_unmapped_layer_name_is_refused(one_snapshot_store, tmp_path):
    layered = polygon_file(tmp_path / "map_2025-01-05.geojson", SQUARE, {"status": "Grey zone"})
    before = table_counts(one_snapshot_store)
    result = frontcheck("control", "ingest", layered, "--db", one_snapshot_store,
                        "--layer-property", "status", "--layer-map", "Occupied=occupied")
    assert result.returncode == 1
    assert "unmapped layer name 'Grey zone'" in result.stderr and str(layered) in result.stderr
    assert table_counts(one_snapshot_store) == before


def test_keep_going_stores_the_good_and_lists_the_bad(one_snapshot_store, tmp_path, daily_files):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / daily_files[1].name).write_bytes(daily_files[1].read_bytes())
    (folder / daily_files[2].name).write_bytes(daily_files[2].read_bytes()[:900])
    result = frontcheck("control", "ingest", folder, "--db", one_snapshot_store, "--keep-going",
                        env=NO_GAZETTEER)
    assert result.returncode == 1
    assert f"Error: {folder / daily_files[2].name}: line 6: truncated JSON" in result.stderr
    assert "3 files" not in result.stderr and "1 new, 0 already stored, 1 failed" in result.stderr
    with open_engine(one_snapshot_store) as engine, engine.connect() as connection:
        assert len(store_control.tracker_sequence(connection, "deepstate")) == 2


def test_area_json_is_the_core_function_output(control_store):
    result = frontcheck("control", "area", "--period", "week", "--format", "json", "--db", control_store)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all(list(r) == AREA_KEYS for r in rows)
    with open_engine(control_store) as engine, engine.connect() as connection:
        expected = period_areas(store_control.daily_rows(connection, "deepstate"), Period.week)
    assert len(rows) == len(expected)
    for row, record in zip(rows, expected):
        assert row["period_start"] == record.period_start.isoformat()
        assert row["net_km2"] == pytest.approx(record.area_end_km2 - record.area_start_km2, abs=1e-5)
        assert row["gained_km2"] - row["lost_km2"] == pytest.approx(row["net_km2"], abs=0.05)


def test_area_csv_has_the_same_columns(control_store):
    result = frontcheck("control", "area", "--format", "csv", "--from", "2024-10-01",
                        "--to", "2024-10-31", "--period", "day", "--db", control_store)
    assert result.returncode == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert reader.fieldnames == AREA_KEYS
    assert all("2024-10-01" <= r["period_start"] <= "2024-10-31" for r in rows) and rows


def test_ambiguous_place_lists_candidates(control_store):
    result = frontcheck("control", "timeline", "Novoselivka", "--db", control_store)
    assert result.returncode == 1
    first, *candidates = result.stderr.strip().splitlines()
    assert first.startswith("Error: ") and "places are called 'Novoselivka'" in first
    assert len(candidates) > 10 and all("id=gn:" in c for c in candidates)


def test_timeline_and_status_of_pokrovsk(control_store):
    result = frontcheck("control", "timeline", "Покровськ", "--format", "json", "--db", control_store)
    assert result.returncode == 0, result.stderr
    runs = [r for r in json.loads(result.stdout) if r["layer"] == "occupied"]
    assert runs[0]["band"] == "0 %" and runs[-1]["band"] in ("10-90 %", ">= 90 %")
    status = frontcheck("control", "status", "Pokrovsk", "--on", "2025-11-25", "--format", "json",
                        "--db", control_store)
    payload = json.loads(status.stdout)[0]
    assert payload["snapshot_date"] == "2025-11-25" and payload["covered"] is True
    assert 0.1 < payload["fractions"]["occupied"] < 0.9


def test_a_place_outside_coverage_is_not_covered(control_store):
    result = frontcheck("control", "status", "Sudzha", "--on", "2024-10-01", "--format", "json",
                        "--db", control_store)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)[0]
    assert payload["covered"] is False and payload["fractions"]["occupied"] is None


def test_bad_date_option_is_one_error_line(control_store):
    result = frontcheck("control", "status", "Pokrovsk", "--on", "yesterday", "--db", control_store)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: --on: 'yesterday' is not a date (YYYY-MM-DD)"
