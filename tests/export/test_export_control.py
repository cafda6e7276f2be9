"""``frontcheck export control`` and ``export timelines``: every file opened by the library a
GIS user would open it with (geopandas over pyogrio/GDAL, pyarrow), checked for CRS,
validity, RFC 7946 winding, field types, and values against the store and the other
commands (``control area``, ``control timeline``)."""

from __future__ import annotations

import io
import json

import geopandas
import numpy as np
import orjson
import pandas as pd
import pyarrow.parquet as pq
import pytest
import shapely
from sqlalchemy import select

from tests.export.conftest import frontcheck, ok

DATES = ("2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04")


def signed_area(ring: list) -> float:
    """Shoelace area of a GeoJSON ring: positive when counter-clockwise (written here, not
    taken from shapely, so the winding check does not trust the code under test)."""
    xy = np.asarray(ring, dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def polygons_of(geometry: dict) -> list:
    return ([geometry["coordinates"]] if geometry["type"] == "Polygon"
            else geometry["coordinates"])


def assert_rfc7946_winding(geometry: dict) -> None:
    for rings in polygons_of(geometry):
        assert signed_area(rings[0]) > 0, "exterior ring not counter-clockwise"
        assert all(signed_area(hole) < 0 for hole in rings[1:]), "hole not clockwise"


def stored_layers(store) -> dict:
    """(date, layer) → (area_km2, geometry) straight from the store's tables."""
    from frontcheck.store import schema as s
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine, engine.connect() as connection:
        rows = connection.execute(select(s.snapshot.c.snapshot_date, s.layer.c.layer,
                                         s.layer.c.area_km2, s.layer.c.geometry)
                                  .join(s.layer, s.layer.c.snapshot_id == s.snapshot.c.id)).all()
    return {(r.snapshot_date.isoformat(), r.layer): (r.area_km2, shapely.from_wkb(r.geometry))
            for r in rows}


def area_report(store) -> pd.DataFrame:
    """What ``control area --period day`` reports, read from its CSV."""
    text = ok("control", "area", "--period", "day", "--format", "csv", "--db", store).stdout
    return pd.read_csv(io.StringIO(text)).set_index(["period_start", "layer"])


@pytest.fixture(scope="module")
def control_files(export_store, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("control_export")
    files = {}
    for fmt in ("geojson", "gpkg", "parquet", "csv"):
        files[fmt] = folder / f"control.{fmt}"
        ok("export", "control", "--from", DATES[0], "--to", DATES[-1], "--format", fmt,
           "--output", files[fmt], "--db", export_store)
    return files


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "parquet"])
def test_control_file_opens_with_crs_valid_geometry_and_store_values(control_files, fmt,
                                                                      export_store):
    path = control_files[fmt]
    frame = (geopandas.read_parquet(path) if fmt == "parquet"
             else geopandas.read_file(path, engine="pyogrio"))
    assert frame.crs.to_epsg() == 4326
    assert set(frame["kind"]) == {"layer", "gained", "lost"}
    assert frame["area_km2"].dtype == "float64"
    assert frame["tracker"].eq("deepstate").all()
    days = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    assert sorted(set(days)) == list(DATES)
    shapes = frame.geometry[~frame.geometry.isna()]
    assert shapely.is_valid(shapes.values).all()
    # every exterior ring counter-clockwise, every hole clockwise (shapely's reading)
    parts = shapely.get_parts(shapes.values)
    assert shapely.is_ccw(shapely.get_exterior_ring(parts)).all()
    stored, report = stored_layers(export_store), area_report(export_store)
    layers = frame[frame["kind"] == "layer"]
    assert len(layers) == len(stored)
    reported = 0
    for day, row in zip(days[layers.index], layers.itertuples()):
        area, geometry = stored[(day, row.layer)]
        assert row.area_km2 == area
        assert shapely.equals(row.geometry, geometry)
        # a day's period ends with the next snapshot: the last date has no row of its own
        if (day, row.layer) in report.index:
            assert row.area_km2 == report.loc[(day, row.layer), "area_start_km2"]
            reported += 1
    assert reported == len(DATES) - 1
    gained = frame[frame["kind"] == "gained"]
    # the first date has no previous snapshot, so no change features
    assert sorted(set(days[gained.index])) == list(DATES[1:])
    for day, row in zip(days[gained.index], gained.itertuples()):
        # the day's period D-1..D-1 gains what the snapshot of D gained
        previous = DATES[DATES.index(day) - 1]
        assert row.area_km2 == pytest.approx(report.loc[(previous, row.layer), "gained_km2"],
                                             rel=1e-12)


def test_control_geojson_is_rfc7946_with_date_on_each_feature(control_files):
    collection = json.loads(control_files["geojson"].read_text(encoding="utf-8"))
    assert "crs" not in collection and "date" not in collection
    features = collection["features"]
    assert features
    for feature in features:
        assert {"date", "tracker", "layer", "kind", "area_km2"} <= set(feature["properties"])
        if feature["geometry"] is not None:
            assert_rfc7946_winding(feature["geometry"])


