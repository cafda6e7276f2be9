"""Places in the store: the gazetteer's places and name forms written once per file content,
and read back (as ``PlaceRecord``, by id, by name key, as points). Loading a file and resolving
names are ``app.place_load``'s and ``app.place_lookup``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import numpy as np
import shapely
from sqlalchemy import Connection, func, select

from frontcheck.places.gazetteer import PlaceRecord
from frontcheck.store.engine import insert_ignoring_duplicates, insert_rows_ignoring_duplicates
from frontcheck.store.schema import footprint, gazetteer_load, layer, place, place_name, snapshot

__all__ = ["gazetteer_rows", "write_gazetteer", "place_count", "settlement_points",
           "gazetteer_loads", "place_records", "latest_occupied_area", "places_by_name_key",
           "place_by_id", "place_points", "place_raions", "place_footprint"]


def _place_row(p: PlaceRecord) -> dict:
    return {"id": p.id, "country": p.country, "name_en": p.name_en, "name_uk": p.name_uk,
            "name_ru": p.name_ru, "name_geonames": p.name_geonames,
            "alt_names": "|".join(p.alt_names), "lat": p.lat, "lon": p.lon,
            "coord_source": p.coord_source, "oblast": p.oblast,
            "oblast_local": p.oblast_local, "raion": p.raion, "raion_local": p.raion_local,
            "hromada": p.hromada, "feature_class": p.feature_class,
            "feature_code": p.feature_code, "katottg_code": p.katottg_code,
            "population": p.population}


def gazetteer_rows(connection: Connection, sha256: str) -> int | None:
    """How many places the gazetteer file with this sha256 had when it was loaded; None when
    it was never loaded."""
    return connection.scalar(select(gazetteer_load.c.rows).where(gazetteer_load.c.sha256 == sha256))


def write_gazetteer(connection: Connection, sha256: str, source_name: str,
                    places: Sequence[PlaceRecord],
                    names: Sequence[tuple[str, str, str, str]]) -> int:
    """Store a parsed gazetteer file in the caller's transaction: the places the store lacks
    (stored ones are kept), the name forms ``(place_id, key, name, kind)`` it lacks, and the
    file's load row. Returns how many places were new."""
    stored_ids = set(connection.scalars(select(place.c.id)))
    new_places = [p for p in places if p.id not in stored_ids]
    insert_rows_ignoring_duplicates(connection, place, [_place_row(p) for p in new_places])
    insert_rows_ignoring_duplicates(connection, place_name,
                                    [{"place_id": pid, "key": key, "name": name, "kind": kind}
                                     for pid, key, name, kind in names])
    connection.execute(insert_ignoring_duplicates(gazetteer_load, connection),
                       {"sha256": sha256, "source_name": source_name, "rows": len(places),
                        "loaded_at": datetime.now(UTC)})
    return len(new_places)


def place_count(connection: Connection) -> int:
    """How many places the store holds."""
    return connection.scalar(select(func.count()).select_from(place)) or 0


def settlement_points(connection: Connection) -> dict[str, np.ndarray]:
    """Every place with coordinates as arrays ordered by id: ``id``, ``lon``, ``lat``,
    ``population`` (NaN when unknown) and ``feature_class``."""
    rows = connection.execute(
        select(place.c.id, place.c.lon, place.c.lat, place.c.population,
               place.c.feature_class)
        .where(place.c.lat.is_not(None), place.c.lon.is_not(None))
        .order_by(place.c.id)).all()
    columns = list(zip(*rows)) if rows else [(), (), (), (), ()]
    return {
        "id": np.array(columns[0], dtype=object),
        "lon": np.array(columns[1], dtype=float),
        "lat": np.array(columns[2], dtype=float),
        "population": np.array([np.nan if v is None else v for v in columns[3]], dtype=float),
        "feature_class": np.array(columns[4], dtype=object),
    }


