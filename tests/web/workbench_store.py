"""A store for the workbench tests: the web store (control history, the dev claims, statements
and the sample interview) plus the sample Telegram channel, article and tracker log ingested and
their claims extracted, each by the CLI as a user does it, so that the page has denials,
quantity claims and a tracker's own daily reports to show."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_store
from tests.web.conftest import SAMPLES, frontcheck

EXTRA_SOURCES = (SAMPLES / "telegram" / "result.json",
                 SAMPLES / "articles" / "kpa_troops_kursk_en.html",
                 SAMPLES / "tracker" / "deepstate_history_public.json")


@pytest.fixture(scope="session")
def workbench_store(web_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = copy_store(web_store, tmp_path_factory.mktemp("workbench") / "store.sqlite")
    for path in EXTRA_SOURCES:
        done = frontcheck("sources", "ingest", path, "--db", store)
        assert done.returncode == 0, done.stderr
    done = frontcheck("claims", "extract", "--all", "--quiet", "--db", store)
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture(scope="session")
def workbench_client(workbench_store: Path):
    import warnings

    from frontcheck.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with TestClient(create_app(workbench_store), raise_server_exceptions=False) as test_client:
        yield test_client
