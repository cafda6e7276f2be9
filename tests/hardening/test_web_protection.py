"""The API gives no name away and keeps its answers safe (issue 14, "Protection and security"):
a protected person's name looked up answers like an unknown name (and is logged), valid tokens
pass while a bad client is slowed down, refused unredacted views are logged, the page carries
security headers, snapshots show file names only, and over-large ids are a 404."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from frontcheck.app.source_ingest import ingest_sources, source_files
from frontcheck.app.users import add, new_token
from frontcheck.protect.roles import Role
from frontcheck.store.audit import audit_rows, local_principal
from frontcheck.store.engine import open_engine

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def web_store(tmp_path_factory) -> tuple[Path, dict]:
    """Samples ingested (Ri Jin-hyok protected as POW-1 at ingest) and three users."""
    db = tmp_path_factory.mktemp("web") / "store.sqlite"
    tokens = {}
    with open_engine(db) as engine:
        ingest_sources(engine, source_files([SAMPLES / "transcripts", SAMPLES / "statements"]))
        with engine.begin() as connection:
            for name, role in (("root", Role.admin), ("ana", Role.analyst), ("vic", Role.viewer)):
                add(connection, local_principal(), name, role)
                tokens[role.value] = new_token(connection, local_principal(), name)[0]
    return db, tokens


def client(db: Path, address: str = "testclient"):
    from frontcheck.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(create_app(db), raise_server_exceptions=False, client=(address, 50000))


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def audit(db: Path) -> list[dict]:
    with open_engine(db) as engine, engine.connect() as connection:
        return audit_rows(connection)


@pytest.mark.parametrize("role", ["viewer", "analyst", "admin"])
def test_a_protected_name_looked_up_answers_like_an_unknown_name(web_store, role):
    db, tokens = web_store
    before = len(audit(db))
    with client(db) as api:
        real = api.get("/api/witnesses/Ri Jin-hyok", headers=bearer(tokens[role]))
        other_spelling = api.get("/api/witnesses/ri jin-hyok", headers=bearer(tokens[role]))
        unknown = api.get("/api/witnesses/Kim Nobody", headers=bearer(tokens[role]))
        partial = api.get("/api/witnesses/Jin-hyok", headers=bearer(tokens[role]))
        by_pseudonym = api.get("/api/witnesses/POW-1", headers=bearer(tokens[role]))
    assert unknown.status_code == 404
    for answer in (real, other_spelling, partial):
        assert answer.status_code == 404 and answer.json() == unknown.json(), answer.text
        assert "POW" not in answer.text
    assert by_pseudonym.status_code == 200 and by_pseudonym.json()["person"]["label"] == "POW-1"
    logged = [e for e in audit(db)[before:] if e["action"] == "person_lookup"]
    assert len(logged) == 2 and all(e["target"].startswith("person:") for e in logged)
    assert all("Ri" not in str(e) and "Jin" not in str(e) for e in logged)


def test_valid_tokens_pass_while_a_bad_client_is_slowed_down(web_store):
    db, tokens = web_store
    bad = "fct_AAAAAAAAAAAA_" + "x" * 43
    with client(db, "10.9.0.1") as api:
        statuses = [api.get("/api/persons", headers=bearer(bad)).status_code for _ in range(8)]
        assert statuses[:5] == [401] * 5 and statuses[-1] == 429, statuses
        for role in ("viewer", "analyst"):
            assert api.get("/api/persons", headers=bearer(tokens[role])).status_code == 200
        # the bad client is still slowed down, whatever the good ones did
        assert api.get("/api/persons", headers=bearer(bad)).status_code == 429
        wrong_secret = tokens["viewer"][:-4] + "abcd"
        assert api.get("/api/persons", headers=bearer(wrong_secret)).status_code == 429


def test_a_refused_unredacted_request_is_logged(web_store):
    db, tokens = web_store
    before = len(audit(db))
    with client(db) as api:
        answer = api.get("/api/sources/1?unredacted=1", headers=bearer(tokens["analyst"]))
    assert answer.status_code == 400
    logged = audit(db)[before:]
    assert [(e["action"], e["actor"], e["target"]) for e in logged] == [
        ("unredacted_denied", "ana", "source:1")]


def test_the_page_and_the_api_carry_security_headers(web_store):
    db, _ = web_store
    with client(db) as api:
        for path in ("/", "/api/config"):
            headers = api.get(path).headers
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["x-frame-options"] == "DENY"
            csp = headers["content-security-policy"]
            assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
            assert "script-src 'self'" in csp


@pytest.mark.parametrize("path", ["/api/sources/99999999999999999999999",
                                  "/api/sources/-99999999999999999999999",
                                  "/api/claims/99999999999999999999999"])
def test_an_id_beyond_sqlites_integers_is_a_404(web_store, path):
    db, tokens = web_store
    with client(db) as api:
        answer = api.get(path, headers=bearer(tokens["viewer"]))
        assert answer.status_code in (404, 400), answer.text
        assert answer.json()["ok"] is False
        assert api.get("/api/persons", headers=bearer(tokens["viewer"])).status_code == 200


def test_snapshots_show_file_names_only(tmp_path, daily_files):
    db = tmp_path / "store.sqlite"
    from frontcheck.app.snapshot_ingest import ingest_snapshots
    from frontcheck.control.formats import ReadOptions

    with open_engine(db) as engine:
        ingest_snapshots(engine, [], ReadOptions(), files=[daily_files[0].resolve()])
    with client(db) as api:
        rows = api.get("/api/snapshots").json()
        detail = api.get(f"/api/snapshots/{rows[0]['date']}").text
    assert [r["source_name"] for r in rows] == [daily_files[0].name]
    assert str(daily_files[0].parent) not in detail
