"""``/api/sources``, ``/api/publishers``, ``/api/track-records``, ``/api/persons``: the evidence
ledger and how each publisher's and claimant's claims fared; protected persons by pseudonym."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from frontcheck.errors import NotFoundError
from frontcheck.protect.redaction import Redactor
from frontcheck.sources.model import StoredSource
from frontcheck.store.claims import list_claims
from frontcheck.store.persons import list_persons, redacted_person, source_persons
from frontcheck.store.sources import get_reliability, get_source, list_publishers, list_sources
from frontcheck.app.identities import identities
from frontcheck.app.identities import identity_track_record_rows as track_record_rows
from frontcheck.store.verify import claim_publishers
from frontcheck.web.auth import RedactorDep, item_redactor
from frontcheck.web.deps import ConnectionDep, PageDep, TrackerQuery
from frontcheck.web.routes.claims import RulesDep, claim_rows
from frontcheck.web.schemas import (
    Group, PersonOut, PublisherOut, PublisherPage, SourceListed, SourceOut, TrackRecordOut,
)

router = APIRouter(prefix="/api", tags=["sources"])


def _listed(source: StoredSource, redactor: Redactor) -> dict:
    """A source as ``sources list --format json`` prints it."""
    excerpt = " ".join(redactor.text(source.text).split())
    return {"id": source.id, "kind": source.kind, "publisher": redactor.text(source.publisher),
            "grade": source.grade, "published_at": source.published_at,
            "language": source.language, "author": redactor.text(source.author),
            "item_key": redactor.text(source.item_key),
            "excerpt": excerpt if len(excerpt) <= 100 else excerpt[:99] + "…"}


SourceRedactorDep = Annotated[Redactor, Depends(item_redactor(
    "source", "source_id", lambda connection, item: get_source(connection, int(item))))]


@router.get("/sources", response_model=list[SourceListed])
def sources(connection: ConnectionDep, page: PageDep, response: Response, redactor: RedactorDep,
            publisher: Annotated[str | None, Query(description="Only this publisher.")] = None,
            kind: Annotated[str | None, Query(description="Only this kind, e.g. "
                                              "telegram_post.")] = None) -> list[dict]:
    """Sources in the ledger: id, kind, publisher, Admiralty grade, date, language, excerpt."""
    return page.of([_listed(s, redactor) for s in
                    list_sources(connection, publisher=publisher, kind=kind)], response)


@router.get("/sources/{source_id}", response_model=SourceOut)
def source(source_id: int, connection: ConnectionDep, redactor: SourceRedactorDep) -> dict:
    """One source in full: text, provenance (file, sha256, item), grade, persons, metadata.

    An analyst or admin may ask for it unredacted: ``?unredacted=1`` with the reason in the
    ``X-Frontcheck-Reason`` header (logged before the answer is sent)."""
    found = get_source(connection, source_id)
    persons = [{"id": p["id"], "role": p["role"], "protected": p["protected"],
                "name": (p["pseudonym"] or "[protected]") if p["protected"] and redactor.active
                else p["name"]}
               for p in source_persons(connection, [source_id]).get(source_id, [])]
    return redactor.deep({
        "id": found.id, "kind": found.kind, "publisher": found.publisher,
        "reliability": found.reliability, "credibility": found.credibility,
        "grade": found.grade, "author": found.author,
        "published_at": found.published_at, "language": found.language, "url": found.url,
        "retrieved_at": found.retrieved_at, "ingested_at": found.ingested_at,
        "original_name": found.original_name, "blob_sha256": found.blob_sha256,
        "item_key": found.item_key, "text": found.text, "persons": persons,
        "meta": found.meta})


@router.get("/track-records", response_model=list[TrackRecordOut])
def track_records(connection: ConnectionDep, page: PageDep, response: Response, rules: RulesDep,
                  redactor: RedactorDep,
                  group: Annotated[Group | None, Query(description="claimant or publisher.")] = None,
                  tracker: TrackerQuery = "deepstate") -> list[dict]:
    """Each claimant's and publisher's record of territorial claims against the map: the
    records of ``frontcheck sources track-record --format json``."""
    rows = [redactor.deep(r) for r in track_record_rows(connection, rules, tracker)
            if group is None or r["group"] == group.value]
    return page.of(rows, response)


@router.get("/publishers", response_model=list[PublisherOut])
def publishers(connection: ConnectionDep, page: PageDep, response: Response, rules: RulesDep,
               tracker: TrackerQuery = "deepstate") -> list[dict]:
    """Every publisher: ledger ones with their reliability and number of sources, and news
    sites that curated claims came from; each with its empirical grade when it has a record."""
    grades = {r["name"]: r["empirical_grade"] for r in track_record_rows(connection, rules, tracker)
              if r["group"] == "publisher"}
    identity_of = identities(connection).identity_of
    rows = {r["publisher"]: {**r, "empirical_grade": grades.get(identity_of(r["publisher"]))}
            for r in list_publishers(connection)}
    for name, grade in grades.items():
        rows.setdefault(name, {"publisher": name, "reliability": get_reliability(connection, name),
                               "sources": 0, "empirical_grade": grade})
    return page.of(sorted(rows.values(), key=lambda r: r["publisher"].casefold()), response)


@router.get("/publishers/{name}", response_model=PublisherPage)
def publisher(name: str, connection: ConnectionDep, rules: RulesDep, redactor: RedactorDep,
              tracker: TrackerQuery = "deepstate") -> dict:
    """A publisher's page: its reliability, its track record against the map, its sources
    and the claims read from it with their verdicts."""
    listed = [_listed(s, redactor) for s in list_sources(connection, publisher=name)]
    stored = list_claims(connection)
    publishers_of = claim_publishers(connection, stored)
    own = [c for c in stored if publishers_of.get(c.id) == name]
    identity = identities(connection).identity_of(name)
    record = next((r for r in track_record_rows(connection, rules, tracker)
                   if r["group"] == "publisher" and r["name"] == identity), None)
    if not listed and not own and record is None:
        raise NotFoundError(f"no publisher called {name!r}; see /api/publishers")
    return {"publisher": name, "reliability": get_reliability(connection, name),
            "sources": listed, "track_record": redactor.deep(record),
            "claims": claim_rows(connection, own, rules, tracker, redactor)}


@router.get("/persons", response_model=list[PersonOut])
def persons(connection: ConnectionDep, page: PageDep, response: Response,
            redactor: RedactorDep) -> list[dict]:
    """Persons the sources name, with their roles; a protected person only by pseudonym."""
    rows = [redacted_person(p, redactor) for p in list_persons(connection)]
    return page.of(rows, response)
