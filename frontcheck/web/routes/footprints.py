"""``/api/places/{id}/footprint``: the circle a place's verdicts read the occupied share of,
drawn on the map while a claim's evidence card is open (issue 15)."""

from __future__ import annotations

from fastapi import APIRouter

from frontcheck.app.places import Footprint, place_footprint
from frontcheck.web.deps import ConnectionDep

router = APIRouter(prefix="/api/places", tags=["places"])


@router.get("/{place_id}/footprint", response_model=Footprint)
def footprint(place_id: str, connection: ConnectionDep) -> Footprint:
    """Centre (lat, lon), radius in metres and the rule that chose it."""
    return place_footprint(connection, place_id)
