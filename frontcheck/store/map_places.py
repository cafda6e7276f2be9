"""Settlements within a lon/lat box for the map's labels, by the position index
(``ix_place_lonlat``, migration 0004_place_position_index)."""

from __future__ import annotations

from sqlalchemy import Connection, case, func, select

from frontcheck.places.map_labels import CLASS_RANK, MapBox
from frontcheck.store.schema import gazetteer_load, place

__all__ = ["places_in_box", "gazetteer_version"]


def places_in_box(connection: Connection, box: MapBox, classes: tuple[str, ...],
                  limit: int) -> tuple[list[dict], int]:
    """Up to ``limit`` places of ``classes`` inside ``box``, the most prominent class first and
    then the most populous, and how many of those classes the box holds in all."""
    inside = ((place.c.lon >= box.west) & (place.c.lon <= box.east)
              & (place.c.lat >= box.south) & (place.c.lat <= box.north)
              & place.c.feature_class.in_(classes))
    rank = case(*((place.c.feature_class == c, r) for c, r in CLASS_RANK.items()), else_=99)
    rows = connection.execute(
        select(place.c.id, place.c.name_en, place.c.name_uk, place.c.name_ru, place.c.lat,
               place.c.lon, place.c.feature_class, place.c.population)
        .where(inside)
        .order_by(rank, func.coalesce(place.c.population, -1).desc(), place.c.name_en, place.c.id)
        .limit(limit)).mappings().all()
    total = connection.scalar(select(func.count()).select_from(place).where(inside)) or 0
    return [dict(r) for r in rows], total


def gazetteer_version(connection: Connection) -> tuple[int, int]:
    """Gazetteer files loaded and places held: changes whenever a load adds places, so a map
    answer cached under it is never stale."""
    loads = connection.scalar(select(func.count()).select_from(gazetteer_load)) or 0
    places = connection.scalar(select(func.count()).select_from(place)) or 0
    return loads, places
