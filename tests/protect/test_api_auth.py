"""The API with users: each role on each route (401 / 403 / 200), the unredacted view of one
item (analysts, with a reason, logged), bad tokens and headers (a clear 4xx, never a 500,
nothing logged as granted), slowing down a client that guesses, and ``serve``'s address rule.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import copy_store
from tests.protect.conftest import frontcheck, leaked, leaked_from, source_id_of
from tests.protect.routes import ANALYST_WRITES, api_requests

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ADMIN_ONLY = {"/api/audit", "/api/audit/verify"}
ERROR_KEYS = {"ok", "error", "status"}
UNKNOWN_TOKEN = "fct_AAAAAAAAAAAA_" + "x" * 43


@pytest.fixture(scope="module")
def auth_store(leak_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The seeded store with three users and a token each."""
    store = copy_store(leak_store, tmp_path_factory.mktemp("auth") / "store.sqlite")
    tokens = {}
    for name, role in (("root", "admin"), ("ana", "analyst"), ("vic", "viewer")):
        identity = ("--as-user", "root") if name != "root" else ()
        assert frontcheck("users", "add", name, "--role", role, *identity, "--db", store).returncode == 0
        created = frontcheck("tokens", "create", name, "--as-user", "root", "--db", store)
        assert created.returncode == 0, created.stderr
        tokens[role] = created.stdout.strip()
    return store, tokens


def _client(store: Path, address: str = "testclient"):
    from frontcheck.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(create_app(store), raise_server_exceptions=False, client=(address, 50000))


@pytest.fixture(scope="module")
def app_client(auth_store):
    with _client(auth_store[0]) as client:
        yield client


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _audit(store: Path) -> list[dict]:
    return json.loads(frontcheck("audit", "show", "--format", "json", "--db", store).stdout)


def _one_request_per_route(client, store):
    seen, out = set(), []
    for route, method, url, body in api_requests(client.app, store):
        if (route, method) not in seen:
            seen.add((route, method))
            out.append((route, method, url, body))
    return out


def test_each_role_on_each_route(auth_store, app_client, gazetteer_forms):
    store, tokens = auth_store
    requests = _one_request_per_route(app_client, store)
    assert len(requests) >= 25
    problems = []
    for i, (route, method, url, body) in enumerate(requests):
        expected = {"none": 401, "bad": 401, "viewer": 200, "analyst": 200, "admin": 200}
        if route == "/":                      # the page itself holds no data
            expected = dict.fromkeys(expected, 200)
        elif route in ADMIN_ONLY:
            expected.update(viewer=403, analyst=403)
        elif (method, route) in ANALYST_WRITES:
            expected.update(viewer=403)
        for who, status in expected.items():
            headers = ({} if who == "none" else _bearer(UNKNOWN_TOKEN) if who == "bad"
                       else _bearer(tokens[who]))
            with _client(store, f"10.0.{i}.1") if who == "bad" else _nullcontext(app_client) as c:
                response = c.request(method, url, json=body, headers=headers)
            if response.status_code != status:
                problems.append(f"{who} {method} {url}: {response.status_code}, not {status}")
            if status != 200:
                assert set(response.json()) == ERROR_KEYS and response.json()["status"] == status
            if status == 401:
                assert response.headers["www-authenticate"].startswith("Bearer")
            found = leaked_from(route, response.text, gazetteer_forms)
            if who in ("viewer", "analyst") and found:
                problems.append(f"{who} {method} {url} leaks {found}")
    assert not problems, "\n".join(problems)


class _nullcontext:
    def __init__(self, value):
        self.value = value

    def __enter__(self):
        return self.value

    def __exit__(self, *exc):
        return False


def _detainee_source(store: Path) -> str:
    return source_id_of(store, "kuzmenko-interview")