def _record(row) -> PlaceRecord:
    return PlaceRecord(
        id=row.id, country=row.country, name_en=row.name_en, name_uk=row.name_uk,
        name_ru=row.name_ru, name_geonames=row.name_geonames,
        alt_names=tuple(a for a in row.alt_names.split("|") if a), lat=row.lat, lon=row.lon,
        coord_source=row.coord_source, oblast=row.oblast, oblast_local=row.oblast_local,
        raion=row.raion, raion_local=row.raion_local, hromada=row.hromada,
        feature_class=row.feature_class, feature_code=row.feature_code,
        katottg_code=row.katottg_code, population=row.population)


def gazetteer_loads(connection: Connection) -> tuple[str, ...]:
    """The sha256 of every gazetteer file loaded, sorted."""
    return tuple(sorted(connection.scalars(select(gazetteer_load.c.sha256))))


def place_records(connection: Connection) -> list[PlaceRecord]:
    """Every stored place."""
    return [_record(row) for row in connection.execute(select(place))]


def latest_occupied_area(connection: Connection, on: date) -> shapely.Geometry | None:
    """The occupied layer (lon/lat) of the latest stored snapshot on or before ``on``; None
    when the store has no such snapshot."""
    row = connection.execute(
        select(layer.c.geometry)
        .join(snapshot, snapshot.c.id == layer.c.snapshot_id)
        .where(snapshot.c.snapshot_date <= on, layer.c.layer == "occupied")
        .order_by(snapshot.c.snapshot_date.desc(), snapshot.c.tracker)
        .limit(1)).first()
    return None if row is None else shapely.from_wkb(row.geometry)


def place_by_id(connection: Connection, place_id: str) -> dict | None:
    """The place with a gazetteer id such as ``gn:704422``, or None."""
    row = connection.execute(select(place).where(place.c.id == place_id)).first()
    if row is None:
        return None
    return {"id": row.id, "name": row.name_en, "name_uk": row.name_uk, "name_ru": row.name_ru,
            "oblast": row.oblast, "raion": row.raion, "lon": row.lon, "lat": row.lat,
            "population": row.population}


def places_by_name_key(connection: Connection, key: str, oblast: str | None = None) -> list[dict]:
    """Places one of whose name forms is stored under ``key`` (a ``normalise_name`` key), in
    ``oblast`` when given, by id, as ``place_by_id`` gives them."""
    query = select(place.c.id).where(place.c.id.in_(
        select(place_name.c.place_id).where(place_name.c.key == key)))
    if oblast is not None:
        query = query.where(place.c.oblast == oblast)
    # the ids are read from the place table itself: every one is found
    return [found for pid in connection.scalars(query.order_by(place.c.id))
            if (found := place_by_id(connection, pid)) is not None]


def place_points(connection: Connection, ids: list[str]) -> list[tuple[str, float, float]]:
    """(id, lon, lat) of those of ``ids`` that have coordinates."""
    rows = connection.execute(select(place.c.id, place.c.lon, place.c.lat)
                              .where(place.c.id.in_(ids), place.c.lon.is_not(None))).all()
    return [(r.id, r.lon, r.lat) for r in rows]


def place_raions(connection: Connection, place_ids: list[str]) -> dict[str, str]:
    """Each place id's raion (admin2), to tell same-name villages of one oblast apart."""
    if not place_ids:
        return {}
    rows = connection.execute(select(place.c.id, place.c.raion).where(place.c.id.in_(place_ids)))
    return {row.id: row.raion for row in rows}


def place_footprint(connection: Connection, place_id: str) -> dict | None:
    """The circle whose occupied share a place's timeline and verdicts read: centre and
    radius in metres, and the rule that chose the radius; None without one."""
    row = connection.execute(select(place.c.id, place.c.lat, place.c.lon, footprint.c.radius_m,
                                    footprint.c.rule)
                             .join(footprint, footprint.c.place_id == place.c.id)
                             .where(place.c.id == place_id)).first()
    if row is None:
        return None
    return {"place_id": row.id, "lat": row.lat, "lon": row.lon, "radius_m": row.radius_m,
            "rule": row.rule}
