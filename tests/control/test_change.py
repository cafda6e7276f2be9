"""Gains and losses from the edge-diff overlay equal GEOS's full overlay."""

from __future__ import annotations

import numpy as np
import shapely

from frontcheck.control.change import layer_change
from frontcheck.control.formats import ReadOptions
from frontcheck.control.formats.shipped import read_shipped
from frontcheck.control.projection import to_equal_area


def projected(path):
    return to_equal_area(read_shipped(path.read_bytes(), str(path), ReadOptions()).layers[0].geometry)


def test_real_daily_changes_equal_full_overlay(daily_files):
    picks = np.linspace(0, len(daily_files) - 2, 12).astype(int)
    checked_nonempty = 0
    for i in picks:
        old, new = projected(daily_files[i]), projected(daily_files[i + 1])
        change = layer_change(old, new)
        gained, lost = shapely.difference(new, old), shapely.difference(old, new)
        assert shapely.area(shapely.symmetric_difference(change.gained, gained)) < 1.0  # m²
        assert shapely.area(shapely.symmetric_difference(change.lost, lost)) < 1.0
        checked_nonempty += shapely.area(gained) > 0
    assert checked_nonempty >= 6


def test_changes_in_separate_places_and_holes():
    old = shapely.MultiPolygon([
        shapely.Polygon([(0, 0), (100, 0), (100, 100), (0, 100)], [[(40, 40), (60, 40), (60, 60), (40, 60)]]),
        shapely.box(500, 500, 600, 600),
    ])
    new = shapely.MultiPolygon([
        shapely.Polygon([(0, 0), (110, 0), (100, 100), (0, 100)]),   # edge moved, hole filled
        shapely.box(500, 500, 600, 650),                             # grown far away
    ])
    change = layer_change(old, new)
    assert np.isclose(change.gained.area, shapely.difference(new, old).area)
    assert np.isclose(change.lost.area, shapely.difference(old, new).area)
    assert len(shapely.get_parts(change.gained)) == 3


def test_no_change_and_from_empty():
    box = shapely.MultiPolygon([shapely.box(0, 0, 1, 1)])
    assert layer_change(box, box).gained.is_empty
    assert layer_change(shapely.MultiPolygon(), box).gained.area == 1.0
    assert layer_change(box, shapely.MultiPolygon()).lost.area == 1.0
