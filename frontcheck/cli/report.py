"""``frontcheck report``: a brief (HTML, Markdown or PDF) from an analysis or a claims filter,
saved as a named definition so it can be regenerated."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from frontcheck.app.engine import open_engine
from frontcheck.app.reports import (
    ReportDefinition,
    ReportFormat,
    ReportOptions,
    save_report,
    saved_report,
)
from frontcheck.app.reports import report as report_job
from frontcheck.app.verify import DEFAULT_RULES, verdict_rules
from frontcheck.claims.selection import FILTER_KEYS, parse_selection
from frontcheck.cli.control import ensure_timelines
from frontcheck.cli.identity import AsUserOption, TokenOption, principal
from frontcheck.cli.output import DbOption, QuietOption, err_console
from frontcheck.cli.verify import HorizonOption, ThresholdOption, WindowOption
from frontcheck.errors import InputError

SUFFIXES = {".html": ReportFormat.html, ".htm": ReportFormat.html, ".md": ReportFormat.md,
            ".pdf": ReportFormat.pdf}


def _target(output: Path, overwrite: bool) -> ReportFormat:
    fmt = SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise InputError(str(output), "give a file ending in .html, .md or .pdf",
                         field="--output")
    if output.exists() and not overwrite:
        raise InputError(str(output), "already exists; give --overwrite to replace it")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(str(output), f"no folder {folder}")
    return fmt


def report(
    output: Annotated[Path, typer.Option("--output", "-o",
                                         help="brief.html, brief.md or brief.pdf.")],
    ach: Annotated[int | None, typer.Option("--ach", help="An analysis id.")] = None,
    claims: Annotated[str | None, typer.Option(
        "--claims", help=f"A claims filter KEY=VALUE,... with keys {', '.join(FILTER_KEYS)} "
                         "(lists separated by ;); '' for every claim.")] = None,
    figure: Annotated[list[str] | None, typer.Option(
        "--figure", help="A derived figure to include (repeat).")] = None,
    title: Annotated[str, typer.Option("--title", help="The brief's title.")] = "",
    save: Annotated[str | None, typer.Option(
        "--save", help="Save this definition under NAME.")] = None,
    saved: Annotated[str | None, typer.Option(
        "--saved", help="Regenerate the saved definition NAME.")] = None,
    window: WindowOption = DEFAULT_RULES.window_days,
    threshold: ThresholdOption = DEFAULT_RULES.threshold,
    horizon: HorizonOption = DEFAULT_RULES.horizon_days,
    tracker: Annotated[str, typer.Option("--tracker")] = "deepstate",
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace the file.")] = False,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Write a brief: the question, the ACH matrix, the derived figures, the verdicts with
    their share curves and maps, contradictions, witness changes and numbered sources with
    URLs, hashes and grades. Protected persons appear by pseudonym only.

    Example: frontcheck report --ach 1 --figure pay_kept --save kursk --output brief.pdf

    then, later: frontcheck report --saved kursk --output brief.html
    """
    fmt = _target(output, overwrite)
    if saved is not None and (ach is not None or claims is not None or figure):
        raise typer.BadParameter("give --saved NAME alone, or --ach/--claims/--figure",
                                 param_hint="--saved")
    rules = verdict_rules(window, threshold, horizon)
    with open_engine(db) as engine:
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
            definition = (saved_report(connection, saved) if saved is not None else
                          ReportDefinition(ach, parse_selection(claims) if claims is not None
                                           else None, tuple(figure or ()), title))
        if save is not None:
            save_report(engine, caller, save, definition)
        record = report_job(engine, caller, definition, fmt, ReportOptions(tracker, rules))
    partial = output.with_name(f".{output.name}.partial")
    try:
        partial.write_bytes(record.content)
        os.replace(partial, output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InputError(str(output), f"cannot write the brief ({exc.strerror or exc})") from exc
    if not quiet:
        err_console.print(f"Wrote {output} ({record.format}: {record.evidence} evidence items, "
                          f"{record.verdicts} verdicts, {record.sources} sources).", markup=False)
