"""Loading the gazetteer into the store, idempotently, and reading places back."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select

from frontcheck.app.place_load import default_gazetteer_path, ensure_places, load_gazetteer
from frontcheck.app.place_lookup import find_places
from frontcheck.errors import InputError
from frontcheck.store.engine import open_engine
from frontcheck.store.places import settlement_points
from frontcheck.store.schema import gazetteer_load, place, place_name


def _counts(engine) -> tuple[int, int, int]:
    with engine.connect() as connection:
        return tuple(connection.scalar(select(func.count()).select_from(t))
                     for t in (place, place_name, gazetteer_load))


def test_loading_twice_changes_nothing(db_path, tmp_path, gazetteer_slice):
    path = tmp_path / "slice.csv"
    path.write_bytes(gazetteer_slice)
    with open_engine(db_path) as engine:
        first = load_gazetteer(engine, path)
        after_first = _counts(engine)
        second = load_gazetteer(engine, path)
        assert _counts(engine) == after_first
    assert first["rows"] == 300 and first["new"] == 300 and first["already_stored"] == 0
    assert second == {"rows": 300, "new": 0, "already_stored": 300,
                      "sha256": first["sha256"]}
    assert after_first[0] == 300 and after_first[1] > 600 and after_first[2] == 1


def test_a_newer_file_adds_only_new_places(db_path, tmp_path, gazetteer_slice):
    lines = gazetteer_slice.split(b"\n")
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_bytes(b"\n".join(lines[:101]) + b"\n")
    new.write_bytes(gazetteer_slice)
    with open_engine(db_path) as engine:
        load_gazetteer(engine, old)
        counts = load_gazetteer(engine, new)
        assert _counts(engine)[0] == 300
    assert (counts["rows"], counts["new"], counts["already_stored"]) == (300, 200, 100)


def test_bad_file_leaves_the_store_untouched(db_path, tmp_path, gazetteer_slice):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(gazetteer_slice)
    header = gazetteer_slice.split(b"\n")[0].decode().split(",")
    fields = ["gn:1", "UA", "X", "", "", "", "", "forty", "30", "geonames"]
    bad_row = ",".join(fields + [""] * (len(header) - len(fields)))
    bad.write_bytes(gazetteer_slice.replace(b"\n", b"\n", 1) + bad_row.encode() + b"\n")
    with open_engine(db_path) as engine:
        with pytest.raises(InputError) as error:
            load_gazetteer(engine, bad)  # 300 good rows, then a bad one: none may be stored
        assert _counts(engine) == (0, 0, 0)
        load_gazetteer(engine, good)
        before = _counts(engine)
        with pytest.raises(InputError):
            load_gazetteer(engine, bad)
        assert _counts(engine) == before
    assert str(error.value) == f"{bad}: line 302: lat: not a number: 'forty'"


def test_missing_file_is_an_input_error(db_path, tmp_path):
    with open_engine(db_path) as engine, pytest.raises(InputError, match="cannot read"):
        load_gazetteer(engine, tmp_path / "nowhere.csv")


def test_ensure_places_loads_the_default_gazetteer_once(db_path, tmp_path, gazetteer_slice,
                                                       monkeypatch):
    path = tmp_path / "slice.csv"
    path.write_bytes(gazetteer_slice)
    monkeypatch.setenv("FRONTCHECK_GAZETTEER", str(path))
    with open_engine(db_path) as engine:
        assert ensure_places(engine) is True
        assert ensure_places(engine) is True
        assert _counts(engine)[2] == 1


def test_ensure_places_without_a_gazetteer_says_false(db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTCHECK_GAZETTEER", str(tmp_path / "absent.csv"))
    with open_engine(db_path) as engine:
        assert ensure_places(engine) is False


def test_default_gazetteer_path_order(tmp_path, monkeypatch, gazetteer_csv):
    monkeypatch.delenv("FRONTCHECK_GAZETTEER", raising=False)
    monkeypatch.setenv("FRONTCHECK_SHARED", str(gazetteer_csv.parents[1]))
    assert default_gazetteer_path() == gazetteer_csv
    monkeypatch.setenv("FRONTCHECK_GAZETTEER", "/some/where.csv")
    assert default_gazetteer_path() == Path("/some/where.csv")
    monkeypatch.delenv("FRONTCHECK_GAZETTEER")
    monkeypatch.delenv("FRONTCHECK_SHARED")
    clone = tmp_path / "ci" / "frontcheck"
    shared = tmp_path / "ci" / "shared" / "data" / "gazetteer"
    clone.mkdir(parents=True)
    shared.mkdir(parents=True)
    (shared / "gazetteer.csv").write_bytes(b"")
    monkeypatch.chdir(clone)
    assert default_gazetteer_path() == shared / "gazetteer.csv"


def test_settlement_points_are_every_place_with_coordinates(places_store, gazetteer_bytes):
    with places_store.connect() as connection:
        points = settlement_points(connection)
    assert set(points) == {"id", "lon", "lat", "population", "feature_class"}
    assert len(points["id"]) == 35_388 - 514  # README: 514 rows without coordinates
    assert list(points["id"]) == sorted(points["id"])
    assert points["lon"].dtype == float and points["population"].dtype == float
    where = list(points["id"]).index("gn:704422")
    assert (points["lon"][where], points["lat"][where]) == (37.17706, 48.28014)
    assert points["population"][where] == 60127
    assert np.isnan(points["population"]).sum() == 35_388 - 514 - np.count_nonzero(
        ~np.isnan(points["population"]))
    assert math.isnan(points["population"][list(points["id"]).index("gn:9113141")])


@pytest.mark.parametrize("oblast", ["Donetsk", "Donetsk Oblast", "Донецька", "донецкая"])
def test_find_places_oblast_forms(places_store, oblast):
    with places_store.connect() as connection:
        found = find_places(connection, "Novoselivka", oblast=oblast)
    assert found and {p["oblast"] for p in found} == {"Donetsk Oblast"}
    assert set(found[0]) == {"id", "name", "name_uk", "name_ru", "oblast", "raion", "lon",
                             "lat", "population"}


def test_find_places_is_sure_of_unique_names_in_any_spelling(places_store):
    with places_store.connect() as connection:
        for name in ("Kurakhove", "Курахово", "Kupyansk", "у Покровську", "Артемовск"):
            found = find_places(connection, name)
            assert len(found) == 1, (name, found)
    with places_store.connect() as connection:
        assert [p["id"] for p in find_places(connection, "Куп'янськ")] == ["gn:703656"]


def test_find_places_lists_homonyms_it_cannot_tell_apart(places_store, gazetteer_bytes):
    rows = csv.DictReader(io.StringIO(gazetteer_bytes.decode("utf-8")))
    in_donetsk = {r["id"] for r in rows
                  if r["name_en"] == "Novoselivka" and r["admin1"] == "Donetsk Oblast"}
    with places_store.connect() as connection:
        found = find_places(connection, "Novoselivka", oblast="Donetsk")
    assert len(in_donetsk) >= 10
    assert len(in_donetsk) // 2 <= len(found) <= len(in_donetsk)
    assert {p["id"] for p in found} <= in_donetsk


def test_find_places_unknown_oblast_is_an_input_error(places_store):
    with places_store.connect() as connection, pytest.raises(InputError, match="Atlantis"):
        find_places(connection, "Novoselivka", oblast="Atlantis")


def test_find_places_nothing_for_no_name(places_store):
    with places_store.connect() as connection:
        assert find_places(connection, "") == []
        assert find_places(connection, "Qwxyzzy") == []
