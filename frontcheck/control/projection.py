"""The equal-area plane in which frontcheck measures areas and draws footprints."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import overload

import numpy as np
import shapely
from numpy.typing import ArrayLike
from pyproj import Transformer

#: Lambert azimuthal equal-area centred on Ukraine: areas are exact, and distances and shapes
#: distort by well under 1 % across the country, so a footprint circle drawn here is a circle
#: on the ground too. Metres.
EQUAL_AREA_CRS = "+proj=laea +lat_0=48.5 +lon_0=31.5 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"


@lru_cache(maxsize=1)
def _forward() -> Transformer:
    return Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)


@lru_cache(maxsize=1)
def _inverse() -> Transformer:
    return Transformer.from_crs(EQUAL_AREA_CRS, "EPSG:4326", always_xy=True)


@overload
def to_equal_area(geoms: np.ndarray | Sequence[shapely.Geometry]) -> np.ndarray: ...
@overload
def to_equal_area(geoms: shapely.Geometry) -> shapely.Geometry: ...
def to_equal_area(geoms: shapely.Geometry | np.ndarray | Sequence[shapely.Geometry]
                  ) -> shapely.Geometry | np.ndarray:
    """Project lon/lat geometries to the equal-area plane (one array call, no loop)."""
    return _transformed(geoms, _forward())


@overload
def to_lonlat(geoms: np.ndarray | Sequence[shapely.Geometry]) -> np.ndarray: ...
@overload
def to_lonlat(geoms: shapely.Geometry) -> shapely.Geometry: ...
def to_lonlat(geoms: shapely.Geometry | np.ndarray | Sequence[shapely.Geometry]
              ) -> shapely.Geometry | np.ndarray:
    """Project equal-area geometries back to lon/lat."""
    return _transformed(geoms, _inverse())


def _transformed(geoms: shapely.Geometry | np.ndarray | Sequence[shapely.Geometry],
                 transformer: Transformer
                 ) -> shapely.Geometry | np.ndarray:
    # types-shapely types only the interleaved callback (one (n, 2) array), not the x, y one.
    callback = _transform_with(transformer)
    return shapely.transform(geoms, callback,  # type: ignore[type-var, arg-type, return-value]
                             interleaved=False)


def lonlat_to_xy(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Project lon/lat arrays to equal-area x/y metres."""
    return _forward().transform(np.asarray(lon, float), np.asarray(lat, float))


def _transform_with(transformer: Transformer
                    ) -> Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    def transform(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return transformer.transform(x, y)
    return transform
