"""Control history: settlement timelines, ingest-plus-index, one new day, and peak memory.

Measured in one run on the shipped DeepStateMAP daily files and the shared gazetteer
(issue 2, "Speed and memory"):

1. **Timelines** of every gazetteer settlement over every snapshot: ``refresh_timelines`` forced
   to a full rebuild on a store that already holds the snapshots and places, against the naive
   geopandas baseline (per snapshot, intersect every footprint disc with the layer and take the
   area share). The baseline is timed on evenly spaced sample snapshots and extrapolated per
   snapshot; on those snapshots both must give the same shares first. Goal: >= 20x.
2. **Ingest plus index** (fresh store with the gazetteer loaded; ingest every file, refresh
   timelines) against merely parsing the files: (a) ``orjson.loads`` + ``shapely.geometry.shape``
   per feature, what a user writes, on which the goal is judged; (b) ``orjson.loads`` +
   frontcheck's ``polygon_from_geojson``, our fastest parse, reported too. Goal: <= 3x (a).
3. **One new day**: ingest the last file plus refresh (``"extended"``) on a store holding all
   the others, against the full timeline rebuild of 1. Goal: <= 2 %.
4. **Peak RSS** of the full ingest plus index, in a fresh process. Goal: < 2 GB.

Each run of ours and of the parse baselines is a fresh Python process (``run_in_subprocess``),
timed in turn with the others. Setup (process start-up, copying stores, loading the gazetteer,
projecting the sample layers, building the baseline's GeoDataFrame) is not timed.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from bench.common import (
    bench_gazetteer,
    best_of,
    copy_store,
    daily_files,
    evenly_spaced,
    goal,
    interleaved,
    run_in_subprocess,
    write_results,
)

JOB = "control"
TRACKER = "deepstate"
RATIO_KEYS = ("timelines_speedup", "ingest_index_vs_parse_shape", "ingest_index_vs_parse_fast",
              "new_day_vs_full_rebuild", "new_day_vs_timeline_rebuild")
#: Our shares are kept to 4 decimals; the baseline's are exact overlays of the same discs.
FRACTION_TOLERANCE = 1e-3
#: Tiny runs load only settlements near the Donetsk front, where shares are not all 0 or 1.
TINY_BOX = {"lon": (37.0, 38.4), "lat": (47.6, 49.0)}


@dataclass(frozen=True, slots=True)
class Config:
    snapshots: int | None        # None: every file
    baseline_sample: int         # snapshots the geopandas baseline is timed on
    gazetteer_rows: int | None   # None: the whole gazetteer
    repeats: int                 # best-of-N: ingest plus index and the two parse baselines
    rebuild_repeats: int         # best-of-N: the full timeline rebuild and the new day
    baseline_repeats: int        # best-of-N per sampled snapshot for the geopandas baseline


CONFIGS = {
    "full": Config(snapshots=None, baseline_sample=8, gazetteer_rows=None, repeats=3,
                   rebuild_repeats=5, baseline_repeats=1),
    "tiny": Config(snapshots=12, baseline_sample=3, gazetteer_rows=800, repeats=1,
                   rebuild_repeats=1, baseline_repeats=1),
}

_SELF = "bench.bench_control"


# ---------------------------------------------------------------- ours (each run in a fresh process)

def warm_ours() -> None:
    """Per-process start-up, not timed: imports, the border assets, the PROJ transformers."""
    from frontcheck import assets
    from frontcheck.app import snapshot_ingest  # noqa: F401
    from frontcheck.control.projection import lonlat_to_xy, to_equal_area, to_lonlat
    from frontcheck.store import engine, timelines  # noqa: F401

    assets.ukraine_border()
    assets.neighbour_regions()
    lonlat_to_xy([37.5], [48.0])
    to_lonlat(to_equal_area(assets.ukraine_border().centroid))


def make_places_store(store: str, gazetteer: str) -> int:
    """A fresh store with the gazetteer loaded (the starting point of every run of ours)."""
    from frontcheck.app.place_load import load_gazetteer
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine:
        return load_gazetteer(engine, gazetteer)["rows"]


def ingest_and_index(store: str, files: list[str]) -> dict:
    """``control ingest`` without the CLI: ingest the files into the store, refresh timelines."""
    from frontcheck.app.snapshot_ingest import ingest_snapshots
    from frontcheck.app.timeline_build import refresh_timelines
    from frontcheck.control.formats import ReadOptions
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine:
        report = ingest_snapshots(engine, [], ReadOptions(tracker=TRACKER),
                                  files=[Path(f) for f in files])
        done = refresh_timelines(engine, TRACKER, fresh=report.fresh, footprints=report.footprints)
    return {"new": report.new, "already_stored": report.already_stored,
            "failed": len(report.failed), "timelines": done}


def prepare_rebuild(source: str, target: str) -> None:
    """Copy a full store and delete its timeline_index row, so that the refresh rebuilds."""
    from sqlalchemy import delete

    from frontcheck.store import schema as s
    from frontcheck.store.engine import open_engine

    copy_store(Path(source), Path(target))
    with open_engine(target) as engine, engine.begin() as connection:
        connection.execute(delete(s.timeline_index).where(s.timeline_index.c.tracker == TRACKER))


def refresh_store(store: str) -> str:
    """``refresh_timelines`` on a store; returns what it did ("rebuilt", "extended", ...)."""
    from frontcheck.app.timeline_build import refresh_timelines
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine:
        return refresh_timelines(engine, TRACKER)


def _stored_fractions(store: Path, on, layer: str, ids: np.ndarray) -> np.ndarray:
    """Our stored share of every place on the snapshot dated ``on`` (aligned with ``ids``)."""
    from sqlalchemy import or_, select

    from frontcheck.store import schema as s
    from frontcheck.store.engine import open_engine

    t = s.timeline_interval.c
    with open_engine(store) as engine, engine.connect() as connection:
        rows = dict(connection.execute(
            select(t.place_id, t.fraction)
            .where(t.tracker == TRACKER, t.layer == layer, t.valid_from <= on,
                   or_(t.valid_to.is_(None), t.valid_to >= on))).all())
    return np.array([rows.get(p, np.nan) for p in ids], dtype=float)


def _intervals(store: Path) -> set[tuple]:
    from sqlalchemy import select

    from frontcheck.store import schema as s
    from frontcheck.store.engine import open_engine

    t = s.timeline_interval.c
    with open_engine(store) as engine, engine.connect() as connection:
        return set(connection.execute(
            select(t.layer, t.place_id, t.valid_from, t.valid_to, t.fraction)
            .where(t.tracker == TRACKER)))


# ---------------------------------------------------------------- baselines

def warm_parse() -> None:
    """What the parse baselines import, not timed."""
    import orjson  # noqa: F401
    import shapely.geometry  # noqa: F401

    from frontcheck.control.formats import shipped  # noqa: F401


def parse_shape(files: list[str]) -> int:
    """Baseline (a): what a user writes to read the files; returns the number of geometries."""
    import orjson
    from shapely.geometry import shape

    count = 0
    for path in files:
        doc = orjson.loads(Path(path).read_bytes())
        count += len([shape(feature["geometry"]) for feature in doc["features"]])
    return count


def parse_fast(files: list[str]) -> int:
    """Baseline (b): orjson plus frontcheck's array-built polygons, our fastest parse."""
    import orjson

    from frontcheck.control.formats.shipped import polygon_from_geojson

    count = 0
    for path in files:
        doc = orjson.loads(Path(path).read_bytes())
        count += len([polygon_from_geojson(feature["geometry"]) for feature in doc["features"]])
    return count


