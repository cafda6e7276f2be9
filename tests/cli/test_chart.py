"""`frontcheck chart area|gains`: real images from a real store, refusals, and plotted data that
matches the store and an independent geodesic measurement."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import shapely
from PIL import Image
from pyproj import Geod
from typer.testing import CliRunner

from frontcheck import assets
from frontcheck.app import control as control_jobs
from frontcheck.app.snapshot_ingest import ingest_snapshots
from frontcheck.cli import chart
from frontcheck.control.formats import ReadOptions
from frontcheck.errors import InputError, NotFoundError
from frontcheck.render import ATTRIBUTION, area_chart, gains_map
from frontcheck.render.charts import GAINED_COLOUR, LOST_COLOUR
from frontcheck.store import control as store_control
from frontcheck.store.control import SequenceEntry
from frontcheck.store.engine import open_engine
from tests.conftest import new_store

#: The last days of the shipped data: the occupied area grows on most and shrinks by about
#: 120 km² on 2026-08-13, so a map of them has red and blue.
LAST_DAYS = 11
GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def small_store(tmp_path_factory, daily_files, store_kind, request) -> Path:
    """A store with the last 11 shipped snapshots (no gazetteer, no timelines): read-only."""
    path = new_store(store_kind, tmp_path_factory.mktemp("chart"), request)
    with open_engine(path) as engine:
        report = ingest_snapshots(engine, [], ReadOptions(), files=daily_files[-LAST_DAYS:])
    assert report.new == LAST_DAYS
    return path


def invoke(*args) -> object:
    return CliRunner().invoke(chart.app, [str(a) for a in args])


def frontcheck(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "frontcheck", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


#: The main map of `chart gains` as (left, top, right, bottom) fractions of the image: the
#: legend's swatches lie outside it.
MAIN_MAP = (0.02, 0.12, 0.7, 0.93)


def colour_share(path: Path, hex_colour: str, region=(0, 0, 1, 1)) -> float:
    """Share of the pixels of an image (or a region of it) within a few levels of a colour."""
    image = Image.open(path).convert("RGB")
    width, height = image.size
    left, top, right, bottom = region
    pixels = np.asarray(image.crop((int(left * width), int(top * height), int(right * width),
                                    int(bottom * height))), dtype=int)
    rgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])
    return float((np.abs(pixels - rgb).max(axis=2) <= 6).mean())


def geodesic_km2(geometry: shapely.Geometry) -> float:
    """Area on the WGS84 ellipsoid, independent of frontcheck's equal-area projection."""
    return abs(GEOD.geometry_area_perimeter(geometry)[0]) / 1e6


def test_area_writes_a_png_of_the_figure_size(small_store, tmp_path):
    out = tmp_path / "out" / "area.png"
    result = invoke("area", "--output", out, "--db", small_store)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out}\n"
    image = Image.open(out)
    assert image.format == "PNG"
    assert image.size == (12 * chart.PNG_DPI, round(7.6 * chart.PNG_DPI))
    assert colour_share(out, "#7a1020") > 0.001  # the area line is drawn
    assert not list(out.parent.glob(".*partial"))


def test_gains_map_shows_gains_and_losses(small_store, tmp_path):
    out = tmp_path / "gains.png"
    result = invoke("gains", "--output", out, "--db", small_store)
    assert result.exit_code == 0, result.output
    assert Image.open(out).format == "PNG"
    assert colour_share(out, GAINED_COLOUR, MAIN_MAP) > 0.0001
    assert colour_share(out, LOST_COLOUR, MAIN_MAP) > 0.0005


def test_svg_by_suffix(small_store, tmp_path):
    out = tmp_path / "area.svg"
    assert invoke("area", "--output", out, "--db", small_store).exit_code == 0
    text = out.read_text()
    assert text.startswith("<?xml") and "<svg" in text
    assert "<dc:date>" not in text  # no creation date: the same data gives the same file


