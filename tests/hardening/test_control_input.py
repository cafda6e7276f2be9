"""Wrong control data is refused, never stored silently (issue 14, "Wrong data accepted")."""

from __future__ import annotations

import orjson
import pytest
import shapely
from sqlalchemy import select

from frontcheck.store import schema
from frontcheck.store.engine import open_engine
from tests.app.test_snapshot_ingest import table_counts
from tests.cli.test_control_cli import NO_GAZETTEER, SQUARE, frontcheck, polygon_file


def one_error_line(result, path) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), lines
    return lines[0]


def snapshot_rows(db) -> list[tuple]:
    with open_engine(db) as engine, engine.connect() as connection:
        return [tuple(r) for r in connection.execute(
            select(schema.snapshot.c.snapshot_date, schema.snapshot.c.sha256)
            .order_by(schema.snapshot.c.snapshot_date))]


def occupied_area(db, on) -> float:
    with open_engine(db) as engine, engine.connect() as connection:
        return connection.execute(
            select(schema.layer.c.area_km2).join(schema.snapshot)
            .where(schema.snapshot.c.snapshot_date == on, schema.layer.c.layer == "occupied")).scalar_one()


def test_swapped_lon_lat_is_refused_unless_forced(one_snapshot_store, tmp_path, daily_files):
    doc = orjson.loads(daily_files[1].read_bytes())
    for feature in doc["features"]:
        geometry = shapely.from_geojson(orjson.dumps(feature["geometry"]))
        swapped = shapely.transform(geometry, lambda xy: xy[:, ::-1])
        feature["geometry"] = orjson.loads(shapely.to_geojson(swapped))
    bad = tmp_path / "deepstatemap_data_20250101.geojson"
    bad.write_bytes(orjson.dumps(doc))
    before = table_counts(one_snapshot_store)
    result = frontcheck("control", "ingest", bad, "--db", one_snapshot_store, env=NO_GAZETTEER)
    line = one_error_line(result, bad)
    assert "outside the area the tracker maps" in line and "--force" in line, line
    assert table_counts(one_snapshot_store) == before
    forced = frontcheck("control", "ingest", bad, "--force", "--db", one_snapshot_store,
                        env=NO_GAZETTEER)
    assert forced.returncode == 0, forced.stderr
    assert len(snapshot_rows(one_snapshot_store)) == 2


BOWTIE = {"type": "Polygon", "coordinates": [[[37.0, 48.0], [37.4, 48.4], [37.4, 48.0],
                                               [37.0, 48.4], [37.0, 48.0]]]}


def test_self_intersecting_polygon_is_refused_with_its_place(one_snapshot_store, tmp_path):
    bad = polygon_file(tmp_path / "deepstatemap_data_20250102.geojson", BOWTIE)
    before = table_counts(one_snapshot_store)
    result = frontcheck("control", "ingest", bad, "--db", one_snapshot_store, env=NO_GAZETTEER)
    line = one_error_line(result, bad)
    assert "features[0].geometry: invalid geometry (Self-intersection at 37.2 48.2)" in line, line
    assert "--make-valid" in line
    assert table_counts(one_snapshot_store) == before
    repaired = frontcheck("control", "ingest", bad, "--make-valid", "--db", one_snapshot_store,
                          env=NO_GAZETTEER)
    assert repaired.returncode == 0, repaired.stderr
    assert "repaired" in repaired.stderr and "Self-intersection" in repaired.stderr
    # two triangles of 0.2° x 0.4° / 2 each, not the signed shoelace sum (0)
    assert occupied_area(one_snapshot_store, "2025-01-02") > 100


def test_self_touching_ring_is_repaired_silently(one_snapshot_store, tmp_path):
    """A ring touching itself at one vertex (trackers draw these) keeps its area when
    repaired: it is not refused."""
    touching = {"type": "Polygon", "coordinates": [[[37.0, 48.0], [37.4, 48.0], [37.4, 48.4],
                                                    [37.2, 48.0], [37.0, 48.4], [37.0, 48.0]]]}
    good = polygon_file(tmp_path / "deepstatemap_data_20250103.geojson", touching)
    result = frontcheck("control", "ingest", good, "--db", one_snapshot_store, env=NO_GAZETTEER)
    assert result.returncode == 0, result.stderr


