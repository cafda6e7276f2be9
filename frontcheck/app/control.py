"""Control history jobs: settlement timelines kept up to date with the stored snapshots and
gazetteer, and a settlement's timeline and status for both faces."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from frontcheck.app.place_load import ensure_places
from frontcheck.app.place_lookup import find_places
from frontcheck.app.records import vars_of
from frontcheck.app.snapshot_ingest import (
    IngestReport as IngestReport,  # re-exported: the faces' type
)
from frontcheck.app.snapshot_ingest import ingest_snapshots, snapshot_files
from frontcheck.app.snapshot_write import projected_layers
from frontcheck.app.timeline_build import fresh_coverages, refresh_timelines
from frontcheck.control.formats import ReadOptions
from frontcheck.control.period import Period, PeriodArea, period_areas
from frontcheck.errors import InputError, NotFoundError
from frontcheck.places.names import normalise_name
from frontcheck.store import control as store_control
from frontcheck.store.control import SequenceEntry as SequenceEntry  # re-exported: the faces' type
from frontcheck.store.engine import write_lock
from frontcheck.store.maps import (
    change_parts,
    layer_geometries,
    sequence_version,
    snapshot_sources,
)
from frontcheck.store.timelines import timelines_plan

#: Progress of one tracker's refresh: (tracker, snapshots) → a context giving ``advance(n)``.
TrackerProgress = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]


def _no_progress(_tracker: str, _total: int) -> AbstractContextManager[Callable[[int], None]]:
    return nullcontext(lambda _n: None)


def refresh_all_timelines(engine: Engine, trackers: list[str] | None = None,
                          fresh: dict[Any, Any] | None = None, footprints: Any = None,
                          progress: TrackerProgress | None = None,
                          on_refreshed: Callable[[str, str], None] | None = None) -> None:
    """Bring the settlement timelines of the given trackers (default: all) up to date; called
    after snapshots or places change. ``on_refreshed(tracker, what)`` hears what was done."""
    progress = progress or _no_progress
    with engine.connect() as connection:
        names = trackers or store_control.trackers(connection)
        sizes = {t: len(store_control.tracker_sequence(connection, t)) for t in names}
    for name in names:
        with progress(name, sizes[name]) as advance:
            done = refresh_timelines(engine, name, on_progress=advance, fresh=fresh,
                                     footprints=footprints)
        if on_refreshed is not None:
            on_refreshed(name, done)


def timelines_behind(engine: Engine, tracker: str, fresh: dict[Any, Any] | None = None) -> bool:
    """Whether the tracker's timelines lag the stored snapshots (an ingest stopped before its
    timeline work, or this ingest's new files)."""
    with engine.connect() as connection:
        return timelines_plan(connection, tracker, fresh_coverages(fresh)).action in ("rebuild", "extend")


def ensure_timelines(engine: Engine, tracker: str,
                     on_behind: Callable[[], None] | None = None,
                     on_wait: Callable[[], None] | None = None) -> None:
    """Before reading a tracker's timelines from the command line: bring them up to date if
    an ingest stopped before its timeline work (the API answers 503 instead)."""
    if timelines_behind(engine, tracker):
        if on_behind is not None:
            on_behind()
        with write_lock(engine, on_wait=on_wait):
            refresh_all_timelines(engine, trackers=[tracker])


def refresh(engine: Engine, tracker: str | None, progress: TrackerProgress | None = None,
            on_refreshed: Callable[[str, str], None] | None = None,
            on_wait: Callable[[], None] | None = None) -> None:
    """``control refresh``: every (or one) tracker's timelines brought up to date, under the
    store's write lock."""
    with write_lock(engine, on_wait=on_wait):
        if not ensure_places(engine):
            raise NotFoundError("no gazetteer loaded; run `frontcheck place load` first")
        refresh_all_timelines(engine, trackers=[tracker] if tracker else None,
                              progress=progress, on_refreshed=on_refreshed)


