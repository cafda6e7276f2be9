"""Data files shipped inside the package (boundaries), read once per process."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import orjson
import shapely


def _features(name: str) -> list[dict]:
    data = resources.files("frontcheck.data.boundaries").joinpath(name).read_bytes()
    return orjson.loads(data)["features"]


def _geometry(feature: dict) -> shapely.Geometry:
    return shapely.from_geojson(orjson.dumps(feature["geometry"]))


@lru_cache(maxsize=1)
def ukraine_border() -> shapely.Geometry:
    """Ukraine within its internationally recognised border, Crimea included (lon/lat)."""
    return _geometry(_features("ukraine_border.geojson")[0])


@lru_cache(maxsize=1)
def neighbour_regions() -> tuple[tuple[str, shapely.Geometry], ...]:
    """Russia's regions bordering Ukraine, as (name, geometry), for coverage of incursions."""
    return tuple((f["properties"]["name_en"], _geometry(f))
                 for f in _features("neighbours.geojson")
                 if f["properties"]["level"] == "admin1")


@lru_cache(maxsize=1)
def oblasts() -> tuple[tuple[str, shapely.Geometry], ...]:
    """Ukraine's 27 first-level units as (English name as in the gazetteer, geometry)."""
    return tuple((f["properties"]["name_en"], _geometry(f))
                 for f in _features("ukraine_oblasts.geojson"))


@lru_cache(maxsize=1)
def sea() -> shapely.Geometry:
    """The Black Sea and the Sea of Azov (lon/lat), the water on maps of the south."""
    return _geometry(_features("sea.geojson")[0])
