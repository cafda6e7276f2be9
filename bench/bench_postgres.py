"""PostgreSQL against SQLite: the demo pipeline's ingest into each store, in one run (issue 12).

The ingest steps of ``make demo`` (``scripts/demo.sh``), run through the CLI as a user runs
them, into a fresh store of each kind: ``place load`` (the gazetteer), ``control ingest`` (the
daily snapshots, with the settlement timelines) and ``sources ingest`` (the shipped samples).
Reported as ``postgres_vs_sqlite_ingest`` = PostgreSQL seconds / SQLite seconds (a cost ratio:
lower is better). Before timing, both stores must give the same monthly area table and the
same number of timeline intervals and sources.

PostgreSQL is the server at ``$FRONTCHECK_BENCH_PG_URL`` (an SQLAlchemy URL of a database the
bench may create databases beside, with PostGIS if the comparison should include its geometry
columns), else a throwaway cluster started from the installed server binaries as the tests
start it (``tests/postgres.py``). Each run is a fresh Python process, SQLite and PostgreSQL
timed in turn; creating the empty database is not timed.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.common import (
    ROOT,
    daily_files,
    evenly_spaced,
    gazetteer_csv,
    gazetteer_subset,
    interleaved,
    run_in_subprocess,
    write_results,
)

JOB = "postgres"
RATIO_KEYS = ("postgres_vs_sqlite_ingest",)
ENV_URL = "FRONTCHECK_BENCH_PG_URL"
SAMPLES = ("samples/telegram/result.json", "samples/transcripts", "samples/statements",
           "samples/articles", "samples/datasets", "samples/tracker")


@dataclass(frozen=True, slots=True)
class Config:
    snapshots: int | None        # None: every file
    gazetteer_rows: int | None   # None: the whole gazetteer
    repeats: int


CONFIGS = {
    "full": Config(snapshots=None, gazetteer_rows=None, repeats=3),
    "tiny": Config(snapshots=12, gazetteer_rows=800, repeats=1),
}
#: Tiny runs load settlements near the Donetsk front, where the timelines have work to do.
TINY_BOX = {"lon": (37.0, 38.4), "lat": (47.6, 49.0)}

_SELF = "bench.bench_postgres"


def _cli(*args: str) -> str:
    """One CLI command in this process, as a user types it; its stdout."""
    from typer.testing import CliRunner

    from frontcheck.cli.main import app

    result = CliRunner().invoke(app, list(args))
    if result.exit_code != 0:
        raise RuntimeError(f"frontcheck {' '.join(args)}: {result.stderr or result.output}")
    return result.stdout


def warm() -> None:
    """Imports, not timed."""


def demo_ingest(store: str, gazetteer: str, daily: str) -> dict:
    """The demo's ingest steps into ``store``; returns what the same-answer check compares."""
    _cli("place", "load", gazetteer, "--db", store)
    _cli("control", "ingest", daily, "--db", store, "--quiet")
    _cli("sources", "ingest", *(str(ROOT / s) for s in SAMPLES), "--db", store, "--quiet")
    return {"area_month": json.loads(_cli("control", "area", "--period", "month",
                                          "--format", "json", "--db", store)),
            "sources": len(json.loads(_cli("sources", "list", "--format", "json", "--db", store))),
            "intervals": _count_intervals(store)}


def _count_intervals(store: str) -> int:
    from sqlalchemy import func, select

    from frontcheck.store import schema
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine, engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(schema.timeline_interval))


class _Server:
    """Where the PostgreSQL databases are made: the given server, or a throwaway cluster."""

    def __init__(self) -> None:
        self.cluster = None
        self.url = os.environ.get(ENV_URL)
        if not self.url:
            import sys

            sys.path.insert(0, str(ROOT))
            from tests.postgres import PostgresCluster

            self.cluster = PostgresCluster().start()

    def new_database(self, name: str) -> str:
        if self.cluster is not None:
            return self.cluster.url(self.cluster.new_database())
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {name}"))
        engine.dispose()
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def postgis(self, url: str) -> bool:
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.connect() as connection:
            found = bool(connection.scalar(text(
                "SELECT 1 FROM pg_extension WHERE extname = 'postgis'")))
        engine.dispose()
        return found

    def close(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()


def run(scale: str = "full") -> dict:
    config = CONFIGS[scale]
    files = daily_files()
    if config.snapshots is not None:
        files = [files[i] for i in evenly_spaced(len(files), config.snapshots)]
    server = _Server()
    blobs_before = os.environ.get("FRONTCHECK_DATA")
    with tempfile.TemporaryDirectory(prefix="bench-postgres-") as tmp:
        work = Path(tmp)
        os.environ["FRONTCHECK_DATA"] = str(work / "server-blobs")   # a server store's raw files
        daily = work / "daily"
        daily.mkdir()
        for path in files:
            (daily / path.name).symlink_to(path)
        gazetteer = gazetteer_csv()
        if config.gazetteer_rows is not None:
            gazetteer = work / "gazetteer.csv"
            gazetteer_subset(gazetteer_csv(), gazetteer, limit=config.gazetteer_rows, **TINY_BOX)
        runs = iter(range(10_000))
        postgis = []

        def sqlite_case() -> dict:
            store = str(work / f"run{next(runs)}.sqlite")
            return run_in_subprocess(f"{_SELF}:demo_ingest",
                                     {"store": store, "gazetteer": str(gazetteer), "daily": str(daily)},
                                     before=[("warm", {})])

        def postgres_case() -> dict:
            store = server.new_database(f"bench_run{next(runs)}")
            postgis.append(server.postgis(store))
            return run_in_subprocess(f"{_SELF}:demo_ingest",
                                     {"store": store, "gazetteer": str(gazetteer), "daily": str(daily)},
                                     before=[("warm", {})])

        try:
            timed = interleaved({"sqlite": sqlite_case, "postgresql": postgres_case}, config.repeats)
        finally:
            server.close()
            if blobs_before is None:
                os.environ.pop("FRONTCHECK_DATA", None)
            else:
                os.environ["FRONTCHECK_DATA"] = blobs_before
    sqlite, postgres = timed["sqlite"], timed["postgresql"]
    checks = {
        "same_monthly_areas": sqlite.result["area_month"] == postgres.result["area_month"],
        "same_timeline_intervals": sqlite.result["intervals"] == postgres.result["intervals"] > 0,
        "same_sources": sqlite.result["sources"] == postgres.result["sources"] > 0,
    }
    result = {
        "job": JOB, "scale": scale, "config": asdict(config),
        "sizes": {"snapshots": len(files), "gazetteer": str(gazetteer.name),
                  "gazetteer_rows": config.gazetteer_rows, "sources": sqlite.result["sources"],
                  "timeline_intervals": sqlite.result["intervals"]},
        "postgis_geometry_columns": all(postgis),
        "timings": {"sqlite": sqlite.as_dict("demo ingest into a fresh SQLite store"),
                    "postgresql": postgres.as_dict("demo ingest into a fresh PostgreSQL database")},
        "ratios": {"postgres_vs_sqlite_ingest": postgres.best / sqlite.best},
        "checks": checks,
    }
    return write_results(result)
