"""A small real store for the export tests: the gazetteer, four DeepState snapshots around the
fall of Vuhledar (1-4 October 2024), the dev claims, the sample interview of a prisoner of war
(protected at ingest as POW-1) and one claim whose claimant and quote name him, each step
through the CLI as a user does it."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import CLAIMS_DEV, DAILY, ROOT, shared_path

SNAPSHOT_DATES = ("20241001", "20241002", "20241003", "20241004")
INTERVIEW = ROOT / "samples" / "transcripts" / "interview_kpa_pow_en.md"
#: The protected name that no export may contain; "POW-1" stands for it.
PROTECTED_NAME = "Jin-hyok"


def frontcheck(*args: object) -> subprocess.CompletedProcess:
    """The CLI in this process (stdout and stderr apart); a ``FrontcheckError`` ends it as
    ``frontcheck.cli.main.run`` does: one line on stderr, exit 1."""
    from typer.testing import CliRunner

    from frontcheck.cli.main import app
    from frontcheck.errors import FrontcheckError

    result = CliRunner(env={"COLUMNS": "4000"}).invoke(app, [str(a) for a in args])
    if isinstance(result.exception, FrontcheckError):
        return subprocess.CompletedProcess(args, 1, result.stdout,
                                           result.stderr + f"Error: {result.exception}\n")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def ok(*args: object) -> subprocess.CompletedProcess:
    done = frontcheck(*args)
    assert done.returncode == 0, (args, done.stderr)
    return done


def _seed_protected_claim(store: Path) -> None:
    """A participation claim as extraction stores it from the interview: the speaker (a
    prisoner of war) as claimant, his words as quote, a resolved place with coordinates."""
    from frontcheck.claims.model import Claim, PlaceRef
    from frontcheck.store import schema
    from frontcheck.store.claims import insert_claims
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine, engine.begin() as connection:
        place = connection.execute(select(schema.place).where(
            schema.place.c.id == "gn:695357")).one()    # Kurakhove, Donetsk Oblast
        source_id = connection.execute(select(schema.source.c.id)).scalar()
        insert_claims(connection, [Claim(
            id="P-004", type="participation", source_id=source_id, claimant="Ri Jin-hyok",
            actor="dprk", action="fighting_in",
            place=PlaceRef("Kurakhove", place.id, place.name_en, place.oblast, place.lon, place.lat),
            quote="-Ri Jin-hyok said his unit attacked near Kurakhove in December.",
            claim_date=date(2025, 2, 3), event_date=date(2024, 12, 1), date_precision="month")])


@pytest.fixture(scope="session")
def export_store(tmp_path_factory: pytest.TempPathFactory, gazetteer_csv: Path) -> Path:
    """The seeded store (read-only for tests)."""
    store = tmp_path_factory.mktemp("export") / "store.sqlite"
    files = [shared_path(DAILY / f"deepstatemap_data_{d}.geojson") for d in SNAPSHOT_DATES]
    ok("place", "load", gazetteer_csv, "--db", store, "--quiet")
    ok("control", "ingest", *files, "--db", store, "--quiet")
    ok("claims", "import", shared_path(CLAIMS_DEV / "claims.csv"), "--db", store, "--quiet")
    ok("sources", "ingest", INTERVIEW, "--db", store, "--quiet")
    _seed_protected_claim(store)
    return store
