"""Read-only queries for ``frontcheck export``: a run of dates' layers with their daily
changes, every settlement's stored intervals, and what a claim's place and source add for
ACLED's columns. Bulk reads; no redaction and no shaping here (``app.exports`` does that)."""

from __future__ import annotations

from datetime import date

import shapely
from sqlalchemy import Connection, and_, select

from frontcheck.store import schema as s
from frontcheck.store.control import tracker_sequence

__all__ = ["dated_layer_rows", "timeline_interval_rows", "timeline_last_date", "place_admin",
           "claim_source_rows"]


def dated_layer_rows(connection: Connection, tracker: str, dates: list[date],
                     layer: str | None = None) -> list[dict]:
    """Per sequence snapshot dated in ``dates`` and layer, oldest first: ``date``, ``layer``,
    ``area_km2`` and the lon/lat ``geometry``; and, where the snapshot has a previous one,
    ``gained``/``lost`` geometries with ``gained_km2``/``lost_km2`` (None on the first)."""
    wanted = set(dates)
    ids = {e.id: e.on for e in tracker_sequence(connection, tracker) if e.on in wanted}
    if not ids:
        return []
    query = (select(s.layer.c.snapshot_id, s.layer.c.layer, s.layer.c.area_km2,
                    s.layer.c.geometry, s.change.c.gained, s.change.c.lost,
                    s.change.c.gained_km2, s.change.c.lost_km2)
             .outerjoin(s.change, and_(s.change.c.snapshot_id == s.layer.c.snapshot_id,
                                       s.change.c.layer == s.layer.c.layer))
             .where(s.layer.c.snapshot_id.in_(list(ids))))
    if layer is not None:
        query = query.where(s.layer.c.layer == layer)
    rows = connection.execute(query).all()
    geometries = shapely.from_wkb([r.geometry for r in rows])
    # no change row on a tracker's first date: WKB None decodes to None
    gained = shapely.from_wkb([r.gained for r in rows])
    lost = shapely.from_wkb([r.lost for r in rows])
    out = [{"date": ids[r.snapshot_id], "layer": r.layer, "area_km2": r.area_km2,
            "geometry": geometry, "gained": plus, "lost": minus,
            "gained_km2": r.gained_km2, "lost_km2": r.lost_km2}
           for r, geometry, plus, minus in zip(rows, geometries, gained, lost)]
    return sorted(out, key=lambda r: (r["date"], r["layer"]))


def timeline_last_date(connection: Connection, tracker: str) -> date | None:
    """The last snapshot date a tracker's timelines were built to (None: never built)."""
    return connection.execute(select(s.timeline_index.c.last_date)
                              .where(s.timeline_index.c.tracker == tracker)).scalar()


def timeline_interval_rows(connection: Connection, tracker: str) -> list[tuple]:
    """Every stored interval of a tracker with its place: ``(place_id, name_en, name_uk,
    name_ru, oblast, lon, lat, layer, valid_from, valid_to, fraction)``, by place, layer and
    date."""
    i, p = s.timeline_interval.c, s.place.c
    return [tuple(r) for r in connection.execute(
        select(i.place_id, p.name_en, p.name_uk, p.name_ru, p.oblast, p.lon, p.lat, i.layer,
               i.valid_from, i.valid_to, i.fraction)
        .join(s.place, s.place.c.id == i.place_id)
        .where(i.tracker == tracker)
        .order_by(i.place_id, i.layer, i.valid_from))]


def place_admin(connection: Connection, place_ids: set[str]) -> dict[str, dict]:
    """The gazetteer's admin areas of places: ``{id: {name_en, country, oblast, raion,
    hromada}}``."""
    if not place_ids:
        return {}
    p = s.place.c
    return {r.id: {"name_en": r.name_en, "country": r.country, "oblast": r.oblast,
                   "raion": r.raion, "hromada": r.hromada}
            for r in connection.execute(select(p.id, p.name_en, p.country, p.oblast, p.raion,
                                               p.hromada)
                                        .where(p.id.in_(list(place_ids))))}


def claim_source_rows(connection: Connection, source_ids: set[int]) -> dict[int, dict]:
    """Sources that claims were read from: ``{id: {publisher, kind, url}}``."""
    if not source_ids:
        return {}
    c = s.source.c
    return {r.id: {"publisher": r.publisher, "kind": r.kind, "url": r.url}
            for r in connection.execute(select(c.id, c.publisher, c.kind, c.url)
                                        .where(c.id.in_(list(source_ids))))}
