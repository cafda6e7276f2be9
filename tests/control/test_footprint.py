"""Footprint discs: built from one coordinate array, they must be the discs the rule names."""

import numpy as np
import shapely

from frontcheck.control.footprint import QUAD_SEGMENTS, footprint_discs, footprint_radius_m


def test_discs_are_the_buffer_discs_of_the_rule():
    rng = np.random.default_rng(7)
    x, y = rng.uniform(-1e6, 1e6, 500), rng.uniform(4e6, 6e6, 500)
    radius = footprint_radius_m(rng.uniform(10, 300_000, 500), np.array(["city", "village"] * 250))
    ours = footprint_discs(x, y, radius)
    buffered = shapely.buffer(shapely.points(x, y), radius, quad_segs=QUAD_SEGMENTS)
    assert shapely.is_valid(ours).all()
    assert np.abs(shapely.get_coordinates(ours) - shapely.get_coordinates(buffered)).max() < 1e-6
    assert np.allclose(shapely.area(ours), shapely.area(buffered), rtol=1e-12)
    assert np.allclose(shapely.area(ours), np.pi * radius**2, rtol=0.007)   # a 32-gon's deficit


def test_radius_bounds_hold():
    radius = footprint_radius_m(np.array([1.0, 1e9, np.nan]), np.array(["village", "city", "x"]))
    assert radius.tolist() == [500.0, 15_000.0, 600.0]
