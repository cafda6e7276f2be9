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

import contextlib
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
from dataclasses import dataclass, field
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


def bench_gazetteer(work: Path, rows: int | None, box: dict) -> Path:
    """The shared gazetteer, or for a reduced run (``rows`` set) a copy of its first ``rows``
    places inside ``box`` ({"lon": (min, max), "lat": (min, max)}) written in ``work``."""
    if not rows:
        return gazetteer_csv()
    subset = work / "gazetteer-subset.csv"
    gazetteer_subset(gazetteer_csv(), subset, box["lon"], box["lat"], rows)
    return subset


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
    """Best-of-N wall-clock seconds of one measured call, every run's wall and CPU seconds,
    the last run's return value (for checking), and the largest peak RSS seen (when the runs
    were separate processes)."""

    best: float
    runs: list[float]
    result: Any
    cpu_runs: list[float] = field(default_factory=list)
    peak_rss_bytes: int | None = None
    startup_runs: list[float] = field(default_factory=list)

    @property
    def best_cpu(self) -> float:
        return min(self.cpu_runs) if self.cpu_runs else math.nan

    def as_dict(self, what: str) -> dict:
        out = {"what": what, "best_s": round(self.best, 6), "best_of": len(self.runs),
               "runs_s": [round(t, 6) for t in self.runs]}
        if self.cpu_runs:
            out.update(best_cpu_s=round(self.best_cpu, 6),
                       cpu_runs_s=[round(t, 6) for t in self.cpu_runs])
        if self.startup_runs:
            out["untimed_process_startup_s"] = [round(t, 3) for t in self.startup_runs]
        if self.peak_rss_bytes is not None:
            out["peak_rss_bytes"] = self.peak_rss_bytes
        return out


def best_of(fn: Callable[..., Any], repeats: int, setup: Callable[[], Any] | None = None) -> Timing:
    """Time ``fn(setup())`` (or ``fn()``) ``repeats`` times in this process; ``setup`` is not
    timed."""
    runs, cpu, result = [], [], None
    for _ in range(max(1, repeats)):
        argument = setup() if setup is not None else None
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn(argument) if setup is not None else fn()
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return Timing(min(runs), runs, result, cpu)


_CHILD = """
import gc, json, resource, sys, time
from importlib import import_module
spec = json.loads(sys.argv[1])
module = import_module(spec["module"])
start = time.perf_counter()
for name, kwargs in spec["before"]:
    getattr(module, name)(**kwargs)
startup = time.perf_counter() - start
gc.collect()
wall, cpu = time.perf_counter(), time.process_time()
result = getattr(module, spec["function"])(**spec["kwargs"])
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"seconds": wall, "cpu_seconds": cpu, "untimed_s": startup, "result": result,
                  "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024},
                 default=str))
"""


def run_in_subprocess(target: str, kwargs: dict | None = None,
                      before: list[tuple[str, dict]] = ()) -> dict:
    """Run ``module:function(**kwargs)`` once in a fresh Python and time it there.

    ``before`` names functions of the same module to call first, untimed (imports, warm-up,
    copying a store). Returns ``{"seconds", "cpu_seconds", "untimed_s", "result",
    "peak_rss_bytes"}``; arguments and result must be JSON-serialisable. A fresh process per
    run means the timing does not depend on what the bench itself has imported or allocated
    (a process that has imported pandas pays several times more for each garbage collection),
    and its peak RSS (``ru_maxrss``) is that of the run alone.
    """
    module, function = target.split(":")
    spec = {"module": module, "function": function, "kwargs": kwargs or {},
            "before": [list(b) for b in before]}
    pythonpath = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(spec, default=str)],
                          cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": pythonpath})
    if done.returncode != 0:
        raise RuntimeError(f"bench run of {target} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def interleaved(cases: dict[str, Callable[[], dict]], repeats: int) -> dict[str, Timing]:
    """Best-of-N of several measurements taken in turn (a, b, c, a, b, c, ...), so that a
    machine whose load drifts during the bench weighs on all of them alike.

    Each case is a no-argument callable returning a ``run_in_subprocess`` dict.
    """
    runs: dict[str, list[dict]] = {name: [] for name in cases}
    for _ in range(max(1, repeats)):
        for name, case in cases.items():
            runs[name].append(case())
    out = {}
    for name, done in runs.items():
        seconds = [r["seconds"] for r in done]
        out[name] = Timing(min(seconds), seconds, done[-1]["result"],
                           [r["cpu_seconds"] for r in done],
                           max(r["peak_rss_bytes"] for r in done),
                           [r["untimed_s"] for r in done])
    return out


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
    return round(value, max(4, 4 - math.floor(math.log10(abs(value)))))


def environment() -> dict:
    """The commit, date and machine a result was measured on, and the library versions."""
    import sqlite3

    import numpy
    import pyproj
    import shapely
    import sqlalchemy

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
        with contextlib.suppress(ImportError):
            versions[name] = import_module(name).__version__
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
