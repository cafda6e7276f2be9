"""The audit log: what is logged (unredacted views, protection changes, role changes,
exports), and that ``audit verify`` names the first entry edited or deleted."""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest

from frontcheck.protect.audit import GENESIS, AuditEntry, chain_problem, entry_hash
from tests.conftest import copy_store
from tests.protect.conftest import FIXTURES, frontcheck, leaked

ACTIONS_OF_SETUP = ["user_add", "user_add", "user_add", "token_create", "protect", "export",
                    "export", "role_change", "unprotect", "protect", "person_details",
                    "unredacted_denied", "unredacted_view"]


def _audit(db: Path) -> list[dict]:
    done = frontcheck("audit", "show", "--format", "json", "--db", db)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def logged_store(logged_template: Path, tmp_path: Path) -> Path:
    """A private copy of ``logged_template``, to tamper with."""
    return copy_store(logged_template, tmp_path / "store.sqlite")


@pytest.fixture(scope="module")
def logged_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store where each kind of event happened once or twice, in a known order."""
    db = tmp_path_factory.mktemp("audit") / "store.sqlite"
    steps = [
        ("users", "add", "root", "--role", "admin"),
        ("users", "add", "ana", "--role", "viewer", "--as-user", "root"),
        ("users", "add", "eve", "--role", "viewer", "--as-user", "root"),
        ("tokens", "create", "ana", "--as-user", "root"),
        ("sources", "ingest", FIXTURES / "detainee_interview_ru.md"),      # protects at ingest
        ("sources", "list", "--format", "json"),                            # an export
        ("persons", "list", "--format", "csv"),                             # an export
        ("persons", "list"),                                                # a table: not logged
        ("users", "set-role", "ana", "--role", "analyst", "--reason", "joins the desk",
         "--as-user", "root"),
        ("persons", "unprotect", "1", "--reason", "test of the log", "--as-user", "root"),
        ("persons", "protect", "1", "--reason", "detainee", "--as-user", "root"),
        ("persons", "set-details", "DETAINEE-1", "--home-town", "Новокузнецк", "--as-user", "root"),
    ]
    for step in steps:
        done = frontcheck(*step, "--db", db)
        assert done.returncode == 0, (step, done.stderr)
    denied = frontcheck("sources", "show", "1", "--unredacted", "--reason", "curious",
                        "--as-user", "eve", "--db", db)
    assert denied.returncode == 1
    assert denied.stderr == ("Error: eve is a viewer: only an analyst or an admin may see a "
                             "protected person unredacted\n")
    shown = frontcheck("sources", "show", "1", "--unredacted", "--reason", "checking the unit",
                       "--as-user", "ana", "--format", "json", "--db", db)
    assert shown.returncode == 0 and "Кузьменко" in shown.stdout
    return db


def test_every_kind_of_event_is_logged_in_order(logged_store):
    entries = _audit(logged_store)
    assert [e["action"] for e in entries] == ACTIONS_OF_SETUP
    assert [e["seq"] for e in entries] == list(range(1, len(entries) + 1))
    by_action = {e["action"]: e for e in entries}
    assert by_action["role_change"]["detail"] == {"from": "viewer", "to": "analyst"}
    assert by_action["role_change"]["reason"] == "joins the desk"
    assert by_action["unprotect"]["reason"] == "test of the log"
    assert by_action["unprotect"]["target"] == "person:1"
    assert entries[4]["actor"] == "frontcheck" and entries[4]["detail"]["pseudonym"] == "DETAINEE-1"
    assert [e["detail"]["format"] for e in entries if e["action"] == "export"] == ["json", "csv"]
    view = by_action["unredacted_view"]
    assert (view["actor"], view["role"], view["target"], view["reason"]) == (
        "ana", "analyst", "source:1", "checking the unit")
    assert entries[0]["prev_hash"] == GENESIS
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(entries))
    # the log names persons by id and pseudonym, never by name or detail
    assert not leaked(json.dumps(entries, ensure_ascii=False))


def test_an_intact_log_verifies(logged_store):
    done = frontcheck("audit", "verify", "--db", logged_store)
    head = _audit(logged_store)[-1]["hash"]
    assert (done.returncode, done.stderr) == (
        0, f"Audit log intact: {len(ACTIONS_OF_SETUP)} entries; head {head}.\n")


def _sql(db: Path, statement: str, *params) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute(statement, params)


@pytest.mark.parametrize("statement, params, message", [
    ("UPDATE audit_log SET detail = ? WHERE seq = 8", ('{"from":"viewer","to":"admin"}',),
     "audit entry 8: edited: its contents do not match its hash"),
    ("UPDATE audit_log SET reason = ? WHERE seq = 13", ("routine",),
     "audit entry 13: edited: its contents do not match its hash"),
    ("UPDATE audit_log SET actor = ? WHERE seq = 2", ("mallory",),
     "audit entry 2: edited: its contents do not match its hash"),
    ("UPDATE audit_log SET detail = ? WHERE seq = 5", ("not json",),
     "audit entry 5: edited: its detail is not JSON any more"),
    ("DELETE FROM audit_log WHERE seq = 9", (),
     "audit entry 9: missing (deleted): entry 8 is followed by entry 10"),
    ("DELETE FROM audit_log WHERE seq = 1", (),
     "audit entry 1: missing (deleted): the log starts at entry 2"),
    ("DELETE FROM audit_log WHERE seq = 13", (),
     "audit entry 13: missing (deleted): the log ends at entry 12 but its head is entry 13"),
])
def test_an_edited_or_deleted_entry_is_named(logged_store, statement, params, message):
    _sql(logged_store, statement, *params)
    done = frontcheck("audit", "verify", "--db", logged_store)
    assert (done.returncode, done.stderr) == (1, f"Error: {message}\n")


def test_a_rewritten_chain_is_caught_by_the_head_noted_before(logged_store):
    """Someone who edits an entry and recomputes every later hash and the head passes the
    chain check; the head noted earlier (``--expect-head``) catches it."""
    noted = _audit(logged_store)[-1]["hash"]
    entries = _audit(logged_store)
    previous = entries[6]["hash"]
    for record in entries[7:]:
        if record["seq"] == 8:
            record["detail"] = {"from": "viewer", "to": "admin"}
        entry = AuditEntry(record["seq"], record["at"], record["actor"], record["role"],
                           record["action"], record["target"], record["reason"], record["detail"])
        digest = entry_hash(entry, previous)
        _sql(logged_store, "UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?",
             json.dumps(record["detail"], sort_keys=True, separators=(",", ":")), previous,
             digest, record["seq"])
        previous = digest
    _sql(logged_store, "UPDATE audit_head SET hash = ? WHERE id = 1", previous)
    assert frontcheck("audit", "verify", "--db", logged_store).returncode == 0
    done = frontcheck("audit", "verify", "--expect-head", noted, "--db", logged_store)
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: audit entry 13: the head noted earlier ({noted[:12]}…) "
                                  "is not in the chain")


def test_a_fork_cannot_be_stored(logged_store):
    """Two entries after the same one (two writers racing) are refused by the store."""
    with pytest.raises(sqlite3.IntegrityError):
        _sql(logged_store, "INSERT INTO audit_log (seq, at, actor, role, action, target, reason, "
                           "detail, prev_hash, hash) SELECT 99, at, actor, role, action, target, "
                           "reason, detail, prev_hash, 'f' FROM audit_log WHERE seq = 3")


def test_chain_problem_on_plain_entries():
    a = AuditEntry(1, "t1", "root", "admin", "user_add", "user:ana", "", {"role": "viewer"})
    b = AuditEntry(2, "t2", "root", "admin", "export", "sources", "", {"format": "csv"})
    ha = entry_hash(a, GENESIS)
    hb = entry_hash(b, ha)
    assert chain_problem([], None) is None
    assert chain_problem([(a, GENESIS, ha), (b, ha, hb)], (2, hb)) is None
    assert str(chain_problem([(a, GENESIS, ha), (b, GENESIS, hb)], (2, hb))) == (
        "audit entry 2: does not follow the entry before it (that entry was changed or deleted)")
    assert str(chain_problem([(a, GENESIS, ha)], None)) == "audit entry 1: the log has entries but no head"
    assert str(chain_problem([(a, GENESIS, ha), (a, GENESIS, ha)], (1, ha))) == (
        "audit entry 1: out of order or duplicated")
    # the hash covers every field and the previous hash
    changed = AuditEntry(1, "t1", "root", "admin", "user_add", "user:ana", "", {"role": "admin"})
    assert entry_hash(changed, GENESIS) != ha != entry_hash(a, "1" * 64)
