"""The KATOTTG codifier (``kodifikator.xlsx``): oblast → raion → hromada → settlement. Pure.

The sheet has a title block, then a header row (``Перший рівень`` … ``Назва об’єкта``) and one
row per unit: its code at each level, a category letter and the name. Read with openpyxl
(read-only mode: the file is 1.5 MB, 31,000 rows).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from frontcheck.errors import InputError

__all__ = ["Katottg", "Settlement", "parse_katottg", "SETTLEMENT_CATEGORIES"]

#: K Kyiv/Sevastopol, M city, X settlement, T urban-type settlement (pre-2024), C village.
SETTLEMENT_CATEGORIES = ("K", "M", "X", "T", "C")
_CODE = re.compile(r"UA\d{17}")
_HEADER = "Перший рівень"


@dataclass(frozen=True, slots=True)
class Settlement:
    code: str
    category: str
    name: str
    oblast: str          # two-digit oblast code, "14" for Donetsk
    raion: str           # four-digit raion code ("1416"), "" for Kyiv/Sevastopol
    hromada: str         # hromada code (UA…), "" for Kyiv/Sevastopol


@dataclass(frozen=True, slots=True)
class Katottg:
    """The codifier's settlements and the names of the units above them, by code."""

    settlements: tuple[Settlement, ...]
    oblast_names: dict[str, str]      # "14" → "Донецька"
    raion_names: dict[str, str]       # "1416" → "Покровський"
    hromada_names: dict[str, str]     # hromada code → "Курахівська"


def _cell(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def xlsx_rows(data: bytes, name: str) -> list[tuple[str, ...]]:
    """The first sheet's rows as text (openpyxl)."""
    import openpyxl  # imported here: only the gazetteer build reads xlsx

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(name, f"not an xlsx workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        return [tuple(_cell(v) for v in row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def parse_katottg(data: bytes, name: str) -> Katottg:
    """The codifier from the xlsx's bytes; a row with a malformed code names its line."""
    rows = xlsx_rows(data, name)
    start = next((i for i, row in enumerate(rows) if row and row[0] == _HEADER), None)
    if start is None:
        raise InputError(name, f"no header row starting with {_HEADER!r}: not the KATOTTG codifier")
    settlements: list[Settlement] = []
    oblasts: dict[str, str] = {}
    raions: dict[str, str] = {}
    hromadas: dict[str, str] = {}
    for number, row in enumerate(rows[start + 1:], start + 2):
        if len(row) < 7 or not row[0]:
            continue
        codes, category, title = row[:5], row[5], row[6]
        deepest = next((c for c in reversed(codes) if c), "")
        if not _CODE.fullmatch(deepest):
            raise InputError(name, f"not a KATOTTG code: {deepest!r}", line=number,
                             field="code")
        if category == "O":
            oblasts[deepest[2:4]] = title
        elif category == "P":
            raions[deepest[2:6]] = title
        elif category == "H":
            hromadas[deepest] = title
        elif category == "K":
            oblasts[deepest[2:4]] = title
            settlements.append(Settlement(deepest, category, title, deepest[2:4], "", ""))
        elif category in SETTLEMENT_CATEGORIES and codes[3]:
            settlements.append(Settlement(deepest, category, title, deepest[2:4],
                                          deepest[2:6], codes[2]))
    if not settlements:
        raise InputError(name, "no settlement rows (categories K, M, X, T, C)")
    return Katottg(tuple(settlements), oblasts, raions, hromadas)
