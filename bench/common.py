"""What every bench shares: input paths, timing, peak memory, the machine, and results files.

A bench's ``run(scale)`` returns a dict with at least:

- ``job``, ``scale``;
- ``ratios``: name -> float, every ratio the bench reports (baseline / ours for speed-ups,
  ours / reference for costs; the name says which);
- ``checks``: name -> bool, the same-answer checks made before timing (all must be True:
  a fast wrong answer is no speedup);
- ``goals``: name -> ``goal(...)`` dicts (value, target, met);
- ``results_file``: where ``write_results`` put the JSON.

``write_results`` adds the commit, date, CPU and library versions. Results go to
``bench/results/`` or to ``$FRONTCHECK_BENCH_RESULTS`` when set (the smoke test points it at a
temporary folder); a full-scale run writes ``<job>.json``, any other scale ``<job>-<scale>.json``.
"""

from __future__ import annotations

import gc
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = Path(__file__).resolve().parent
ENV_RESULTS = "FRONTCHECK_BENCH_RESULTS"
ENV_SHARED = "FRONTCHECK_SHARED"
SCALES = ("full", "tiny")


# ---------------------------------------------------------------- inputs

def shared_data() -> Path:
    """The shared/data folder: ``$FRONTCHECK_SHARED``, else ``../shared/data`` beside the repo."""
    folder = Path(os.environ[ENV_SHARED]) if os.environ.get(ENV_SHARED) else ROOT.parent / "shared" / "data"
    if not folder.is_dir():
        raise FileNotFoundError(f"bench data missing: {folder} (set {ENV_SHARED} to the shared/data folder)")
    return folder


def daily_files() -> list[Path]:
    """The shipped DeepStateMAP daily snapshots, in date order."""
    files = sorted((shared_data() / "deepstate-occupied" / "daily").glob("deepstatemap_data_*.geojson"))
    if not files:
        raise FileNotFoundError(f"no daily snapshots in {shared_data() / 'deepstate-occupied' / 'daily'}")
    return files


def gazetteer_csv() -> Path:
    """The shared gazetteer CSV."""
    path = shared_data() / "gazetteer" / "gazetteer.csv"
    if not path.is_file():
        raise FileNotFoundError(f"bench data missing: {path}")
    return path


def gazetteer_subset(source: Path, target: Path, lon: tuple[float, float],
                     lat: tuple[float, float], limit: int) -> int:
    """Write the first ``limit`` gazetteer rows inside a lon/lat box to ``target`` (same columns);
    returns the number of rows written. For tiny runs: loading 35,000 places takes seconds."""
    import csv

    with source.open(newline="", encoding="utf-8") as handle, \
            target.open("w", newline="", encoding="utf-8") as out:
        reader = csv.DictReader(handle)
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
        writer.writeheader()
        written = 0
        for row in reader:
            try:
                x, y = float(row["lon"]), float(row["lat"])
            except ValueError:
                continue
            if lon[0] <= x <= lon[1] and lat[0] <= y <= lat[1]:
                writer.writerow(row)
                written += 1
                if written >= limit:
                    break
    return written


