"""ACLED-format event CSV: one source (kind ``dataset_row``) per event row.

Required columns: ``event_id_cnty``, ``event_date``, ``notes``. The notes are the text; the
actors, admin areas, location and coordinates, event type, fatalities and ACLED's own sources
are kept in ``meta`` (``places``: ``[{name, lat, lon}]``; ``time_precision`` as ``day``,
``week`` or ``month``). ``published_at`` is ACLED's upload
``timestamp`` when present, else the event date; ``meta["event_date"]`` keeps the event date.
"""

from __future__ import annotations

from typing import Any

from frontcheck.errors import InputError
from frontcheck.sources.csv_table import csv_rows
from frontcheck.sources.decode import parse_datetime
from frontcheck.sources.language import detect_language
from frontcheck.sources.model import ReadDefaults, ReadResult, SourceItem

REQUIRED = ("event_id_cnty", "event_date", "notes")
#: ACLED's ``time_precision`` codes as the claims' date precisions.
TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
KEPT = ("event_type", "sub_event_type", "disorder_type", "actor1", "assoc_actor_1", "actor2",
        "assoc_actor_2", "interaction", "country", "admin1", "admin2", "admin3", "location",
        "geo_precision", "time_precision", "source", "source_scale", "tags")


def read_acled(data: bytes, name: str, defaults: ReadDefaults = ReadDefaults()) -> list[SourceItem]:
    """The events of an ACLED CSV export, one ``SourceItem`` per row.

    Examples
    --------
    >>> doc = b"event_id_cnty,event_date,location,latitude,longitude,notes,fatalities\\n"
    >>> doc += b'UKR1,06 December 2024,Vuhledar,47.78,37.25,"Clashes near Vuhledar.",3\\n'
    >>> [item] = read_acled(doc, "acled.csv")
    >>> item.publisher, item.meta["places"], item.meta["fatalities"], item.meta["event_date"]
    ('ACLED', [{'name': 'Vuhledar', 'lat': 47.78, 'lon': 37.25}], 3, '2024-12-06')
    """
    return read_acled_items(data, name, defaults).strict()


def read_acled_items(data: bytes, name: str, defaults: ReadDefaults = ReadDefaults()) -> ReadResult:
    """Like ``read_acled``, but a bad row becomes an error beside the good items."""
    rows, note = csv_rows(data, name, REQUIRED)
    if not rows:
        raise InputError(name, "the CSV has a header but no events")
    items: list[SourceItem] = []
    errors: list[InputError] = []
    for line, row in rows:
        try:
            items.append(_event(row, line, name, defaults, note))
        except InputError as exc:
            errors.append(exc)
    return ReadResult(tuple(items), tuple(errors))


def _event(row: dict[str, Any], line: int, name: str, defaults: ReadDefaults,
           note: str) -> SourceItem:
    event_id = row["event_id_cnty"]
    if not event_id:
        raise InputError(name, "empty event_id_cnty", line=line, field="event_id_cnty")
    event_at = parse_datetime(row["event_date"], name, field="event_date", line=line,
                              tz=defaults.timezone)
    published_at = (parse_datetime(row["timestamp"], name, field="timestamp", line=line)
                    if row.get("timestamp") else event_at)
    meta: dict[str, Any] = {"line": line, "event_id": event_id, "event_date": event_at.date().isoformat()}
    meta.update({k: row[k] for k in KEPT if row.get(k)})
    if row.get("time_precision"):
        # ACLED's own precision of event_date: 1 the day, 2 the week, 3 the month
        if row["time_precision"].strip() not in TIME_PRECISION:
            raise InputError(name, f"{row['time_precision']!r} is not 1, 2 or 3 (day, week, "
                                   "month)", line=line, field="time_precision")
        meta["time_precision"] = TIME_PRECISION[row["time_precision"].strip()]
    if row.get("fatalities"):
        meta["fatalities"] = _number(row["fatalities"], name, line, "fatalities", int)
    lat = _number(row["latitude"], name, line, "latitude", float) if row.get("latitude") else None
    lon = _number(row["longitude"], name, line, "longitude", float) if row.get("longitude") else None
    if lat is not None and lon is not None:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError(name, f"({lat}, {lon}) is outside the lat/lon range", line=line,
                             field="latitude")
        meta["places"] = [{"name": row.get("location", ""), "lat": lat, "lon": lon}]
    if note:
        meta["note"] = note
    text = row["notes"]
    return SourceItem(
        kind=defaults.kind or "dataset_row", item_key=event_id, text=text,
        publisher=defaults.publisher or "ACLED", author="", published_at=published_at,
        language=detect_language(text) or "en", url="", retrieved_at=defaults.retrieved_at,
        meta=meta)


def _number(value: str, name: str, line: int, field: str, kind: type[int] | type[float]
            ) -> int | float:
    try:
        number = kind(value)
    except ValueError as exc:
        raise InputError(name, f"{value!r} is not a number", line=line, field=field) from exc
    if number != number or number in (float("inf"), float("-inf")):
        raise InputError(name, f"{value!r} is not a number", line=line, field=field)
    return number
