"""The raw DeepStateMAP history reader, on snapshots written in the real format by the tests."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime

import orjson
import pyproj
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontcheck.assets import ukraine_border
from frontcheck.control.formats import ReadOptions
from frontcheck.control.formats.raw_dsm import read_raw_dsm
from frontcheck.control.snapshot import KNOWN_LAYERS, Marker, Snapshot
from frontcheck.errors import InputError
from tests.control.raw_dsm_samples import (
    EPOCH,
    OBSERVED_AT,
    SAMPLES,
    Sample,
    bare_bytes,
    collection,
    expected_layer,
    wrapped_bytes,
)

HOME = ReadOptions(home=ukraine_border())
NAME = "raw/history_last.json"


def one(name: str, fill: str, geometry: shapely.Geometry, expect: str = "") -> tuple[Sample]:
    return (Sample(name, fill, geometry, expect),)


def error_of(data: bytes, name: str = NAME, options: ReadOptions = HOME) -> str:
    with pytest.raises(InputError) as caught:
        read_raw_dsm(data, name, options)
    return str(caught.value)


def test_layers_are_the_unions_of_their_keys_never_the_labels() -> None:
    snap = read_raw_dsm(wrapped_bytes(), NAME, HOME)
    assert [layer.name for layer in snap.layers] == list(KNOWN_LAYERS)
    for layer in snap.layers:
        expected = expected_layer(layer.name)
        assert layer.geometry.geom_type == "MultiPolygon"
        assert not shapely.has_z(layer.geometry)
        assert shapely.area(shapely.symmetric_difference(layer.geometry, expected)) < 1e-9, \
            layer.name
    # The satirical Karelia polygon carries key status.occupied and label "Occupied".
    assert not shapely.intersects(snap.layer("occupied").geometry, shapely.Point(33, 63))


def test_overlapping_occupied_keys_are_dissolved_so_area_counts_once() -> None:
    occupied = read_raw_dsm(wrapped_bytes(), NAME, HOME).layer("occupied").geometry
    boxes = [s.geometry.area for s in SAMPLES if s.expect == "occupied"]
    assert occupied.area < sum(boxes) - 0.05  # ORDLO and the occupied box overlap by 0.06
    assert shapely.is_valid(occupied)


def test_kursk_and_kharkiv_dismissed_polygons_go_by_fill_and_position() -> None:
    snap = read_raw_dsm(wrapped_bytes(), NAME, HOME)
    sudzha, balakliia = shapely.Point(35.27, 51.19), shapely.Point(36.84, 49.46)
    assert shapely.contains(snap.layer("ukrainian_held_abroad").geometry, sudzha)
    assert shapely.contains(snap.layer("liberated").geometry, balakliia)
    assert not shapely.intersects(snap.layer("liberated").geometry, sudzha)


def _inside_fraction_equal_area(geom: shapely.Geometry) -> float:
    """Share of ``geom`` inside Ukraine, in an equal-area projection (independent of the code)."""
    laea = pyproj.Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=50 +lon_0=36",
                                       always_xy=True)
    inside = shapely.intersection(geom, ukraine_border())
    projected = shapely.transform([inside, geom], laea.transform, interleaved=False)
    return projected[0].area / projected[1].area


@pytest.mark.parametrize("box, expect", [
    (shapely.box(36.1, 50.35, 36.2, 50.45), "liberated"),
    (shapely.box(36.4, 50.30, 36.5, 50.40), "ukrainian_held_abroad"),
])
def test_a_green_polygon_straddling_the_border_goes_where_most_of_it_lies(box, expect) -> None:
    fraction = _inside_fraction_equal_area(box)
    assert abs(fraction - 0.5) > 0.2, "the test box must lie clearly on one side"
    assert (fraction > 0.5) == (expect == "liberated")
    data = bare_bytes(one("/// Liberated /// geoJSON.status.dismissed", "#0F9D58", box))
    snap = read_raw_dsm(data, "raw/20240901.json", HOME)
    assert snap.layer(expect).geometry.area == pytest.approx(box.area)


def test_points_become_markers_with_english_label() -> None:
    snap = read_raw_dsm(wrapped_bytes(), NAME, HOME)
    assert snap.markers == (
        Marker("geoJSON.units.brigade", "93rd Mechanized Brigade",
               "<b>93 ОМБр</b> Холодний Яр", "images/icon-3.png", 37.8, 48.6),
        Marker("geoJSON.airports", "Airfield", "", "images/icon-airport.png", 35.9, 48.4),
    )


def test_skipped_features_are_noted_one_by_one() -> None:
    assert read_raw_dsm(wrapped_bytes(), NAME, HOME).notes == (
        "features[8]: satirical polygon (fill #ff5252, label 'Occupied') ignored",
        "features[9]: unknown key 'geoJSON.jokes.prussia' (fill #a52714, label 'Occupied') "
        "ignored",
        "features[10]: unknown key 'geoJSON.directions.arrow' (fill #000000, label "
        "'Direction') ignored",
    )


def test_wrapped_snapshot_is_dated_by_its_epoch_in_utc() -> None:
    snap = read_raw_dsm(wrapped_bytes(), NAME, HOME)
    assert snap.on == date(2024, 8, 8)
    assert snap.observed_at == OBSERVED_AT
    assert read_raw_dsm(wrapped_bytes(epoch=str(EPOCH)), NAME, HOME).observed_at == OBSERVED_AT


def test_bare_and_wrapped_forms_give_the_same_map() -> None:
    wrapped = read_raw_dsm(wrapped_bytes(), NAME, HOME)
    bare = read_raw_dsm(bare_bytes(), f"raw/{EPOCH}.geojson", HOME)
    assert (bare.on, bare.observed_at) == (wrapped.on, wrapped.observed_at)
    assert bare.markers == wrapped.markers and bare.notes == wrapped.notes
    for a, b in zip(bare.layers, wrapped.layers, strict=True):
        assert a.name == b.name and shapely.equals(a.geometry, b.geometry)


@pytest.mark.parametrize("name, on, expected", [
    ("raw/snapshot.json", date(2025, 3, 13), date(2025, 3, 13)),
    ("raw/deepstate_2025-03-13.json", None, date(2025, 3, 13)),
    ("raw/deepstate_20250313.json", None, date(2025, 3, 13)),
])
def test_bare_snapshot_dated_by_option_or_file_name(name, on, expected) -> None:
    snap = read_raw_dsm(bare_bytes(), name, replace(HOME, on=on))
    assert snap.on == expected and snap.observed_at is None


def test_snapshot_carries_hash_format_and_tracker() -> None:
    data = wrapped_bytes()
    snap = read_raw_dsm(data, NAME, replace(HOME, tracker="deepstate-live"))
    assert snap.sha256 == hashlib.sha256(data).hexdigest()
    assert (snap.source_name, snap.source_format, snap.tracker) == (
        NAME, "deepstate-raw", "deepstate-live")


def test_blue_polygons_need_no_home_but_green_dismissed_ones_do() -> None:
    blue = [s for s in SAMPLES if s.fill == "#0288d1"]
    snap = read_raw_dsm(wrapped_bytes(tuple(blue)), NAME, ReadOptions())
    held = snap.layer("ukrainian_held_abroad").geometry
    assert held.area == pytest.approx(blue[0].geometry.area)
    assert error_of(wrapped_bytes(), options=ReadOptions()) == (
        f"{NAME}: a geoJSON.status.dismissed polygon needs the home border to tell liberated "
        "land from land held abroad, and none was given (ReadOptions.home)")


def test_a_snapshot_of_only_skipped_features_is_refused() -> None:
    """Four empty layers would read "nothing occupied" (issue 14): refused, naming the keys."""
    skipped = tuple(s for s in SAMPLES if s.expect == "ignored")
    text = error_of(wrapped_bytes(skipped))
    assert text.startswith(f"{NAME}: features: no feature has a known geoJSON key"), text
    assert "geoJSON.jokes.prussia" in text


OCCUPIED_KEY = "Окуповано /// Occupied /// geoJSON.status.occupied"


@pytest.mark.parametrize("data, message", [
    (wrapped_bytes()[:500], f"{NAME}: line 1: truncated JSON ("),
    (orjson.dumps({"id": EPOCH, "map": {"type": "FeatureCollection", "features": []}}),
     f"{NAME}: features: the FeatureCollection has no features"),
    (orjson.dumps({"id": EPOCH, "map": [1, 2]}), f"{NAME}: type: not a GeoJSON FeatureCollection"),
    (wrapped_bytes(epoch="yesterday"),
     f"{NAME}: id: unparseable date: 'yesterday' is not a Unix epoch in seconds"),
    (wrapped_bytes(epoch=10**15),
     f"{NAME}: id: unparseable date: '1000000000000000' is not a Unix epoch in seconds"),
    (wrapped_bytes(one(OCCUPIED_KEY, "#a52714", shapely.LineString([(37, 48), (38, 48)]))),
     f"{NAME}: features[0].geometry: LineString geometry where a layer needs area "
     "(expected Polygon or MultiPolygon)"),
    (wrapped_bytes(one(OCCUPIED_KEY, "#a52714", shapely.box(4.1e6, 6.1e6, 4.2e6, 6.2e6))),
     f"{NAME}: features[0].geometry: coordinate (4.2e+06, 6.1e+06) is outside the lon/lat range; "
     "files must be WGS 84 longitude/latitude"),
    (wrapped_bytes(one("/// Unit /// geoJSON.units.x", "", shapely.Point(37, 95))),
     f"{NAME}: features[0].geometry: coordinate (37, 95) is outside the lon/lat range; "
     "files must be WGS 84 longitude/latitude"),
])
def test_bad_input_gets_one_line_naming_file_and_problem(data, message) -> None:
    text = error_of(data)
    assert text.startswith(message) if message.endswith("(") else text == message
    assert "\n" not in text


def test_feature_without_geometry_is_refused() -> None:
    doc = collection()
    doc["features"][3]["geometry"] = None
    assert error_of(orjson.dumps({"id": EPOCH, "map": doc})) == (
        f"{NAME}: features[3].geometry: no geometry")


def test_bare_snapshot_without_any_date_is_refused() -> None:
    assert error_of(bare_bytes(), "raw/latest.json") == (
        "raw/latest.json: date: no date in the file name (expected YYYYMMDD or YYYY-MM-DD); "
        "give one with --date")


def check_snapshot_or_input_error(data: bytes, name: str = NAME) -> None:
    """The reader's contract: a Snapshot, or an InputError on one line naming the file."""
    try:
        snap = read_raw_dsm(data, name, HOME)
    except InputError as exc:
        assert str(exc).startswith(name) and "\n" not in str(exc)
    else:
        assert isinstance(snap, Snapshot)
        assert [layer.name for layer in snap.layers] == list(KNOWN_LAYERS)


FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
VALID = wrapped_bytes()


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_snapshot_or_input_error(data: bytes) -> None:
    check_snapshot_or_input_error(data)


@FAST
@given(st.one_of(
    st.builds(lambda i, b: VALID[:i] + bytes([b]) + VALID[i + 1:], st.integers(0, len(VALID) - 1),
              st.integers(0, 255)),
    st.builds(lambda i, n, b: VALID[:i] + b + VALID[i + n:], st.integers(0, len(VALID) - 1),
              st.integers(0, 64), st.binary(max_size=16))))
def test_mutated_snapshots_give_a_snapshot_or_input_error(data: bytes) -> None:
    check_snapshot_or_input_error(data)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
GEOMETRY = st.one_of(
    JSON,
    st.builds(lambda x, y: {"type": "Point", "coordinates": [x, y, 0]}, JSON, JSON),
    st.builds(lambda ring: {"type": "Polygon", "coordinates": [ring]},
              st.lists(st.lists(st.floats(-200, 200), min_size=2, max_size=3), max_size=6)),
    st.sampled_from([orjson.loads(shapely.to_geojson(s.geometry)) for s in SAMPLES]),
)
FEATURE = st.fixed_dictionaries({
    "type": st.just("Feature"),
    "geometry": GEOMETRY,
    "properties": st.fixed_dictionaries({
        "name": st.sampled_from([s.name for s in SAMPLES]) | JSON,
        "fill": st.sampled_from(["#ff5252", "#0288d1", "#0f9d58", "#a52714"]) | JSON,
        "description": JSON, "icon": JSON}) | JSON,
})


@FAST
@given(st.lists(FEATURE, max_size=6), JSON | st.integers(0, 4_000_000_000))
def test_structured_garbage_gives_a_snapshot_or_input_error(features, epoch) -> None:
    doc = {"id": epoch, "map": {"type": "FeatureCollection", "features": features}}
    check_snapshot_or_input_error(orjson.dumps(doc))


def test_utc_not_local_time_decides_the_day() -> None:
    late = datetime(2024, 8, 8, 23, 59, 59, tzinfo=UTC)
    snap = read_raw_dsm(wrapped_bytes(epoch=int(late.timestamp())), NAME, HOME)
    assert snap.on == date(2024, 8, 8)
