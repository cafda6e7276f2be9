"""``frontcheck tokens``: API tokens for ``frontcheck serve``, shown once, stored hashed."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from frontcheck.app import users as jobs
from frontcheck.app.engine import open_engine
from frontcheck.cli.identity import AsUserOption, ReasonOption, TokenOption, admin
from frontcheck.cli.output import DbOption, Format, FormatOption, err_console, render

app = typer.Typer(help="API tokens: sent as 'Authorization: Bearer TOKEN' to `frontcheck "
                       "serve`; stored only as salted hashes.", no_args_is_help=True)


@app.command("create")
def create(
    user: Annotated[str, typer.Argument(metavar="USER", help="The user the token acts as.")],
    label: Annotated[str, typer.Option("--label", help="What the token is for (shown by "
                                                       "`tokens list`).")] = "",
    as_user: AsUserOption = None, token: TokenOption = None, db: DbOption = None,
) -> None:
    """Create a token for a user and print it, once: it cannot be shown again.

    Example: frontcheck tokens create alice --label laptop

    The token goes to stdout (the only output), its id to stderr; `tokens revoke ID` ends
    it. Only an admin may create tokens once the store has users (--as-user or --token).
    """
    with open_engine(db) as engine, engine.begin() as connection:
        caller = admin(connection, as_user, token)
        secret, row = jobs.new_token(connection, caller, user, label)
    typer.echo(secret)
    err_console.print(f"Token {row.id} for {row.user} ({row.role}); it is shown only "
                      "this once.", markup=False)


@app.command("revoke")
def revoke(
    token_id: Annotated[str, typer.Argument(metavar="ID", help="Token id (see `tokens list`).")],
    reason: ReasonOption = None,
    as_user: AsUserOption = None, token: TokenOption = None, db: DbOption = None,
) -> None:
    """Revoke a token by its id: the API refuses it from the next request.

    Example: frontcheck tokens revoke Ab12Cd34Ef56 --reason "laptop lost"
    """
    with open_engine(db) as engine, engine.begin() as connection:
        caller = admin(connection, as_user, token)
        row = jobs.revoke(connection, caller, token_id, reason or "")
    err_console.print(f"Token {row.id} of {row.user} revoked.", markup=False)


@app.command("list")
def list_command(fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """Tokens: id, user, role, label, created, revoked (never the token itself).

    Example: frontcheck tokens list
    """
    with open_engine(db) as engine, engine.connect() as connection:
        rows = [asdict(t) for t in jobs.tokens(connection)]
    render(rows, fmt, title="API tokens",
           columns=["id", "user", "role", "label", "created_at", "revoked_at"])
