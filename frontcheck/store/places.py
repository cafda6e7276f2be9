"""Places in the store: loading the gazetteer once per file content, and looking names up.

Shell: reads the file, opens transactions, and hands plain rows to ``frontcheck.places``.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

import numpy as np
import shapely
from sqlalchemy import Connection, Engine, func, select

from frontcheck.errors import InputError
from frontcheck.places.aliases import AliasRecord, parse_aliases
from frontcheck.places.front import distance_to_area_km
from frontcheck.places.gazetteer import PlaceRecord, name_forms, parse_gazetteer
from frontcheck.places.index import PlaceIndex, build_index
from frontcheck.places.names import normalise_name
from frontcheck.places.regions import match_oblast
from frontcheck.places.resolve import Resolution, ResolveContext, resolve
from frontcheck.store.engine import insert_ignoring_duplicates, insert_rows_ignoring_duplicates
from frontcheck.store.schema import footprint, gazetteer_load, layer, place, place_name, snapshot

__all__ = ["ENV_GAZETTEER", "ENV_SHARED", "PLACE_KEYS", "default_gazetteer_path",
           "load_gazetteer", "ensure_places", "place_count", "settlement_points",
           "place_index", "shipped_aliases", "front_distance", "resolve_in_store",
           "candidate_rows", "find_places", "place_by_id"]

ENV_GAZETTEER = "FRONTCHECK_GAZETTEER"
ENV_SHARED = "FRONTCHECK_SHARED"
_GAZETTEER_IN_SHARED = Path("gazetteer") / "gazetteer.csv"

#: Keys of the dicts ``find_places`` returns.
PLACE_KEYS = ("id", "name", "name_uk", "name_ru", "oblast", "raion", "lon", "lat", "population")


def default_gazetteer_path() -> Path | None:
    """The gazetteer to load when none is named, or None when there is none to find.

    ``$FRONTCHECK_GAZETTEER``; else ``$FRONTCHECK_SHARED/gazetteer/gazetteer.csv`` (the
    shared/data folder, as the Makefile sets it); else the first
    ``shared/data/gazetteer/gazetteer.csv`` found walking up from the working directory,
    since the shared data sits beside the clone.
    """
    if os.environ.get(ENV_GAZETTEER):
        return Path(os.environ[ENV_GAZETTEER])
    if os.environ.get(ENV_SHARED):
        candidate = Path(os.environ[ENV_SHARED]) / _GAZETTEER_IN_SHARED
        if candidate.is_file():
            return candidate
    cwd = Path.cwd().resolve()
    for folder in (cwd, *cwd.parents):
        candidate = folder / "shared" / "data" / _GAZETTEER_IN_SHARED
        if candidate.is_file():
            return candidate
    return None


def _place_row(p: PlaceRecord) -> dict:
    return {"id": p.id, "country": p.country, "name_en": p.name_en, "name_uk": p.name_uk,
            "name_ru": p.name_ru, "name_geonames": p.name_geonames,
            "alt_names": "|".join(p.alt_names), "lat": p.lat, "lon": p.lon,
            "coord_source": p.coord_source, "oblast": p.oblast,
            "oblast_local": p.oblast_local, "raion": p.raion, "raion_local": p.raion_local,
            "hromada": p.hromada, "feature_class": p.feature_class,
            "feature_code": p.feature_code, "katottg_code": p.katottg_code,
            "population": p.population}


def load_gazetteer(engine: Engine, path: str | os.PathLike, require_places: bool = False) -> dict:
    """Store a gazetteer CSV's places and name forms; returns counts and the file's sha256.

    Keyed by the sha256 of the file's bytes: loading the same file again changes nothing.
    A newer file adds the places (and name forms) the store lacks and keeps stored ones.
    The whole file is parsed and validated before one transaction writes it, so a bad file
    (``InputError`` naming line and column) leaves the store untouched.

    Returns ``{"rows": N, "new": M, "already_stored": K, "sha256": "..."}``.
    ``require_places`` refuses a file with a header and no rows (``place load``: a gazetteer
    cut short, not one meant to be empty).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the gazetteer ({exc.strerror}); "
                         f"give its path or set ${ENV_GAZETTEER}") from exc
    sha256 = hashlib.sha256(data).hexdigest()
    with engine.connect() as connection:
        stored_rows = connection.scalar(
            select(gazetteer_load.c.rows).where(gazetteer_load.c.sha256 == sha256))
    if stored_rows is not None:
        return {"rows": stored_rows, "new": 0, "already_stored": stored_rows,
                "sha256": sha256}
    places = parse_gazetteer(data, str(path))
    if require_places and not places:
        raise InputError(str(path), "no places: the file has a header and no rows")
    with engine.begin() as connection:
        stored_ids = set(connection.scalars(select(place.c.id)))
        new_places = [p for p in places if p.id not in stored_ids]
        insert_rows_ignoring_duplicates(connection, place, [_place_row(p) for p in new_places])
        insert_rows_ignoring_duplicates(connection, place_name,
                                        [{"place_id": p.id, "key": key, "name": name, "kind": kind}
                                         for p in places for key, name, kind in name_forms(p)])
        connection.execute(insert_ignoring_duplicates(gazetteer_load, connection),
                           {"sha256": sha256, "source_name": path.name, "rows": len(places),
                            "loaded_at": datetime.now(UTC)})
    return {"rows": len(places), "new": len(new_places),
            "already_stored": len(places) - len(new_places), "sha256": sha256}


