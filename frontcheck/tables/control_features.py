"""Control layers and their daily changes as map features: one per layer per date, each
carrying its own ``date``, ``tracker``, ``layer``, ``kind`` and ``area_km2``.

GDAL, geopandas and QGIS keep only per-feature properties (members of a FeatureCollection are
dropped), so a date on the collection is lost; on each feature QGIS's temporal controller can
use it. Polygons are wound as RFC 7946 §3.1.6 asks: exterior rings counter-clockwise, holes
clockwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar, overload

import numpy as np
import shapely
from numpy.typing import NDArray

#: ``kind`` of a feature: the layer as mapped that day, or what it gained or lost since the
#: previous snapshot of the tracker.
KINDS = ("layer", "gained", "lost")

_OptGeometry = TypeVar("_OptGeometry", bound=shapely.Geometry | None)


@overload
def rfc7946_wound(geoms: _OptGeometry) -> _OptGeometry: ...
@overload
def rfc7946_wound(geoms: NDArray[np.object_]) -> NDArray[np.object_]: ...
def rfc7946_wound(geoms: shapely.Geometry | NDArray[np.object_] | None,
                  ) -> shapely.Geometry | NDArray[np.object_] | None:
    """Polygons (or arrays of geometries) with exterior rings counter-clockwise and holes
    clockwise (RFC 7946 §3.1.6); other geometries and None unchanged.

    Examples
    --------
    >>> square = shapely.Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])   # clockwise
    >>> bool(shapely.is_ccw(rfc7946_wound(square).exterior))
    True
    """
    return shapely.orient_polygons(geoms, exterior_cw=False)


def control_feature_columns(rows: Sequence[Mapping[str, Any]], tracker: str,
                            ) -> tuple[dict[str, list[Any]], NDArray[np.object_]]:
    """Columns and geometries of the control features from ``store.exports.dated_layer_rows`` rows: for each
    date and layer a ``layer`` feature (its geometry and area), then, where the snapshot has a
    previous one, a ``gained`` and a ``lost`` feature (their parts and km²; an empty change
    has no geometry). The geometries are an array of wound lon/lat geometries, one per row of
    the columns.

    Examples
    --------
    >>> from datetime import date
    >>> square = shapely.box(37, 47, 38, 48)
    >>> rows = [{"date": date(2024, 10, 2), "layer": "occupied", "area_km2": 9000.5,
    ...          "geometry": square, "gained": shapely.box(37, 47, 37.1, 47.1), "lost": None,
    ...          "gained_km2": 80.25, "lost_km2": 0.0}]
    >>> columns, geometry = control_feature_columns(rows, "deepstate")
    >>> columns["kind"], columns["area_km2"], [g is None for g in geometry]
    (['layer', 'gained', 'lost'], [9000.5, 80.25, 0.0], [False, False, True])
    """
    columns: dict[str, list[Any]] = {"date": [], "tracker": [], "layer": [], "kind": [],
                                     "area_km2": []}
    geometries: list[shapely.Geometry | None] = []
    for row in rows:
        parts = [("layer", row["geometry"], row["area_km2"])]
        if row.get("gained_km2") is not None:
            parts += [("gained", row["gained"], row["gained_km2"]),
                      ("lost", row["lost"], row["lost_km2"])]
        for kind, geometry, area in parts:
            columns["date"].append(row["date"])
            columns["tracker"].append(tracker)
            columns["layer"].append(row["layer"])
            columns["kind"].append(kind)
            columns["area_km2"].append(float(area))
            geometries.append(geometry)
    geoms = np.array(geometries, dtype=object)
    empty = shapely.is_empty(geoms) | shapely.is_missing(geoms)
    geoms[empty] = None
    return columns, rfc7946_wound(geoms)
