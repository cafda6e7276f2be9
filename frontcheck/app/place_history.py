"""A settlement's control history for both faces: its timeline (banded runs per layer) and
its status on a date, read from the timelines the control jobs keep up to date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from frontcheck.app.records import Place
from frontcheck.control.snapshot import COVERAGE
from frontcheck.control.timeline import COVERED_SHARE, place_runs
from frontcheck.errors import NotFoundError
from frontcheck.store import control as store_control
from frontcheck.store.timelines import (
    check_timelines_current,
    fractions_on,
    place_intervals,
    timeline_last_date,
)

__all__ = ["TimelineRun", "PlaceStatus", "timeline", "status"]


@dataclass(frozen=True, slots=True)
class TimelineRun:
    """``control timeline --format json``: a run of snapshots in one band of a layer."""

    place_id: str
    name: str
    oblast: str
    tracker: str
    layer: str
    band: str
    date_from: date
    date_to: date
    fraction_min: float
    fraction_max: float
    text: str


@dataclass(frozen=True, slots=True)
class PlaceStatus:
    """``control status --format json``: shares of a place's footprint on a date (None where
    the tracker does not cover it), and the snapshot read."""

    place_id: str
    name: str
    oblast: str
    tracker: str
    on: date
    snapshot_date: date
    snapshot_age_days: int
    covered: bool
    fractions: dict[str, float | None]


def timeline(connection: Connection, place: Place, tracker: str) -> list[TimelineRun]:
    """A settlement's control timeline as banded runs per layer (coverage read as covered /
    not covered); ``NotFoundError`` when the tracker has no timelines."""
    check_timelines_current(connection, tracker)
    last = timeline_last_date(connection, tracker)
    if last is None:
        raise NotFoundError(f"no {tracker} timeline; ingest snapshots with "
                            "`frontcheck control ingest`")
    by_layer: dict[str, list[tuple[date, date | None, float]]] = {}
    for row in place_intervals(connection, tracker, place.id):
        by_layer.setdefault(row["layer"], []).append(
            (row["valid_from"], row["valid_to"], row["fraction"]))
    return [TimelineRun(place.id, place.name, place.oblast, tracker, **run)
            for run in place_runs(by_layer, last, COVERAGE)]


def status(connection: Connection, place: Place, tracker: str, on: date) -> PlaceStatus:
    """A settlement's shares in each layer on a date, from the latest snapshot on or before
    it; shares are None where the tracker does not cover the place."""
    check_timelines_current(connection, tracker)
    sequence = store_control.tracker_sequence(connection, tracker)
    used = max((e for e in sequence if e.on <= on), key=lambda e: e.on, default=None)
    if used is None:
        first = sequence[0].on.isoformat() if sequence else "none stored"
        raise NotFoundError(f"no {tracker} snapshot on or before {on.isoformat()} "
                            f"(first snapshot: {first})")
    shares = fractions_on(connection, tracker, place.id, used.on)
    if not shares:
        raise NotFoundError(f"no timeline for {place.id} in {tracker}; "
                            "run `frontcheck place load` to index the gazetteer")
    covered = shares.pop(COVERAGE, 0.0) >= COVERED_SHARE
    return PlaceStatus(place.id, place.name, place.oblast, tracker, on, used.on,
                       (on - used.on).days, covered,
                       {k: (v if covered else None) for k, v in sorted(shares.items())})
