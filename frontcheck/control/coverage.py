"""What area a tracker actually maps on a day, so that "not on the map" is never read as
"not occupied"."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely

from frontcheck.control.snapshot import Snapshot


def snapshot_coverage(snapshot: Snapshot, home: shapely.Geometry,
                      regions: Sequence[tuple[str, shapely.Geometry]],
                      home_name: str = "Ukraine") -> tuple[str, shapely.Geometry]:
    """The area a snapshot covers (lon/lat) and a description of it.

    A tracker maps its home country; where a part of one of its layers lies in a neighbouring
    region (the Ukrainian-held part of Kursk oblast in raw DeepStateMAP snapshots), that whole
    region is covered too.

    Examples
    --------
    >>> import shapely
    >>> from datetime import date
    >>> from frontcheck.control.snapshot import Layer, Snapshot
    >>> home, kursk = shapely.box(30, 45, 40, 52), shapely.box(34, 52, 37, 53)
    >>> held = Layer("ukrainian_held_abroad", shapely.box(35, 52.1, 35.3, 52.3))
    >>> snap = Snapshot("t", date(2024, 9, 1), "0" * 64, "x", "raw", (held,))
    >>> snapshot_coverage(snap, home, [("Kursk Oblast", kursk)])[0]
    'Ukraine + Kursk Oblast'
    """
    parts = np.concatenate([np.empty(0, dtype=object),
                            *(shapely.get_parts(layer.geometry) for layer in snapshot.layers)])
    covered, names = [home], [home_name]
    if len(parts):
        # A point inside each part tells home from abroad without overlaying the border.
        inside = points_in(home, shapely.point_on_surface(parts))
        abroad = parts[~inside]
        if len(abroad):
            for name, region in regions:
                if shapely.intersects(region, abroad).any():
                    covered.append(region)
                    names.append(name)
    geometry = shapely.union_all(covered) if len(covered) > 1 else home
    return " + ".join(names), geometry


def points_in(area: shapely.Geometry, points: np.ndarray) -> np.ndarray:
    """Whether each point lies in ``area`` (prepared once: many points against one shape)."""
    shapely.prepare(area)
    coords = shapely.get_coordinates(points)
    return shapely.contains_xy(area, coords[:, 0], coords[:, 1])


def uncovered_share(snapshot: Snapshot, covered: shapely.Geometry) -> float:
    """The share of a snapshot's polygon area that lies outside ``covered`` (its coverage).

    Each part counts by its area (in degrees², enough for a share) and goes wholly inside or
    outside by a point on its surface. A tracker's layers lie in the area it maps; a snapshot
    mostly outside it has its longitude and latitude swapped, or is another region's map.

    Examples
    --------
    >>> from datetime import date
    >>> from frontcheck.control.snapshot import Layer, Snapshot
    >>> home = shapely.box(22, 44, 40, 53)
    >>> right = Snapshot("t", date(2025, 1, 1), "0" * 64, "x", "f", (Layer("occupied", shapely.box(37, 48, 38, 49)),))
    >>> swapped = Snapshot("t", date(2025, 1, 1), "0" * 64, "x", "f", (Layer("occupied", shapely.box(48, 37, 49, 38)),))
    >>> uncovered_share(right, home), uncovered_share(swapped, home)
    (0.0, 1.0)
    """
    parts = np.concatenate([np.empty(0, dtype=object),
                            *(shapely.get_parts(layer.geometry) for layer in snapshot.layers
                              if layer.geometry is not None)])
    if not len(parts):
        return 0.0
    areas = shapely.area(parts)
    total = float(areas.sum())
    if total <= 0:
        return 0.0
    inside = points_in(covered, shapely.point_on_surface(parts))
    return float(areas[~inside].sum()) / total
