"""Areas of layers in km², measured in the equal-area plane."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely


def area_km2(projected: shapely.Geometry | np.ndarray | Sequence[shapely.Geometry]) -> np.ndarray:
    """Area in km² of equal-area geometries; ``None`` gives NaN, an empty geometry 0.

    Examples
    --------
    >>> import shapely
    >>> float(area_km2(shapely.box(0, 0, 2000, 500)))
    1.0
    """
    return np.asarray(shapely.area(projected) / 1e6)
