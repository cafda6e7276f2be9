"""Small raw DeepStateMAP history snapshots, built as bytes in the real format.

No raw snapshot may be shipped (licence), so the tests write their own, following
``../shared/data/deepstate-raw-format.md``: "Ukrainian /// English /// geoJSON.key" names with
non-breaking spaces and trailing newlines, 3-D coordinates, the style properties, a satirical
polygon labelled "Occupied", the blue Kursk polygon and points with icon and description.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import orjson
import shapely

NBSP = "\u00a0"
#: 2024-08-08 23:30 UTC: already the 9th east of Greenwich, so a local-time bug shows.
OBSERVED_AT = datetime(2024, 8, 8, 23, 30, tzinfo=UTC)
EPOCH = int(OBSERVED_AT.timestamp())


@dataclass(frozen=True)
class Sample:
    """One feature to write, and what the reader should make of it."""

    name: str
    fill: str
    geometry: shapely.Geometry
    expect: str  # a layer name, "marker", or "ignored"
    description: str = ""
    icon: str = ""


def _box(west: float, south: float, east: float, north: float) -> shapely.Geometry:
    return shapely.box(west, south, east, north)


SAMPLES = (
    Sample(f"Окуповано{NBSP}/// Occupied{NBSP}/// geoJSON.status.occupied", "#a52714",
           _box(37.6, 47.9, 38.2, 48.3), "occupied"),
    Sample("Окупований Крим /// Occupied Crimea /// geoJSON.territories.crimea\n", "#880e4f",
           _box(33.5, 44.8, 34.5, 45.3), "occupied"),
    Sample(f"ОРДЛО{NBSP}///{NBSP}CADR and CALR{NBSP}///{NBSP}geoJSON.territories.ordlo",
           "#880E4F", _box(38.0, 48.0, 38.8, 48.5), "occupied"),
    Sample("Сіра зона /// Unknown status /// geoJSON.status.unknown\n\n", "#bdbdbd",
           _box(37.4, 48.0, 37.6, 48.3), "contested"),
    Sample("Звільнено /// Liberated /// geoJSON.status.dismissed", "#0f9d58",
           _box(36.7, 49.35, 37.0, 49.55), "liberated"),  # Balakliia, Kharkiv oblast
    Sample(f"Звільнено 25.03{NBSP}/// Liberated 25.03{NBSP}/// "
           "geoJSON.status.dismissed_at {{at:25.03}}\n", "#0f9d58",
           _box(32.7, 46.95, 32.95, 47.15), "liberated"),  # Snihurivka, Mykolaiv oblast
    Sample("Звільнено /// Liberated /// geoJSON.status.dismissed", "#0288d1",
           _box(35.1, 51.1, 35.45, 51.3), "ukrainian_held_abroad"),  # Sudzha, Kursk oblast
    Sample("Звільнено /// Liberated /// geoJSON.status.dismissed", "#0f9d58",
           _box(35.6, 51.3, 35.9, 51.45), "ukrainian_held_abroad"),  # green, Kursk oblast
    Sample("Окуповано /// Occupied /// geoJSON.status.occupied", "#ff5252",
           _box(32.0, 62.0, 34.0, 64.0), "ignored"),  # satirical: Karelia
    Sample("Окуповано /// Occupied /// geoJSON.jokes.prussia", "#a52714",
           _box(20.5, 54.4, 22.5, 55.2), "ignored"),  # unknown key, label "Occupied"
    Sample("Напрямок /// Direction /// geoJSON.directions.arrow", "#000000",
           shapely.LineString([(37.0, 48.0), (37.3, 48.2)]), "ignored"),
    Sample(f"93 ОМБр{NBSP}/// 93rd Mechanized Brigade{NBSP}/// geoJSON.units.brigade\n",
           "", shapely.Point(37.8, 48.6), "marker",
           description="<b>93 ОМБр</b> Холодний Яр", icon="images/icon-3.png"),
    Sample("Аеродром /// Airfield /// geoJSON.airports", "", shapely.Point(35.9, 48.4),
           "marker", description="", icon="images/icon-airport.png"),
)


def feature(sample: Sample) -> dict:
    """One raw feature: 3-D coordinates and the style properties the live map carries."""
    geometry = orjson.loads(shapely.to_geojson(shapely.force_3d(sample.geometry, 0.0)))
    properties = {"name": sample.name, "styleUrl": "#poly-A52714-1200-77", "styleHash": "1e3a",
                  "styleMapHash": {"normal": "#n", "highlight": "#h"}, "fill": sample.fill,
                  "fill-opacity": 0.25, "stroke": sample.fill, "stroke-opacity": 1,
                  "stroke-width": 1.2}
    if sample.geometry.geom_type == "Point":
        properties |= {"description": sample.description, "icon": sample.icon}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def collection(samples: tuple[Sample, ...] = SAMPLES) -> dict:
    return {"type": "FeatureCollection", "features": [feature(s) for s in samples]}


def bare_bytes(samples: tuple[Sample, ...] = SAMPLES) -> bytes:
    """``/api/history/<id>/geojson``: the FeatureCollection alone."""
    return orjson.dumps(collection(samples), option=orjson.OPT_INDENT_2)


def wrapped_bytes(samples: tuple[Sample, ...] = SAMPLES, epoch: object = EPOCH) -> bytes:
    """``/api/history/last``: ``{"id": <epoch>, "map": FeatureCollection}``."""
    return orjson.dumps({"id": epoch, "map": collection(samples)})


def expected_layer(layer: str, samples: tuple[Sample, ...] = SAMPLES) -> shapely.Geometry:
    """The union of the samples meant for ``layer`` (empty when none), computed apart."""
    return shapely.union_all([s.geometry for s in samples if s.expect == layer])
