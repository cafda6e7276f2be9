"""PostGIS geometry columns (issue 12): where the database has PostGIS, snapshot layers, daily
changes, settlements and footprints carry ``geometry`` columns (SRID 4326, GiST-indexed) that
GIS software opens directly, kept in sync by the database on every write; without PostGIS the
store works and gains the columns when the extension is created later.

PostgreSQL only (tests/conftest.py runs this module on the ``postgresql`` store kind).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from sqlalchemy import create_engine, text

from frontcheck.app.snapshot_ingest import ingest_snapshots
from frontcheck.control.formats import ReadOptions
from frontcheck.store.engine import open_engine
from frontcheck.store.postgis import GEOMETRY_COLUMNS, MIGRATION
from tests.conftest import pick_daily_files

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def spatial(control_store, postgres_cluster):
    if not postgres_cluster.postgis:
        pytest.fail("PostGIS is not installed: `make setup` installs Debian's postgresql-*-postgis-3")
    engine = create_engine(control_store)
    yield engine
    engine.dispose()


def rows(engine, sql: str) -> list:
    with engine.connect() as connection:
        return connection.execute(text(sql)).all()


def test_geometry_columns_view_lists_every_layer_with_srid_4326(spatial) -> None:
    listed = {(r.f_table_name, r.f_geometry_column): (r.type, r.srid) for r in rows(
        spatial, "SELECT f_table_name, f_geometry_column, type, srid FROM geometry_columns")}
    expected = {(table, column): (kind.upper(), 4326) for table, column, kind in GEOMETRY_COLUMNS}
    assert listed == expected
    gist = {r.indexname for r in rows(spatial, "SELECT indexname FROM pg_indexes "
                                               "WHERE indexdef ILIKE '%USING gist%'")}
    assert gist == {f"ix_{table}_{column}" for table, column, _ in GEOMETRY_COLUMNS}


def test_layers_are_valid_and_measure_the_stored_area(spatial) -> None:
    measured = rows(spatial, """
        SELECT ST_IsValid(geom) AS valid, ST_SRID(geom) AS srid, area_km2,
               ST_Area(geom::geography) / 1e6 AS geodesic_km2,
               ST_Equals(geom, ST_Multi(ST_GeomFromWKB(geometry, 4326))) AS same
        FROM control_layer""")
    assert len(measured) >= 40
    assert all(r.valid and r.srid == 4326 and r.same for r in measured)
    # Stored areas are equal-area-projection areas, within 0.05 % of geodesic ones (README).
    for r in measured:
        assert r.geodesic_km2 == pytest.approx(r.area_km2, rel=5e-4, abs=1e-3)


def test_changes_are_valid_and_measure_the_stored_gains_and_losses(spatial) -> None:
    measured = rows(spatial, """
        SELECT bool_and(ST_IsValid(gained_geom) AND ST_IsValid(lost_geom)) AS valid,
               array_agg(gained_km2) AS gained_km2, array_agg(lost_km2) AS lost_km2,
               array_agg(ST_Area(gained_geom::geography) / 1e6) AS gained_geodesic,
               array_agg(ST_Area(lost_geom::geography) / 1e6) AS lost_geodesic
        FROM control_change""")[0]
    assert measured.valid and len(measured.gained_km2) >= 40
    np.testing.assert_allclose(measured.gained_geodesic, measured.gained_km2, rtol=2e-3, atol=1e-3)
    np.testing.assert_allclose(measured.lost_geodesic, measured.lost_km2, rtol=2e-3, atol=1e-3)


def test_places_and_footprints_are_where_the_gazetteer_puts_them(spatial) -> None:
    places = rows(spatial, """
        SELECT count(*) AS n, count(geom) AS with_geom, count(lon) AS with_lon,
               max(abs(ST_X(geom) - lon)) AS dx, max(abs(ST_Y(geom) - lat)) AS dy FROM place""")[0]
    assert places.n > 30_000 and places.with_geom == places.with_lon and places.dx == places.dy == 0
    footprints = rows(spatial, """
        SELECT f.radius_m, ST_Area(f.geom::geography) AS area_m2, ST_IsValid(f.geom) AS valid,
               ST_Contains(f.geom, p.geom) AS holds_point
        FROM footprint f JOIN place p ON p.id = f.place_id""")
    assert len(footprints) == places.with_lon
    assert all(r.valid and r.holds_point for r in footprints)
    # The 32-gon of radius r that control/footprint.py builds: area (n/2) r^2 sin(2 pi/n).
    polygon = 16 * math.sin(2 * math.pi / 32)
    radius = np.array([r.radius_m for r in footprints])
    area = np.array([r.area_m2 for r in footprints])
    np.testing.assert_allclose(area, polygon * radius ** 2, rtol=2e-3)


def test_geopandas_reads_a_layer_as_gis_software_does(spatial) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # pandas asks for a DBAPI2 or SQLAlchemy connectable
        import geopandas

        with spatial.connect() as connection:
            frame = geopandas.read_postgis(
                "SELECT snapshot_id, layer, area_km2, geom FROM control_layer", connection,
                geom_col="geom")
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.is_valid.all() and set(frame.geom_type) == {"MultiPolygon"}
    occupied = frame[frame.layer == "occupied"]
    assert occupied.area_km2.min() > 100_000      # the occupied territory, not a sliver


def test_without_postgis_the_store_works_and_gains_the_columns_later(
        postgres_cluster, daily_files) -> None:
    name = postgres_cluster.new_database(postgis=False)
    url = postgres_cluster.url(name)
    try:
        files = pick_daily_files(daily_files)[:3]
        with open_engine(url) as engine:
            report = ingest_snapshots(engine, [], ReadOptions(), files=files)
            with engine.connect() as connection:
                applied = set(connection.scalars(text("SELECT name FROM frontcheck_migrations")))
                columns = set(connection.scalars(text(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = 'control_layer'")))
        assert report.new == 3 and MIGRATION not in applied and "geom" not in columns
        postgres_cluster.admin("CREATE EXTENSION postgis", name)
        with open_engine(url) as engine, engine.connect() as connection:
            assert MIGRATION in set(connection.scalars(text("SELECT name FROM frontcheck_migrations")))
            layers = connection.execute(text(
                "SELECT count(*) AS n, count(geom) AS with_geom, "
                "bool_and(abs(ST_Area(geom::geography) / 1e6 - area_km2) < 5e-4 * area_km2 + 1e-3) AS same_area "
                "FROM control_layer")).one()
        assert layers.n >= 3 and layers.with_geom == layers.n and layers.same_area
    finally:
        postgres_cluster.drop_database(name)
