"""Settlement control timelines in the store: the footprints' places, the intervals and the
index, written and read. Building and extending them is ``app.timeline_build``'s."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np
from sqlalchemy import Connection, Row, and_, delete, func, insert, or_, select, update

from frontcheck.control.footprint import RULE
from frontcheck.control.snapshot import COVERAGE
from frontcheck.errors import StaleTimelinesError
from frontcheck.store import control as store_control
from frontcheck.store import schema as s
from frontcheck.store.engine import bulk_insert


def footprint_set_key(connection: Connection) -> str:
    """Which footprints the timelines were built for: the footprint rule and the gazetteer
    files loaded. Cheap to compute, so that deciding what to refresh builds no footprint."""
    loads = sorted(connection.scalars(select(s.gazetteer_load.c.sha256)))
    return hashlib.sha256("\x1f".join([RULE, *loads]).encode()).hexdigest()


def footprint_places(connection: Connection,
                     within: list[tuple[float, float, float, float]] | None = None) -> list[Row]:
    """The settlements with coordinates (only those inside one of the lon/lat boxes
    ``within``, when given), sorted by id: id, lon, lat, population, feature_class."""
    p = s.place.c
    query = select(p.id, p.lon, p.lat, p.population, p.feature_class).where(p.lon.is_not(None))
    if within is not None:
        query = query.where(or_(*(and_(p.lon.between(x0, x1), p.lat.between(y0, y1))
                                  for x0, y0, x1, y1 in within)))
    # Sorted here, not by the query: ORDER BY id would make SQLite scan the id index instead
    # of searching the position index for the boxes.
    return sorted(connection.execute(query).all(), key=lambda r: r.id)


@dataclass(frozen=True, slots=True)
class TimelinePlan:
    """What ``app.timeline_build.refresh_timelines`` would do for a tracker, and what it
    decided that from."""

    action: str              # "no places", "current", "rebuild" or "extend"
    key: str = ""
    sequence: tuple[store_control.SequenceEntry, ...] = ()
    layers: tuple[str, ...] = ()
    later: tuple[store_control.SequenceEntry, ...] = ()


def timelines_plan(connection: Connection, tracker: str,
                   fresh_coverage: Mapping[int, str] | None = None) -> TimelinePlan:
    """Whether a tracker's timelines are up to date with its snapshots, and if not, what
    bringing them up to date takes. The index records the last snapshot the timelines were
    built to, in the same transaction as the intervals; a snapshot written later (an ingest
    that failed or was killed before its timeline work) makes them out of date until the next
    refresh. ``fresh_coverage`` maps snapshots just ingested to their coverage's sha256, used
    instead of reading it back. Cheap: a few index reads, no geometry."""
    fresh = fresh_coverage or {}
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
        fresh[e.id] if e.id in fresh
        else store_control.coverage_sha256(connection, e.id)
        for e in [entry_before(sequence, later[0]), *later]}) > 1
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


def delete_intervals(connection: Connection, tracker: str) -> None:
    """Remove every interval of a tracker (a rebuild writes them all again)."""
    connection.execute(delete(s.timeline_interval).where(s.timeline_interval.c.tracker == tracker))


def footprints_stored(connection: Connection, key: str) -> bool:
    """Whether the stored footprints are those of ``footprint_set_key`` ``key`` (an index
    row built for them exists)."""
    return connection.execute(select(s.timeline_index.c.footprint_sha256)
                              .where(s.timeline_index.c.footprint_sha256 == key)
                              .limit(1)).scalar() is not None


def replace_footprints(connection: Connection, place_ids: np.ndarray, radius_m: np.ndarray) -> None:
    """Store the footprint radius of every settlement, instead of those stored."""
    connection.execute(delete(s.footprint))
    bulk_insert(connection, s.footprint, {"place_id": place_ids, "radius_m": radius_m,
                                          "rule": [RULE] * len(place_ids)})


def insert_intervals(connection: Connection, tracker: str, layer: str, place_ids: np.ndarray,
                     valid_from: np.ndarray, valid_to: np.ndarray, fraction: np.ndarray) -> None:
    """Store intervals of one layer, given column-wise (dates as datetime64[D], NaT: open)."""
    bulk_insert(connection, s.timeline_interval, {
        "tracker": [tracker] * len(place_ids), "layer": [layer] * len(place_ids),
        "place_id": place_ids, "valid_from": valid_from, "valid_to": valid_to,
        "fraction": fraction})


def close_open_intervals(connection: Connection, tracker: str, layer: str,
                         place_ids: np.ndarray, on: date) -> None:
    """End on ``on`` the open interval of each of the places in one layer."""
    # "open" written as coalesce(...) IS NULL so that the planner looks the few places up by
    # the place index, not the open-interval index's whole layer
    open_row = and_(s.timeline_interval.c.tracker == tracker,
                    s.timeline_interval.c.layer == layer,
                    func.coalesce(s.timeline_interval.c.valid_to, None).is_(None))
    for start in range(0, len(place_ids), 500):
        chunk = [str(p) for p in place_ids[start:start + 500]]
        connection.execute(update(s.timeline_interval)
                           .where(open_row, s.timeline_interval.c.place_id.in_(chunk))
                           .values(valid_to=on))


def open_values(connection: Connection, tracker: str, layers: Sequence[str], place_ids: np.ndarray,
                which: np.ndarray) -> dict[str, np.ndarray]:
    """The current (open-interval) share in each layer of the places ``place_ids[which]``, as
    arrays aligned with ``place_ids`` (sorted); the others are left at 0.

    Reads every interval of those places and keeps the open ones: a lookup by place id, which
    for a handful of places is far cheaper than the open-interval index's scan of a layer.
    """
    t = s.timeline_interval.c
    values = {name: np.zeros(len(place_ids)) for name in layers}
    ids = place_ids[which].tolist()
    for start in range(0, len(ids), 900):
        rows = connection.execute(select(t.place_id, t.layer, t.valid_to, t.fraction).where(
            t.place_id.in_(ids[start:start + 900]), t.tracker == tracker)).all()
        for name in layers:
            open_rows = [r for r in rows if r.layer == name and r.valid_to is None]
            if open_rows:
                values[name][np.searchsorted(place_ids, np.array([r.place_id for r in open_rows],
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


def entry_before(sequence: Sequence[store_control.SequenceEntry],
                 entry: store_control.SequenceEntry) -> store_control.SequenceEntry:
    """The sequence's last snapshot dated before ``entry``."""
    return max((e for e in sequence if e.on < entry.on), key=lambda e: e.on)


def save_index(connection: Connection, tracker: str, key: str,
               last: store_control.SequenceEntry) -> None:
    """Record that the tracker's timelines are built to ``last`` for footprints ``key``."""
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
