"""Settlement control timelines in the store: built in full, extended by new days, and read."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np
import shapely
from sqlalchemy import Connection, Engine, and_, delete, func, insert, or_, select, update

from frontcheck.control.footprint import MAX_RADIUS_M, RULE, footprint_discs, footprint_radius_m
from frontcheck.control.projection import lonlat_to_xy, to_equal_area, to_lonlat
from frontcheck.control.snapshot import COVERAGE
from frontcheck.control.timeline import (
    initial_fractions,
    intervals_from_events,
    step_fractions,
)
from frontcheck.errors import StaleTimelinesError
from frontcheck.store import control as store_control
from frontcheck.store import schema as s
from frontcheck.store.engine import bulk_insert


@dataclass(frozen=True, slots=True)
class Footprints:
    """Every settlement's footprint in the equal-area plane, with an index for queries."""

    ids: np.ndarray
    discs: np.ndarray
    area_m2: np.ndarray
    radius_m: np.ndarray
    tree: shapely.STRtree
    key: str

    def index_of(self, place_ids: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.ids, place_ids)


def footprint_set_key(connection: Connection) -> str:
    """Which footprints the timelines were built for: the footprint rule and the gazetteer
    files loaded. Cheap to compute, so that deciding what to refresh builds no footprint."""
    loads = sorted(connection.scalars(select(s.gazetteer_load.c.sha256)))
    return hashlib.sha256("\x1f".join([RULE, *loads]).encode()).hexdigest()


def load_footprints(connection: Connection,
                    within: list[tuple[float, float, float, float]] | None = None
                    ) -> Footprints | None:
    """Footprints of the settlements with coordinates (only those inside one of the lon/lat
    boxes ``within``, when given), or None when there are none."""
    p = s.place.c
    query = select(p.id, p.lon, p.lat, p.population, p.feature_class).where(p.lon.is_not(None))
    if within is not None:
        query = query.where(or_(*(and_(p.lon.between(x0, x1), p.lat.between(y0, y1))
                                  for x0, y0, x1, y1 in within)))
    # Sorted here, not by the query: ORDER BY id would make SQLite scan the id index instead
    # of searching the position index for the boxes.
    rows = sorted(connection.execute(query).all(), key=lambda r: r.id)
    if not rows:
        return None
    ids, lon, lat, population, feature_class = (np.array(c, dtype=object) for c in zip(*rows))
    x, y = lonlat_to_xy(lon.astype(float), lat.astype(float))
    radius = footprint_radius_m(np.array([np.nan if v is None else v for v in population], float),
                                feature_class)
    discs = footprint_discs(x, y, radius)
    return Footprints(ids, discs, shapely.area(discs), radius, shapely.STRtree(discs),
                      footprint_set_key(connection))


def refresh_timelines(engine: Engine, tracker: str,
                      on_progress: Callable[[int], None] | None = None,
                      fresh: dict[int, store_control.ProjectedSnapshot] | None = None,
                      footprints: Footprints | None = None) -> str:
    """Bring a tracker's timelines up to date; returns what was done.

    ``fresh`` holds snapshots just ingested (``IngestReport.fresh``), used instead of reading
    them back. ``"rebuilt"`` when there was no index, the gazetteer or layers changed, a day
    arrived out of order or the coverage changed; ``"extended"`` when only later days were
    added (work in proportion to what those days changed: only settlements near the changes
    are measured); ``"current"``; ``"no places"`` when no gazetteer is loaded.
    ``footprints`` (``IngestReport.footprints``) are used instead of loading them again when
    they are still those of the store's gazetteer.
    """
    fresh = fresh or {}
    with engine.connect() as connection:
        plan = timelines_plan(connection, tracker, fresh)
    if plan.action in ("no places", "current"):
        return plan.action
    key, sequence, layers, later = plan.key, plan.sequence, plan.layers, plan.later
    if plan.action == "rebuild":
        if footprints is None or footprints.key != key:
            with engine.connect() as connection:
                footprints = load_footprints(connection)
        assert footprints is not None, "timelines_plan finds places before a rebuild"
        _rebuild(engine, tracker, footprints, sequence, layers, on_progress, fresh)
        return "rebuilt"
    _extend(engine, tracker, sequence, later, layers, on_progress, fresh,
            footprints if footprints is not None and footprints.key == key else None)
    return "extended"


@dataclass(frozen=True, slots=True)
class TimelinePlan:
    """What ``refresh_timelines`` would do for a tracker, and what it decided that from."""

    action: str              # "no places", "current", "rebuild" or "extend"
    key: str = ""
    sequence: tuple = ()
    layers: tuple = ()
    later: tuple = ()


