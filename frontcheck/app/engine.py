"""Opening the store, for the faces: they hold an engine and hand it (or a connection of it)
to the jobs, and never import ``store`` themselves."""

from __future__ import annotations

from frontcheck.store.engine import (
    default_db_location,
    make_engine,
    migrate,
    open_engine,
    write_lock,
)

__all__ = ["default_db_location", "make_engine", "migrate", "open_engine", "write_lock"]
