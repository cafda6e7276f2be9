"""Records as plain JSON values, the same for both faces: ``--format json`` and the API; and
the records more than one job returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime, timedelta
from typing import Any


def jsonable(value: Any) -> Any:
    """Plain JSON values: dates as ISO strings (UTC as ``Z``, as the API's models write it),
    floats rounded to what the data supports, records (dataclasses) as objects."""
    if isinstance(value, datetime) and value.utcoffset() == timedelta(0):
        return value.isoformat().removesuffix("+00:00") + "Z"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def vars_of(record: Any) -> dict[str, Any]:
    """A record's fields by name, values as they are (``asdict`` would copy nested records
    into dicts): to make a wider record of a narrower one."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


@dataclass(frozen=True, slots=True)
class Place:
    """A settlement of the gazetteer (``/api/places/{id}``, the map's labels); the place a
    name means for ``control timeline``, ``control status`` and ``POST /api/verify``."""

    id: str
    name: str
    name_uk: str
    name_ru: str
    oblast: str
    raion: str
    lon: float | None
    lat: float | None
    population: int | None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Place:
        """From a store row with (at least) these keys."""
        return cls(row["id"], row["name"], row["name_uk"], row["name_ru"], row["oblast"],
                   row["raion"], row["lon"], row["lat"], row["population"])
