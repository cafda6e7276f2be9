"""Readers of tracker snapshot files: one function per format, registered by name.

Every reader is pure: ``reader(data, name, options) -> Snapshot``, where ``data`` is the raw
bytes and ``name`` the path to cite in errors. Bad input raises ``InputError``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module

import shapely

from frontcheck.control.snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the user told ``control ingest`` about the files.

    ``layer_map`` maps values of ``layer_property`` to layer names (``"ignore"`` drops them);
    ``home`` is the tracker's home country outline (lon/lat), needed where a format tells
    liberated land from land held abroad by position. ``make_valid`` repairs invalid polygons
    (noting each repair) instead of refusing them; ``force`` stores a snapshot whose layers lie
    mostly outside the area the tracker maps; ``latest`` is the last snapshot date accepted
    (the caller's today + 1 day; None accepts any).
    """

    tracker: str = "deepstate"
    on: date | None = None
    layer_property: str | None = None
    layer_map: dict[str, str] = field(default_factory=dict)
    home: shapely.Geometry | None = None
    make_valid: bool = False
    force: bool = False
    latest: date | None = None


Reader = Callable[[bytes, str, ReadOptions], Snapshot]


#: Format name → (module, function); modules are imported on first use only.
_READERS = {
    "deepstate": ("shipped", "read_shipped"),
    "geojson": ("geojson_layers", "read_geojson_layers"),
    "geoparquet": ("geoparquet", "read_geoparquet"),
    "deepstate-raw": ("raw_dsm", "read_raw_dsm"),
}


FORMAT_NAMES = ("auto", "deepstate", "geojson", "geoparquet", "deepstate-raw")


def reader_for(format_name: str) -> Reader:
    """The reader registered as ``format_name`` (one of ``FORMAT_NAMES`` but ``auto``)."""
    module, function = _READERS[format_name]
    reader: Reader = getattr(import_module(f"frontcheck.control.formats.{module}"), function)
    return reader


def detect_format(data: bytes, name: str, options: ReadOptions) -> str:
    """Guess a file's format from its first bytes and the options given.

    Parquet files start with ``PAR1``; raw DeepStateMAP history carries ``geoJSON.`` keys in
    feature names or wraps the map as ``{"id": ..., "map": ...}``; a GeoJSON file read with
    ``--layer-property`` is a layered GeoJSON; anything else is read as the shipped daily format.
    """
    if data[:4] == b"PAR1":
        return "geoparquet"
    head = data[:200_000]
    if b"geoJSON." in head or (b'"map"' in head and b'"id"' in head[:200]):
        return "deepstate-raw"
    if options.layer_property:
        return "geojson"
    return "deepstate"
