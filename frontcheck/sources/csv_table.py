"""CSV files as rows of text keyed by column name, with the line each row starts on.

Shared by the statements and ACLED readers. Leading lines starting with ``#`` are comments
(the samples use one to say they are samples); the next line is the header.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from frontcheck.errors import InputError
from frontcheck.sources.decode import decode_text


def csv_rows(data: bytes, name: str,
             required: Sequence[str]) -> tuple[list[tuple[int, dict[str, Any]]], str]:
    """(rows as (line, {column: text}), the comment that preceded the header).

    Column names are compared without surrounding space and case. A missing required column,
    an empty file, a row with more cells than the header, or a malformed quote raise
    ``InputError`` with the line.
    """
    text = decode_text(data, name)
    lines = text.splitlines(keepends=True)
    skipped = 0
    comments: list[str] = []
    while skipped < len(lines) and (lines[skipped].lstrip().startswith("#")
                                    or not lines[skipped].strip()):
        comments.append(lines[skipped].strip().lstrip("#").strip())
        skipped += 1
    reader = csv.reader(io.StringIO("".join(lines[skipped:]), newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(name, "empty CSV file (no header line)")
        columns = [c.strip().lower() for c in header]
        missing = [c for c in required if c not in columns]
        if missing:
            raise InputError(name, f"missing column{'s' * (len(missing) > 1)} "
                                   f"{', '.join(missing)} (the header has {', '.join(columns)})",
                             line=skipped + 1)
        rows: list[tuple[int, dict[str, Any]]] = []
        line = skipped + reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) > len(columns):
                    raise InputError(name, f"{len(cells)} cells but the header has "
                                           f"{len(columns)} columns", line=line)
                rows.append((line, {c: (cells[i].strip() if i < len(cells) else "")
                                    for i, c in enumerate(columns)}))
            line = skipped + reader.line_num + 1
    except csv.Error as exc:
        raise InputError(name, f"malformed CSV ({exc})", line=skipped + reader.line_num) from exc
    return rows, " ".join(c for c in comments if c)


def csv_header(data: bytes) -> list[str]:
    """The lower-cased column names of a CSV file's first non-comment line ([] if none)."""
    try:
        text = data[:8192].decode("utf-8-sig", errors="replace")
    except LookupError:
        return []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return [c.strip().strip('"').lower() for c in line.split(",")]
    return []
