"""``frontcheck users``: who may use the API, and with which role."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from frontcheck.app import users as jobs
from frontcheck.app.engine import open_engine
from frontcheck.cli.identity import AsUserOption, ReasonOption, TokenOption, admin
from frontcheck.cli.output import DbOption, Format, FormatOption, err_console, render
from frontcheck.protect.roles import Role, checked_reason

app = typer.Typer(help="Users and their roles: viewer (always redacted), analyst (may ask for "
                       "one item unredacted, with a reason), admin (manages users, tokens and "
                       "protection).", no_args_is_help=True)

RoleOption = Annotated[Role, typer.Option("--role", help="viewer, analyst or admin.")]
NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="User name.")]


@app.command("add")
def add(name: NameArgument, role: RoleOption, as_user: AsUserOption = None,
        token: TokenOption = None, db: DbOption = None) -> None:
    """Add a user with a role; then give them a token with `frontcheck tokens create NAME`.

    Example: frontcheck users add alice --role admin

    The first user of a store must be an admin; after that only an admin may add users
    (--as-user ADMIN or --token). Logged in the audit log.
    """
    with open_engine(db) as engine, engine.begin() as connection:
        caller = admin(connection, as_user, token)
        user = jobs.add(connection, caller, name, role)
    err_console.print(f"User {user.name} added as {user.role}; give them a token with "
                      f"`frontcheck tokens create {user.name}`.", markup=False)


@app.command("set-role")
def set_role_command(name: NameArgument, role: RoleOption, reason: ReasonOption = None,
                     as_user: AsUserOption = None, token: TokenOption = None,
                     db: DbOption = None) -> None:
    """Change a user's role (an admin, with a reason; logged with the old and new role).

    Example: frontcheck users set-role bob --role analyst --reason "joins the POW desk" --as-user alice
    """
    checked_reason(reason)     # a bad reason is refused before the store is opened
    with open_engine(db) as engine, engine.begin() as connection:
        caller = admin(connection, as_user, token)
        user = jobs.change_role(connection, caller, name, role, reason)
    err_console.print(f"User {user.name} is now {user.role}.", markup=False)


@app.command("list")
def list_command(fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """Users: name, role, when added, number of active tokens.

    Example: frontcheck users list --format json
    """
    with open_engine(db) as engine, engine.connect() as connection:
        rows = [asdict(u) for u in jobs.users(connection)]
    render(rows, fmt, title="Users", columns=["name", "role", "created_at", "active_tokens"])
