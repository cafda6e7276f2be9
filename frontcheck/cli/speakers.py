"""``frontcheck sources alias add|remove|list``: one identity per speaker, whatever the
language or spelling of its name (claimants and publishers)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from frontcheck.app.engine import open_engine
from frontcheck.app.identities import add_alias, list_identities, remove_alias
from frontcheck.cli.identity import AsUserOption, TokenOption, principal
from frontcheck.cli.output import DbOption, Format, FormatOption, err_console, render

app = typer.Typer(help="Speaker identities: the names of one claimant or publisher (Russian "
                       "MoD, Минобороны России, Міноборони Росії) merged into one record.",
                  no_args_is_help=True)

NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="A claimant's or publisher's name as written.")]


@app.command("list")
def list_command(
    merged: Annotated[bool, typer.Option("--merged", help="Only identities with more than one name.")] = False,
    fmt: FormatOption = Format.table, as_user: AsUserOption = None, token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """Each identity the stored claimants and publishers belong to, with its names and how
    each was merged (own, normalised, curated, manual).

    Example: frontcheck sources alias list --merged

    Names equal once normalised are merged, and so are those of the shipped alias list
    (frontcheck/data/speaker_aliases.csv, with its sources); the rest only by `alias add`.
    """
    with open_engine(db) as engine, engine.connect() as connection:
        records = list_identities(connection, principal(connection, as_user, token), merged)
    if fmt is Format.table:
        render([{"identity": r.identity, "claims": r.claims, "sources": r.sources,
                 "names": "; ".join(f"{n.name} [{n.origin}]" for n in r.names)}
                for r in records], fmt, title="Speaker identities")
    else:
        render([{**asdict(r), "names": [asdict(n) for n in r.names]} for r in records], fmt)


@app.command("add")
def add_command(alias: NameArgument,
                identity: Annotated[str, typer.Argument(metavar="IDENTITY", help="A name of the identity to join.")],
                as_user: AsUserOption = None, token: TokenOption = None,
                db: DbOption = None) -> None:
    """Merge the speaker NAME into the identity IDENTITY names: their track records become one.

    Example: frontcheck sources alias add "Russia" "Russian Ministry of Defence"

    Logged in the audit log. Undo with `alias remove NAME`.
    """
    with open_engine(db) as engine:
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
        joined = add_alias(engine, caller, alias, identity)
    err_console.print(f"The name is now one of {joined}'s.", markup=False)


@app.command("remove")
def remove_command(alias: NameArgument, as_user: AsUserOption = None, token: TokenOption = None,
                   db: DbOption = None) -> None:
    """Split the speaker NAME from the identity it was merged into (by hand or by the shipped
    list): it gets its own track record again.

    Example: frontcheck sources alias remove "Russian MoD"
    """
    with open_engine(db) as engine:
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
        left = remove_alias(engine, caller, alias)
    err_console.print(f"The name is no longer one of {left}'s." if left != alias.strip()
                      else "The name was not merged into another identity.", markup=False)