def ingest(engine: Engine, paths: list[Path], options: ReadOptions, input_format: str,
           keep_going: bool, replace_dates: bool,
           files_progress: Callable[[int], AbstractContextManager[Callable[[int], None]]],
           before_refresh: Callable[[IngestReport], None] | None = None,
           progress: TrackerProgress | None = None,
           on_refreshed: Callable[[str, str], None] | None = None,
           on_wait: Callable[[], None] | None = None) -> tuple[int, IngestReport]:
    """``control ingest``: the snapshot files under ``paths``, each in its own transaction,
    then the tracker's timelines brought up to date (also when a bad file stopped the ingest,
    so that the files written before it keep their timelines current). Returns the number of
    files and the report; ``before_refresh`` hears the report before the timeline work."""
    files = snapshot_files(paths)
    report = IngestReport()
    with write_lock(engine, on_wait=on_wait):
        try:
            with files_progress(len(files)) as advance:
                ingest_snapshots(engine, paths, options, input_format, keep_going,
                                 on_progress=advance, files=files,
                                 replace_dates=replace_dates, report=report)
        except InputError:
            _refresh_if_behind(engine, options.tracker, report)
            raise
        if before_refresh is not None:
            before_refresh(report)
        _refresh_if_behind(engine, options.tracker, report, progress, on_refreshed)
    return len(files), report


def _refresh_if_behind(engine: Engine, tracker: str, report: IngestReport,
                       progress: TrackerProgress | None = None,
                       on_refreshed: Callable[[str, str], None] | None = None) -> None:
    """Refresh the tracker's timelines when anything is behind: this ingest's new files, or
    those of an earlier one that stopped (failed, killed) before its timeline work. The
    default gazetteer is loaded only when this ingest wrote something."""
    if report.new and not ensure_places(engine):
        return
    if timelines_behind(engine, tracker, report.fresh):
        refresh_all_timelines(engine, trackers=[tracker], fresh=report.fresh,
                              footprints=report.footprints, progress=progress,
                              on_refreshed=on_refreshed)


def area(connection: Connection, tracker: str, period: Period, since: date | None,
         until: date | None, layer: str | None) -> list[PeriodArea]:
    """``control area``: per period overlapping [since, until] and layer, area at start and
    end, net change, gained and lost (km²). ``NotFoundError`` when the tracker (or the layer)
    has no snapshots."""
    daily = store_control.daily_rows(connection, tracker)
    if layer:
        daily = [r for r in daily if r["layer"] == layer]
    if not daily:
        raise NotFoundError(f"no {tracker} snapshots stored"
                            + (f" with layer {layer!r}" if layer else "")
                            + "; run `frontcheck control ingest` first")
    return [p for p in period_areas(daily, period, since, until)
            if (since is None or p.period_end >= since)
            and (until is None or p.period_start <= until)]


# --- what the charts draw ---------------------------------------------------------------------

#: The period ``chart gains`` maps when no --from is given.
DEFAULT_PERIOD_DAYS = 30


@dataclass(frozen=True, slots=True)
class DailyArea:
    """A layer's area on one snapshot and what it gained and lost since the one before (km²):
    what ``chart area`` draws."""

    snapshot_id: int
    on: date
    layer: str
    area_km2: float
    gained_km2: float
    lost_km2: float


def daily_area(connection: Connection, tracker: str, layer: str) -> list[DailyArea]:
    """Per snapshot of the tracker: the layer's area and that day's gains and losses (km²)."""
    return [DailyArea(**r) for r in store_control.daily_rows(connection, tracker)
            if r["layer"] == layer]


@dataclass(frozen=True, slots=True)
class Gains:
    """What ``chart gains`` maps: the snapshots opening and closing the period, the gained and
    lost polygons between them, the layer held at the end (projected) and the labels."""

    start: SequenceEntry
    end: SequenceEntry
    gained: Any
    lost: Any
    held: Any
    labels: list[tuple[str, float, float]]


