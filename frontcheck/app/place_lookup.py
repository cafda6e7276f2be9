"""Looking places up in the store: the resolver's index of every stored place (built once per
process and store content, cached on disk), names resolved against it with the front line as
evidence, and exact name matches by the stored name keys."""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection

from frontcheck.errors import InputError
from frontcheck.places.aliases import AliasRecord, parse_aliases
from frontcheck.places.front import distance_to_area_km
from frontcheck.places.index import PlaceIndex, build_index
from frontcheck.places.names import normalise_name
from frontcheck.places.regions import match_oblast
from frontcheck.places.resolve import Resolution, ResolveContext, resolve
from frontcheck.store import places as store_places

__all__ = ["PLACE_KEYS", "place_index", "shipped_aliases", "front_distance", "resolve_in_store",
           "candidate_rows", "find_places", "exact_places"]

#: Keys of the dicts ``find_places`` returns.
PLACE_KEYS = ("id", "name", "name_uk", "name_ru", "oblast", "raion", "lon", "lat", "population")


def shipped_aliases() -> tuple[AliasRecord, ...]:
    """The aliases shipped in ``frontcheck/data/place_aliases.csv``."""
    data = resources.files("frontcheck.data").joinpath("place_aliases.csv").read_bytes()
    return parse_aliases(data, "frontcheck/data/place_aliases.csv")


_INDEX_CACHE: dict[tuple[str, tuple[str, ...], int], PlaceIndex] = {}
_INDEX_CACHE_SIZE = 3


def place_index(connection: Connection) -> PlaceIndex:
    """The resolver's index of every stored place and the shipped aliases.

    Built once per process and store content (a few seconds for the full gazetteer), since
    the CLI, the web app and the claim checker all resolve many mentions per index.
    """
    loads = store_places.gazetteer_loads(connection)
    key = (str(connection.engine.url), loads, store_places.place_count(connection))
    if key not in _INDEX_CACHE:
        while len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
            del _INDEX_CACHE[next(iter(_INDEX_CACHE))]
        _INDEX_CACHE[key] = _cached_index(connection, loads, key[2])
        # The index lives as long as the process: its million small objects need never be
        # walked by the garbage collector again, which otherwise costs every resolution.
        gc.collect()
        gc.freeze()
    return _INDEX_CACHE[key]


ENV_CACHE = "FRONTCHECK_CACHE"


def _cached_index(connection: Connection, loads: tuple[str, ...], count: int) -> PlaceIndex:
    """The index from the on-disk cache, else built and cached.

    Building it takes seconds, which every new process (each CLI call) would pay; a pickle
    loads in a fraction of that. The file is keyed by the gazetteer files loaded, the place
    count and the source of the code that builds the index, so any change makes a new one. It
    lives in the user's cache dir (``$FRONTCHECK_CACHE`` overrides; ``off`` disables).
    """
    import pickle

    import platformdirs

    folder = os.environ.get(ENV_CACHE) or platformdirs.user_cache_dir("frontcheck")
    digest = hashlib.sha256("\x1f".join([*loads, str(count), _index_code_version()]).encode())
    path = Path(folder) / f"place-index-{digest.hexdigest()[:32]}.pickle"
    if folder != "off" and path.is_file():
        try:
            cached: PlaceIndex = pickle.loads(path.read_bytes())
            return cached
        except Exception:  # a truncated or stale cache file is rebuilt, never fatal
            path.unlink(missing_ok=True)
    index = build_index(store_places.place_records(connection), shipped_aliases())
    if folder != "off":
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)
    return index


