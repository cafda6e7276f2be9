"""`frontcheck sources ...` and `frontcheck persons ...` as a user runs them: real processes,
exit codes, whole error lines, store unchanged after bad input."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from frontcheck.store.engine import open_engine
from frontcheck.store.sources import ingest_sources
from tests.store.test_ingest import table_counts

FRONT = "---\nspeaker: Ri\ndate: 2025-02-03\n---\nQ: Were you trained?\nA: Two weeks.\n"


def frontcheck(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "frontcheck", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def statements_store(tmp_path_factory, samples) -> Path:
    """A store holding the statements sample; tests that use it must leave it as it is."""
    db = tmp_path_factory.mktemp("ledger") / "store.sqlite"
    with open_engine(db) as engine:
        ingest_sources(engine, [samples["statement"]])
    return db


BAD_INPUTS = {
    "truncated.json": (lambda real: real["telegram"].read_bytes()[:700],
                       "Error: {path}: line 23: truncated JSON (unexpected end of data at char 652)"),
    "empty_export.json": (lambda real: b'{"name": "c", "id": 1, "messages": []}',
                          "Error: {path}: messages: the export has no messages (only service "
                          "messages, or none)"),
    "utf16.md": (lambda real: FRONT.encode("utf-16-le"),
                 "Error: {path}: not text in a known encoding (NUL bytes: UTF-16 without a "
                 "byte-order mark, or a binary file); re-save it as UTF-8"),
    "bad_date.csv": (lambda real: "statement_id,published_at,text\nS1,2025-13-01,Курахово\n".encode(),
                     "Error: {path}: line 2: published_at: '2025-13-01' is not a date (ISO 8601 "
                     "such as 2025-01-06T10:00:00+03:00, or Unix seconds)"),
    "no_date.md": (lambda real: FRONT.replace("date: 2025-02-03\n", "").encode(),
                   "Error: {path}: front matter: missing required field 'date'"),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_one_line_exit_1_store_unchanged(statements_store, samples, tmp_path, name):
    make, expected = BAD_INPUTS[name]
    bad = tmp_path / name
    bad.write_bytes(make(samples))
    before = table_counts(statements_store)
    result = frontcheck("sources", "ingest", bad, "--db", statements_store)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [expected.format(path=bad)]
    assert result.stdout == ""
    assert table_counts(statements_store) == before


def test_usage_errors_exit_2(statements_store, samples):
    result = frontcheck("sources", "ingest", samples["csv"], "--reliability", "G",
                        "--db", statements_store)
    assert result.returncode == 2 and "'G' is not a reliability grade A–F" in result.stderr
    result = frontcheck("sources", "ingest", samples["csv"], "--format-in", "pdf",
                        "--db", statements_store)
    assert result.returncode == 2 and "--format-in" in result.stderr


def test_ingest_keep_going_list_show_reliability(tmp_path, samples):
    db = tmp_path / "store.sqlite"
    bad = tmp_path / "bad.csv"
    bad.write_text("statement_id,published_at,text\nS1,2025-01-06,Курахово\nS2,вчера,x\n",
                   encoding="utf-8")
    result = frontcheck("sources", "ingest", samples["telegram"], bad, "--keep-going",
                        "--reliability", "D", "--db", db)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"Error: {bad}: line 3: published_at: 'вчера' is not a date (ISO 8601 such as "
        "2025-01-06T10:00:00+03:00, or Unix seconds)",
        "2 files: 2 new, 0 already stored; 11 sources added; 1 failed."]
    again = frontcheck("sources", "ingest", samples["telegram"], "--db", db)
    assert again.returncode == 0
    assert again.stderr.strip() == "1 file: 0 new, 1 already stored; 0 sources added."

    listed = json.loads(frontcheck("sources", "list", "--kind", "telegram_post",
                                   "--format", "json", "--db", db).stdout)
    assert len(listed) == 10 and {r["grade"] for r in listed} == {"D6"}
    assert list(listed[0]) == ["id", "kind", "publisher", "grade", "published_at", "language",
                               "author", "item_key", "excerpt"]
    assert listed[0]["published_at"] == "2024-10-02T09:14:05+03:00"
    csv_out = frontcheck("sources", "list", "--publisher", "nobody", "--format", "csv", "--db", db)
    assert csv_out.stdout == "id,kind,publisher,grade,published_at,language,author,item_key,excerpt\n"

    post = next(r for r in listed if r["item_key"].endswith(":1188"))
    [shown] = json.loads(frontcheck("sources", "show", post["id"], "--format", "json",
                                    "--db", db).stdout)
    assert shown["blob_sha256"] == hashlib.sha256(samples["telegram"].read_bytes()).hexdigest()
    assert shown["meta"]["message_id"] == 1188 and "Плехово снова наше" in shown["text"]
    missing = frontcheck("sources", "show", "999", "--db", db)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "Error: no source with id 999; see `frontcheck sources list`"

    assert frontcheck("sources", "reliability", "Сводки с передка", "E", "--db", db).returncode == 0
    shown = frontcheck("sources", "reliability", "Сводки с передка", "--db", db)
    assert shown.stdout == "Сводки с передка: E (unreliable)\n"


def test_verify_integrity_exit_codes(tmp_path, samples):
    db = tmp_path / "store.sqlite"
    assert frontcheck("sources", "ingest", samples["acled"], samples["html"], "--db", db,
                      "--quiet").returncode == 0
    ok = frontcheck("sources", "verify-integrity", "--format", "json", "--db", db)
    assert ok.returncode == 0 and json.loads(ok.stdout) == []
    assert ok.stderr.strip() == "2 files checked: 2 ok, 0 missing, 0 changed."
    sha = hashlib.sha256(samples["html"].read_bytes()).hexdigest()
    blob = tmp_path / "blobs" / sha[:2] / sha
    os.chmod(blob, 0o644)
    blob.write_bytes(blob.read_bytes().replace(b"37 Russian attacks", b"73 Russian attacks"))
    bad = frontcheck("sources", "verify-integrity", "--format", "json", "--db", db)
    assert bad.returncode == 1
    [row] = json.loads(bad.stdout)
    assert (row["sha256"], row["status"], row["original_name"]) == (sha, "mismatch",
                                                                    samples["html"].name)
    assert bad.stderr.strip() == "2 files checked: 1 ok, 0 missing, 1 changed."


def test_persons_list_protect_suggest(tmp_path, samples):
    db = tmp_path / "store.sqlite"
    result = frontcheck("sources", "ingest", samples["transcript"], samples["csv"], "--no-protect",
                        "--db", db)
    assert result.returncode == 0, result.stderr
    suggested = json.loads(frontcheck("persons", "suggest", "--format", "json", "--db", db).stdout)
    assert [(s["name"], s["reason"], s["protected"]) for s in suggested] == [
        ("Ri Jin-hyok", "pow", False)]
    assert suggested[0]["evidence"] == ("captured North Korean soldier, prisoner of war since "
                                        "January 2025")
    protect = frontcheck("persons", "protect", str(suggested[0]["person_id"]), "--reason", "pow",
                         "--db", db)
    assert protect.returncode == 0
    assert protect.stderr.strip() == f"Person {suggested[0]['person_id']} protected as POW-1 (pow)."
    by_name = frontcheck("persons", "protect", "Jane Porter", "--db", db)
    assert by_name.returncode == 0 and "protected as PERSON-1 (user)." in by_name.stderr
    persons = json.loads(frontcheck("persons", "list", "--format", "json", "--db", db).stdout)
    assert {p["name"]: p["pseudonym"] for p in persons if p["protected"]} == {
        "Ri Jin-hyok": "POW-1", "Jane Porter": "PERSON-1"}
    wrong = frontcheck("persons", "protect", "Ri Jin-hyok", "--reason", "spy", "--db", db)
    assert wrong.returncode == 2
