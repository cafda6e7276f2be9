"""``frontcheck control``: ingest tracker snapshots; areas, timelines and status from them."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, overload

import typer

from frontcheck.app import control as control_jobs
from frontcheck.app import place_history
from frontcheck.app import places as places_jobs
from frontcheck.app.control import IngestReport
from frontcheck.app.engine import open_engine
from frontcheck.app.records import Place
from frontcheck.cli.output import (
    DbOption,
    Format,
    FormatOption,
    QuietOption,
    err_console,
    progress_bar,
    render,
)
from frontcheck.control.formats import FORMAT_NAMES, ReadOptions
from frontcheck.control.period import Period
from frontcheck.errors import AmbiguousError, InputError

app = typer.Typer(help="Territorial-control history: snapshots, areas, settlement timelines.",
                  no_args_is_help=True)

TrackerOption = Annotated[str, typer.Option("--tracker", help="Tracker name the snapshots belong to.")]
OblastOption = Annotated[str | None, typer.Option("--oblast", help="Oblast, to tell homonyms apart.")]


@overload
def parse_date(value: str, option: str) -> date: ...
@overload
def parse_date(value: str | None, option: str) -> date | None: ...
def parse_date(value: str | None, option: str) -> date | None:
    """An ISO date from the command line; one error line naming the option otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(None, f"{value!r} is not a date (YYYY-MM-DD)", field=option) from None


def parse_layer_map(text: str | None) -> dict[str, str]:
    """``"Occupied=occupied,CADR and CALR=occupied"`` → {value: layer}."""
    if not text:
        return {}
    mapping = {}
    for item in text.split(","):
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(None, f"{item!r} is not VALUE=LAYER", field="--layer-map")
        mapping[key.strip()] = value.strip()
    return mapping


@app.command("ingest")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Snapshot files or folders of them.")],
    on: Annotated[str | None, typer.Option("--date", help="Snapshot date when the file name has none.")] = None,
    tracker: TrackerOption = "deepstate",
    input_format: Annotated[str, typer.Option("--input-format", help=f"One of {', '.join(FORMAT_NAMES)}.")] = "auto",
    layer_property: Annotated[str | None, typer.Option("--layer-property", help="Feature property naming the layer.")] = None,
    layer_map: Annotated[str | None, typer.Option("--layer-map", help='e.g. "Occupied=occupied,CADR and CALR=occupied"; a value mapped to "ignore" is dropped.')] = None,
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Ingest the good files, list the bad ones, exit 1.")] = False,
    make_valid: Annotated[bool, typer.Option("--make-valid", help="Repair invalid polygons (each repair is reported) instead of refusing them.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Store snapshots whose layers lie mostly outside the area the tracker maps.")] = False,
    replace_dates: Annotated[bool, typer.Option("--replace", help="Replace a stored snapshot of the same tracker and date (its changes and timelines are recomputed).")] = False,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Ingest daily control snapshots; same content twice is stored once.

    Example: frontcheck control ingest ../shared/data/deepstate-occupied/daily/

    Formats: DeepState daily files as shipped (date from the file name or --date); GeoJSON or
    GeoParquet with a layer property (--layer-property, --layer-map); raw DeepStateMAP history
    snapshots. Each file is written in one transaction; areas, daily gains and losses and the
    settlement timelines are updated incrementally.
    """
    if input_format not in FORMAT_NAMES:
        raise InputError(None, f"{input_format!r} is not one of {', '.join(FORMAT_NAMES[:-1])} "
                               f"or {FORMAT_NAMES[-1]}", field="--input-format")
    options = ReadOptions(tracker=tracker, on=parse_date(on, "--date"),
                          layer_property=layer_property, layer_map=parse_layer_map(layer_map),
                          make_valid=make_valid, force=force)
    def said(report: IngestReport) -> None:
        for line in report.warnings:
            err_console.print(f"Warning: {line}", markup=False)
        for line in report.failed:
            err_console.print(f"Error: {line}", markup=False)

    with open_engine(db) as engine:
        files, report = control_jobs.ingest(
            engine, paths, options, input_format, keep_going, replace_dates,
            files_progress=lambda total: progress_bar("Ingesting snapshots", total, quiet),
            before_refresh=said, progress=_progress(quiet),
            on_refreshed=None if quiet else _said_refreshed, on_wait=_say_waiting)
    if not quiet:
        err_console.print(f"{files} files: {report.summary()}.")
    if report.failed:
        raise typer.Exit(1)


def _say_waiting() -> None:
    err_console.print("Waiting for another frontcheck process writing to this store…", markup=False)


def ensure_timelines(engine, tracker: str) -> None:
    """Before reading a tracker's timelines: bring them up to date if an ingest stopped before
    its timeline work (readers never answer from stale timelines)."""
    control_jobs.ensure_timelines(
        engine, tracker, on_wait=_say_waiting,
        on_behind=lambda: err_console.print(
            f"The {tracker} timelines are behind the stored snapshots; bringing them up to "
            "date.", markup=False))


@app.command("refresh")
def refresh(
    tracker: Annotated[str | None, typer.Option("--tracker", help="Only this tracker (default: all).")] = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Bring settlement timelines up to date with the stored snapshots and gazetteer.

    Example: frontcheck control refresh --tracker deepstate

    Ingest does this itself; run it after an ingest was stopped (killed, or failed before its
    timeline work) if you want the work done now rather than by the next command that reads
    the timelines.
    """
    with open_engine(db) as engine:
        control_jobs.refresh(engine, tracker, progress=_progress(quiet),
                             on_refreshed=None if quiet else _said_refreshed, on_wait=_say_waiting)