def test_a_second_file_for_a_stored_date_is_refused_or_replaced(one_snapshot_store, tmp_path,
                                                               daily_files):
    stored_date = daily_files[0].stem[-8:]
    other = polygon_file(tmp_path / f"deepstatemap_data_{stored_date}.geojson", SQUARE)
    before = table_counts(one_snapshot_store)
    rows = snapshot_rows(one_snapshot_store)
    result = frontcheck("control", "ingest", other, "--db", one_snapshot_store, env=NO_GAZETTEER)
    line = one_error_line(result, other)
    assert "date: a deepstate snapshot dated 2024-07-08 is stored already" in line, line
    assert "--replace" in line
    assert table_counts(one_snapshot_store) == before and snapshot_rows(one_snapshot_store) == rows
    replaced = frontcheck("control", "ingest", other, "--replace", "--db", one_snapshot_store,
                          env=NO_GAZETTEER)
    assert replaced.returncode == 0, replaced.stderr
    after = snapshot_rows(one_snapshot_store)
    assert len(after) == 1 and after[0][1] != rows[0][1]
    assert occupied_area(one_snapshot_store, "2024-07-08") == pytest.approx(22.0 * 14.9, rel=0.05)


def test_a_second_file_for_a_date_between_two_days_is_recomputed(one_snapshot_store, tmp_path,
                                                                 daily_files):
    """Replacing a day in the middle recomputes the next day's change against it."""
    a = tmp_path / daily_files[1].name
    a.write_bytes(daily_files[1].read_bytes())
    b = tmp_path / daily_files[2].name
    b.write_bytes(daily_files[2].read_bytes())
    assert frontcheck("control", "ingest", a, b, "--db", one_snapshot_store,
                      env=NO_GAZETTEER).returncode == 0
    middle = tmp_path / "replacement" / daily_files[1].name
    middle.parent.mkdir()
    # day 1's map again (other bytes): no change on day 2, and day 3's change is recomputed
    middle.write_bytes(daily_files[0].read_bytes() + b"\n")
    result = frontcheck("control", "ingest", middle, "--replace", "--db", one_snapshot_store,
                        env=NO_GAZETTEER)
    assert result.returncode == 0, result.stderr
    with open_engine(one_snapshot_store) as engine, engine.connect() as connection:
        ids = dict(connection.execute(select(schema.snapshot.c.snapshot_date, schema.snapshot.c.id)).all())
        changes = connection.execute(select(schema.change.c.snapshot_id, schema.change.c.previous_snapshot_id,
                                            schema.change.c.gained_km2)).all()
    assert len(ids) == 3
    on = sorted(ids)
    pairs = {(c.snapshot_id, c.previous_snapshot_id) for c in changes}
    assert pairs == {(ids[on[1]], ids[on[0]]), (ids[on[2]], ids[on[1]])}
    assert next(c.gained_km2 for c in changes if c.snapshot_id == ids[on[1]]) == pytest.approx(0, abs=1e-6)


def test_a_date_in_the_future_is_refused(one_snapshot_store, tmp_path):
    bad = polygon_file(tmp_path / "deepstatemap_data_20990101.geojson", SQUARE)
    before = table_counts(one_snapshot_store)
    result = frontcheck("control", "ingest", bad, "--db", one_snapshot_store, env=NO_GAZETTEER)
    line = one_error_line(result, bad)
    assert "date: 2099-01-01 is in the future" in line, line
    assert table_counts(one_snapshot_store) == before


def test_a_daily_file_read_as_raw_is_refused(one_snapshot_store, tmp_path, daily_files):
    bad = tmp_path / "deepstatemap_data_20250104.geojson"
    bad.write_bytes(daily_files[1].read_bytes())
    before = table_counts(one_snapshot_store)
    result = frontcheck("control", "ingest", bad, "--input-format", "deepstate-raw",
                        "--db", one_snapshot_store, env=NO_GAZETTEER)
    line = one_error_line(result, bad)
    assert "no feature has a known geoJSON key" in line, line
    assert table_counts(one_snapshot_store) == before


def test_a_raw_snapshot_with_only_unknown_keys_is_refused(one_snapshot_store, tmp_path):
    square = {"type": "Feature", "properties": {"name": "x /// y /// geoJSON.nothing.known"},
              "geometry": SQUARE}
    bad = tmp_path / "raw_20250105.json"
    bad.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": [square]}))
    result = frontcheck("control", "ingest", bad, "--input-format", "deepstate-raw",
                        "--db", one_snapshot_store, env=NO_GAZETTEER)
    line = one_error_line(result, bad)
    assert "no feature has a known geoJSON key" in line and "geoJSON.nothing.known" in line, line
