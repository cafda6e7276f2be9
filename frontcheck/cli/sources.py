"""``frontcheck sources``: ingest source files into the ledger, list and show them, check them."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from frontcheck.cli.identity import AsUserOption, ReasonOption, TokenOption, log_export, principal
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
from frontcheck.protect.redaction import Redactor
from frontcheck.protect.roles import AccessError, checked_reason, may_unredact, require_unredact
from frontcheck.sources import FORMAT_NAMES
from frontcheck.sources.admiralty import RELIABILITY, parse_reliability
from frontcheck.sources.model import KINDS, ReadDefaults, StoredSource
from frontcheck.store.audit import append_entry, log_event
from frontcheck.store.engine import open_engine
from frontcheck.store.persons import person_redactor, source_persons
from frontcheck.store.sources import (
    count_blobs,
    get_reliability,
    get_source,
    ingest_sources,
    list_sources,
    set_reliability,
    source_files,
    verify_integrity,
)

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
    files = source_files(paths)
    with open_engine(db) as engine, progress_bar("Ingesting sources", len(files), quiet) as advance:
        report = ingest_sources(engine, files, format_in.value, defaults, grade, keep_going,
                                protect, on_progress=advance)
    for line in report.failed:
        err_console.print(f"Error: {line}", markup=False)
    if not quiet:
        err_console.print(f"{len(files)} file{'s' * (len(files) != 1)}: {report.summary()}.",
                          markup=False)
    if report.failed:
        raise typer.Exit(1)


def _listed(source: StoredSource, redactor: Redactor) -> dict:
    """A source as `sources list` prints it, redacted (the whole text first, then cut)."""
    excerpt = " ".join(redactor.text(source.text).split())
    return {"id": source.id, "kind": source.kind, "publisher": redactor.text(source.publisher),
            "grade": source.grade, "published_at": source.published_at,
            "language": source.language, "author": redactor.text(source.author),
            "item_key": redactor.text(source.item_key),
            "excerpt": excerpt if len(excerpt) <= 100 else excerpt[:99] + "…"}


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
    with open_engine(db) as engine:
        with engine.connect() as connection:
            found = list_sources(connection, publisher=publisher,
                                 kind=kind.value if kind else None)
            redactor = person_redactor(connection)
            rows = [_listed(x, redactor) for x in found]
            caller = principal(connection, as_user, token)
        log_export(engine, caller, "sources", fmt, len(rows))
    render(rows, fmt, title="Sources", columns=LIST_COLUMNS)


def _shown_persons(persons: list[dict], redactor: Redactor) -> list[dict]:
    if not redactor.active:
        return persons
    return [{**p, "name": (p["pseudonym"] or "[protected]") if p["protected"] else p["name"],
             "descriptions": [redactor.text(d) for d in p["descriptions"]]} for p in persons]


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
            text = checked_reason(reason)
        except AccessError as exc:
            raise typer.BadParameter(str(exc), param_hint="--reason") from None
    with open_engine(db) as engine:
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
        if unredacted and not may_unredact(caller.role):
            log_event(engine, caller, "unredacted_denied", f"source:{source_id}", text,
                      {"via": "cli"})
            require_unredact(caller)
        with engine.begin() as connection:
            source = get_source(connection, source_id)
            persons = source_persons(connection, [source_id]).get(source_id, [])
            if unredacted:   # logged before anything is shown, in the same transaction
                append_entry(connection, caller, "unredacted_view", f"source:{source_id}", text,
                             {"via": "cli", "format": fmt.value})
                redactor = Redactor.identity()
            else:
                redactor = person_redactor(connection)
        if not unredacted:
            log_export(engine, caller, f"source:{source_id}", fmt, 1)
    record = redactor.deep({
        "id": source.id, "kind": source.kind, "publisher": source.publisher,
        "reliability": source.reliability, "credibility": source.credibility,
        "grade": source.grade, "author": source.author, "published_at": source.published_at,
        "language": source.language, "url": source.url, "retrieved_at": source.retrieved_at,
        "ingested_at": source.ingested_at, "original_name": source.original_name,
        "blob_sha256": source.blob_sha256, "item_key": source.item_key, "text": source.text,
        "persons": _shown_persons(persons, redactor), "meta": source.meta,
    })
    if fmt is Format.table:
        render([{"field": k, "value": v} for k, v in record.items()], fmt,
               title=f"Source {source.id}")
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
        with engine.connect() as connection:
            total = count_blobs(connection)
            redactor = person_redactor(connection)   # a file may be named after a person
        with progress_bar("Re-hashing", total, quiet) as advance:
            rows = verify_integrity(engine, on_progress=advance)
    problems = [redactor.deep(r) for r in rows if r["status"] != "ok"]
    if problems or fmt is not Format.table:   # people get no empty table; scripts get [] / a header
        render(problems, fmt, title="Files missing or changed",
               columns=["sha256", "original_name", "path", "status", "found_sha256"])
    if not quiet:
        missing = sum(r["status"] == "missing" for r in rows)
        err_console.print(f"{len(rows)} files checked: {len(rows) - len(problems)} ok, "
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
        if chosen is None:
            value = get_reliability(connection, publisher)
            typer.echo(f"{publisher}: {value} ({RELIABILITY[value]})")
            return
        set_reliability(connection, publisher, chosen)
    err_console.print(f"{publisher}: reliability {chosen} ({RELIABILITY[chosen]}).", markup=False)