def _progress(quiet: bool) -> control_jobs.TrackerProgress:
    return lambda tracker, total: progress_bar(f"Timelines: {tracker}", total, quiet)


def _said_refreshed(tracker: str, done: str) -> None:
    err_console.print(f"Timelines of {tracker}: {done}.")


def refresh_all_timelines(engine, quiet: bool, trackers: list[str] | None = None,
                          fresh: dict | None = None, footprints=None) -> None:
    """Bring the settlement timelines of the given trackers (default: all) up to date, with a
    progress bar per tracker; called after snapshots or places change."""
    control_jobs.refresh_all_timelines(engine, trackers, fresh, footprints,
                                       progress=_progress(quiet),
                                       on_refreshed=None if quiet else _said_refreshed)


@app.command("area")
def area(
    period: Annotated[Period, typer.Option("--period", help="Length of each period.")] = Period.month,
    since: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD).")] = None,
    layer: Annotated[str | None, typer.Option("--layer", help="Only this layer.")] = None,
    tracker: TrackerOption = "deepstate",
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """Area at start and end of each period, net change, gained and lost, per layer (km²).

    Example: frontcheck control area --period month --format csv

    A period [start, end] starts with the snapshot dated start (the map at the start of that
    day) and ends with the snapshot dated end + 1 day; see the README.
    """
    start, end = parse_date(since, "--from"), parse_date(until, "--to")
    with open_engine(db) as engine, engine.connect() as connection:
        rows = control_jobs.area(connection, tracker, period, start, end, layer)
    render([asdict(r) for r in rows], fmt, title=f"{tracker}: area per {period.value} (km²)")


def resolve_place(connection, name: str, oblast: str | None) -> Place:
    """The one place a name (or gazetteer id) means (``app.places.resolve_place``)."""
    try:
        return places_jobs.resolve_place(connection, name, oblast)
    except AmbiguousError as exc:
        raise AmbiguousError(str(exc).replace("give oblast", "give --oblast"),
                             exc.candidates) from None


@app.command("timeline")
def timeline(
    place: Annotated[str, typer.Argument(help="Settlement name (any language) or gazetteer id.")],
    oblast: OblastOption = None,
    tracker: TrackerOption = "deepstate",
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """A settlement's control timeline: share of its footprint in each layer, as change runs.

    Example: frontcheck control timeline Pokrovsk --oblast Donetsk
    """
    with open_engine(db) as engine:
        places_jobs.ensure_gazetteer(engine)
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            chosen = resolve_place(connection, place, oblast)
            rows = place_history.timeline(connection, chosen, tracker)
    if fmt is Format.table:
        render([{k: getattr(r, k) for k in ("layer", "band", "date_from", "date_to",
                                            "fraction_min", "fraction_max")} for r in rows],
               fmt, title=f"{chosen.name} ({chosen.oblast}, {chosen.id}) — {tracker}")
    else:
        render([asdict(r) for r in rows], fmt)


@app.command("status")
def status(
    place: Annotated[str, typer.Argument(help="Settlement name (any language) or gazetteer id.")],
    on: Annotated[str, typer.Option("--on", help="Date (YYYY-MM-DD).")],
    oblast: OblastOption = None,
    tracker: TrackerOption = "deepstate",
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """Share of a settlement's footprint in each layer on a date, and the snapshot used.

    Example: frontcheck control status Pokrovsk --on 2025-11-25
    """
    day = parse_date(on, "--on")
    with open_engine(db) as engine:
        places_jobs.ensure_gazetteer(engine)
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            chosen = resolve_place(connection, place, oblast)
            result = place_history.status(connection, chosen, tracker, day)
    if fmt is Format.json:
        render([asdict(result)], fmt)
        return
    render([{"place_id": result.place_id, "name": result.name, "on": result.on,
             "snapshot_date": result.snapshot_date, "covered": result.covered,
             "layer": layer, "fraction": share}
            for layer, share in result.fractions.items()], fmt)