def place_count(connection: Connection) -> int:
    """How many places the store holds."""
    return connection.scalar(select(func.count()).select_from(place)) or 0


def ensure_places(engine: Engine) -> bool:
    """Load the default gazetteer if the store has no places; whether places are present.

    Commands that need places call this first, so a fresh store works without a
    separate ``place load``.
    """
    with engine.connect() as connection:
        if place_count(connection):
            return True
    path = default_gazetteer_path()
    if path is None or not path.is_file():
        return False
    load_gazetteer(engine, path)
    return True


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


def shipped_aliases() -> tuple[AliasRecord, ...]:
    """The aliases shipped in ``frontcheck/data/place_aliases.csv``."""
    data = resources.files("frontcheck.data").joinpath("place_aliases.csv").read_bytes()
    return parse_aliases(data, "frontcheck/data/place_aliases.csv")


def _record(row) -> PlaceRecord:
    return PlaceRecord(
        id=row.id, country=row.country, name_en=row.name_en, name_uk=row.name_uk,
        name_ru=row.name_ru, name_geonames=row.name_geonames,
        alt_names=tuple(a for a in row.alt_names.split("|") if a), lat=row.lat, lon=row.lon,
        coord_source=row.coord_source, oblast=row.oblast, oblast_local=row.oblast_local,
        raion=row.raion, raion_local=row.raion_local, hromada=row.hromada,
        feature_class=row.feature_class, feature_code=row.feature_code,
        katottg_code=row.katottg_code, population=row.population)


_INDEX_CACHE: dict[tuple, PlaceIndex] = {}
_INDEX_CACHE_SIZE = 3


def place_index(connection: Connection) -> PlaceIndex:
    """The resolver's index of every stored place and the shipped aliases.

    Built once per process and store content (a few seconds for the full gazetteer), since
    the CLI, the web app and the claim checker all resolve many mentions per index.
    """
    loads = tuple(sorted(connection.scalars(select(gazetteer_load.c.sha256))))
    key = (str(connection.engine.url), loads, place_count(connection))
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
            return pickle.loads(path.read_bytes())
        except Exception:  # a truncated or stale cache file is rebuilt, never fatal
            path.unlink(missing_ok=True)
    records = [_record(row) for row in connection.execute(select(place))]
    index = build_index(records, shipped_aliases())
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
    row = connection.execute(
        select(layer.c.geometry)
        .join(snapshot, snapshot.c.id == layer.c.snapshot_id)
        .where(snapshot.c.snapshot_date <= on, layer.c.layer == "occupied")
        .order_by(snapshot.c.snapshot_date.desc(), snapshot.c.tracker)
        .limit(1)).first()
    if row is None:
        return None
    area = shapely.from_wkb(row.geometry)
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


def candidate_rows(index: PlaceIndex, resolution: Resolution) -> list[dict]:
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


def find_places(connection: Connection, name: str, oblast: str | None = None) -> list[dict]:
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


def place_by_id(connection: Connection, place_id: str) -> dict | None:
    """The place with a gazetteer id such as ``gn:704422``, or None."""
    row = connection.execute(select(place).where(place.c.id == place_id)).first()
    if row is None:
        return None
    return {"id": row.id, "name": row.name_en, "name_uk": row.name_uk, "name_ru": row.name_ru,
            "oblast": row.oblast, "raion": row.raion, "lon": row.lon, "lat": row.lat,
            "population": row.population}


def exact_places(connection: Connection, name: str, oblast: str | None = None) -> list[dict]:
    """Places one of whose name forms is exactly ``name`` once normalised (case, apostrophes,
    ё/ґ folded), from the name table, without building the resolver's index."""
    key = normalise_name(name)
    if not key:
        return []
    query = select(place.c.id).where(place.c.id.in_(
        select(place_name.c.place_id).where(place_name.c.key == key)))
    wanted = _oblast_filter(oblast)
    if wanted is not None:
        query = query.where(place.c.oblast == wanted)
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
