"""``frontcheck persons``: persons named in sources, and their protection."""

from __future__ import annotations

from dataclasses import asdict
from enum import Enum
from typing import Annotated

import typer

from frontcheck.app import sources as jobs
from frontcheck.app.engine import open_engine
from frontcheck.cli.identity import (
    AsUserOption,
    ReasonOption,
    TokenOption,
    admin,
    export_of,
    principal,
)
from frontcheck.cli.output import DbOption, Format, FormatOption, err_console, render
from frontcheck.sources.persons import REASONS

app = typer.Typer(help="Persons named in sources: speakers, interviewees, people mentioned; "
                       "protection of prisoners, detainees and minors.", no_args_is_help=True)

Reason = Enum("Reason", {r: r for r in REASONS}, type=str)  # type: ignore[misc]  # members from the core's names
PersonArgument = Annotated[str, typer.Argument(metavar="ID-OR-NAME",
                                               help="Person id (see `persons list`) or exact name.")]


@app.command("list")
def list_command(fmt: FormatOption = Format.table, as_user: AsUserOption = None,
                 token: TokenOption = None, db: DbOption = None) -> None:
    """Persons named in sources: id, name, protection, pseudonym, roles, number of sources.

    Example: frontcheck persons list --format json

    A protected person is listed by pseudonym, and every description is redacted. JSON and
    CSV output is logged in the audit log as an export.
    """
    with open_engine(db) as engine, engine.connect() as connection:
        caller = principal(connection, as_user, token)
        rows = [asdict(r) for r in jobs.persons(connection, caller, export_of(fmt))]
    render(rows, fmt, title="Persons",
           columns=["id", "name", "protected", "reason", "pseudonym", "roles", "sources",
                    "descriptions"])


@app.command("protect")
def protect(
    id_or_name: PersonArgument,
    reason: Annotated[Reason, typer.Option("--reason", help="Why: prisoner of war, detainee, minor, or the user's own call.")] = Reason["user"],
    as_user: AsUserOption = None, token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """Protect a person: flag them and give a stable pseudonym (POW-1, DETAINEE-1, MINOR-1, PERSON-1).

    Example: frontcheck persons protect 3 --reason pow

    A name not yet in the ledger is added, so that a person can be protected before any source
    names them. A person keeps the first pseudonym given. Redaction by pseudonym is applied
    where records are shown or exported. Once the store has users, only an admin may
    (--as-user or --token); the change is logged in the audit log.
    """
    with open_engine(db) as engine, engine.begin() as connection:
        caller = admin(connection, as_user, token)
        person = jobs.protect(connection, caller, id_or_name, reason.value)
    err_console.print(f"Person {person.id} protected as {person.pseudonym} "
                      f"({person.protected_reason}).", markup=False)


@app.command("unprotect")
def unprotect(
    person_id: Annotated[int, typer.Argument(metavar="ID", help="Person id (see `persons list`).")],
    reason: ReasonOption = None,
    as_user: AsUserOption = None, token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """Lift a person's protection: their name shows again everywhere (admins, with a reason).

    Example: frontcheck persons unprotect 4 --reason "public official, not a detainee" --as-user alice

    The pseudonym is kept for the person, should they be protected again. Logged in the audit
    log with the reason.
    """
    with open_engine(db) as engine, engine.begin() as connection:
        caller = admin(connection, as_user, token)
        person = jobs.unprotect(connection, caller, person_id, reason or "")
    err_console.print(f"Person {person.id} ({person.pseudonym}) is no longer protected.",
                      markup=False)


@app.command("set-details")
def set_details(
    id_or_name: PersonArgument,
    home_town: Annotated[str | None, typer.Option("--home-town", help="Home town, in any script.")] = None,
    unit: Annotated[list[str] | None, typer.Option("--unit", help="Military unit as written, e.g. 'в/ч 55555' (repeatable).")] = None,
    relative: Annotated[list[str] | None, typer.Option("--relative", help="A relative's name (repeatable).")] = None,
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Another spelling or name the person goes by (repeatable).")] = None,
    identifier: Annotated[list[str] | None, typer.Option("--identifier", help="Any other identifying string, redacted as written (repeatable).")] = None,
    as_user: AsUserOption = None, token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """Record identifying details of a person, which redaction hides while they are protected.

    Example: frontcheck persons set-details POW-1 --home-town Hamhung --unit "Storm Corps" --relative "Ri Myong-suk"

    The home town is hidden in both scripts and every case form, relatives' names as names,
    the unit as written and any number of four digits or more in it. An option given replaces
    that detail; an empty value ("") removes it. Admins only once the store has users; logged
    (the keys changed, never the values).
    """
    values = {key: value for key, value in (
        ("home_town", home_town), ("unit", unit), ("relatives", relative), ("aliases", alias),
        ("identifiers", identifier)) if value is not None}
    values = {k: ([x for x in v if x.strip()] if isinstance(v, list) else v.strip())
              for k, v in values.items()}
    if not values:
        raise typer.BadParameter("give at least one of --home-town, --unit, --relative, "
                                 "--alias, --identifier", param_hint="--home-town")
    with open_engine(db) as engine, engine.begin() as connection:
        caller = admin(connection, as_user, token)
        person = jobs.set_details(connection, caller, id_or_name, values)
    err_console.print(f"Person {person.id}"
                      + (f" ({person.pseudonym})" if person.pseudonym else "")
                      + f": {', '.join(sorted(values))} recorded.", markup=False)


@app.command("suggest")
def suggest(fmt: FormatOption = Format.table, as_user: AsUserOption = None,
            token: TokenOption = None, db: DbOption = None) -> None:
    """Persons the sources describe as prisoners of war, detainees or minors, with the evidence.

    Example: frontcheck persons suggest

    Looks at each person's description, the sentences naming them and, for a speaker, the
    title (in English, Russian and Ukrainian: "prisoner of war", "военнопленный",
    "потрапив у полон" ...). `sources ingest` protects these unless --no-protect; protect
    others with `frontcheck persons protect`. Persons protected already are shown by
    pseudonym, their evidence redacted; the others by name, for review.
    """
    with open_engine(db) as engine, engine.connect() as connection:
        caller = principal(connection, as_user, token)
        rows = [asdict(r) for r in jobs.suggested_protections(connection, caller,
                                                              export_of(fmt))]
    render(rows, fmt, title="Suggested for protection",
           columns=["person_id", "name", "reason", "evidence", "protected", "pseudonym"])
