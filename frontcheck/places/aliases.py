"""Aliases the gazetteer lacks: former names, Russian spellings of Ukrainian places, and
Ukrainian spellings of Russian villages, each with its source (``data/place_aliases.csv``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from frontcheck.errors import InputError
from frontcheck.places.names import normalise_name

__all__ = ["AliasRecord", "ALIAS_COLUMNS", "ALIAS_KINDS", "parse_aliases"]

ALIAS_COLUMNS = ("alias", "lang", "place_id", "place_name", "kind", "source")
#: What an alias is to its place; ``former`` names are what old-style reports still use.
ALIAS_KINDS = ("former", "russian", "ukrainian", "english", "colloquial")


@dataclass(frozen=True, slots=True)
class AliasRecord:
    """One alias: ``place_name`` repeats the gazetteer's ``name_en`` to catch a wrong id."""

    alias: str
    lang: str
    place_id: str
    place_name: str
    kind: str
    source: str


def parse_aliases(data: bytes, source: str) -> tuple[AliasRecord, ...]:
    """The aliases of an alias CSV (columns ``ALIAS_COLUMNS``); every field is required.

    Examples
    --------
    >>> text = "alias,lang,place_id,place_name,kind,source\\n"
    >>> text += "Красный Лиман,ru,gn:1,Lyman,former,Rada resolution 2016\\n"
    >>> parse_aliases(text.encode(), "a.csv")[0].place_id
    'gn:1'
    >>> parse_aliases(text.replace("former", "nickname").encode(), "a.csv")
    Traceback (most recent call last):
    ...
    frontcheck.errors.InputError: a.csv: line 2: kind: unknown kind 'nickname'
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text ({exc.reason})") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for column in ALIAS_COLUMNS:
        if column not in (reader.fieldnames or []):
            raise InputError(source, "missing column", line=1, field=column)
    records = []
    try:
        for row in reader:
            for column in ALIAS_COLUMNS:
                if not (row.get(column) or "").strip():
                    raise InputError(source, "empty", line=reader.line_num, field=column)
            if row["kind"] not in ALIAS_KINDS:
                raise InputError(source, f"unknown kind {row['kind']!r}", line=reader.line_num,
                                 field="kind")
            if not normalise_name(row["alias"]):
                raise InputError(source, "alias has no letters", line=reader.line_num,
                                 field="alias")
            records.append(AliasRecord(**{c: row[c].strip() for c in ALIAS_COLUMNS}))
    except csv.Error as exc:
        raise InputError(source, f"malformed CSV ({exc})", line=reader.line_num) from exc
    return tuple(records)
