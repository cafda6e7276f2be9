"""``frontcheck chart``: figures of the control history, written to PNG or SVG files."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from frontcheck import assets
from frontcheck.app import control as control_jobs
from frontcheck.app.control import DEFAULT_PERIOD_DAYS
from frontcheck.app.engine import open_engine
from frontcheck.cli.control import TrackerOption, parse_date
from frontcheck.cli.output import DbOption, QuietOption, err_console
from frontcheck.control.area import area_km2
from frontcheck.control.projection import to_equal_area, to_lonlat
from frontcheck.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

app = typer.Typer(help="Charts and maps of the control history, as PNG or SVG files.",
                  no_args_is_help=True)

#: File types by suffix: what ``savefig`` writes for each.
IMAGE_FORMATS = {".png": "png", ".svg": "svg"}
PNG_DPI = 150

OutputOption = Annotated[Path, typer.Option("--output", "-o", help="File to write: .png or .svg.")]
OverwriteOption = Annotated[bool, typer.Option("--overwrite", help="Replace the file if it exists.")]
LayerOption = Annotated[str, typer.Option("--layer", help="Layer to chart.")]
SinceOption = Annotated[str | None, typer.Option(
    "--from", help=f"First day (YYYY-MM-DD); default: {DEFAULT_PERIOD_DAYS} days before the last.")]
UntilOption = Annotated[str | None, typer.Option(
    "--to", help="Last day (YYYY-MM-DD); default: the day before the last snapshot.")]
LabelOption = Annotated[list[str] | None, typer.Option(
    "--label", help="Settlement to mark on the map, if inside it; repeat for more.")]


def image_format(path: Path, overwrite: bool) -> str:
    """The image format a path asks for by its suffix; checked before any work is done."""
    if path.is_dir():
        raise InputError(str(path), "is a folder; give a file name ending in .png or .svg")
    fmt = IMAGE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"unknown image type {path.suffix or '(no suffix)'!r}; "
                         f"name the file {' or '.join(IMAGE_FORMATS)}")
    if path.exists() and not overwrite:
        raise InputError(str(path), "already exists; add --overwrite to replace it")
    existing = next(folder for folder in path.absolute().parents if folder.exists())
    if not existing.is_dir():
        raise InputError(str(path), f"{existing} is a file, not a folder")
    return fmt


def save_figure(figure: Figure, path: Path, fmt: str) -> None:
    """Write a figure, through a temporary file so a failed write leaves no half image."""
    partial = path.with_name(f".{path.name}.partial")
    # SVG carries a creation date by default; without it, the same data gives the same file.
    metadata = {"Date": None} if fmt == "svg" else None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(partial, format=fmt, dpi=PNG_DPI, metadata=metadata)
        partial.replace(path)
    except OSError as exc:
        raise InputError(str(path), f"cannot write the image ({exc.strerror or exc})") from exc
    finally:
        with suppress(OSError):  # nothing to remove, or nowhere it could have been written
            partial.unlink(missing_ok=True)


def _report(path: Path, quiet: bool) -> None:
    if not quiet:
        err_console.print(f"Wrote {path}", markup=False)


@app.command("area")
def area(
    output: OutputOption,
    tracker: TrackerOption = "deepstate",
    layer: LayerOption = "occupied",
    overwrite: OverwriteOption = False,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Chart of a layer's area over time (km²), above each snapshot's gains and losses.

    Example: frontcheck chart area --output out/area.png

    The file type follows the suffix: .png (150 dpi) or .svg. The right-hand axis gives the
    area as a share of Ukraine within its internationally recognised border.
    """
    fmt = image_format(output, overwrite)
    from frontcheck.render import area_chart  # matplotlib: imported by chart commands only

    with open_engine(db) as engine, engine.connect() as connection:
        rows = [asdict(r) for r in control_jobs.daily_area(connection, tracker, layer)]
    if not rows:
        raise NotFoundError(f"no {tracker} snapshots with layer {layer!r} stored; "
                            "run `frontcheck control ingest` first")
    ukraine_km2 = float(area_km2(to_equal_area(assets.ukraine_border())))
    figure = area_chart(rows, layer, reference=("Ukraine", ukraine_km2),
                        title=f"{layer.capitalize()} area over time — {tracker}")
    save_figure(figure, output, fmt)
    _report(output, quiet)


@app.command("gains")
def gains(
    output: OutputOption,
    since: SinceOption = None,
    until: UntilOption = None,
    labels: LabelOption = None,
    tracker: TrackerOption = "deepstate",
    layer: LayerOption = "occupied",
    overwrite: OverwriteOption = False,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Map of what a layer gained (red) and lost (blue) over a period, zoomed to the changes.

    Example: frontcheck chart gains --from 2025-11-01 --to 2025-11-30 --label Pokrovsk --output out/gains.png

    Days count as in `frontcheck control area`: the period runs from the snapshot dated --from
    (the map at the start of that day) to the one dated the day after --to. Without dates it
    covers the last 30 days the store holds. A --label name that several places share marks
    the one whose English name it is, then the most populous. .png (150 dpi) or .svg.
    """
    fmt = image_format(output, overwrite)
    from frontcheck.render import gains_map  # matplotlib: imported by chart commands only

    first_day, last_day = parse_date(since, "--from"), parse_date(until, "--to")
    if first_day and last_day and first_day > last_day:
        raise InputError(None, f"--from {first_day} is after --to {last_day}")
    with open_engine(db) as engine:
        found = control_jobs.gains(engine, tracker, layer, first_day, last_day, labels or [])
    start, end, gained, lost, held, places = (found.start, found.end, found.gained, found.lost,
                                              found.held, found.labels)
    days = (end.on - start.on).days
    last_held = end.on - timedelta(days=1)
    span = _day(start.on) + ("" if days == 1 else f" – {_day(last_held)}")
    figure = gains_map(
        gained, lost, assets.ukraine_border(), assets.oblasts(), assets.neighbour_regions(),
        assets.sea(), places, layer_extent=None if held is None else to_lonlat(held),
        layer=layer,
        title=f"{layer.capitalize()} area gained and lost, {span}",
        subtitle=f"{tracker} snapshots dated {start.on} and {end.on} "
                 f"({days} day{'' if days == 1 else 's'}); every daily change between them")
    save_figure(figure, output, fmt)
    _report(output, quiet)


def _day(on: date) -> str:
    return f"{on.day} {on:%b %Y}"
