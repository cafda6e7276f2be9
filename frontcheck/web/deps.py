"""What routes share: one store connection per request, pagination, and the query parameters
that mirror the CLI's options (``--from``, ``--to``, ``--tracker`` ...)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, TypeVar

from fastapi import Depends, Query, Request, Response
from sqlalchemy import Connection

from frontcheck.app.protection import Export

T = TypeVar("T")


def store_connection(request: Request) -> Iterator[Connection]:
    """One connection to the store for the request, closed when the response is sent."""
    with request.app.state.engine.connect() as connection:
        yield connection


ConnectionDep = Annotated[Connection, Depends(store_connection)]


@dataclass(frozen=True, slots=True)
class Page:
    limit: int
    offset: int

    def of(self, rows: Sequence[T], response: Response) -> list[T]:
        """This page of ``rows``; the total count goes in the ``X-Total-Count`` header."""
        response.headers["X-Total-Count"] = str(len(rows))
        return list(rows[self.offset:self.offset + self.limit])


def pagination(
    limit: Annotated[int, Query(ge=1, le=10_000, description="Records per page.")] = 100,
    offset: Annotated[int, Query(ge=0, description="Records to skip.")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(pagination)]
TrackerQuery = Annotated[str, Query(description="Tracker whose history is used (as --tracker).")]
SinceQuery = Annotated[date | None, Query(alias="from", description="First day (YYYY-MM-DD).")]
UntilQuery = Annotated[date | None, Query(alias="to", description="Last day (YYYY-MM-DD).")]
LayerQuery = Annotated[str, Query(description="Control layer, e.g. occupied.")]
ZoomQuery = Annotated[int | None, Query(ge=0, le=22, description="Map zoom level the geometry "
                                        "is simplified for; omit for the geometry as stored.")]


def api_export() -> Export:
    """A JSON answer of persons, sources or claims: an export, logged by the job."""
    return Export("api", "json")
