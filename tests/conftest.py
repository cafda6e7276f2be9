"""Shared fixtures: the real data in ../shared/data, fresh stores, and no network."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTCHECK_SHARED", ROOT.parent / "shared" / "data"))
DAILY = SHARED / "deepstate-occupied" / "daily"
GAZETTEER = SHARED / "gazetteer" / "gazetteer.csv"
CLAIMS_DEV = SHARED / "claims-dev"

#: "small" in `make test`: slow tests run on a reduced set; "full" runs everything.
SCALE = os.environ.get("FRONTCHECK_TEST_SCALE", "full")


def shared_path(path: Path) -> Path:
    """A path under ../shared/data, failing the test with the path when it is missing."""
    if not path.exists():
        pytest.fail(f"test data missing: {path} (set FRONTCHECK_SHARED to the shared/data folder)")
    return path


@pytest.fixture(scope="session")
def daily_dir() -> Path:
    return shared_path(DAILY)


@pytest.fixture(scope="session")
def daily_files(daily_dir: Path) -> list[Path]:
    return sorted(daily_dir.glob("deepstatemap_data_*.geojson"))


@pytest.fixture(scope="session")
def gazetteer_csv() -> Path:
    return shared_path(GAZETTEER)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a fresh SQLite store for one test."""
    return tmp_path / "store.sqlite"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse every socket connection that does not go to this machine."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")
                                          or self.family == socket.AF_UNIX):
            raise OSError(f"network access refused in tests: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def pick_daily_files(files: list[Path]) -> list[Path]:
    """All snapshots at full scale; at small scale the first one, and the weeks around the
    falls of Vuhledar (Oct 2024) and Pokrovsk (Nov 2025) that tests look at."""
    if SCALE != "small":
        return files
    windows = (("20240708", "20240708"), ("20240920", "20241015"), ("20251025", "20251130"))
    return [f for f in files if any(a <= f.stem[-8:] <= b for a, b in windows)]


@pytest.fixture(scope="session")
def control_store(tmp_path_factory: pytest.TempPathFactory, daily_files: list[Path],
                  gazetteer_csv: Path) -> Path:
    """A store with the gazetteer and the (scale-picked) daily snapshots, timelines built.

    Read-only for tests: copy it (``copy_store``) before changing anything.
    """
    from frontcheck.control.formats import ReadOptions
    from frontcheck.store.engine import open_engine
    from frontcheck.store.ingest import ingest_snapshots
    from frontcheck.store.places import load_gazetteer
    from frontcheck.store.timelines import refresh_timelines

    path = tmp_path_factory.mktemp("control") / "store.sqlite"
    with open_engine(path) as engine:
        load_gazetteer(engine, gazetteer_csv)
        report = ingest_snapshots(engine, [], ReadOptions(), files=pick_daily_files(daily_files))
        # As the CLI does: the shares measured during the ingest are used.
        assert report.footprints is not None
        refresh_timelines(engine, "deepstate", fresh=report.fresh, footprints=report.footprints)
    return path


def copy_store(source: Path, target: Path) -> Path:
    """A private copy of a store file (WAL checkpointed first)."""
    import shutil
    import sqlite3

    with sqlite3.connect(source) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)
    return target