def evenly_spaced(n: int, k: int) -> list[int]:
    """``k`` indices spread evenly over ``range(n)``, first and last included.

    >>> evenly_spaced(769, 5)
    [0, 192, 384, 576, 768]
    """
    if k >= n:
        return list(range(n))
    if k == 1:
        return [n // 2]
    return sorted({round(i * (n - 1) / (k - 1)) for i in range(k)})


def copy_store(source: Path, target: Path) -> Path:
    """Copy an SQLite store (and its WAL, if one is left) whose engines are all disposed."""
    for suffix in ("", "-wal"):
        src = Path(f"{source}{suffix}")
        dst = Path(f"{target}{suffix}")
        if src.exists():
            shutil.copyfile(src, dst)
        elif dst.exists():
            dst.unlink()
    Path(f"{target}-shm").unlink(missing_ok=True)
    return target


# ---------------------------------------------------------------- timing

@dataclass(frozen=True, slots=True)
class Timing:
    """Best-of-N wall-clock seconds of one measured call, every run's seconds, and the last
    run's return value (for checking)."""

    best: float
    runs: list[float]
    result: Any

    def as_dict(self, what: str) -> dict:
        return {"what": what, "best_s": round(self.best, 6), "best_of": len(self.runs),
                "runs_s": [round(t, 6) for t in self.runs]}


def best_of(fn: Callable[..., Any], repeats: int, setup: Callable[[], Any] | None = None) -> Timing:
    """Time ``fn(setup())`` (or ``fn()``) ``repeats`` times; ``setup`` is not timed."""
    runs, result = [], None
    for _ in range(max(1, repeats)):
        argument = setup() if setup is not None else None
        gc.collect()
        start = time.perf_counter()
        result = fn(argument) if setup is not None else fn()
        runs.append(time.perf_counter() - start)
    return Timing(min(runs), runs, result)


_RSS_CHILD = """
import json, resource, sys
from importlib import import_module
module, function = sys.argv[1].split(":")
kwargs = json.loads(sys.argv[2])
result = getattr(import_module(module), function)(**kwargs)
print(json.dumps({"ru_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "result": result}, default=str))
"""


def peak_rss_in_subprocess(target: str, **kwargs: Any) -> dict:
    """Run ``module:function(**kwargs)`` in a fresh Python and return its peak RSS.

    Returns ``{"peak_rss_bytes", "seconds", "result"}``; the kwargs and the function's result
    must be JSON-serialisable. A fresh process, so nothing the parent holds is counted.
    """
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _RSS_CHILD, target, json.dumps(kwargs, default=str)],
                          cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(
                              [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])})
    if done.returncode != 0:
        raise RuntimeError(f"peak-RSS run of {target} failed:\n{done.stderr[-4000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return {"peak_rss_bytes": int(report["ru_maxrss_kib"]) * 1024,
            "seconds": round(time.perf_counter() - start, 3), "result": report["result"]}


# ---------------------------------------------------------------- goals and results

_OPS = {"<=": lambda a, b: a <= b, "<": lambda a, b: a < b,
        ">=": lambda a, b: a >= b, ">": lambda a, b: a > b}


def goal(value: float, op: str, target: float, unit: str = "", **notes: Any) -> dict:
    """A goal and whether ``value`` meets it, e.g. ``goal(31.2, ">=", 20, "x")``."""
    return {"value": _round(value), "goal": f"{op} {target:g}{(' ' + unit) if unit else ''}",
            "met": bool(math.isfinite(value) and _OPS[op](value, target)), **notes}


def _round(value: float) -> float:
    if not math.isfinite(value) or value == 0:
        return value
    return round(value, max(4, 4 - int(math.floor(math.log10(abs(value))))))


def environment() -> dict:
    """The commit, date and machine a result was measured on, and the library versions."""
    import numpy
    import pyproj
    import shapely
    import sqlalchemy
    import sqlite3

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    changed = [line for line in git("status", "--porcelain").splitlines() if line.strip()]
    versions = {"python": platform.python_version(), "shapely": shapely.__version__,
                "geos": shapely.geos_version_string, "pyproj": pyproj.__version__,
                "proj": pyproj.proj_version_str, "numpy": numpy.__version__,
                "sqlalchemy": sqlalchemy.__version__, "sqlite": sqlite3.sqlite_version}
    for name in ("geopandas", "orjson", "rapidfuzz", "pandas"):
        try:
            versions[name] = import_module(name).__version__
        except ImportError:
            pass
    return {
        "commit": git("rev-parse", "HEAD") or None,
        "working_tree_changed_files": len(changed),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu": cpu_model(), "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "platform": platform.platform(), "versions": versions,
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def results_dir() -> Path:
    return Path(os.environ[ENV_RESULTS]) if os.environ.get(ENV_RESULTS) else BENCH_DIR / "results"


def results_path(job: str, scale: str) -> Path:
    """``<results>/<job>.json`` at full scale, ``<results>/<job>-<scale>.json`` otherwise."""
    return results_dir() / (f"{job}.json" if scale == "full" else f"{job}-{scale}.json")


def write_results(result: dict) -> dict:
    """Add the environment to a bench's result, write it as JSON, and return it."""
    path = results_path(result["job"], result["scale"])
    path.parent.mkdir(parents=True, exist_ok=True)
    result = {**result, "environment": environment(), "results_file": str(path)}
    path.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return result


# ---------------------------------------------------------------- discovery

def bench_modules() -> list[str]:
    """Names of every ``bench/bench_*.py`` module, sorted (``bench.bench_control``, ...)."""
    return [f"bench.{p.stem}" for p in sorted(BENCH_DIR.glob("bench_*.py"))]
