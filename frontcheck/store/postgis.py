"""PostGIS geometry columns beside the WKB, so that QGIS (or any GIS) opens the store's
layers directly: snapshot layers, daily changes, settlements and their footprints.

The WKB columns stay the store's truth, dialect-neutral; the ``geometry`` columns are
derived from them by the database itself — generated columns where the row holds everything
(``ST_GeomFromWKB``), a trigger for footprints (a disc around the place's point, built in
the store's equal-area projection as ``control/footprint.py`` builds it) — so every writer,
bulk COPY included, keeps them in sync without knowing they exist. Each has a GiST index and
SRID 4326, so it is listed in PostGIS's ``geometry_columns`` view.

Added by the migration ``0006_postgis_geometry`` when the database has the ``postgis``
extension (created by its administrator: ``CREATE EXTENSION postgis``); without it the
migration waits, and the store works without geometry columns.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from frontcheck.control.projection import EQUAL_AREA_CRS

MIGRATION = "0006_postgis_geometry"


def _polygons(wkb_column: str) -> str:
    # Layers and changes are polygonal; an empty one may come as a GEOMETRYCOLLECTION EMPTY:
    # keeping only the polygons makes every value a MultiPolygon (QGIS wants one type a column).
    return f"ST_Multi(ST_CollectionExtract(ST_SetSRID(ST_GeomFromWKB({wkb_column}), 4326), 3))"


#: (table, column, geometry type, expression over the row) for the generated columns.
GENERATED_COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("control_layer", "geom", "MultiPolygon", _polygons("geometry")),
    ("control_change", "gained_geom", "MultiPolygon", _polygons("gained")),
    ("control_change", "lost_geom", "MultiPolygon", _polygons("lost")),
    ("place", "geom", "Point", "ST_SetSRID(ST_MakePoint(lon, lat), 4326)"),
)

#: Every geometry column this module adds, (table, column, type).
GEOMETRY_COLUMNS: tuple[tuple[str, str, str], ...] = (
    *((table, column, kind) for table, column, kind, _ in GENERATED_COLUMNS),
    ("footprint", "geom", "Polygon"),
)

_FOOTPRINT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION frontcheck_footprint_geom() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- The 32-gon around the place's point, radius_m in the equal-area plane (as shapely's
    -- buffer with quad_segs=8 gives it in control/footprint.py), back to lon/lat.
    SELECT ST_Transform(
               ST_Buffer(ST_Transform(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326),
                                      '{EQUAL_AREA_CRS}'), NEW.radius_m, 8),
               '{EQUAL_AREA_CRS}', 4326)
      INTO NEW.geom FROM place AS p WHERE p.id = NEW.place_id;
    RETURN NEW;
END $$
"""


def postgis_installed(connection: Connection) -> bool:
    """Whether the database has the PostGIS extension (created by its administrator)."""
    return bool(connection.scalar(text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")))


def add_geometry_columns(connection: Connection) -> None:
    """Add the geometry columns, their GiST indexes and the footprint trigger, computing
    them for the rows already stored (inside the caller's transaction)."""
    for table, column, kind, expression in GENERATED_COLUMNS:
        connection.exec_driver_sql(
            f"ALTER TABLE {table} ADD COLUMN {column} geometry({kind}, 4326) "
            f"GENERATED ALWAYS AS ({expression}) STORED")
    connection.exec_driver_sql("ALTER TABLE footprint ADD COLUMN geom geometry(Polygon, 4326)")
    connection.exec_driver_sql(_FOOTPRINT_FUNCTION)
    connection.exec_driver_sql(
        "CREATE TRIGGER footprint_geom BEFORE INSERT OR UPDATE OF place_id, radius_m "
        "ON footprint FOR EACH ROW EXECUTE FUNCTION frontcheck_footprint_geom()")
    connection.exec_driver_sql("UPDATE footprint SET radius_m = radius_m")   # the stored ones
    for table, column, _kind in GEOMETRY_COLUMNS:
        connection.exec_driver_sql(
            f"CREATE INDEX ix_{table}_{column} ON {table} USING GIST ({column})")
