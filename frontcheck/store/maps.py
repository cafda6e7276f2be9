"""Control history as a map shows it: snapshot records, a snapshot's layers in lon/lat, the
stored change polygons of a run of snapshots, and the area series of ``control area``.

Read-only queries for the web workbench (and any other viewer); ingest lives in ``control``.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date

import numpy as np
import shapely
from sqlalchemy import Connection, func, select

from frontcheck.control.period import Period, period_areas
from frontcheck.errors import NotFoundError
from frontcheck.store import schema as s
from frontcheck.store.control import daily_rows, tracker_sequence

__all__ = ["sequence_version", "snapshot_rows", "layer_geometries", "change_parts", "area_rows"]


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


def area_rows(connection: Connection, tracker: str, period: Period, since: date | None,
              until: date | None, layer: str | None) -> list[dict]:
    """The records of ``control area --format json``: per period overlapping [since, until]
    and layer, area at start and end, net change, gained and lost (km²). When the
    tracker (or the layer) has no snapshots: ``NotFoundError``."""
    daily = daily_rows(connection, tracker)
    if layer:
        daily = [r for r in daily if r["layer"] == layer]
    if not daily:
        raise NotFoundError(f"no {tracker} snapshots stored"
                            + (f" with layer {layer!r}" if layer else "")
                            + "; run `frontcheck control ingest` first")
    return [asdict(p) for p in period_areas(daily, period, since, until)
            if (since is None or p.period_end >= since) and (until is None or p.period_start <= until)]
