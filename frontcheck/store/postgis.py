"""PostGIS geometry columns beside the WKB, so that QGIS (or any GIS) opens the store's
layers directly: snapshot layers, daily changes, settlements and their footprints.

The WKB columns stay the store's truth, dialect-neutral; the ``geometry`` columns are
derived from them by the database itself — generated columns where the row holds everything
(``ST_GeomFromWKB``), a trigger for footprints (a disc of the stored radius around the
place's point, in an equal-area plane) — so every writer, bulk COPY included, keeps them in
sync without knowing they exist. Each has a GiST index and SRID 4326, so it is listed in
PostGIS's ``geometry_columns`` view.

Added by the migration ``0006_postgis_geometry`` when the database has the ``postgis``
extension (created by its administrator: ``CREATE EXTENSION postgis``); without it the
migration waits, and the store works without geometry columns.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

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

#: The plane footprint discs are drawn in: ETRS89-LAEA Europe, equal-area like the store's own
#: projection (``control/projection.py``), so a disc keeps its area exactly and its shape
#: within about 2 % over Ukraine. Not the store's own projection: PostGIS caches a transform
#: only by SRID, and a PROJ string per row made a 35,000-footprint rebuild take minutes.
FOOTPRINT_SRID = 3035

_FOOTPRINT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION frontcheck_footprint_geom() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- The 32-gon (quad_segs=8, as control/footprint.py builds it) of radius_m around the
    -- place's point, in an equal-area plane, back to lon/lat.
    SELECT ST_Transform(
               ST_Buffer(ST_Transform(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326),
                                      {FOOTPRINT_SRID}), NEW.radius_m, 8), 4326)
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
