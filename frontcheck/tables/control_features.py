"""Control layers and their daily changes as map features: one per layer per date, each
carrying its own ``date``, ``tracker``, ``layer``, ``kind`` and ``area_km2``.

GDAL, geopandas and QGIS keep only per-feature properties (members of a FeatureCollection are
dropped), so a date on the collection is lost; on each feature QGIS's temporal controller can
use it. Polygons are wound as RFC 7946 §3.1.6 asks: exterior rings counter-clockwise, holes
clockwise.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely

#: ``kind`` of a feature: the layer as mapped that day, or what it gained or lost since the
#: previous snapshot of the tracker.
KINDS = ("layer", "gained", "lost")


def rfc7946_wound(geoms):
    """Polygons (or arrays of geometries) with exterior rings counter-clockwise and holes
    clockwise (RFC 7946 §3.1.6); other geometries and None unchanged.

    Examples
    --------
    >>> square = shapely.Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])   # clockwise
    >>> bool(shapely.is_ccw(rfc7946_wound(square).exterior))
    True
    """
    return shapely.orient_polygons(geoms, exterior_cw=False)


def control_feature_columns(rows: Sequence[dict], tracker: str) -> dict[str, list | np.ndarray]:
    """Columns of the control features from ``store.exports.dated_layer_rows`` rows: for each
    date and layer a ``layer`` feature (its geometry and area), then, where the snapshot has a
    previous one, a ``gained`` and a ``lost`` feature (their parts and km²; an empty change
    has no geometry). ``geometry`` is an array of wound lon/lat geometries.

    Examples
    --------
    >>> from datetime import date
    >>> square = shapely.box(37, 47, 38, 48)
    >>> rows = [{"date": date(2024, 10, 2), "layer": "occupied", "area_km2": 9000.5,
    ...          "geometry": square, "gained": shapely.box(37, 47, 37.1, 47.1), "lost": None,
    ...          "gained_km2": 80.25, "lost_km2": 0.0}]
    >>> columns = control_feature_columns(rows, "deepstate")
    >>> columns["kind"], columns["area_km2"], [g is None for g in columns["geometry"]]
    (['layer', 'gained', 'lost'], [9000.5, 80.25, 0.0], [False, False, True])
    """
    columns: dict[str, list] = {"date": [], "tracker": [], "layer": [], "kind": [],
                                "area_km2": [], "geometry": []}
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
            columns["geometry"].append(geometry)
    geoms = np.array(columns["geometry"], dtype=object)
    empty = shapely.is_empty(geoms) | shapely.is_missing(geoms)
    geoms[empty] = None
    columns["geometry"] = rfc7946_wound(geoms)
    return columns
