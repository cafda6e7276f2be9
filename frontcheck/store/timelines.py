"""Settlement control timelines in the store: built in full, extended by new days, and read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np
import shapely
from sqlalchemy import Connection, Engine, and_, delete, insert, or_, select, update

from frontcheck.control.footprint import (
    RULE, footprint_discs, footprint_key, footprint_radius_m,
)
from frontcheck.control.projection import lonlat_to_xy, to_equal_area
from frontcheck.control.snapshot import COVERAGE
from frontcheck.control.timeline import initial_fractions, intervals_from_events, step_fractions
from frontcheck.store import control as store_control
from frontcheck.store import schema as s
from frontcheck.store.places import settlement_points

_BATCH = 20_000


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


def load_footprints(connection: Connection) -> Footprints | None:
    """Footprints of all settlements with coordinates, or None when no places are loaded."""
    points = settlement_points(connection)
    if len(points["id"]) == 0:
        return None
    order = np.argsort(points["id"])
    ids = np.asarray(points["id"], dtype=object)[order]
    x, y = lonlat_to_xy(points["lon"][order], points["lat"][order])
    radius = footprint_radius_m(points["population"][order], points["feature_class"][order])
    discs = footprint_discs(x, y, radius)
    return Footprints(ids, discs, shapely.area(discs), radius, shapely.STRtree(discs),
                      footprint_key(ids, radius, x, y))


def refresh_timelines(engine: Engine, tracker: str,
                      on_progress: Callable[[int], None] | None = None) -> str:
    """Bring a tracker's timelines up to date; returns what was done.

    ``"rebuilt"`` when there was no index, the footprints or layers changed, or a day arrived
    out of order; ``"extended"`` when only later days were added (work in proportion to what
    those days changed); ``"current"``; ``"no places"`` when no gazetteer is loaded.
    """
    with engine.connect() as connection:
        footprints = load_footprints(connection)
        if footprints is None:
            return "no places"
        sequence = store_control.tracker_sequence(connection, tracker)
        index = connection.execute(select(s.timeline_index)
                                   .where(s.timeline_index.c.tracker == tracker)).first()
        layers = _tracker_layers(connection, tracker)
        indexed_layers = set(connection.scalars(
            select(s.timeline_interval.c.layer).distinct()
            .where(s.timeline_interval.c.tracker == tracker)))
    if not sequence:
        return "current"
    if (index is None or index.footprint_sha256 != footprints.key
            or indexed_layers != set(layers) | {COVERAGE}
            or any(e.on <= index.last_date and e.id > index.last_snapshot_id for e in sequence)):
        _rebuild(engine, tracker, footprints, sequence, layers, on_progress)
        return "rebuilt"
    later = [e for e in sequence if e.on > index.last_date]
    if not later:
        return "current"
    _extend(engine, tracker, footprints, sequence, later, layers, on_progress)
    return "extended"


def _tracker_layers(connection: Connection, tracker: str) -> list[str]:
    return list(connection.scalars(
        select(s.layer.c.layer).distinct()
        .join(s.snapshot, s.snapshot.c.id == s.layer.c.snapshot_id)
        .where(s.snapshot.c.tracker == tracker).order_by(s.layer.c.layer)))


class _Stepper:
    """Walks a sequence of snapshots, yielding the footprints whose share changed on each."""

    def __init__(self, footprints: Footprints, layers: list[str]) -> None:
        self.fp = footprints
        self.layers = layers
        self.values: dict[str, np.ndarray] = {}
        self.coverage_sha: str | None = None

    def start(self, connection: Connection, entry) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        projected = store_control.projected_layers(connection, entry.id)
        everyone = np.arange(len(self.fp.ids))
        out = {}
        for name in self.layers:
            self.values[name] = initial_fractions(self.fp.discs, self.fp.area_m2, self.fp.tree,
                                                  projected.get(name))
            out[name] = (everyone, self.values[name].copy())
        out[COVERAGE] = self._coverage(connection, entry, force=True)
        return out

    def step(self, connection: Connection, entry) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        changed = store_control.changed_parts(connection, entry.id)
        projected = store_control.projected_layers(connection, entry.id) if changed else {}
        out = {}
        for name in self.layers:
            if name not in changed:
                continue
            idx, fresh = step_fractions(self.fp.discs, self.fp.area_m2, self.fp.tree,
                                        self.values[name], projected.get(name), changed[name])
            self.values[name][idx] = fresh
            out[name] = (idx, fresh)
        coverage = self._coverage(connection, entry, force=False)
        if coverage is not None:
            out[COVERAGE] = coverage
        return out

    def _coverage(self, connection: Connection, entry, force: bool):
        sha, geometry = store_control.coverage_geometry(connection, entry.id)
        if sha == self.coverage_sha and not force:
            return None
        self.coverage_sha = sha
        fresh = initial_fractions(self.fp.discs, self.fp.area_m2, self.fp.tree,
                                  to_equal_area(geometry))
        previous = self.values.get(COVERAGE)
        self.values[COVERAGE] = fresh
        if previous is None or force:
            return np.arange(len(fresh)), fresh.copy()
        moved = np.flatnonzero(fresh != previous)
        return moved, fresh[moved]


def _rebuild(engine: Engine, tracker: str, footprints: Footprints, sequence, layers,
             on_progress) -> None:
    stepper = _Stepper(footprints, layers)
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
        connection.execute(delete(s.footprint))
        _insert_rows(connection, s.footprint, [
            {"place_id": p, "radius_m": float(r), "rule": RULE}
            for p, r in zip(footprints.ids, footprints.radius_m)])
        for name, parts in events.items():
            snap, idx, fresh = (np.concatenate(x) for x in zip(*parts))
            iv = intervals_from_events(dates, snap, idx, fresh)
            _insert_rows(connection, s.timeline_interval, [
                {"tracker": tracker, "layer": name, "place_id": footprints.ids[p],
                 "valid_from": a.item(), "valid_to": None if np.isnat(b) else b.item(),
                 "fraction": float(f)}
                for p, a, b, f in zip(iv.place, iv.valid_from, iv.valid_to, iv.fraction)])
        _save_index(connection, tracker, footprints.key, sequence[-1])


def _extend(engine: Engine, tracker: str, footprints: Footprints, sequence, later, layers,
            on_progress) -> None:
    stepper = _Stepper(footprints, layers)
    with engine.begin() as connection:
        for name in [*layers, COVERAGE]:
            rows = connection.execute(
                select(s.timeline_interval.c.place_id, s.timeline_interval.c.fraction)
                .where(s.timeline_interval.c.tracker == tracker,
                       s.timeline_interval.c.layer == name,
                       s.timeline_interval.c.valid_to.is_(None))).all()
            values = np.zeros(len(footprints.ids))
            if rows:
                values[footprints.index_of(np.array([r.place_id for r in rows], dtype=object))] = \
                    [r.fraction for r in rows]
            stepper.values[name] = values
        stepper.coverage_sha = store_control.coverage_geometry(
            connection, _entry_before(sequence, later[0]).id)[0]
        previous_date = _entry_before(sequence, later[0]).on
        for entry in later:
            for name, (idx, fresh) in stepper.step(connection, entry).items():
                ids = footprints.ids[idx]
                open_row = and_(s.timeline_interval.c.tracker == tracker,
                                s.timeline_interval.c.layer == name,
                                s.timeline_interval.c.valid_to.is_(None))
                for start in range(0, len(ids), 500):
                    chunk = [str(p) for p in ids[start:start + 500]]
                    connection.execute(update(s.timeline_interval)
                                       .where(open_row, s.timeline_interval.c.place_id.in_(chunk))
                                       .values(valid_to=previous_date))
                _insert_rows(connection, s.timeline_interval, [
                    {"tracker": tracker, "layer": name, "place_id": p, "valid_from": entry.on,
                     "valid_to": None, "fraction": float(f)} for p, f in zip(ids, fresh)])
            previous_date = entry.on
            if on_progress:
                on_progress(1)
        _save_index(connection, tracker, footprints.key, later[-1])


def _entry_before(sequence, entry):
    return max((e for e in sequence if e.on < entry.on), key=lambda e: e.on)


def _insert_rows(connection: Connection, table, rows: list[dict]) -> None:
    for start in range(0, len(rows), _BATCH):
        connection.execute(insert(table), rows[start:start + _BATCH])


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


#: A footprint counts as mapped by the tracker when at least half of it lies in the coverage.
COVERED_SHARE = 0.5


def place_timeline(connection: Connection, tracker: str, place: dict) -> list[dict]:
    """A place's timeline per layer as banded runs (see ``control.timeline.banded_timeline``),
    with the coverage pseudo-layer read as ``covered`` / ``not covered``."""
    from frontcheck.control.timeline import banded_timeline

    index = connection.execute(select(s.timeline_index.c.last_date)
                               .where(s.timeline_index.c.tracker == tracker)).scalar()
    if index is None:
        return []
    by_layer: dict[str, list] = {}
    for row in place_intervals(connection, tracker, place["id"]):
        by_layer.setdefault(row["layer"], []).append(
            (row["valid_from"], row["valid_to"], row["fraction"]))
    out = []
    for layer, rows in sorted(by_layer.items(), key=lambda kv: (kv[0] == COVERAGE, kv[0])):
        if layer == COVERAGE:
            rows = [(a, b, 1.0 if f >= COVERED_SHARE else 0.0) for a, b, f in rows]
        for run in banded_timeline(rows, index):
            if layer == COVERAGE:
                run["band"] = "covered" if run["fraction_max"] >= 1.0 else "not covered"
                run["text"] = run["band"] + run["text"][run["text"].index(" ", 2):]
            out.append({"place_id": place["id"], "name": place["name"], "oblast": place["oblast"],
                        "tracker": tracker, "layer": layer, **run})
    return out


def place_status(connection: Connection, tracker: str, place: dict, on: date) -> dict:
    """A place's shares on a date: the snapshot used, whether it is covered, per-layer shares.

    Uses the latest snapshot dated on or before ``on``; shares are None where not covered.
    """
    from frontcheck.errors import NotFoundError

    sequence = store_control.tracker_sequence(connection, tracker)
    used = max((e for e in sequence if e.on <= on), key=lambda e: e.on, default=None)
    if used is None:
        first = sequence[0].on.isoformat() if sequence else "none stored"
        raise NotFoundError(f"no {tracker} snapshot on or before {on.isoformat()} "
                            f"(first snapshot: {first})")
    shares = fractions_on(connection, tracker, place["id"], used.on)
    if not shares:
        raise NotFoundError(f"no timeline for {place['id']} in {tracker}; "
                            "run `frontcheck place load` to index the gazetteer")
    covered = shares.pop(COVERAGE, 0.0) >= COVERED_SHARE
    return {"place_id": place["id"], "name": place["name"], "oblast": place["oblast"],
            "tracker": tracker, "on": on, "snapshot_date": used.on,
            "snapshot_age_days": (on - used.on).days, "covered": covered,
            "fractions": {k: (v if covered else None) for k, v in sorted(shares.items())}}
