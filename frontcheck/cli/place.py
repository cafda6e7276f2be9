"""``frontcheck place``: load the gazetteer and find the settlement a mention means."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from frontcheck.app import places as jobs
from frontcheck.app.engine import open_engine
from frontcheck.cli.control import _progress, _said_refreshed, parse_date
from frontcheck.cli.output import DbOption, Format, FormatOption, QuietOption, err_console, render
from frontcheck.errors import InputError

app = typer.Typer(no_args_is_help=True)


@app.callback()
def place() -> None:
    """Places: the gazetteer, and which settlement a mention means."""

PathArgument = Annotated[
    Path | None,
    typer.Argument(help="Gazetteer CSV (default: $FRONTCHECK_GAZETTEER, else "
                        "shared/data/gazetteer/gazetteer.csv beside the clone).",
                   show_default=False),
]


@app.command("load")
def load(path: PathArgument = None, db: DbOption = None, quiet: QuietOption = False) -> None:
    """Load the gazetteer's places and every name form into the store (idempotent).

    Example: frontcheck place load ../shared/data/gazetteer/gazetteer.csv

    The same file loaded twice changes nothing ("0 new"); a bad file changes nothing and
    the error names its line and column.
    """
    def said(counts: jobs.GazetteerLoad) -> None:
        if not quiet:
            err_console.print(f"{counts.rows:,} places loaded ({counts.new:,} new, "
                              f"{counts.already_stored:,} already stored)", markup=False)

    with open_engine(db) as engine:
        jobs.load_places(engine, jobs.gazetteer_path(path), progress=_progress(quiet),
                         on_refreshed=None if quiet else _said_refreshed, on_loaded=said)


#: Columns of ``place search`` output, in order (also the JSON keys).
SEARCH_COLUMNS = ("id", "name", "name_uk", "name_ru", "oblast", "raion", "lon", "lat", "score",
                  "reason")


def _point(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    try:
        lon, lat = (float(part) for part in text.split(","))
    except ValueError:
        raise typer.BadParameter("give LON,LAT in degrees, e.g. 37.18,48.28",
                                 param_hint="--near") from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise typer.BadParameter(f"{text} is not a longitude,latitude pair (lon first)",
                                 param_hint="--near")
    return lon, lat


TextArgument = Annotated[str, typer.Argument(
    help="The mention as written: a name in any script or case form, or a phrase such as "
         "'под Красноармейском' or 'Novoselivka, Kharkiv Oblast'.")]
OblastOption = Annotated[str | None, typer.Option(
    "--oblast", help="Only this oblast: 'Donetsk', 'Donetsk Oblast', 'Донецька'...",
    rich_help_panel="Evidence")]
NearOption = Annotated[str | None, typer.Option(
    "--near", metavar="LON,LAT", help="Prefer places near this point (degrees, lon first).",
    rich_help_panel="Evidence")]
OnOption = Annotated[str | None, typer.Option(
    "--on", metavar="DATE",
    help="Claim date: prefer places near the occupied area of the latest stored control "
         "snapshot on or before it.", rich_help_panel="Evidence")]
LimitOption = Annotated[int, typer.Option("--limit", min=1, max=1000,
                                          help="At most this many candidates.")]


@app.command("search")
def search(text: TextArgument, oblast: OblastOption = None, near: NearOption = None,
           on: OnOption = None, fmt: FormatOption = Format.table, limit: LimitOption = 10,
           db: DbOption = None, quiet: QuietOption = False) -> None:
    """Ranked settlements a mention may mean, each with a score and the reason.

    Example: frontcheck place search "под Красноармейском" --format json

    Handles spellings and scripts (Kupyansk, Куп'янськ), case forms ("у Покровську"),
    former names (Artemovsk) and axes ("на Покровском направлении" is an axis, not a claim
    about the town). Homonyms (76 Novoselivkas) are ranked by the oblast, raion and other
    places the text names, --near and --on; when that does not settle it, several
    candidates come back with low scores. Loads the gazetteer first if the store has none.
    """
    point = _point(near)
    claim_date = parse_date(on, "--on")
    with open_engine(db) as engine:
        if not jobs.ensure_gazetteer(engine):
            raise InputError(None, "the store has no places and no gazetteer was found; run "
                             "frontcheck place load PATH")
        with engine.connect() as connection:
            resolution = jobs.search(connection, text, oblast=oblast, near=point, on=claim_date,
                                     limit=limit)
    rows = [asdict(c) for c in resolution.candidates]
    if not resolution.front_known:
        err_console.print(f"warning: no control snapshot on or before {claim_date} "
                          "in the store; --on is not used", markup=False)
    if not quiet:
        kind = {"none": "no candidates", "axis": "axis"}.get(resolution.kind, "settlement")
        note = "; ambiguous" if resolution.ambiguous else ""
        err_console.print(f"{kind}{note}: {resolution.reason}", markup=False)
    render(rows, fmt, columns=SEARCH_COLUMNS)
