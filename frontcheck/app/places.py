"""Places: which settlement a name means (one rule for ``control timeline``, ``control status``
and ``POST /api/verify``), the gazetteer load with the timeline refresh it needs, and the front
line that settles homonyms."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast

import numpy as np
import shapely
from sqlalchemy import Connection, Engine

from frontcheck.app.control import TrackerProgress, refresh_all_timelines
from frontcheck.app.place_load import (
    ENV_GAZETTEER,
    default_gazetteer_path,
    ensure_places,
    load_gazetteer,
)
from frontcheck.app.place_lookup import (
    candidate_rows,
    exact_places,
    find_places,
    front_distance,
    place_index,
    resolve_in_store,
)
from frontcheck.app.records import Place
from frontcheck.claims.curated import CuratedClaim
from frontcheck.claims.model import PlaceRef
from frontcheck.claims.resolver import FrontLine, front_line_of
from frontcheck.control.projection import lonlat_to_xy, to_equal_area
from frontcheck.errors import AmbiguousError, InputError, NotFoundError
from frontcheck.places.regions import match_oblast
from frontcheck.store.places import place_by_id, place_points
from frontcheck.store.places import place_footprint as stored_footprint
from frontcheck.store.verify import earliest_occupied_date, latest_occupied_date, occupied_on
from frontcheck.verify.homonyms import front_line_choice


def resolve_place(connection: Connection, name: str, oblast: str | None) -> Place:
    """The one place a name (or gazetteer id) means; ``AmbiguousError`` lists the candidates
    when several fit, ``NotFoundError`` when none does."""
    by_id = place_by_id(connection, name.strip())
    if by_id is not None:
        return Place.of(by_id)
    # An exact name form answers from the name table at once; only other mentions (inflected,
    # misspelt, transliterated otherwise) need the resolver, whose index takes seconds to build.
    candidates = exact_places(connection, name, oblast) or find_places(connection, name, oblast)
    if not candidates:
        raise NotFoundError(f"no place called {name!r}" + (f" in {oblast}" if oblast else ""))
    if len(candidates) > 1:
        raise AmbiguousError(
            f"{len(candidates)} places are called {name!r}; give oblast or an id",
            [{k: c[k] for k in ("id", "name", "oblast", "raion")} for c in candidates])
    return Place.of(candidates[0])


@dataclass(frozen=True, slots=True)
class GazetteerLoad:
    """What ``place load`` stored: the file's places, how many were new, and its sha256."""

    rows: int
    new: int
    already_stored: int
    sha256: str


def load_places(engine: Engine, path: str | os.PathLike[str],
                progress: TrackerProgress | None = None,
                on_refreshed: Callable[[str, str], None] | None = None,
                on_loaded: Callable[[GazetteerLoad], None] | None = None) -> GazetteerLoad:
    """Load a gazetteer; when it brought new places, every tracker's timelines are brought up
    to date (new footprints). Returns the counts, also told to ``on_loaded`` before the
    timeline work."""
    counts = GazetteerLoad(**load_gazetteer(engine, path, require_places=True))
    if on_loaded is not None:
        on_loaded(counts)
    if counts.new:
        refresh_all_timelines(engine, progress=progress, on_refreshed=on_refreshed)
    return counts


#: How long before the first snapshot its front line still settles homonyms (a year).
EARLY_FRONT_DAYS = 366


def front_line_on(connection: Connection, on: date,
                  cache: dict[str, FrontLine | None] | None = None) -> FrontLine | None:
    """The front line of the latest snapshot on or before ``on`` (any tracker), for settling
    homonyms in extraction; ``cache`` (snapshot date → front line) spares reloading the layer
    for sources of the same day. Before the first snapshot, the first one stands in for up to
    ``EARLY_FRONT_DAYS``: the front of July 2024 is still near the villages fought over in
    2023 (Bakhmut, Avdiivka, Robotyne), where a text's homonym is best settled by it."""
    when = latest_occupied_date(connection, on)
    if when is None:
        first = earliest_occupied_date(connection)
        when = first if first is not None and (first - on).days <= EARLY_FRONT_DAYS else None
    if when is None:
        return None
    key = str(when)
    if cache is not None and key in cache:
        return cache[key]
    occupied = occupied_on(connection, when)
    front = (front_line_of(cast(shapely.Geometry, to_equal_area(occupied)), key)
             if occupied is not None else None)
    if cache is not None:
        cache[key] = front
    return front


