"""``frontcheck persons``: persons named in sources, and their protection."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from frontcheck.cli.output import DbOption, Format, FormatOption, err_console, render
from frontcheck.sources.persons import REASONS, suggest_protected
from frontcheck.store.engine import open_engine
from frontcheck.store.persons import find_person, list_persons, protect_person
from frontcheck.store.sources import list_sources

app = typer.Typer(help="Persons named in sources: speakers, interviewees, people mentioned; "
                       "protection of prisoners, detainees and minors.", no_args_is_help=True)

Reason = Enum("Reason", {r: r for r in REASONS}, type=str)


@app.command("list")
def list_command(fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """Persons named in sources: id, name, protection, pseudonym, roles, number of sources.

    Example: frontcheck persons list --format json
    """
    with open_engine(db) as engine, engine.connect() as connection:
        rows = list_persons(connection)
    render(rows, fmt, title="Persons",
           columns=["id", "name", "protected", "reason", "pseudonym", "roles", "sources",
                    "descriptions"])


@app.command("protect")
def protect(
    id_or_name: Annotated[str, typer.Argument(metavar="ID-OR-NAME", help="Person id (see `persons list`) or exact name.")],
    reason: Annotated[Reason, typer.Option("--reason", help="Why: prisoner of war, detainee, minor, or the user's own call.")] = Reason.user,
    db: DbOption = None,
) -> None:
    """Protect a person: flag them and give a stable pseudonym (POW-1, DETAINEE-1, MINOR-1, PERSON-1).

    Example: frontcheck persons protect 3 --reason pow

    A name not yet in the ledger is added, so that a person can be protected before any source
    names them. A person keeps the first pseudonym given. Redaction by pseudonym is applied
    where records are shown or exported.
    """
    with open_engine(db) as engine, engine.begin() as connection:
        person = protect_person(connection, id_or_name, reason.value)
    err_console.print(f"Person {person['id']} protected as {person['pseudonym']} "
                      f"({person['protected_reason']}).", markup=False)


@app.command("suggest")
def suggest(fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """Persons the sources describe as prisoners of war, detainees or minors, with the evidence.

    Example: frontcheck persons suggest

    Looks at each person's description, the sentences naming them and, for a speaker, the
    title (in English, Russian and Ukrainian: "prisoner of war", "военнопленный",
    "потрапив у полон" ...). `sources ingest` protects these unless --no-protect; protect
    others with `frontcheck persons protect`.
    """
    with open_engine(db) as engine, engine.connect() as connection:
        suggestions = suggest_protected(list_sources(connection))
        rows = []
        for suggestion in suggestions:
            person = find_person(connection, suggestion.name) or {}
            rows.append({"person_id": person.get("id"), "name": suggestion.name,
                         "reason": suggestion.reason, "evidence": suggestion.evidence,
                         "protected": bool(person.get("protected")),
                         "pseudonym": person.get("pseudonym") or ""})
    render(rows, fmt, title="Suggested for protection",
           columns=["person_id", "name", "reason", "evidence", "protected", "pseudonym"])
