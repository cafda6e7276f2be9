"""``frontcheck figure``: derived figures with their uncertainty, from claims and constants."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from frontcheck.app import figures as jobs
from frontcheck.app.engine import open_engine
from frontcheck.cli.identity import AsUserOption, TokenOption, log_export, principal
from frontcheck.cli.output import DbOption, Format, FormatOption, render

app = typer.Typer(help="Derived figures: an expression over claims' quantities and constants.",
                  no_args_is_help=True)
NameArgument = Annotated[str, typer.Argument(help="The figure's name (letters, digits, _).")]


def _print(record: jobs.FigureRecord, fmt: Format) -> None:
    if fmt is Format.json:
        render([asdict(record)], fmt)
        return
    head = {"name": record.name, "input": "=", "low": record.low, "best": record.best,
            "high": record.high, "claim_id": "", "source": record.expression,
            "note": f"{record.range_method}; mean {record.mean:,.6g}; " + ", ".join(
                f"{k} {v:,.6g}" for k, v in record.percentiles.items())}
    rows = [head] + [{"name": record.name, "input": i.name, "low": i.low, "best": i.best,
                      "high": i.high, "claim_id": i.claim_id or "",
                      "source": f"{i.publisher} ({i.grade})" if i.claim_id else "constant",
                      "note": i.quote} for i in record.inputs]
    render(rows, fmt, title=f"{record.name} = {record.expression}")


@app.command("new")
def new(
    name: NameArgument,
    expr: Annotated[str, typer.Option("--expr", help="Arithmetic over the inputs' names: + - * "
                                                      "/ **, unary minus, parentheses, min, max.")],
    inputs: Annotated[list[str], typer.Option(
        "--input", help="NAME=CLAIM_ID (the claim's low/best/high), NAME=NUMBER, "
                        "NAME=LOW..HIGH or NAME=LOW..BEST..HIGH; once per name.")],
    fmt: FormatOption = Format.table, as_user: AsUserOption = None,
    token: TokenOption = None, db: DbOption = None,
) -> None:
    """Store a derived figure and print it: low/best/high and percentiles propagated from
    each input's range.

    Example: frontcheck figure new pay_kept --expr "pay * troops * months * (1 - kept)"
    --input pay=c-558f87fb76adba19c7d9 --input troops=11000 --input kept=0.7..0.9
    --input months=12

    The range is exact by interval arithmetic when each input occurs once (else taken at the
    corners of the inputs' box, exact when the figure is monotone in each input); the
    percentiles come from a Monte Carlo run with a fixed seed, each input drawn from a
    triangular distribution (low, best, high). Claim inputs are read again at every
    `figure show`.
    """
    with open_engine(db) as engine:
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
        record = jobs.new_figure(engine, caller, name, expr, inputs)
    _print(record, fmt)


@app.command("show")
def show(name: NameArgument, fmt: FormatOption = Format.table, as_user: AsUserOption = None,
         token: TokenOption = None, db: DbOption = None) -> None:
    """A stored figure computed now from its inputs, each linked to its claim and source.

    Example: frontcheck figure show pay_kept --format json
    """
    with open_engine(db) as engine:
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
            record = jobs.show_figure(connection, caller, name)
        log_export(engine, caller, f"figure:{name}", fmt, len(record.inputs))
    _print(record, fmt)


@app.command("list")
def list_(fmt: FormatOption = Format.table, as_user: AsUserOption = None,
          token: TokenOption = None, db: DbOption = None) -> None:
    """Every stored figure and its expression.

    Example: frontcheck figure list
    """
    with open_engine(db) as engine, engine.connect() as connection:
        caller = principal(connection, as_user, token)
        rows = [asdict(f) for f in jobs.figures(connection, caller)]
    render(rows, fmt, columns=None if rows else ["name", "expression"])