def test_unredacted_view_is_for_analysts_with_a_reason_and_logged(auth_store, app_client):
    store, tokens = auth_store
    source = _detainee_source(store)
    url = f"/api/sources/{source}?unredacted=1"
    before = len(_audit(store))

    plain = app_client.get(f"/api/sources/{source}", headers=_bearer(tokens["analyst"]))
    assert plain.status_code == 200 and not leaked(plain.text)     # redacted by default

    refused = app_client.get(url, headers={**_bearer(tokens["viewer"]),
                                           "X-Frontcheck-Reason": "curious"})
    assert refused.status_code == 403 and not leaked(refused.text)
    assert refused.json()["error"] == ("vic is a viewer: only an analyst or an admin may see "
                                       "an item unredacted")
    for reason, message in ((None, "a reason is required: say why (it is logged)"),
                            ("   ", "a reason is required: say why (it is logged)"),
                            ("%01bad", "the reason holds control characters; write it on one line")):
        headers = _bearer(tokens["analyst"]) | ({"X-Frontcheck-Reason": reason} if reason else {})
        answer = app_client.get(url, headers=headers)
        assert answer.status_code == 400 and not leaked(answer.text)
        assert answer.json()["error"] == f"{message} (header X-Frontcheck-Reason)"
    assert app_client.get("/api/sources/999999?unredacted=1", headers={
        **_bearer(tokens["analyst"]), "X-Frontcheck-Reason": "x"}).status_code == 404
    logged = _audit(store)[before:]
    # every refused request is logged: the viewer's, and the analyst's three without a reason
    assert [(e["action"], e["actor"]) for e in logged] == [("unredacted_denied", "vic")] + [
        ("unredacted_denied", "ana")] * 3

    reason = "перевірка підрозділу"                     # UTF-8, percent-encoded in the header
    granted = app_client.get(url, headers={**_bearer(tokens["analyst"]),
                                           "X-Frontcheck-Reason": quote(reason)})
    assert granted.status_code == 200
    assert {"кузьменк", "новокузнец", "55555"} <= set(leaked(granted.text))
    entry = _audit(store)[-1]
    assert (entry["action"], entry["actor"], entry["role"], entry["target"], entry["reason"]) == (
        "unredacted_view", "ana", "analyst", f"source:{source}", reason)
    claim = app_client.get("/api/claims/P-001?unredacted=1", headers={
        **_bearer(tokens["admin"]), "X-Frontcheck-Reason": "verifying the claimant"})
    assert claim.status_code == 200 and "Кузьменко" in claim.json()["claimant"]
    assert _audit(store)[-1]["target"] == "claim:P-001"
    # lists are never unredacted: the flag is ignored there
    listed = app_client.get("/api/sources?unredacted=1&limit=1000", headers={
        **_bearer(tokens["admin"]), "X-Frontcheck-Reason": "x"})
    assert listed.status_code == 200 and not leaked(listed.text)


def test_single_user_mode_is_a_viewer(leak_client, leak_store):
    source = _detainee_source(leak_store)
    answer = leak_client.get(f"/api/sources/{source}?unredacted=1",
                             headers={"X-Frontcheck-Reason": "local"})
    assert answer.status_code == 403 and not leaked(answer.text)
    assert answer.json()["error"].startswith("single-user is a viewer")
    assert leak_client.get("/api/audit").status_code == 403


@pytest.mark.parametrize("header", [
    "Bearer", "Bearer ", "bearer", "Basic dXNlcjpwYXNz", "Token abc", "Bearer fct_short_x",
    "Bearer " + UNKNOWN_TOKEN, "Bearer " + UNKNOWN_TOKEN + " extra", "Bearer fct_ЖЖЖЖЖЖЖЖ_" + "x" * 40,
    "Bearer \x7f\x7f", "Bearer " + "a" * 400,
])
def test_malformed_or_unknown_tokens_get_401(auth_store, header):
    with _client(auth_store[0], f"10.9.{abs(hash(header)) % 250}.{len(header) % 250}") as client:
        answer = client.get("/api/sources", headers={"Authorization": header.encode("utf-8")})
    assert answer.status_code == 401, answer.text
    assert set(answer.json()) == ERROR_KEYS and "Traceback" not in answer.text
    assert UNKNOWN_TOKEN not in answer.text


def test_oversized_headers_get_4xx_not_500(auth_store):
    store, tokens = auth_store
    before = len(_audit(store))
    with _client(store, "10.8.0.1") as client:
        huge = client.get("/api/sources", headers={"Authorization": "Bearer " + "x" * 16384})
        assert huge.status_code == 431 and huge.json()["status"] == 431
        long_reason = client.get(f"/api/sources/{_detainee_source(store)}?unredacted=1", headers={
            **_bearer(tokens["analyst"]), "X-Frontcheck-Reason": "r" * 16384})
        assert long_reason.status_code == 400
        assert long_reason.json()["error"].startswith("the reason is 16384 characters long")
    assert [e for e in _audit(store)[before:] if e["action"] == "unredacted_view"] == []


