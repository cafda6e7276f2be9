"""Settlement timelines agree with the map: independent geometry, known falls, incremental = full."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pyproj
import pytest
import shapely

from frontcheck.app.place_history import status
from frontcheck.app.records import Place
from frontcheck.app.timeline_build import load_footprints
from frontcheck.control.timeline import banded_timeline, intervals_from_events
from frontcheck.store.engine import open_engine
from frontcheck.store.places import place_by_id
from frontcheck.store.timelines import fractions_on
from tests.conftest import DAILY

VUHLEDAR, POKROVSK = "gn:690823", "gn:704422"


def occupied_on(day: date):
    path = DAILY / f"deepstatemap_data_{day:%Y%m%d}.geojson"
    return shapely.get_geometry(shapely.from_geojson(path.read_bytes()), 0)


def independent_fraction(lon: float, lat: float, radius_m: float, layer) -> float:
    """Share of a true circle (local azimuthal equidistant projection) inside the layer."""
    local = pyproj.CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84 +units=m")
    forward = pyproj.Transformer.from_crs("EPSG:4326", local, always_xy=True).transform
    circle = shapely.Point(0, 0).buffer(radius_m, quad_segs=64)
    nearby = shapely.clip_by_rect(layer, lon - 0.5, lat - 0.4, lon + 0.5, lat + 0.4)
    local_layer = shapely.transform(nearby, lambda x, y: forward(x, y), interleaved=False)
    return shapely.intersection(circle, shapely.make_valid(local_layer)).area / circle.area


def test_fractions_agree_with_independent_geometry(control_store):
    day = date(2025, 11, 25)
    layer = occupied_on(day)
    with open_engine(control_store) as engine, engine.connect() as connection:
        footprints = load_footprints(connection)
        # Settlements whose footprint crosses the front line on that day, plus Pokrovsk.
        ids = [POKROVSK]
        rng = np.random.default_rng(0)
        candidates = rng.choice(len(footprints.ids), 4000, replace=False)
        for i in candidates:
            shares = fractions_on(connection, "deepstate", footprints.ids[i], day)
            if 0.05 < shares.get("occupied", 0) < 0.95:
                ids.append(footprints.ids[i])
            if len(ids) >= 6:
                break
        assert len(ids) >= 3
        for place_id in ids:
            place = place_by_id(connection, place_id)
            radius = footprints.radius_m[footprints.index_of(np.array([place_id], dtype=object))][0]
            ours = fractions_on(connection, "deepstate", place_id, day)["occupied"]
            expected = independent_fraction(place["lon"], place["lat"], radius, layer)
            assert ours == pytest.approx(expected, abs=0.02), place_id


@pytest.mark.parametrize("place_id, window", [
    (VUHLEDAR, (date(2024, 9, 25), date(2024, 10, 10))),   # fell in early October 2024
    (POKROVSK, (date(2025, 10, 28), date(2025, 11, 30))),  # centre taken in November 2025
])
def test_timeline_follows_the_centre_of_the_town(control_store, place_id, window):
    with open_engine(control_store) as engine, engine.connect() as connection:
        place = place_by_id(connection, place_id)
        day, first_inside = window[0], None
        while day <= window[1]:
            path = DAILY / f"deepstatemap_data_{day:%Y%m%d}.geojson"
            if path.exists() and shapely.contains_xy(occupied_on(day), place["lon"], place["lat"]):
                first_inside = day
                break
            day += timedelta(days=1)
        assert first_inside is not None, "the map must show the centre taken in the window"
        record = Place.of(place)
        before = status(connection, record, "deepstate", window[0] - timedelta(days=1))
        at = status(connection, record, "deepstate", first_inside)
        assert at.snapshot_date == first_inside and at.covered
        assert before.fractions["occupied"] < at.fractions["occupied"]
        assert at.fractions["occupied"] > 0.2


def test_intervals_from_events_closes_each_run_at_the_snapshot_before_the_next():
    dates = np.array(["2025-01-01", "2025-01-03", "2025-01-04", "2025-01-09"], dtype="datetime64[D]")
    iv = intervals_from_events(dates, np.array([0, 0, 2, 3]), np.array([5, 6, 6, 6]),
                               np.array([0.0, 0.0, 0.5, 1.0]))
    rows = [(int(p), str(a), str(b), float(f)) for p, a, b, f in
            zip(iv.place, iv.valid_from, iv.valid_to, iv.fraction)]
    assert rows == [(5, "2025-01-01", "NaT", 0.0), (6, "2025-01-01", "2025-01-03", 0.0),
                    (6, "2025-01-04", "2025-01-04", 0.5), (6, "2025-01-09", "NaT", 1.0)]


def test_banded_timeline_reads_like_the_issue():
    d = date.fromisoformat
    runs = banded_timeline([(d("2025-01-01"), d("2025-10-20"), 0.0),
                            (d("2025-10-21"), d("2025-11-01"), 0.2),
                            (d("2025-11-02"), d("2025-11-24"), 0.6),
                            (d("2025-11-25"), None, 0.95)], last_date=d("2026-01-01"))
    assert [r["text"] for r in runs] == [
        "0 % until 2025-10-20", "10-90 % 2025-10-21..2025-11-24", ">= 90 % from 2025-11-25"]
    assert runs[1]["fraction_min"] == 0.2 and runs[1]["fraction_max"] == 0.6


def test_clipped_shares_equal_whole_layer_intersections():
    """_share_inside clips the layer per 100 km cell; the shares must be those of intersecting
    every footprint with the whole layer (here: the border, 15,000 vertices, and a real map)."""
    from frontcheck import assets
    from frontcheck.control.footprint import footprint_discs
    from frontcheck.control.projection import lonlat_to_xy, to_equal_area
    from frontcheck.control.timeline import FRACTION_DECIMALS, _share_inside

    rng = np.random.default_rng(3)
    for layer_lonlat in (assets.ukraine_border(), occupied_on(date(2025, 6, 1))):
        layer = to_equal_area(layer_lonlat)
        boundary = shapely.get_coordinates(to_equal_area(shapely.boundary(layer_lonlat)))
        near = boundary[rng.choice(len(boundary), 400)] + rng.normal(0, 3000, (400, 2))
        far_x, far_y = lonlat_to_xy(rng.uniform(22, 40, 100), rng.uniform(44, 52.5, 100))
        x = np.r_[near[:, 0], far_x]
        y = np.r_[near[:, 1], far_y]
        discs = footprint_discs(x, y, rng.uniform(500, 15_000, len(x)))
        area = shapely.area(discs)
        expected = np.round(np.clip(shapely.area(shapely.intersection(discs, layer)) / area, 0, 1),
                            FRACTION_DECIMALS)
        got = _share_inside(discs, area, layer)
        assert ((got > 0) & (got < 1)).sum() > 100          # many footprints cross the edge
        assert np.abs(got - expected).max() <= 10 ** -FRACTION_DECIMALS
