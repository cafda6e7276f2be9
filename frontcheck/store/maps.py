"""Control history as a map shows it: the snapshots' files, a snapshot's layers in lon/lat,
the stored change polygons of a run of snapshots.

Read-only queries for the web workbench (and any other viewer); ingest lives in ``control``.
"""

from __future__ import annotations

import numpy as np
import shapely
from sqlalchemy import Connection, Row, func, select

from frontcheck.store import schema as s
from frontcheck.store.control import layer_geometries

__all__ = ["sequence_version", "snapshot_sources", "layer_geometries", "change_parts"]


def sequence_version(connection: Connection, tracker: str) -> tuple[int, int]:
    """The largest snapshot id and the number of snapshots of a tracker: changes whenever a
    snapshot is ingested, so a cached sequence keyed by it is never stale."""
    row = connection.execute(select(func.max(s.snapshot.c.id), func.count())
                             .where(s.snapshot.c.tracker == tracker)).one()
    return (row[0] or 0, row[1])


def snapshot_sources(connection: Connection, snapshot_ids: list[int]) -> dict[int, Row]:
    """Per snapshot id: ``sha256``, ``source_name`` (the path as stored), ``source_format`` and
    its coverage's ``description``."""
    if not snapshot_ids:
        return {}
    return {r.id: r for r in connection.execute(
        select(s.snapshot.c.id, s.snapshot.c.sha256, s.snapshot.c.source_name,
               s.snapshot.c.source_format, s.coverage.c.description)
        .join(s.coverage, s.coverage.c.sha256 == s.snapshot.c.coverage_sha256)
        .where(s.snapshot.c.id.in_(snapshot_ids)))}


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
