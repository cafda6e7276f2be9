"""``frontcheck control``: ingest tracker snapshots; areas, timelines and status from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, overload

import typer

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
from frontcheck.errors import AmbiguousError, InputError, NotFoundError
from frontcheck.store import control as store_control
from frontcheck.store.engine import open_engine, write_lock
from frontcheck.store.ingest import IngestReport, ingest_snapshots, snapshot_files
from frontcheck.store.maps import area_rows
from frontcheck.store.places import ensure_places, exact_places, find_places, place_by_id
from frontcheck.store.timelines import (
    place_status,
    place_timeline,
    refresh_timelines,
    timelines_plan,
)

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
    files = snapshot_files(paths)
    report = IngestReport()
    with open_engine(db) as engine, write_lock(engine, on_wait=_say_waiting):
        try:
            with progress_bar("Ingesting snapshots", len(files), quiet) as advance:
                ingest_snapshots(engine, paths, options, input_format, keep_going,
                                 on_progress=advance, files=files,
                                 replace_dates=replace_dates, report=report)
        except InputError:
            # Files written before the bad one keep their timelines current: the refresh
            # below runs whenever the timelines are behind, whatever stopped the ingest.
            _refresh_if_behind(engine, tracker, report)
            raise
        for line in report.warnings:
            err_console.print(f"Warning: {line}", markup=False)
        for line in report.failed:
            err_console.print(f"Error: {line}", markup=False)
        _refresh_if_behind(engine, tracker, report, quiet)
    if not quiet:
        err_console.print(f"{len(files)} files: {report.summary()}.")
    if report.failed:
        raise typer.Exit(1)


def _say_waiting() -> None:
    err_console.print("Waiting for another frontcheck process writing to this store…", markup=False)


def _refresh_if_behind(engine, tracker: str, report: IngestReport, quiet: bool = True) -> None:
    """Refresh the tracker's timelines when anything is behind: this ingest's new files, or
    those of an earlier one that stopped (failed, killed) before its timeline work. The
    default gazetteer is loaded only when this ingest wrote something."""
    if report.new and not ensure_places(engine):
        return
    with engine.connect() as connection:
        behind = timelines_plan(connection, tracker, report.fresh).action in ("rebuild", "extend")
    if behind:
        refresh_all_timelines(engine, quiet, trackers=[tracker], fresh=report.fresh,
                              footprints=report.footprints)


def ensure_timelines(engine, tracker: str) -> None:
    """Before reading a tracker's timelines: bring them up to date if an ingest stopped before
    its timeline work (readers never answer from stale timelines)."""
    with engine.connect() as connection:
        behind = timelines_plan(connection, tracker).action in ("rebuild", "extend")
    if behind:
        err_console.print(f"The {tracker} timelines are behind the stored snapshots; "
                          "bringing them up to date.", markup=False)
        with write_lock(engine, on_wait=_say_waiting):
            refresh_all_timelines(engine, True, trackers=[tracker])


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
    with open_engine(db) as engine, write_lock(engine, on_wait=_say_waiting):
        if not ensure_places(engine):
            raise NotFoundError("no gazetteer loaded; run `frontcheck place load` first")
        refresh_all_timelines(engine, quiet, trackers=[tracker] if tracker else None)


def refresh_all_timelines(engine, quiet: bool, trackers: list[str] | None = None,
                          fresh: dict | None = None, footprints=None) -> None:
    """Bring the settlement timelines of the given trackers (default: all) up to date, with a
    progress bar per tracker; called after snapshots or places change."""
    with engine.connect() as connection:
        names = trackers or store_control.trackers(connection)
        sizes = {t: len(store_control.tracker_sequence(connection, t)) for t in names}
    for name in names:
        with progress_bar(f"Timelines: {name}", sizes[name], quiet) as advance:
            done = refresh_timelines(engine, name, on_progress=advance, fresh=fresh,
                                     footprints=footprints)
        if not quiet:
            err_console.print(f"Timelines of {name}: {done}.")


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
        rows = area_rows(connection, tracker, period, start, end, layer)
    render(rows, fmt, title=f"{tracker}: area per {period.value} (km²)")


def resolve_place(connection, name: str, oblast: str | None) -> dict:
    """The one place a name (or gazetteer id) means; lists the candidates when several fit."""
    by_id = place_by_id(connection, name.strip())
    if by_id is not None:
        return by_id
    # An exact name form answers from the name table at once; only other mentions (inflected,
    # misspelt, transliterated otherwise) need the resolver, whose index takes seconds to build.
    candidates = exact_places(connection, name, oblast) or find_places(connection, name, oblast)
    if not candidates:
        raise NotFoundError(f"no place called {name!r}" + (f" in {oblast}" if oblast else ""))
    if len(candidates) > 1:
        raise AmbiguousError(
            f"{len(candidates)} places are called {name!r}; give --oblast or an id",
            [{k: c[k] for k in ("id", "name", "oblast", "raion")} for c in candidates])
    return candidates[0]


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
        ensure_places(engine)
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            chosen = resolve_place(connection, place, oblast)
            rows = place_timeline(connection, tracker, chosen)
    if not rows:
        raise NotFoundError(f"no {tracker} timeline; ingest snapshots with `frontcheck control ingest`")
    if fmt is Format.table:
        render([{k: r[k] for k in ("layer", "band", "date_from", "date_to", "fraction_min",
                                   "fraction_max")} for r in rows], fmt,
               title=f"{chosen['name']} ({chosen['oblast']}, {chosen['id']}) — {tracker}")
    else:
        render(rows, fmt)


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
        ensure_places(engine)
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            chosen = resolve_place(connection, place, oblast)
            result = place_status(connection, tracker, chosen, day)
    if fmt is Format.json:
        render([result], fmt)
        return
    render([{"place_id": result["place_id"], "name": result["name"], "on": result["on"],
             "snapshot_date": result["snapshot_date"], "covered": result["covered"],
             "layer": layer, "fraction": share}
            for layer, share in result["fractions"].items()], fmt)
