"""Writing one control snapshot: its layers projected and measured, its change against the
snapshot before it (and the one after, for a day ingested out of order), stored in the caller's
transaction through ``store.control``'s inserts."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import numpy as np
import shapely
from sqlalchemy import Connection

from frontcheck.control.area import area_km2
from frontcheck.control.change import EdgeSet, layer_change
from frontcheck.control.projection import to_equal_area, to_lonlat
from frontcheck.control.snapshot import Snapshot
from frontcheck.store import control as store_control

EMPTY = shapely.MultiPolygon()


@dataclass(slots=True)
class ProjectedSnapshot:
    """A stored snapshot as the timelines need it, in the equal-area plane: its layers, the
    polygons each layer gained or lost (``changed``), its coverage; kept in memory between
    writes so that ingesting days in order reads nothing back from the store."""

    id: int
    layers: dict[str, shapely.Geometry]
    changed: dict[str, np.ndarray] = field(default_factory=dict)
    coverage_sha256: str = ""
    coverage: shapely.Geometry | None = None
    edges: dict[str, EdgeSet] = field(default_factory=dict)
    #: Per layer, the footprints touching ``changed`` and their new shares, measured during
    #: the ingest against the ``app.timeline_build.Footprints`` object ``measured_for``
    #: (indices are positions in that object, so only it may use them).
    measured: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    #: Every footprint's share per layer, for the first snapshot of a sequence.
    initial: dict[str, np.ndarray] = field(default_factory=dict)
    measured_for: object = None

    def edge_set(self, layer: str) -> EdgeSet:
        """The layer's directed edges, computed once."""
        if layer not in self.edges:
            self.edges[layer] = EdgeSet.of(self.layers.get(layer))
        return self.edges[layer]


def projected_layers(connection: Connection, snapshot_id: int) -> dict[str, shapely.Geometry]:
    """A stored snapshot's layers, projected to the equal-area plane."""
    layers = store_control.layer_geometries(connection, snapshot_id)
    if not layers:
        return {}
    return dict(zip(layers, to_equal_area(list(layers.values()))))


def changed_parts(connection: Connection, snapshot_id: int) -> dict[str, np.ndarray]:
    """The polygons each layer gained or lost at a stored snapshot, equal-area, one array per
    layer (separate parts: they only select the footprints to measure again)."""
    return {name: to_equal_area(parts)
            for name, parts in store_control.changed_polygons(connection, snapshot_id).items()}


def write_snapshot(connection: Connection, snapshot: Snapshot, coverage: tuple[str, shapely.Geometry],
                   previous: ProjectedSnapshot | None, following: store_control.SequenceEntry | None,
                   projected: dict[str, shapely.Geometry] | None = None,
                   edges: dict[str, EdgeSet] | None = None,
                   changes: dict[str, ChangeRecord] | None = None,
                   layer_wkb: list[bytes] | None = None,
                   coverage_stored: AbstractSet[str] = frozenset()) -> ProjectedSnapshot:
    """Store a parsed snapshot with its areas and its change against ``previous``.

    ``following`` is the next snapshot in the sequence when this one lands before it (a day
    ingested out of order): its change is recomputed against this snapshot. Runs inside the
    caller's transaction; returns this snapshot's projected layers for the next write.
    ``projected``, ``edges`` and ``changes`` (against ``previous``) may be given when the parse
    stage computed them already, and so may the layers' WKB (``layer_wkb``, in layer order).
    ``coverage_stored`` holds coverage hashes known to be in the store already.
    """
    description, coverage_geom = coverage
    coverage_sha = store_control.insert_coverage(connection, description, coverage_geom,
                                                 coverage_stored)
    names = [layer.name for layer in snapshot.layers]
    if projected is None:
        projected = dict(zip(names, to_equal_area([layer.geometry for layer in snapshot.layers]))
                         ) if names else {}
    if layer_wkb is None:
        layer_wkb = [shapely.to_wkb(layer.geometry) for layer in snapshot.layers]
    areas: list[float] = area_km2([projected[n] for n in names]).tolist() if names else []
    snapshot_id = store_control.insert_snapshot(connection, snapshot, coverage_sha, layer_wkb, areas)
    current = ProjectedSnapshot(snapshot_id, projected, coverage_sha256=coverage_sha,
                                coverage=coverage_geom, edges=dict(edges or {}))
    if previous is not None:
        if changes is None:
            changes = measure_changes(previous, current)
        current.changed = _write_changes(connection, previous.id, current.id, changes)
    if following is not None:
        store_control.delete_changes(connection, following.id)
        after = ProjectedSnapshot(following.id, projected_layers(connection, following.id))
        _write_changes(connection, current.id, after.id, measure_changes(current, after))
    return current


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    """One layer's change, ready to store: gained and lost as lon/lat WKB with their km², and
    the changed polygons (equal-area) that the timelines measure again."""

    gained_wkb: bytes
    lost_wkb: bytes
    gained_km2: float
    lost_km2: float
    parts: np.ndarray


def measure_changes(old: ProjectedSnapshot, new: ProjectedSnapshot) -> dict[str, ChangeRecord]:
    """Each layer's change from ``old`` to ``new``. Needs no store, so the parse stage's worker
    processes run it for consecutive files."""
    out = {}
    for name in sorted(set(old.layers) | set(new.layers)):
        change = layer_change(old.layers.get(name, EMPTY), new.layers.get(name, EMPTY),
                              old.edge_set(name), new.edge_set(name))
        gained, lost = to_lonlat([change.gained, change.lost])
        out[name] = ChangeRecord(shapely.to_wkb(gained), shapely.to_wkb(lost),
                                 float(area_km2(change.gained)), float(area_km2(change.lost)),
                                 shapely.get_parts([change.gained, change.lost]))
    return out


def _write_changes(connection: Connection, old_id: int, new_id: int,
                   changes: dict[str, ChangeRecord]) -> dict[str, np.ndarray]:
    """Store each layer's change from snapshot ``old_id`` to ``new_id``; return the changed
    polygons per layer (equal-area), which are what the timelines measure again."""
    store_control.insert_changes(connection, old_id, new_id, [
        store_control.ChangeRow(name, c.gained_wkb, c.lost_wkb, c.gained_km2, c.lost_km2)
        for name, c in changes.items()])
    return {name: c.parts for name, c in changes.items() if len(c.parts)}
