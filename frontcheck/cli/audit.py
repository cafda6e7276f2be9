"""``frontcheck audit``: the append-only, hash-chained log of unredacted views, protection
changes, role changes and exports."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from frontcheck.app.engine import open_engine
from frontcheck.app.protection import audit_entries, audit_status
from frontcheck.cli.output import DbOption, Format, FormatOption, err_console, render

app = typer.Typer(help="The audit log: every unredacted view, protection change, role change "
                       "and export, each entry hash-chained to the one before.",
                  no_args_is_help=True)

COLUMNS = ["seq", "at", "actor", "role", "action", "target", "reason", "detail", "hash"]


@app.command("show")
def show(
    since: Annotated[int, typer.Option("--since", min=0, help="Only entries after this "
                                                              "sequence number.")] = 0,
    fmt: FormatOption = Format.table, db: DbOption = None,
) -> None:
    """The audit log's entries in order: when, who, what, on which item, why.

    Example: frontcheck audit show --format json

    Reasons are shown redacted like any other text (an analyst may have named the person).
    """
    with open_engine(db) as engine, engine.connect() as connection:
        rows = [asdict(r) for r in audit_entries(connection, since)]
    if fmt is Format.table:
        rows = [{**r, "hash": r["hash"][:12] + "…"} for r in rows]
    render(rows, fmt, title="Audit log", columns=COLUMNS + (["prev_hash"] if fmt is not Format.table else []))


@app.command("verify")
def verify(
    expect_head: Annotated[str | None, typer.Option(
        "--expect-head", metavar="SHA256", help="A head hash noted earlier (printed by this "
                                               "command): fail unless it is still in the chain.")] = None,
    db: DbOption = None,
) -> None:
    """Check the audit chain: exit 1 naming the first entry edited or deleted.

    Example: frontcheck audit verify

    Re-hashes every entry with the one before it and compares with the stored hashes, the
    sequence numbers and the head. Prints the head hash: note it somewhere else and pass it
    with --expect-head later, which also catches a chain rewritten from some entry on.
    """
    with open_engine(db) as engine, engine.connect() as connection:
        status = audit_status(connection, expect_head)
    if not status.intact:
        err_console.print(f"Error: {status.problem}", markup=False)
        raise typer.Exit(1)
    count = status.entries
    err_console.print(f"Audit log intact: {count} entr{'y' if count == 1 else 'ies'}; head "
                      f"{status.head or 'none (empty log)'}.", markup=False)
