"""Control snapshots in the store: the rows of one snapshot (its layers, markers, coverage and
changes), and reading the per-tracker sequence, layer geometries, areas and changes back. What
is derived from a snapshot (projection, areas, changes) is computed by ``app.snapshot_write``."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np
import shapely
from sqlalchemy import Connection, and_, delete, insert, select

from frontcheck.control.snapshot import Snapshot
from frontcheck.store import schema as s
from frontcheck.store.engine import insert_ignoring_duplicates

EMPTY = shapely.MultiPolygon()


@dataclass(frozen=True, slots=True)
class SequenceEntry:
    """One snapshot of a tracker's sequence: the last one ingested for each date."""

    id: int
    on: date


def tracker_layers(connection: Connection, tracker: str) -> list[str]:
    """The layers a tracker's snapshots carry, sorted."""
    return list(connection.scalars(
        select(s.layer.c.layer).distinct()
        .join(s.snapshot, s.snapshot.c.id == s.layer.c.snapshot_id)
        .where(s.snapshot.c.tracker == tracker).order_by(s.layer.c.layer)))


def stored_hashes(connection: Connection, tracker: str, among: list[str]) -> set[str]:
    """Which of the sha256 ``among`` a tracker already stores (looked up by the unique index,
    so that a new day does not read every stored hash)."""
    found: set[str] = set()
    for start in range(0, len(among), 500):
        found.update(connection.scalars(select(s.snapshot.c.sha256).where(
            s.snapshot.c.tracker == tracker, s.snapshot.c.sha256.in_(among[start:start + 500]))))
    return found


def tracker_sequence(connection: Connection, tracker: str) -> list[SequenceEntry]:
    """The tracker's snapshots in date order, one per date (the latest ingested wins)."""
    # One ordered index scan, the last id of each date kept here: cheaper than a grouped
    # subquery joined back, and this runs on every ingest and refresh.
    rows = connection.execute(select(s.snapshot.c.id, s.snapshot.c.snapshot_date)
                              .where(s.snapshot.c.tracker == tracker)
                              .order_by(s.snapshot.c.snapshot_date, s.snapshot.c.id)).all()
    last = {on: snapshot_id for snapshot_id, on in rows}
    return [SequenceEntry(snapshot_id, on) for on, snapshot_id in last.items()]


def trackers(connection: Connection) -> list[str]:
    """Every tracker with stored snapshots."""
    return list(connection.scalars(select(s.snapshot.c.tracker).distinct().order_by(s.snapshot.c.tracker)))


def layer_geometries(connection: Connection, snapshot_id: int) -> dict[str, shapely.Geometry]:
    """A stored snapshot's layers, lon/lat."""
    rows = connection.execute(select(s.layer.c.layer, s.layer.c.geometry)
                              .where(s.layer.c.snapshot_id == snapshot_id)).all()
    if not rows:
        return {}
    return {r.layer: g for r, g in zip(rows, shapely.from_wkb([r.geometry for r in rows]))}


def changed_polygons(connection: Connection, snapshot_id: int) -> dict[str, np.ndarray]:
    """The polygons each layer gained or lost at a snapshot, lon/lat, one array per layer
    (layers whose change is empty are left out).

    Kept as separate parts (no union): they only select the footprints to measure again.
    """
    rows = connection.execute(select(s.change.c.layer, s.change.c.gained, s.change.c.lost)
                              .where(s.change.c.snapshot_id == snapshot_id)).all()
    out = {}
    for row in rows:
        parts = shapely.get_parts(shapely.from_wkb([row.gained, row.lost]))
        if len(parts):
            out[row.layer] = parts
    return out


def coverage_sha256(connection: Connection, snapshot_id: int) -> str:
    """The sha256 of the coverage of a stored snapshot."""
    return connection.execute(select(s.snapshot.c.coverage_sha256)
                              .where(s.snapshot.c.id == snapshot_id)).scalar_one()


