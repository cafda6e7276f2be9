"""Raw DeepStateMAP snapshots end to end: four layers, Kursk coverage, markers, timelines."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from frontcheck.store import schema
from frontcheck.store.engine import open_engine
from tests.cli.test_control_cli import frontcheck
from tests.conftest import copy_store
from tests.control.raw_dsm_samples import EPOCH, wrapped_bytes


def test_raw_snapshot_maps_kursk_and_keeps_markers(control_store, tmp_path):
    store = copy_store(control_store, tmp_path / "store.sqlite")
    raw = tmp_path / f"{EPOCH}.json"
    raw.write_bytes(wrapped_bytes())
    result = frontcheck("control", "ingest", raw, "--tracker", "deepstate-raw", "--db", store)
    assert result.returncode == 0, result.stderr
    again = frontcheck("control", "ingest", raw, "--tracker", "deepstate-raw", "--db", store)
    assert "0 new, 1 already stored" in again.stderr

    with open_engine(store) as engine, engine.connect() as connection:
        layers = set(connection.scalars(
            select(schema.layer.c.layer).join(schema.snapshot)
            .where(schema.snapshot.c.tracker == "deepstate-raw")))
        markers = connection.execute(select(func.count()).select_from(schema.marker)).scalar()
        coverage = connection.scalars(
            select(schema.coverage.c.description).join(schema.snapshot)
            .where(schema.snapshot.c.tracker == "deepstate-raw")).one()
    assert layers == {"occupied", "contested", "liberated", "ukrainian_held_abroad"}
    assert markers == 2
    assert coverage == "Ukraine + Kursk Oblast"

    # Sudzha lies in the Ukrainian-held box of the sample: covered, and held abroad, not occupied.
    status = frontcheck("control", "status", "Sudzha", "--on", "2024-08-09", "--tracker",
                        "deepstate-raw", "--format", "json", "--db", store)
    assert status.returncode == 0, status.stderr
    payload = json.loads(status.stdout)[0]
    assert payload["covered"] is True
    assert payload["fractions"]["ukrainian_held_abroad"] > 0.9
    assert payload["fractions"]["occupied"] == 0.0
    # The shipped tracker still does not cover Sudzha.
    shipped = json.loads(frontcheck("control", "status", "Sudzha", "--on", "2024-08-09",
                                    "--format", "json", "--db", store).stdout)[0]
    assert shipped["covered"] is False
