"""Gained and lost polygons between two snapshots of one layer.

Consecutive daily maps differ by a sliver, so a full polygon overlay of two country-sized
MultiPolygons (what GEOS does for ``difference``) spends nearly all its time proving that
thousands of unchanged edges are unchanged. No library offers "overlay only where the inputs
differ", so it is written here:

1. find the directed ring edges present in only one of the two maps (a hash join of edges);
2. node those edges and polygonize them into faces;
3. a face whose inner point lies in the new map and not the old one was gained; the reverse, lost.

Why this is exact: the boundary of the symmetric difference of two polygonal sets lies on edges
that are not shared by both with the same orientation (a shared directed edge has the same
inside on its left in both, so nothing changes across it). Every face of the polygonized
differing edges therefore lies wholly inside or wholly outside the symmetric difference, and one
inner point decides which. The same argument splits gained from lost.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

#: Above this share of differing edges the plain overlay is as fast, and simpler.
_FULL_OVERLAY_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class LayerChange:
    """What one layer gained and lost against the previous snapshot (equal-area metres)."""

    gained: shapely.Geometry
    lost: shapely.Geometry


@dataclass(frozen=True, slots=True)
class EdgeSet:
    """A layer's directed ring edges sorted by their hash, ready for a hash join; computed once
    per snapshot and reused as the "old" side of the next day's change."""

    rows: np.ndarray        # (n, 4): x0, y0, x1, y1, in hash order
    hashes: np.ndarray      # (n,) uint64, ascending

    @classmethod
    def of(cls, geom: shapely.Geometry | None) -> EdgeSet:
        rows = directed_edges(geom)
        hashes = _row_hash(rows)
        order = np.argsort(hashes, kind="stable")
        return cls(rows[order], hashes[order])

    def contains_rows(self, other: EdgeSet) -> np.ndarray:
        """For each edge of ``other`` (in its order), whether this set has the identical
        directed edge.

        Both sides are sorted, so the search walks memory in order (several times faster than
        probing with unsorted keys). A hash match is confirmed by comparing the coordinates,
        so a collision cannot hide a change.
        """
        if len(self.rows) == 0 or len(other.rows) == 0:
            return np.zeros(len(other.rows), dtype=bool)
        at = np.minimum(np.searchsorted(self.hashes, other.hashes), len(self.hashes) - 1)
        found = np.flatnonzero(self.hashes[at] == other.hashes)
        mine, theirs = self.rows[at[found]], other.rows[found]
        equal = ((mine[:, 0] == theirs[:, 0]) & (mine[:, 1] == theirs[:, 1])
                 & (mine[:, 2] == theirs[:, 2]) & (mine[:, 3] == theirs[:, 3]))
        same = np.zeros(len(other.rows), dtype=bool)
        same[found] = equal
        for i in found[~equal]:   # equal hashes of different edges: check the whole run
            lo = np.searchsorted(self.hashes, other.hashes[i], side="left")
            hi = np.searchsorted(self.hashes, other.hashes[i], side="right")
            same[i] = (self.rows[lo:hi] == other.rows[i]).all(axis=1).any()
        return same


def layer_change(old: shapely.Geometry, new: shapely.Geometry,
                 old_edges: EdgeSet | None = None, new_edges: EdgeSet | None = None) -> LayerChange:
    """Gained (in ``new`` only) and lost (in ``old`` only) parts of a layer.

    Both inputs are valid polygonal geometries in the same planar CRS; their ``EdgeSet`` may be
    passed when already known. The result equals ``difference(new, old)`` and
    ``difference(old, new)`` up to floating-point noise.

    Examples
    --------
    >>> import shapely
    >>> change = layer_change(shapely.box(0, 0, 10, 10), shapely.box(0, 0, 12, 10))
    >>> float(change.gained.area), float(change.lost.area)
    (20.0, 0.0)
    """
    old_edges = old_edges if old_edges is not None else EdgeSet.of(old)
    new_edges = new_edges if new_edges is not None else EdgeSet.of(new)
    differing = np.concatenate([old_edges.rows[~new_edges.contains_rows(old_edges)],
                                new_edges.rows[~old_edges.contains_rows(new_edges)]])
    if len(differing) == 0:
        return LayerChange(shapely.MultiPolygon(), shapely.MultiPolygon())
    if len(differing) > _FULL_OVERLAY_SHARE * (len(old_edges.rows) + len(new_edges.rows)):
        return LayerChange(_polygonal(shapely.difference(new, old)),
                           _polygonal(shapely.difference(old, new)))
    lines = shapely.linestrings(differing.reshape(-1, 2, 2))
    noded = shapely.get_parts(shapely.union_all(lines))
    faces = shapely.get_parts(shapely.polygonize(noded))
    if len(faces) == 0:
        return LayerChange(shapely.MultiPolygon(), shapely.MultiPolygon())
    inner = shapely.get_coordinates(shapely.point_on_surface(faces))
    in_new = _contains(new, inner)
    in_old = _contains(old, inner)
    return LayerChange(_dissolved(faces[in_new & ~in_old]), _dissolved(faces[in_old & ~in_new]))


def _contains(geom: shapely.Geometry | None, points: np.ndarray) -> np.ndarray:
    if geom is None or shapely.is_empty(geom):
        return np.zeros(len(points), dtype=bool)
    shapely.prepare(geom)
    return shapely.contains_xy(geom, points[:, 0], points[:, 1])


def _dissolved(faces: np.ndarray) -> shapely.Geometry:
    if len(faces) == 0:
        return shapely.MultiPolygon()
    return _polygonal(shapely.union_all(faces) if len(faces) > 1 else faces[0])


def directed_edges(geom: shapely.Geometry | None) -> np.ndarray:
    """Every ring edge of a polygonal geometry as rows (x0, y0, x1, y1), rings oriented so that
    the interior lies on the left: an edge shared by two maps then bounds the same side in both.
    """
    if geom is None or shapely.is_empty(geom):
        return np.empty((0, 4))
    polys = shapely.get_parts(shapely.orient_polygons(geom))
    rings = np.concatenate([shapely.get_exterior_ring(polys), _interiors(polys)])
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    same_ring = ring_of[1:] == ring_of[:-1]
    return np.hstack([coords[:-1][same_ring], coords[1:][same_ring]])


def _interiors(polys: np.ndarray) -> np.ndarray:
    counts = shapely.get_num_interior_rings(polys)
    if counts.sum() == 0:
        return np.empty(0, dtype=object)
    owner = np.repeat(np.arange(len(polys)), counts)
    index = np.concatenate([np.arange(n) for n in counts])
    return shapely.get_interior_ring(polys[owner], index)


def _row_hash(rows: np.ndarray) -> np.ndarray:
    """One uint64 per row of floats (FNV-style mixing of the bit patterns)."""
    bits = np.ascontiguousarray(rows, dtype=np.float64).view(np.uint64)
    mixed = np.full(len(rows), np.uint64(0xCBF29CE484222325))
    with np.errstate(over="ignore"):
        for column in bits.T:
            mixed = (mixed ^ column) * np.uint64(0x100000001B3)
            mixed ^= mixed >> np.uint64(29)
    return mixed


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Only the polygonal part of an overlay result, as a MultiPolygon (lines and points from
    touching edges carry no area)."""
    parts = shapely.get_parts(geom)
    parts = parts[shapely.get_type_id(parts) == shapely.GeometryType.POLYGON]
    parts = parts[shapely.area(parts) > 0]
    return shapely.multipolygons(parts) if len(parts) else shapely.MultiPolygon()
