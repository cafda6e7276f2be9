"""The map's orientation layers (issue 15): the settlements inside the visible box as labelled
points, and the shipped rivers (``frontcheck/data/rivers``), both drawn beneath or beside the
occupied layer so that an analyst zoomed in on a front knows where she is."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sqlalchemy import Connection

from frontcheck.errors import InputError
from frontcheck.places.map_labels import (
    MIN_ZOOM,
    VILLAGE_ZOOM,
    MapBox,
    classes_at_zoom,
    parse_bbox,
)
from frontcheck.store.map_places import gazetteer_version, places_in_box

__all__ = ["PlacesInView", "MapPlace", "PlacesAnswer", "places_in_view",
           "rivers_geojson", "view_options", "cache_key", "DEFAULT_LIMIT", "MAX_LIMIT",
           "MIN_ZOOM", "VILLAGE_ZOOM"]

DEFAULT_LIMIT = 300
MAX_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class PlacesInView:
    """What the map asks for: a box, the zoom (which classes) and how many at most."""

    box: MapBox
    zoom: int
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True, slots=True)
class MapPlace:
    """A settlement as the map labels it; names in English, Ukrainian and Russian."""

    id: str
    name: str
    name_uk: str
    name_ru: str
    lat: float
    lon: float
    feature_class: str
    population: int | None


@dataclass(frozen=True, slots=True)
class PlacesAnswer:
    places: list[MapPlace]
    total: int          # places of the zoom's classes in the box, before the limit


def view_options(bbox: str, zoom: int, limit: int = DEFAULT_LIMIT) -> PlacesInView:
    """The options from the query's text; ``InputError`` naming the field when one is wrong."""
    try:
        box = parse_bbox(bbox)
    except ValueError as error:
        raise InputError(None, str(error)) from error
    if zoom < MIN_ZOOM:
        raise InputError(None, f"{zoom} is below {MIN_ZOOM}: villages are labelled when zoomed "
                         "in (towns at any zoom: /api/places)", field="zoom")
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(None, f"{limit} is not in 1..{MAX_LIMIT}", field="limit")
    return PlacesInView(box, zoom, limit)


def places_in_view(connection: Connection, options: PlacesInView) -> PlacesAnswer:
    """The settlements the map labels in the box at the zoom, towns before villages."""
    rows, total = places_in_box(connection, options.box, classes_at_zoom(options.zoom),
                                options.limit)
    return PlacesAnswer([MapPlace(r["id"], r["name_en"], r["name_uk"], r["name_ru"],
                                  float(r["lat"]), float(r["lon"]), r["feature_class"],
                                  r["population"]) for r in rows], total)


def cache_key(connection: Connection, options: PlacesInView) -> tuple[object, ...]:
    """What an answer depends on: the gazetteer's content, the box, the zoom's classes (zooms
    that label the same classes share it) and the limit."""
    return ("map-places", gazetteer_version(connection), options.box,
            classes_at_zoom(options.zoom), options.limit)


@lru_cache(maxsize=1)
def rivers_geojson() -> bytes:
    """The shipped rivers as GeoJSON bytes (see ``frontcheck/data/rivers/README.md``)."""
    return resources.files("frontcheck.data.rivers").joinpath("rivers.geojson").read_bytes()