def timelines_plan(connection: Connection, tracker: str,
                   fresh: dict[int, store_control.ProjectedSnapshot] | None = None) -> TimelinePlan:
    """Whether a tracker's timelines are up to date with its snapshots, and if not, what
    bringing them up to date takes. The index records the last snapshot the timelines were
    built to, in the same transaction as the intervals; a snapshot written later (an ingest
    that failed or was killed before its timeline work) makes them out of date until the next
    refresh. Cheap: a few index reads, no geometry."""
    fresh = fresh or {}
    if not connection.execute(select(s.place.c.id).limit(1)).first():
        return TimelinePlan("no places")
    sequence = store_control.tracker_sequence(connection, tracker)
    if not sequence:
        return TimelinePlan("current")
    key = footprint_set_key(connection)
    index = connection.execute(select(s.timeline_index)
                               .where(s.timeline_index.c.tracker == tracker)).first()
    layers = store_control.tracker_layers(connection, tracker)
    indexed_layers = _indexed_layers(connection, tracker)
    later = [e for e in sequence if index is not None and e.on > index.last_date]
    coverage_changed = bool(later) and len({
        fresh[e.id].coverage_sha256 if e.id in fresh
        else store_control.coverage_sha256(connection, e.id)
        for e in [_entry_before(sequence, later[0]), *later]}) > 1
    if (index is None or index.footprint_sha256 != key or coverage_changed
            or indexed_layers != set(layers) | {COVERAGE}
            or any(e.on <= index.last_date and e.id > index.last_snapshot_id for e in sequence)):
        action = "rebuild"
    else:
        action = "extend" if later else "current"
    return TimelinePlan(action, key, tuple(sequence), tuple(layers), tuple(later))


def check_timelines_current(connection: Connection, tracker: str) -> None:
    """Refuse to read timelines that are behind the tracker's snapshots (``timelines_plan``):
    a reader must never answer from a stale timeline."""
    if timelines_plan(connection, tracker).action in ("rebuild", "extend"):
        raise StaleTimelinesError(
            f"the {tracker} timelines are out of date with its snapshots (an ingest stopped "
            "before its timeline work); run `frontcheck control refresh` to bring them up to date")


class _Stepper:
    """Walks a sequence of snapshots, yielding the footprints whose share changed on each.

    Snapshots found in ``fresh`` (just ingested) are used as they are in memory; the others are
    read from the store.
    """

    def __init__(self, footprints: Footprints, layers: list[str],
                 fresh: dict[int, store_control.ProjectedSnapshot]) -> None:
        self.fp = footprints
        self.layers = layers
        self.fresh = fresh
        self.values: dict[str, np.ndarray] = {}
        self.coverage_sha: str | None = None

    def _snapshot(self, connection: Connection, entry, need_layers: bool) -> store_control.ProjectedSnapshot:
        if entry.id in self.fresh:
            return self.fresh[entry.id]
        if need_layers:
            return store_control.ProjectedSnapshot(
                entry.id, store_control.projected_layers(connection, entry.id), {},
                store_control.coverage_sha256(connection, entry.id))
        return _stored_snapshot(connection, entry.id)

    def start(self, connection: Connection, entry) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        snap = self._snapshot(connection, entry, need_layers=True)
        everyone = np.arange(len(self.fp.ids))
        out = {}
        for name in self.layers:
            if snap.measured_for is self.fp and name in snap.initial:
                self.values[name] = snap.initial[name].copy()    # measured during the ingest
            else:
                self.values[name] = initial_fractions(self.fp.discs, self.fp.area_m2,
                                                      self.fp.tree, snap.layers.get(name))
            out[name] = (everyone, self.values[name].copy())
        out[COVERAGE] = self._coverage(connection, snap, force=True)
        return out

    def step(self, connection: Connection, entry) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        snap = self._snapshot(connection, entry, need_layers=False)
        out = {}
        for name in self.layers:
            if name not in snap.changed:
                continue
            if snap.measured_for is self.fp and name in snap.measured:
                affected, shares = snap.measured[name]      # measured during the ingest
                moved = shares != self.values[name][affected]
                idx, fresh = affected[moved], shares[moved]
            else:
                idx, fresh = step_fractions(self.fp.discs, self.fp.area_m2, self.fp.tree,
                                            self.values[name], snap.layers.get(name),
                                            snap.changed[name])
            self.values[name][idx] = fresh
            out[name] = (idx, fresh)
        coverage = self._coverage(connection, snap, force=False)
        if coverage is not None:
            out[COVERAGE] = coverage
        return out

    def _coverage(self, connection: Connection, snap: store_control.ProjectedSnapshot, force: bool):
        if snap.coverage_sha256 == self.coverage_sha and not force:
            return None
        self.coverage_sha = snap.coverage_sha256
        geometry = snap.coverage
        if geometry is None:
            geometry = store_control.coverage_geometry(connection, snap.id)[1]
        fresh = initial_fractions(self.fp.discs, self.fp.area_m2, self.fp.tree,
                                  to_equal_area(geometry))
        previous = self.values.get(COVERAGE)
        self.values[COVERAGE] = fresh
        if previous is None or force:
            return np.arange(len(fresh)), fresh.copy()
        moved = np.flatnonzero(fresh != previous)
        return moved, fresh[moved]


