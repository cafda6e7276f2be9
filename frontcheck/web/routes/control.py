"""``/api/snapshots`` and ``/api/control``: the control history as records and as map geometry.

Geometry routes answer GeoJSON bytes made once per (snapshot, zoom) and cached (``web.cache``):
``layers`` is a date's layers simplified for a zoom; ``cells`` the same cut into grid cells,
all of them or only those that differ from a ``base`` date (what the time slider fetches);
``changes`` what a layer gained and lost between two dates.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import numpy as np
import shapely
from fastapi import APIRouter, Query, Request, Response

from frontcheck.app import control as jobs
from frontcheck.app.control import SequenceEntry, Snapshot, SnapshotDetail
from frontcheck.control.area import area_km2
from frontcheck.control.change import layer_change
from frontcheck.control.period import Period, PeriodArea
from frontcheck.control.projection import to_equal_area, to_lonlat
from frontcheck.errors import NotFoundError
from frontcheck.web.cache import conditional, etag_of, on_geometry_thread
from frontcheck.web.cells import Grid, cell_features, cut_cells
from frontcheck.web.deps import (
    ConnectionDep,
    LayerQuery,
    PageDep,
    SinceQuery,
    TrackerQuery,
    UntilQuery,
    ZoomQuery,
)
from frontcheck.web.geojson import (
    decimals,
    feature_collection,
    geometry_json,
    simplified,
    with_properties,
    zoom_level,
)

router = APIRouter(prefix="/api", tags=["control"])
GRID = Grid()
EMPTY = shapely.MultiPolygon()
GEOJSON: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/geo+json": {}}, "description": "GeoJSON"}}


def _entry(sequence: list[SequenceEntry], on: date, tracker: str) -> SequenceEntry:
    found = next((e for e in sequence if e.on == on), None)
    if found is None:
        raise NotFoundError(f"no {tracker} snapshot dated {on.isoformat()}"
                            + (f" (held: {sequence[0].on}..{sequence[-1].on})" if sequence else ""))
    return found


@router.get("/snapshots", response_model=list[Snapshot])
def snapshots(connection: ConnectionDep, page: PageDep, response: Response,
              tracker: TrackerQuery = "deepstate", since: SinceQuery = None,
              until: UntilQuery = None) -> list[Snapshot]:
    """The tracker's snapshot dates, oldest first, with each layer's area and daily change."""
    return page.of(jobs.snapshots(connection, tracker, since, until), response)


@router.get("/snapshots/{on}", response_model=SnapshotDetail)
def snapshot(on: date, connection: ConnectionDep,
             tracker: TrackerQuery = "deepstate") -> SnapshotDetail:
    """One snapshot date: its file, coverage, areas, and the dates before and after it."""
    return jobs.snapshot(connection, tracker, on)


def _sequence(request: Request, connection, tracker: str) -> list[SequenceEntry]:
    """The tracker's sequence, cached until a snapshot is ingested (one small query instead of
    the grouped one on every slider step)."""
    key = (tracker, jobs.store_version(connection, tracker))
    return request.app.state.caches["sequence"].get_or_make(
        key, lambda: jobs.sequence(connection, tracker))


def _layers(request: Request, connection, snapshot_id: int) -> dict[str, shapely.Geometry]:
    cache = request.app.state.caches["geometry"]
    return cache.get_or_make(snapshot_id, lambda: jobs.layers(connection, snapshot_id))


def _layers_bytes(layers: dict, level: int | None, **members) -> bytes:
    names = sorted(layers)
    geoms = simplified(np.array([layers[n] for n in names], dtype=object), level)
    features = [{"type": "Feature", "id": n, "properties": {"layer": n},
                 "geometry": geometry_json(g, decimals(level))} for n, g in zip(names, geoms)]
    return feature_collection(with_properties(features, date=members["date"],
                                              tracker=members["tracker"]), **members, zoom=level)


def _cells_bytes(geometry, cells, level: int | None, keep_empty: bool, **members) -> bytes:
    pieces = cut_cells(GRID, geometry, cells)
    features = with_properties(cell_features(GRID, pieces, level, keep_empty),
                               date=members["date"], tracker=members["tracker"],
                               layer=members["layer"])
    return feature_collection(features, **members,
                              zoom=level, decimals=decimals(level), grid=GRID.as_json())


def _changes_bytes(stored, old, new, level: int | None, layer: str, **members) -> bytes:
    """Gained and lost as features: from the stored parts (``stored``), or computed from the
    ``old`` and ``new`` lon/lat layers in the equal-area plane."""
    if stored is not None:
        gained, lost = (shapely.multipolygons(p) if len(p) else EMPTY for p in stored)
        areas = area_km2(to_equal_area(np.array([gained, lost], dtype=object)))
    else:
        change = layer_change(*to_equal_area(np.array([old, new], dtype=object)))
        areas = area_km2([change.gained, change.lost])
        gained, lost = to_lonlat([change.gained, change.lost])
    shapes = simplified(np.array([gained, lost], dtype=object), level)
    features = [{"type": "Feature", "id": kind,
                 "properties": {"kind": kind, "layer": layer, "area_km2": round(float(a), 3)},
                 "geometry": geometry_json(g, decimals(level))}
                for kind, g, a in zip(("gained", "lost"), shapes, areas)]
    # the change belongs to the later date ("until"), measured since the earlier one
    features = with_properties(features, date=members["until"], since=members["since"],
                               tracker=members["tracker"])
    return feature_collection(features, **members, zoom=level)


@router.get("/snapshots/{on}/layers", responses=GEOJSON, response_class=Response)
def snapshot_layers(on: date, request: Request, connection: ConnectionDep,
                    tracker: TrackerQuery = "deepstate", zoom: ZoomQuery = None,
                    layer: Annotated[str | None, Query(description="Only this layer.")] = None
                    ) -> Response:
    """A date's layers as a GeoJSON FeatureCollection (one feature per layer), simplified for
    ``zoom`` in the equal-area plane; cached per (snapshot, zoom)."""
    entry = _entry(_sequence(request, connection, tracker), on, tracker)
    level = zoom_level(zoom)
    key = ("layers", entry.id, level, layer)

    def make() -> bytes:
        layers = {n: g for n, g in _layers(request, connection, entry.id).items()
                  if layer is None or n == layer}
        if layer is not None and not layers:
            raise NotFoundError(f"the {tracker} snapshot of {on} has no layer {layer!r}")
        return on_geometry_thread(lambda: _layers_bytes(layers, level, tracker=tracker,
                                                        date=on.isoformat()))

    return conditional(request, etag_of(*key),
                       lambda: request.app.state.caches["layers"].get_or_make(key, make))


@router.get("/snapshots/{on}/cells", responses=GEOJSON, response_class=Response)
def snapshot_cells(on: date, request: Request, connection: ConnectionDep,
                   tracker: TrackerQuery = "deepstate", layer: LayerQuery = "occupied",
                   zoom: ZoomQuery = None,
                   base: Annotated[date | None, Query(description="A date the client holds: "
                                                      "send only the cells that differ.")] = None
                   ) -> Response:
    """A layer cut into grid cells (see ``web.cells``): every non-empty cell, or with ``base``
    only the cells whose content differs between ``base`` and this date (those the stored
    daily changes in between overlap), empty ones included so the client can drop them."""
    sequence = _sequence(request, connection, tracker)
    entry = _entry(sequence, on, tracker)
    base_entry = _entry(sequence, base, tracker) if base is not None else None
    level = zoom_level(zoom)
    key = ("cells", entry.id, base_entry.id if base_entry else None, level, layer)

    def make() -> bytes:
        geometry = _layers(request, connection, entry.id).get(layer)
        cells = None
        if base_entry is not None:
            low, high = sorted((base_entry.on, entry.on))
            gained, lost = jobs.changes(connection, [e.id for e in sequence if low < e.on <= high],
                                        layer)
            cells = GRID.covering(shapely.bounds(np.concatenate([gained, lost])))
        return on_geometry_thread(lambda: _cells_bytes(
            geometry, cells, level, base_entry is not None, tracker=tracker, layer=layer,
            date=on.isoformat(), base=base.isoformat() if base else None))

    return conditional(request, etag_of(*key),
                       lambda: request.app.state.caches["cells"].get_or_make(key, make))


@router.get("/snapshots/{on}/changes", responses=GEOJSON, response_class=Response)
def snapshot_changes(on: date, request: Request, connection: ConnectionDep,
                     tracker: TrackerQuery = "deepstate", layer: LayerQuery = "occupied",
                     zoom: ZoomQuery = None,
                     since: Annotated[date | None, Query(description="Compare with this date "
                                                         "(default: the previous one).")] = None
                     ) -> Response:
    """What ``layer`` gained and lost from ``since`` to this date, as two GeoJSON features
    with their areas (km²). From the previous date these are the stored daily change polygons;
    between any two dates they are computed from both layers in the equal-area plane."""
    sequence = _sequence(request, connection, tracker)
    entry = _entry(sequence, on, tracker)
    index = sequence.index(entry)
    if since is None:
        if index == 0:
            raise NotFoundError(f"{on} is the first {tracker} snapshot: give ?since= to compare")
        since = sequence[index - 1].on
    old = _entry(sequence, since, tracker)
    level = zoom_level(zoom)
    key = ("changes", old.id, entry.id, level, layer)

    def make() -> bytes:
        stored = old_layer = new_layer = None
        if index > 0 and sequence[index - 1].id == old.id:
            stored = jobs.changes(connection, [entry.id], layer)
        else:
            old_layer = _layers(request, connection, old.id).get(layer, EMPTY)
            new_layer = _layers(request, connection, entry.id).get(layer, EMPTY)
        return on_geometry_thread(lambda: _changes_bytes(
            stored, old_layer, new_layer, level, layer, tracker=tracker,
            since=since.isoformat(), until=on.isoformat()))

    return conditional(request, etag_of(*key),
                       lambda: request.app.state.caches["changes"].get_or_make(key, make))


@router.get("/control/area", response_model=list[PeriodArea])
def area(request: Request, connection: ConnectionDep, period: Period = Period.month,
         since: SinceQuery = None,
         until: UntilQuery = None,
         layer: Annotated[str | None, Query(description="Only this layer.")] = None,
         tracker: TrackerQuery = "deepstate") -> list[PeriodArea]:
    """Area at start and end of each period, net change, gained and lost, per layer (km²):
    the records of ``frontcheck control area --format json``.

    The table is cached per store version (the tracker's ``sequence_version``, which any
    ingest or replacement changes), so it is computed once per question and version."""
    cache = request.app.state.caches.get("area")
    if cache is None:               # caching turned off (the load bench's baseline)
        return jobs.area(connection, tracker, period, since, until, layer)
    key = (tracker, jobs.store_version(connection, tracker), period.value, since, until, layer)
    return cache.get_or_make(key, lambda: jobs.area(connection, tracker, period, since, until,
                                                    layer))
