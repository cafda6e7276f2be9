"""The small figures of a brief: a verdict's share curve and a map of the place on the claim
and change dates, as SVG text (embedded as data URIs in HTML, Markdown and PDF alike).

Pure: a curve or lon/lat geometries in, SVG text out; drawn on an Agg-backed ``Figure`` like
``render.charts`` (no pyplot state), with the SVG's date stripped so the same data gives the
same bytes.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import shapely
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from frontcheck.render.charts import GAINED_COLOUR, LAYER_COLOUR, TEXT_GREY

__all__ = ["share_curve_svg", "place_map_svg", "svg_data_uri"]

#: Half the side of a place map's window, in degrees (about 15 km east-west at 48° N).
MAP_HALF_SIDE_DEG = 0.1


def _figure(width_in: float, height_in: float) -> Figure:
    figure = Figure(figsize=(width_in, height_in), dpi=100)
    FigureCanvasAgg(figure)
    return figure


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    # a fixed salt for the SVG's element ids: same data, same bytes
    with rc_context({"svg.hashsalt": "frontcheck"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def svg_data_uri(svg: str) -> str:
    """SVG text as a ``data:`` URI an ``<img>`` or a Markdown image can show."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def share_curve_svg(curve: Sequence[Sequence[Any]], threshold: float, claim_date: date | None,
                    change_date: date | None, layer: str = "occupied") -> str | None:
    """The place's share in ``layer`` at each change around the claim (the verdict's
    ``evidence["curve"]``: ``[date, share]`` pairs) as a step line, with the threshold, the
    claim date and the change date marked. None when there is no curve. (The pairs are as the
    evidence's JSON holds them: a date or ISO text, and a share or None.)"""
    points = [(date.fromisoformat(str(d)), float(v)) for d, v in curve if v is not None]
    if not points:
        return None
    figure = _figure(5.6, 2.0)
    axes = figure.add_axes((0.09, 0.2, 0.88, 0.72))
    marked = [d for d in (claim_date, change_date) if d is not None]
    first = np.datetime64(min([points[0][0], *marked]), "D") - np.timedelta64(3, "D")
    last = np.datetime64(max([points[-1][0], *marked]), "D") + np.timedelta64(3, "D")
    # the last share holds until the window's end: step to there
    days = np.array([p[0] for p in points] + [last], dtype="datetime64[D]")
    shares = [p[1] for p in points] + [points[-1][1]]
    axes.step(days, shares, where="post", color="#7a1020", linewidth=1.6)
    # matplotlib's stubs type limits and lines as floats; on an axis with date units (set by
    # step() above) matplotlib converts a datetime64 itself
    axes.set_xlim(first, last)  # type: ignore[arg-type]
    axes.axhline(threshold, color=TEXT_GREY, linewidth=0.8, linestyle="--")
    for when, label, colour in ((claim_date, "claim", "#1f5fbf"),
                                (change_date, "change", GAINED_COLOUR)):
        if when is not None:
            axes.axvline(np.datetime64(when, "D"),  # type: ignore[arg-type]  # as set_xlim
                         color=colour, linewidth=1.0)
            axes.annotate(label, (np.datetime64(when, "D"), 1.02), color=colour, fontsize=7,
                          ha="center", annotation_clip=False)
    axes.set_ylim(-0.03, 1.05)
    axes.set_ylabel(f"share {layer}", fontsize=7)
    locator = AutoDateLocator(minticks=3, maxticks=7)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.tick_params(labelsize=7)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return _svg(figure)


def place_map_svg(layer: shapely.Geometry | None, lon: float, lat: float, name: str,
                  on: date, layer_name: str = "occupied") -> str:
    """A square window around the place: the tracker's ``layer`` on ``on`` filled, the place
    as a dot with its name."""
    figure = _figure(2.6, 2.6)
    axes = figure.add_axes((0.02, 0.1, 0.96, 0.84))
    half = MAP_HALF_SIDE_DEG
    window = shapely.box(lon - half, lat - half, lon + half, lat + half)
    if layer is not None and not shapely.is_empty(layer):
        clipped = shapely.intersection(layer, window)
        for polygon in shapely.get_parts(clipped):
            if isinstance(polygon, shapely.Polygon):
                x, y = polygon.exterior.xy
                axes.fill(x, y, color=LAYER_COLOUR, edgecolor="#c8102e", linewidth=0.6)
    axes.plot([lon], [lat], "o", color="black", markersize=4)
    axes.annotate(name, (lon, lat), xytext=(4, 4), textcoords="offset points", fontsize=7)
    axes.set_xlim(lon - half, lon + half)
    axes.set_ylim(lat - half, lat + half)
    axes.set_aspect(1 / np.cos(np.radians(lat)))
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_title(f"{layer_name} on {on.isoformat()}", fontsize=7)
    return _svg(figure)