def baseline_overlay(footprints, layer) -> np.ndarray:
    """Naive timeline step with ``geopandas.overlay``: the footprint discs cut by the layer's
    parts, pieces' area summed per place over the disc's area (aligned with ``footprints``)."""
    import geopandas as gpd

    parts = gpd.GeoDataFrame({"layer": ["occupied"]}, geometry=[layer],
                             crs=footprints.crs).explode(index_parts=False)
    pieces = gpd.overlay(footprints, parts, how="intersection", keep_geom_type=True)
    inside = pieces.geometry.area.groupby(pieces["place_id"].to_numpy()).sum()
    return inside.reindex(footprints["place_id"], fill_value=0.0).to_numpy() / footprints["area_m2"].to_numpy()


def baseline_intersection(footprints, layer) -> np.ndarray:
    """Naive timeline step with ``GeoSeries.intersection(layer).area / area``."""
    return footprints.geometry.intersection(layer).area.to_numpy() / footprints["area_m2"].to_numpy()


BASELINES = {"geopandas.overlay": baseline_overlay,
             "GeoSeries.intersection": baseline_intersection}


# ---------------------------------------------------------------- the run

def run(scale: str = "full") -> dict:
    """Measure everything at ``scale`` ("full" or "tiny"), write the results file, return it."""
    config = CONFIGS[scale]
    started = time.perf_counter()
    files = daily_files()
    if config.snapshots is not None:
        files = files[:config.snapshots]
    with tempfile.TemporaryDirectory(prefix="frontcheck-bench-") as tmp:
        result = _measure(config, files, Path(tmp))
    return write_results({"job": JOB, "scale": scale, "config": asdict(config), **result,
                          "seconds_total": round(time.perf_counter() - started, 1)})


