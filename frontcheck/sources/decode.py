"""Bytes to text, JSON and dates, with one-line errors that name the file and the item.

Every reader goes through here, so a file in an unknown encoding or a date that does not parse
gives the same message whatever its format.
"""

from __future__ import annotations

import codecs
import re
from datetime import UTC, date, datetime, time, tzinfo

import orjson

from frontcheck.errors import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes, name: str, encoding: str | None = None) -> str:
    """The text of a file: UTF-8 (a byte-order mark picks UTF-8/16/32), or ``encoding`` if given.

    NUL bytes in text mean UTF-16 or UTF-32 without a byte-order mark (or a binary file), which
    cannot be told from other encodings safely, so they are refused rather than guessed.

    Examples
    --------
    >>> decode_text("Угледар".encode("utf-16"), "a.txt")
    'Угледар'
    >>> decode_text(b"\\xff\\xfeA\\x00\\xd8", "b.txt")
    Traceback (most recent call last):
    ...
    frontcheck.errors.InputError: b.txt: not text in a known encoding (UTF-16 ends in the middle of a character); re-save it as UTF-8
    """  # noqa: E501 (a doctest's expected output)
    if encoding is None:
        # UTF-32 LE's mark begins with UTF-16 LE's, so the longer marks are tried first.
        encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        where = ("UTF-16 ends in the middle of a character" if exc.reason == "truncated data"
                 and (encoding or "").startswith("utf-16")
                 else f"invalid {exc.encoding.upper()} byte 0x{data[exc.start]:02x} at byte {exc.start}")
        raise InputError(name, f"not text in a known encoding ({where}); re-save it as UTF-8") from exc
    except LookupError as exc:
        raise InputError(name, f"unknown text encoding {encoding!r}") from exc
    if "\x00" in text:
        raise InputError(name, "not text in a known encoding (NUL bytes: UTF-16 without a "
                               "byte-order mark, or a binary file); re-save it as UTF-8")
    return text


def load_json_text(data: bytes, name: str) -> object:
    """Parse a JSON file (any encoding ``decode_text`` accepts); a one-line error with its place."""
    text = decode_text(data, name)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        reason = "truncated JSON" if exc.pos >= len(text.rstrip()) else "invalid JSON"
        raise InputError(name, f"{reason} ({exc.msg} at char {exc.pos})", line=exc.lineno) from exc


_UNIX = re.compile(r"^\d{9,11}(\.\d+)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]+) (\d{4})$")
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}


def parse_datetime(value: object, name: str, *, field: str, tz: tzinfo = UTC,
                   line: int | None = None) -> datetime:
    """A time-zone-aware datetime from what files write for a date.

    Accepts ISO 8601 (``2025-01-06T10:00:00+03:00``, a trailing ``Z``, a space for ``T``), a
    date alone (midnight), Unix seconds (number or digits), ACLED's ``06 December 2024``, and
    ``date``/``datetime`` values from YAML. A value without an offset is read in ``tz``.

    Examples
    --------
    >>> parse_datetime("2025-01-06T10:00:00Z", "f", field="date").isoformat()
    '2025-01-06T10:00:00+00:00'
    >>> parse_datetime("06 December 2024", "f", field="date").isoformat()
    '2024-12-06T00:00:00+00:00'
    >>> parse_datetime("yesterday", "f", field="date")
    Traceback (most recent call last):
    ...
    frontcheck.errors.InputError: f: date: 'yesterday' is not a date (ISO 8601 such as 2025-01-06T10:00:00+03:00, or Unix seconds)
    """  # noqa: E501 (a doctest's expected output)
    parsed = _datetime_or_none(value, tz)
    if parsed is None:
        shown = value if isinstance(value, str) and len(value) <= 60 else repr(value)[:60]
        raise InputError(name, f"{shown!r} is not a date (ISO 8601 such as "
                               "2025-01-06T10:00:00+03:00, or Unix seconds)", field=field, line=line)
    return parsed


def _datetime_or_none(value: object, tz: tzinfo) -> datetime | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=tz)
    if isinstance(value, (int, float)):
        return _from_unix(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _UNIX.match(text):
        return _from_unix(float(text))
    match = _DAY_MONTH_YEAR.match(text)
    if match and match.group(2).lower() in _MONTHS:
        try:
            return datetime(int(match.group(3)), _MONTHS[match.group(2).lower()],
                            int(match.group(1)), tzinfo=tz)
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def _from_unix(seconds: float) -> datetime | None:
    # From 1990 to 2100: a wider range is more likely a mistaken column than a date.
    if not 631152000 <= seconds <= 4102444800:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


def iso_or_empty(value: datetime | None) -> str:
    """ISO text of a datetime, "" for None (for ``meta``, which holds plain JSON only)."""
    return value.isoformat() if value else ""
