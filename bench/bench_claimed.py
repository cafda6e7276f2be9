"""Claimed against mapped control (``control.claimed.claimed_control``), the job behind
``frontcheck control claimed`` and the workbench's *Claimed vs mapped* page, which asks for a
dozen dates at once.

Input (seeded, built before timing): DeepState's occupied layer on a few shipped dates, Ukraine's
border as the tracker's coverage, and synthetic territorial claims by several claimants about
settlements of the shipped gazetteer within 15 km of the front (random sides, actions, dates).

Ours: ``claimed_control`` as shipped: the layers cut to the box around the claimed footprints,
each footprint overlaid with them once per date, each claimant group's figures from unions of
those overlays. Baseline: the code before, which overlaid every claimant group's footprints
with the whole layers. Answers are checked first: the same places, shares and coverage, areas
within 0.01 km². Goal: ours >= 3x less CPU time.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from bench.common import (
    bench_gazetteer,
    best_of,
    daily_files,
    goal,
    shared_data,
    write_results,
)

JOB = "claimed"
SIZES = {"full": {"claims": 2_000, "claimants": 20, "dates": 12, "repeats": 3, "places": None},
         "tiny": {"claims": 200, "claimants": 5, "dates": 3, "repeats": 1, "places": 3_000}}
TINY_BOX = {"lon": (36.5, 38.5), "lat": (47.5, 49.0)}


def _inputs(config: dict, rng: np.random.Generator, work: Path):
    import shapely

    from frontcheck.control.claimed import ControlClaim
    from frontcheck.control.footprint import footprint_discs, footprint_radius_m
    from frontcheck.control.formats import ReadOptions
    from frontcheck.control.formats.shipped import read_shipped
    from frontcheck.control.projection import lonlat_to_xy, to_equal_area
    from frontcheck.places.gazetteer import parse_gazetteer

    files = daily_files()
    chosen = [files[int(i)] for i in np.linspace(len(files) // 2, len(files) - 1,
                                                 config["dates"])]
    layers = []
    for path in chosen:
        snapshot = read_shipped(path.read_bytes(), path.name, ReadOptions())
        occupied = next(la.geometry for la in snapshot.layers if la.name == "occupied")
        layers.append((snapshot.on, to_equal_area(occupied)))
    border = shapely.from_geojson((shared_data() / "boundaries" / "ukraine_border.geojson")
                                  .read_text(encoding="utf-8"))
    coverage = to_equal_area(shapely.union_all(shapely.get_parts(border)))
    gazetteer = bench_gazetteer(work, config["places"], TINY_BOX)
    places = [p for p in parse_gazetteer(gazetteer.read_bytes(), gazetteer.name)
              if p.lon is not None]
    x, y = lonlat_to_xy([p.lon for p in places], [p.lat for p in places])
    edge = shapely.boundary(layers[-1][1])
    near = shapely.dwithin(shapely.points(x, y), edge, 15_000)
    index = np.flatnonzero(near)
    radius = footprint_radius_m(np.full(len(index), np.nan),
                                np.array(["populated_place"] * len(index), dtype=object))
    discs = footprint_discs(x[index], y[index], radius)
    footprints = {places[i].id: d for i, d in zip(index, discs)}
    ids = list(footprints)
    first = layers[0][0]
    span = (layers[-1][0] - first).days
    actions = ("captured", "liberated", "withdrew", "advanced", "recaptured")
    claims = [ControlClaim(f"c{i}", f"claimant {rng.integers(config['claimants'])}",
                           ids[rng.integers(len(ids))],
                           first + timedelta(days=int(rng.integers(-60, span + 1))),
                           ("russia", "ukraine")[rng.integers(2)],
                           actions[rng.integers(len(actions))]) for i in range(config["claims"])]
    return claims, footprints, layers, coverage


def _before(claims, footprints, occupied, coverage, on: date):
    """The baseline: the code before (each claimant group overlaid its footprints with the
    whole layers), figures only."""
    import shapely

    from frontcheck.control.claimed import ALL_CLAIMANTS, held_by

    usable = [c for c in claims if c.place_id in footprints
              and held_by(c.actor, c.action, c.negated)]
    groups = [(ALL_CLAIMANTS, usable)] + [(n, [c for c in usable if c.claimant == n])
                                          for n in sorted({c.claimant for c in usable})]
    out = []
    for name, items in groups:
        latest, ever = {}, set()
        for claim in sorted(items, key=lambda c: (c.on, c.claim_id)):
            if held_by(claim.actor, claim.action, claim.negated) == "russia":
                ever.add(claim.place_id)
            if claim.on <= on:
                latest[claim.place_id] = claim
        claimed_ids = sorted(p for p, c in latest.items()
                             if held_by(c.actor, c.action, c.negated) == "russia")
        universe = sorted(ever | set(claimed_ids))
        geoms = np.array([footprints[p] for p in universe], dtype=object)
        areas = shapely.area(geoms)
        inside = shapely.area(shapely.intersection(geoms, occupied))
        covered = shapely.area(shapely.intersection(geoms, coverage)) >= 0.5 * areas
        shares = np.divide(inside, areas, out=np.zeros_like(areas), where=areas > 0)
        mask = np.isin(np.array(universe, dtype=object), claimed_ids)
        claimed = shapely.union_all(geoms[mask]) if mask.any() else shapely.Polygon()
        claimed_in = shapely.intersection(claimed, coverage)
        not_mapped = shapely.difference(claimed_in, occupied)
        everything = shapely.intersection(shapely.union_all(geoms), occupied)
        not_claimed = shapely.difference(everything, claimed)
        km2 = 1e-6
        out.append((name, round(float(shapely.area(claimed)) * km2, 3),
                    round(float(shapely.area(not_mapped)) * km2, 3),
                    round(float(shapely.area(not_claimed)) * km2, 3),
                    round(float(shapely.area(claimed) - shapely.area(claimed_in)) * km2, 3),
                    tuple((p, round(float(shares[k]), 4), bool(covered[k]))
                          for k, p in enumerate(universe))))
    return out


def _close(ours: list[tuple], baseline: list[tuple]) -> bool:
    """Same places, shares and coverage; areas within 0.01 km² (the unions are made in
    another order, so the last digit may differ)."""
    return len(ours) == len(baseline) and all(
        a[0] == b[0] and a[5] == b[5] and all(abs(x - y) <= 0.01 for x, y in zip(a[1:5], b[1:5]))
        for a, b in zip(ours, baseline))


def _figures(results) -> list[tuple]:
    return [(r.claimant, r.claimed_km2, r.claimed_not_mapped_km2, r.mapped_not_claimed_km2,
             r.claimed_outside_coverage_km2, tuple((p.place_id, p.mapped_share, p.covered)
                                                   for p in r.places))
            for r in results]


def run(scale: str = "full") -> dict:
    from frontcheck.control.claimed import claimed_control

    config = SIZES[scale]
    with tempfile.TemporaryDirectory() as work:
        claims, footprints, layers, coverage = _inputs(config, np.random.default_rng(20261207),
                                                       Path(work))

    def ours():
        return [r for on, occupied in layers
                for r in claimed_control(claims, footprints, occupied, coverage, on)]

    def baseline():
        return [r for on, occupied in layers
                for r in _before(claims, footprints, occupied, coverage, on)]

    same = _close(_figures(ours()), baseline())
    fast, slow = best_of(ours, config["repeats"]), best_of(baseline, config["repeats"])
    ratio = min(slow.cpu_runs) / max(min(fast.cpu_runs), 1e-9)
    result = {
        "job": JOB, "scale": scale,
        "inputs": {"claims": len(claims), "places": len(footprints), "dates": len(layers),
                   "claimants": config["claimants"]},
        "ours": {"cpu_seconds": min(fast.cpu_runs), "seconds": fast.best},
        "baseline": {"name": "each claimant group overlaid with the whole layers (before)", "cpu_seconds":
                     min(slow.cpu_runs), "seconds": slow.best},
        "ratios": {"before_over_ours_cpu": ratio},
        "checks": {"same_figures_as_baseline": same},
        "goals": {"before_over_ours_cpu": goal(ratio, ">=", 3.0, "x")},
    }
    return write_results(result)
