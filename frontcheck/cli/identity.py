"""Who runs a command: ``--as-user NAME`` or ``--token TOKEN``, for the audit log and for the
commands only some roles may run.

The command line reads the store file directly, so whoever can read that file can read
everything in it: identity here is for accountability (the audit log says who saw what, and
why), not a lock. Protect the store file with the file system; the API is where roles are
enforced against outsiders. A store without users is run by the operating-system user as its
admin; once users exist, admin commands need ``--as-user`` or ``--token`` naming an admin.
"""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy import Connection, Engine

from frontcheck.app.protection import CallerRequired, Export, admin_of, caller_of
from frontcheck.app.protection import log_export as log_export_job
from frontcheck.cli.output import Format
from frontcheck.protect.roles import Principal

__all__ = ["AsUserOption", "TokenOption", "ReasonOption", "principal", "admin", "log_export",
           "export_of"]

AsUserOption = Annotated[str | None, typer.Option(
    "--as-user", metavar="NAME", envvar="FRONTCHECK_USER",
    help="Act as this user (see `frontcheck users list`); the audit log names them.",
    rich_help_panel="Identity")]
TokenOption = Annotated[str | None, typer.Option(
    "--token", metavar="TOKEN", envvar="FRONTCHECK_TOKEN", show_envvar=True,
    help="Act as the user this API token belongs to.", rich_help_panel="Identity")]
ReasonOption = Annotated[str | None, typer.Option(
    "--reason", help="Why (required; written to the audit log).", rich_help_panel="Identity")]


def principal(connection: Connection, as_user: str | None, token: str | None,
              required: bool = False) -> Principal:
    """The caller: the token's user, else the named user, else (no users in the store, or
    not ``required``) the operating-system user."""
    try:
        return caller_of(connection, as_user, token, required)
    except CallerRequired as exc:
        raise typer.BadParameter(str(exc), param_hint="--as-user/--token") from None


def admin(connection: Connection, as_user: str | None, token: str | None) -> Principal:
    """The caller, who must be an admin once the store has users."""
    try:
        return admin_of(connection, as_user, token)
    except CallerRequired as exc:
        raise typer.BadParameter(str(exc), param_hint="--as-user/--token") from None


def export_of(fmt: Format) -> Export | None:
    """How records printed in ``fmt`` leave: JSON and CSV are exports (logged), a table is
    for reading on screen (not logged)."""
    return None if fmt is Format.table else Export("cli", fmt.value)


def log_export(engine: Engine, caller: Principal, what: str, fmt: Format, records: int,
               redacted: bool = True) -> None:
    """Log a ``--format json|csv`` output of persons, sources or claims as an export (a table
    is for reading on screen and is not logged). Logged before the records are written."""
    log_export_job(engine, caller, what, export_of(fmt), records, redacted)
