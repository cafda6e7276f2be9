"""Which of several same-named settlements a territorial claim means.

A claim that a village changed hands is about a village on the front line. When the name and
the text leave several candidates, the one that lies near the front line on the claim date —
the edge of the occupied area, not its inside, where nothing changes hands — is taken, provided
the others lie clearly farther away. Otherwise the claim stays unresolved.
"""

from __future__ import annotations

import numpy as np
import shapely

#: The chosen candidate must lie within this distance of the front line...
NEAR_FRONT_KM = 10.0
#: ...and every other candidate at least this many times farther.
CLEAR_RATIO = 3.0
#: A candidate a little farther out still counts when every other is far behind: the line
#: of the day lags the news by days ("выбили из Герасимовки", 10.4 km from the drawn line,
#: the two namesakes 129 and 147 km).
WIDER_FRONT_KM = 25.0
WIDER_RATIO = 5.0


def front_line_choice(candidate_points: np.ndarray, front_line: shapely.Geometry,
                      near_km: float = NEAR_FRONT_KM, ratio: float = CLEAR_RATIO) -> int | None:
    """Index of the candidate the front line singles out, or None.

    ``candidate_points`` are equal-area points (metres), ``front_line`` the boundary of the
    occupied area in the same plane.

    Examples
    --------
    >>> import shapely, numpy as np
    >>> line = shapely.LineString([(0, 0), (0, 100_000)])
    >>> front_line_choice(shapely.points([[2_000, 50_000], [40_000, 0]]), line)
    0
    >>> front_line_choice(shapely.points([[2_000, 50_000], [5_000, 0]]), line) is None
    True
    >>> front_line_choice(shapely.points([[12_000, 50_000], [130_000, 0]]), line)
    0
    """
    if len(candidate_points) == 0 or front_line is None or shapely.is_empty(front_line):
        return None
    km = shapely.distance(candidate_points, front_line) / 1000.0
    order = np.argsort(km)
    best = int(order[0])
    second = km[order[1]] if len(order) > 1 else np.inf
    if km[best] <= near_km and second >= max(ratio * km[best], near_km):
        return best
    if km[best] <= WIDER_FRONT_KM and second >= WIDER_RATIO * km[best]:
        return best
    return None
