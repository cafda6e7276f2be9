"""Checks every reader applies to geometry before a layer may carry area."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import cast

import numpy as np
import shapely

from frontcheck.errors import InputError

_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d\d)-?([01]\d)-?([0-3]\d)(?!\d)")


def polygonal_parts(geom: shapely.Geometry | None, name: str, where: str,
                    repair: bool = False, notes: list[str] | None = None) -> np.ndarray:
    """The polygons of one geometry, after the checks of ``polygonal_parts_array``.

    Raises ``InputError`` for a missing geometry, a non-polygon geometry, coordinates that are
    not longitude/latitude, or an invalid polygon that ``repair`` does not allow to mend.
    """
    parts, _ = polygonal_parts_array(np.array([geom], dtype=object), name, lambda _: where,
                                     repair, notes)
    return parts


def check_lonlat(coords: np.ndarray, name: str, where: str) -> None:
    """Refuse coordinates outside longitude -180..180 or latitude -90..90 (or not finite)."""
    bad = outside_lonlat(coords)
    if bad.any():
        i = int(np.argmax(bad))
        lon, lat = coords[i, 0], coords[i, 1]
        raise InputError(name, f"coordinate ({lon:g}, {lat:g}) is outside the lon/lat "
                               "range; files must be WGS 84 longitude/latitude", field=where)


def multipolygon(parts: np.ndarray, dissolve: bool = True) -> shapely.Geometry:
    """One MultiPolygon from polygon parts.

    ``dissolve`` unions overlapping parts so that area is counted once; a reader may skip it when
    the parts come from one valid MultiPolygon, which cannot overlap itself.
    """
    if len(parts) == 0:
        return shapely.MultiPolygon()
    if not dissolve:
        return cast(shapely.MultiPolygon, shapely.multipolygons(parts))
    merged = shapely.union_all(parts) if len(parts) > 1 else parts[0]
    if isinstance(merged, shapely.Polygon):
        return shapely.MultiPolygon([merged])
    if not isinstance(merged, shapely.MultiPolygon):
        polys = shapely.get_parts(merged)
        polys = polys[shapely.get_type_id(polys) == shapely.GeometryType.POLYGON]
        return cast(shapely.MultiPolygon, shapely.multipolygons(polys))
    return merged


def date_from_name(name: str) -> date | None:
    """The first YYYYMMDD or YYYY-MM-DD date in a file name, or None."""
    base = re.split(r"[\\/]", name)[-1]
    match = _DATE_IN_NAME.search(base)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def snapshot_date(explicit: date | None, name: str) -> date:
    """The date given with ``--date``, else the one in the file name; an error when neither."""
    if explicit is not None:
        return explicit
    found = date_from_name(name)
    if found is None:
        raise InputError(name, "no date in the file name (expected YYYYMMDD or YYYY-MM-DD); "
                               "give one with --date", field="date")
    return found


def polygonal_parts_array(geoms: np.ndarray, name: str, field_of: Callable[[int], str],
                          repair: bool = False, notes: list[str] | None = None
                          ) -> tuple[np.ndarray, np.ndarray]:
    """The polygons of many geometries and, for each, the index of the geometry it came from.

    The checks of ``polygonal_parts`` done by array calls over the whole file, so a reader with
    thousands of features makes no Python loop over shapes; ``field_of(i)`` names geometry ``i``
    in the error for the first bad one.

    An invalid polygon is refused, naming the fault and where it is, unless ``repair`` (the
    user's ``--make-valid``), or unless its repair keeps its area: a ring that only touches
    itself at a vertex (trackers draw these) has the area it shows, while a self-intersecting
    (bow-tie) ring's signed area is not the area it covers. Each repair ``repair`` allowed is
    appended to ``notes``. Repair uses ``make_valid(method="structure")``, which keeps every
    polygon of a self-touching MultiPolygon (the default "linework" method can return a
    collection whose polygons sit inside a nested MultiPolygon).
    """
    geoms = np.asarray(geoms, dtype=object)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if missing.any():
        raise InputError(name, "no geometry", field=field_of(int(np.argmax(missing))))
    types = shapely.get_type_id(geoms)
    wrong = ~np.isin(types, (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON))
    if wrong.any():
        i = int(np.argmax(wrong))
        raise InputError(name, f"{geoms[i].geom_type} geometry where a layer needs area "
                               "(expected Polygon or MultiPolygon)", field=field_of(i))
    coords, owners = shapely.get_coordinates(geoms, return_index=True)
    outside = outside_lonlat(coords)
    if outside.any():
        i = int(owners[np.argmax(outside)])
        check_lonlat(coords[owners == i], name, field_of(i))
    geoms = shapely.force_2d(geoms)
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        where = np.flatnonzero(invalid)
        repaired = shapely.make_valid(geoms[invalid], method="structure", keep_collapsed=False)
        same_area = np.isclose(shapely.area(repaired), shapely.area(geoms[invalid]),
                               rtol=1e-9, atol=0.0)
        for k in np.flatnonzero(~same_area):
            reason = invalid_reason(geoms[where[k]])
            if not repair:
                raise InputError(name, f"invalid geometry ({reason}); fix the file, or give "
                                       "--make-valid to repair it", field=field_of(int(where[k])))
            if notes is not None:
                notes.append(f"repaired {field_of(int(where[k]))}: invalid geometry ({reason})")
        geoms[invalid] = repaired
    parts, owners = shapely.get_parts(geoms, return_index=True)
    keep = (shapely.get_type_id(parts) == shapely.GeometryType.POLYGON) & ~shapely.is_empty(parts)
    return parts[keep], owners[keep]


def invalid_reason(geom: shapely.Geometry) -> str:
    """GEOS's reason a geometry is invalid, with the place of the fault as ``at LON LAT``.

    Examples
    --------
    >>> invalid_reason(shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)]))
    'Self-intersection at 1 1'
    """
    reason = shapely.is_valid_reason(geom)
    match = re.fullmatch(r"(.*?)\[([-\d.eE+]+) ([-\d.eE+]+)\]", reason.strip())
    if not match:
        return shown_text(reason)
    text, lon, lat = match.groups()
    return f"{shown_text(text)} at {float(lon):.6g} {float(lat):.6g}"


def outside_lonlat(coords: np.ndarray) -> np.ndarray:
    """Boolean mask of the rows of an (n, 2+) coordinate array that are not finite lon/lat."""
    if coords.size == 0:
        return np.zeros(len(coords), dtype=bool)
    lon, lat = coords[:, 0], coords[:, 1]
    inside: np.ndarray = (np.isfinite(lon) & np.isfinite(lat) & (np.abs(lon) <= 180)
                          & (np.abs(lat) <= 90))
    return ~inside


def shown_text(value: str, limit: int = 80) -> str:
    """``value`` fit for a one-line message: whitespace collapsed, control characters escaped.

    Examples
    --------
    >>> shown_text("Occupied\\n  area\\x1a")
    'Occupied area\\\\x1a'
    """
    text = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in " ".join(value.split()))
    return text if len(text) <= limit else text[:limit - 1] + "…"
