"""GeoJSON for the map: geometry simplified for a zoom level and rounded to what a pixel shows.

Simplification runs in the equal-area plane (metres), so one tolerance means the same on the
ground everywhere; the tolerance is half a Web-Mercator pixel at the zoom level, and from
``RAW_ZOOM`` on the geometry is sent as stored.
"""

from __future__ import annotations

import math

import orjson
import shapely

from frontcheck.control.projection import to_equal_area, to_lonlat
from frontcheck.tables.control_features import rfc7946_wound

#: Ground metres per pixel at zoom 0 at Ukraine's mean latitude (Web Mercator, 256-px tiles).
_METRES_PER_PIXEL_Z0 = 2 * math.pi * 6378137 / 256 * math.cos(math.radians(48.5))
MIN_ZOOM = 3
#: At this zoom and above a pixel is under ~10 m: geometry goes out unsimplified.
RAW_ZOOM = 13


def zoom_level(zoom: int | None) -> int | None:
    """The zoom level geometry is made for: None (as stored) from ``RAW_ZOOM`` on, else at
    least ``MIN_ZOOM``; one cache entry serves every zoom that maps to the same level.

    >>> zoom_level(1), zoom_level(9), zoom_level(15), zoom_level(None)
    (3, 9, None, None)
    """
    if zoom is None or zoom >= RAW_ZOOM:
        return None
    return max(zoom, MIN_ZOOM)


def tolerance_m(zoom: int | None) -> float:
    """Simplification tolerance in metres for a zoom level: half a pixel; 0 for None or
    ``RAW_ZOOM`` and above.

    >>> round(tolerance_m(6)), tolerance_m(13), tolerance_m(None)
    (810, 0.0, 0.0)
    """
    if zoom is None or zoom >= RAW_ZOOM:
        return 0.0
    return 0.5 * _METRES_PER_PIXEL_Z0 / 2 ** max(zoom, MIN_ZOOM)


def decimals(zoom: int | None) -> int:
    """Decimal places of degrees that resolve a tenth of a pixel at a zoom (6 when raw).

    >>> decimals(6), decimals(10), decimals(None)
    (3, 4, 6)
    """
    if zoom is None or zoom >= RAW_ZOOM:
        return 6
    degrees_per_pixel = 360 / 256 / 2 ** max(zoom, MIN_ZOOM)
    return max(2, math.ceil(-math.log10(degrees_per_pixel / 10)))


def simplified(geoms, zoom: int | None):
    """Geometry (or an array of them) in lon/lat simplified for ``zoom`` in the equal-area
    plane, topology kept (no ring collapses into a self-intersection); unchanged when raw."""
    tolerance = tolerance_m(zoom)
    if tolerance == 0:
        return geoms
    return to_lonlat(shapely.simplify(to_equal_area(geoms), tolerance, preserve_topology=True))


def geometry_json(geom: shapely.Geometry, places: int) -> dict | None:
    """A geometry as a GeoJSON object with coordinates rounded to ``places``, polygons wound as RFC 7946
    asks (exterior counter-clockwise, holes clockwise); None for an empty one."""
    if geom is None or shapely.is_empty(geom):
        return None
    # snapped to the grid by GEOS, which keeps the output valid: plain rounding can collapse
    # a small hole to a point, which has no winding
    snapped = shapely.set_precision(geom, 10.0 ** -places)
    if shapely.is_empty(snapped):
        return None
    return orjson.loads(shapely.to_geojson(rfc7946_wound(snapped)))


def with_properties(features: list[dict], **properties) -> list[dict]:
    """Features with ``properties`` added to each one's own: GDAL, geopandas and QGIS keep
    only per-feature properties, so a date on the collection alone is lost to them."""
    for feature in features:
        feature["properties"] = {**feature["properties"], **properties}
    return features


def feature_collection(features: list[dict], **members) -> bytes:
    """A FeatureCollection (with foreign members such as ``date``) as compact JSON bytes."""
    return orjson.dumps({"type": "FeatureCollection", **members, "features": features},
                        option=orjson.OPT_NON_STR_KEYS)
