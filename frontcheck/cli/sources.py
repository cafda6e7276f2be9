"""``frontcheck sources``: ingest source files into the ledger, list and show them, check them."""

from __future__ import annotations

from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from frontcheck.app import sources as source_jobs
from frontcheck.app.engine import open_engine
from frontcheck.cli.identity import AsUserOption, ReasonOption, TokenOption, export_of, principal
from frontcheck.cli.output import (
    DbOption,
    Format,
    FormatOption,
    QuietOption,
    err_console,
    progress_bar,
    render,
)
from frontcheck.errors import InputError
from frontcheck.protect.roles import AccessError, checked_reason
from frontcheck.sources import FORMAT_NAMES
from frontcheck.sources.admiralty import RELIABILITY, parse_reliability
from frontcheck.sources.model import KINDS, ReadDefaults

app = typer.Typer(help="The evidence ledger: source files, their provenance and reliability.",
                  no_args_is_help=True)

SourceFormat = Enum("SourceFormat", {name.replace("-", "_"): name for name in FORMAT_NAMES},  # type: ignore[misc]  # members from the core's names
                    type=str)
SourceKind = Enum("SourceKind", {k: k for k in KINDS}, type=str)  # type: ignore[misc]  # members from the core's names

LIST_COLUMNS = ["id", "kind", "publisher", "grade", "published_at", "language", "author",
                "item_key", "excerpt"]


