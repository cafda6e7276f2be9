"""Which settlements the map labels at a zoom, and in what order (core: plain values only).

At regional zoom a map with every village is unreadable, so the gazetteer's feature classes are
shown in tiers: cities first, then towns (urban-type settlements), then every populated place;
within the bounded count, a higher class comes first and then the larger population, so that
when the count is reached it is the hamlets that are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CLASS_RANK", "MIN_ZOOM", "VILLAGE_ZOOM", "MapBox", "classes_at_zoom", "parse_bbox"]

#: Gazetteer feature classes the map labels, most prominent first. ``section_of_populated_place``
#: (a district of a town) is left out: it would sit on its own town's label.
CLASS_RANK: dict[str, int] = {"city": 0, "settlement": 1, "populated_place": 2, "village": 3}
#: Below this zoom the map labels only the towns of ``/api/places`` (its own size tiers).
MIN_ZOOM = 8
#: From this zoom every village is labelled; below it cities (MIN_ZOOM) and towns (MIN_ZOOM + 1).
VILLAGE_ZOOM = 10
#: Degrees of longitude or latitude a box may span: a zoom-8 screen 4000 px wide spans 22.
MAX_SPAN_DEG = 25.0


@dataclass(frozen=True, slots=True)
class MapBox:
    """A lon/lat box: west, south, east, north in degrees (west < east, south < north)."""

    west: float
    south: float
    east: float
    north: float


def classes_at_zoom(zoom: int) -> tuple[str, ...]:
    """The feature classes labelled at ``zoom`` (``MIN_ZOOM`` or more), most prominent first.

    >>> classes_at_zoom(8), classes_at_zoom(9)
    (('city',), ('city', 'settlement'))
    >>> classes_at_zoom(12)
    ('city', 'settlement', 'populated_place', 'village')
    """
    if zoom < MIN_ZOOM:
        raise ValueError(f"zoom {zoom} is below {MIN_ZOOM}")
    tiers = 1 if zoom == MIN_ZOOM else 2 if zoom < VILLAGE_ZOOM else len(CLASS_RANK)
    return tuple(sorted(CLASS_RANK, key=CLASS_RANK.__getitem__)[:tiers])


def parse_bbox(text: str) -> MapBox:
    """``west,south,east,north`` in degrees as a ``MapBox``; ``ValueError`` saying what is wrong.

    >>> parse_bbox("36.9,48.1,37.6,48.5")
    MapBox(west=36.9, south=48.1, east=37.6, north=48.5)
    >>> parse_bbox("37,48,36,49")
    Traceback (most recent call last):
    ...
    ValueError: bbox: west 37.0 is not less than east 36.0
    """
    parts = text.split(",")
    if len(parts) != 4:
        raise ValueError(f"bbox: expected west,south,east,north (4 numbers), got {len(parts)} "
                         "values")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"bbox: not a number in {text[:80]!r}") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90
            and -90 <= north <= 90):
        raise ValueError("bbox: longitudes must lie in -180..180 and latitudes in -90..90")
    if west >= east:
        raise ValueError(f"bbox: west {west} is not less than east {east}")
    if south >= north:
        raise ValueError(f"bbox: south {south} is not less than north {north}")
    if east - west > MAX_SPAN_DEG or north - south > MAX_SPAN_DEG:
        raise ValueError(f"bbox: spans more than {MAX_SPAN_DEG:g} degrees; zoom in")
    return MapBox(west, south, east, north)
