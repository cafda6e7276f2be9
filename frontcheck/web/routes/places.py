"""``/api/places``: settlement search (any language or spelling), records, control timelines and
status on a date, and the larger towns the map labels."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import numpy as np
from fastapi import APIRouter, Query, Response

from frontcheck.errors import NotFoundError
from frontcheck.store.places import candidate_rows, place_by_id, place_index, resolve_in_store
from frontcheck.store.timelines import place_status, place_timeline
from frontcheck.web.deps import ConnectionDep, PageDep, TrackerQuery
from frontcheck.web.schemas import CandidateOut, PlaceOut, StatusOut, TimelineRun

router = APIRouter(prefix="/api/places", tags=["places"])


def _place(connection, place_id: str) -> dict:
    found = place_by_id(connection, place_id)
    if found is None:
        raise NotFoundError(f"no place with id {place_id!r}; find one with /api/places/search?q=")
    return found


@router.get("", response_model=list[PlaceOut])
def places(connection: ConnectionDep, page: PageDep, response: Response,
           min_population: Annotated[int, Query(ge=0, description="Only places at least this "
                                                "populous.")] = 10_000,
           oblast: Annotated[str | None, Query(description="Only this oblast (as the "
                                               "gazetteer names it).")] = None) -> list[dict]:
    """Settlements with coordinates, most populous first (the map's labels)."""
    index = place_index(connection)
    population = np.nan_to_num(index.population, nan=-1.0)
    keep = index.has_point & (population >= min_population)
    if oblast is not None:
        keep &= np.array([o == oblast for o in index.oblast])
    rows = [{"id": index.ids[i], "name": index.name_en[i], "name_uk": index.name_uk[i],
             "name_ru": index.name_ru[i], "oblast": index.oblast[i], "raion": index.raion[i],
             "lon": float(index.lon[i]), "lat": float(index.lat[i]),
             "population": int(population[i]) if population[i] >= 0 else None}
            for i in np.flatnonzero(keep)[np.argsort(-population[keep], kind="stable")]]
    return page.of(rows, response)


@router.get("/search", response_model=list[CandidateOut])
def search(connection: ConnectionDep,
           q: Annotated[str, Query(min_length=1, description="A mention in any language, "
                                   "spelling or case form, e.g. Красноармейск.")],
           oblast: Annotated[str | None, Query(description="Oblast, to tell homonyms apart.")] = None,
           on: Annotated[date | None, Query(description="Date of the mention: the front line "
                                            "then is evidence.")] = None,
           limit: Annotated[int, Query(ge=1, le=100)] = 10) -> list[dict]:
    """Ranked settlements a mention may mean, each with a score and the reason: the records of
    ``frontcheck place search --format json``."""
    resolution = resolve_in_store(connection, q, oblast=oblast, on=on, limit=limit)
    return candidate_rows(place_index(connection), resolution)


@router.get("/{place_id}", response_model=PlaceOut)
def place(place_id: str, connection: ConnectionDep) -> dict:
    """One settlement by gazetteer id (``gn:704422``)."""
    return _place(connection, place_id)


@router.get("/{place_id}/timeline", response_model=list[TimelineRun])
def timeline(place_id: str, connection: ConnectionDep,
             tracker: TrackerQuery = "deepstate") -> list[dict]:
    """The settlement's control timeline as banded runs: ``control timeline --format json``."""
    rows = place_timeline(connection, tracker, _place(connection, place_id))
    if not rows:
        raise NotFoundError(f"no {tracker} timeline; ingest snapshots with "
                            "`frontcheck control ingest`")
    return rows


@router.get("/{place_id}/status", response_model=StatusOut)
def status(place_id: str, connection: ConnectionDep,
           on: Annotated[date, Query(description="Date (YYYY-MM-DD).")],
           tracker: TrackerQuery = "deepstate") -> dict:
    """Share of the settlement's footprint in each layer on a date: ``control status``."""
    return place_status(connection, tracker, _place(connection, place_id), on)
