"""Fixtures of the fetch tests: a loopback HTTP server and the recorded responses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fetch.server import LoopbackServer

DATA = Path(__file__).resolve().parents[1] / "data" / "fetch"
API = DATA / "deepstate-api"
SNAPSHOT_IDS = (1733549472, 1733590000, 1733640000)


@pytest.fixture
def server():
    running = LoopbackServer().start()
    yield running
    running.stop()


def serve_deepstate(server: LoopbackServer, ids=SNAPSHOT_IDS) -> None:
    """The recorded history list (only the entries ``ids``) and their snapshots."""
    import orjson

    entries = [e for e in orjson.loads((API / "history_public.json").read_bytes()) if e["id"] in ids]
    server.add("/api/history/public", orjson.dumps(entries))
    for entry_id in ids:
        server.add(f"/api/history/{entry_id}/geojson",
                   (API / "snapshots" / f"{entry_id}.geojson").read_bytes())
