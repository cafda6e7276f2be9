"""Area per period: start and end area, net change, gross gains and losses per layer.

Which snapshot a period uses: a snapshot dated D shows the map as it stood at the start of day
D (the shipped DeepState files are downloaded about 03:00 UTC, so the file dated the 1st holds
the map at the end of the previous month). A period [start, end] therefore starts with the
latest snapshot dated on or before ``start`` and ends with the latest one dated on or before
``end + 1 day``; its gains and losses add up the daily changes of the snapshots in between.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"


@dataclass(frozen=True, slots=True)
class PeriodArea:
    """One period of one layer; the JSON keys of ``control area``."""

    period_start: date
    period_end: date
    layer: str
    snapshot_start: date
    snapshot_end: date
    area_start_km2: float
    area_end_km2: float
    net_km2: float
    gained_km2: float
    lost_km2: float


def period_bounds(on: date, period: Period) -> tuple[date, date]:
    """First and last day of the period containing ``on`` (weeks start on Monday).

    >>> period_bounds(date(2025, 2, 12), Period.month)
    (datetime.date(2025, 2, 1), datetime.date(2025, 2, 28))
    """
    if period is Period.day:
        return on, on
    if period is Period.week:
        start = on - timedelta(days=on.weekday())
        return start, start + timedelta(days=6)
    start = on.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


def period_areas(daily: Sequence[dict[str, Any]], period: Period, since: date | None = None,
                 until: date | None = None) -> list[PeriodArea]:
    """Aggregate per-snapshot rows (``on``, ``layer``, ``area_km2``, ``gained_km2``,
    ``lost_km2``; ascending dates) into periods overlapping [since, until].

    A period whose start and end fall on the same snapshot (nothing newer is held) is left out.
    """
    out: list[PeriodArea] = []
    for layer in sorted({r["layer"] for r in daily}):
        rows = [r for r in daily if r["layer"] == layer]
        dates = [r["on"] for r in rows]
        start, _ = period_bounds(max(dates[0], since or dates[0]), period)
        last = min(dates[-1], until or dates[-1])
        while start <= last:
            _, end = period_bounds(start, period)
            i = max(bisect_right(dates, start) - 1, 0)
            j = bisect_right(dates, end + timedelta(days=1)) - 1
            if j > i:
                first, final = rows[i], rows[j]
                out.append(PeriodArea(
                    start, end, layer, first["on"], final["on"], first["area_km2"],
                    final["area_km2"], final["area_km2"] - first["area_km2"],
                    sum(r["gained_km2"] for r in rows[i + 1:j + 1]),
                    sum(r["lost_km2"] for r in rows[i + 1:j + 1])))
            start = end + timedelta(days=1)
    return sorted(out, key=lambda p: (p.period_start, p.layer))
