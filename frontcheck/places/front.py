"""Distance from places to an area (the occupied area on a date), for homonym evidence.

A claim that a village was taken is about a village near the front: of forty Novoselivkas,
the one 3 km from the occupied area is the likely one. The distance is evidence, not a
measurement, so a plane fitted to Ukraine (equirectangular at 48.5° N, within ~5 % between
44° and 52° N) is precise enough and keeps it to one vectorised call.
"""

from __future__ import annotations

import numpy as np
import shapely

__all__ = ["distance_to_area_km"]

_KM_PER_DEGREE_LAT = 110.574
_KM_PER_DEGREE_LON = 111.320 * float(np.cos(np.radians(48.5)))


def _to_km(coordinates: np.ndarray) -> np.ndarray:
    return np.asarray(coordinates * np.array([_KM_PER_DEGREE_LON, _KM_PER_DEGREE_LAT]))


def distance_to_area_km(area: shapely.Geometry | None, lons: np.ndarray,
                        lats: np.ndarray) -> np.ndarray:
    """Km from each (lon, lat) to ``area`` (0 inside); NaN for NaN coordinates, and for
    every point when the area is None or empty.

    Examples
    --------
    >>> square = shapely.box(37.0, 48.0, 37.5, 48.5)
    >>> km = distance_to_area_km(square, np.array([37.2, 38.0]), np.array([48.2, 48.2]))
    >>> float(km[0]), round(float(km[1]))
    (0.0, 37)
    """
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    if area is None or shapely.is_empty(area):
        return np.full(lons.shape, np.nan)
    known = ~(np.isnan(lons) | np.isnan(lats))
    distances = np.full(lons.shape, np.nan)
    plane = shapely.transform(area, _to_km)
    points = shapely.points(_to_km(np.column_stack([lons[known], lats[known]])))
    distances[known] = shapely.distance(points, plane)
    return distances
