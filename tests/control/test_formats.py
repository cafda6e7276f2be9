"""Layered GeoJSON and GeoParquet readers, and format detection, on files built by the tests."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pyproj
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontcheck.control.formats import ReadOptions, detect_format, reader_for
from frontcheck.control.formats.geojson_layers import read_geojson_layers
from frontcheck.control.formats.geoparquet import read_geoparquet
from frontcheck.control.snapshot import Snapshot
from frontcheck.errors import InputError
from tests.control.raw_dsm_samples import bare_bytes, wrapped_bytes

#: (layer property value, geometry) as a tracker such as DeepState's export would label them.
ROWS = (
    ("Occupied", shapely.box(37.6, 47.9, 38.2, 48.3)),
    ("CADR and CALR", shapely.box(38.0, 48.0, 38.8, 48.5)),  # overlaps the one above
    ("Liberated", shapely.box(36.7, 49.35, 37.0, 49.55)),
    ("Liberated", shapely.MultiPolygon([shapely.box(32.7, 46.95, 32.95, 47.15)])),
    ("Labels", shapely.Point(37.5, 48.0)),  # ignored, so its geometry type does not matter
    ("Partisan activity", shapely.box(34.0, 45.0, 34.2, 45.2)),
)
LAYER_MAP = {"Occupied": "occupied", "CADR and CALR": "occupied", "Liberated": "Liberated",
             "Labels": "ignore", "Partisan activity": "partisan", "Grey zone": "contested"}
OPTIONS = ReadOptions(layer_property="status", layer_map=LAYER_MAP)
GEOJSON_NAME = "exports/control_2025-01-02.geojson"
PARQUET_NAME = "exports/control_20250102.parquet"


def union_of(values: set[str], rows=ROWS) -> shapely.Geometry:
    """The expected layer, computed apart from the readers."""
    return shapely.union_all([g for v, g in rows if v in values])


def geojson_bytes(rows=ROWS, prop: str = "status") -> bytes:
    features = [{"type": "Feature", "properties": {prop: value, "id": i},
                 "geometry": orjson.loads(shapely.to_geojson(geom))}
                for i, (value, geom) in enumerate(rows)]
    return orjson.dumps({"type": "FeatureCollection", "features": features})


ABSENT = object()


def parquet_bytes(rows=ROWS, crs: object = ABSENT, encoding: str = "WKB",
                  geo: bool = True) -> bytes:
    """A GeoParquet 1.1 file written with pyarrow, as geopandas would write it."""
    column = {"encoding": encoding, "geometry_types": ["Polygon", "MultiPolygon"]}
    if crs is not ABSENT:
        column["crs"] = crs
    table = pa.table({"status": [v for v, _ in rows],
                      "geometry": pa.array([shapely.to_wkb(g) for _, g in rows], pa.binary())})
    if geo:
        metadata = {"version": "1.1.0", "primary_column": "geometry",
                    "columns": {"geometry": column}}
        table = table.replace_schema_metadata({b"geo": orjson.dumps(metadata)})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


READERS = {"geojson": (read_geojson_layers, geojson_bytes, GEOJSON_NAME),
           "geoparquet": (read_geoparquet, parquet_bytes, PARQUET_NAME)}


@pytest.mark.parametrize("fmt", READERS)
def test_layer_map_sorts_features_into_dissolved_layers(fmt: str) -> None:
    read, write, name = READERS[fmt]
    data = write()
    snap = read(data, name, OPTIONS)
    assert [layer.name for layer in snap.layers] == ["occupied", "contested", "liberated",
                                                     "partisan"]
    expected = {"occupied": union_of({"Occupied", "CADR and CALR"}),
                "contested": shapely.MultiPolygon(), "liberated": union_of({"Liberated"}),
                "partisan": union_of({"Partisan activity"})}
    for layer in snap.layers:
        assert layer.geometry.geom_type == "MultiPolygon"
        difference = shapely.symmetric_difference(layer.geometry, expected[layer.name])
        assert shapely.area(difference) < 1e-9, layer.name
    occupied = snap.layer("occupied").geometry
    assert occupied.area < ROWS[0][1].area + ROWS[1][1].area - 0.05  # overlap counted once
    assert (snap.on, snap.source_format, snap.sha256) == (
        date(2025, 1, 2), fmt, hashlib.sha256(data).hexdigest())


@pytest.mark.parametrize("fmt", READERS)
def test_without_a_layer_property_everything_is_occupied(fmt: str) -> None:
    read, write, name = READERS[fmt]
    polygons = tuple(row for row in ROWS if row[1].geom_type != "Point")
    snap = read(write(polygons), name, ReadOptions(on=date(2024, 9, 1), layer_map=LAYER_MAP))
    assert [layer.name for layer in snap.layers] == ["occupied"]
    assert snap.on == date(2024, 9, 1)
    expected = union_of({v for v, _ in polygons}, polygons)
    assert shapely.area(shapely.symmetric_difference(snap.layers[0].geometry, expected)) < 1e-9


@pytest.mark.parametrize("fmt", READERS)
def test_with_an_empty_map_known_layer_names_map_to_themselves(fmt: str) -> None:
    read, write, name = READERS[fmt]
    rows = (("occupied", ROWS[0][1]), ("LIBERATED", ROWS[2][1]), (" Contested ", ROWS[5][1]))
    snap = read(write(rows), name, ReadOptions(layer_property="status"))
    assert [(layer.name, round(layer.geometry.area, 6)) for layer in snap.layers] == [
        ("occupied", round(ROWS[0][1].area, 6)), ("contested", round(ROWS[5][1].area, 6)),
        ("liberated", round(ROWS[2][1].area, 6))]


@pytest.mark.parametrize("fmt, place", [("geojson", "features[2]"), ("geoparquet", "row 2")])
def test_unmapped_layer_name_is_refused_with_the_cure(fmt: str, place: str) -> None:
    read, write, name = READERS[fmt]
    rows = (("occupied", ROWS[0][1]), ("Liberated", ROWS[1][1]), ("Occupied area", ROWS[2][1]),
            ("CADR and CALR", ROWS[3][1]))
    with pytest.raises(InputError) as caught:
        read(write(rows), name, ReadOptions(layer_property="status"))
    assert str(caught.value) == (f"{name}: unmapped layer name 'Occupied area' in property "
                                 f"'status' ({place}); add it to --layer-map")
    with pytest.raises(InputError) as caught:
        read(write(rows), name, replace(OPTIONS, layer_map={"Occupied": "occupied"}))
    assert str(caught.value) == (f"{name}: unmapped layer name 'occupied' in property "
                                 f"'status' ({place.replace('2', '0')}); add it to --layer-map")


def expect_error(fmt: str, data: bytes, message: str, options: ReadOptions = OPTIONS,
                 name: str | None = None) -> None:
    read, _, default_name = READERS[fmt]
    name = name or default_name
    with pytest.raises(InputError) as caught:
        read(data, name, options)
    text = str(caught.value)
    assert text == f"{name}: {message}" or (message.endswith("(")
                                            and text.startswith(f"{name}: {message}"))
    assert "\n" not in text


LINE = shapely.LineString([(37, 48), (38, 48)])
METRES = shapely.box(4.1e6, 6.1e6, 4.2e6, 6.2e6)
OUTSIDE_LONLAT = ("coordinate (4.2e+06, 6.1e+06) is outside the lon/lat range; "
                  "files must be WGS 84 longitude/latitude")
NOT_POLYGON = "LineString geometry where a layer needs area (expected Polygon or MultiPolygon)"


@pytest.mark.parametrize("data, message", [
    (geojson_bytes()[:300], "line 1: truncated JSON ("),
    (geojson_bytes().replace(b":", b";", 1), "line 1: invalid JSON ("),
    (b'{"type":"FeatureCollection","features":[]}',
     "features: the FeatureCollection has no features"),
    (geojson_bytes((ROWS[0], ("Occupied", LINE))), f"features[1].geometry: {NOT_POLYGON}"),
    (geojson_bytes((("Occupied", METRES),)), f"features[0].geometry: {OUTSIDE_LONLAT}"),
    (geojson_bytes((ROWS[0],), prop="layer"),
     "features[0].properties: no layer property 'status' (named by --layer-property)"),
    (geojson_bytes((("Occupied", shapely.Polygon()),)),
     "features[0].geometry: no geometry"),
    (geojson_bytes().replace(b"[[[38.2,", b"[[[null,", 1),
     "features[0].geometry: unreadable geometry ("),
])
def test_bad_geojson_gets_one_line_naming_file_and_problem(data: bytes, message: str) -> None:
    expect_error("geojson", data, message)


def test_geojson_feature_without_geometry_is_refused() -> None:
    doc = orjson.loads(geojson_bytes())
    del doc["features"][3]["geometry"]
    expect_error("geojson", orjson.dumps(doc), "features[3].geometry: no geometry")


@pytest.mark.parametrize("fmt", READERS)
def test_file_without_a_date_is_refused(fmt: str) -> None:
    _, write, _ = READERS[fmt]
    expect_error(fmt, write(), "date: no date in the file name (expected YYYYMMDD or YYYY-MM-DD); "
                 "give one with --date", name="exports/control_latest.data")
    expect_error(fmt, write(), "date: no date in the file name (expected YYYYMMDD or YYYY-MM-DD); "
                 "give one with --date", name="exports/control_2025-13-45.data")


REFUSE = "frontcheck reads lon/lat only (OGC:CRS84 or EPSG:4326); reproject the file first"


@pytest.mark.parametrize("crs", [ABSENT, pyproj.CRS("EPSG:4326").to_json_dict(),
                                 pyproj.CRS("OGC:CRS84").to_json_dict(), "OGC:CRS84"])
def test_geoparquet_in_lonlat_is_read(crs: object) -> None:
    snap = read_geoparquet(parquet_bytes(crs=crs), PARQUET_NAME, OPTIONS)
    assert snap.layer("liberated").geometry.area == pytest.approx(union_of({"Liberated"}).area)


@pytest.mark.parametrize("data, message", [
    (parquet_bytes(crs=pyproj.CRS("EPSG:3857").to_json_dict()),
     f"geo.columns.crs: CRS EPSG:3857 is not lon/lat; {REFUSE}"),
    (parquet_bytes(crs=None), f"geo.columns.crs: CRS is undefined (null); {REFUSE}"),
    (parquet_bytes(crs={"type": "nonsense"}), f"geo.columns.crs: unreadable CRS; {REFUSE}"),
    (parquet_bytes(encoding="point"),
     "geo.columns.encoding: geometry encoding 'point' is not supported; write WKB"),
    (parquet_bytes(geo=False), "no 'geo' metadata: a Parquet file but not GeoParquet"),
    (parquet_bytes(rows=()), "the GeoParquet file has no rows"),
    (parquet_bytes()[:-40], "unreadable Parquet file ("),
    (b"PAR1 not really", "unreadable Parquet file ("),
    (parquet_bytes((ROWS[0], ("Occupied", LINE))), f"row 1, column 'geometry': {NOT_POLYGON}"),
    (parquet_bytes((("Occupied", METRES),)), f"row 0, column 'geometry': {OUTSIDE_LONLAT}"),
])
def test_bad_geoparquet_gets_one_line_naming_file_and_problem(data: bytes, message: str) -> None:
    expect_error("geoparquet", data, message)


def _parquet_with_wkbs(wkbs: list[bytes | None]) -> bytes:
    table = pa.table({"status": ["Occupied"] * len(wkbs), "geometry": pa.array(wkbs, pa.binary())})
    geo = {"version": "1.1.0", "primary_column": "geometry",
           "columns": {"geometry": {"encoding": "WKB", "geometry_types": []}}}
    sink = pa.BufferOutputStream()
    pq.write_table(table.replace_schema_metadata({b"geo": orjson.dumps(geo)}), sink)
    return sink.getvalue().to_pybytes()


def test_geoparquet_null_broken_geometry_and_missing_column_are_refused() -> None:
    good = shapely.to_wkb(ROWS[0][1])
    expect_error("geoparquet", _parquet_with_wkbs([good, None]),
                 "row 1, column 'geometry': no geometry")
    expect_error("geoparquet", _parquet_with_wkbs([good, good, b"\x01\x63\x00\x00\x00"]),
                 "row 2, column 'geometry': unreadable WKB geometry (")
    expect_error("geoparquet", _parquet_with_wkbs([good]),
                 "columns: no column 'layer' (the layer property column)",
                 options=ReadOptions(layer_property="layer"))


def test_detect_format_picks_the_reader_for_each_sample(daily_files: list[Path]) -> None:
    shipped = daily_files[0].read_bytes()
    cases = [(wrapped_bytes(), ReadOptions(), "deepstate-raw"),
             (bare_bytes(), ReadOptions(), "deepstate-raw"),
             (geojson_bytes(), OPTIONS, "geojson"),
             (parquet_bytes(), OPTIONS, "geoparquet"),
             (parquet_bytes(), ReadOptions(), "geoparquet"),
             (shipped, ReadOptions(), "deepstate")]
    assert [detect_format(data, "x", options) for data, options, _ in cases] == [
        fmt for _, _, fmt in cases]
    snap = reader_for(detect_format(shipped, daily_files[0].name, ReadOptions()))(
        shipped, str(daily_files[0]), ReadOptions())
    assert snap.layers[0].name == "occupied" and not snap.layers[0].geometry.is_empty


def check_snapshot_or_input_error(fmt: str, data: bytes, options: ReadOptions = OPTIONS) -> None:
    """The reader's contract: a Snapshot, or an InputError on one line naming the file."""
    read, _, name = READERS[fmt]
    try:
        snap = read(data, name, options)
    except InputError as exc:
        assert str(exc).startswith(name) and "\n" not in str(exc)
    else:
        assert isinstance(snap, Snapshot)


