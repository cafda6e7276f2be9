"""Loading a gazetteer into the store: the file found, read and parsed in full, then written in
one transaction (``store.places.write_gazetteer``), once per file content."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from frontcheck.errors import InputError
from frontcheck.places.gazetteer import name_forms, parse_gazetteer
from frontcheck.store import places as store_places

__all__ = ["ENV_GAZETTEER", "ENV_SHARED", "default_gazetteer_path", "load_gazetteer",
           "ensure_places"]

ENV_GAZETTEER = "FRONTCHECK_GAZETTEER"
ENV_SHARED = "FRONTCHECK_SHARED"
_GAZETTEER_IN_SHARED = Path("gazetteer") / "gazetteer.csv"


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


def load_gazetteer(engine: Engine, path: str | os.PathLike[str],
                   require_places: bool = False) -> dict[str, Any]:
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
        stored_rows = store_places.gazetteer_rows(connection, sha256)
    if stored_rows is not None:
        return {"rows": stored_rows, "new": 0, "already_stored": stored_rows,
                "sha256": sha256}
    places = parse_gazetteer(data, str(path))
    if require_places and not places:
        raise InputError(str(path), "no places: the file has a header and no rows")
    names = [(p.id, key, name, kind) for p in places for key, name, kind in name_forms(p)]
    with engine.begin() as connection:
        new = store_places.write_gazetteer(connection, sha256, path.name, places, names)
    return {"rows": len(places), "new": new, "already_stored": len(places) - new,
            "sha256": sha256}


def ensure_places(engine: Engine) -> bool:
    """Load the default gazetteer if the store has no places; whether places are present.

    Commands that need places call this first, so a fresh store works without a
    separate ``place load``.
    """
    with engine.connect() as connection:
        if store_places.place_count(connection):
            return True
    path = default_gazetteer_path()
    if path is None or not path.is_file():
        return False
    load_gazetteer(engine, path)
    return True
