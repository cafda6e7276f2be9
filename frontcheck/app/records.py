"""Records as plain JSON values, the same for both faces: ``--format json`` and the API."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
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
