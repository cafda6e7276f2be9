"""Places fixtures: the real gazetteer loaded once per session, and small slices of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from frontcheck.app.place_load import load_gazetteer
from frontcheck.app.place_lookup import place_index
from frontcheck.places.index import PlaceIndex
from frontcheck.store.engine import open_engine
from tests.conftest import new_store


@pytest.fixture(scope="session")
def gazetteer_bytes(gazetteer_csv: Path) -> bytes:
    return gazetteer_csv.read_bytes()


@pytest.fixture(scope="session")
def places_store(tmp_path_factory: pytest.TempPathFactory, gazetteer_csv: Path, store_kind: str,
                 request: pytest.FixtureRequest) -> Engine:
    """A store with the whole gazetteer loaded (read-only for the tests that share it)."""
    path = new_store(store_kind, tmp_path_factory.mktemp("places"), request)
    with open_engine(path) as engine:
        load_gazetteer(engine, gazetteer_csv)
        yield engine


@pytest.fixture(scope="session")
def index(places_store: Engine) -> PlaceIndex:
    """The resolver's index of the whole gazetteer and the shipped aliases."""
    with places_store.connect() as connection:
        return place_index(connection)


@pytest.fixture(scope="session")
def gazetteer_slice(gazetteer_bytes: bytes) -> bytes:
    """The header and the first 300 rows: enough to exercise loading quickly."""
    return b"\n".join(gazetteer_bytes.split(b"\n")[:301]) + b"\n"