def _grade(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return parse_reliability(value)
    except InputError:
        raise typer.BadParameter(f"{value!r} is not a reliability grade A–F "
                                 f"({', '.join(f'{k} {v}' for k, v in RELIABILITY.items())})",
                                 param_hint=option) from None


@app.command("ingest")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Source files, or folders of them.")],
    kind: Annotated[SourceKind | None, typer.Option("--kind", help="Kind of the sources, where the file does not say.")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Publisher or channel, where the file does not say.")] = None,
    reliability: Annotated[str | None, typer.Option("--reliability", help="Admiralty reliability A–F to set for the publishers ingested.")] = None,
    format_in: Annotated[SourceFormat, typer.Option("--format-in", help="Input format (auto: from the name and first bytes).")] = SourceFormat["auto"],
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Store the good items, list the bad ones, exit 1.")] = False,
    protect: Annotated[bool, typer.Option("--protect/--no-protect", help="Protect persons the sources describe as prisoners, detainees or minors.")] = True,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Ingest source files into the ledger; the same bytes twice are stored once.

    Example: frontcheck sources ingest samples/telegram/result.json --reliability F

    Formats: telegram (Telegram Desktop result.json, one source per message), transcript
    (Markdown/text with YAML front matter), html (an article page), csv (statements; columns in
    the README), acled (ACLED event CSV), tracker-log (DeepStateMAP /api/history/public). The
    raw bytes of each file are kept under blobs/ beside the store and hashed (sha256). A bad
    file or item stops the ingest before anything is written, unless --keep-going.
    """
    grade = _grade(reliability, "--reliability")
    defaults = ReadDefaults(kind=kind.value if kind else None, publisher=publisher)
    files = source_jobs.files_under(paths)
    with open_engine(db) as engine, \
            progress_bar("Ingesting sources", len(files), quiet) as advance:
        report = source_jobs.ingest(engine, files, format_in.value, defaults, grade, keep_going,
                                    protect, on_progress=advance)
    for line in report.failed:
        err_console.print(f"Error: {line}", markup=False)
    if not quiet:
        err_console.print(f"{len(files)} file{'s' * (len(files) != 1)}: {report.summary()}.",
                          markup=False)
    if report.failed:
        raise typer.Exit(1)


@app.command("list")
def list_command(
    publisher: Annotated[str | None, typer.Option("--publisher", help="Only this publisher.")] = None,
    kind: Annotated[SourceKind | None, typer.Option("--kind", help="Only this kind.")] = None,
    fmt: FormatOption = Format.table,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """Sources in the ledger: id, kind, publisher, Admiralty grade, date, language, excerpt.

    Example: frontcheck sources list --kind telegram_post --format csv

    Protected persons appear by pseudonym, their details not at all. JSON and CSV output is
    logged in the audit log as an export.
    """
    with open_engine(db) as engine, engine.connect() as connection:
        caller = principal(connection, as_user, token)
        rows = [asdict(r) for r in source_jobs.list_ledger(
            connection, caller, publisher, kind.value if kind else None, export_of(fmt))]
    render(rows, fmt, title="Sources", columns=LIST_COLUMNS)


@app.command("show")
def show(
    source_id: Annotated[int, typer.Argument(help="Source id (see `sources list`).")],
    fmt: FormatOption = Format.table,
    unredacted: Annotated[bool, typer.Option(
        "--unredacted", help="Show protected persons' names and details (analysts and "
                             "admins; needs --reason and --as-user or --token; logged).",
        rich_help_panel="Identity")] = False,
    reason: ReasonOption = None,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """One source in full: text, provenance (file, sha256, item), grade, persons, metadata.

    Example: frontcheck sources show 1 --format json

    Protected persons appear by pseudonym, their details not at all. An analyst or admin
    may see one source unredacted, for a stated reason that goes to the audit log first:
    frontcheck sources show 1 --unredacted --reason "checking the unit" --as-user alice
    """
    if unredacted and not (as_user or token):
        raise typer.BadParameter("--unredacted needs --as-user NAME or --token TOKEN",
                                 param_hint="--unredacted")
    if unredacted:
        try:
            checked_reason(reason)
        except AccessError as exc:
            raise typer.BadParameter(str(exc), param_hint="--reason") from None
    with open_engine(db) as engine, engine.connect() as connection:
        caller = principal(connection, as_user, token)
        record = asdict(source_jobs.show(connection, caller, source_id, unredacted, reason,
                                         via="cli", export=export_of(fmt)))
    if fmt is Format.table:
        render([{"field": k, "value": v} for k, v in record.items()], fmt,
               title=f"Source {record['id']}")
    else:
        render([record], fmt)


@app.command("verify-integrity")
def verify_integrity_command(
    fmt: FormatOption = Format.table,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Re-hash every preserved file; lists those missing or changed, and exits 1 if any.

    Example: frontcheck sources verify-integrity
    """
    with open_engine(db) as engine:
        checked, problems = source_jobs.integrity(
            engine, lambda total: progress_bar("Re-hashing", total, quiet))
    if problems or fmt is not Format.table:   # people get no empty table; scripts get [] / a header
        render([asdict(p) for p in problems], fmt, title="Files missing or changed",
               columns=["sha256", "original_name", "path", "status", "found_sha256"])
    if not quiet:
        missing = sum(p.status == "missing" for p in problems)
        err_console.print(f"{checked} files checked: {checked - len(problems)} ok, "
                          f"{missing} missing, {len(problems) - missing} changed.", markup=False)
    if problems:
        raise typer.Exit(1)


@app.command("reliability")
def reliability_command(
    publisher: Annotated[str, typer.Argument(help="Publisher or channel name, as `sources list` shows it.")],
    grade: Annotated[str | None, typer.Argument(help="Admiralty reliability A–F; omit to show the current one.")] = None,
    db: DbOption = None,
) -> None:
    """Set (or show) a publisher's reliability on the Admiralty scale, A to F.

    Example: frontcheck sources reliability "Минобороны России" D

    A completely reliable, B usually reliable, C fairly reliable, D not usually reliable,
    E unreliable, F reliability cannot be judged (the default). Each source also carries the
    credibility of its information, 1–6 (from the file, else 6 "cannot be judged").
    """
    chosen = _grade(grade, "GRADE")
    with open_engine(db) as engine, engine.begin() as connection:
        value = source_jobs.reliability(connection, publisher, chosen)
    if chosen is None:
        typer.echo(f"{publisher}: {value} ({RELIABILITY[value]})")
        return
    err_console.print(f"{publisher}: reliability {chosen} ({RELIABILITY[chosen]}).", markup=False)