def resolve_curated_place(connection: Connection, row: CuratedClaim) -> PlaceRef:
    """The settlement a curated row names: its name, else its local forms, within its oblast
    where the oblast is known, with the quote, notes and the claim date's front line as evidence."""
    oblast_text = re.sub(r"\(.*?\)", "", row.oblast).strip()
    oblast = match_oblast(oblast_text) if oblast_text else None
    text = " ".join(p for p in (row.source_quote, row.notes, row.oblast) if p)
    for mention in (row.settlement, *row.settlement_local):
        resolution = resolve_in_store(connection, mention, oblast=oblast, on=row.claim_date,
                                      text=text, limit=10)
        if resolution.kind == "settlement" and resolution.candidates:
            break
    else:
        return PlaceRef(mention=row.settlement)
    chosen: str | None = resolution.candidates[0].id
    if resolution.ambiguous:
        plausible = [c for c in resolution.candidates if c.score > 0]
        chosen = _front_line_candidate(connection, [c.id for c in plausible], row.claim_date)
        if chosen is None:
            return PlaceRef(mention=row.settlement, candidates=tuple(
                {"id": c.id, "score": round(c.score, 3), "reason": c.reason}
                for c in resolution.candidates[:10]))
    place = place_by_id(connection, chosen or "")
    if place is None:
        return PlaceRef(mention=row.settlement)
    return PlaceRef(mention=row.settlement, id=place["id"], name=place["name"],
                    oblast=place["oblast"], lon=place["lon"], lat=place["lat"])


def _front_line_candidate(connection: Connection, ids: list[str], on: date | None) -> str | None:
    """The candidate the front line of ``on`` singles out (``verify.homonyms``), or None."""
    rows = place_points(connection, ids)
    occupied = occupied_on(connection, on) if on is not None else None
    if not rows or occupied is None:
        return None
    x, y = lonlat_to_xy(np.array([r[1] for r in rows]), np.array([r[2] for r in rows]))
    front_line = cast(shapely.Geometry, shapely.boundary(to_equal_area(occupied)))
    best = front_line_choice(np.asarray(shapely.points(x, y)), front_line)
    return rows[best][0] if best is not None else None


def ensure_gazetteer(engine: Engine) -> bool:
    """Load the default gazetteer if the store has no places; whether it has some now."""
    return ensure_places(engine)


def warm_place_index(engine: Engine) -> None:
    """Build the resolver's place index now (it takes seconds for the full gazetteer)."""
    with engine.connect() as connection:
        place_index(connection)


def place(connection: Connection, place_id: str) -> Place:
    """One settlement by gazetteer id (``gn:704422``); ``NotFoundError`` otherwise."""
    found = place_by_id(connection, place_id)
    if found is None:
        raise NotFoundError(f"no place with id {place_id!r}; find one with /api/places/search?q=")
    return Place.of(found)


def labelled_places(connection: Connection, min_population: int,
                    oblast: str | None = None) -> list[Place]:
    """Settlements with coordinates at least ``min_population`` strong, most populous first
    (the map's labels)."""
    index = place_index(connection)
    population = np.nan_to_num(index.population, nan=-1.0)
    keep = index.has_point & (population >= min_population)
    if oblast is not None:
        keep &= np.array([o == oblast for o in index.oblast])
    return [Place(index.ids[i], index.name_en[i], index.name_uk[i], index.name_ru[i],
                  index.oblast[i], index.raion[i], float(index.lon[i]), float(index.lat[i]),
                  int(population[i]) if population[i] >= 0 else None)
            for i in np.flatnonzero(keep)[np.argsort(-population[keep], kind="stable")]]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A settlement a mention may mean, with its score and why (``place search --format
    json``, ``/api/places/search``)."""

    id: str
    name: str
    name_uk: str
    name_ru: str
    oblast: str
    raion: str
    lon: float | None
    lat: float | None
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class Search:
    """What a mention may mean: the kind (settlement, axis, none), whether it is ambiguous,
    why, and the ranked candidates (``place search``, ``/api/places/search``)."""

    kind: str
    ambiguous: bool
    reason: str
    candidates: list[Candidate]
    front_known: bool       # whether a control snapshot on or before ``on`` was stored


def search(connection: Connection, text: str, oblast: str | None = None,
           near: tuple[float, float] | None = None, on: date | None = None,
           limit: int = 10) -> Search:
    """Ranked settlements a mention may mean, each with a score and the reason."""
    front_known = on is None or front_distance(connection, on) is not None
    resolution = resolve_in_store(connection, text, oblast=oblast, near=near, on=on, limit=limit)
    candidates = [Candidate(**row) for row in candidate_rows(place_index(connection), resolution)]
    return Search(resolution.kind, resolution.ambiguous, resolution.reason, candidates,
                  front_known)


def gazetteer_path(path: Path | None) -> Path:
    """The gazetteer to load: the one given, else $FRONTCHECK_GAZETTEER, else the shared one
    beside the clone; ``InputError`` when there is none."""
    path = path or default_gazetteer_path()
    if path is None:
        raise InputError(None, f"no gazetteer found; give its path or set ${ENV_GAZETTEER}")
    return path


@dataclass(frozen=True, slots=True)
class Footprint:
    """The circle whose occupied share a place's timeline and verdicts read: centre, radius
    in metres, and the rule that chose the radius (``/api/places/{id}/footprint``)."""

    place_id: str
    lat: float | None
    lon: float | None
    radius_m: float
    rule: str


def place_footprint(connection: Connection, place_id: str) -> Footprint:
    """The circle a place's timeline and verdicts read the occupied share of (centre, radius
    in metres, the rule that chose it), drawn while a claim's evidence card is open."""
    found = stored_footprint(connection, place_id)
    if found is None:
        raise NotFoundError(f"no footprint for place {place_id!r} (not in the gazetteer, or "
                            "timelines not built)")
    return Footprint(**found)
