"""Nothing stale after a failure (issue 14): timelines follow the snapshots whatever stops an
ingest (a bad file, kill -9 at a random point), workers die with their parent, and two ingests
at once into one store do not collide."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import delete

from frontcheck.app.timeline_build import refresh_timelines
from frontcheck.store import schema
from frontcheck.store.engine import open_engine
from frontcheck.store.timelines import timelines_plan
from tests.app.test_snapshot_ingest import intervals
from tests.conftest import copy_store, new_store
from tests.hardening.conftest import SMALL

#: The days the tests ingest: five for the base store, then twenty (enough for the worker pool).
BASE_DAYS = [f"202512{d:02d}" for d in range(1, 6)]
NEW_DAYS = [f"2025{m:02d}{d:02d}" for m, d in [(12, d) for d in range(6, 26)]]


def frontcheck_args(*args) -> list[str]:
    return [sys.executable, "-m", "frontcheck", *map(str, args)]


def run(*args, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(frontcheck_args(*args), capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def day_files(daily_dir: Path, days: list[str], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for day in days:
        source = daily_dir / f"deepstatemap_data_{day}.geojson"
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


@pytest.fixture(scope="module")
def base_store(tmp_path_factory, daily_dir, gazetteer_csv, store_kind, request) -> Path:
    """Gazetteer and five December 2025 days, timelines built."""
    root = tmp_path_factory.mktemp("stale")
    db = new_store(store_kind, root, request)
    run("place", "load", gazetteer_csv, "--db", db, "--quiet")
    run("control", "ingest", day_files(daily_dir, BASE_DAYS, root / "base"), "--db", db, "--quiet")
    return db


@pytest.fixture(scope="module")
def new_days(tmp_path_factory, daily_dir) -> Path:
    return day_files(daily_dir, NEW_DAYS, tmp_path_factory.mktemp("new") / "days")


@pytest.fixture(scope="module")
def reference(base_store, new_days, tmp_path_factory) -> list[tuple]:
    """The timelines of a clean, uninterrupted ingest of the twenty new days."""
    db = copy_store(base_store, tmp_path_factory.mktemp("ref") / "ref.sqlite")
    run("control", "ingest", new_days, "--db", db, "--quiet")
    return intervals(db)


def rebuilt(db: Path, tmp_path: Path) -> list[tuple]:
    """A clean build of the timelines of whatever snapshots a store holds."""
    copy = copy_store(db, tmp_path / "rebuilt.sqlite")
    with open_engine(copy) as engine:
        with engine.begin() as connection:
            connection.execute(delete(schema.timeline_index))
            connection.execute(delete(schema.timeline_interval))
        assert refresh_timelines(engine, "deepstate") == "rebuilt"
    return intervals(copy)


def plan(db: Path) -> str:
    with open_engine(db) as engine, engine.connect() as connection:
        return timelines_plan(connection, "deepstate").action


def test_a_bad_file_after_a_good_one_leaves_no_stale_timeline(base_store, new_days, tmp_path,
                                                              daily_dir):
    db = copy_store(base_store, tmp_path / "store.sqlite")
    good = new_days / f"deepstatemap_data_{NEW_DAYS[0]}.geojson"
    truncated = tmp_path / f"deepstatemap_data_{NEW_DAYS[1]}.geojson"
    truncated.write_bytes((new_days / truncated.name).read_bytes()[:900])
    failed = run("control", "ingest", good, truncated, "--db", db, check=False)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert plan(db) == "current"
    assert intervals(db) == rebuilt(db, tmp_path)
    # the status of a place on the good day answers from its timeline
    status = run("control", "status", "Pokrovsk", "--on", f"{NEW_DAYS[0][:4]}-12-06",
                 "--format", "json", "--db", db)
    assert json.loads(status.stdout)[0]["snapshot_date"] == "2025-12-06"


def test_a_store_left_stale_is_brought_up_to_date_by_the_next_reader(base_store, new_days,
                                                                     tmp_path):
    """Timelines behind the snapshots (as a killed ingest leaves them): a reader refreshes,
    the status job refuses rather than answer from them, and re-running the files
    (all 'already stored') brings them up to date too."""
    from frontcheck.app.place_history import status
    from frontcheck.app.records import Place
    from frontcheck.app.snapshot_ingest import ingest_snapshots
    from frontcheck.control.formats import ReadOptions
    from frontcheck.errors import StaleTimelinesError

    db = copy_store(base_store, tmp_path / "store.sqlite")
    with open_engine(db) as engine:      # snapshots written, timeline work never done
        ingest_snapshots(engine, [], ReadOptions(), files=sorted(new_days.iterdir())[:3])
        with engine.connect() as connection:
            place = Place("gn:704147", "x", "", "", "x", "", None, None, None)
            with pytest.raises(StaleTimelinesError):
                status(connection, place, "deepstate", __import__("datetime").date(2025, 12, 8))
    assert plan(db) == "extend"
    again = run("control", "ingest", *sorted(new_days.iterdir())[:3], "--db", db)
    assert "0 new, 3 already stored" in again.stderr
    assert plan(db) == "current"
    assert intervals(db) == rebuilt(db, tmp_path)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="the worker pool needs 2 cores")
def test_workers_exit_with_a_killed_parent(base_store, new_days, tmp_path):
    db = copy_store(base_store, tmp_path / "store.sqlite")
    process = subprocess.Popen(frontcheck_args("control", "ingest", new_days, "--db", db, "--quiet"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2 and process.poll() is None:
        workers = _children(process.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "no worker processes seen"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    survivors = [p for p in workers if _alive(p)]
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert not survivors, f"workers {survivors} outlived their parent"


KILL_POINTS = 2 if SMALL else 5


@pytest.mark.parametrize("seed", range(KILL_POINTS))
def test_kill_9_at_a_random_point_then_any_reader_sees_a_clean_build(base_store, new_days,
                                                                     reference, tmp_path, seed):
    db = copy_store(base_store, tmp_path / "store.sqlite")
    start = time.monotonic()
    process = subprocess.Popen(frontcheck_args("control", "ingest", new_days, "--db", db, "--quiet"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # A random point between start-up (imports) and the end of a clean run of this size.
    time.sleep(random.Random(seed).uniform(1.0, 12.0))
    process.send_signal(signal.SIGKILL)
    process.wait()
    elapsed = time.monotonic() - start
    # any reader: answers from timelines equal to a clean build of what is stored
    status = run("control", "status", "Pokrovsk", "--on", "2025-12-03", "--format", "json",
                 "--db", db)
    assert json.loads(status.stdout)[0]["snapshot_date"] == "2025-12-03"
    assert plan(db) == "current"
    assert intervals(db) == rebuilt(db, tmp_path), f"killed after {elapsed:.1f} s"
    # re-running the same files completes the store as a clean ingest would have
    run("control", "ingest", new_days, "--db", db, "--quiet")
    assert intervals(db) == reference, f"killed after {elapsed:.1f} s"


def test_two_ingests_at_once_wait_for_each_other(base_store, new_days, tmp_path, reference):
    db = copy_store(base_store, tmp_path / "store.sqlite")
    first, second = (subprocess.Popen(frontcheck_args("control", "ingest", new_days, "--db", db),
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for _ in range(2))
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    for process, (_, err) in zip((first, second), outputs):
        assert process.returncode == 0, err
        assert "Traceback" not in err and "IntegrityError" not in err, err
    summaries = sorted(line for _, err in outputs for line in err.splitlines() if " files: " in line)
    assert summaries == ["20 files: 0 new, 20 already stored.", "20 files: 20 new, 0 already stored."]
    assert intervals(db) == reference