def gains(engine: Engine, tracker: str, layer: str, first_day: date | None,
          last_day: date | None, labels: list[str]) -> Gains:
    """The gains and losses of a layer over a period of days (see ``period_snapshots``), and
    the places to label (``label_place``)."""
    if labels:
        ensure_places(engine)
    with engine.connect() as connection:
        sequence = store_control.tracker_sequence(connection, tracker)
        start, end = period_snapshots(sequence, first_day, last_day, tracker)
        gained, lost = store_control.change_geometries(connection, tracker, start.on, end.on,
                                                       layer)
        held = projected_layers(connection, end.id).get(layer)
        places = [label_place(connection, name) for name in labels]
    return Gains(start, end, gained, lost, held, places)


def period_snapshots(sequence: list[SequenceEntry], first_day: date | None,
                     last_day: date | None, tracker: str
                     ) -> tuple[SequenceEntry, SequenceEntry]:
    """The snapshots that open and close a period of days (see ``control.period``).

    The end is the latest snapshot dated on or before the day after ``last_day`` (default: the
    last snapshot); the start the latest on or before ``first_day`` (default: 30 days before
    the end), or the first snapshot when the period begins before the data.
    """
    if not sequence:
        raise NotFoundError(f"no {tracker} snapshots stored; run `frontcheck control ingest` first")
    held = f"the store holds {sequence[0].on} to {sequence[-1].on}"
    end_by = last_day + timedelta(days=1) if last_day else sequence[-1].on
    start_by = first_day or end_by - timedelta(days=DEFAULT_PERIOD_DAYS)
    ends = [e for e in sequence if e.on <= end_by]
    if not ends:
        raise NotFoundError(f"no {tracker} snapshot dated on or before {end_by}; {held}")
    end = ends[-1]
    start = next((e for e in reversed(sequence) if e.on <= start_by), sequence[0])
    if start.on >= end.on:
        after = (f"after {start_by}" if start_by >= sequence[-1].on
                 else f"between {start_by} and {end_by}")
        raise NotFoundError(f"no {tracker} snapshots {after}; {held}")
    return start, end


def label_place(connection: Connection, name: str) -> tuple[str, float, float]:
    """(English name, lon, lat) of the place a --label means: the places of that name whose
    English name it is come first, then the most populous, since a map label means the town
    a reader would expect. One lookup per label: labels are a handful of typed names."""
    candidates = [c for c in find_places(connection, name)
                  if c["lon"] is not None and c["lat"] is not None]
    if not candidates:
        raise NotFoundError(f"no place called {name!r} to label; check the spelling, or load "
                            "the gazetteer with `frontcheck place load`")
    key = normalise_name(name)
    best = max(candidates, key=lambda c: (normalise_name(c["name"] or "") == key,
                                          c["population"] or 0))
    return best["name"] or name, best["lon"], best["lat"]


