"""Cell features as the slider draws them: a partial cell always carries a geometry."""

from __future__ import annotations

import shapely

from frontcheck.web.cells import EMPTY, PARTIAL, CellPiece, Grid, cell_features


def test_a_sliver_that_vanishes_at_the_zoom_precision_is_sent_as_empty():
    # A piece thinner than the output precision snaps to nothing: drawn as a null geometry
    # with state "partial", it broke the page (`geometry.type` of null in cells.js).
    grid = Grid()
    sliver = shapely.box(37.0, 48.0, 37.0000001, 48.1)
    wide = shapely.box(37.0, 48.0, 37.1, 48.1)
    pieces = [CellPiece((148, 240), PARTIAL, sliver), CellPiece((149, 240), PARTIAL, wide)]
    kept = cell_features(grid, pieces, zoom=None, keep_empty=True)
    assert [f["properties"]["state"] for f in kept] == [EMPTY, PARTIAL]
    assert kept[0]["geometry"] is None and kept[1]["geometry"]["type"] == "Polygon"
    dropped = cell_features(grid, pieces, zoom=None, keep_empty=False)
    assert [f["id"] for f in dropped] == [grid.key((149, 240))]
    assert all(f["geometry"] is not None for f in dropped if f["properties"]["state"] == PARTIAL)
