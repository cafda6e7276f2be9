"""``/api/basemap``: the outlines shipped with the package (Ukraine's border, oblasts, the
neighbouring Russian regions, the sea), so that the map needs no tile server."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from fastapi import APIRouter, Request, Response

from frontcheck import __version__, assets
from frontcheck.web.cache import conditional, etag_of
from frontcheck.web.geojson import decimals, feature_collection, geometry_json, simplified

router = APIRouter(prefix="/api", tags=["map"])
#: Outlines are drawn at country scale; zoom 7 detail (about 400 m) is ample for them.
BASEMAP_ZOOM = 7


@lru_cache(maxsize=1)
def basemap_bytes() -> bytes:
    """The outlines as one FeatureCollection, each feature with ``kind`` and ``name``."""
    named = ([("sea", "Black Sea and Sea of Azov", assets.sea()),
              ("border", "Ukraine", assets.ukraine_border())]
             + [("oblast", n, g) for n, g in assets.oblasts()]
             + [("neighbour", n, g) for n, g in assets.neighbour_regions()])
    shapes = simplified(np.array([g for _, _, g in named], dtype=object), BASEMAP_ZOOM)
    features = [{"type": "Feature", "id": f"{kind}:{name}",
                 "properties": {"kind": kind, "name": name},
                 "geometry": geometry_json(shape, decimals(BASEMAP_ZOOM))}
                for (kind, name, _), shape in zip(named, shapes)]
    return feature_collection(features)


@router.get("/basemap", response_class=Response,
            responses={200: {"content": {"application/geo+json": {}}, "description": "GeoJSON"}})
def basemap(request: Request) -> Response:
    """Outlines for the map's background, as GeoJSON (features: sea, border, oblasts with
    their names, neighbouring regions)."""
    return conditional(request, etag_of("basemap", __version__, BASEMAP_ZOOM), basemap_bytes)
