"""Layer areas agree with an independent geodesic computation on the real snapshots."""

from __future__ import annotations

from pathlib import Path

import shapely
from pyproj import Geod
from sqlalchemy import select

from frontcheck.control.area import area_km2
from frontcheck.control.formats import ReadOptions
from frontcheck.control.formats.shipped import read_shipped
from frontcheck.control.projection import to_equal_area
from frontcheck.store import schema
from frontcheck.store.engine import open_engine


def geodesic_area_km2(geometry) -> float:
    """Area on the WGS 84 ellipsoid, straight from the file's coordinates (pyproj.Geod)."""
    geod = Geod(ellps="WGS84")
    total = 0.0
    for polygon in shapely.get_parts(geometry):
        area, _ = geod.geometry_area_perimeter(polygon)
        total += abs(area)
    return total / 1e6


def test_areas_agree_with_geodesic_areas(daily_files):
    for path in (daily_files[0], daily_files[len(daily_files) // 2], daily_files[-1]):
        raw = shapely.get_geometry(shapely.from_geojson(path.read_bytes()), 0)
        snapshot = read_shipped(path.read_bytes(), str(path), ReadOptions())
        ours = float(area_km2(to_equal_area(snapshot.layers[0].geometry)))
        expected = geodesic_area_km2(raw)
        # Geodesic edges vs straight projected edges differ by far less than 0.05 %.
        assert abs(ours - expected) / expected < 5e-4, (path.name, ours, expected)
        assert 100_000 < ours < 130_000


def test_stored_areas_are_the_geodesic_areas(control_store):
    with open_engine(control_store) as engine, engine.connect() as connection:
        rows = connection.execute(
            select(schema.snapshot.c.source_name, schema.layer.c.area_km2)
            .join(schema.layer, schema.layer.c.snapshot_id == schema.snapshot.c.id)
            .order_by(schema.snapshot.c.snapshot_date).limit(3)).all()
    for source_name, stored in rows:
        raw = shapely.get_geometry(shapely.from_geojson(Path(source_name).read_bytes()), 0)
        assert abs(stored - geodesic_area_km2(raw)) / stored < 5e-4
