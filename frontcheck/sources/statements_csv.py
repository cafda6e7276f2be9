"""CSV of statements: one source per row.

Columns (header names, any order, any case): ``statement_id``, ``published_at`` and ``text`` are
required; ``publisher``, ``speaker``, ``language``, ``url``, ``kind`` (default ``statement``),
``title``, ``place``, ``credibility`` (Admiralty 1–6) and ``said_on`` (when the speaker said
it, such as the date of the interview an outlet reports; kept in ``meta`` as an ISO date) are
optional. A blank language is detected from the text.
"""

from __future__ import annotations

from typing import Any

from frontcheck.errors import InputError
from frontcheck.sources.admiralty import parse_credibility
from frontcheck.sources.csv_table import csv_rows
from frontcheck.sources.decode import parse_datetime
from frontcheck.sources.language import detect_language, normalise_language
from frontcheck.sources.model import KINDS, PersonMention, ReadDefaults, ReadResult, SourceItem

REQUIRED = ("statement_id", "published_at", "text")
OPTIONAL = ("publisher", "speaker", "language", "url", "kind", "title", "place", "credibility",
            "said_on")


def read_statements_csv(data: bytes, name: str,
                        defaults: ReadDefaults = ReadDefaults()) -> list[SourceItem]:
    """The statements of a CSV file, one ``SourceItem`` per row.

    Examples
    --------
    >>> doc = b"statement_id,published_at,publisher,text\\n"
    >>> doc += "S1,2025-01-06T10:00:00+03:00,Минобороны России,Освобождён Курахово\\n".encode()
    >>> [item] = read_statements_csv(doc, "s.csv")
    >>> item.item_key, item.publisher, item.language, item.published_at.isoformat()
    ('S1', 'Минобороны России', 'ru', '2025-01-06T10:00:00+03:00')
    """
    return read_statements_csv_items(data, name, defaults).strict()


def read_statements_csv_items(data: bytes, name: str,
                              defaults: ReadDefaults = ReadDefaults()) -> ReadResult:
    """Like ``read_statements_csv``, but a bad row becomes an error beside the good items."""
    rows, note = csv_rows(data, name, REQUIRED)
    if not rows:
        raise InputError(name, "the CSV has a header but no statements")
    items: list[SourceItem] = []
    errors: list[InputError] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        try:
            key = row["statement_id"]
            if not key:
                raise InputError(name, "empty statement_id", line=line, field="statement_id")
            if key in seen:
                raise InputError(name, f"statement_id {key!r} repeats line {seen[key]}",
                                 line=line, field="statement_id")
            seen[key] = line
            items.append(_statement(row, line, name, defaults, note))
        except InputError as exc:
            errors.append(exc)
    return ReadResult(tuple(items), tuple(errors))


def _statement(row: dict[str, Any], line: int, name: str, defaults: ReadDefaults,
               note: str) -> SourceItem:
    text = row["text"]
    if not text:
        raise InputError(name, "empty text", line=line, field="text")
    kind = row.get("kind") or defaults.kind or "statement"
    if kind not in KINDS:
        raise InputError(name, f"kind {kind!r} is not one of {', '.join(KINDS)}", line=line,
                         field="kind")
    speaker = row.get("speaker", "")
    meta = {"line": line, **{k: row[k] for k in ("title", "place") if row.get(k)}}
    said_on = row.get("said_on", "")
    if said_on:
        # a month alone ("2025-01") is an interview date known to the month: its first day
        said_on = f"{said_on}-01" if len(said_on) == 7 and said_on[4] == "-" else said_on
        meta["said_on"] = parse_datetime(said_on, name, field="said_on", line=line,
                                         tz=defaults.timezone).date().isoformat()
    if note:
        meta["note"] = note
    return SourceItem(
        kind=kind, item_key=row["statement_id"], text=text,
        publisher=row.get("publisher") or defaults.publisher or "", author=speaker,
        published_at=parse_datetime(row["published_at"], name, field="published_at", line=line,
                                    tz=defaults.timezone),
        language=normalise_language(row["language"]) if row.get("language") else detect_language(text),
        url=row.get("url", ""), retrieved_at=defaults.retrieved_at,
        credibility=(parse_credibility(row["credibility"], name, line=line)
                     if row.get("credibility") else "6"),
        meta=meta, persons=(PersonMention(speaker, "speaker"),) if speaker else ())
