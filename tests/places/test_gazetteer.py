"""Parsing the gazetteer CSV: real rows, and bad input named by line and column."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontcheck.errors import InputError
from frontcheck.places.gazetteer import REQUIRED_COLUMNS, name_forms, parse_gazetteer


def test_whole_gazetteer_parses_with_every_row_and_id(gazetteer_bytes):
    places = parse_gazetteer(gazetteer_bytes, "gazetteer.csv")
    assert len(places) == 35_388  # README: 35,388 rows
    by_id = {p.id: p for p in places}
    pokrovsk = by_id["gn:704422"]  # README coverage table
    assert (pokrovsk.name_en, pokrovsk.name_uk, pokrovsk.oblast) == (
        "Pokrovsk", "Покровськ", "Donetsk Oblast")
    assert "Krasnoarmeysk" in pokrovsk.alt_names
    assert sum(p.lat is None for p in places) == 514  # README: 514 RU rows without lat/lon
    assert all(p.id.startswith(("gn:", "gnpostal:RU:")) for p in places)


def test_name_forms_keep_every_name_kind(gazetteer_bytes):
    places = {p.id: p for p in parse_gazetteer(gazetteer_bytes, "gazetteer.csv")}
    forms = name_forms(places["gn:713174"])
    assert ("бахмут", "Бахмут", "uk") in forms
    assert ("артемовск", "Артемовск", "alt") in forms
    assert {kind for _, _, kind in forms} == {"uk", "ru", "en", "geonames", "alt"}


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("column", ["lat", "alt_names", "admin1"])
def test_missing_column_is_named(gazetteer_slice, column):
    rows = _rows(gazetteer_slice)
    drop = rows[0].index(column)
    data = _csv([r[:drop] + r[drop + 1:] for r in rows])
    with pytest.raises(InputError) as error:
        parse_gazetteer(data, "g.csv")
    assert str(error.value) == f"g.csv: line 1: {column}: missing column"


@pytest.mark.parametrize(("column", "value", "message"), [
    ("lat", "48,2", "not a number: '48,2'"),
    ("lat", "91", "out of range [-90.0, 90.0]: '91'"),
    ("lon", "north", "not a number: 'north'"),
    ("lon", "nan", "out of range [-180.0, 180.0]: 'nan'"),
    ("lon", "", "lat and lon must both be given or both be empty"),
    ("population", "many", "not a whole number: 'many'"),
    ("id", "", "empty id"),
])
def test_bad_value_names_line_and_field(gazetteer_slice, column, value, message):
    rows = _rows(gazetteer_slice)
    lat = rows[0].index("lat")
    row = next(i for i in range(50, len(rows)) if rows[i][lat])  # a row with coordinates
    rows[row][rows[0].index(column)] = value
    with pytest.raises(InputError) as error:
        parse_gazetteer(_csv(rows), "g.csv")
    assert str(error.value) == f"g.csv: line {row + 1}: {column}: {message}"


def test_duplicate_id_is_refused(gazetteer_slice):
    rows = _rows(gazetteer_slice)
    rows[10][0] = rows[3][0]
    with pytest.raises(InputError, match=r"g.csv: line 11: id: duplicate id"):
        parse_gazetteer(_csv(rows), "g.csv")


def test_not_utf8_is_refused():
    header = ",".join(REQUIRED_COLUMNS).encode()
    with pytest.raises(InputError, match=r"g.csv: line 2: not UTF-8"):
        parse_gazetteer(header + b"\ngn:1,UA,Kyiv\xff", "g.csv")


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_bytes_give_places_or_input_error(data):
    try:
        places = parse_gazetteer(data, "g.csv")
    except InputError as error:
        assert str(error).startswith("g.csv")
    else:
        assert isinstance(places, tuple)


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
                min_size=len(REQUIRED_COLUMNS), max_size=len(REQUIRED_COLUMNS)))
@settings(max_examples=300, deadline=None)
def test_any_row_gives_a_place_or_input_error(fields):
    data = _csv([list(REQUIRED_COLUMNS), fields])
    try:
        parse_gazetteer(data, "g.csv")
    except InputError as error:
        assert str(error).startswith("g.csv: line")
