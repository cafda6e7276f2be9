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
