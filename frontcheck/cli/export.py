"""``frontcheck export``: the control history, timelines, claims and verdicts as files for GIS
tools (GeoJSON, GeoPackage, GeoParquet) and spreadsheets (CSV).

Each command parses its options, calls its job in ``frontcheck.app.exports`` and hands the
table to ``emit``; a new export is one more command here with the shared ``OutputOption``,
``OverwriteOption`` and ``emit``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer
from typer.models import OptionInfo

from frontcheck.app.engine import open_engine
from frontcheck.app.exports import (
    ClaimExportOptions,
    ControlExportOptions,
    ExportFormat,
    ExportTable,
    TimelineExportOptions,
    VerdictExportOptions,
    acled_export,
    check_target,
    claims_export,
    control_export,
    timelines_export,
    verdicts_export,
    write_export,
)
from frontcheck.app.verify import DEFAULT_RULES, verdict_rules
from frontcheck.claims.model import CLAIM_TYPES
from frontcheck.cli.control import ensure_timelines, parse_date
from frontcheck.cli.identity import AsUserOption, TokenOption, principal
from frontcheck.cli.output import DbOption, QuietOption, err_console
from frontcheck.cli.verify import HorizonOption, ThresholdOption, WindowOption

app = typer.Typer(help="Export the control history, timelines, claims and verdicts as "
                       "GeoJSON, GeoPackage, GeoParquet or CSV.", no_args_is_help=True)

OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", help="File to write (default: stdout, for geojson and csv only).")]
OverwriteOption = Annotated[bool, typer.Option("--overwrite", help="Replace an existing file.")]
TrackerOption = Annotated[str, typer.Option("--tracker", help="Tracker whose history is exported.")]
TypeOption = Annotated[str | None, typer.Option("--type", help=f"One of {', '.join(CLAIM_TYPES)}.")]
SinceOption = Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")]


def format_option(allowed: Sequence[ExportFormat]) -> OptionInfo:
    """A ``--format`` option offering only the formats an export writes (the parameter's
    ``Annotated`` metadata; its default is the parameter's)."""
    names = "|".join(f.value for f in allowed)
    option: OptionInfo = typer.Option(
        "--format", "-f", help=f"One of {names}.",
        callback=lambda value: _allowed(value, allowed))
    return option


def _allowed(value: ExportFormat, allowed: Sequence[ExportFormat]) -> ExportFormat:
    if value not in allowed:
        raise typer.BadParameter(f"{value.value!r} is not one of "
                                 f"{', '.join(f.value for f in allowed)}", param_hint="--format")
    return value


def emit(db: str | None, as_user: str | None, token: str | None, fmt: ExportFormat,
         output: Path | None, overwrite: bool, quiet: bool,
         job: Callable[..., ExportTable], options: object, tracker: str | None = None) -> None:
    """Check the target, run the export job as the caller, write the table, say what was
    written on stderr."""
    check_target(fmt, output, overwrite)
    with open_engine(db) as engine:
        if tracker is not None:
            ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
        table = job(engine, caller, options, fmt)
    write_export(table, fmt, output, sys.stdout)
    if not quiet and output is not None:
        err_console.print(f"{table.records} {table.name} records written to {output} "
                          f"({fmt.value}).", markup=False)


GEOJSON, GPKG, PARQUET, CSV = (ExportFormat.geojson, ExportFormat.gpkg, ExportFormat.parquet,
                               ExportFormat.csv)


@app.command("control")
def control(
    on: Annotated[str | None, typer.Option("--date", help="One snapshot date (YYYY-MM-DD).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    layer: Annotated[str | None, typer.Option("--layer", help="Only this layer.")] = None,
    tracker: TrackerOption = "deepstate",
    fmt: Annotated[ExportFormat, format_option((GEOJSON, GPKG, PARQUET, CSV))] = GEOJSON,
    output: OutputOption = None,
    overwrite: OverwriteOption = False,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Layers and daily gains and losses of a date or a run of dates, one feature per layer,
    kind and date.

    Example: frontcheck export control --date 2024-10-02 --format gpkg --output vuhledar.gpkg

    Each feature carries date, tracker, layer, kind (layer, gained, lost: since the previous
    snapshot) and area_km2, so QGIS's temporal controller can play them. EPSG:4326, polygons
    wound as RFC 7946 asks. CSV has the attributes only (no shapes).
    """
    if on is not None and (since or until):
        raise typer.BadParameter("give --date, or --from and --to, not both", param_hint="--date")
    options = ControlExportOptions(tracker=tracker, on=parse_date(on, "--date"),
                                   since=parse_date(since, "--from"),
                                   until=parse_date(until, "--to"), layer=layer)
    emit(db, as_user, token, fmt, output, overwrite, quiet, control_export, options)


@app.command("timelines")
def timelines(
    tracker: TrackerOption = "deepstate",
    fmt: Annotated[ExportFormat, format_option((PARQUET, CSV, GPKG))] = PARQUET,
    output: OutputOption = None,
    overwrite: OverwriteOption = False,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Every settlement's control timeline: one row per place, layer and run of one band.

    Example: frontcheck export timelines --format csv --output timelines.csv

    Columns: place_id, name_en, name_uk, name_ru, oblast, lon, lat, tracker, layer, band,
    date_from, date_to, fraction_min, fraction_max (the runs `control timeline` prints).
    """
    emit(db, as_user, token, fmt, output, overwrite, quiet, timelines_export,
         TimelineExportOptions(tracker=tracker), tracker=tracker)


def _claim_options(type: str | None, since: str | None, until: str | None) -> ClaimExportOptions:
    if type is not None and type not in CLAIM_TYPES:
        raise typer.BadParameter(f"{type!r} is not one of {', '.join(CLAIM_TYPES)}",
                                 param_hint="--type")
    return ClaimExportOptions(type=type, since=parse_date(since, "--from"),
                              until=parse_date(until, "--to"))


@app.command("claims")
def claims(
    type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: Annotated[ExportFormat, format_option((GEOJSON, GPKG, CSV, PARQUET))] = GEOJSON,
    output: OutputOption = None,
    overwrite: OverwriteOption = False,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Stored claims as points at their places, with lon/lat and every claim field as columns.

    Example: frontcheck export claims --type territorial --format gpkg --output claims.gpkg

    Protected persons appear by pseudonym; an unresolved place has no point. Logged in the
    audit log as an export.
    """
    emit(db, as_user, token, fmt, output, overwrite, quiet, claims_export,
         _claim_options(type, since, until))


@app.command("verdicts")
def verdicts(
    window: WindowOption = DEFAULT_RULES.window_days,
    threshold: ThresholdOption = DEFAULT_RULES.threshold,
    horizon: HorizonOption = DEFAULT_RULES.horizon_days,
    tracker: TrackerOption = "deepstate",
    fmt: Annotated[ExportFormat, format_option((GEOJSON, GPKG, CSV, PARQUET))] = GEOJSON,
    output: OutputOption = None,
    overwrite: OverwriteOption = False,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Verdicts on territorial claims (those of `verify --all`) as points at their places.

    Example: frontcheck export verdicts --format geojson --output verdicts.geojson
    """
    rules = verdict_rules(window, threshold, horizon)
    emit(db, as_user, token, fmt, output, overwrite, quiet, verdicts_export,
         VerdictExportOptions(tracker=tracker, rules=rules), tracker=tracker)


@app.command("acled")
def acled(
    type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: Annotated[ExportFormat, format_option((CSV, PARQUET))] = CSV,
    output: OutputOption = None,
    overwrite: OverwriteOption = False,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Claims as ACLED events: ACLED's column names and codes, for tools built on ACLED data.

    Example: frontcheck export acled --output claims_acled.csv

    The action → event type mapping is in frontcheck/tables/acled_columns.py (and the README);
    `frontcheck sources ingest` reads the file back as an ACLED export.
    """
    emit(db, as_user, token, fmt, output, overwrite, quiet, acled_export,
         _claim_options(type, since, until))
