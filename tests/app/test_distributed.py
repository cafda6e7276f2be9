"""The distributed engine (issue 12) on a real Dask cluster: ``claims extract --all`` and
``verify --all`` with ``--workers 2`` (a LocalCluster of two processes) and with
``--scheduler`` (a scheduler started here, on loopback) store and print exactly what the
single-process run does, on real text: the repository's samples and witness files, and the
development part of the real-text corpus (quotations from real pages, with their dates) as
Telegram channels. A scheduler that cannot be reached is refused with one line, nothing written.
"""

from __future__ import annotations

import json
import socket
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from frontcheck.store import schema
from frontcheck.store.engine import open_engine
from tests.app.test_snapshot_ingest import table_counts
from tests.cli.test_control_cli import frontcheck
from tests.conftest import CLAIMS_DEV, ROOT, copy_store, shared_path

distributed = pytest.importorskip("distributed")

SAMPLES = ROOT / "samples"
REALTEXT = ROOT / "tests" / "data" / "realtext"
INPUTS = (SAMPLES / "telegram" / "result.json", SAMPLES / "transcripts", SAMPLES / "statements",
          SAMPLES / "articles", SAMPLES / "datasets", ROOT / "tests" / "data" / "witness")


def realtext_export(path: Path) -> Path:
    """The real-text development items as one Telegram channel per publisher, each post on
    its page's publication day."""
    chats: dict[str, dict] = {}
    for lang in ("en", "ru", "uk"):
        for line in (REALTEXT / f"claims_real_{lang}_dev.jsonl").read_text("utf-8").splitlines():
            item = json.loads(line)
            chat = chats.setdefault(item["publisher"], {
                "name": item["publisher"], "type": "public_channel", "id": 5000 + len(chats),
                "messages": []})
            stamp = item["published_at"]
            when = datetime.fromisoformat(stamp if "T" in stamp else f"{stamp}T12:00:00")
            chat["messages"].append({"id": len(chat["messages"]) + 1, "type": "message",
                                     "date": when.replace(tzinfo=None).isoformat(),
                                     "date_unixtime": str(int(when.timestamp())),
                                     "text": item["text"]})
    path.write_text(json.dumps({"chats": {"list": list(chats.values())}}, ensure_ascii=False),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sources_store(control_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The control store (snapshots, timelines, gazetteer) with the real sources ingested and
    the curated development claims imported; nothing extracted yet. Read-only: copy it."""
    folder = tmp_path_factory.mktemp("distributed")
    store = copy_store(control_store, folder / "store.sqlite")
    export = realtext_export(folder / "result.json")
    result = frontcheck("sources", "ingest", *INPUTS, export, "--db", store, "--quiet")
    assert result.returncode == 0, result.stderr
    result = frontcheck("claims", "import", shared_path(CLAIMS_DEV / "claims.csv"), "--db", store)
    assert result.returncode == 0, result.stderr
    return store


def stored_claims(store: Path) -> list[dict]:
    """Every column of every stored claim, in id order, but the time it was written."""
    columns = [c for c in schema.claim.c if c.name != "created_at"]
    with open_engine(store) as engine, engine.connect() as connection:
        return [dict(r._mapping) for r in
                connection.execute(select(*columns).order_by(schema.claim.c.id))]


def extract_and_verify(store: Path, *cluster: str) -> tuple[list[dict], list[dict]]:
    """``claims extract --all`` then ``verify --all --format json``, both with ``cluster``."""
    result = frontcheck("claims", "extract", "--all", "--db", store, *cluster)
    assert result.returncode == 0, result.stderr
    verdicts = frontcheck("verify", "--all", "--format", "json", "--db", store, *cluster)
    assert verdicts.returncode == 0, verdicts.stderr
    return stored_claims(store), json.loads(verdicts.stdout)


@pytest.fixture(scope="module")
def single_process(sources_store: Path, tmp_path_factory: pytest.TempPathFactory):
    """The claims and verdicts of the plain run, the reference."""
    store = copy_store(sources_store, tmp_path_factory.mktemp("single") / "store.sqlite")
    return extract_and_verify(store)


def test_two_local_workers_store_and_print_what_one_process_does(
        sources_store: Path, single_process, tmp_path: Path) -> None:
    claims, verdicts = single_process
    extracted = [c for c in claims if c["origin"] != "imported"]
    assert len(extracted) > 300 and len({c["source_id"] for c in extracted}) > 100
    assert {c["type"] for c in extracted} >= {"territorial", "quantity", "participation"}
    assert len({c["cluster_id"] for c in extracted}) < len(extracted)   # some clustered
    assert len(verdicts) > 100
    assert len({v["verdict"] for v in verdicts}) >= 4

    store = copy_store(sources_store, tmp_path / "store.sqlite")
    assert extract_and_verify(store, "--workers", "2") == (claims, verdicts)


@pytest.fixture(scope="module")
def scheduler_address():
    """A real scheduler with two worker processes, on loopback, for the whole module."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_a_running_scheduler_gives_the_same_results(sources_store: Path, single_process,
                                                    scheduler_address: str,
                                                    tmp_path: Path) -> None:
    store = copy_store(sources_store, tmp_path / "store.sqlite")
    assert extract_and_verify(store, "--scheduler", scheduler_address) == single_process


def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(sources_store: Path,
                                                                 tmp_path: Path) -> None:
    store = copy_store(sources_store, tmp_path / "store.sqlite")
    before = table_counts(store)
    with socket.socket() as probe:      # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    quick = {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}   # the user's Dask setting
    for command in (("claims", "extract", "--all"), ("verify", "--all")):
        result = frontcheck(*command, "--db", store, "--scheduler", f"tcp://127.0.0.1:{port}",
                            env=quick)
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"Error: --scheduler tcp://127.0.0.1:{port}: cannot reach")
        assert "2s" in lines[0] or "2 s" in lines[0], lines[0]     # the setting was used
        assert result.stdout == ""
    assert table_counts(store) == before


def test_scheduler_and_workers_together_or_with_text_are_refused(tmp_path: Path) -> None:
    both = frontcheck("claims", "extract", "--all", "--db", tmp_path / "s.sqlite",
                      "--workers", "2", "--scheduler", "tcp://127.0.0.1:1")
    assert both.returncode == 1
    assert both.stderr.strip() == "Error: give --scheduler or --workers, not both"
    text = frontcheck("claims", "extract", "--text", "x", "--workers", "2",
                      "--db", tmp_path / "s.sqlite")
    assert text.returncode == 2 and "--source or --all" in text.stderr
    assert not (tmp_path / "s.sqlite").exists()


def test_results_come_back_in_order_and_a_worker_without_frontcheck_is_one_error(
        scheduler_address: str) -> None:
    from importlib import import_module

    from frontcheck.app.distributed import map_in_order, partitions
    from frontcheck.errors import FrontcheckError

    with distributed.Client(scheduler_address, set_as_default=False) as client:
        done: list[int] = []
        assert map_in_order(client, list, partitions(range(1000), 16),
                            on_done=done.append) == list(range(1000))
        assert sorted(done) == sorted(len(p) for p in partitions(range(1000), 16))
        assert map_in_order(client, list, []) == []
        with pytest.raises(FrontcheckError, match="cannot run frontcheck"):
            map_in_order(client, import_module, ["frontcheck_not_installed_here"])