def test_refuses_an_existing_file_without_overwrite(small_store, tmp_path):
    out = tmp_path / "area.png"
    out.write_bytes(b"keep me")
    result = invoke("area", "--output", out, "--db", small_store)
    assert result.exit_code == 1
    assert isinstance(result.exception, InputError)
    assert str(result.exception) == f"{out}: already exists; add --overwrite to replace it"
    assert out.read_bytes() == b"keep me"
    result = invoke("area", "--output", out, "--overwrite", "--db", small_store)
    assert result.exit_code == 0, result.output
    assert Image.open(out).format == "PNG"


def test_refusals_are_one_error_line_through_the_frontcheck_command(small_store, tmp_path):
    out = tmp_path / "gains.png"
    out.write_bytes(b"keep me")
    result = frontcheck("chart", "gains", "--output", out, "--db", small_store)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"Error: {out}: already exists; add --overwrite to replace it\n"
    result = frontcheck("chart", "area", "--output", tmp_path / "area.jpg", "--db", small_store)
    assert result.returncode == 1
    assert result.stderr == (f"Error: {tmp_path / 'area.jpg'}: unknown image type '.jpg'; "
                             "name the file .png or .svg\n")
    assert not (tmp_path / "area.jpg").exists()


@pytest.mark.parametrize("args, error, message", [
    (["area"], NotFoundError,
     "no deepstate snapshots with layer 'occupied' stored; run `frontcheck control ingest` first"),
    (["gains"], NotFoundError,
     "no deepstate snapshots stored; run `frontcheck control ingest` first"),
])
def test_empty_store_is_refused(tmp_path, db_path, args, error, message):
    out = tmp_path / "chart.png"
    result = invoke(*args, "--output", out, "--db", db_path)
    assert result.exit_code == 1
    assert isinstance(result.exception, error)
    assert str(result.exception) == message
    assert not out.exists()


def test_bad_periods_are_refused(small_store, tmp_path):
    out = tmp_path / "gains.png"
    result = invoke("gains", "--from", "2026-08-20", "--to", "2026-08-15", "--output", out,
                    "--db", small_store)
    assert str(result.exception) == "--from 2026-08-20 is after --to 2026-08-15"
    result = invoke("gains", "--from", "2027-01-01", "--output", out, "--db", small_store)
    assert str(result.exception) == ("no deepstate snapshots after 2027-01-01; the store holds "
                                     "2026-08-12 to 2026-08-22")
    assert not out.exists()


def test_area_chart_plots_the_stored_areas(small_store, daily_files):
    with open_engine(small_store) as engine, engine.connect() as connection:
        rows = store_control.daily_rows(connection, "deepstate")
    figure = area_chart(rows, reference=("Ukraine", 603_500.0))
    top, bottom = figure.axes[:2]
    (line,) = [ln for ln in top.get_lines() if ln.get_label() == "area_km2"]
    np.testing.assert_array_equal(line.get_ydata(), [r["area_km2"] for r in rows])
    assert list(line.get_xdata()) == list(np.array([r["on"] for r in rows], "datetime64[D]"))
    bars = [p.get_height() for p in bottom.patches]
    np.testing.assert_allclose(bars, [r["gained_km2"] for r in rows]
                               + [-r["lost_km2"] for r in rows])
    # And the plotted value is the area on the ground, measured here without frontcheck.
    last = shapely.from_geojson(daily_files[-1].read_bytes())
    assert line.get_ydata()[-1] == pytest.approx(geodesic_km2(last), rel=1e-3)
    assert any(ATTRIBUTION in t.get_text() for t in figure.texts)


