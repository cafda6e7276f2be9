"""``frontcheck place``: load the gazetteer and find the settlement a mention means."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontcheck.cli.control import parse_date, refresh_all_timelines
from frontcheck.cli.output import DbOption, Format, FormatOption, QuietOption, err_console, render
from frontcheck.errors import InputError
from frontcheck.store.engine import open_engine
from frontcheck.store.places import (
    ENV_GAZETTEER,
    candidate_rows,
    default_gazetteer_path,
    ensure_places,
    front_distance,
    load_gazetteer,
    place_index,
    resolve_in_store,
)

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


def _gazetteer_path(path: Path | None) -> Path:
    path = path or default_gazetteer_path()
    if path is None:
        raise InputError(None, "no gazetteer found; give its path or set "
                         f"${ENV_GAZETTEER}")
    return path


@app.command("load")
def load(path: PathArgument = None, db: DbOption = None, quiet: QuietOption = False) -> None:
    """Load the gazetteer's places and every name form into the store (idempotent).

    Example: frontcheck place load ../shared/data/gazetteer/gazetteer.csv

    The same file loaded twice changes nothing ("0 new"); a bad file changes nothing and
    the error names its line and column.
    """
    path = _gazetteer_path(path)
    with open_engine(db) as engine:
        counts = load_gazetteer(engine, path, require_places=True)
        if not quiet:
            err_console.print(f"{counts['rows']:,} places loaded ({counts['new']:,} new, "
                              f"{counts['already_stored']:,} already stored)", markup=False)
        if counts["new"]:
            refresh_all_timelines(engine, quiet)


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
        if not ensure_places(engine):
            raise InputError(None, "the store has no places and no gazetteer was found; run "
                             "frontcheck place load PATH")
        with engine.connect() as connection:
            if claim_date is not None and front_distance(connection, claim_date) is None:
                err_console.print(f"warning: no control snapshot on or before {claim_date} "
                                  "in the store; --on is not used", markup=False)
            resolution = resolve_in_store(connection, text, oblast=oblast, near=point,
                                          on=claim_date, limit=limit)
            rows = candidate_rows(place_index(connection), resolution)
    if not quiet:
        kind = {"none": "no candidates", "axis": "axis"}.get(resolution.kind, "settlement")
        note = "; ambiguous" if resolution.ambiguous else ""
        err_console.print(f"{kind}{note}: {resolution.reason}", markup=False)
    render(rows, fmt, columns=SEARCH_COLUMNS)