def _rebuild(engine: Engine, tracker: str, footprints: Footprints, sequence, layers,
             on_progress, fresh) -> None:
    stepper = _Stepper(footprints, layers, fresh)
    events: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
    with engine.connect() as connection:
        for i, entry in enumerate(sequence):
            changes = stepper.start(connection, entry) if i == 0 else stepper.step(connection, entry)
            for name, (idx, fresh) in changes.items():
                events.setdefault(name, []).append((np.full(len(idx), i), idx, fresh))
            if on_progress:
                on_progress(1)
    dates = np.array([e.on for e in sequence], dtype="datetime64[D]")
    with engine.begin() as connection:
        connection.execute(delete(s.timeline_interval).where(s.timeline_interval.c.tracker == tracker))
        stored_key = connection.execute(select(s.timeline_index.c.footprint_sha256)
                                        .where(s.timeline_index.c.footprint_sha256 == footprints.key)
                                        .limit(1)).scalar()
        if stored_key is None:
            connection.execute(delete(s.footprint))
            bulk_insert(connection, s.footprint, {"place_id": footprints.ids,
                                                  "radius_m": footprints.radius_m,
                                                  "rule": [RULE] * len(footprints.ids)})
        for name, parts in events.items():
            snap, idx, fresh = (np.concatenate(x) for x in zip(*parts))
            iv = intervals_from_events(dates, snap, idx, fresh)
            bulk_insert(connection, s.timeline_interval, {
                "tracker": [tracker] * len(iv.place), "layer": [name] * len(iv.place),
                "place_id": footprints.ids[iv.place], "valid_from": iv.valid_from,
                "valid_to": iv.valid_to, "fraction": iv.fraction})
        _save_index(connection, tracker, footprints.key, sequence[-1])


def _extend(engine: Engine, tracker: str, sequence, later, layers, on_progress, fresh,
            footprints: Footprints | None) -> None:
    with engine.begin() as connection:
        snapshots = {e.id: fresh.get(e.id) or _stored_snapshot(connection, e.id) for e in later}
        changed = [parts for snap in snapshots.values() for parts in snap.changed.values()]
        if not changed:
            footprints = None
        elif footprints is None:
            # Only settlements whose footprint can reach a change: boxes around the changed
            # polygons, grown by the largest footprint radius and merged where they overlap.
            boxes = shapely.envelope(shapely.buffer(np.concatenate(changed), MAX_RADIUS_M,
                                                    quad_segs=1))
            merged = shapely.get_parts(shapely.union_all(boxes))
            footprints = load_footprints(connection, [tuple(b) for b in shapely.bounds(
                to_lonlat(shapely.envelope(merged)))])
        if footprints is not None:
            stepper = _Stepper(footprints, layers, fresh)
            # A step reads the previous share of the footprints that touch a change only.
            touching = np.unique(footprints.tree.query(np.concatenate(changed),
                                                       predicate="intersects")[1])
            stepper.values.update(_open_values(connection, tracker, layers, footprints, touching))
            stepper.coverage_sha = snapshots[later[0].id].coverage_sha256
        previous_date = _entry_before(sequence, later[0]).on
        for entry in later:
            changes = stepper.step(connection, entry) if footprints is not None else {}
            for name, (idx, values) in changes.items():
                assert footprints is not None      # changes come only with footprints
                ids = footprints.ids[idx]
                # "open" written as coalesce(...) IS NULL so that the planner looks the few
                # places up by the place index, not the open-interval index's whole layer
                open_row = and_(s.timeline_interval.c.tracker == tracker,
                                s.timeline_interval.c.layer == name,
                                func.coalesce(s.timeline_interval.c.valid_to, None).is_(None))
                for start in range(0, len(ids), 500):
                    chunk = [str(p) for p in ids[start:start + 500]]
                    connection.execute(update(s.timeline_interval)
                                       .where(open_row, s.timeline_interval.c.place_id.in_(chunk))
                                       .values(valid_to=previous_date))
                bulk_insert(connection, s.timeline_interval, {
                    "tracker": [tracker] * len(ids), "layer": [name] * len(ids), "place_id": ids,
                    "valid_from": np.full(len(ids), np.datetime64(entry.on, "D")),
                    "valid_to": np.full(len(ids), np.datetime64("NaT", "D")), "fraction": values})
            previous_date = entry.on
            if on_progress:
                on_progress(1)
        _save_index(connection, tracker, footprint_set_key(connection), later[-1])


