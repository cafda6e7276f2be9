"""A layer cut into grid cells, so that moving the time slider sends only the cells that changed.

A country-sized layer changes by a few slivers a day, but one polygon holds the whole front:
sending a new date's layer whole costs the same as the first. Cut into cells of a fixed
lon/lat grid, a day's change touches a handful of cells (those its stored change polygons
overlap); the browser keeps the others. Each cell is ``full`` (inside the layer: the browser
draws the rectangle), ``empty``, or ``partial`` (its piece of the layer). Pieces are cut a
little larger than their cell (``margin``) so that neighbouring fills overlap instead of leaving
hairline seams. The front line is not sent again: it is the piece's outline less the edges that
lie on the cut rectangle, which the browser drops (and clips what remains to the cell).

Cutting uses ``shapely.clip_by_rect``, GEOS's rectangle clipper, much faster than a general
intersection; it takes one rectangle per call, so the layer is first cut into rows of cells and
each cell is cut from its row, which keeps every clip small.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely

from frontcheck.web.geojson import decimals, geometry_json, simplified

FULL, EMPTY, PARTIAL = "full", "empty", "partial"


@dataclass(frozen=True, slots=True)
class Grid:
    """A lon/lat grid: cell (i, j) spans [i·dlon, (i+1)·dlon] × [j·dlat, (j+1)·dlat]."""

    dlon: float = 0.25
    dlat: float = 0.2
    margin: float = 0.002      # degrees each fill piece extends past its cell

    def key(self, cell: tuple[int, int]) -> str:
        return f"{cell[0]}:{cell[1]}"

    def bounds(self, cell: tuple[int, int], margin: float = 0.0) -> tuple[float, ...]:
        i, j = cell
        return (i * self.dlon - margin, j * self.dlat - margin,
                (i + 1) * self.dlon + margin, (j + 1) * self.dlat + margin)

    def covering(self, bounds: np.ndarray) -> set[tuple[int, int]]:
        """Cells whose cut (with margin) can overlap any of the boxes (rows of xmin, ymin,
        xmax, ymax).

        >>> sorted(Grid().covering(np.array([[37.1, 48.1, 37.3, 48.15]])))
        [(148, 240), (149, 240)]
        """
        bounds = np.asarray(bounds, dtype=float).reshape(-1, 4)
        bounds = bounds[np.all(np.isfinite(bounds), axis=1)]
        i0 = np.floor((bounds[:, 0] - self.margin) / self.dlon).astype(int)
        j0 = np.floor((bounds[:, 1] - self.margin) / self.dlat).astype(int)
        i1 = np.floor((bounds[:, 2] + self.margin) / self.dlon).astype(int)
        j1 = np.floor((bounds[:, 3] + self.margin) / self.dlat).astype(int)
        out: set[tuple[int, int]] = set()
        for a, b, c, d in zip(i0, j0, i1, j1):   # boxes of change parts: a cell or two each
            out.update((i, j) for i in range(a, c + 1) for j in range(b, d + 1))
        return out

    def as_json(self) -> dict:
        return {"dlon": self.dlon, "dlat": self.dlat, "margin": self.margin}


@dataclass(frozen=True, slots=True)
class CellPiece:
    """One cell of a layer: its state, and for a partial cell its piece of the layer."""

    cell: tuple[int, int]
    state: str
    fill: shapely.Geometry | None = None


def cut_cells(grid: Grid, layer: shapely.Geometry | None,
              cells: Iterable[tuple[int, int]] | None = None) -> list[CellPiece]:
    """The layer's pieces in ``cells`` (default: every cell its bounds touch), sorted by cell.

    ``layer`` None or empty gives every cell asked for as empty.
    """
    if layer is None or shapely.is_empty(layer):
        return [CellPiece(c, EMPTY) for c in sorted(cells or ())]
    if cells is None:
        cells = grid.covering(np.array([shapely.bounds(layer)]))
    rows: dict[int, list[int]] = {}
    for i, j in cells:
        rows.setdefault(j, []).append(i)
    out = []
    for j, columns in sorted(rows.items()):
        columns.sort()
        x0, y0, _, y1 = grid.bounds((columns[0], j), grid.margin)
        x1 = grid.bounds((columns[-1], j), grid.margin)[2]
        row_fill = shapely.clip_by_rect(layer, x0, y0, x1, y1)
        for i in columns:
            out.append(_piece(grid, (i, j), row_fill))
    return out


def _piece(grid: Grid, cell: tuple[int, int], row_fill) -> CellPiece:
    if shapely.is_empty(row_fill):
        return CellPiece(cell, EMPTY)
    box = grid.bounds(cell, grid.margin)
    fill = shapely.clip_by_rect(row_fill, *box)
    if shapely.is_empty(fill):
        return CellPiece(cell, EMPTY)
    if math.isclose(shapely.area(fill), (box[2] - box[0]) * (box[3] - box[1]), rel_tol=1e-9):
        return CellPiece(cell, FULL)
    return CellPiece(cell, PARTIAL, fill)


def cell_features(grid: Grid, pieces: list[CellPiece], zoom: int | None,
                  keep_empty: bool) -> list[dict]:
    """GeoJSON features of cell pieces, simplified for ``zoom`` (all at once): ``id`` is the
    cell key, ``properties.state`` its state, a partial cell's geometry its piece of the layer
    (a full or empty cell has none)."""
    places = decimals(zoom)
    partial = [p for p in pieces if p.state == PARTIAL]
    fills = simplified(np.array([p.fill for p in partial], dtype=object), zoom)
    shapes = {p.cell: f for p, f in zip(partial, fills)}
    features = []
    for piece in pieces:
        state = piece.state
        geometry = geometry_json(shapes[piece.cell], places) if state == PARTIAL else None
        if state == PARTIAL and geometry is None:
            state = EMPTY       # a sliver that vanishes at the zoom's precision: nothing to draw
        if state == EMPTY and not keep_empty:
            continue
        features.append({"type": "Feature", "id": grid.key(piece.cell),
                         "properties": {"state": state}, "geometry": geometry})
    return features