# --- what the map draws (web) -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LayerFigures:
    """A layer's area on a snapshot, and what it gained and lost since the one before (km²)."""

    area_km2: float
    gained_km2: float
    lost_km2: float


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One date of a tracker's sequence, with each layer's area and change since the last
    (``/api/snapshots``); ``dt.date``, as a field named ``date`` hides the type ``date``."""

    id: int
    date: dt.date
    sha256: str
    source_name: str
    source_format: str
    coverage: str
    layers: dict[str, LayerFigures]


@dataclass(frozen=True, slots=True)
class SnapshotDetail(Snapshot):
    """A snapshot with the dates before and after it (``/api/snapshots/{date}``)."""

    previous_date: dt.date | None
    next_date: dt.date | None


def snapshots(connection: Connection, tracker: str, since: date | None = None,
              until: date | None = None) -> list[Snapshot]:
    """The tracker's snapshots dated in [since, until] with their file, hash and per-layer
    areas, oldest first."""
    return [r for r in _snapshot_records(connection, tracker)
            if (since is None or r.date >= since) and (until is None or r.date <= until)]


def snapshot(connection: Connection, tracker: str, on: date) -> SnapshotDetail:
    """The tracker's snapshot dated ``on`` with the dates before and after it;
    ``NotFoundError`` when there is none."""
    rows = _snapshot_records(connection, tracker)
    index = next((i for i, r in enumerate(rows) if r.date == on), None)
    if index is None:
        raise NotFoundError(f"no {tracker} snapshot dated {on.isoformat()}")
    return SnapshotDetail(**vars_of(rows[index]),
                          previous_date=rows[index - 1].date if index else None,
                          next_date=rows[index + 1].date if index + 1 < len(rows) else None)


def _snapshot_records(connection: Connection, tracker: str) -> list[Snapshot]:
    """The tracker's sequence (one snapshot per date, the latest ingested wins), oldest first,
    each layer with its area, gained and lost km² since the previous date."""
    sequence = store_control.tracker_sequence(connection, tracker)
    files = snapshot_sources(connection, [e.id for e in sequence])
    layers: dict[int, dict[str, LayerFigures]] = {}
    for row in store_control.daily_rows(connection, tracker):
        layers.setdefault(row["snapshot_id"], {})[row["layer"]] = LayerFigures(
            row["area_km2"], row["gained_km2"], row["lost_km2"])
    return [Snapshot(e.id, e.on, files[e.id].sha256, file_name(files[e.id].source_name),
                     files[e.id].source_format, files[e.id].description, layers.get(e.id, {}))
            for e in sequence]


def file_name(path: str) -> str:
    """The file name of a stored path, without the folders (which are the ingesting user's
    local layout, not evidence): ``/home/ana/maps/x.geojson`` → ``x.geojson``."""
    return re.split(r"[\\/]", path)[-1]


def sequence(connection: Connection, tracker: str) -> list[SequenceEntry]:
    """The tracker's snapshots in date order (ids and dates)."""
    return store_control.tracker_sequence(connection, tracker)


def store_version(connection: Connection, tracker: str) -> tuple[int, int]:
    """A value that changes whenever the tracker's snapshots do: the key of cached answers."""
    return sequence_version(connection, tracker)


def layers(connection: Connection, snapshot_id: int) -> dict[str, Any]:
    """A snapshot's layers as geometries (lon/lat)."""
    return layer_geometries(connection, snapshot_id)


def changes(connection: Connection, snapshot_ids: list[int], layer: str) -> Any:
    """The stored daily gained and lost parts of a layer over those snapshots."""
    return change_parts(connection, snapshot_ids, layer)


def stored_days(connection: Connection, tracker: str) -> dict[date, datetime | None]:
    """Each stored date of the tracker → the observed time of its latest snapshot (None
    when the snapshot's file gave no time, as the shipped daily files do)."""
    return store_control.observed_days(connection, tracker)


def ingest_fetched(engine: Engine, paths: list[Path], options: ReadOptions, report: IngestReport,
                   progress: TrackerProgress | None = None,
                   on_refreshed: Callable[[str, str], None] | None = None,
                   on_wait: Callable[[], None] | None = None) -> None:
    """``control fetch``: raw snapshots downloaded from the tracker, ingested as ``control
    ingest`` does (a date already stored is replaced, a bad file skipped), then the timelines
    brought up to date when anything new was written, whatever stopped the ingest."""
    with write_lock(engine, on_wait=on_wait):
        try:
            ingest_snapshots(engine, paths, options, "deepstate-raw", keep_going=True,
                             files=paths, replace_dates=True, report=report)
        finally:
            if report.new and ensure_places(engine) \
                    and timelines_behind(engine, options.tracker, report.fresh):
                refresh_all_timelines(engine, trackers=[options.tracker], fresh=report.fresh,
                                      footprints=report.footprints, progress=progress,
                                      on_refreshed=on_refreshed)