FAST = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
VALID = {"geojson": geojson_bytes(), "geoparquet": parquet_bytes()}


@FAST
@given(st.sampled_from(sorted(READERS)), st.binary(max_size=3000))
def test_any_bytes_give_a_snapshot_or_input_error(fmt: str, data: bytes) -> None:
    check_snapshot_or_input_error(fmt, data)
    check_snapshot_or_input_error(fmt, b"PAR1" + data)


def mutated(valid: bytes) -> st.SearchStrategy[bytes]:
    """``valid`` with one byte replaced, a run cut out, or bytes put in: deep, not just header."""
    at = st.integers(0, len(valid) - 1)
    return st.one_of(
        st.builds(lambda i, b: valid[:i] + bytes([b]) + valid[i + 1:], at, st.integers(0, 255)),
        st.builds(lambda i, n: valid[:i] + valid[i + n:], at, st.integers(1, 32)),
        st.builds(lambda i, b: valid[:i] + b + valid[i:], at, st.binary(min_size=1, max_size=8)))


@FAST
@given(st.sampled_from(sorted(READERS)).flatmap(lambda fmt: st.tuples(st.just(fmt),
                                                                      mutated(VALID[fmt]))))
def test_mutated_files_give_a_snapshot_or_input_error(case: tuple[str, bytes]) -> None:
    fmt, data = case
    check_snapshot_or_input_error(fmt, data)
    check_snapshot_or_input_error(fmt, data, ReadOptions(on=date(2025, 1, 2)))
