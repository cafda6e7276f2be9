"""Users, roles and tokens on the command line: who may do what, tokens shown once and stored
only as salted scrypt hashes, bad input answered with one line and nothing logged."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontcheck.protect.roles import AccessError, checked_reason
from frontcheck.protect.tokens import (
    SCRYPT_PARAMS,
    TokenError,
    bearer_token,
    parse_token,
    token_hash,
    token_matches,
)
from tests.conftest import copy_store
from tests.protect.conftest import FIXTURES, frontcheck


def _audit_actions(db: Path) -> list[str]:
    return [e["action"] for e in json.loads(frontcheck("audit", "show", "--format", "json",
                                                       "--db", db).stdout)]


@pytest.fixture(scope="module")
def users_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("users") / "store.sqlite"
    assert frontcheck("users", "add", "root", "--role", "admin", "--db", db).returncode == 0
    assert frontcheck("users", "add", "vic", "--role", "viewer", "--as-user", "root",
                      "--db", db).returncode == 0
    assert frontcheck("sources", "ingest", FIXTURES / "detainee_interview_ru.md",
                      "--db", db).returncode == 0
    created = frontcheck("tokens", "create", "root", "--label", "laptop", "--as-user", "root",
                         "--db", db)
    assert created.returncode == 0 and created.stderr.endswith("it is shown only this once.\n")
    return db, created.stdout.strip()


@pytest.fixture
def users_store(users_template, tmp_path) -> tuple[Path, str]:
    return copy_store(users_template[0], tmp_path / "store.sqlite"), users_template[1]


def test_the_first_user_must_be_an_admin(tmp_path):
    db = tmp_path / "store.sqlite"
    done = frontcheck("users", "add", "vic", "--role", "viewer", "--db", db)
    assert (done.returncode, done.stderr) == (
        1, "Error: the first user must be an admin (it manages the others): "
           "frontcheck users add vic --role admin\n")
    assert frontcheck("users", "list", "--format", "json", "--db", db).stdout.strip() == "[]"


def test_admin_commands_need_an_admin_once_users_exist(users_store):
    db, _ = users_store
    before = _audit_actions(db)
    anonymous = frontcheck("users", "add", "eve", "--role", "viewer", "--db", db)
    assert anonymous.returncode == 2 and "needs --as-user NAME or --token" in anonymous.stderr
    for step in (("users", "add", "eve", "--role", "viewer"),
                 ("persons", "protect", "Jane Porter"),
                 ("persons", "unprotect", "1", "--reason", "x"),
                 ("tokens", "create", "vic")):
        done = frontcheck(*step, "--as-user", "vic", "--db", db)
        assert (done.returncode, done.stderr) == (
            1, "Error: vic is a viewer: only an admin may manage users, tokens and protection\n")
    unknown = frontcheck("users", "add", "eve", "--role", "viewer", "--as-user", "nobody", "--db", db)
    assert unknown.stderr == "Error: no user called 'nobody'; see `frontcheck users list`\n"
    assert _audit_actions(db) == before


def test_a_token_identifies_its_user_on_the_command_line(users_store):
    db, token = users_store
    added = frontcheck("users", "add", "eve", "--role", "analyst", "--token", token, "--db", db)
    assert added.returncode == 0, added.stderr
    wrong = frontcheck("users", "add", "mal", "--role", "admin", "--token",
                       token[:-4] + "AAAA", "--db", db)
    assert (wrong.returncode, wrong.stderr) == (1, "Error: --token: invalid or revoked token\n")
    entry = json.loads(frontcheck("audit", "show", "--format", "json", "--db", db).stdout)[-1]
    assert (entry["action"], entry["actor"], entry["target"]) == ("user_add", "root", "user:eve")


def test_tokens_are_stored_only_as_salted_scrypt_hashes(users_store):
    db, token = users_store
    second = frontcheck("tokens", "create", "root", "--as-user", "root", "--db", db).stdout.strip()
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows = connection.execute("SELECT id, salt, hash FROM tokens ORDER BY created_at").fetchall()
    raw = db.read_bytes()
    for shown in (token, second):
        secret = shown.split("_", 2)[2]
        assert shown.encode() not in raw and secret.encode() not in raw
    (id1, salt1, hash1), (_id2, salt2, _hash2) = rows
    assert token.split("_")[1] == id1 and salt1 != salt2 and len(salt1) == 16
    # the hash is scrypt over the whole token with the row's salt, computed here on its own
    assert hash1 == hashlib.scrypt(token.encode(), salt=salt1, n=2**14, r=8, p=1, dklen=32)
    assert SCRYPT_PARAMS == {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
    listed = frontcheck("tokens", "list", "--format", "json", "--db", db).stdout
    assert token not in listed and set(json.loads(listed)[0]) == {
        "id", "user", "role", "label", "created_at", "revoked_at"}


def test_role_changes_are_logged_and_the_last_admin_stays(users_store):
    db, _ = users_store
    no_reason = frontcheck("users", "set-role", "vic", "--role", "analyst", "--as-user", "root",
                           "--db", db)
    assert (no_reason.returncode, no_reason.stderr) == (
        1, "Error: a reason is required: say why (it is logged)\n")
    done = frontcheck("users", "set-role", "vic", "--role", "analyst", "--reason", "desk",
                      "--as-user", "root", "--db", db)
    assert done.returncode == 0 and done.stderr == "User vic is now analyst.\n"
    last = frontcheck("users", "set-role", "root", "--role", "viewer", "--reason", "x",
                      "--as-user", "root", "--db", db)
    assert last.stderr == "Error: root is the last admin; make another user admin first\n"
    roles = {u["name"]: u["role"] for u in json.loads(
        frontcheck("users", "list", "--format", "json", "--db", db).stdout)}
    assert roles == {"root": "admin", "vic": "analyst"}
    assert _audit_actions(db).count("role_change") == 1


def test_bad_reasons_are_refused_and_nothing_is_logged(users_store):
    db, _ = users_store
    frontcheck("users", "add", "ana", "--role", "analyst", "--as-user", "root", "--db", db)
    before = _audit_actions(db)
    unprotect = frontcheck("persons", "unprotect", "1", "--reason", "  ", "--as-user", "root",
                           "--db", db)
    assert (unprotect.returncode, unprotect.stderr) == (
        1, "Error: a reason is required: say why (it is logged)\n")
    for reason in ("", " \t ", "x" * 501):
        shown = frontcheck("sources", "show", "1", "--unredacted", "--reason", reason,
                           "--as-user", "ana", "--db", db)
        assert shown.returncode == 2 and "Кузьменко" not in shown.stdout
    nobody = frontcheck("sources", "show", "1", "--unredacted", "--reason", "why", "--db", db)
    assert nobody.returncode == 2 and "--unredacted needs --as-user NAME or --token" in nobody.stderr
    assert _audit_actions(db) == before


@given(st.text(max_size=80))
def test_any_header_gives_a_token_none_or_a_token_error(text):
    try:
        token = bearer_token(text)
    except TokenError:
        return
    assert token is not None and parse_token(token)


@given(st.text(max_size=600))
def test_any_reason_is_accepted_trimmed_or_refused_with_access_error(text):
    try:
        reason = checked_reason(text)
    except AccessError:
        return
    assert reason == reason.strip() and 0 < len(reason) <= 500


def test_token_checks_use_the_row_salt():
    token = "fct_Ab12Cd34Ef56_" + "s" * 43
    salt = b"0123456789abcdef"
    stored = token_hash(token, salt)
    assert token_matches(token, salt, stored)
    assert not token_matches(token, b"fedcba9876543210", stored)
    assert not token_matches(token[:-1] + "t", salt, stored)
