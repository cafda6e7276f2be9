"""A store for the web tests: the control store (gazetteer, picked snapshots, timelines), the
dev claims imported and two sample sources ingested (one names a prisoner of war, protected),
each by the CLI as a user does it; and an app over it."""

from __future__ import annotations

import subprocess
import warnings
from pathlib import Path

import pytest

from tests.conftest import CLAIMS_DEV, ROOT, copy_store, shared_path

SAMPLES = ROOT / "samples"
#: The prisoner of war the sample interview names; the API must only ever say "POW-1".
PROTECTED_NAME = "Ri Jin-hyok"


def frontcheck(*args: object) -> subprocess.CompletedProcess:
    """The CLI run in this process (``CliRunner``, stdout and stderr apart): the place index it
    builds for the store stays cached for the app the tests then open on it, saving seconds."""
    from typer.testing import CliRunner

    from frontcheck.cli.main import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def web_store(control_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = copy_store(control_store, tmp_path_factory.mktemp("web") / "store.sqlite")
    steps = [("claims", "import", shared_path(CLAIMS_DEV / "claims.csv")),
             ("sources", "ingest", SAMPLES / "statements" / "statements.csv",
              SAMPLES / "transcripts" / "interview_kpa_pow_en.md"),
             # issue 13: an analysis with a hypothesis and evidence, and a figure
             ("ach", "new", "Were the DPRK soldiers sent to Kursk elite troops?"),
             ("ach", "hypothesis", "add", "1", "An elite corps"),
             ("ach", "evidence", "add", "1", "--claim", "HO-053", "--rate", "H1=N"),
             ("figure", "new", "months_paid", "--expr", "months * 2", "--input", "months=12"),
             # issue 13 item 5: a saved brief of that analysis
             ("report", "--ach", "1", "--save", "brief", "--output",
              tmp_path_factory.mktemp("web-brief") / "brief.html")]
    for step in steps:
        done = frontcheck(*step, "--db", store)
        assert done.returncode == 0, done.stderr
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


# The workbench tests' store and client (issue 15), shared by their modules.
from tests.web.workbench_browser import browser, narrow, wide, workbench_url  # noqa: E402,F401
from tests.web.workbench_store import workbench_client, workbench_store  # noqa: E402,F401
