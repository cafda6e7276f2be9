"""``frontcheck place load`` and ``place search`` through the CLI (CliRunner)."""

from __future__ import annotations

import orjson
import pytest
from typer.testing import CliRunner

from frontcheck.cli.place import SEARCH_COLUMNS, app

runner = CliRunner()


@pytest.fixture(scope="module")
def loaded_db(places_store):
    """The session's store with the whole gazetteer (loaded once for all place tests): an
    SQLite file's path or a PostgreSQL URL."""
    url = places_store.url
    return url.database if url.get_backend_name() == "sqlite" else url.render_as_string(False)


def search(db, *args):
    return runner.invoke(app, ["search", *args, "--db", str(db)])


def test_load_reports_new_then_already_stored(tmp_path, gazetteer_slice, db_path):
    path, db = tmp_path / "slice.csv", db_path
    path.write_bytes(gazetteer_slice)
    first = runner.invoke(app, ["load", str(path), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert first.stderr == "300 places loaded (300 new, 0 already stored)\n"
    assert first.stdout == ""
    again = runner.invoke(app, ["load", str(path), "--db", str(db)])
    assert again.exit_code == 0
    assert again.stderr == "300 places loaded (0 new, 300 already stored)\n"


def test_load_of_the_stored_gazetteer_is_all_already_stored(loaded_db, gazetteer_csv):
    result = runner.invoke(app, ["load", str(gazetteer_csv), "--db", str(loaded_db)])
    assert result.exit_code == 0
    assert result.stderr == "35,388 places loaded (0 new, 35,388 already stored)\n"


def test_load_quiet_prints_nothing(loaded_db, gazetteer_csv):
    result = runner.invoke(app, ["load", str(gazetteer_csv), "--db", str(loaded_db), "-q"])
    assert result.exit_code == 0 and result.output == ""


def test_load_bad_file_exits_1_with_the_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name_en\ngn:1,Kyiv\n", encoding="utf-8")
    result = runner.invoke(app, ["load", str(bad), "--db", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 1
    assert str(result.exception) == f"{bad}: line 1: country: missing column"


def test_search_json_keys_and_order(loaded_db):
    result = search(loaded_db, "под Красноармейском", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = orjson.loads(result.stdout)
    assert [list(r) for r in rows] == [list(SEARCH_COLUMNS)] * len(rows)
    assert list(SEARCH_COLUMNS) == ["id", "name", "name_uk", "name_ru", "oblast", "raion",
                                    "lon", "lat", "score", "reason"]
    assert rows[0]["id"] == "gn:704422" and rows[0]["name"] == "Pokrovsk"
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert result.stderr.startswith("settlement: Pokrovsk")


def test_search_axis_is_said(loaded_db):
    result = search(loaded_db, "на Покровском направлении", "--format", "json", "--limit", "1")
    assert result.exit_code == 0
    rows = orjson.loads(result.stdout)
    assert rows[0]["id"] == "gn:704422"
    assert rows[0]["reason"].startswith("axis, not a settlement claim")
    assert result.stderr.startswith("axis")


def test_search_oblast_option(loaded_db):
    result = search(loaded_db, "Novoselivka", "--oblast", "Луганська", "--format", "json")
    rows = orjson.loads(result.stdout)
    assert rows[0]["oblast"] == "Luhansk Oblast"
    assert result.exit_code == 0


def test_search_near_option(loaded_db):
    result = search(loaded_db, "Pokrovske", "--near", "37.5,48.0", "--format", "csv",
                    "--limit", "1")
    assert result.exit_code == 0
    header, row = result.stdout.splitlines()
    assert header == ",".join(SEARCH_COLUMNS)
    assert "km from the given point" in row


def test_search_on_without_control_data_warns(loaded_db):
    result = search(loaded_db, "Pokrovsk", "--on", "2024-11-20", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "warning: no control snapshot on or before 2024-11-20 in the store; --on is not used")


def test_search_nothing_found_is_empty_not_an_error(loaded_db):
    result = search(loaded_db, "", "--format", "json")
    assert result.exit_code == 0
    assert orjson.loads(result.stdout) == []
    assert result.stderr == "no candidates: empty mention\n"


def test_search_table_is_for_people(loaded_db):
    result = search(loaded_db, "Kupyansk")
    assert result.exit_code == 0
    assert "Kupiansk" in result.stdout and "gn:703656" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--near", "abc"], "Invalid value for --near: give LON,LAT in degrees"),
    (["--near", "48.28,137.18,1"], "Invalid value for --near"),
    (["--near", "200,48"], "is not a longitude,latitude pair"),
    (["--format", "yaml"], "Invalid value for '--format'"),
])
def test_search_usage_errors_exit_2(loaded_db, args, message):
    result = search(loaded_db, "Pokrovsk", *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split()).replace("│", "").replace("  ", " ")


def test_search_bad_date_is_one_line_not_a_usage_box(loaded_db):
    """Issue 14: a bad date is one line like every other error, not Typer's usage box."""
    result = search(loaded_db, "Pokrovsk", "--on", "yesterday")
    assert result.exit_code == 1
    assert str(result.exception) == "--on: 'yesterday' is not a date (YYYY-MM-DD)"


def test_search_unknown_oblast_exits_1(loaded_db):
    result = search(loaded_db, "Novoselivka", "--oblast", "Atlantis")
    assert result.exit_code == 1
    assert str(result.exception) == ("oblast: unknown oblast 'Atlantis' (try an English name "
                                     "such as 'Donetsk' or the Ukrainian 'Донецька')")


def test_search_loads_the_gazetteer_on_first_use(tmp_path, gazetteer_slice, monkeypatch, db_path):
    path = tmp_path / "slice.csv"
    path.write_bytes(gazetteer_slice)  # the first rows: Belgorod Oblast
    monkeypatch.setenv("FRONTCHECK_GAZETTEER", str(path))
    result = search(db_path, "Борисовка", "--format", "json", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert orjson.loads(result.stdout)[0]["id"] == "gn:572500"


def test_search_without_any_gazetteer_says_how_to_load(tmp_path, monkeypatch, db_path):
    monkeypatch.setenv("FRONTCHECK_GAZETTEER", str(tmp_path / "absent.csv"))
    result = search(db_path, "Pokrovsk")
    assert result.exit_code == 1
    assert str(result.exception) == ("the store has no places and no gazetteer was found; "
                                     "run frontcheck place load PATH")


def test_commands_have_help():
    for command in ("load", "search"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example: frontcheck place" in result.stdout


@pytest.fixture
def store_with_front(tmp_path, gazetteer_slice):
    """The first gazetteer rows (Belgorod Oblast) and one control snapshot whose occupied
    area lies around the northern of the two Volokonovkas (51.07 N; the other is 50.49 N)."""
    from datetime import UTC, date, datetime

    import shapely
    from sqlalchemy import insert

    from frontcheck.store.engine import open_engine
    from frontcheck.store.schema import coverage, layer, snapshot

    path, db = tmp_path / "slice.csv", tmp_path / "front.sqlite"
    path.write_bytes(gazetteer_slice)
    assert runner.invoke(app, ["load", str(path), "--db", str(db), "-q"]).exit_code == 0
    occupied = shapely.box(37.70, 51.03, 37.95, 51.12)
    with open_engine(db) as engine, engine.begin() as connection:
        connection.execute(insert(coverage), {"sha256": "c" * 64, "description": "test",
                                              "geometry": shapely.to_wkb(occupied.buffer(1))})
        snapshot_id = connection.execute(insert(snapshot), {
            "tracker": "test", "snapshot_date": date(2024, 11, 1), "sha256": "s" * 64,
            "source_name": "test", "source_format": "test", "coverage_sha256": "c" * 64,
            "notes": "", "ingested_at": datetime.now(UTC)}).inserted_primary_key[0]
        connection.execute(insert(layer), {"snapshot_id": snapshot_id, "layer": "occupied",
                                           "geometry": shapely.to_wkb(occupied),
                                           "area_km2": 100.0})
    return db


def test_search_on_date_prefers_the_homonym_near_the_front(store_with_front):
    before = search(store_with_front, "Волоконовка", "--on", "2024-10-01", "--format", "json")
    after = search(store_with_front, "Волоконовка", "--on", "2024-11-20", "--format", "json")
    assert before.exit_code == after.exit_code == 0
    assert "no control snapshot on or before 2024-10-01" in before.stderr
    assert orjson.loads(before.stdout)[0]["id"] == "gn:472428"  # the bigger one, by default
    best = orjson.loads(after.stdout)[0]
    assert best["id"] == "gnpostal:RU:309596"
    assert "0 km from the occupied area on 2024-11-20" in best["reason"]
    assert after.stderr.startswith("settlement")
