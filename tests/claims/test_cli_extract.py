"""``frontcheck claims extract``: --text prints claims and stores nothing; --source and
--all store them, clustered; bad usage exits 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from sqlalchemy import func, select
from typer.testing import CliRunner

from frontcheck.app.place_load import ENV_GAZETTEER
from frontcheck.app.source_ingest import ingest_sources
from frontcheck.cli.claims_extract import extract
from frontcheck.store import schema
from frontcheck.store.engine import open_engine

app = typer.Typer()
app.command("extract")(extract)


@app.callback()
def _group() -> None:
    """The extract command alone, as cli/claims.py registers it."""


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, small_gazetteer: Path) -> CliRunner:
    monkeypatch.setenv(ENV_GAZETTEER, str(small_gazetteer))
    return CliRunner()


def _plain(output: str) -> str:
    """Rich's error box without its frame and line breaks."""
    return " ".join(output.replace("│", " ").split())


def _claim_count(db: Path) -> int:
    with open_engine(db) as engine, engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(schema.claim))


def test_text_prints_claims_as_json_and_stores_nothing(runner: CliRunner, db_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--db", str(db_path), "--text",
                                 "Вчера подразделения группировки войск «Центр» освободили "
                                 "населённый пункт Новогродовка. Противник потерял до 140 "
                                 "военнослужащих.", "--published-at", "2024-09-15",
                                 "--claimant", "Russian MoD", "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [(r["type"], r["actor"], r["action"], r["event_date"], r["claimant"])
            for r in records] == [
        ("territorial", "russia", "liberated", "2024-09-14", "Russian MoD"),
        ("quantity", "ukraine", "casualties", "2024-09-14", "Russian MoD")]
    place = records[0]["place"]
    assert {k: place[k] for k in ("mention", "id", "name", "oblast")} == {
        "mention": "Новогродовка", "id": "gn:699557", "name": "Novohrodivka",
        "oblast": "Donetsk Oblast"}
    assert isinstance(place["lon"], float) and isinstance(place["lat"], float)
    assert set(records[0]) >= {"type", "actor", "action", "place", "event_date",
                               "date_precision", "claimant", "negated", "span", "fields"}
    assert records[1]["fields"]["best"] == 140
    assert _claim_count(db_path) == 0


def test_exactly_one_mode(runner: CliRunner, db_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--db", str(db_path)])
    assert result.exit_code == 2
    assert "give exactly one of --text, --source ID or --all" in _plain(result.output)


def test_bad_published_at_is_one_line(runner: CliRunner, db_path: Path) -> None:
    """Issue 14: one line naming the option, like every other error (no usage box)."""
    result = runner.invoke(app, ["extract", "--db", str(db_path), "--text", "x",
                                 "--published-at", "yesterday"])
    assert result.exit_code == 1
    assert str(result.exception) == ("--published-at: 'yesterday' is not a date (YYYY-MM-DD) "
                                     "or ISO time")


def test_all_stores_clustered_claims_once(runner: CliRunner, db_path: Path,
                                          tmp_path: Path) -> None:
    export = {"name": "Сводки", "type": "public_channel", "id": 11, "messages": [
        {"id": 1, "type": "message", "date": "2024-09-26T12:00:00", "date_unixtime": "1727341200",
         "text": "Минобороны России сообщило об освобождении Украинска."},
        {"id": 2, "type": "message", "date": "2024-09-26T13:00:00", "date_unixtime": "1727344800",
         "forwarded_from": "Сводки",
         "text": "Минобороны России сообщило об освобождении Украинска."},
        {"id": 3, "type": "message", "date": "2024-09-26T14:00:00", "date_unixtime": "1727348400",
         "text": "Air raid alert."}]}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    with open_engine(db_path) as engine:
        ingest_sources(engine, [path])
    result = runner.invoke(app, ["extract", "--db", str(db_path), "--all", "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [(r["actor"], r["action"], r["place"]["id"]) for r in records] == [
        ("russia", "liberated", "gn:690771")] * 2
    assert records[0]["cluster_id"] == records[1]["cluster_id"] == records[0]["id"]
    assert _claim_count(db_path) == 2
    again = runner.invoke(app, ["extract", "--db", str(db_path), "--all", "--format", "json"])
    assert again.exit_code == 0 and _claim_count(db_path) == 2
    # without --format: a summary (issue 12: a real export printed every claim), not records
    summary = runner.invoke(app, ["extract", "--db", str(db_path), "--all", "--quiet"])
    assert summary.exit_code == 0, summary.output
    lines = _plain(summary.stdout)
    assert "territorial" in lines and "sources_read" in lines and "gn:690771" not in lines
    as_json = runner.invoke(app, ["extract", "--db", str(db_path), "--all", "--quiet",
                                  "--format", "json"])
    assert len(json.loads(as_json.stdout)) == 2
    missing = runner.invoke(app, ["extract", "--db", str(db_path), "--source", "99"])
    assert missing.exit_code == 2 and "no stored source with id 99" in _plain(missing.output)


def test_a_denial_prints_the_report_and_the_denial(runner: CliRunner, db_path: Path) -> None:
    """Issue 10: a denial sentence gives two linked claims, each with its claimant and
    framing; a share of a town is kept."""
    result = runner.invoke(app, ["extract", "--db", str(db_path), "--text",
                                 "Генштаб ЗСУ спростував заяви окупантів про нібито захоплення "
                                 "Покровська.", "--published-at", "2025-11-20",
                                 "--claimant", "Suspilne", "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [(r["actor"], r["action"], r["place"]["id"], r["negated"], r["framing"],
             r["claimant"]) for r in records] == [
        ("russia", "captured", "gn:704422", False, "reported", "Russia"),
        ("russia", "captured", "gn:704422", True, "denied", "Ukrainian General Staff")]
    assert records[0]["span"] == records[1]["span"]
    share = runner.invoke(app, ["extract", "--db", str(db_path), "--text",
                                "Российские войска контролируют почти 40% Покровска, сообщили "
                                "в бригаде.", "--published-at", "2025-11-20", "--format", "json"])
    [record] = json.loads(share.stdout)
    assert (record["action"], record["share"], record["framing"]) == ("advanced", 40.0,
                                                                      "asserted")


def test_acled_time_precision_dates_the_claims(runner: CliRunner, db_path: Path,
                                               tmp_path: Path) -> None:
    """Issue 12: ACLED's time_precision (1 day, 2 week, 3 month) is the claims' date
    precision, so a week-precise event is not verified as a day-precise one; another code
    is refused with its line and field."""
    head = "event_id_cnty,event_date,time_precision,location,notes\n"
    path = tmp_path / "acled.csv"
    path.write_text(head + 'UKR9,06 December 2024,2,Ukrainsk,"Russian forces captured '
                    'Ukrainsk."\n', encoding="utf-8")
    with open_engine(db_path) as engine:
        ingest_sources(engine, [path])
    result = runner.invoke(app, ["extract", "--db", str(db_path), "--all", "--format", "json"])
    assert result.exit_code == 0, result.output
    [claim] = json.loads(result.stdout)
    assert (claim["event_date"], claim["date_precision"]) == ("2024-12-06", "week")
    bad = tmp_path / "bad.csv"
    bad.write_text(head + 'UKR8,06 December 2024,9,Ukrainsk,"x"\n', encoding="utf-8")
    from frontcheck.errors import InputError
    from frontcheck.sources.acled import read_acled
    with pytest.raises(InputError, match=r"line 2.*time_precision.*'9' is not 1, 2 or 3"):
        read_acled(bad.read_bytes(), "bad.csv")
