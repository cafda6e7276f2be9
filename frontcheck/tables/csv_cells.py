"""CSV that spreadsheets and pandas read as data: one plain value per cell, numbers at full
precision, text that cannot run as a formula.

Every CSV that frontcheck writes (``--format csv`` and ``frontcheck export``) goes through
``write_csv``: a nested record is spread over columns (``place`` → ``place_id``,
``place_lon`` …), a list of plain values is joined with ``|`` (the gazetteer's own separator
for alternative names), floats are written as Python's shortest exact form (``109360.8412``,
never ``109,360.84``), and a text cell that starts like a formula gets a leading ``'``.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TextIO

import orjson

#: What a spreadsheet reads as the start of a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?(\d[\d,]*)?\.?\d+([eE][-+]?\d+)?")
#: Joins a list of plain values in one cell.
LIST_SEPARATOR = "|"


def csv_cell(value: str) -> str:
    """A text cell safe to open in a spreadsheet: one that starts like a formula (``= + - @``,
    tab, carriage return) gets a leading apostrophe, so that ``=HYPERLINK(...)`` or
    ``=cmd|...`` in a source is shown, never run. Plain numbers (``-3.25``) are kept.

    Examples
    --------
    >>> csv_cell("=1+1"), csv_cell("-3.25"), csv_cell("Pokrovsk")
    ("'=1+1", '-3.25', 'Pokrovsk')
    """
    if value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def flat_record(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A record with nested mappings spread over ``parent_child`` keys (one value per key).

    Examples
    --------
    >>> flat_record({"id": "HO-1", "place": {"id": "gn:1", "lon": 37.5}, "span": [3, 9]})
    {'id': 'HO-1', 'place_id': 'gn:1', 'place_lon': 37.5, 'span': [3, 9]}
    >>> flat_record({"place": None, "fields": {}})
    {'place': None, 'fields': None}
    """
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and value:
            flat.update(flat_record(value, name + "_"))
        elif isinstance(value, Mapping):
            flat[name] = None               # an empty record has no values
        else:
            flat[name] = value
    return flat


def csv_value(value: Any) -> str:
    """One cell's text: floats exact (NaN and None empty), dates ISO, lists of plain values
    joined with ``|``, text escaped by ``csv_cell``. A list of records (rare: a claim's
    candidate places) stays JSON, since it has no one-cell form.

    Examples
    --------
    >>> [csv_value(v) for v in (109360.8412345679, 1e-07, None, float("nan"), True, 3)]
    ['109360.8412345679', '1e-07', '', '', 'true', '3']
    >>> csv_value(["Урожайне", "Урожайное"]), csv_value("=2+2"), csv_value(date(2024, 10, 1))
    ('Урожайне|Урожайное', "'=2+2", '2024-10-01')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return csv_cell(orjson.dumps(value, default=str).decode())
    if isinstance(value, (list, tuple)):
        if all(not isinstance(v, (Mapping, list, tuple)) for v in value):
            return csv_cell(LIST_SEPARATOR.join(csv_value(v) for v in value))
        return csv_cell(orjson.dumps(value, default=str).decode())
    if isinstance(value, str):
        return csv_cell(value)
    if hasattr(value, "item"):          # a numpy scalar from a data frame
        return csv_value(value.item())
    return csv_cell(str(value))


def csv_columns(rows: Sequence[Mapping[str, Any]], wanted: Sequence[str] | None = None) -> list[str]:
    """The header for flat ``rows``: ``wanted`` in order, each one that was a nested record
    replaced by the columns it spread into; else every key in first-seen order.

    Examples
    --------
    >>> rows = [{"id": 1, "place_id": "gn:1", "place_lon": 37.5}, {"id": 2, "place": None}]
    >>> csv_columns(rows, ["id", "place"])
    ['id', 'place_id', 'place_lon']
    >>> csv_columns(rows)
    ['id', 'place_id', 'place_lon']
    """
    seen = list(dict.fromkeys(key for row in rows for key in row))
    spread = {name: [key for key in seen if key.startswith(name + "_")]
              for name in (wanted if wanted is not None else seen)}
    # a nested record that is None in some rows is shown by the columns it spread into
    hollow = {name for name, keys in spread.items()
              if keys and all(row.get(name) is None for row in rows)}
    if wanted is None:
        return [key for key in seen if key not in hollow]
    columns: list[str] = []
    for name in wanted:
        if name not in hollow and (name in seen or not spread[name]):
            columns.append(name)
        columns.extend(key for key in spread[name] if key not in wanted)
    return list(dict.fromkeys(columns))


def write_csv(stream: TextIO, records: Iterable[Mapping[str, Any]],
              columns: Sequence[str] | None = None) -> int:
    """Write records as CSV with a header to ``stream``; returns the number of rows."""
    rows = [flat_record(r) for r in records]
    header = csv_columns(rows, columns)
    # The csv module quotes a cell only for the characters of its line terminator: with "\n"
    # alone a cell holding a bare "\r" goes out unquoted and splits the row when read. So
    # each row is written with "\r\n" (both quoted) and ends with "\n" as the rest of
    # frontcheck's output does.
    line = io.StringIO()
    writer = csv.writer(line, lineterminator="\r\n")
    for cells in [header, *([csv_value(row.get(c)) for c in header] for row in rows)]:
        writer.writerow(cells)
        stream.write(line.getvalue()[:-2] + "\n")
        line.seek(0)
        line.truncate()
    return len(rows)
