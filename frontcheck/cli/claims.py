"""``frontcheck claims``: import curated claims, extract claims from text, list them."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer

from frontcheck.app import claims as jobs
from frontcheck.app.engine import open_engine
from frontcheck.claims.curated import read_curated_claims
from frontcheck.claims.model import CLAIM_TYPES
from frontcheck.cli.claims_extract import extract
from frontcheck.cli.control import ensure_timelines, parse_date
from frontcheck.cli.identity import AsUserOption, TokenOption, export_of, principal
from frontcheck.cli.output import DbOption, Format, FormatOption, QuietOption, err_console, render
from frontcheck.errors import InputError

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
        claims, new = jobs.import_curated(engine, rows)
    if not quiet:
        unresolved = [c.id for c in claims if not (c.place and c.place.id)]
        err_console.print(f"{len(claims)} claims: {new} new, {len(claims) - new} already stored"
                          + (f"; place unresolved or ambiguous: {', '.join(unresolved)}"
                             if unresolved else "") + ".", markup=False)


@app.command("list")
def list_command(
    type: Annotated[str | None, typer.Option("--type", help=f"One of {', '.join(CLAIM_TYPES)}.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Settlement name or id.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="russia, ukraine, dprk or a unit.")] = None,
    since: Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")] = None,
    tracker: Annotated[str, typer.Option("--tracker", help="Tracker whose history gives the verdicts.")] = "deepstate",
    fmt: FormatOption = Format.table,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """Stored claims, filtered, each with where it was read and (territorial) its verdict.

    Example: frontcheck claims list --type territorial --place Pokrovsk --format json

    Protected persons appear by pseudonym (claimants, quotes, fields), their details not at
    all. JSON and CSV output is logged in the audit log as an export.
    """
    if type is not None and type not in CLAIM_TYPES:
        raise typer.BadParameter(f"{type!r} is not one of {', '.join(CLAIM_TYPES)}", param_hint="--type")
    where = jobs.ClaimFilter(type=type, place=place, actor=actor,
                             since=parse_date(since, "--from"), until=parse_date(until, "--to"))
    with open_engine(db) as engine:
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
            records = jobs.list_claims(connection, caller, where, tracker=tracker,
                                       export=export_of(fmt))
    if fmt is Format.table:
        render([{"id": r.id, "type": r.type, "claim_date": r.claim_date,
                 "claimant": r.claimant[:40], "actor": r.actor, "action": r.action,
                 "place": (r.place.name or r.place.mention) if r.place else "",
                 "place_id": r.place.id if r.place else None, "negated": r.negated,
                 "verdict": r.verdict.verdict if r.verdict else ""}
                for r in records], fmt)
    elif fmt is Format.csv:
        # one value per cell: the verdict's evidence (a dated trace of the timeline) is left
        # to the JSON output, as `verify --format csv` does
        render([_without_evidence(asdict(r)) for r in records], fmt)
    else:
        render([asdict(r) for r in records], fmt)


def _without_evidence(record: dict) -> dict:
    verdict = record.get("verdict")
    if isinstance(verdict, dict):
        record["verdict"] = {k: v for k, v in verdict.items() if k != "evidence"}
    return record
