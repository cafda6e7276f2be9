"""``/api/sources``, ``/api/publishers``, ``/api/track-records``, ``/api/persons``: the evidence
ledger and how each publisher's and claimant's claims fared; protected persons by pseudonym.
Each route calls the job the CLI calls (``app.sources``, ``app.verify``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from frontcheck.app import sources as jobs
from frontcheck.app.verify import track_record
from frontcheck.verify.track_record import TrackRecord
from frontcheck.web.auth import PrincipalDep, UnredactedDep
from frontcheck.web.deps import ConnectionDep, PageDep, TrackerQuery, api_export
from frontcheck.web.routes.claims import RulesDep
from frontcheck.web.schemas import Group

router = APIRouter(prefix="/api", tags=["sources"])


@router.get("/sources", response_model=list[jobs.SourceListed])
def sources(connection: ConnectionDep, page: PageDep, response: Response, caller: PrincipalDep,
            publisher: Annotated[str | None, Query(description="Only this publisher.")] = None,
            kind: Annotated[str | None, Query(description="Only this kind, e.g. "
                                              "telegram_post.")] = None) -> list[jobs.SourceListed]:
    """Sources in the ledger: id, kind, publisher, Admiralty grade, date, language, excerpt."""
    return page.of(jobs.list_ledger(connection, caller, publisher, kind, api_export()), response)


@router.get("/sources/{source_id}", response_model=jobs.SourceRecord)
def source(source_id: int, connection: ConnectionDep, caller: PrincipalDep,
           unredacted: UnredactedDep) -> jobs.SourceRecord:
    """One source in full: text, provenance (file, sha256, item), grade, persons, metadata.

    An analyst or admin may ask for it unredacted: ``?unredacted=1`` with the reason in the
    ``X-Frontcheck-Reason`` header (logged before the answer is sent)."""
    return jobs.show(connection, caller, source_id, unredacted.asked, unredacted.reason)


@router.get("/track-records", response_model=list[TrackRecord])
def track_records(connection: ConnectionDep, page: PageDep, response: Response, rules: RulesDep,
                  caller: PrincipalDep,
                  group: Annotated[Group | None, Query(description="claimant or publisher.")] = None,
                  tracker: TrackerQuery = "deepstate") -> list[TrackRecord]:
    """Each claimant's and publisher's record of territorial claims against the map: the
    records of ``frontcheck sources track-record --format json``."""
    return page.of(track_record(connection, caller, rules, tracker,
                                group.value if group else None), response)


@router.get("/publishers", response_model=list[jobs.PublisherRecord])
def publishers(connection: ConnectionDep, page: PageDep, response: Response, rules: RulesDep,
               caller: PrincipalDep, tracker: TrackerQuery = "deepstate"
               ) -> list[jobs.PublisherRecord]:
    """Every publisher: ledger ones with their reliability and number of sources, and news
    sites that curated claims came from; each with its empirical grade when it has a record."""
    return page.of(jobs.publishers(connection, caller, rules, tracker), response)


@router.get("/publishers/{name}", response_model=jobs.PublisherPage)
def publisher(name: str, connection: ConnectionDep, rules: RulesDep, caller: PrincipalDep,
              tracker: TrackerQuery = "deepstate") -> jobs.PublisherPage:
    """A publisher's page: its reliability, its track record against the map, its sources
    and the claims read from it with their verdicts."""
    return jobs.publisher(connection, caller, name, rules, tracker)


@router.get("/persons", response_model=list[jobs.PersonRecord])
def persons(connection: ConnectionDep, page: PageDep, response: Response,
            caller: PrincipalDep) -> list[jobs.PersonRecord]:
    """Persons the sources name, with their roles; a protected person only by pseudonym."""
    return page.of(jobs.persons(connection, caller, api_export()), response)
