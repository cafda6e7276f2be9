"""Several analysts at once (issue 12): two ingests into one store never corrupt it and never
print a traceback; the second waits for the first, or after ``$FRONTCHECK_LOCK_WAIT`` seconds
refuses with one line. Real processes, on SQLite (lock file) and PostgreSQL (advisory lock)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from select import select as wait_readable

import pytest
from sqlalchemy import func, select

from frontcheck.store import schema
from frontcheck.store.engine import open_engine, write_lock
from tests.conftest import pick_daily_files


@pytest.fixture
def small_gazetteer(gazetteer_csv: Path, tmp_path: Path) -> Path:
    """The gazetteer's first 400 places: timelines are built, in seconds."""
    lines = gazetteer_csv.read_text(encoding="utf-8").splitlines(keepends=True)[:401]
    path = tmp_path / "gazetteer.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def start_ingest(db, files: list[Path], gazetteer: Path, wait_s: float = 600) -> subprocess.Popen:
    env = {**os.environ, "FRONTCHECK_GAZETTEER": str(gazetteer),
           "FRONTCHECK_LOCK_WAIT": str(wait_s)}
    return subprocess.Popen([sys.executable, "-m", "frontcheck", "control", "ingest", *map(str, files),
                             "--db", str(db), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish(process: subprocess.Popen) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=600)
    assert "Traceback" not in stderr, stderr
    return process.returncode, stderr


def stored(db) -> dict[str, int]:
    with open_engine(db) as engine, engine.connect() as connection:
        count = {name: connection.scalar(select(func.count()).select_from(table))
                 for name, table in schema.metadata.tables.items()}
        count["last_date_indexed"] = connection.scalar(select(schema.timeline_index.c.last_date))
    return count


def test_two_ingests_at_once_store_each_day_once(db_path, new_db, daily_files,
                                                 small_gazetteer) -> None:
    files = pick_daily_files(daily_files)[:6]
    first = start_ingest(db_path, files, small_gazetteer)
    second = start_ingest(db_path, files[2:], small_gazetteer)
    (code_a, err_a), (code_b, err_b) = finish(first), finish(second)
    assert (code_a, code_b) == (0, 0), err_a + err_b
    counts = stored(db_path)
    last = files[-1].stem[-8:]
    assert counts["control_snapshot"] == 6 and counts["control_change"] >= 5
    assert counts["last_date_indexed"].isoformat() == f"{last[:4]}-{last[4:6]}-{last[6:]}"
    assert counts["gazetteer_load"] == 1 and counts["place"] == 400
    # The same files ingested by one process give the same rows: nothing doubled or lost.
    alone = new_db("alone")
    code, err = finish(start_ingest(alone, files, small_gazetteer))
    assert code == 0, err
    assert stored(alone) == counts


def test_a_writer_waits_for_the_one_holding_the_store(db_path, daily_files, small_gazetteer) -> None:
    files = pick_daily_files(daily_files)[:2]
    with open_engine(db_path) as engine:
        with write_lock(engine):
            process = start_ingest(db_path, files, small_gazetteer)
            ready, _, _ = wait_readable([process.stderr], [], [], 300)
            assert ready, "the second writer said nothing in 300 s"
            waiting = process.stderr.readline()
            time.sleep(1)
            assert process.poll() is None            # still waiting, not failed
        code, stderr = finish(process)
    assert code == 0, stderr
    assert waiting == "Waiting for another frontcheck process writing to this store…\n"
    assert stored(db_path)["control_snapshot"] == 2


def test_a_writer_that_waited_too_long_refuses_with_one_line(db_path, daily_files,
                                                             small_gazetteer) -> None:
    files = pick_daily_files(daily_files)[:2]
    with open_engine(db_path) as engine, write_lock(engine):
        code, stderr = finish(start_ingest(db_path, files, small_gazetteer, wait_s=1))
    assert code == 1
    waiting, error = stderr.splitlines()
    assert waiting.startswith("Waiting for another frontcheck process")
    assert error.startswith("Error: ") and error.endswith(
        "another frontcheck process is writing to this store (waited 1 s); try again when it "
        "has finished")
    assert stored(db_path)["control_snapshot"] == 0
