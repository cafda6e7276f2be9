"""Settlement control timelines built in full or extended by new days: each settlement's
footprint measured against every snapshot's layers, the changes kept as intervals
(``store.timelines`` reads and writes them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from sqlalchemy import Connection, Engine

from frontcheck.app.snapshot_write import ProjectedSnapshot, changed_parts, projected_layers
from frontcheck.control.footprint import MAX_RADIUS_M, footprint_discs, footprint_radius_m
from frontcheck.control.projection import lonlat_to_xy, to_equal_area, to_lonlat
from frontcheck.control.snapshot import COVERAGE
from frontcheck.control.timeline import initial_fractions, intervals_from_events, step_fractions
from frontcheck.store import control as store_control
from frontcheck.store import timelines as store_timelines
from frontcheck.store.control import SequenceEntry

#: Per layer, the footprints (indices) whose share changed on a snapshot, and their new shares.
Changes = dict[str, tuple[np.ndarray, np.ndarray]]


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


def load_footprints(connection: Connection,
                    within: list[tuple[float, float, float, float]] | None = None
                    ) -> Footprints | None:
    """Footprints of the settlements with coordinates (only those inside one of the lon/lat
    boxes ``within``, when given), or None when there are none."""
    rows = store_timelines.footprint_places(connection, within)
    if not rows:
        return None
    ids, lon, lat, population, feature_class = (np.array(c, dtype=object) for c in zip(*rows))
    x, y = lonlat_to_xy(lon.astype(float), lat.astype(float))
    radius = footprint_radius_m(np.array([np.nan if v is None else v for v in population], float),
                                feature_class)
    discs = footprint_discs(x, y, radius)
    return Footprints(ids, discs, shapely.area(discs), radius, shapely.STRtree(discs),
                      store_timelines.footprint_set_key(connection))


def fresh_coverages(fresh: Mapping[int, ProjectedSnapshot] | None) -> dict[int, str]:
    """The coverage sha256 of each snapshot just ingested, as ``timelines_plan`` takes them."""
    return {i: snap.coverage_sha256 for i, snap in (fresh or {}).items()}


def refresh_timelines(engine: Engine, tracker: str,
                      on_progress: Callable[[int], None] | None = None,
                      fresh: dict[int, ProjectedSnapshot] | None = None,
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
        plan = store_timelines.timelines_plan(connection, tracker, fresh_coverages(fresh))
    if plan.action in ("no places", "current"):
        return plan.action
    key, sequence, layers, later = plan.key, plan.sequence, list(plan.layers), plan.later
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


class _Stepper:
    """Walks a sequence of snapshots, yielding the footprints whose share changed on each.

    Snapshots found in ``fresh`` (just ingested) are used as they are in memory; the others are
    read from the store.
    """

    def __init__(self, footprints: Footprints, layers: list[str],
                 fresh: dict[int, ProjectedSnapshot]) -> None:
        self.fp = footprints
        self.layers = layers
        self.fresh = fresh
        self.values: dict[str, np.ndarray] = {}
        self.coverage_sha: str | None = None

    def _snapshot(self, connection: Connection, entry: SequenceEntry,
                  need_layers: bool) -> ProjectedSnapshot:
        if entry.id in self.fresh:
            return self.fresh[entry.id]
        if need_layers:
            return ProjectedSnapshot(entry.id, projected_layers(connection, entry.id), {},
                                     store_control.coverage_sha256(connection, entry.id))
        return _stored_snapshot(connection, entry.id)

    def start(self, connection: Connection, entry: SequenceEntry) -> Changes:
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
        coverage = self._coverage(connection, snap, force=True)
        assert coverage is not None, "forced"
        out[COVERAGE] = coverage
        return out

    def step(self, connection: Connection, entry: SequenceEntry) -> Changes:
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

    def _coverage(self, connection: Connection, snap: ProjectedSnapshot,
                  force: bool) -> tuple[np.ndarray, np.ndarray] | None:
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


def _rebuild(engine: Engine, tracker: str, footprints: Footprints,
             sequence: Sequence[SequenceEntry], layers: list[str],
             on_progress: Callable[[int], None] | None, fresh: dict[int, ProjectedSnapshot]) -> None:
    stepper = _Stepper(footprints, layers, fresh)
    events: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
    with engine.connect() as connection:
        for i, entry in enumerate(sequence):
            changes = stepper.start(connection, entry) if i == 0 else stepper.step(connection, entry)
            for name, (idx, shares) in changes.items():
                events.setdefault(name, []).append((np.full(len(idx), i), idx, shares))
            if on_progress:
                on_progress(1)
    dates = np.array([e.on for e in sequence], dtype="datetime64[D]")
    with engine.begin() as connection:
        store_timelines.delete_intervals(connection, tracker)
        if not store_timelines.footprints_stored(connection, footprints.key):
            store_timelines.replace_footprints(connection, footprints.ids, footprints.radius_m)
        for name, parts in events.items():
            snap, idx, shares = (np.concatenate(x) for x in zip(*parts))
            iv = intervals_from_events(dates, snap, idx, shares)
            store_timelines.insert_intervals(connection, tracker, name, footprints.ids[iv.place],
                                             iv.valid_from, iv.valid_to, iv.fraction)
        store_timelines.save_index(connection, tracker, footprints.key, sequence[-1])


def _extend(engine: Engine, tracker: str, sequence: Sequence[SequenceEntry],
            later: Sequence[SequenceEntry], layers: list[str],
            on_progress: Callable[[int], None] | None, fresh: dict[int, ProjectedSnapshot],
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
            footprints = load_footprints(connection, [
                (float(b[0]), float(b[1]), float(b[2]), float(b[3]))
                for b in shapely.bounds(to_lonlat(shapely.envelope(merged)))])
        stepper = None
        if footprints is not None:
            stepper = _Stepper(footprints, layers, fresh)
            # A step reads the previous share of the footprints that touch a change only.
            touching = np.unique(footprints.tree.query(np.concatenate(changed),
                                                       predicate="intersects")[1])
            stepper.values.update(store_timelines.open_values(connection, tracker, layers,
                                                              footprints.ids, touching))
            stepper.coverage_sha = snapshots[later[0].id].coverage_sha256
        previous_date = store_timelines.entry_before(sequence, later[0]).on
        for entry in later:
            changes = stepper.step(connection, entry) if stepper is not None else {}
            for name, (idx, values) in changes.items():
                assert footprints is not None      # changes come only with footprints
                ids = footprints.ids[idx]
                store_timelines.close_open_intervals(connection, tracker, name, ids, previous_date)
                store_timelines.insert_intervals(
                    connection, tracker, name, ids,
                    np.full(len(ids), np.datetime64(entry.on, "D")),
                    np.full(len(ids), np.datetime64("NaT", "D")), values)
            previous_date = entry.on
            if on_progress:
                on_progress(1)
        store_timelines.save_index(connection, tracker, store_timelines.footprint_set_key(connection),
                                   later[-1])


def _stored_snapshot(connection: Connection, snapshot_id: int) -> ProjectedSnapshot:
    changed = changed_parts(connection, snapshot_id)
    layers = projected_layers(connection, snapshot_id) if changed else {}
    return ProjectedSnapshot(snapshot_id, layers, changed,
                             store_control.coverage_sha256(connection, snapshot_id))