def coverage_geometry(connection: Connection, snapshot_id: int) -> tuple[str, shapely.Geometry]:
    """The sha256 and lon/lat geometry of the area a snapshot covers."""
    row = connection.execute(
        select(s.coverage.c.sha256, s.coverage.c.geometry)
        .join(s.snapshot, s.snapshot.c.coverage_sha256 == s.coverage.c.sha256)
        .where(s.snapshot.c.id == snapshot_id)).one()
    return row.sha256, shapely.from_wkb(row.geometry)


def insert_coverage(connection: Connection, description: str, geometry: shapely.Geometry,
                    stored: AbstractSet[str] = frozenset()) -> str:
    """Store a coverage geometry under the sha256 of its WKB (once); returns that sha256.
    ``stored`` holds hashes known to be in the store already."""
    coverage_wkb, coverage_sha = _coverage_key(geometry)
    if coverage_sha not in stored:
        connection.execute(insert_ignoring_duplicates(s.coverage, connection),
                           {"sha256": coverage_sha, "description": description,
                            "geometry": coverage_wkb})
    return coverage_sha


def insert_snapshot(connection: Connection, snapshot: Snapshot, coverage_sha: str,
                    layer_wkb: list[bytes], areas_km2: Sequence[float]) -> int:
    """Store a snapshot's row, its layers (lon/lat WKB in layer order, with their km²) and its
    markers; returns the new snapshot id."""
    snapshot_id: int = connection.execute(insert(s.snapshot), {  # type: ignore[index]
        "tracker": snapshot.tracker, "snapshot_date": snapshot.on,
        "observed_at": snapshot.observed_at, "sha256": snapshot.sha256,
        "source_name": snapshot.source_name, "source_format": snapshot.source_format,
        "coverage_sha256": coverage_sha, "notes": "\n".join(snapshot.notes),
        "ingested_at": datetime.now(UTC)}).inserted_primary_key[0]
    names = [layer.name for layer in snapshot.layers]
    connection.execute(insert(s.layer), [
        {"snapshot_id": snapshot_id, "layer": n, "geometry": wkb, "area_km2": float(a)}
        for n, wkb, a in zip(names, layer_wkb, areas_km2)])
    if snapshot.markers:
        connection.execute(insert(s.marker), [
            {"snapshot_id": snapshot_id, "kind": m.kind, "label": m.label,
             "description": m.description, "icon": m.icon, "lon": m.lon, "lat": m.lat}
            for m in snapshot.markers])
    return snapshot_id


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One layer's change from one snapshot to the next as stored: gained and lost as lon/lat
    WKB with their km²."""

    layer: str
    gained_wkb: bytes
    lost_wkb: bytes
    gained_km2: float
    lost_km2: float


def insert_changes(connection: Connection, old_id: int, new_id: int,
                   changes: Sequence[ChangeRow]) -> None:
    """Store each layer's change from snapshot ``old_id`` to ``new_id``."""
    rows = [{"snapshot_id": new_id, "layer": c.layer, "previous_snapshot_id": old_id,
             "gained": c.gained_wkb, "lost": c.lost_wkb,
             "gained_km2": c.gained_km2, "lost_km2": c.lost_km2} for c in changes]
    if rows:
        connection.execute(insert(s.change), rows)


def delete_changes(connection: Connection, snapshot_id: int) -> None:
    """Remove a snapshot's changes (a day landed before it: they are measured again)."""
    connection.execute(delete(s.change).where(s.change.c.snapshot_id == snapshot_id))


def delete_snapshot(connection: Connection, snapshot_id: int) -> None:
    """Remove a snapshot with its layers, markers and changes (``control ingest --replace``).

    The change of the snapshot after it is deleted too (the caller measures it again against
    the replacement), and so is the tracker's timeline index, so that the timelines are
    rebuilt rather than extended over a day that changed.
    """
    tracker = connection.execute(select(s.snapshot.c.tracker)
                                 .where(s.snapshot.c.id == snapshot_id)).scalar_one()
    connection.execute(delete(s.timeline_index).where(s.timeline_index.c.tracker == tracker))
    connection.execute(delete(s.change).where(
        (s.change.c.snapshot_id == snapshot_id) | (s.change.c.previous_snapshot_id == snapshot_id)))
    connection.execute(delete(s.layer).where(s.layer.c.snapshot_id == snapshot_id))
    connection.execute(delete(s.marker).where(s.marker.c.snapshot_id == snapshot_id))
    connection.execute(delete(s.snapshot).where(s.snapshot.c.id == snapshot_id))