def _index_code_version() -> str:
    """A hash of the modules that build the index and of the shipped aliases."""
    import frontcheck.places as package

    digest = hashlib.sha256()
    for source in sorted(Path(package.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    digest.update(resources.files("frontcheck.data").joinpath("place_aliases.csv").read_bytes())
    return digest.hexdigest()


def front_distance(connection: Connection, on: date
                   ) -> Callable[[np.ndarray, np.ndarray], np.ndarray] | None:
    """Km to the occupied area of the latest stored snapshot on or before ``on``, as a
    function of (lons, lats); None when the store has no such snapshot."""
    area = store_places.latest_occupied_area(connection, on)
    if area is None:
        return None
    return lambda lons, lats: distance_to_area_km(area, lons, lats)


def _oblast_filter(oblast: str | None) -> str | None:
    if oblast is None or not oblast.strip():
        return None
    matched = match_oblast(oblast)
    if matched is None:
        raise InputError(None, f"unknown oblast {oblast!r} (try an English name such as "
                         "'Donetsk' or the Ukrainian 'Донецька')", field="oblast")
    return matched


def resolve_in_store(connection: Connection, mention: str, *, oblast: str | None = None,
                     near: tuple[float, float] | None = None, on: date | None = None,
                     text: str = "", limit: int = 10) -> Resolution:
    """``places.resolve`` over the stored places, with the front line of ``on`` (when the
    store holds control snapshots) as evidence. An oblast no table knows raises
    ``InputError``."""
    wanted = _oblast_filter(oblast)
    index = place_index(connection)
    front = front_distance(connection, on) if on is not None else None
    context = ResolveContext(oblast=wanted, near=near, text=text, on=on,
                             front_distance_km=front)
    return resolve(mention, context, index=index, limit=limit)


def candidate_rows(index: PlaceIndex, resolution: Resolution) -> list[dict[str, Any]]:
    """The candidates as records with the keys ``id, name, name_uk, name_ru, oblast, raion,
    lon, lat, score, reason`` (the ``place search --format json`` keys), best first."""
    axis = resolution.kind == "axis"
    rows = []
    for candidate in resolution.candidates:
        i = candidate.position
        rows.append({
            "id": candidate.id, "name": index.name_en[i], "name_uk": index.name_uk[i],
            "name_ru": index.name_ru[i], "oblast": index.oblast[i], "raion": index.raion[i],
            "lon": None if np.isnan(index.lon[i]) else float(index.lon[i]),
            "lat": None if np.isnan(index.lat[i]) else float(index.lat[i]),
            "score": candidate.score,
            "reason": ("axis, not a settlement claim: " if axis else "") + candidate.reason})
    return rows


def find_places(connection: Connection, name: str, oblast: str | None = None) -> list[dict[str, Any]]:
    """The places ``name`` may mean, best first: one when the resolver is sure, else every
    candidate it cannot tell apart (all 12 Novoselivkas of Donetsk Oblast for a bare name).

    Accepts what ``place search`` does: any spelling, script or case form ("Kupyansk",
    "под Покровском"). ``oblast`` accepts "Donetsk", "Donetsk Oblast" or "Донецька" and keeps
    only places in it; an oblast no table knows raises ``InputError``. Dicts have the keys
    ``id, name, name_uk, name_ru, oblast, raion, lon, lat, population``.
    """
    wanted = _oblast_filter(oblast)
    index = place_index(connection)
    resolution = resolve(name, ResolveContext(oblast=wanted), index=index, limit=1000)
    candidates = [c for c in resolution.candidates
                  if wanted is None or index.oblast[c.position] == wanted]
    if not candidates:
        return []
    if not resolution.ambiguous:
        candidates = candidates[:1]
    else:
        # the ones the evidence cannot separate from the best: within a factor of 20
        floor = candidates[0].score / 20
        candidates = [c for c in candidates if c.score >= floor]
    return [{"id": c.id, "name": index.name_en[c.position], "name_uk": index.name_uk[c.position],
             "name_ru": index.name_ru[c.position], "oblast": index.oblast[c.position],
             "raion": index.raion[c.position],
             "lon": None if np.isnan(index.lon[c.position]) else float(index.lon[c.position]),
             "lat": None if np.isnan(index.lat[c.position]) else float(index.lat[c.position]),
             "population": (None if np.isnan(index.population[c.position])
                            else int(index.population[c.position]))}
            for c in candidates]


def exact_places(connection: Connection, name: str, oblast: str | None = None) -> list[dict[str, Any]]:
    """Places one of whose name forms is exactly ``name`` once normalised (case, apostrophes,
    ё/ґ folded), from the name table, without building the resolver's index."""
    key = normalise_name(name)
    if not key:
        return []
    return store_places.places_by_name_key(connection, key, _oblast_filter(oblast))
