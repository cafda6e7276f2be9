"""Source files the README says are read are read; wrong values are refused (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_control_cli import frontcheck
from tests.hardening.test_source_identity import source_count

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.parametrize("sample", ["datasets/acled_events.csv",
                                    "tracker/deepstate_history_public.json"])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_a_bom_is_read(tmp_path, sample, encoding):
    original = SAMPLES / sample
    utf16 = tmp_path / original.name
    text = original.read_text(encoding="utf-8")
    # Python's utf-16 writes a byte-order mark itself; utf-16-be needs one written
    utf16.write_bytes((("\ufeff" + text) if encoding == "utf-16-be" else text).encode(encoding))
    db, reference = tmp_path / "utf16.sqlite", tmp_path / "utf8.sqlite"
    result = frontcheck("sources", "ingest", utf16, "--db", db)
    assert result.returncode == 0, result.stderr
    assert frontcheck("sources", "ingest", original, "--db", reference).returncode == 0
    assert source_count(db) == source_count(reference) > 0


def _statements(tmp_path, **row) -> Path:
    values = {"statement_id": "s1", "published_at": "2025-01-06T10:00:00+03:00",
              "text": "Russian forces captured Pokrovsk.", "publisher": "MoD", "kind": "",
              "language": "", **row}
    path = tmp_path / "statements.csv"
    path.write_text(",".join(values) + "\n" + ",".join(values.values()) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("row, message", [
    ({"language": "xx"}, "item s1: language: unknown language 'xx'"),
    ({"published_at": "2099-01-01T00:00:00+00:00"},
     "item s1: published_at: 2099-01-01T00:00:00+00:00 is in the future"),
])
def test_wrong_values_are_refused(tmp_path, row, message):
    path = _statements(tmp_path, **row)
    db = tmp_path / "store.sqlite"
    result = frontcheck("sources", "ingest", path, "--db", db)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: {message}"), lines
    assert source_count(db) == 0


def test_a_non_numeric_tracker_update_id_is_refused(tmp_path):
    import json

    doc = json.loads((SAMPLES / "tracker/deepstate_history_public.json").read_text(encoding="utf-8"))
    doc[1]["id"] = "abc"
    path = tmp_path / "history.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = frontcheck("sources", "ingest", path, "--db", tmp_path / "store.sqlite")
    assert result.returncode == 1
    assert "[1].id: the id 'abc' is not a number" in result.stderr, result.stderr


def test_an_unknown_kind_in_front_matter_is_refused(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("---\nspeaker: Olena Marchenko\ndate: 2025-01-06\nkind: tweet\n---\n"
                    "Russian forces captured Pokrovsk.\n", encoding="utf-8")
    db = tmp_path / "store.sqlite"
    result = frontcheck("sources", "ingest", path, "--db", db)
    assert result.returncode == 1, result.stderr
    assert "kind" in result.stderr and "'tweet'" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert source_count(db) == 0
