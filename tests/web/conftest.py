"""A store for the web tests: the control store (gazetteer, picked snapshots, timelines), the
dev claims imported and two sample sources ingested (one names a prisoner of war, protected),
each by the CLI as a user does it; and an app over it."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from tests.conftest import CLAIMS_DEV, ROOT, copy_store, shared_path

SAMPLES = ROOT / "samples"
#: The prisoner of war the sample interview names; the API must only ever say "POW-1".
PROTECTED_NAME = "Ri Jin-hyok"


def frontcheck(*args: object) -> subprocess.CompletedProcess:
    """The CLI as a user runs it, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "frontcheck", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def frontcheck_here(*args: object):
    """The CLI run in this process (``CliRunner``): the place index it builds for the store
    stays cached for the app the tests then open on the same store, saving seconds."""
    from typer.testing import CliRunner

    from frontcheck.cli.main import app

    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="session")
def web_store(control_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = copy_store(control_store, tmp_path_factory.mktemp("web") / "store.sqlite")
    steps = [("claims", "import", shared_path(CLAIMS_DEV / "claims.csv")),
             ("sources", "ingest", SAMPLES / "statements" / "statements.csv",
              SAMPLES / "transcripts" / "interview_kpa_pow_en.md")]
    for step in steps:
        done = frontcheck_here(*step, "--db", store)
        assert done.exit_code == 0, (done.output, done.exception)
    return store


@pytest.fixture(scope="session")
def web_app(web_store: Path):
    from frontcheck.web.app import create_app

    return create_app(web_store)


@pytest.fixture(scope="session")
def client(web_app):
    with warnings.catch_warnings():   # Starlette asks for httpx2; httpx is what FastAPI documents
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with TestClient(web_app, raise_server_exceptions=False) as test_client:
        yield test_client
