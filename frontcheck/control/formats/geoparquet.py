"""GeoParquet files (WKB geometry, lon/lat), one row per feature, layered like GeoJSON."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pyproj
import shapely

from frontcheck.control.formats import ReadOptions
from frontcheck.control.formats.geojson_layers import (
    IGNORE,
    dissolve_layers,
    layer_order,
    map_layer_values,
)
from frontcheck.control.formats.validate import polygonal_parts_array, shown_text, snapshot_date
from frontcheck.control.snapshot import OCCUPIED, Snapshot
from frontcheck.errors import InputError

_LONLAT = pyproj.CRS("OGC:CRS84")


def read_geoparquet(data: bytes, name: str, options: ReadOptions) -> Snapshot:
    """Read a GeoParquet file into one dissolved MultiPolygon per layer.

    The geometry is the ``geo`` metadata's primary column, WKB-encoded, in OGC:CRS84 or
    EPSG:4326 (the GeoParquet default when ``crs`` is absent); any other CRS is refused rather
    than reprojected, so that what is stored is what the file says. Layers come from the
    ``options.layer_property`` column mapped by ``options.layer_map`` as for GeoJSON; without a
    layer property every row is occupied. The date is ``options.on`` or the one in the file name.
    """
    on = snapshot_date(options.on, name)
    prop = options.layer_property
    values, wkbs, geometry_column = _read_columns(data, name, prop)
    if len(wkbs) == 0:
        raise InputError(name, "the GeoParquet file has no rows")
    if prop and values is not None:
        missing = next((i for i, value in enumerate(values) if value is None), None)
        if missing is not None:
            raise InputError(name, f"no layer property '{shown_text(prop)}' "
                                   "(named by --layer-property)", field=f"row {missing}")
        layer_of = map_layer_values([v if isinstance(v, str) else str(v) for v in values], prop,
                                    options.layer_map, name, lambda i: f"row {i}")
    else:
        layer_of = np.full(len(wkbs), OCCUPIED, dtype=object)
    kept = np.flatnonzero(layer_of != IGNORE)

    def where(j: int) -> str:
        return f"row {kept[j]}, column '{geometry_column}'"

    geoms = _from_wkb(wkbs[kept], name, where)
    notes: list[str] = []
    parts, owners = polygonal_parts_array(geoms, name, where, options.make_valid, notes)
    return Snapshot(
        tracker=options.tracker, on=on, sha256=hashlib.sha256(data).hexdigest(),
        source_name=name, source_format="geoparquet",
        layers=dissolve_layers(parts, owners, layer_of[kept][owners],
                               layer_order(options.layer_map if prop else {}, layer_of[kept])),
        notes=tuple(notes),
    )


#: What pyarrow raises on a damaged file (UnicodeDecodeError, a ValueError, for bad strings).
_ARROW_ERRORS = (pa.ArrowException, OSError, ValueError)


def _read_columns(data: bytes, name: str,
                  prop: str | None) -> tuple[list[object] | None, np.ndarray, str]:
    """The layer values (None without a property), the WKB array and the geometry column's name.

    All pyarrow work happens here, so that every way a damaged file can fail to decode becomes
    one ``InputError``; the ``geo`` metadata, encoding and CRS are checked before any data page
    is read.
    """
    try:
        parquet = pq.ParquetFile(pa.BufferReader(data))
        schema = parquet.schema_arrow
    except _ARROW_ERRORS as exc:
        raise InputError(name, f"unreadable Parquet file ({_first_line(exc)})") from exc
    column = _geometry_column(schema.metadata or {}, name)
    for wanted, what in ((column, "geometry"), (prop, "layer property")):
        if wanted and wanted not in schema.names:
            raise InputError(name, f"no column '{shown_text(wanted)}' (the {what} column)",
                             field="columns")
    kind = schema.field(column).type
    if not (pa.types.is_binary(kind) or pa.types.is_large_binary(kind)):
        raise InputError(name, f"geometry column '{shown_text(column)}' holds {kind}, not WKB "
                               "binary",
                         field="geo.columns")
    try:
        table = parquet.read(columns=list(dict.fromkeys(c for c in (column, prop) if c)))
        wkbs = table.column(column).to_numpy(zero_copy_only=False)
        values = table.column(prop).to_pylist() if prop else None
    except _ARROW_ERRORS as exc:
        raise InputError(name, f"unreadable Parquet file ({_first_line(exc)})") from exc
    return values, np.asarray(wkbs, dtype=object), column


def _geometry_column(metadata: dict[bytes, bytes], name: str) -> str:
    """The primary geometry column named by the ``geo`` metadata, checked for WKB and lon/lat."""
    if b"geo" not in metadata:
        raise InputError(name, "no 'geo' metadata: a Parquet file but not GeoParquet")
    try:
        geo = orjson.loads(metadata[b"geo"])
        column = geo["primary_column"]
        spec = geo["columns"][column]
    except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(name, "unreadable 'geo' metadata (needs primary_column and its entry "
                               "in columns)", field="geo") from exc
    if not isinstance(column, str) or not isinstance(spec, dict):
        raise InputError(name, "unreadable 'geo' metadata (needs primary_column and its entry "
                               "in columns)", field="geo")
    encoding = spec.get("encoding")
    if not isinstance(encoding, str) or encoding.upper() != "WKB":
        raise InputError(name, f"geometry encoding {shown_text(repr(encoding))} is not "
                               "supported; write WKB",
                         field="geo.columns.encoding")
    if "crs" in spec:
        _check_crs(spec["crs"], name)
    return column


def _check_crs(crs: object, name: str) -> None:
    """Refuse any CRS but lon/lat WGS 84; PROJ compares, so PROJJSON without an id works too."""
    refused = ("frontcheck reads lon/lat only (OGC:CRS84 or EPSG:4326); "
               "reproject the file first")
    if crs is None:
        raise InputError(name, f"CRS is undefined (null); {refused}", field="geo.columns.crs")
    try:
        given = pyproj.CRS.from_user_input(crs)
    except (pyproj.exceptions.CRSError, TypeError, ValueError) as exc:
        raise InputError(name, f"unreadable CRS; {refused}", field="geo.columns.crs") from exc
    if not given.equals(_LONLAT, ignore_axis_order=True):
        raise InputError(name, f"CRS {shown_text(given.to_string())} is not lon/lat; {refused}",
                         field="geo.columns.crs")


def _from_wkb(wkbs: np.ndarray, name: str, where: Callable[[int], str]) -> np.ndarray:
    """Shapely geometries from WKB in one call; a second, lenient call names a broken row."""
    try:
        return shapely.from_wkb(wkbs)
    except shapely.errors.GEOSException as exc:
        parsed = shapely.from_wkb(wkbs, on_invalid="ignore")
        given = np.not_equal(wkbs, np.array(None, dtype=object))
        broken = np.flatnonzero(shapely.is_missing(parsed) & given)
        field = where(int(broken[0])) if len(broken) else None
        raise InputError(name, f"unreadable WKB geometry ({_first_line(exc)})",
                         field=field) from exc


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return shown_text(lines[0], 200) if lines else type(exc).__name__
