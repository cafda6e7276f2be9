"""``frontcheck control claimed``: the ground claims put under a side against the tracker's."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import datetime
from enum import Enum
from typing import Annotated

import orjson
import typer

from frontcheck.app.claimed_control import (
    ClaimedOptions,
    claimed_control_on,
    claimed_control_series,
)
from frontcheck.app.engine import open_engine
from frontcheck.cli.identity import AsUserOption, TokenOption, log_export, principal
from frontcheck.cli.output import DbOption, Format, jsonable, render


class ClaimedFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    geojson = "geojson"


def claimed(
    on: Annotated[datetime | None, typer.Option("--on", formats=["%Y-%m-%d"],
                                                help="The date (YYYY-MM-DD).")] = None,
    since: Annotated[datetime | None, typer.Option("--from", formats=["%Y-%m-%d"],
                                                   help="First date of a series.")] = None,
    until: Annotated[datetime | None, typer.Option("--to", formats=["%Y-%m-%d"],
                                                   help="Last date of a series.")] = None,
    step: Annotated[int, typer.Option("--step", min=1, help="Days between a series' dates.")] = 7,
    claimant: Annotated[str | None, typer.Option("--claimant", help="Only this claimant.")] = None,
    side: Annotated[str, typer.Option("--side", help="russia (with the DPRK) or ukraine.")]
    = "russia",
    tracker: Annotated[str, typer.Option("--tracker", help="Tracker whose layer is compared.")]
    = "deepstate",
    fmt: Annotated[ClaimedFormat, typer.Option("--format", "-f", help="Output format.")]
    = ClaimedFormat.table,
    as_user: AsUserOption = None, token: TokenOption = None, db: DbOption = None,
) -> None:
    """Claimed against mapped control: km² the claims made by a date put under a side that
    the tracker does not map so, and km² it maps so that they do not (yet) claim, per
    claimant, with the places involved.

    Example: frontcheck control claimed --on 2024-10-05 --format json

    --from/--to give a series every --step days. geojson gives the two kinds of ground as
    features (lon/lat), one per claimant and date.
    """
    options = ClaimedOptions(side=side, claimant=claimant, tracker=tracker, step_days=step)
    if (on is None) == (since is None or until is None):
        raise typer.BadParameter("give --on D, or --from D1 and --to D2", param_hint="--on")
    with open_engine(db) as engine:
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
            if on is not None:
                records = claimed_control_on(connection, caller, on.date(), options)
            else:
                assert since is not None and until is not None     # checked above
                records = claimed_control_series(connection, caller, since.date(),
                                                 until.date(), options)
        log_export(engine, caller, "claims:claimed-control",
                   Format.json if fmt is not ClaimedFormat.table else Format.table, len(records))
    if fmt is ClaimedFormat.geojson:
        features = [{"type": "Feature", "geometry": geometry,
                     "properties": {"on": r.on, "claimant": r.claimant, "side": r.side,
                                    "kind": kind, "area_km2": area}}
                    for r in records
                    for kind, geometry, area in (
                        ("claimed_not_mapped", r.claimed_not_mapped, r.claimed_not_mapped_km2),
                        ("mapped_not_claimed", r.mapped_not_claimed, r.mapped_not_claimed_km2))
                    if geometry is not None]
        sys.stdout.write(orjson.dumps({"type": "FeatureCollection", "features": features},
                                      option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    if fmt is ClaimedFormat.json:
        render([jsonable(asdict(r)) for r in records], Format.json)
        return
    render([{"on": r.on, "snapshot_date": r.snapshot_date, "claimant": r.claimant,
             "side": r.side, "claimed_km2": r.claimed_km2,
             "claimed_not_mapped_km2": r.claimed_not_mapped_km2,
             "mapped_not_claimed_km2": r.mapped_not_claimed_km2,
             "claimed_outside_coverage_km2": r.claimed_outside_coverage_km2,
             "places": "; ".join(f"{p.name}{'' if p.claimed else ' (not claimed)'} "
                                 f"{p.mapped_share:.0%}" for p in r.places)}
            for r in records], Format(fmt.value),
           columns=["on", "snapshot_date", "claimant", "side", "claimed_km2",
                    "claimed_not_mapped_km2", "mapped_not_claimed_km2",
                    "claimed_outside_coverage_km2", "places"])
