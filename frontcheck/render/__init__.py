"""Figures for analysts, drawn from plain rows and geometries (no store access)."""

from frontcheck.render.charts import ATTRIBUTION, area_chart, gains_map

__all__ = ["ATTRIBUTION", "area_chart", "gains_map"]
