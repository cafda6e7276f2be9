"""Claimed against mapped control: the ground a claimant's claims put under a side by a date,
against the ground the tracker maps under it on that date — the "claimed" and "assessed"
layers war-study institutes draw by hand.

A claim puts a place under a side when it says the place changed hands: ``captured``,
``recaptured`` or ``liberated`` by an actor (the DPRK counts with Russia, whose side it fights
on), or ``withdrew`` by the other side. Partial actions (advanced, fighting_in, repelled) and
denials claim no control. For each claimant and place the latest such claim made on or before
the date counts (a place claimed, then said lost, is not claimed).

Areas are footprints (``control.footprint``) in the equal-area plane, within the tracker's
coverage on the date (a place the tracker does not map is reported apart, never as "not
mapped"):

- ``claimed_not_mapped_km2``: claimed by the claimant, not under the side on the map;
- ``mapped_not_claimed_km2``: of the places the claimant claims for the side at any date, the
  ground the map already shows under it that the claimant has not (yet) claimed by the date;
- ``claimed_outside_coverage_km2``: claimed ground the tracker does not map.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import shapely

__all__ = ["ControlClaim", "PlaceStatus", "ClaimedControl", "held_by", "claimed_control",
           "SIDES", "ALL_CLAIMANTS"]

SIDES = ("russia", "ukraine")
ALL_CLAIMANTS = "(all claimants)"
_GAIN = ("captured", "recaptured", "liberated")
_SIDE_OF_ACTOR = {"russia": "russia", "dprk": "russia", "ukraine": "ukraine"}
#: A place counts as mapped under a side when at least this share of its footprint is.
MAPPED_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class ControlClaim:
    claim_id: str
    claimant: str
    place_id: str
    on: date
    actor: str
    action: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class PlaceStatus:
    place_id: str
    claim_id: str | None      # the claimant's latest claim putting it under the side, if any
    claimed_on: date | None
    claimed: bool
    mapped_share: float       # share of its footprint under the side on the map
    covered: bool


@dataclass(frozen=True, slots=True)
class ClaimedControl:
    claimant: str
    on: date
    side: str
    claimed_km2: float
    claimed_not_mapped_km2: float
    mapped_not_claimed_km2: float
    claimed_outside_coverage_km2: float
    places: tuple[PlaceStatus, ...]
    claimed_not_mapped: shapely.Geometry      # equal-area plane
    mapped_not_claimed: shapely.Geometry
    claimed: shapely.Geometry                 # all the claimed ground (the workbench's layer)


def held_by(actor: str, action: str, negated: bool = False) -> str | None:
    """The side a claim puts its place under, or None when it claims no control.

    >>> held_by("dprk", "recaptured"), held_by("ukraine", "withdrew"), held_by("russia", "advanced")
    ('russia', 'russia', None)
    """
    side = _SIDE_OF_ACTOR.get(actor)
    if negated or side is None:
        return None
    if action in _GAIN:
        return side
    if action == "withdrew":
        return "ukraine" if side == "russia" else "russia"
    return None


@dataclass(frozen=True, slots=True)
class _Overlays:
    """Each usable footprint overlaid once with the date's layers, for every claimant group:
    the overlays with a front-long polygon are the cost, the unions of discs are not."""

    index: dict[str, int]
    geoms: np.ndarray           # footprints
    areas: np.ndarray
    on_side: np.ndarray         # footprint ∩ the side's ground
    in_coverage: np.ndarray     # footprint ∩ coverage
    covered_off_side: np.ndarray    # (footprint ∩ coverage) − the side's ground

    @classmethod
    def of(cls, ids: Sequence[str], footprints: dict[str, shapely.Geometry],
           side_geom: shapely.Geometry, coverage: shapely.Geometry) -> _Overlays:
        geoms = np.array([footprints[p] for p in ids], dtype=object)
        in_coverage = _overlay(geoms, coverage, shapely.intersection)
        return cls({p: k for k, p in enumerate(ids)}, geoms, shapely.area(geoms),
                   _overlay(geoms, side_geom, shapely.intersection), in_coverage,
                   _overlay(in_coverage, side_geom, shapely.difference))


def _overlay(geoms: np.ndarray, layer: shapely.Geometry, operation: Any) -> np.ndarray:
    """``operation(geoms, layer)`` element-wise, overlaying only the shapes the layer's
    edge crosses: a shape wholly inside or outside it is answered by a prepared predicate,
    which is what most footprints are (a front-long polygon's overlay is the cost)."""
    shapely.prepare(layer)
    inside = shapely.contains_properly(layer, geoms)
    apart = ~shapely.intersects(layer, geoms)
    kept, dropped = (inside, apart) if operation is shapely.intersection else (apart, inside)
    out = np.empty(len(geoms), dtype=object)
    out[kept] = geoms[kept]
    out[dropped] = shapely.Polygon()
    rest = ~(inside | apart)
    out[rest] = operation(geoms[rest], layer)
    return out


def claimed_control(claims: Sequence[ControlClaim], footprints: dict[str, shapely.Geometry],
                    occupied: shapely.Geometry, coverage: shapely.Geometry, on: date,
                    side: str = "russia", claimant: str | None = None) -> list[ClaimedControl]:
    """Per claimant (and for all claimants together, first), claimed against mapped control
    on ``on`` (see the module docstring). ``footprints``: place id → footprint, and
    ``occupied``/``coverage``: the tracker's layers on the date, all in the equal-area plane."""
    if side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}")
    usable = [c for c in claims if c.place_id in footprints and held_by(c.actor, c.action,
                                                                         c.negated)]
    names = sorted({c.claimant for c in usable if c.claimant})
    if claimant is not None:
        names = [n for n in names if n == claimant]
    groups = [(ALL_CLAIMANTS, usable)] if claimant is None else []
    groups += [(n, [c for c in usable if c.claimant == n]) for n in names]
    ids = sorted({c.place_id for _, items in groups for c in items})
    if ids:
        # the layers cut to the box around the footprints first: each overlay below then
        # walks that box's share of a front-long polygon, not all of it
        box = shapely.buffer(shapely.box(*shapely.total_bounds([footprints[p] for p in ids])),
                             1.0, join_style="mitre")
        occupied, coverage = shapely.intersection(occupied, box), shapely.intersection(coverage,
                                                                                       box)
    side_geom = occupied if side == "russia" else shapely.difference(coverage, occupied)
    overlays = _Overlays.of(ids, footprints, side_geom, coverage)
    return [_one(name, items, overlays, on, side) for name, items in groups]


