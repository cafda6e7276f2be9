"""`control fetch deepstate` against a loopback server laid out like the live API."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from typer.testing import CliRunner

from frontcheck.cli import control_fetch
from frontcheck.cli.main import app
from frontcheck.errors import InputError
from frontcheck.fetch.deepstate import HistoryEntry, choose_snapshots, parse_history
from tests.cli.test_control_cli import NO_GAZETTEER, frontcheck
from tests.conftest import copy_store
from tests.fetch.conftest import API, SNAPSHOT_IDS, serve_deepstate

MORNING, EVENING, NEXT_DAY = SNAPSHOT_IDS


def test_history_list_parses_the_recorded_format():
    entries = parse_history((API / "history_public.json").read_bytes(), "history")
    assert [e.id for e in entries] == list(SNAPSHOT_IDS)
    assert entries[0].on == date(2024, 12, 7) and "Ocheretyne" in entries[0].description_en


@pytest.mark.parametrize("body, message", [
    (b"{}", "not a DeepStateMAP history list"),
    (b"[{\"id\": 12}]", "not a Unix epoch"),
    (b"[{\"datetime\": 1}]", "entry is not an object with an id"),
    (b"<html>", "not JSON"),
])
def test_bad_history_list_names_what_is_wrong(body, message):
    with pytest.raises(InputError, match=message):
        parse_history(body, "history")


def test_latest_snapshot_of_each_day_and_never_a_shipped_day():
    entries = [HistoryEntry(i, datetime.fromtimestamp(i, tz=UTC)) for i in SNAPSHOT_IDS]
    assert [e.id for e in choose_snapshots(entries, None, {})] == [EVENING, NEXT_DAY]
    assert [e.id for e in choose_snapshots(entries, date(2024, 12, 8), {})] == [NEXT_DAY]
    # A shipped daily file (time unknown) for the 7th is never replaced.
    assert [e.id for e in choose_snapshots(entries, None, {date(2024, 12, 7): None})] == [NEXT_DAY]


def fetch_args(server, tmp_path, *more):
    return ["control", "fetch", "deepstate", "--base-url", server.url, "--since", "2024-12-01",
            "--cache", tmp_path / "cache", "--delay", "0", "--db", tmp_path / "store.sqlite", *more]


def test_fetch_ingests_new_days_and_a_second_run_costs_a_304(server, tmp_path):
    serve_deepstate(server)
    result = frontcheck(*fetch_args(server, tmp_path), env=NO_GAZETTEER)
    assert result.returncode == 0, result.stderr
    assert "3 snapshots listed; 2 to fetch; ingest: 2 new" in result.stderr
    assert server.hits(f"/api/history/{MORNING}/geojson") == []     # superseded the same day
    cache = sorted(p.name for p in (tmp_path / "cache").iterdir() if p.is_file())
    assert cache == [".frontcheck-fetch", f"deepstate_{EVENING}.geojson",
                     f"deepstate_{NEXT_DAY}.geojson"]

    area = frontcheck("control", "area", "--period", "day", "--from", "2024-12-07", "--to",
                      "2024-12-07", "--format", "json", "--db", tmp_path / "store.sqlite")
    assert area.returncode == 0, area.stderr
    rows = json.loads(area.stdout)
    occupied = [r for r in rows if r["layer"] == "occupied"]
    assert occupied and occupied[0]["net_km2"] > 0      # the box grew west on the 8th

    again = frontcheck(*fetch_args(server, tmp_path), env=NO_GAZETTEER)
    assert again.returncode == 0, again.stderr
    assert "history list unchanged (304)" in again.stderr and "0 to fetch" in again.stderr
    assert server.hits("/api/history/public")[-1].headers["if-none-match"]


def test_watch_ingests_each_new_snapshot_as_it_appears(server, tmp_path, monkeypatch):
    serve_deepstate(server, ids=(MORNING,))
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        serve_deepstate(server)          # the tracker publishes two more snapshots meanwhile

    monkeypatch.setattr(control_fetch, "_sleep", sleep)
    monkeypatch.setenv("FRONTCHECK_GAZETTEER", "/nonexistent/gazetteer.csv")
    result = CliRunner().invoke(app, [str(a) for a in fetch_args(
        server, tmp_path, "--watch", "1h", "--max-iterations", "3")])
    assert result.exit_code == 0, result.output
    assert waits == [3600, 3600]
    assert [len(server.hits(f"/api/history/{i}/geojson")) for i in SNAPSHOT_IDS] == [1, 1, 1]
    from frontcheck.store import control as store_control
    from frontcheck.store.engine import open_engine
    with open_engine(tmp_path / "store.sqlite") as engine, engine.connect() as connection:
        sequence = store_control.tracker_sequence(connection, "deepstate")
    assert [e.on for e in sequence] == [date(2024, 12, 7), date(2024, 12, 8)]


def test_watch_goes_on_after_a_network_failure(server, tmp_path, monkeypatch):
    serve_deepstate(server)
    from tests.fetch.server import Fault
    server.fault("/api/history/public", *[Fault(503)] * 5)
    monkeypatch.setattr(control_fetch, "_sleep", lambda s: None)
    monkeypatch.setattr("frontcheck.fetch.http.time.sleep", lambda s: None)
    monkeypatch.setenv("FRONTCHECK_GAZETTEER", "/nonexistent/gazetteer.csv")
    result = CliRunner().invoke(app, [str(a) for a in fetch_args(
        server, tmp_path, "--watch", "60s", "--max-iterations", "2")])
    assert result.exit_code == 0, result.output
    assert "HTTP 503" in result.output and "2 new" in result.output


@pytest.mark.parametrize("interval", ["5s", "2d", "soon"])
def test_watch_interval_is_bounded(server, tmp_path, interval):
    result = frontcheck(*fetch_args(server, tmp_path, "--watch", interval))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: --watch: ") and result.stderr.count("\n") == 1


def test_server_down_is_one_line_and_exit_1(tmp_path):
    result = frontcheck("control", "fetch", "deepstate", "--base-url", "http://127.0.0.1:9",
                        "--cache", tmp_path / "c", "--db", tmp_path / "s.sqlite")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: http://127.0.0.1:9/api/history/public: ")
    assert result.stderr.count("\n") == 1


def test_bad_history_list_from_the_server_is_one_line(server, tmp_path):
    server.add("/api/history/public", b"<html>maintenance</html>", "text/html")
    result = frontcheck(*fetch_args(server, tmp_path))
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "/api/history/public: not JSON" in result.stderr


def test_fetched_days_update_settlement_timelines(server, tmp_path, control_store):
    store = copy_store(control_store, tmp_path / "store.sqlite")
    serve_deepstate(server)
    result = frontcheck("control", "fetch", "deepstate", "--base-url", server.url, "--since",
                        "2024-12-01", "--tracker", "deepstate-live", "--cache", tmp_path / "c",
                        "--delay", "0", "--db", store)
    assert result.returncode == 0, result.stderr
    status = frontcheck("control", "status", "Donetsk", "--oblast", "Donetsk", "--on",
                        "2024-12-08", "--tracker", "deepstate-live", "--format", "json",
                        "--db", store)
    assert status.returncode == 0, status.stderr
    payload = json.loads(status.stdout)[0]
    assert payload["covered"] is True and payload["fractions"]["occupied"] > 0.9