def _measure(config: Config, files: list[Path], work: Path) -> dict:
    import os

    from frontcheck.control.snapshot import OCCUPIED

    load_at_start = os.getloadavg()[0]
    checks: dict[str, bool] = {}
    details: dict[str, object] = {}
    names = [str(f) for f in files]
    stores = {k: str(work / f"{k}.sqlite")
              for k in ("places", "full", "minus-one", "rebuilt", "new-day")}

    # Setup, not timed: the places-only store, and one holding every file but the last.
    gazetteer = bench_gazetteer(work, config.gazetteer_rows, TINY_BOX)
    gazetteer_rows = run_in_subprocess(f"{_SELF}:make_places_store",
                                       {"store": stores["places"], "gazetteer": str(gazetteer)})["result"]
    before = run_in_subprocess(
        f"{_SELF}:ingest_and_index", {"store": stores["minus-one"], "files": names[:-1]},
        before=[("copy_store", {"source": stores["places"], "target": stores["minus-one"]})])["result"]

    # 2 and 4. Ingest plus index against the two parse baselines, in turn, each run in a
    # fresh process; the ingest runs' peak RSS is the memory measurement.
    warm = [("warm_ours", {})]
    timed = interleaved({
        "parse_shape": lambda: run_in_subprocess(f"{_SELF}:parse_shape", {"files": names},
                                                 before=[("warm_parse", {})]),
        "parse_fast": lambda: run_in_subprocess(f"{_SELF}:parse_fast", {"files": names},
                                                before=[("warm_parse", {})]),
        "ingest_index": lambda: run_in_subprocess(
            f"{_SELF}:ingest_and_index", {"store": stores["full"], "files": names},
            before=[*warm, ("copy_store", {"source": stores["places"], "target": stores["full"]})]),
    }, config.repeats)
    parse_a, parse_b, ingest = timed["parse_shape"], timed["parse_fast"], timed["ingest_index"]
    checks["parse_baselines_agree"] = (parse_a.result == parse_b.result
                                       and _parse_baselines_agree(files))
    checks["ingest_index_all_files"] = (ingest.result["new"] == len(files)
                                        and ingest.result["failed"] == 0
                                        and ingest.result["timelines"] == "rebuilt")
    details["ingest_index"] = ingest.result

    # 1 and 3. The full timeline rebuild and the new day, in turn, each in a fresh process.
    timed = interleaved({
        "rebuild": lambda: run_in_subprocess(
            f"{_SELF}:refresh_store", {"store": stores["rebuilt"]},
            before=[*warm, ("prepare_rebuild", {"source": stores["full"], "target": stores["rebuilt"]})]),
        "new_day": lambda: run_in_subprocess(
            f"{_SELF}:ingest_and_index", {"store": stores["new-day"], "files": names[-1:]},
            before=[*warm, ("copy_store", {"source": stores["minus-one"], "target": stores["new-day"]})]),
    }, config.rebuild_repeats)
    rebuild, new_day = timed["rebuild"], timed["new_day"]
    checks["rebuild_was_full"] = rebuild.result == "rebuilt"
    checks["new_day_was_extended"] = (before["timelines"] == "rebuilt"
                                      and new_day.result["new"] == 1
                                      and new_day.result["timelines"] == "extended")
    # Every layer's intervals (coverage too), every day: extending must equal rebuilding.
    checks["extended_equals_rebuilt"] = (_intervals(Path(stores["new-day"]))
                                         == _intervals(Path(stores["rebuilt"])))
    details["new_day"] = {"store_before": before, "added": new_day.result,
                          "added_file": files[-1].name}

    # 1. The geopandas baseline, here (it needs pandas), on sample snapshots; checked first.
    timelines = _timelines_against_baseline(config, Path(stores["rebuilt"]), OCCUPIED,
                                            checks, details)
    n_snapshots = timelines["snapshots"]
    baseline_per_snapshot = min(v["mean_s_per_snapshot"] for v in timelines["variants"].values())
    baseline_total = baseline_per_snapshot * n_snapshots

    ratios = {
        "timelines_speedup": baseline_total / rebuild.best,
        "ingest_index_vs_parse_shape": ingest.best / parse_a.best,
        "ingest_index_vs_parse_fast": ingest.best / parse_b.best,
        "new_day_vs_full_rebuild": new_day.best / ingest.best,
        "new_day_vs_timeline_rebuild": new_day.best / rebuild.best,
    }
    ratios_cpu = {
        "ingest_index_vs_parse_shape": ingest.best_cpu / parse_a.best_cpu,
        "ingest_index_vs_parse_fast": ingest.best_cpu / parse_b.best_cpu,
        "new_day_vs_full_rebuild": new_day.best_cpu / ingest.best_cpu,
        "new_day_vs_timeline_rebuild": new_day.best_cpu / rebuild.best_cpu,
    }
    peak_rss = ingest.peak_rss_bytes
    goals = {
        "timelines_speedup": goal(ratios["timelines_speedup"], ">=", 20, "x",
                                  judged_on="extrapolated geopandas baseline / full rebuild"),
        "ingest_index_vs_parse": goal(ratios["ingest_index_vs_parse_shape"], "<=", 3, "x",
                                      judged_on="(a) orjson.loads + shapely.geometry.shape",
                                      against_fast_parse=round(ratios["ingest_index_vs_parse_fast"], 3)),
        "new_day_vs_full_rebuild": goal(
            ratios["new_day_vs_full_rebuild"], "<=", 0.02,
            judged_on="ingest last file + refresh (extended) / the whole history rebuilt "
                      "(every file ingested: areas, changes, timelines)",
            against_timeline_rebuild_only=round(ratios["new_day_vs_timeline_rebuild"], 4)),
        "peak_rss": goal(peak_rss / 1e9, "<", 2, "GB",
                         judged_on="ru_maxrss of a fresh process doing the full ingest plus index"),
    }
    # A fast wrong answer is no speedup: a goal whose same-answer checks failed is not met.
    for name, needs in {"timelines_speedup": ("rebuild_was_full", "timelines_match_baseline"),
                        "ingest_index_vs_parse": ("ingest_index_all_files", "parse_baselines_agree"),
                        "new_day_vs_full_rebuild": ("new_day_was_extended", "extended_equals_rebuilt"),
                        "peak_rss": ("ingest_index_all_files",)}.items():
        failed = [c for c in needs if not checks[c]]
        if failed:
            goals[name].update(met=False, failed_checks=failed)
    notes = [
        "Every run of ours and of the parse baselines is a fresh Python process: what the bench "
        "itself has imported (pandas makes each garbage collection several times dearer) must not "
        "weigh on either side. Process start-up (imports; for ours also the border assets and "
        "PROJ transformers) is not timed; untimed_process_startup_s lists it.",
        "Ours and its baselines are timed in turn (a, b, c, a, b, c, ...) so that a machine whose "
        "load drifts weighs on all alike; best-of-N wall seconds are the result, CPU seconds "
        "(ratios_cpu) are given as a check on a busy machine.",
        f"The geopandas baseline is timed on {len(timelines['sampled_dates'])} evenly spaced "
        f"snapshots (best of {config.baseline_repeats} each) and extrapolated: mean seconds per "
        f"snapshot x {n_snapshots} snapshots. Its time is that of the faster of its two variants "
        "(overlay against the layer's parts, or GeoSeries.intersection). It gets the layer "
        "already projected to the equal-area plane and the footprint GeoDataFrame ready (not "
        "timed) and computes the occupied layer only; ours reads and projects each layer from "
        "the store, also computes the coverage shares, and writes the intervals.",
        "A new day is judged against a full rebuild: the whole history recomputed from the "
        "files (every snapshot ingested, areas, daily changes and timelines), which is what "
        "one would run without incremental updates. new_day_vs_timeline_rebuild sets it also "
        "against re-deriving the timelines alone from a store that already holds every "
        "snapshot and change: a stricter reference, reported, not the goal.",
    ]
    return {
        "inputs": {
            "snapshots": len(files), "snapshot_bytes": sum(f.stat().st_size for f in files),
            "first_file": files[0].name, "last_file": files[-1].name,
            "gazetteer": str(gazetteer) if config.gazetteer_rows is None
            else f"{config.gazetteer_rows} rows of the gazetteer inside {TINY_BOX}",
            "gazetteer_rows": gazetteer_rows,
            "settlements_with_footprints": timelines["settlements"],
            "features_parsed": parse_a.result,
        },
        "timings": {
            "timelines": {
                "ours": rebuild.as_dict("refresh_timelines full rebuild (timeline_index row "
                                        "deleted) on a store holding every snapshot and place"),
                "baseline": {"what": "geopandas per snapshot, extrapolated",
                             "extrapolated": True,
                             "sampled_dates": timelines["sampled_dates"],
                             "seconds_per_snapshot": round(baseline_per_snapshot, 6),
                             "estimated_total_s": round(baseline_total, 3),
                             "variants": timelines["variants"]},
            },
            "ingest_index": ingest.as_dict("fresh store with the gazetteer loaded: "
                                           "ingest_snapshots(every file) + refresh_timelines"),
            "parse_shape": parse_a.as_dict("(a) read + orjson.loads + shapely.geometry.shape "
                                           "per feature"),
            "parse_fast": parse_b.as_dict("(b) read + orjson.loads + polygon_from_geojson "
                                          "per feature"),
            "new_day": new_day.as_dict("ingest_snapshots(last file) + refresh_timelines "
                                       "('extended') on a store holding all the other files"),
        },
        "peak_rss": {"bytes": peak_rss, "gb": round(peak_rss / 1e9, 3),
                     "how": "resource.getrusage(RUSAGE_SELF).ru_maxrss of each fresh process "
                            "running warm-up + ingest_and_index(every file); the largest"},
        "ratios": {k: round(v, 6) for k, v in ratios.items()},
        "ratios_cpu": {k: round(v, 6) for k, v in ratios_cpu.items()},
        "checks": checks,
        "check_details": details,
        "goals": goals,
        "load_average_1m_at_start": round(load_at_start, 2),
        "notes": notes,
    }