def test_control_parquet_is_geoparquet(control_files):
    metadata = pq.read_schema(control_files["parquet"]).metadata
    geo = json.loads(metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB"
    assert column["crs"]["id"] == {"authority": "EPSG", "code": 4326}
    assert pq.read_schema(control_files["parquet"]).field("date").type == "date32[day]"


def test_control_csv_has_plain_numbers(control_files, export_store):
    frame = pd.read_csv(control_files["csv"])
    assert list(frame.columns) == ["date", "tracker", "layer", "kind", "area_km2"]
    assert frame["area_km2"].dtype == "float64"
    report = area_report(export_store)
    layers = frame[(frame["kind"] == "layer") & (frame["date"] < DATES[-1])]
    assert len(layers) == len(DATES) - 1
    assert (layers["area_km2"].to_numpy()
            == report.loc[list(zip(layers["date"], layers["layer"])), "area_start_km2"]
            .to_numpy()).all()


def test_one_date_to_stdout(export_store):
    collection = orjson.loads(ok("export", "control", "--date", "2024-10-02",
                                 "--db", export_store).stdout)
    assert {f["properties"]["date"] for f in collection["features"]} == {"2024-10-02"}


def test_bad_input_is_one_line(export_store, tmp_path):
    cases = [
        (("--date", "2024-10-09"),
         "Error: no deepstate snapshot dated 2024-10-09 (held: 2024-10-01..2024-10-04)\n"),
        (("--from", "2025-01-01", "--to", "2025-01-31"),
         "Error: no deepstate snapshot dated 2025-01-01..2025-01-31 "
         "(held: 2024-10-01..2024-10-04)\n"),
        (("--date", "2024-10-32"), "Error: --date: '2024-10-32' is not a date (YYYY-MM-DD)\n"),
        (("--date", "2024-10-02", "--format", "gpkg"),
         "Error: --output: gpkg is a binary file: give --output PATH\n"),
        (("--date", "2024-10-02", "--output", tmp_path / "missing" / "x.gpkg"),
         f"Error: {tmp_path / 'missing' / 'x.gpkg'}: no folder {tmp_path / 'missing'}\n"),
    ]
    for args, line in cases:
        done = frontcheck("export", "control", *args, "--db", export_store)
        assert (done.returncode, done.stdout, done.stderr) == (1, "", line), args
    existing = tmp_path / "kept.geojson"
    existing.write_text("mine")
    done = frontcheck("export", "control", "--date", "2024-10-02", "--output", existing,
                      "--db", export_store)
    assert done.returncode == 1
    assert done.stderr == f"Error: {existing}: already exists; give --overwrite to replace it\n"
    assert existing.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.geojson"]


def test_timelines_match_control_timeline(export_store, tmp_path):
    from frontcheck.store import schema as s
    from frontcheck.store.engine import open_engine

    expected = orjson.loads(ok("control", "timeline", "Vuhledar", "--oblast", "Donetsk",
                               "--format", "json", "--db", export_store).stdout)
    place_id = expected[0]["place_id"]
    with open_engine(export_store) as engine, engine.connect() as connection:
        lon, lat = connection.execute(select(s.place.c.lon, s.place.c.lat)
                                      .where(s.place.c.id == place_id)).one()
        places = connection.execute(select(s.timeline_interval.c.place_id).distinct()
                                    .where(s.timeline_interval.c.tracker == "deepstate")).all()
    frames = {}
    for fmt in ("parquet", "gpkg", "csv"):
        path = tmp_path / f"timelines.{fmt}"
        ok("export", "timelines", "--format", fmt, "--output", path, "--db", export_store)
        frames[fmt] = (pd.read_csv(path) if fmt == "csv" else
                       geopandas.read_parquet(path) if fmt == "parquet" else
                       geopandas.read_file(path, engine="pyogrio"))
    for fmt, frame in frames.items():
        assert frame["place_id"].nunique() == len(places), fmt
        mine = frame[frame["place_id"] == place_id]
        assert (mine["lon"] == lon).all() and (mine["lat"] == lat).all()
        got = [(r.layer, r.band, str(pd.Timestamp(r.date_from).date()),
                str(pd.Timestamp(r.date_to).date()), r.fraction_min, r.fraction_max)
               for r in mine.itertuples()]
        assert got == [(e["layer"], e["band"], e["date_from"], e["date_to"],
                        pytest.approx(e["fraction_min"], abs=1e-6),
                        pytest.approx(e["fraction_max"], abs=1e-6)) for e in expected], fmt
        assert frame["fraction_max"].dtype == "float64"
        if fmt != "csv":
            assert frame.crs.to_epsg() == 4326
            assert (frame.geometry.x == frame["lon"]).all()