def test_gains_map_reports_the_area_it_draws(small_store):
    with open_engine(small_store) as engine, engine.connect() as connection:
        sequence = store_control.tracker_sequence(connection, "deepstate")
        gained, lost = store_control.change_geometries(connection, "deepstate", sequence[0].on,
                                                       sequence[-1].on, "occupied")
    figure = gains_map(gained, lost, assets.ukraine_border(), assets.oblasts(),
                       assets.neighbour_regions(), assets.sea())
    legend = " ".join(t.get_text() for ax in figure.axes if ax.get_legend()
                      for t in ax.get_legend().get_texts())
    shown = [float(v.replace(",", "")) for v in re.findall(r"([\d,]+\.\d) km²", legend)]
    assert shown == pytest.approx([geodesic_km2(gained), geodesic_km2(lost)], abs=0.1,
                                  rel=2e-3)
    assert shown[1] > 100  # the 2026-08-13 withdrawal is in the period


def test_only_places_inside_the_view_are_labelled():
    near_pokrovsk = shapely.box(37.1, 48.2, 37.3, 48.35)
    figure = gains_map(near_pokrovsk, shapely.MultiPolygon(), assets.ukraine_border(),
                       assets.oblasts(), assets.neighbour_regions(), assets.sea(),
                       places=[("Pokrovsk", 37.177, 48.280), ("Lviv", 24.03, 49.84)])
    texts = {t.get_text() for t in figure.axes[0].texts}
    assert "Pokrovsk" in texts and "Lviv" not in texts


def test_labels_take_the_town_a_reader_means(control_store):
    with open_engine(control_store) as engine, engine.connect() as connection:
        # Pokrovsk and Donetsk are the most populous places answering to these names (old
        # or alternative names); a label means the places called so in English.
        assert control_jobs.label_place(connection, "Pokrovske")[0] == "Pokrovske"
        assert control_jobs.label_place(connection, "Oleksandrivka")[0] == "Oleksandrivka"
        name, lon, lat = control_jobs.label_place(connection, "Kostiantynivka")
        with pytest.raises(NotFoundError, match="no place called 'Nowhereville' to label"):
            control_jobs.label_place(connection, "Nowhereville")
    assert (name, round(lon, 1), round(lat, 1)) == ("Kostiantynivka", 37.7, 48.5)


def test_gains_map_of_the_fall_of_pokrovsk(control_store, tmp_path):
    out = tmp_path / "pokrovsk.png"
    result = invoke("gains", "--from", "2025-11-01", "--to", "2025-11-29", "--label", "Pokrovsk",
                    "--label", "Myrnohrad", "--output", out, "--db", control_store)
    assert result.exit_code == 0, result.output
    assert colour_share(out, GAINED_COLOUR, MAIN_MAP) > 0.001


def entries(*days: str) -> list[SequenceEntry]:
    return [SequenceEntry(i, date.fromisoformat(d)) for i, d in enumerate(days)]


@pytest.mark.parametrize("first, last, expected", [
    (None, None, ("2026-07-20", "2026-08-22")),          # default: the last 30 days
    ("2026-08-01", "2026-08-14", ("2026-08-01", "2026-08-15")),  # days as in `control area`
    ("2026-08-02", None, ("2026-08-01", "2026-08-22")),  # a missing day: the snapshot before
    ("2020-01-01", "2026-08-01", ("2026-06-01", "2026-08-01")),  # before the data: the first
])
def test_period_snapshots(first, last, expected):
    sequence = entries("2026-06-01", "2026-07-20", "2026-07-25", "2026-08-01", "2026-08-15",
                       "2026-08-22")
    start, end = control_jobs.period_snapshots(
        sequence, first and date.fromisoformat(first), last and date.fromisoformat(last),
        "deepstate")
    assert (start.on.isoformat(), end.on.isoformat()) == expected


def test_outputs_that_cannot_be_written_are_refused_before_any_work(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for target, message in [(tmp_path, f"{tmp_path}: is a folder; give a file name ending in "
                                       ".png or .svg"),
                            (blocker / "area.png", f"{blocker / 'area.png'}: {blocker} is a "
                                                   "file, not a folder")]:
        # The checks come before the store is opened, so no store is created.
        result = invoke("area", "--output", target, "--db", tmp_path / "never.sqlite")
        assert str(result.exception) == message
    assert not (tmp_path / "never.sqlite").exists()