def _timelines_against_baseline(config: Config, store: Path, layer_name: str,
                                checks: dict, details: dict) -> dict:
    """Time the geopandas baseline on sample snapshots and compare its shares with ours."""
    import geopandas as gpd

    from frontcheck.app.snapshot_write import projected_layers
    from frontcheck.app.timeline_build import load_footprints
    from frontcheck.control.projection import EQUAL_AREA_CRS
    from frontcheck.store import control as store_control
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine, engine.connect() as connection:
        footprints = load_footprints(connection)
        sequence = store_control.tracker_sequence(connection, TRACKER)
        sample = [sequence[i] for i in evenly_spaced(len(sequence), config.baseline_sample)]
        layers = {e.id: projected_layers(connection, e.id)[layer_name] for e in sample}
    frame = gpd.GeoDataFrame({"place_id": footprints.ids, "area_m2": footprints.area_m2},
                             geometry=footprints.discs, crs=EQUAL_AREA_CRS)
    variants: dict[str, dict] = {}
    worst = 0.0
    per_date = []
    for name, baseline in BASELINES.items():
        seconds = []
        for entry in sample:
            timing = best_of(lambda baseline=baseline, entry=entry: baseline(frame, layers[entry.id]),
                             config.baseline_repeats)
            seconds.append(timing.best)
            ours = _stored_fractions(store, entry.on, layer_name, footprints.ids)
            diff = float(np.max(np.abs(ours - timing.result)))  # NaN (a place we lack) fails
            worst = max(worst, diff) if np.isfinite(diff) else np.inf
            per_date.append({"baseline": name, "date": entry.on.isoformat(),
                             "max_abs_diff": diff,
                             "places_held_ours": int(np.sum(ours > 0)),
                             "places_held_baseline": int(np.sum(timing.result > 1e-9)),
                             "places_partly_held_ours": int(np.sum((ours > 0) & (ours < 1)))})
        variants[name] = {"seconds_per_sampled_snapshot": [round(t, 6) for t in seconds],
                          "mean_s_per_snapshot": float(np.mean(seconds)),
                          "best_of": config.baseline_repeats}
    checks["timelines_match_baseline"] = bool(worst <= FRACTION_TOLERANCE)
    details["timelines_vs_baseline"] = {"tolerance": FRACTION_TOLERANCE, "max_abs_diff": worst,
                                        "per_sampled_snapshot": per_date}
    return {"snapshots": len(sequence), "settlements": len(footprints.ids),
            "sampled_dates": [e.on.isoformat() for e in sample], "variants": variants}


def _parse_baselines_agree(files: list[Path]) -> bool:
    """Both parse baselines read the same polygons (same total area) on a few files."""
    import orjson
    import shapely
    from shapely.geometry import shape

    from frontcheck.control.formats.shipped import polygon_from_geojson

    for i in evenly_spaced(len(files), 3):
        features = orjson.loads(files[i].read_bytes())["features"]
        a = sum(shape(f["geometry"]).area for f in features)
        b = float(np.sum(shapely.area([polygon_from_geojson(f["geometry"]) for f in features])))
        if not np.isclose(a, b, rtol=1e-12, atol=0):
            return False
    return True


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else "full")["ratios"], indent=2))
