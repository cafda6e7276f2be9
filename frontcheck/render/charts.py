"""Figures for analysts: a layer's area over time, and a map of one period's gains and losses.

Pure functions: plain rows and lon/lat geometries in, a matplotlib ``Figure`` out; they open no
store and write no file (the shell saves the figure). Figures sit on an Agg canvas made here
rather than through pyplot, so there is no global figure state and no display to find. There
are no tiles either: the base map is the boundary set shipped in the package.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, cast

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox
from shapely.ops import polylabel

from frontcheck.control.area import area_km2
from frontcheck.control.projection import lonlat_to_xy, to_equal_area
from frontcheck.errors import NotFoundError

#: Geometries to draw: one, a sequence, or an array of them (None where there is none).
Geoms = shapely.Geometry | Sequence[shapely.Geometry | None] | np.ndarray | None
#: The drawn extent in the equal-area plane: x0, y0, x1, y1 (metres).
View = tuple[float, float, float, float]

__all__ = ["ATTRIBUTION", "area_chart", "gains_map"]

ATTRIBUTION = ("Map data: DeepStateMAP (via cyterat/deepstate-map-data, GPL-3.0); "
               "boundaries © OpenStreetMap contributors (ODbL), Natural Earth")

GAINED_COLOUR = "#c8102e"
LOST_COLOUR = "#1f5fbf"
LAYER_COLOUR = "#f2cbc5"
AREA_LINE_COLOUR = "#7a1020"
LAND_COLOUR = "#faf8f3"
FOREIGN_COLOUR = "#e6e4df"
SEA_COLOUR = "#cfe2ef"
OBLAST_EDGE = "#9b9b9b"
BORDER_EDGE = "#3f3f3f"
TEXT_GREY = "#6b6b6b"

#: What a layer growing or shrinking means on the ground, for legends.
_MEANING = {"occupied": ("Russian advance", "Ukrainian advance"),
            "liberated": ("Ukrainian advance", "Russian advance")}
_HALO = [patheffects.withStroke(linewidth=2.6, foreground="white")]
_SCALE_STEPS_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)


def _figure(width_in: float, height_in: float) -> Figure:
    figure = Figure(figsize=(width_in, height_in), dpi=100)
    FigureCanvasAgg(figure)
    return figure


def _thousands(value: float, _position: int | None = None) -> str:
    return f"{value:,.0f}".replace("-", "\u2212")


def _signed(value: float, decimals: int = 0) -> str:
    """``+1,234`` or ``−56`` with a true minus sign, as the axes print them."""
    return f"{value:+,.{decimals}f}".replace("-", "\u2212")


def area_chart(daily_rows: Sequence[dict[str, Any]], layer: str = "occupied", *, title: str | None = None,
               reference: tuple[str, float] | None = None, average_days: int = 30) -> Figure:
    """A two-panel figure: the layer's area per snapshot (km²) above, and below each snapshot's
    gains (bars up) and losses (bars down) with their trailing ``average_days`` net average.

    ``daily_rows`` are dicts with ``on``, ``layer``, ``area_km2``, ``gained_km2`` and
    ``lost_km2`` (as ``store.control.daily_rows`` gives them); other layers are ignored. The
    area line is plotted unscaled in km², labelled ``"area_km2"``, so its data can be checked.
    ``reference`` (a name and its km², such as Ukraine's) adds a right-hand axis in per cent
    of that area.
    A snapshot after a missing day carries the change of both days: bars are per snapshot.
    Raises ``NotFoundError`` when no row has the layer.

    Examples
    --------
    >>> from datetime import date
    >>> rows = [{"on": date(2025, 1, d), "layer": "occupied", "area_km2": 100.0 + d,
    ...          "gained_km2": 1.0, "lost_km2": 0.0} for d in (1, 2, 3)]
    >>> figure = area_chart(rows)
    >>> [ln.get_ydata().tolist() for ln in figure.axes[0].lines if ln.get_label() == "area_km2"]
    [[101.0, 102.0, 103.0]]
    """
    rows = sorted((r for r in daily_rows if r["layer"] == layer), key=lambda r: r["on"])
    if not rows:
        raise NotFoundError(f"no {layer!r} areas to chart")
    days = np.array([r["on"] for r in rows], dtype="datetime64[D]")
    areas = np.array([r["area_km2"] for r in rows], dtype=float)
    gained = np.array([r["gained_km2"] for r in rows], dtype=float)
    lost = np.array([r["lost_km2"] for r in rows], dtype=float)
    up, down = _MEANING.get(layer, ("", ""))

    figure = _figure(12, 7.6)
    top, bottom = figure.subplots(2, 1, sharex=True, gridspec_kw={
        "height_ratios": [2.2, 1], "hspace": 0.07, "left": 0.075, "right": 0.92,
        "top": 0.87, "bottom": 0.15})
    figure.text(0.075, 0.955, title or f"{layer.capitalize()} area over time",
                fontsize=15, fontweight="bold", va="top")
    net = areas[-1] - areas[0]
    figure.text(0.075, 0.912, f"{areas[-1]:,.0f} km² on {rows[-1]['on']}  ·  {_signed(net)} km² "
                f"since {rows[0]['on']}  ·  {len(rows)} snapshots", fontsize=10.5,
                color=TEXT_GREY, va="top")

    top.fill_between(days, areas, areas.min() - 0.05 * np.ptp(areas) - 1, color=LAYER_COLOUR,
                     alpha=0.55, linewidth=0)
    top.plot(days, areas, color=AREA_LINE_COLOUR, linewidth=1.8, label="area_km2")
    top.plot(days[-1:], areas[-1:], "o", color=AREA_LINE_COLOUR, markersize=5)
    spread = max(np.ptp(areas), 1.0)
    top.set_ylim(areas.min() - 0.08 * spread, areas.max() + 0.12 * spread)
    top.set_ylabel(f"{layer} area (km²)")
    top.yaxis.set_major_formatter(FuncFormatter(_thousands))
    if reference:
        whole_name, whole_km2 = reference
        share = top.secondary_yaxis("right", functions=(lambda a: a / whole_km2 * 100,
                                                        lambda p: p * whole_km2 / 100))
        share.set_ylabel(f"per cent of {whole_name}")
        share.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:.1f} %"))

    bottom.bar(days, gained, width=1.0, color=GAINED_COLOUR, linewidth=0,
               label=f"gained{f' ({up})' if up else ''}")
    bottom.bar(days, -lost, width=1.0, color=LOST_COLOUR, linewidth=0,
               label=f"lost{f' ({down})' if down else ''}")
    average = _trailing_mean_per_day(days, gained - lost, average_days)
    bottom.plot(days, average, color="#222222", linewidth=1.3,
                label=f"net change, {average_days}-day average (km²/day)")
    bottom.axhline(0, color="#444444", linewidth=0.6)
    bottom.set_ylabel("km² per snapshot")
    bottom.legend(loc="upper left", bbox_to_anchor=(0, -0.2), fontsize=9, frameon=False,
                  ncols=3)
    bottom.yaxis.set_major_formatter(FuncFormatter(_thousands))
    locator = AutoDateLocator(minticks=6, maxticks=14)
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    margin = max(np.timedelta64(2, "D"), (days[-1] - days[0]) // 80)
    bottom.set_xlim(days[0] - margin, days[-1] + margin)
    for axes in (top, bottom):
        axes.grid(True, color="#e3e3e3", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.spines[["top"]].set_visible(False)
        if not reference or axes is bottom:
            axes.spines[["right"]].set_visible(False)
    figure.text(0.075, 0.012, "Dates are snapshot dates: the map as DeepStateMAP showed it the "
                "evening before. The area axis does not start at zero.\n" + ATTRIBUTION,
                fontsize=7.5, color=TEXT_GREY, linespacing=1.5)
    return figure


def _trailing_mean_per_day(days: np.ndarray, values: np.ndarray, window_days: int) -> np.ndarray:
    """Sum of ``values`` over the trailing ``window_days`` calendar days, per day; NaN until a
    full window of data exists (days may be missing, so this counts days, not rows)."""
    totals = np.concatenate([[0.0], np.cumsum(values)])
    first = np.searchsorted(days, days - np.timedelta64(window_days, "D"), side="right")
    means = (totals[1:] - totals[first]) / window_days
    means[days - days[0] < np.timedelta64(window_days, "D")] = np.nan
    return np.asarray(means, dtype=float)


def gains_map(gained: shapely.Geometry, lost: shapely.Geometry, border: shapely.Geometry,
              oblasts: Sequence[tuple[str, shapely.Geometry]],
              neighbours: Sequence[tuple[str, shapely.Geometry]], sea: shapely.Geometry,
              places: Sequence[tuple[str, float, float]] | None = None, *,
              layer_extent: shapely.Geometry | None = None, layer: str = "occupied",
              title: str = "Gains and losses", subtitle: str = "",
              min_width_m: float = 25.0) -> Figure:
    """A map of what a layer gained (red) and lost (blue) in a period, zoomed to the changes,
    with the whole country beside it for context.

    All geometries are lon/lat; they are drawn in frontcheck's equal-area plane so that shapes
    and the scale bar are true. ``oblasts`` and ``neighbours`` are (name, geometry) pairs,
    ``places`` (name, lon, lat) triples labelled when inside the zoomed view, and
    ``layer_extent`` the layer at the end of the period, shaded. Gained and lost areas in the
    legend are measured from the whole geometries; parts narrower than ``min_width_m`` on
    average (2 × area / perimeter) are not drawn, since a tracker redrawing a line leaves
    hundreds of such slivers along the whole front, and the key says how many were left out.
    With no change at all the view falls back to the layer, then to the whole border.

    Examples
    --------
    >>> from frontcheck import assets
    >>> figure = gains_map(shapely.box(37.1, 48.2, 37.3, 48.35), shapely.MultiPolygon(),
    ...                    assets.ukraine_border(), assets.oblasts(), assets.neighbour_regions(),
    ...                    assets.sea(), places=[("Pokrovsk", 37.18, 48.28), ("Lviv", 24.0, 49.8)])
    >>> sorted(t.get_text() for t in figure.axes[0].texts if t.get_text() in ("Pokrovsk", "Lviv"))
    ['Pokrovsk']
    """
    names = [n for n, _ in oblasts]
    projected = to_equal_area(np.array(
        [gained, lost, border, sea, layer_extent, *(g for _, g in oblasts),
         *(g for _, g in neighbours)], dtype=object))
    gained_xy, lost_xy, border_xy, sea_xy, layer_xy = projected[:5]
    oblasts_xy = projected[5:5 + len(oblasts)]
    neighbours_xy = projected[5 + len(oblasts):]
    gained_km2, lost_km2 = (float(a) for a in area_km2(np.array([gained_xy, lost_xy])))
    gained_xy, gained_slivers = _without_slivers(gained_xy, min_width_m)
    lost_xy, lost_slivers = _without_slivers(lost_xy, min_width_m)
    slivers = np.concatenate([gained_slivers, lost_slivers])

    figure = _figure(13.5, 8.4)
    grid = figure.add_gridspec(2, 2, width_ratios=[2.75, 1], height_ratios=[1, 1.05],
                               left=0.015, right=0.985, top=0.885, bottom=0.055,
                               wspace=0.03, hspace=0.05)
    main = figure.add_subplot(grid[:, 0])
    overview = figure.add_subplot(grid[0, 1])
    key = figure.add_subplot(grid[1, 1])
    figure.text(0.015, 0.965, title, fontsize=15, fontweight="bold", va="top")
    if subtitle:
        figure.text(0.015, 0.925, subtitle, fontsize=10.5, color=TEXT_GREY, va="top")

    view = _fit_view(_focus_bounds([gained_xy, lost_xy], layer_xy, border_xy),
                     _box_aspect(figure, main))
    base = dict(border=border_xy, sea=sea_xy, oblasts=oblasts_xy, neighbours=neighbours_xy,
                layer=layer_xy, gained=gained_xy, lost=lost_xy)
    _draw_base(main, view, **base, detail=True)
    changed = np.concatenate([shapely.get_parts(gained_xy), shapely.get_parts(lost_xy)])
    region_names = [
        *_label_regions(main, view, [n.removesuffix(" Oblast") for n in names], oblasts_xy,
                        changed, colour="#8d8d8d"),
        *_label_regions(main, view, [n for n, _ in neighbours], neighbours_xy, changed,
                        colour="#a09d96")]
    if places:
        _label_places(main, view, places, region_names)
    _scale_bar(main, view)

    country = _fit_view(shapely.bounds(border_xy), _box_aspect(figure, overview), pad=0.04,
                        min_span_m=0)
    _draw_base(overview, country, **base, detail=False)
    overview.add_patch(Rectangle((view[0], view[1]), view[2] - view[0], view[3] - view[1],
                                 fill=False, edgecolor="#111111", linewidth=1.1, zorder=9))
    overview.set_title("Whole country; box = map at left", fontsize=8.5, color=TEXT_GREY)

    _draw_key(key, layer, gained_km2, lost_km2, area_km2(slivers), min_width_m, bool(places))
    figure.text(0.015, 0.018, ATTRIBUTION, fontsize=7.5, color=TEXT_GREY)
    return figure


def _draw_key(key: Axes, layer: str, gained_km2: float, lost_km2: float,
              sliver_km2: np.ndarray, min_width_m: float, with_places: bool) -> None:
    """The legend with the period's km², and notes on how to read the map."""
    up, down = _MEANING.get(layer, ("", ""))
    noun = f"{layer.capitalize()} area"
    handles = [
        Patch(facecolor=GAINED_COLOUR, label=f"{noun} gained: {gained_km2:,.1f} km²"
                                             + (f"\n({up})" if up else "")),
        Patch(facecolor=LOST_COLOUR, label=f"{noun} lost: {lost_km2:,.1f} km²"
                                          + (f"\n({down})" if down else "")),
        Patch(facecolor=LAYER_COLOUR, edgecolor="#d49a92", label=f"{noun} at end of period"),
        Line2D([], [], color=BORDER_EDGE, linewidth=1.4, label="State border"),
        Line2D([], [], color=OBLAST_EDGE, linewidth=0.8, label="Oblast boundary"),
    ]
    if with_places:
        handles.append(Line2D([], [], marker="o", linestyle="", color="#222222",
                              markersize=4, label="Settlement"))
    key.axis("off")
    key.legend(handles=handles, loc="upper left", frameon=False, fontsize=9.5,
               handlelength=1.6, labelspacing=0.9, borderaxespad=0.6)
    notes = [f"Net change: {_signed(gained_km2 - lost_km2, 1)} km²",
             "Red and blue add up every daily change in the period (gross), so an area "
             "taken and lost again shows in both."]
    if len(sliver_km2):
        notes.append(f"{len(sliver_km2):,} slivers under {min_width_m:g} m wide (a line "
                     f"redrawn, {float(sliver_km2.sum()):,.2f} km² in all) are not drawn.")
    key.text(0.03, 0.26, "\n".join(textwrap.fill(n, 44) for n in notes),
             transform=key.transAxes, fontsize=8.5, color=TEXT_GREY, va="top",
             linespacing=1.35)


def _without_slivers(geom: shapely.Geometry, min_width_m: float
                     ) -> tuple[shapely.Geometry, np.ndarray]:
    """The polygons of ``geom`` at least ``min_width_m`` wide on average, and the rest."""
    parts = shapely.get_parts(shapely.get_parts(geom))
    parts = parts[shapely.get_type_id(parts) == 3]
    widths = 2 * shapely.area(parts) / np.maximum(shapely.length(parts), 1e-9)
    thin = widths < min_width_m
    return shapely.multipolygons(parts[~thin]), parts[thin]


def _focus_bounds(changes: Sequence[shapely.Geometry], layer: shapely.Geometry | None,
                  border: shapely.Geometry) -> np.ndarray:
    """Bounds of the changes, else of the layer, else of the border (bounds only: no overlay,
    which reprojected slivers can make GEOS refuse)."""
    for geoms in (changes, [layer], [border]):
        bounds = shapely.bounds(np.array(geoms, dtype=object))
        if not np.isnan(bounds).all():
            return np.concatenate([np.nanmin(bounds[:, :2], axis=0),
                                   np.nanmax(bounds[:, 2:], axis=0)])
    raise ValueError("nothing to map: the border is empty")


def _box_aspect(figure: Figure, axes: Axes) -> float:
    """Width over height of an axes box in inches."""
    box = axes.get_position()
    width_in, height_in = figure.get_size_inches()
    return float((box.width * width_in) / (box.height * height_in))


def _fit_view(bounds: np.ndarray, aspect: float, pad: float = 0.18,
              min_span_m: float = 120_000) -> tuple[float, float, float, float]:
    """Bounds grown by ``pad`` and to at least ``min_span_m``, then widened on one side to the
    box's aspect so the map fills its box at true scale."""
    x0, y0, x1, y1 = (float(v) for v in bounds)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    width = max((x1 - x0) * (1 + 2 * pad), min_span_m)
    height = max((y1 - y0) * (1 + 2 * pad), min_span_m)
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2


def _path(geoms: shapely.Geometry | np.ndarray) -> Path | None:
    """One compound matplotlib path of all polygons in ``geoms`` (holes kept), or None."""
    parts = shapely.get_parts(shapely.get_parts(np.atleast_1d(np.asarray(geoms, dtype=object))))
    parts = parts[(shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)]
    if len(parts) == 0:
        return None
    # Exteriors anticlockwise and holes clockwise, so the non-zero fill rule leaves holes open.
    rings = shapely.get_rings(shapely.orient_polygons(parts))
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    codes = np.full(len(coords), Path.LINETO, dtype=Path.code_type)
    starts = np.flatnonzero(np.r_[True, ring_of[1:] != ring_of[:-1]])
    codes[starts] = Path.MOVETO
    codes[np.r_[starts[1:] - 1, len(coords) - 1]] = Path.CLOSEPOLY
    return Path(coords, codes)


def _add(axes: Axes, geoms: Geoms, view: View, zorder: float, **style: Any) -> None:
    """Draw ``geoms`` clipped to a little more than the view and simplified to about a quarter
    of a pixel at 150 dpi: the image looks the same, the paths and SVG files are far smaller."""
    x0, y0, x1, y1 = view
    margin = 0.05 * (x1 - x0)
    valid = [g for g in np.atleast_1d(np.asarray(geoms, dtype=object)) if g is not None]
    if not valid:
        return
    clipped = shapely.clip_by_rect(np.array(valid, dtype=object),
                                   x0 - margin, y0 - margin, x1 + margin, y1 + margin)
    path = _path(shapely.simplify(clipped, (x1 - x0) / 6_000))
    if path is not None:
        # add_artist, not add_patch: the limits are set by the view, and add_patch would walk
        # every vertex of every ring (seconds for a country) to update them.
        axes.add_artist(PathPatch(path, zorder=zorder, **style))


def _draw_base(axes: Axes, view: View, *, border: Geoms, sea: Geoms, oblasts: Geoms,
               neighbours: Geoms, layer: Geoms, gained: Geoms, lost: Geoms, detail: bool) -> None:
    """Sea, neighbours, the country, the layer, the changes and the boundaries, in that order.

    In the overview (``detail=False``) the changes get a thick outline so that a few km² stay
    visible at country scale.
    """
    axes.set_facecolor(FOREIGN_COLOUR)
    _add(axes, sea, view, 1, facecolor=SEA_COLOUR, edgecolor="none")
    _add(axes, neighbours, view, 2, facecolor=FOREIGN_COLOUR, edgecolor="#bdbbb5",
         linewidth=0.5)
    _add(axes, border, view, 3, facecolor=LAND_COLOUR, edgecolor="none")
    _add(axes, layer, view, 4, facecolor=LAYER_COLOUR, edgecolor="#d49a92", linewidth=0.4)
    outline = 0.3 if detail else 1.2
    _add(axes, gained, view, 6, facecolor=GAINED_COLOUR, edgecolor=GAINED_COLOUR,
         linewidth=outline)
    _add(axes, lost, view, 6.5, facecolor=LOST_COLOUR, edgecolor=LOST_COLOUR, linewidth=outline)
    _add(axes, oblasts, view, 7, facecolor="none", edgecolor=OBLAST_EDGE,
         linewidth=0.8 if detail else 0.4)
    _add(axes, border, view, 8, facecolor="none", edgecolor=BORDER_EDGE,
         linewidth=1.5 if detail else 0.8)
    axes.set_xlim(view[0], view[2])
    axes.set_ylim(view[1], view[3])
    axes.set_aspect("equal")
    axes.set_xticks([])
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_edgecolor("#8a8a8a")


def _label_regions(axes: Axes, view: View, names: Sequence[str], regions: Geoms,
                   changed: np.ndarray,
                   colour: str) -> list[Text]:
    """Name each region that fills a fair share of the view, at the pole of inaccessibility
    (the point farthest from all edges) of its visible part left clear of the changes.

    Only the view's inner part counts, so that names stay clear of the frame and scale bar;
    the changes are kept clear by their boxes, which are valid where reprojected slivers may
    not be.
    """
    x0, y0, x1, y1 = view
    dx, dy = 0.1 * (x1 - x0), 0.1 * (y1 - y0)
    visible = shapely.clip_by_rect(np.asarray(regions, dtype=object), x0 + dx, y0 + dy,
                                   x1 - dx, y1 - dy)
    boxes = shapely.union_all(shapely.buffer(shapely.envelope(changed), 0.03 * (x1 - x0),
                                             join_style="mitre"))
    clear = shapely.difference(shapely.make_valid(visible), boxes)
    texts = []
    for name, part, area in zip(names, clear, shapely.area(clear)):
        if area < 0.025 * (x1 - x0) * (y1 - y0):
            continue
        pieces = shapely.get_parts(part)
        pieces = pieces[shapely.get_type_id(pieces) == 3]
        largest = pieces[np.argmax(shapely.area(pieces))]
        point = polylabel(largest, tolerance=(x1 - x0) / 200)
        texts.append(axes.text(point.x, point.y, name.upper(), fontsize=9, color=colour,
                               ha="center", va="center", fontstyle="italic", zorder=9,
                               path_effects=_HALO))
    return texts


#: Where a name may sit around its dot, in order of preference: (dx, dy) points, ha, va.
_LABEL_SPOTS = ((5, 2, "left", "bottom"), (5, -2, "left", "top"), (-5, 2, "right", "bottom"),
                (-5, -2, "right", "top"), (0, 5, "center", "bottom"), (0, -5, "center", "top"))


def _label_places(axes: Axes, view: View, places: Sequence[tuple[str, float, float]],
                  drawn: Sequence[Text]) -> None:
    """A dot and a name for each place inside the view; each name takes the first spot around
    its dot that overlaps no name or dot already there (``drawn`` texts, then the places in
    the order given) and stays inside the map, else the first spot."""
    xs, ys = lonlat_to_xy([p[1] for p in places], [p[2] for p in places])
    x0, y0, x1, y1 = view
    inside = [(name, x, y) for (name, _lon, _lat), x, y in zip(places, xs, ys)
              if x0 < x < x1 and y0 < y < y1]
    if not inside:
        return
    axes.plot([p[1] for p in inside], [p[2] for p in inside], "o", color="#222222",
              markersize=3.6, zorder=10, markeredgecolor="white", markeredgewidth=0.6)
    renderer = cast(FigureCanvasAgg, axes.figure.canvas).get_renderer()
    frame = axes.get_window_extent(renderer)
    taken = [Bbox.from_bounds(*(axes.transData.transform((x, y)) - 3), 6, 6)  # type: ignore[call-arg]
             for _name, x, y in inside] + [t.get_window_extent(renderer) for t in drawn]
    for name, x, y in inside:
        for spot in _LABEL_SPOTS:
            text = _name_at(axes, name, x, y, spot)
            box = text.get_window_extent(renderer)
            fits = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if fits and not any(box.overlaps(other) for other in taken):
                break
            text.remove()
        else:  # no free spot: overlap rather than drop the name
            box = _name_at(axes, name, x, y, _LABEL_SPOTS[0]).get_window_extent(renderer)
        taken.append(box)


def _name_at(axes: Axes, name: str, x: float, y: float, spot: tuple[int, int, str, str]
             ) -> Text:
    dx, dy, ha, va = spot
    return axes.annotate(name, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha,
                         va=va, fontsize=9, color="#1a1a1a", zorder=10, path_effects=_HALO)


def _scale_bar(axes: Axes, view: View) -> None:
    """A bar of a round number of km, about a fifth of the view wide, bottom left."""
    x0, y0, x1, y1 = view
    target_km = (x1 - x0) / 1000 / 5
    length_km = max([s for s in _SCALE_STEPS_KM if s <= target_km], default=_SCALE_STEPS_KM[0])
    left, base = x0 + 0.03 * (x1 - x0), y0 + 0.04 * (y1 - y0)
    axes.plot([left, left + length_km * 1000], [base, base], color="#111111", linewidth=3,
              solid_capstyle="butt", zorder=11)
    axes.text(left + length_km * 500, base + 0.012 * (y1 - y0), f"{length_km:g} km",
              ha="center", va="bottom", fontsize=9, zorder=11, path_effects=_HALO)
