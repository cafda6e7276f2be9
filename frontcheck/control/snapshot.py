"""What one tracker says on one day: polygon layers, point markers and provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import shapely

#: Layer names frontcheck knows; a user may map tracker layers to any other name too.
OCCUPIED = "occupied"
CONTESTED = "contested"
LIBERATED = "liberated"
HELD_ABROAD = "ukrainian_held_abroad"
KNOWN_LAYERS = (OCCUPIED, CONTESTED, LIBERATED, HELD_ABROAD)

#: The pseudo-layer whose footprint fraction says how much of a settlement the tracker maps.
COVERAGE = "coverage"


@dataclass(frozen=True, slots=True)
class Layer:
    """One named layer of a snapshot: a (possibly empty) MultiPolygon in lon/lat (WGS 84)."""

    name: str
    geometry: shapely.Geometry


@dataclass(frozen=True, slots=True)
class Marker:
    """A dated point the tracker draws (unit, attack direction, airfield), kept as it came."""

    kind: str
    label: str
    description: str
    icon: str
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One tracker's map on one day, as read from one file.

    ``on`` is the snapshot date used everywhere (for the shipped DeepState files, the date in the
    file name, i.e. the download day; the map shows the evening before). ``sha256`` is the hash of
    the raw file bytes and keys the snapshot in the store. ``notes`` lists what the reader
    skipped on purpose (satirical polygons, unknown keys), for the ingest report.
    """

    tracker: str
    on: date
    sha256: str
    source_name: str
    source_format: str
    layers: tuple[Layer, ...]
    markers: tuple[Marker, ...] = ()
    observed_at: datetime | None = None
    notes: tuple[str, ...] = field(default=())

    def layer(self, name: str) -> Layer | None:
        """The layer called ``name``, or None when this snapshot does not carry it."""
        return next((layer for layer in self.layers if layer.name == name), None)