def test_repeated_bad_tokens_are_slowed_down(auth_store):
    from frontcheck.protect.throttle import ThrottlePolicy
    from frontcheck.web.auth import Throttle

    store, tokens = auth_store
    with _client(store, "10.7.0.1") as guesser, _client(store, "10.7.0.2") as other:
        guesser.app.state.auth_throttle = Throttle(ThrottlePolicy(free_failures=3,
                                                                  base_delay_s=1.0,
                                                                  max_delay_s=2.0))
        statuses = [guesser.get("/api/persons", headers=_bearer(UNKNOWN_TOKEN)).status_code
                    for _ in range(4)]
        assert statuses == [401, 401, 401, 401]       # the 4th failure starts a 1 s delay
        blocked = guesser.get("/api/persons", headers=_bearer(UNKNOWN_TOKEN))
        assert blocked.status_code == 429 and blocked.headers["retry-after"] == "1"
        assert blocked.json()["error"] == "too many bad tokens from this client; retry in 1 s"
        # a valid token from the same address passes (issue 14: one bad client behind a
        # proxy must not lock out the team)
        assert guesser.get("/api/persons", headers=_bearer(tokens["viewer"])).status_code == 200
        other.app.state.auth_throttle = guesser.app.state.auth_throttle
        assert other.get("/api/persons", headers=_bearer(tokens["viewer"])).status_code == 200
        time.sleep(2.1)
        assert guesser.get("/api/persons", headers=_bearer(UNKNOWN_TOKEN)).status_code == 401


def test_a_revoked_token_is_refused_at_once(auth_store, tmp_path):
    store = copy_store(auth_store[0], tmp_path / "store.sqlite")
    created = frontcheck("tokens", "create", "vic", "--as-user", "root", "--db", store)
    token = created.stdout.strip()
    token_id = token.split("_")[1]
    with _client(store, "10.6.0.1") as client:
        assert client.get("/api/persons", headers=_bearer(token)).status_code == 200
        revoked = frontcheck("tokens", "revoke", token_id, "--reason", "lost", "--as-user", "root",
                             "--db", store)
        assert revoked.returncode == 0, revoked.stderr
        assert client.get("/api/persons", headers=_bearer(token)).status_code == 401


def test_api_exports_are_logged(auth_store, app_client):
    store, tokens = auth_store
    before = len(_audit(store))
    assert app_client.get("/api/sources?limit=3", headers=_bearer(tokens["viewer"])).status_code == 200
    assert app_client.get("/api/places?min_population=500000",
                          headers=_bearer(tokens["viewer"])).status_code == 200
    logged = _audit(store)[before:]
    assert [(e["action"], e["actor"], e["target"]) for e in logged] == [("export", "vic", "sources")]
    assert logged[0]["detail"]["via"] == "api" and logged[0]["detail"]["records"] > 3


def test_serve_binds_loopback_and_refuses_others_without_users(tmp_path, auth_store):
    from frontcheck.cli.serve import is_loopback

    assert [is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "10.0.0.5")] == [
        True, True, True, False, False]
    refused = subprocess.run([sys.executable, "-m", "frontcheck", "serve", "--host", "0.0.0.0",
                              "--db", str(tmp_path / "empty.sqlite")],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == ("Error: refusing to serve on 0.0.0.0: the store has no users, so "
                              "the API would be open to anyone who can reach it; add users and "
                              "tokens (`frontcheck users add NAME --role admin`) or serve on "
                              "127.0.0.1\n")
    store, tokens = auth_store
    assert frontcheck("serve", "--get", "/api/persons", "--db", store).returncode == 1
    served = frontcheck("serve", "--get", "/api/persons", "--db", store,
                        env={"FRONTCHECK_TOKEN": tokens["viewer"]})
    assert served.returncode == 0 and "DETAINEE-1" in served.stdout and not leaked(served.stdout)
