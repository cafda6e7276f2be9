"""Options shared by every command, and the one function that prints records."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any

import orjson
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from frontcheck.tables.csv_cells import csv_cell, write_csv

__all__ = ["Format", "FormatOption", "DbOption", "QuietOption", "err_console", "render",
           "csv_cell", "jsonable", "progress_bar"]

#: Talk (progress, warnings, summaries, errors) goes to stderr; stdout is data.
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
DbOption = Annotated[
    # a string, not a Path: a Path folds the "//" of "postgresql+psycopg://host/db" to "/"
    str | None,
    typer.Option("--db", help="Store: an SQLite file or an SQLAlchemy URL "
                              "(default: $FRONTCHECK_DB, else a file in the user data dir).",
                 envvar="FRONTCHECK_DB", show_envvar=True),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or summaries.")]


def jsonable(value: Any) -> Any:
    """Plain JSON values: dates as ISO strings, floats rounded to what the data supports."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def render(rows: Sequence[dict], fmt: Format, *, title: str | None = None,
           columns: Sequence[str] | None = None) -> None:
    """Print records as a Rich table (people), a JSON list of objects, or CSV with a header."""
    if fmt is Format.json:
        sys.stdout.write(orjson.dumps([jsonable(r) for r in rows],
                                      option=orjson.OPT_INDENT_2).decode() + "\n")
    elif fmt is Format.csv:
        # machine values at full precision, a nested record spread over columns (tables.csv_cells)
        write_csv(sys.stdout, rows, columns or None)
    else:
        columns = list(columns or (rows[0].keys() if rows else []))
        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(jsonable(row.get(c))) for c in columns))
        Console(soft_wrap=False, width=max(Console().width, 160)).print(table)


def _cell(value: Any) -> str:
    """A value as a person reads it in a table (thousands separators, rounded)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) >= 1 else f"{value:.4f}"
    if isinstance(value, (list, dict)):
        return orjson.dumps(value).decode()
    return str(value)


@contextmanager
def progress_bar(description: str, total: int, quiet: bool) -> Iterator[Any]:
    """A Rich progress bar on stderr, shown only when stderr is a terminal and not quiet.

    Yields a function ``advance(n=1)`` that the core's ``on_progress`` callbacks can take.
    """
    if quiet or not err_console.is_terminal:
        yield lambda n=1: None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n=1: progress.advance(task, n)
