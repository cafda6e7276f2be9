"""The verdict options have one set of defaults and bounds (``app.verify``): ``verify`` and
``sources track-record`` on the command line, the API's query parameters and the
``POST /api/verify`` body accept and refuse the same values (the CLI took any window or
horizon, the API up to 365 and 3,650 days)."""

from __future__ import annotations

import warnings

import pytest
from typer.testing import CliRunner

from frontcheck.app.verify import DEFAULT_RULES, RULE_BOUNDS, verdict_rules
from frontcheck.cli.main import app
from frontcheck.errors import InputError
from frontcheck.verify.territorial import VerdictRules

OPTIONS = {"window_days": "window", "threshold": "threshold", "horizon_days": "horizon"}


def _outside(name: str) -> list[float]:
    low, high = RULE_BOUNDS[name]
    step = 0.001 if isinstance(low, float) else 1
    return [low - step, high + step]


def test_defaults_are_the_core_rules():
    assert verdict_rules() == VerdictRules() == DEFAULT_RULES


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_job_refuses_values_outside_the_bounds(name):
    low, high = RULE_BOUNDS[name]
    assert getattr(verdict_rules(**{name: high}), name) == high
    assert getattr(verdict_rules(**{name: low}), name) == low
    for value in _outside(name):
        with pytest.raises(InputError, match=name):
            verdict_rules(**{name: value})


@pytest.mark.parametrize("command", [("verify", "--all"), ("sources", "track-record")])
@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_cli_refuses_what_the_api_refuses(tmp_path, command, name):
    db = tmp_path / "store.sqlite"
    for value in _outside(name):
        done = CliRunner().invoke(app, [*command, f"--{OPTIONS[name]}", str(value), "--db", str(db)])
        assert done.exit_code == 2, (value, done.output)
    edge = RULE_BOUNDS[name][1]
    done = CliRunner().invoke(app, [*command, f"--{OPTIONS[name]}", str(edge), "--format", "json",
                                    "--db", str(db)])
    assert done.exit_code == 0, done.output


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from frontcheck.web.app import create_app

    with TestClient(create_app(tmp_path_factory.mktemp("rules") / "store.sqlite"),
                    raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_api_refuses_what_the_cli_refuses(client, name):
    for value in _outside(name):
        assert client.get(f"/api/track-records?{OPTIONS[name]}={value}").status_code == 400
        body = {"place": "Pokrovsk", "actor": "russia", "action": "captured",
                "claim_date": "2025-01-01", name: value}
        assert client.post("/api/verify", json=body).status_code == 422
    edge = RULE_BOUNDS[name][1]
    assert client.get(f"/api/track-records?{OPTIONS[name]}={edge}").status_code == 200
