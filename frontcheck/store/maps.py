"""Control history as a map shows it: snapshot records, a snapshot's layers in lon/lat, the
stored change polygons of a run of snapshots.

Read-only queries for the web workbench (and any other viewer); ingest lives in ``control``.
"""

from __future__ import annotations

import re

import numpy as np
import shapely
from sqlalchemy import Connection, func, select

from frontcheck.store import schema as s
from frontcheck.store.control import daily_rows, tracker_sequence

__all__ = ["sequence_version", "snapshot_rows", "layer_geometries", "change_parts"]


def sequence_version(connection: Connection, tracker: str) -> tuple[int, int]:
    """The largest snapshot id and the number of snapshots of a tracker: changes whenever a
    snapshot is ingested, so a cached sequence keyed by it is never stale."""
    row = connection.execute(select(func.max(s.snapshot.c.id), func.count())
                             .where(s.snapshot.c.tracker == tracker)).one()
    return (row[0] or 0, row[1])


def file_name(path: str) -> str:
    """The file name of a stored path, without the folders (which are the ingesting user's
    local layout, not evidence): ``/home/ana/maps/x.geojson`` → ``x.geojson``."""
    return re.split(r"[\\/]", path)[-1]


def snapshot_rows(connection: Connection, tracker: str) -> list[dict]:
    """The tracker's sequence (one snapshot per date, the latest ingested wins), oldest first:
    ``id, date, sha256, source_name, source_format, coverage, layers`` where ``layers`` maps
    each layer to its area, gained and lost km² since the previous date."""
    sequence = tracker_sequence(connection, tracker)
    if not sequence:
        return []
    ids = [e.id for e in sequence]
    meta = {r.id: r for r in connection.execute(
        select(s.snapshot.c.id, s.snapshot.c.sha256, s.snapshot.c.source_name,
               s.snapshot.c.source_format, s.coverage.c.description)
        .join(s.coverage, s.coverage.c.sha256 == s.snapshot.c.coverage_sha256)
        .where(s.snapshot.c.id.in_(ids)))}
    layers: dict[int, dict] = {}
    for row in daily_rows(connection, tracker):
        layers.setdefault(row["snapshot_id"], {})[row["layer"]] = {
            "area_km2": row["area_km2"], "gained_km2": row["gained_km2"],
            "lost_km2": row["lost_km2"]}
    return [{"id": e.id, "date": e.on, "sha256": meta[e.id].sha256,
             "source_name": file_name(meta[e.id].source_name), "source_format": meta[e.id].source_format,
             "coverage": meta[e.id].description, "layers": layers.get(e.id, {})}
            for e in sequence]


def layer_geometries(connection: Connection, snapshot_id: int) -> dict[str, shapely.Geometry]:
    """A stored snapshot's layers as stored: lon/lat geometries by layer name."""
    rows = connection.execute(select(s.layer.c.layer, s.layer.c.geometry)
                              .where(s.layer.c.snapshot_id == snapshot_id)).all()
    if not rows:
        return {}
    return dict(zip([r.layer for r in rows], shapely.from_wkb([r.geometry for r in rows])))


def change_parts(connection: Connection, snapshot_ids: list[int], layer: str
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The polygons ``layer`` gained and lost on each of the snapshots (against the one before
    it in the sequence), lon/lat, as two arrays of parts (no union)."""
    if not snapshot_ids:
        return np.empty(0, dtype=object), np.empty(0, dtype=object)
    rows = connection.execute(select(s.change.c.gained, s.change.c.lost)
                              .where(s.change.c.snapshot_id.in_(snapshot_ids),
                                     s.change.c.layer == layer)).all()
    if not rows:
        return np.empty(0, dtype=object), np.empty(0, dtype=object)
    gained = shapely.get_parts(shapely.from_wkb([r.gained for r in rows]))
    lost = shapely.get_parts(shapely.from_wkb([r.lost for r in rows]))
    return gained, lost
