"""Every settlement's control timeline as rows: one per place, layer and banded run, the run
computed by the same ``control.timeline.place_runs`` that ``control timeline`` prints."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import groupby
from operator import itemgetter

from frontcheck.control.timeline import place_runs

#: Columns of ``export timelines``, in order.
TIMELINE_COLUMNS = ("place_id", "name_en", "name_uk", "name_ru", "oblast", "lon", "lat",
                    "tracker", "layer", "band", "date_from", "date_to", "fraction_min",
                    "fraction_max")


def settlement_timeline_records(intervals: Iterable[tuple], last_date: date,
                                tracker: str, coverage: str = "coverage") -> list[dict]:
    """Rows of ``TIMELINE_COLUMNS`` from ``store.exports.timeline_interval_rows`` tuples
    (grouped by place, as that query orders them).

    Examples
    --------
    >>> d = date.fromisoformat
    >>> rows = [("gn:1", "Vuhledar", "Вугледар", "Угледар", "Donetsk Oblast", 37.25, 47.78,
    ...          "occupied", d("2024-10-01"), d("2024-10-01"), 0.4),
    ...         ("gn:1", "Vuhledar", "Вугледар", "Угледар", "Donetsk Oblast", 37.25, 47.78,
    ...          "occupied", d("2024-10-02"), None, 1.0)]
    >>> [(r["band"], str(r["date_from"]), str(r["date_to"]))
    ...  for r in settlement_timeline_records(rows, d("2024-10-04"), "deepstate")]
    [('10-90 %', '2024-10-01', '2024-10-01'), ('>= 90 %', '2024-10-02', '2024-10-04')]
    """
    records: list[dict] = []
    for _, rows in groupby(intervals, key=itemgetter(0)):
        rows = list(rows)
        place_id, name_en, name_uk, name_ru, oblast, lon, lat = rows[0][:7]
        by_layer: dict[str, list] = {}
        for row in rows:
            by_layer.setdefault(row[7], []).append((row[8], row[9], row[10]))
        for run in place_runs(by_layer, last_date, coverage):
            records.append({"place_id": place_id, "name_en": name_en, "name_uk": name_uk,
                            "name_ru": name_ru, "oblast": oblast, "lon": lon, "lat": lat,
                            "tracker": tracker, "layer": run["layer"], "band": run["band"],
                            "date_from": run["date_from"], "date_to": run["date_to"],
                            "fraction_min": run["fraction_min"],
                            "fraction_max": run["fraction_max"]})
    return records
