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

from frontcheck.cli.output import Format
from frontcheck.protect.roles import AccessError, Principal, require_manager
from frontcheck.protect.tokens import TokenError
from frontcheck.store.audit import local_principal, log_event
from frontcheck.store.users import authenticate_token, count_users, principal_of_user

__all__ = ["AsUserOption", "TokenOption", "ReasonOption", "principal", "admin", "log_export"]

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
    if token:
        try:
            return authenticate_token(connection, token.strip())
        except TokenError as exc:
            raise AccessError(f"--token: {exc}") from None
    if as_user:
        return principal_of_user(connection, as_user, "as-user")
    if required:
        raise typer.BadParameter("this needs --as-user NAME or --token TOKEN (or "
                                 "$FRONTCHECK_TOKEN)", param_hint="--as-user/--token")
    return local_principal()


def admin(connection: Connection, as_user: str | None, token: str | None) -> Principal:
    """The caller, who must be an admin once the store has users."""
    if count_users(connection) == 0 and not (as_user or token):
        return local_principal()
    caller = principal(connection, as_user, token, required=True)
    require_manager(caller)
    return caller


def log_export(engine: Engine, caller: Principal, what: str, fmt: Format, records: int,
               redacted: bool = True) -> None:
    """Log a ``--format json|csv`` output of persons, sources or claims as an export (a table
    is for reading on screen and is not logged). Logged before the records are written."""
    if fmt is Format.table:
        return
    log_event(engine, caller, "export", what,
              detail={"format": fmt.value, "records": records, "redacted": redacted,
                      "via": "cli"})
