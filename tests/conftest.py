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


#: Suites that run on every store kind (SQLite and PostgreSQL): the store, CLI and API tests.
#: The geometry fuzzers, the core's tests and the kill -9 hardening runs (minutes each, about
#: timelines rather than the database; tests/store covers concurrent writers on both) stay on
#: SQLite, to keep `make test` short.
BOTH_STORES = (
    "tests/store/", "tests/cli/", "tests/web/test_api.py", "tests/sources/test_store_sources.py",
    "tests/sources/test_cli_sources.py", "tests/claims/test_cli_extract.py",
    "tests/verify/test_verify_cli.py", "tests/places/test_store_places.py",
    "tests/places/test_cli_place.py",
)

#: Of those, suites that run on PostgreSQL only at full size (``make test-full``): their
#: queries are the ones tests/web/test_api.py already runs on PostgreSQL at every size.
BOTH_STORES_FULL_ONLY = ("tests/cli/test_chart.py", "tests/cli/test_raw_ingest_cli.py",
                         "tests/places/test_cli_place.py")

#: Suites about what only PostgreSQL has (PostGIS columns): skipped when opted out.
ONLY_POSTGRES = ("tests/store/test_postgis.py",)


def store_kinds_for(path: Path) -> list[str]:
    """The store kinds a test module runs on."""
    from tests.postgres import postgres_enabled

    relative = path.resolve().relative_to(ROOT).as_posix()
    if relative.startswith(ONLY_POSTGRES):
        return ["postgresql"] if postgres_enabled() else []
    if postgres_enabled() and relative.startswith(BOTH_STORES) and not (
            SCALE == "small" and relative.startswith(BOTH_STORES_FULL_ONLY)):
        return ["sqlite", "postgresql"]
    return ["sqlite"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that uses a store gets it through ``store_kind``: the suites listed in
    ``BOTH_STORES`` run once per kind, the others on SQLite (always a parameter, so that the
    session stores are built once per kind, not again for unparametrised tests). The
    PostgreSQL runs carry the ``postgres`` marker (``-m "not postgres"`` for quick loops)."""
    if "store_kind" in metafunc.fixturenames:
        kinds = [pytest.param(kind, marks=pytest.mark.postgres) if kind == "postgresql" else kind
                 for kind in store_kinds_for(metafunc.definition.path)]
        metafunc.parametrize("store_kind", kinds, indirect=True, scope="session")


@pytest.fixture(scope="session")
def store_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def postgres_cluster(tmp_path_factory: pytest.TempPathFactory):
    """This process's throwaway PostgreSQL cluster (see tests/postgres.py). A server store
    keeps raw files under ``$FRONTCHECK_DATA``: a session folder (``db_path`` gives each test
    its own)."""
    from frontcheck.store.blobs import ENV_DATA
    from tests import postgres

    try:
        cluster = postgres.PostgresCluster().start()
    except postgres.PostgresMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    postgres.CLUSTER = cluster
    data_before = os.environ.get(ENV_DATA)
    os.environ[ENV_DATA] = str(tmp_path_factory.mktemp("server-data"))
    yield cluster
    if data_before is None:
        os.environ.pop(ENV_DATA, None)
    else:
        os.environ[ENV_DATA] = data_before
    postgres.CLUSTER = None
    cluster.stop()


def blob_folder(db: Path | str) -> Path:
    """Where a store keeps its raw files (frontcheck.store.blobs): beside an SQLite file, or
    under ``$FRONTCHECK_DATA`` for a server store."""
    if "://" in str(db):
        return Path(os.environ["FRONTCHECK_DATA"]) / "blobs"
    return Path(db).parent / "blobs"


def new_store(store_kind: str, folder: Path, request: pytest.FixtureRequest) -> Path | str:
    """A fresh store's location: an SQLite file in ``folder``, or a URL of a new database
    in the test cluster (with PostGIS when installed)."""
    if store_kind == "sqlite":
        return folder / "store.sqlite"
    cluster = request.getfixturevalue("postgres_cluster")
    return cluster.url(cluster.new_database())


@pytest.fixture
def db_path(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest,
            monkeypatch: pytest.MonkeyPatch) -> Path | str:
    """A fresh store for one test: an SQLite file's path, or a PostgreSQL database's URL
    (dropped after the test; its raw files in the test's own folder). Both are what ``--db``
    and ``open_engine`` take."""
    location = new_store(store_kind, tmp_path, request)
    if store_kind == "postgresql":
        monkeypatch.setenv("FRONTCHECK_DATA", str(tmp_path / "server-data"))
    yield location
    if store_kind == "postgresql":
        from tests.postgres import CLUSTER, database_name

        CLUSTER.drop_database(database_name(location))


@pytest.fixture
def new_db(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest):
    """Fresh stores on demand for tests that need several: ``new_db("a")`` gives an SQLite
    path ``<tmp>/a.sqlite`` or a new PostgreSQL database's URL (dropped after the test)."""
    made = []

    def make(name: str) -> Path | str:
        if store_kind == "sqlite":
            return tmp_path / f"{name}.sqlite"
        made.append(new_store(store_kind, tmp_path, request))
        return made[-1]

    yield make
    if made:
        from tests.postgres import CLUSTER, database_name

        for url in made:
            CLUSTER.drop_database(database_name(url))


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
                  gazetteer_csv: Path, store_kind: str, request: pytest.FixtureRequest) -> Path | str:
    """A store with the gazetteer and the (scale-picked) daily snapshots, timelines built.

    Read-only for tests: copy it (``copy_store``) before changing anything.
    """
    from frontcheck.app.place_load import load_gazetteer
    from frontcheck.app.snapshot_ingest import ingest_snapshots
    from frontcheck.app.timeline_build import refresh_timelines
    from frontcheck.control.formats import ReadOptions
    from frontcheck.store.engine import open_engine

    path = new_store(store_kind, tmp_path_factory.mktemp("control"), request)
    with open_engine(path) as engine:
        load_gazetteer(engine, gazetteer_csv)
        report = ingest_snapshots(engine, [], ReadOptions(), files=pick_daily_files(daily_files))
        # As the CLI does: the shares measured during the ingest are used.
        assert report.footprints is not None
        refresh_timelines(engine, "deepstate", fresh=report.fresh, footprints=report.footprints)
    return path


def copy_store(source: Path | str, target: Path) -> Path | str:
    """A private copy of a store: of an SQLite file at ``target`` (WAL checkpointed first), or
    of a PostgreSQL database as a new database (``target`` unused), whose URL is returned."""
    import shutil
    import sqlite3

    if "://" in str(source):
        from tests.postgres import CLUSTER, database_name

        return CLUSTER.url(CLUSTER.copy_database(database_name(str(source))))

    with sqlite3.connect(source) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)
    blobs = Path(source).parent / "blobs"
    if blobs.is_dir():          # its raw files too, which case bundles and integrity checks read
        shutil.copytree(blobs, Path(target).parent / "blobs", copy_function=_link_blob,
                        dirs_exist_ok=True)
    return target


def _link_blob(source: str, target: str) -> None:
    """Blobs are content-addressed and read-only: a hard link is a copy (a copy where links
    cannot be made); one already there is the same file."""
    import shutil

    if os.path.exists(target):
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
