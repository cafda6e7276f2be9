"""Gazetteer rows from the CSV's bytes: validated records and every name form they carry.

Pure: takes the file's bytes and the name to cite in errors, returns frozen records. A bad
file raises ``InputError`` naming the line and the column, before anything is stored.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass

from frontcheck.errors import InputError
from frontcheck.places.names import normalise_name

__all__ = ["PlaceRecord", "REQUIRED_COLUMNS", "parse_gazetteer", "name_forms"]

#: Columns a gazetteer file must have (others are ignored).
REQUIRED_COLUMNS = (
    "id", "country", "name_en", "name_uk", "name_ru", "name_geonames", "alt_names", "lat",
    "lon", "coord_source", "admin1", "admin1_local", "admin2", "admin2_local", "admin3",
    "feature_class", "feature_code", "katottg_code", "population",
)


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One populated place as the gazetteer gives it; ``lat``/``lon`` None when rejected."""

    id: str
    country: str
    name_en: str
    name_uk: str
    name_ru: str
    name_geonames: str
    alt_names: tuple[str, ...]
    lat: float | None
    lon: float | None
    coord_source: str
    oblast: str
    oblast_local: str
    raion: str
    raion_local: str
    hromada: str
    feature_class: str
    feature_code: str
    katottg_code: str
    population: int | None


def _coordinate(text: str, low: float, high: float, source: str, line: int,
                field: str) -> float | None:
    if text == "":
        return None
    try:
        value = float(text)
    except ValueError as exc:
        raise InputError(source, f"not a number: {text!r}", line=line, field=field) from exc
    if not (math.isfinite(value) and low <= value <= high):
        raise InputError(source, f"out of range [{low}, {high}]: {text!r}", line=line,
                         field=field)
    return value


def _population(text: str, source: str, line: int) -> int | None:
    if text == "":
        return None
    try:
        value = int(text)
    except ValueError as exc:
        raise InputError(source, f"not a whole number: {text!r}", line=line,
                         field="population") from exc
    if value < 0:
        raise InputError(source, f"negative: {text!r}", line=line, field="population")
    return value


#: Characters no name or code contains: NUL and the other C0 controls but tab.
_CONTROL = frozenset(chr(c) for c in range(32) if c != 9) | {"\x7f"}


def _rows(data: bytes, source: str) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(source, f"not UTF-8 text ({exc.reason})", line=line) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
        for column in REQUIRED_COLUMNS:
            if column not in header:
                raise InputError(source, "missing column", line=1, field=column)
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise InputError(source, f"expected {len(header)} fields",
                                 line=reader.line_num)
            for column, value in row.items():
                bad = next((ch for ch in value if ch in _CONTROL), None)
                if bad is not None:
                    raise InputError(source, f"control character U+{ord(bad):04X} in the text",
                                     line=reader.line_num, field=column)
            yield reader.line_num, row
    except csv.Error as exc:
        raise InputError(source, f"malformed CSV ({exc})", line=reader.line_num) from exc


def parse_gazetteer(data: bytes, source: str) -> tuple[PlaceRecord, ...]:
    """The places of a gazetteer CSV (see shared/data/gazetteer/README.md), in file order.

    ``lat`` and ``lon`` are both given or both empty; ids are unique and non-empty.

    Examples
    --------
    >>> header = ",".join(REQUIRED_COLUMNS).encode()
    >>> row = b"gn:1,UA,Pokrovsk,,,,Krasnoarmeysk|Grishino,48.28,37.18,geonames" + b"," * 9
    >>> [p.alt_names for p in parse_gazetteer(header + b"\\n" + row, "g.csv")]
    [('Krasnoarmeysk', 'Grishino')]
    >>> parse_gazetteer(header + b"\\n" + row.replace(b"48.28", b"north"), "g.csv")
    Traceback (most recent call last):
    ...
    frontcheck.errors.InputError: g.csv: line 2: lat: not a number: 'north'
    """
    places: list[PlaceRecord] = []
    seen: set[str] = set()
    for line, row in _rows(data, source):
        place_id = row["id"].strip()
        if not place_id:
            raise InputError(source, "empty id", line=line, field="id")
        if place_id in seen:
            raise InputError(source, f"duplicate id {place_id!r}", line=line, field="id")
        seen.add(place_id)
        lat = _coordinate(row["lat"].strip(), -90.0, 90.0, source, line, "lat")
        lon = _coordinate(row["lon"].strip(), -180.0, 180.0, source, line, "lon")
        if (lat is None) != (lon is None):
            raise InputError(source, "lat and lon must both be given or both be empty",
                             line=line, field="lat" if lat is None else "lon")
        places.append(PlaceRecord(
            id=place_id, country=row["country"], name_en=row["name_en"],
            name_uk=row["name_uk"], name_ru=row["name_ru"], name_geonames=row["name_geonames"],
            alt_names=tuple(a for a in row["alt_names"].split("|") if a.strip()),
            lat=lat, lon=lon, coord_source=row["coord_source"], oblast=row["admin1"],
            oblast_local=row["admin1_local"], raion=row["admin2"],
            raion_local=row["admin2_local"], hromada=row["admin3"],
            feature_class=row["feature_class"], feature_code=row["feature_code"],
            katottg_code=row["katottg_code"],
            population=_population(row["population"].strip(), source, line)))
    return tuple(places)


#: Kinds of name form, strongest first: official names, then GeoNames', then alternates.
NAME_KINDS = ("uk", "ru", "en", "geonames", "alt", "alias")


def name_forms(place: PlaceRecord) -> list[tuple[str, str, str]]:
    """Every name form of a place as ``(key, name, kind)``, one per distinct (key, kind).

    Examples
    --------
    >>> csv_text = ",".join(REQUIRED_COLUMNS) + "\\n" + "gn:1,UA,Toretsk,Торецьк,,Toretsk,"
    >>> csv_text += "Dzerzhinsk|Toreck,48.39,37.85,geonames" + "," * 9
    >>> p = parse_gazetteer(csv_text.encode(), "g.csv")[0]
    >>> name_forms(p)
    [('торецьк', 'Торецьк', 'uk'), ('toretsk', 'Toretsk', 'en'), ('toretsk', 'Toretsk', 'geonames'), ('dzerzhinsk', 'Dzerzhinsk', 'alt'), ('toreck', 'Toreck', 'alt')]
    """  # noqa: E501 (a doctest's expected output)
    forms: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    named = ((place.name_uk, "uk"), (place.name_ru, "ru"), (place.name_en, "en"),
             (place.name_geonames, "geonames"), *((a, "alt") for a in place.alt_names))
    for name, kind in named:
        key = normalise_name(name)
        if key and (key, kind) not in seen:
            seen.add((key, kind))
            forms.append((key, name.strip(), kind))
    return forms
