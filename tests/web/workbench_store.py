"""A store for the workbench tests: the web store (control history, the dev claims, statements
and the sample interview) plus the sample Telegram channel, article and tracker log ingested and
their claims extracted, each by the CLI as a user does it: what ``scripts/demo.sh`` loads, on
the test-scale control history. The page has denials, quantity claims and a tracker's own daily
reports to show, and the Russian MoD is named in three ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_store
from tests.web.conftest import SAMPLES, frontcheck

#: What scripts/demo.sh loads beyond the web store's sources (the dev claims, statements.csv
#: and the sample interview are there already).
EXTRA_SOURCES = (SAMPLES / "telegram" / "result.json",
                 SAMPLES / "statements" / "briefing_gur_uk.md",
                 SAMPLES / "articles" / "kpa_troops_kursk_en.html",
                 SAMPLES / "datasets" / "acled_events.csv",
                 SAMPLES / "tracker" / "deepstate_history_public.json",
                 ROOT / "tests" / "data" / "witness")


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
