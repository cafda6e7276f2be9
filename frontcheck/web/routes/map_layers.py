"""``/api/basemap/places`` and ``/api/basemap/rivers``: what the map draws to orient an analyst
when zoomed in (issue 15), the settlements in view and the shipped rivers. Both answer from the
gazetteer and the package's files only (under ``/api/basemap``, a map prefix)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Request, Response

from frontcheck import __version__
from frontcheck.app import map_layers as jobs
from frontcheck.web.cache import LruCache, conditional, etag_of
from frontcheck.web.deps import ConnectionDep

router = APIRouter(prefix="/api/basemap", tags=["map"])


@router.get("/places", response_class=Response, responses={200: {"content": {
    "application/json": {}}, "description": "settlements: id, name, name_uk, name_ru, lat, "
    "lon, feature_class, population; X-Total-Count: how many the box holds"}})
def places_in_view(
        request: Request, connection: ConnectionDep,
        bbox: Annotated[str, Query(description="west,south,east,north in degrees, e.g. "
                                   "36.9,48.1,37.6,48.5 (at most 25 degrees a side).")],
        zoom: Annotated[int, Query(ge=0, le=22, description=f"Map zoom; at least "
                                   f"{jobs.MIN_ZOOM}: cities there, towns from "
                                   f"{jobs.MIN_ZOOM + 1}, villages from {jobs.VILLAGE_ZOOM}.")],
        limit: Annotated[int, Query(description=f"At most this many (1..{jobs.MAX_LIMIT}), "
                                    "towns before villages, larger first.")] = jobs.DEFAULT_LIMIT,
) -> Response:
    """Settlements inside the box that the map labels at this zoom, the most prominent first;
    cached per gazetteer content (ETag)."""
    options = jobs.view_options(bbox, zoom, limit)
    key = jobs.cache_key(connection, options)
    cache = request.app.state.caches.setdefault("map-places", LruCache(256))

    def make() -> tuple[bytes, int]:
        answer = jobs.places_in_view(connection, options)
        return orjson.dumps([asdict(p) for p in answer.places]), answer.total

    body, total = cache.get_or_make(key, make)
    response = conditional(request, etag_of(*key), lambda: body, media_type="application/json")
    response.headers["X-Total-Count"] = str(total)
    return response


@router.get("/rivers", response_class=Response, responses={200: {"content": {
    "application/geo+json": {}}, "description": "GeoJSON lines"}})
def rivers(request: Request) -> Response:
    """The shipped rivers of Ukraine and the bordering regions as GeoJSON lines (World Data
    Bank II via GSHHG, LGPL-3: ``frontcheck/data/rivers/README.md``)."""
    return conditional(request, etag_of("rivers", __version__), jobs.rivers_geojson)
