"""Saved report definitions (migration ``0009_reports``): what a brief is made of, kept so
``frontcheck report --saved NAME`` regenerates it from the store of the moment."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from frontcheck.errors import NotFoundError
from frontcheck.store import schema as s


def save_definition(connection: Connection, name: str, ach_id: int | None,
                    claims_filter: str | None, figures: list[str], title: str,
                    created_by: str) -> None:
    """Store (or replace) the definition called ``name``."""
    connection.execute(delete(s.report_definition).where(s.report_definition.c.name == name))
    connection.execute(insert(s.report_definition).values(
        name=name, ach_id=ach_id, claims_filter=claims_filter, figures=list(figures),
        title=title, created_by=created_by, created_at=datetime.now(UTC)))


def load_definition(connection: Connection, name: str) -> dict:
    row = connection.execute(select(s.report_definition)
                             .where(s.report_definition.c.name == name)).first()
    if row is None:
        raise NotFoundError(f"no saved report called {name!r}; save one with "
                            "`frontcheck report ... --save NAME`")
    return dict(row._mapping)


def list_definitions(connection: Connection) -> list[dict]:
    rows = connection.execute(select(s.report_definition).order_by(s.report_definition.c.name))
    return [dict(r._mapping) for r in rows]