def _union(geoms: np.ndarray) -> shapely.Geometry:
    return shapely.union_all(geoms) if len(geoms) else shapely.Polygon()


def _one(name: str, items: Sequence[ControlClaim], overlays: _Overlays, on: date,
         side: str) -> ClaimedControl:
    latest: dict[str, ControlClaim] = {}
    ever: set[str] = set()
    for claim in sorted(items, key=lambda c: (c.on, c.claim_id)):
        says = held_by(claim.actor, claim.action, claim.negated)
        if says == side:
            ever.add(claim.place_id)
        if claim.on <= on:
            latest[claim.place_id] = claim
    claimed_ids = sorted(p for p, c in latest.items()
                         if held_by(c.actor, c.action, c.negated) == side)
    universe = sorted(ever | set(claimed_ids))
    at = np.array([overlays.index[p] for p in universe], dtype=np.intp)
    areas = overlays.areas[at]
    inside = shapely.area(overlays.on_side[at])
    covered = shapely.area(overlays.in_coverage[at]) >= 0.5 * areas
    shares = np.divide(inside, areas, out=np.zeros_like(areas), where=areas > 0)
    claimed_mask = np.isin(np.array(universe, dtype=object), claimed_ids)
    mine = at[claimed_mask]
    # (∪ footprints) ∩ layer is ∪ (footprint ∩ layer): the overlays above, unioned
    claimed = _union(overlays.geoms[mine])
    claimed_in = _union(overlays.in_coverage[mine])
    not_mapped = _union(overlays.covered_off_side[mine])
    not_claimed = shapely.difference(_union(overlays.on_side[at]), claimed)
    places = tuple(PlaceStatus(p, latest[p].claim_id if p in claimed_ids else None,
                               latest[p].on if p in claimed_ids else None, bool(claimed_mask[k]),
                               round(float(shares[k]), 4), bool(covered[k]))
                   for k, p in enumerate(universe))
    km2 = 1e-6
    return ClaimedControl(
        name, on, side, round(float(shapely.area(claimed)) * km2, 3),
        round(float(shapely.area(not_mapped)) * km2, 3),
        round(float(shapely.area(not_claimed)) * km2, 3),
        max(0.0, round(float(shapely.area(claimed) - shapely.area(claimed_in)) * km2, 3)),  # no -0.0
        places, not_mapped, not_claimed, claimed)