def _stored_snapshot(connection: Connection, snapshot_id: int) -> store_control.ProjectedSnapshot:
    changed = store_control.changed_parts(connection, snapshot_id)
    layers = store_control.projected_layers(connection, snapshot_id) if changed else {}
    return store_control.ProjectedSnapshot(snapshot_id, layers, changed,
                                           store_control.coverage_sha256(connection, snapshot_id))


def _open_values(connection: Connection, tracker: str, layers: list[str], footprints: Footprints,
                 which: np.ndarray) -> dict[str, np.ndarray]:
    """The current (open-interval) share in each layer of the footprints ``which`` (indices);
    the others are left at 0.

    Reads every interval of those places and keeps the open ones: a lookup by place id, which
    for a handful of places is far cheaper than the open-interval index's scan of a layer.
    """
    t = s.timeline_interval.c
    values = {name: np.zeros(len(footprints.ids)) for name in layers}
    ids = footprints.ids[which].tolist()
    for start in range(0, len(ids), 900):
        rows = connection.execute(select(t.place_id, t.layer, t.valid_to, t.fraction).where(
            t.place_id.in_(ids[start:start + 900]), t.tracker == tracker)).all()
        for name in layers:
            open_rows = [r for r in rows if r.layer == name and r.valid_to is None]
            if open_rows:
                values[name][footprints.index_of(np.array([r.place_id for r in open_rows],
                                                          dtype=object))] = \
                    [r.fraction for r in open_rows]
    return values


def _indexed_layers(connection: Connection, tracker: str) -> set[str]:
    """The layers a tracker's intervals cover. One index seek per layer (the next name after
    the last found): SELECT DISTINCT would read every interval's index entry, 70,000 of them,
    on every refresh."""
    t = s.timeline_interval.c
    found: set[str] = set()
    last = connection.execute(select(func.min(t.layer)).where(t.tracker == tracker)).scalar()
    while last is not None:
        found.add(last)
        last = connection.execute(select(func.min(t.layer))
                                  .where(t.tracker == tracker, t.layer > last)).scalar()
    return found


def _entry_before(sequence, entry):
    return max((e for e in sequence if e.on < entry.on), key=lambda e: e.on)


def _save_index(connection: Connection, tracker: str, key: str, last) -> None:
    connection.execute(delete(s.timeline_index).where(s.timeline_index.c.tracker == tracker))
    connection.execute(insert(s.timeline_index).values(
        tracker=tracker, footprint_sha256=key, last_snapshot_id=last.id, last_date=last.on,
        built_at=datetime.now(UTC)))


def place_intervals(connection: Connection, tracker: str, place_id: str) -> list[dict]:
    """A place's stored intervals for every layer of a tracker, in date order."""
    rows = connection.execute(
        select(s.timeline_interval).where(s.timeline_interval.c.tracker == tracker,
                                          s.timeline_interval.c.place_id == place_id)
        .order_by(s.timeline_interval.c.layer, s.timeline_interval.c.valid_from))
    return [dict(r._mapping) for r in rows]


def fractions_on(connection: Connection, tracker: str, place_id: str, on: date) -> dict[str, float]:
    """A place's share in each layer (and coverage) on the sequence snapshot dated ``on``."""
    rows = connection.execute(
        select(s.timeline_interval.c.layer, s.timeline_interval.c.fraction)
        .where(s.timeline_interval.c.tracker == tracker,
               s.timeline_interval.c.place_id == place_id,
               s.timeline_interval.c.valid_from <= on,
               or_(s.timeline_interval.c.valid_to.is_(None), s.timeline_interval.c.valid_to >= on)))
    return {r.layer: r.fraction for r in rows}


def timeline_last_date(connection: Connection, tracker: str) -> date | None:
    """The last snapshot date the tracker's timelines are indexed to (None: no timelines)."""
    return connection.execute(select(s.timeline_index.c.last_date)
                              .where(s.timeline_index.c.tracker == tracker)).scalar()
