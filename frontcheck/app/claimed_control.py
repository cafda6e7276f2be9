"""Claimed against mapped control (``control.claimed``) from the stored territorial claims and
the tracker's layers: on one date, or on a series of dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple, cast

import numpy as np
import orjson
import shapely
from sqlalchemy import Connection

from frontcheck.app.person_protection import person_redactor
from frontcheck.app.snapshot_write import projected_layers
from frontcheck.control.claimed import ControlClaim, claimed_control
from frontcheck.control.footprint import footprint_discs, footprint_radius_m
from frontcheck.control.projection import lonlat_to_xy, to_equal_area, to_lonlat
from frontcheck.control.snapshot import OCCUPIED
from frontcheck.errors import InputError, NotFoundError
from frontcheck.protect.redaction import Redactor
from frontcheck.protect.roles import Principal
from frontcheck.store import control as store_control
from frontcheck.store.analysis_tables import place_points
from frontcheck.store.claims import list_claims

__all__ = ["ClaimedOptions", "ClaimedPlaceRecord", "ClaimedControlRecord", "claimed_control_on",
           "claimed_control_series", "MAX_SERIES_DATES"]

MAX_SERIES_DATES = 400


@dataclass(frozen=True, slots=True)
class ClaimedOptions:
    side: str = "russia"
    claimant: str | None = None
    tracker: str = "deepstate"
    step_days: int = 7          # spacing of a --from/--to series


@dataclass(frozen=True, slots=True)
class ClaimedPlaceRecord:
    place_id: str
    name: str
    oblast: str
    claimed: bool
    claim_id: str | None
    claimed_on: str | None
    mapped_share: float
    covered: bool


@dataclass(frozen=True, slots=True)
class ClaimedControlRecord:
    on: str
    snapshot_date: str          # the tracker's snapshot compared (latest on or before ``on``)
    claimant: str
    side: str
    claimed_km2: float
    claimed_not_mapped_km2: float
    mapped_not_claimed_km2: float
    claimed_outside_coverage_km2: float
    places: list[ClaimedPlaceRecord]
    claimed_not_mapped: dict[str, Any] | None     # GeoJSON geometry, lon/lat
    mapped_not_claimed: dict[str, Any] | None
    claimed: dict[str, Any] | None                # all the claimed ground, for a map layer


#: Parts smaller than this (m²) are slivers of the overlay, not ground.
SLIVER_M2 = 1.0


def _geojson(geometry: shapely.Geometry) -> dict[str, Any] | None:
    """The polygonal ground of an overlay (lines and points where shapes touch dropped), as
    a lon/lat GeoJSON geometry; None when there is none."""
    parts = shapely.get_parts(geometry)
    parts = parts[(shapely.get_type_id(parts) >= 3) & (shapely.area(parts) > SLIVER_M2)]
    if not len(parts):
        return None
    # a 1-D array of polygons makes one MultiPolygon; the stubs, blind to the array's shape,
    # also allow an array of them
    ground = cast(shapely.MultiPolygon, shapely.multipolygons(shapely.get_parts(parts)))
    geojson: dict[str, Any] = orjson.loads(
        shapely.to_geojson(shapely.set_precision(to_lonlat(ground), 1e-5)))
    return geojson


class _Inputs(NamedTuple):
    """What every date of a series shares: the dated territorial claims of resolved places,
    the places' footprints and points (by place id), and the redactor."""

    claims: list[ControlClaim]
    footprints: dict[str, shapely.Geometry]
    points: dict[str, dict[str, Any]]
    redactor: Redactor


