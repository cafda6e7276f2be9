"""The evidence ledger's core: readers of source files, language, Admiralty grades, persons.

Every reader is pure: ``read_X(data, name, defaults) -> list[SourceItem]`` takes the raw bytes
and the path to cite in errors, and raises ``InputError`` for bad input; ``read_X_items`` gives
the good items and one error per bad item instead (for ``--keep-going``).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from importlib import import_module
from pathlib import PurePath

from frontcheck.errors import InputError
from frontcheck.sources.csv_table import csv_header
from frontcheck.sources.model import ReadDefaults, ReadResult

__all__ = ["FORMAT_NAMES", "SUFFIXES", "detect_source_format", "read_source", "reader_for"]

ItemsReader = Callable[[bytes, str, ReadDefaults], ReadResult]

#: Format name → (module, function giving a ReadResult); modules load on first use.
_READERS = {
    "telegram": ("telegram", "read_telegram_items"),
    "transcript": ("transcript", "read_transcript_items"),
    "html": ("html_article", "read_html_items"),
    "csv": ("statements_csv", "read_statements_csv_items"),
    "acled": ("acled", "read_acled_items"),
    "tracker-log": ("tracker_log", "read_tracker_log_items"),
}

FORMAT_NAMES = ("auto", *_READERS)

#: File name endings ``sources ingest`` picks up inside a folder.
SUFFIXES = (".json", ".md", ".markdown", ".txt", ".html", ".htm", ".csv")


def reader_for(format_name: str) -> ItemsReader:
    """The items reader registered as ``format_name`` (one of ``FORMAT_NAMES`` but ``auto``)."""
    module, function = _READERS[format_name]
    reader: ItemsReader = getattr(import_module(f"frontcheck.sources.{module}"), function)
    return reader


def _utf8_head(data: bytes) -> bytes:
    """The start of a file with a UTF-16 or UTF-32 byte-order mark, as UTF-8 (the readers
    decode such files; detection must see their text, not their byte order)."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            head = data[:16384]
            head = head[:len(head) - (len(head) - len(bom)) % (4 if "32" in encoding else 2)]
            return head.decode(encoding, errors="replace").encode("utf-8")
    return data


def detect_source_format(data: bytes, name: str) -> str:
    """A file's format from its name ending and first bytes.

    JSON with ``"messages"`` or ``"chats"`` is a Telegram export, a JSON list of updates a
    tracker log; HTML is an article; Markdown/text (or anything opening with ``---``) a
    transcript; a CSV whose header has ``event_id_cnty`` is ACLED, other CSV statements.

    Examples
    --------
    >>> detect_source_format(b'{"name": "x", "messages": []}', "result.json")
    'telegram'
    >>> detect_source_format(b"event_id_cnty,event_date,notes\\n", "events.csv")
    'acled'
    >>> detect_source_format(b"\\x89PNG", "map.png")
    Traceback (most recent call last):
    ...
    frontcheck.errors.InputError: map.png: cannot tell the source format; give --format-in (telegram, transcript, html, csv, acled, tracker-log)
    """  # noqa: E501 (a doctest's expected output)
    suffix = PurePath(name).suffix.lower()
    data = _utf8_head(data)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix == ".json" or head[:1] in (b"{", b"["):
        if head[:1] == b"[" or b'"descriptionEn"' in head:
            return "tracker-log"
        return "telegram"
    if suffix in (".html", ".htm") or head[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix in (".md", ".markdown", ".txt") or head.startswith(b"---"):
        return "transcript"
    if suffix == ".csv":
        return "acled" if "event_id_cnty" in csv_header(data) else "csv"
    raise InputError(name, "cannot tell the source format; give --format-in "
                           f"({', '.join(FORMAT_NAMES[1:])})")


def read_source(data: bytes, name: str, format_name: str = "auto",
                defaults: ReadDefaults = ReadDefaults()) -> ReadResult:
    """Read one file in the format given (``auto``: detected): its good items and bad items'
    errors. File-level problems (encoding, broken JSON, no messages) raise ``InputError``."""
    if format_name not in FORMAT_NAMES:
        raise InputError(name, f"unknown source format {format_name!r} "
                               f"(one of {', '.join(FORMAT_NAMES)})")
    chosen = detect_source_format(data, name) if format_name == "auto" else format_name
    return reader_for(chosen)(data, name, defaults)
