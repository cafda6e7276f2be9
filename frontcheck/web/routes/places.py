"""``/api/places``: settlement search (any language or spelling), records, control timelines and
status on a date, and the larger towns the map labels."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from frontcheck.app import place_history
from frontcheck.app import places as jobs
from frontcheck.app.place_history import PlaceStatus, TimelineRun
from frontcheck.app.places import Candidate
from frontcheck.app.records import Place
from frontcheck.web.deps import ConnectionDep, PageDep, TrackerQuery

router = APIRouter(prefix="/api/places", tags=["places"])


@router.get("", response_model=list[Place])
def places(connection: ConnectionDep, page: PageDep, response: Response,
           min_population: Annotated[int, Query(ge=0, description="Only places at least this "
                                                "populous.")] = 10_000,
           oblast: Annotated[str | None, Query(description="Only this oblast (as the "
                                               "gazetteer names it).")] = None) -> list[Place]:
    """Settlements with coordinates, most populous first (the map's labels)."""
    return page.of(jobs.labelled_places(connection, min_population, oblast), response)


@router.get("/search", response_model=list[Candidate])
def search(connection: ConnectionDep,
           q: Annotated[str, Query(min_length=1, description="A mention in any language, "
                                   "spelling or case form, e.g. Красноармейск.")],
           oblast: Annotated[str | None, Query(description="Oblast, to tell homonyms apart.")] = None,
           on: Annotated[date | None, Query(description="Date of the mention: the front line "
                                            "then is evidence.")] = None,
           limit: Annotated[int, Query(ge=1, le=100)] = 10) -> list[Candidate]:
    """Ranked settlements a mention may mean, each with a score and the reason: the records of
    ``frontcheck place search --format json``."""
    return jobs.search(connection, q, oblast=oblast, on=on, limit=limit).candidates


@router.get("/{place_id}", response_model=Place)
def place(place_id: str, connection: ConnectionDep) -> Place:
    """One settlement by gazetteer id (``gn:704422``)."""
    return jobs.place(connection, place_id)


@router.get("/{place_id}/timeline", response_model=list[TimelineRun])
def timeline(place_id: str, connection: ConnectionDep,
             tracker: TrackerQuery = "deepstate") -> list[TimelineRun]:
    """The settlement's control timeline as banded runs: ``control timeline --format json``."""
    return place_history.timeline(connection, jobs.place(connection, place_id), tracker)


@router.get("/{place_id}/status", response_model=PlaceStatus)
def status(place_id: str, connection: ConnectionDep,
           on: Annotated[date, Query(description="Date (YYYY-MM-DD).")],
           tracker: TrackerQuery = "deepstate") -> PlaceStatus:
    """Share of the settlement's footprint in each layer on a date: ``control status``."""
    return place_history.status(connection, jobs.place(connection, place_id), tracker, on)