def _inputs(connection: Connection, options: ClaimedOptions) -> _Inputs:
    redactor = person_redactor(connection)
    control_claims = [ControlClaim(c.id, redactor.text(c.claimant), c.place.id, c.claim_date,
                                   c.actor, c.action, c.negated)
                      for c in list_claims(connection, type="territorial")
                      if c.place and c.place.id and c.claim_date]
    points = {p["id"]: p for p in place_points(connection, [c.place_id for c in control_claims])}
    ids = list(points)
    footprints: dict[str, shapely.Geometry] = {}
    if ids:
        x, y = lonlat_to_xy([points[i]["lon"] for i in ids], [points[i]["lat"] for i in ids])
        radius = footprint_radius_m(
            np.array([np.nan if points[i]["population"] is None else points[i]["population"]
                      for i in ids], float),
            np.array([points[i]["feature_class"] for i in ids], dtype=object))
        footprints = dict(zip(ids, footprint_discs(x, y, radius)))
    return _Inputs(control_claims, footprints, points, redactor)


def _layers_on(connection: Connection, tracker: str, on: date,
               sequence: Sequence[store_control.SequenceEntry] | None = None,
               ) -> tuple[date, shapely.Geometry, shapely.Geometry]:
    sequence = sequence if sequence is not None else store_control.tracker_sequence(
        connection, tracker)
    held = [e for e in sequence if e.on <= on]
    if not held:
        raise NotFoundError(f"the tracker {tracker!r} has no snapshot on or before {on}; see "
                            "`frontcheck control ingest`")
    entry = held[-1]
    layers = projected_layers(connection, entry.id)
    coverage = to_equal_area(store_control.coverage_geometry(connection, entry.id)[1])
    return entry.on, layers.get(OCCUPIED, shapely.Polygon()), coverage


def _records(connection: Connection, caller: Principal, on: date, options: ClaimedOptions,
             inputs: _Inputs, sequence: Sequence[store_control.SequenceEntry] | None = None,
             ) -> list[ClaimedControlRecord]:
    claims, footprints, points, _ = inputs
    snapshot_on, occupied, coverage = _layers_on(connection, options.tracker, on, sequence)
    try:
        results = claimed_control(claims, footprints, occupied, coverage, on, options.side,
                                  options.claimant)
    except ValueError as exc:
        raise InputError(None, str(exc), field="--side") from None
    return [ClaimedControlRecord(
        on.isoformat(), snapshot_on.isoformat(), r.claimant, r.side, r.claimed_km2,
        r.claimed_not_mapped_km2, r.mapped_not_claimed_km2, r.claimed_outside_coverage_km2,
        [ClaimedPlaceRecord(p.place_id, points[p.place_id]["name_en"],
                            points[p.place_id]["oblast"], p.claimed, p.claim_id,
                            p.claimed_on.isoformat() if p.claimed_on else None, p.mapped_share,
                            p.covered) for p in r.places],
        _geojson(r.claimed_not_mapped), _geojson(r.mapped_not_claimed), _geojson(r.claimed))
        for r in results]


def claimed_control_on(connection: Connection, caller: Principal, on: date,
                       options: ClaimedOptions = ClaimedOptions()) -> list[ClaimedControlRecord]:
    """All claimants together, then each claimant (or only ``options.claimant``), on ``on``."""
    return _records(connection, caller, on, options, _inputs(connection, options))


def claimed_control_series(connection: Connection, caller: Principal, since: date, until: date,
                           options: ClaimedOptions = ClaimedOptions()
                           ) -> list[ClaimedControlRecord]:
    """The same every ``options.step_days`` days from ``since`` to ``until`` (both included)."""
    if until < since:
        raise InputError(None, f"--to {until} is before --from {since}", field="--to")
    days = (until - since).days // options.step_days + 1
    if days > MAX_SERIES_DATES:
        raise InputError(None, f"{days} dates asked; at most {MAX_SERIES_DATES} (widen --step)",
                         field="--step")
    inputs = _inputs(connection, options)
    sequence = store_control.tracker_sequence(connection, options.tracker)
    dates = [since + timedelta(days=k * options.step_days) for k in range(days)]
    if dates[-1] != until:
        dates.append(until)
    return [record for on in dates
            for record in _records(connection, caller, on, options, inputs, sequence)]
