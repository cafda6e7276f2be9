"""`frontcheck sources ...` and `frontcheck persons ...` as a user runs them. Error lines and
exit codes through real processes (`python -m frontcheck`, which maps errors to one line);
the rest in process with CliRunner, stdout and stderr apart."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontcheck.app.source_ingest import ingest_sources
from frontcheck.cli.main import app
from frontcheck.store.engine import open_engine
from tests.app.test_snapshot_ingest import table_counts
from tests.conftest import blob_folder, new_store

FRONT = "---\nspeaker: Ri\ndate: 2025-02-03\n---\nQ: Were you trained?\nA: Two weeks.\n"
NOT_A_DATE = "is not a date (ISO 8601 such as 2025-01-06T10:00:00+03:00, or Unix seconds)"
runner = CliRunner()


def frontcheck(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "frontcheck", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def statements_store(tmp_path_factory, samples, store_kind, request) -> Path:
    """A store holding the statements sample; tests that use it must leave it as it is."""
    db = new_store(store_kind, tmp_path_factory.mktemp("ledger"), request)
    with open_engine(db) as engine:
        ingest_sources(engine, [samples["statement"]])
    return db


BAD_INPUTS = {
    "empty_export.json": (b'{"name": "c", "id": 1, "messages": []}',
                          "messages: the export has no messages (only service messages, or none)"),
    "utf16.md": (FRONT.encode("utf-16-le"),
                 "not text in a known encoding (NUL bytes: UTF-16 without a byte-order mark, "
                 "or a binary file); re-save it as UTF-8"),
    "bad_date.csv": ("statement_id,published_at,text\nS1,2025-13-01,Курахово\n".encode(),
                     f"line 2: published_at: '2025-13-01' {NOT_A_DATE}"),
    "no_date.md": (FRONT.replace("date: 2025-02-03\n", "").encode(),
                   "front matter: missing required field 'date'"),
    "truncated.json": (b'{"name": "c", "messages": [{"id": 1, "type": "message", "da',
                       "line 1: truncated JSON (unexpected end of data at char 59)"),
}


def test_bad_input_one_line_exit_1_store_unchanged(statements_store, tmp_path):
    data, message = BAD_INPUTS["bad_date.csv"]
    bad = tmp_path / "bad_date.csv"
    bad.write_bytes(data)
    before = table_counts(statements_store)
    result = frontcheck("sources", "ingest", bad, "--db", statements_store)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [f"Error: {bad}: {message}"]
    assert table_counts(statements_store) == before


def test_every_kind_of_bad_input_reported_by_keep_going_store_unchanged(statements_store, tmp_path):
    paths = []
    for name, (data, _) in BAD_INPUTS.items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    before = table_counts(statements_store)
    result = frontcheck("sources", "ingest", *paths, "--keep-going", "--db", statements_store)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        *(f"Error: {tmp_path / name}: {message}" for name, (_, message) in BAD_INPUTS.items()),
        "5 files: 0 new, 0 already stored; 0 sources added; 5 failed."]
    assert table_counts(statements_store) == before


def test_usage_errors_exit_2(statements_store, samples):
    result = frontcheck("sources", "ingest", samples["csv"], "--reliability", "G",
                        "--db", statements_store)
    assert result.returncode == 2 and "'G' is not a reliability grade A–F" in result.stderr
    assert invoke("sources", "ingest", samples["csv"], "--format-in", "pdf",
                  "--db", statements_store).exit_code == 2
    assert invoke("persons", "protect", "Ri", "--reason", "spy",
                  "--db", statements_store).exit_code == 2


def test_keep_going_stores_the_good_items(tmp_path, samples, db_path):
    db = db_path
    bad = tmp_path / "bad.csv"
    bad.write_text("statement_id,published_at,text\nS1,2025-01-06,Курахово\nS2,вчера,x\n",
                   encoding="utf-8")
    result = invoke("sources", "ingest", samples["telegram"], bad, "--keep-going",
                    "--reliability", "D", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {bad}: line 3: published_at: 'вчера' {NOT_A_DATE}",
        "2 files: 2 new, 0 already stored; 11 sources added; 1 failed."]
    again = invoke("sources", "ingest", samples["telegram"], "--db", db)
    assert (again.exit_code, again.stderr) == (0, "1 file: 0 new, 1 already stored; 0 sources added.\n")

    listed = json.loads(invoke("sources", "list", "--kind", "telegram_post", "--format", "json",
                               "--db", db).stdout)
    assert len(listed) == 10 and {r["grade"] for r in listed} == {"D6"}
    assert list(listed[0]) == ["id", "kind", "publisher", "grade", "published_at", "language",
                               "author", "item_key", "excerpt"]
    assert listed[0]["published_at"] == "2024-10-02T09:14:05+03:00"
    statements = json.loads(invoke("sources", "list", "--kind", "statement", "--format", "json",
                                   "--db", db).stdout)
    assert [(s["item_key"], s["excerpt"]) for s in statements] == [("S1", "Курахово")]
    empty = invoke("sources", "list", "--publisher", "nobody", "--format", "csv", "--db", db)
    assert empty.stdout == "id,kind,publisher,grade,published_at,language,author,item_key,excerpt\n"

    post = next(r for r in listed if r["item_key"].endswith(":1188"))
    [shown] = json.loads(invoke("sources", "show", post["id"], "--format", "json", "--db", db).stdout)
    assert shown["blob_sha256"] == hashlib.sha256(samples["telegram"].read_bytes()).hexdigest()
    assert shown["meta"]["message_id"] == 1188 and "Плехово снова наше" in shown["text"]
    assert shown["original_name"] == "result.json" and shown["grade"] == "D6"


def test_show_unknown_id_and_reliability(tmp_path, samples, db_path):
    db = db_path
    assert invoke("sources", "ingest", samples["csv"], "--db", db, "--quiet").exit_code == 0
    missing = frontcheck("sources", "show", "999", "--db", db)
    assert missing.returncode == 1
    assert missing.stderr == "Error: no source with id 999; see `frontcheck sources list`\n"
    done = invoke("sources", "reliability", "Минобороны России", "e", "--db", db)
    assert (done.exit_code, done.stdout, done.stderr) == (
        0, "", "Минобороны России: reliability E (unreliable).\n")
    shown = invoke("sources", "reliability", "Минобороны России", "--db", db)
    assert shown.stdout == "Минобороны России: E (unreliable)\n"
    grades = {r["publisher"]: r["grade"] for r in json.loads(
        invoke("sources", "list", "--format", "json", "--db", db).stdout)}
    assert grades["Минобороны России"] == "E6" and grades["Генштаб ЗСУ"] == "F6"


def test_verify_integrity_exit_codes(tmp_path, samples, db_path):
    db = db_path
    assert invoke("sources", "ingest", samples["acled"], samples["html"], "--db", db,
                  "--quiet").exit_code == 0
    ok = invoke("sources", "verify-integrity", "--format", "json", "--db", db)
    assert ok.exit_code == 0 and json.loads(ok.stdout) == []
    assert ok.stderr == "2 files checked: 2 ok, 0 missing, 0 changed.\n"
    sha = hashlib.sha256(samples["html"].read_bytes()).hexdigest()
    blob = blob_folder(db) / sha[:2] / sha
    os.chmod(blob, 0o644)
    blob.write_bytes(blob.read_bytes().replace(b"37 Russian attacks", b"73 Russian attacks"))
    bad = frontcheck("sources", "verify-integrity", "--format", "json", "--db", db)
    assert bad.returncode == 1
    [row] = json.loads(bad.stdout)
    assert (row["sha256"], row["status"], row["original_name"]) == (sha, "mismatch",
                                                                    samples["html"].name)
    assert bad.stderr == "2 files checked: 1 ok, 0 missing, 1 changed.\n"


def test_persons_list_protect_suggest(tmp_path, samples, db_path):
    db = db_path
    result = invoke("sources", "ingest", samples["transcript"], samples["csv"], "--no-protect",
                    "--db", db)
    assert result.exit_code == 0, result.stderr
    suggested = json.loads(invoke("persons", "suggest", "--format", "json", "--db", db).stdout)
    assert [(s["name"], s["reason"], s["protected"]) for s in suggested] == [
        ("Ri Jin-hyok", "pow", False)]
    assert suggested[0]["evidence"] == ("captured North Korean soldier, prisoner of war since "
                                        "January 2025")
    protect = invoke("persons", "protect", suggested[0]["person_id"], "--reason", "pow", "--db", db)
    assert (protect.exit_code, protect.stderr) == (
        0, f"Person {suggested[0]['person_id']} protected as POW-1 (pow).\n")
    by_name = invoke("persons", "protect", "Jane Porter", "--db", db)
    assert by_name.exit_code == 0 and by_name.stderr.endswith("protected as PERSON-1 (user).\n")
    listed = invoke("persons", "list", "--format", "json", "--db", db).stdout
    persons = json.loads(listed)   # protected persons are listed by pseudonym only (issue 7)
    assert {p["name"]: p["pseudonym"] for p in persons if p["protected"]} == {
        "POW-1": "POW-1", "PERSON-1": "PERSON-1"}
    assert "Ri Jin-hyok" not in listed and "Jane Porter" not in listed
    assert json.loads(invoke("persons", "suggest", "--format", "json", "--db", db).stdout)[0][
        "protected"] is True
