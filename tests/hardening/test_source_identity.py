"""An item's identity is (format, channel or publisher, item id), not its file's bytes (issue 14):
re-exports (CRLF, one more message) add only what is new; a duplicate id in one file is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from frontcheck.store import schema
from frontcheck.store.engine import open_engine
from tests.app.test_snapshot_ingest import table_counts
from tests.cli.test_control_cli import frontcheck

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def source_count(db) -> int:
    with open_engine(db) as engine, engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(schema.source)).scalar()


def ingest(db, *paths, ok: bool = True):
    result = frontcheck("sources", "ingest", *paths, "--db", db)
    if ok:
        assert result.returncode == 0, result.stderr
    return result


@pytest.mark.parametrize("sample", ["telegram/result.json", "datasets/acled_events.csv",
                                    "tracker/deepstate_history_public.json"])
def test_the_same_content_with_crlf_adds_nothing(tmp_path, sample):
    db = tmp_path / "store.sqlite"
    original = SAMPLES / sample
    ingest(db, original)
    count = source_count(db)
    crlf = tmp_path / original.name
    crlf.write_bytes(original.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    again = ingest(db, crlf)
    assert source_count(db) == count, again.stderr
    assert f"{count} already stored" in again.stderr


def test_a_telegram_reexport_with_one_more_message_adds_one(tmp_path):
    db = tmp_path / "store.sqlite"
    original = SAMPLES / "telegram/result.json"
    ingest(db, original)
    count = source_count(db)
    doc = json.loads(original.read_text(encoding="utf-8"))
    extra = dict(next(m for m in reversed(doc["messages"]) if m.get("type") == "message"))
    extra["id"] = max(m["id"] for m in doc["messages"]) + 1
    extra["text"] = "Новое сообщение: бои в районе Покровска."
    doc["messages"].append(extra)
    reexport = tmp_path / "result.json"
    reexport.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    ingest(db, reexport)
    assert source_count(db) == count + 1


def _acled_with_duplicate(tmp_path) -> Path:
    lines = (SAMPLES / "datasets/acled_events.csv").read_text(encoding="utf-8").splitlines()
    first_row = next(i for i, line in enumerate(lines) if line.startswith("RUS"))
    bad = tmp_path / "acled_dup.csv"
    bad.write_text("\n".join([*lines, lines[first_row]]) + "\n", encoding="utf-8")
    return bad


def test_a_duplicate_item_id_within_one_file_is_refused(tmp_path):
    db = tmp_path / "store.sqlite"
    bad = _acled_with_duplicate(tmp_path)
    before = table_counts(db)
    result = ingest(db, bad, ok=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {bad}: "), lines
    assert "item id 'RUS9001' appears twice in the file" in lines[0]
    assert table_counts(db) == before


def test_duplicate_tracker_update_ids_are_refused(tmp_path):
    db = tmp_path / "store.sqlite"
    doc = json.loads((SAMPLES / "tracker/deepstate_history_public.json").read_text(encoding="utf-8"))
    doc.append(dict(doc[0]))
    bad = tmp_path / "history.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = ingest(db, bad, ok=False)
    assert result.returncode == 1 and "appears twice in the file" in result.stderr, result.stderr
    assert source_count(db) == 0