_last_coverage: list = [None, b"", ""]


def _coverage_key(geometry: shapely.Geometry) -> tuple[bytes, str]:
    """WKB and sha256 of a coverage geometry; most snapshots share one coverage object, so the
    last one is remembered rather than serialised and hashed again for every file."""
    if _last_coverage[0] is not geometry:
        wkb = shapely.to_wkb(geometry)
        _last_coverage[:] = [geometry, wkb, hashlib.sha256(wkb).hexdigest()]
    return _last_coverage[1], _last_coverage[2]


def daily_rows(connection: Connection, tracker: str) -> list[dict]:
    """Per sequence snapshot and layer: date, snapshot id, area, gained and lost km².

    The plain rows that ``control.period.period_areas`` aggregates.
    """
    sequence = tracker_sequence(connection, tracker)
    ids = [e.id for e in sequence]
    if not ids:
        return []
    query = (select(s.snapshot.c.id, s.snapshot.c.snapshot_date, s.layer.c.layer,
                    s.layer.c.area_km2, s.change.c.gained_km2, s.change.c.lost_km2)
             .join(s.layer, s.layer.c.snapshot_id == s.snapshot.c.id)
             .outerjoin(s.change, and_(s.change.c.snapshot_id == s.snapshot.c.id,
                                       s.change.c.layer == s.layer.c.layer))
             .where(s.snapshot.c.id.in_(ids))
             .order_by(s.snapshot.c.snapshot_date, s.layer.c.layer))
    return [{"snapshot_id": r.id, "on": r.snapshot_date, "layer": r.layer,
             "area_km2": r.area_km2, "gained_km2": r.gained_km2 or 0.0,
             "lost_km2": r.lost_km2 or 0.0} for r in connection.execute(query)]


def change_geometries(connection: Connection, tracker: str, since: date, until: date,
                      layer: str) -> tuple[shapely.Geometry, shapely.Geometry]:
    """Union of what a layer gained and lost over the sequence snapshots in (since, until],
    lon/lat; for maps of a period's gains."""
    ids = [e.id for e in tracker_sequence(connection, tracker) if since < e.on <= until]
    rows = connection.execute(select(s.change.c.gained, s.change.c.lost)
                              .where(s.change.c.snapshot_id.in_(ids), s.change.c.layer == layer)).all()
    if not rows:
        return EMPTY, EMPTY
    return (_dissolve(shapely.from_wkb([r.gained for r in rows])),
            _dissolve(shapely.from_wkb([r.lost for r in rows])))


def _dissolve(geoms) -> shapely.Geometry:
    """Union of many daily change polygons. They were reprojected back to lon/lat, which can
    make slivers touch in ways GEOS rejects; repaired, and snapped to a 1e-7° (≈1 cm) grid."""
    return shapely.union_all(shapely.make_valid(geoms), grid_size=1e-7)


def observed_days(connection: Connection, tracker: str) -> dict[date, datetime | None]:
    """Each stored date of the tracker → the observed time of its latest snapshot (None
    when the snapshot's file gave no time, as the shipped daily files do)."""
    rows = connection.execute(select(s.snapshot.c.snapshot_date, s.snapshot.c.observed_at)
                              .where(s.snapshot.c.tracker == tracker)
                              .order_by(s.snapshot.c.snapshot_date, s.snapshot.c.id))
    days: dict[date, datetime | None] = {}
    for on, observed in rows:
        if observed is not None and observed.tzinfo is None:
            observed = observed.replace(tzinfo=UTC)     # SQLite keeps UTC without an offset
        days[on] = observed
    return days
