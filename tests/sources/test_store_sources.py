"""The ledger in the store: one transaction per file, idempotent by content hash, blobs kept
byte for byte, integrity checks, publisher grades, persons and pseudonyms."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import timedelta

import pytest

from frontcheck.app.person_protection import protect_person
from frontcheck.app.source_ingest import ingest_sources, set_reliability
from frontcheck.errors import InputError, NotFoundError
from frontcheck.store.blobs import blob_path, blob_root
from frontcheck.store.engine import open_engine
from frontcheck.store.persons import list_persons, protected_names
from frontcheck.store.sources import get_reliability, get_source, list_sources, verify_integrity
from tests.app.test_snapshot_ingest import table_counts
from tests.conftest import blob_folder

LEDGER_TABLES = ("blob", "publisher", "source", "person", "source_person")


def ingest(db, files, **options):
    with open_engine(db) as engine:
        return ingest_sources(engine, files, **options)


def ledger_counts(db) -> dict[str, int]:
    counts = table_counts(db)
    return {t: counts[t] for t in LEDGER_TABLES}


def test_all_samples_then_again_stored_once(db_path, samples):
    files = list(samples.values())
    report = ingest(db_path, files)
    assert (report.new, report.already_stored, report.failed) == (7, 0, [])
    # 10 messages + 1 + 1 + 1 + 6 statements + 5 events + 4 updates
    assert report.sources == 28
    counts = ledger_counts(db_path)
    assert counts["blob"] == 7 and counts["source"] == 28
    again = ingest(db_path, files)
    assert (again.new, again.already_stored, again.sources) == (0, 7, 0)
    assert again.summary() == "0 new, 7 already stored; 0 sources added"
    assert ledger_counts(db_path) == counts


def test_raw_bytes_preserved_by_hash_read_only(db_path, samples):
    ingest(db_path, [samples["telegram"]])
    data = samples["telegram"].read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    path = blob_folder(db_path) / sha[:2] / sha
    assert path.read_bytes() == data
    assert not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp-")]
    with open_engine(db_path) as engine, engine.connect() as connection:
        assert blob_root(engine) == blob_folder(db_path)
        sources = list_sources(connection)
    assert {s.blob_sha256 for s in sources} == {sha}
    assert {s.original_name for s in sources} == {"result.json"}


def test_source_read_back_with_offset_grade_and_persons(db_path, samples):
    ingest(db_path, [samples["telegram"], samples["transcript"]], reliability="c")
    with open_engine(db_path) as engine, engine.begin() as connection:
        post = next(s for s in list_sources(connection, kind="telegram_post")
                    if s.meta["message_id"] == 1188)
        assert post.published_at.isoformat() == "2024-12-07T08:31:12+03:00"
        assert post.published_at.utcoffset() == timedelta(hours=3)
        assert post.grade == "C6" and get_reliability(connection, "Сводки с передка") == "C"
        assert "Плехово" in post.text and post.meta["chat"] == "Сводки с передка"
        [interview] = list_sources(connection, kind="interview")
        assert get_source(connection, interview.id) == interview
        assert interview.published_at.isoformat() == "2025-02-03T11:00:00+02:00"
        assert [(p.name, p.role) for p in interview.persons] == [
            ("Ri Jin-hyok", "speaker"), ("Olena Marchenko", "interviewer"), ("Pak Chol-ung", "named")]
        assert interview.meta["turns"][0]["speaker"] == "Olena Marchenko"
        set_reliability(connection, "Sample Investigations Desk", "B")
        assert get_source(connection, interview.id).grade == "B6"
        with pytest.raises(InputError, match="'Z' is not an Admiralty reliability grade"):
            set_reliability(connection, "x", "Z")
        with pytest.raises(NotFoundError, match="no source with id 999"):
            get_source(connection, 999)
        assert list_sources(connection, publisher="nobody") == []


def test_bad_file_changes_nothing_even_beside_good_files(db_path, samples, tmp_path):
    ingest(db_path, [samples["csv"]])
    before = table_counts(db_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("statement_id,published_at,text\nS1,2025-01-06,ok\nS2,вчера,bad\n",
                   encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv: line 3: published_at: 'вчера' is not a date"):
        ingest(db_path, [samples["acled"], bad])
    assert table_counts(db_path) == before
    assert not (blob_folder(db_path) / hashlib.sha256(bad.read_bytes()).hexdigest()[:2]).exists()


def test_keep_going_stores_the_good_items_and_reports_the_bad(db_path, samples, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("statement_id,published_at,text\nS1,2025-01-06,ok\nS2,вчера,bad\n",
                   encoding="utf-8")
    broken = tmp_path / "result.json"
    broken.write_bytes(samples["telegram"].read_bytes()[:500])
    report = ingest(db_path, [bad, broken, samples["acled"]], keep_going=True)
    assert report.new == 2 and report.sources == 1 + 5
    assert len(report.failed) == 2
    assert report.failed[0].startswith(f"{bad}: line 3: published_at: 'вчера' is not a date")
    assert report.failed[1].startswith(f"{broken}: line ") and "truncated JSON" in report.failed[1]
    with open_engine(db_path) as engine, engine.connect() as connection:
        assert [s.item_key for s in list_sources(connection, kind="statement")] == ["S1"]


def test_verify_integrity_finds_changed_and_missing_blobs(db_path, samples):
    ingest(db_path, [samples["csv"], samples["acled"], samples["html"]])
    with open_engine(db_path) as engine:
        assert {r["status"] for r in verify_integrity(engine)} == {"ok"}
        root = blob_root(engine)
    edited = blob_path(root, hashlib.sha256(samples["csv"].read_bytes()).hexdigest())
    os.chmod(edited, 0o644)
    original = edited.read_bytes()
    edited.write_bytes(original.replace("відбили 40 атак".encode(), "відбили 41 атак".encode()))
    assert edited.read_bytes() != original
    deleted = blob_path(root, hashlib.sha256(samples["acled"].read_bytes()).hexdigest())
    deleted.unlink()
    with open_engine(db_path) as engine:
        rows = {r["path"]: r for r in verify_integrity(engine)}
    assert rows[str(edited)]["status"] == "mismatch"
    assert rows[str(edited)]["found_sha256"] == hashlib.sha256(edited.read_bytes()).hexdigest()
    assert rows[str(deleted)]["status"] == "missing"
    assert sorted(r["status"] for r in rows.values()) == ["mismatch", "missing", "ok"]
    # Ingesting the same bytes again restores a deleted blob, but never overwrites a changed one.
    again = ingest(db_path, [samples["acled"], samples["csv"]])
    assert again.already_stored == 2
    with open_engine(db_path) as engine:
        assert sorted(r["status"] for r in verify_integrity(engine)) == ["mismatch", "ok", "ok"]


def test_prisoners_protected_at_ingest_with_stable_pseudonyms(db_path, samples):
    report = ingest(db_path, [samples["transcript"], samples["statement"]])
    assert report.protected == ["POW-1", "POW-2"]
    with open_engine(db_path) as engine, engine.begin() as connection:
        persons = {p["name"]: p for p in list_persons(connection)}
        assert {n for n, p in persons.items() if p["protected"]} == {"Ri Jin-hyok", "Чон Мін Хо"}
        assert persons["Ri Jin-hyok"]["pseudonym"] == "POW-1"
        assert persons["Ri Jin-hyok"]["roles"] == "speaker"
        assert persons["Олег Кравчук"]["protected"] is False
        assert protected_names(connection) == {"Ri Jin-hyok": "POW-1", "Чон Мін Хо": "POW-2"}
        marchenko = protect_person(connection, str(persons["Olena Marchenko"]["id"]))
        assert (marchenko["pseudonym"], marchenko["protected_reason"]) == ("PERSON-1", "user")
        again = protect_person(connection, "olena marchenko", "detainee")
        assert (again["pseudonym"], again["protected_reason"]) == ("PERSON-1", "detainee")
        assert protect_person(connection, "чон мін хо", "pow")["pseudonym"] == "POW-2"
        newcomer = protect_person(connection, "Kim Su-ryon", "minor")
        assert newcomer["pseudonym"] == "MINOR-1" and newcomer["id"] > persons["Чон Мін Хо"]["id"]
        with pytest.raises(NotFoundError, match="no person with id 999"):
            protect_person(connection, "999")
    assert ingest(db_path, [samples["transcript"]], protect=True).protected == []


def test_no_protect_leaves_suggestions_unapplied(db_path, samples):
    assert ingest(db_path, [samples["transcript"]], protect=False).protected == []
    with open_engine(db_path) as engine, engine.connect() as connection:
        assert protected_names(connection) == {}
