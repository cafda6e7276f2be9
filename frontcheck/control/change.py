"""Gained and lost polygons between two snapshots of one layer.

Consecutive daily maps differ by a sliver, so a full polygon overlay of two country-sized
MultiPolygons (what GEOS would do for ``difference``) spends most of its time proving that
thousands of unchanged edges are unchanged. No library offers "overlay only where the inputs
differ", so it is written here: find the directed edges present in only one of the two maps,
group them into boxes, and overlay only the pieces inside those boxes.

Why this is exact: the boundary of the symmetric difference lies on edges that differ, each
differing edge lies in one of the boxes, a connected boundary lies in one connected group of
boxes, and a bounded region whose boundary lies in a convex box (the group's envelope) lies in
that box. Outside the boxes the two maps are therefore identical.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

#: Above this share of differing edges the plain overlay is as fast, and simpler.
_FULL_OVERLAY_SHARE = 0.3
#: Boxes grow by this many metres so that touching edges fall into one group.
_BOX_MARGIN_M = 1.0


@dataclass(frozen=True, slots=True)
class LayerChange:
    """What one layer gained and lost against the previous snapshot (equal-area metres)."""

    gained: shapely.Geometry
    lost: shapely.Geometry

    @property
    def changed(self) -> shapely.Geometry:
        """Everything that changed, gained or lost."""
        return shapely.union(self.gained, self.lost)


def layer_change(old: shapely.Geometry, new: shapely.Geometry) -> LayerChange:
    """Gained (in ``new`` only) and lost (in ``old`` only) parts of a layer.

    Both inputs are valid polygonal geometries in the same planar CRS. The result equals
    ``difference(new, old)`` and ``difference(old, new)`` up to floating-point noise.

    Examples
    --------
    >>> import shapely
    >>> change = layer_change(shapely.box(0, 0, 10, 10), shapely.box(0, 0, 12, 10))
    >>> float(change.gained.area), float(change.lost.area)
    (20.0, 0.0)
    """
    old_edges, new_edges = directed_edges(old), directed_edges(new)
    only_old = ~_rows_in(old_edges, new_edges)
    only_new = ~_rows_in(new_edges, old_edges)
    differing = np.concatenate([old_edges[only_old], new_edges[only_new]])
    if len(differing) == 0:
        return LayerChange(shapely.MultiPolygon(), shapely.MultiPolygon())
    total = len(old_edges) + len(new_edges)
    if len(differing) > _FULL_OVERLAY_SHARE * total:
        return LayerChange(_polygonal(shapely.difference(new, old)),
                           _polygonal(shapely.difference(old, new)))
    boxes = edge_groups(differing)
    rects = shapely.bounds(boxes)
    old_pieces = _clip(old, rects)
    new_pieces = _clip(new, rects)
    gained = shapely.union_all(shapely.difference(new_pieces, old_pieces))
    lost = shapely.union_all(shapely.difference(old_pieces, new_pieces))
    return LayerChange(_polygonal(gained), _polygonal(lost))


def directed_edges(geom: shapely.Geometry) -> np.ndarray:
    """Every ring edge of a polygonal geometry as rows (x0, y0, x1, y1), rings oriented so that
    the interior lies on the left: an edge shared by two maps then bounds the same side in both.
    """
    if geom is None or shapely.is_empty(geom):
        return np.empty((0, 4))
    oriented = shapely.orient_polygons(geom)
    polys = shapely.get_parts(oriented)
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


def edge_groups(edges: np.ndarray) -> np.ndarray:
    """Boxes covering the edges, merged until no two boxes overlap (each is one group)."""
    xmin = np.minimum(edges[:, 0], edges[:, 2]) - _BOX_MARGIN_M
    xmax = np.maximum(edges[:, 0], edges[:, 2]) + _BOX_MARGIN_M
    ymin = np.minimum(edges[:, 1], edges[:, 3]) - _BOX_MARGIN_M
    ymax = np.maximum(edges[:, 1], edges[:, 3]) + _BOX_MARGIN_M
    bounds = np.column_stack([xmin, ymin, xmax, ymax])
    while True:
        boxes = shapely.box(*bounds.T)
        left, right = shapely.STRtree(boxes).query(boxes, predicate="intersects")
        if (left == right).all():
            return boxes
        bounds = _merged_bounds(bounds, _components(len(boxes), left, right))


def _components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected-component label of each of ``n`` nodes joined by the pairs (left, right).

    Label propagation with numpy: each round every node takes the smallest label among its
    neighbours, until nothing changes (rounds grow with a group's length, a handful here).
    """
    labels = np.arange(n)
    while True:
        before = labels.copy()
        np.minimum.at(labels, left, labels[right])
        labels = labels[labels]
        if np.array_equal(labels, before):
            return labels


def _merged_bounds(bounds: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The envelope (xmin, ymin, xmax, ymax) of each labelled group of boxes."""
    groups, inverse = np.unique(labels, return_inverse=True)
    merged = np.empty((len(groups), 4))
    merged[:, :2] = np.inf
    merged[:, 2:] = -np.inf
    np.minimum.at(merged[:, 0], inverse, bounds[:, 0])
    np.minimum.at(merged[:, 1], inverse, bounds[:, 1])
    np.maximum.at(merged[:, 2], inverse, bounds[:, 2])
    np.maximum.at(merged[:, 3], inverse, bounds[:, 3])
    return merged


def _clip(geom: shapely.Geometry, rects: np.ndarray) -> np.ndarray:
    # A true overlay with each box, not clip_by_rect, whose output GEOS does not promise valid.
    return shapely.intersection(geom, shapely.box(*rects.T))


def _rows_in(rows: np.ndarray, others: np.ndarray) -> np.ndarray:
    """For each row of ``rows``, whether the identical row occurs in ``others``.

    Rows are hashed to one uint64 so that numpy sorts integers, not 32-byte records; a hash
    match is then confirmed by comparing the rows themselves, so a collision cannot hide a change.
    """
    if len(rows) == 0 or len(others) == 0:
        return np.zeros(len(rows), dtype=bool)
    left, right = _row_hash(rows), _row_hash(others)
    order = np.argsort(right, kind="stable")
    sorted_right = right[order]
    at = np.minimum(np.searchsorted(sorted_right, left), len(right) - 1)
    candidate = sorted_right[at] == left
    same = candidate.copy()
    same[candidate] = (others[order[at[candidate]]] == rows[candidate]).all(axis=1)
    # Equal hashes of different rows would make a run of equal values; such rows are checked
    # against the whole run (never seen in practice, but exactness must not depend on luck).
    suspects = np.flatnonzero(candidate & ~same)
    for i in suspects:
        lo, hi = np.searchsorted(sorted_right, [left[i], left[i] + np.uint64(1)])
        same[i] = (others[order[lo:hi]] == rows[i]).all(axis=1).any()
    return same


def _row_hash(rows: np.ndarray) -> np.ndarray:
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
