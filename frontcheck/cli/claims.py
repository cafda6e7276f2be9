"""``frontcheck claims``: import curated claims, extract claims from text, list them."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer

from frontcheck.claims.curated import read_curated_claims
from frontcheck.claims.model import CLAIM_TYPES, Claim
from frontcheck.cli.claims_extract import extract
from frontcheck.cli.control import parse_date
from frontcheck.cli.identity import AsUserOption, TokenOption, log_export, principal
from frontcheck.cli.output import DbOption, Format, FormatOption, QuietOption, err_console, render
from frontcheck.errors import InputError
from frontcheck.store.claims import insert_claims, list_claims
from frontcheck.store.engine import open_engine
from frontcheck.store.persons import person_redactor
from frontcheck.store.places import ensure_places, find_places
from frontcheck.store.verify import curated_claims

app = typer.Typer(help="Claims: curated imports, extraction from sources, listing.",
                  no_args_is_help=True)
app.command("extract")(extract)


@app.command("import")
def import_claims(
    path: Annotated[Path, typer.Argument(help="CSV: claim_id,claim_date,claimant,claimed_actor,"
                                              "action,settlement,settlement_local,oblast,"
                                              "source_url,source_quote,notes")],
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Import claims curated by hand; settlements are resolved with the places layer.

    Example: frontcheck claims import ../shared/data/claims-dev/claims.csv

    The whole file is checked before anything is stored; a claim id already stored is skipped.
    """
    if not path.is_file():
        raise InputError(str(path), "no such file")
    rows = read_curated_claims(path.read_bytes(), str(path),
                               latest=date.today() + timedelta(days=1))
    with open_engine(db) as engine:
        ensure_places(engine)
        with engine.begin() as connection:
            claims = curated_claims(connection, rows)
            new = insert_claims(connection, claims)
    if not quiet:
        unresolved = [c.id for c in claims if not (c.place and c.place.id)]
        err_console.print(f"{len(claims)} claims: {new} new, {len(claims) - new} already stored"
                          + (f"; place unresolved or ambiguous: {', '.join(unresolved)}"
                             if unresolved else "") + ".", markup=False)


def claim_record(claim: Claim) -> dict:
    """A claim as the JSON object ``claims list`` prints."""
    record = asdict(claim)
    record["span"] = list(claim.span) if claim.span else None
    return record


@app.command("list")
def list_command(
    type: Annotated[str | None, typer.Option("--type", help=f"One of {', '.join(CLAIM_TYPES)}.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Settlement name or id.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="russia, ukraine, dprk or a unit.")] = None,
    since: Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")] = None,
    fmt: FormatOption = Format.table,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """Stored claims, filtered.

    Example: frontcheck claims list --type territorial --place Pokrovsk --format json

    Protected persons appear by pseudonym (claimants, quotes, fields), their details not at
    all. JSON and CSV output is logged in the audit log as an export.
    """
    if type is not None and type not in CLAIM_TYPES:
        raise typer.BadParameter(f"{type!r} is not one of {', '.join(CLAIM_TYPES)}", param_hint="--type")
    start, end = parse_date(since, "--from"), parse_date(until, "--to")
    with open_engine(db) as engine:
        with engine.connect() as connection:
            place_ids = None
            if place:
                place_ids = [p["id"] for p in find_places(connection, place)] or [place]
            claims = list_claims(connection, type=type, place_ids=place_ids, actor=actor,
                                 since=start, until=end)
            redactor = person_redactor(connection)
            caller = principal(connection, as_user, token)
        log_export(engine, caller, "claims", fmt, len(claims))
    if fmt is Format.table:
        render([redactor.deep({"id": c.id, "type": c.type, "claim_date": c.claim_date,
                               "claimant": redactor.text(c.claimant)[:40],
                               "actor": c.actor, "action": c.action,
                               "place": (c.place.name or c.place.mention) if c.place else "",
                               "place_id": c.place.id if c.place else None,
                               "negated": c.negated})
                for c in claims], fmt)
    else:
        render([redactor.deep(claim_record(c)) for c in claims], fmt)
