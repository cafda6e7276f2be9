"""Sources jobs: the ledger listed and shown (one record for both faces), publishers with
their grades, and the persons the sources name; protected persons by pseudonym."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from frontcheck.app.claims import ClaimRecord, claims_of_publisher
from frontcheck.app.identities import identities
from frontcheck.app.person_protection import (
    protect_person,
    redacted_person,
    set_person_details,
    unprotect_person,
)
from frontcheck.app.protection import Export, log_export, redacted, redactor_for, unredacted_view
from frontcheck.app.source_ingest import (
    SourceIngestReport as SourceIngestReport,  # re-exported: the faces' type of a report
)
from frontcheck.app.source_ingest import ingest_sources, set_reliability, source_files
from frontcheck.app.verify import DEFAULT_RULES, track_record
from frontcheck.errors import NotFoundError
from frontcheck.protect.redaction import Redactor
from frontcheck.protect.roles import Principal
from frontcheck.sources.model import ReadDefaults, StoredSource
from frontcheck.sources.persons import suggest_protected
from frontcheck.store.persons import (
    find_person,
    find_person_or_pseudonym,
    list_persons,
    source_persons,
)
from frontcheck.store.sources import (
    count_blobs,
    get_reliability,
    get_source,
    list_publishers,
    list_sources,
    verify_integrity,
)
from frontcheck.verify.territorial import VerdictRules
from frontcheck.verify.track_record import TrackRecord

EXCERPT_CHARS = 100


@dataclass(frozen=True, slots=True)
class SourceListed:
    """A source as ``sources list`` and ``/api/sources`` give it."""

    id: int
    kind: str
    publisher: str
    grade: str
    published_at: datetime | None
    language: str
    author: str
    item_key: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class SourcePerson:
    """A person a source names: a protected one by pseudonym, descriptions redacted."""

    id: int
    name: str
    role: str
    protected: bool
    pseudonym: str
    descriptions: list[str]


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One source in full (``sources show``, ``/api/sources/{id}``)."""

    id: int
    kind: str
    publisher: str
    reliability: str
    credibility: str
    grade: str
    author: str
    published_at: datetime | None
    language: str
    url: str
    retrieved_at: datetime | None
    ingested_at: datetime
    original_name: str
    blob_sha256: str
    item_key: str
    text: str
    persons: list[SourcePerson]
    meta: dict[str, Any] = field(default_factory=dict)


def _listed(source: StoredSource, redactor: Redactor) -> SourceListed:
    """Redacted: the whole text first, then cut (a name is never cut in half and left)."""
    excerpt = " ".join(redactor.text(source.text).split())
    return SourceListed(source.id, source.kind, redactor.text(source.publisher), source.grade,
                        source.published_at, source.language, redactor.text(source.author),
                        redactor.text(source.item_key),
                        excerpt if len(excerpt) <= EXCERPT_CHARS
                        else excerpt[:EXCERPT_CHARS - 1] + "…")


def list_ledger(connection: Connection, caller: Principal, publisher: str | None = None,
                kind: str | None = None, export: Export | None = None) -> list[SourceListed]:
    """``sources list`` and ``/api/sources``: id, kind, publisher, grade, date, language,
    excerpt; an export is logged."""
    redactor = redactor_for(connection)
    records = [_listed(s, redactor) for s in list_sources(connection, publisher=publisher,
                                                          kind=kind)]
    log_export(connection.engine, caller, "sources", export, len(records))
    return records


def show(connection: Connection, caller: Principal, source_id: int, unredacted: bool = False,
         reason: str | None = None, via: str = "api", export: Export | None = None,
         ) -> SourceRecord:
    """One source in full: text, provenance, grade, persons, metadata. Unredacted only for an
    analyst or admin who gives a reason (logged before it is read); else redacted, and an
    export is logged."""
    if unredacted:
        redactor = unredacted_view(
            connection, caller, f"source:{source_id}", reason, via,
            exists=lambda: get_source(connection, source_id),
            detail={"format": export.format} if export is not None else None)
    else:
        redactor = redactor_for(connection)
    found = get_source(connection, source_id)
    persons = [SourcePerson(p["id"], (p["pseudonym"] or "[protected]")
                            if p["protected"] and redactor.active else p["name"],
                            p["role"], p["protected"], p["pseudonym"], list(p["descriptions"]))
               for p in source_persons(connection, [source_id]).get(source_id, [])]
    if not unredacted:
        log_export(connection.engine, caller, f"source:{source_id}", export, 1)
    return redacted(SourceRecord(
        found.id, found.kind, found.publisher, found.reliability, found.credibility, found.grade,
        found.author, found.published_at, found.language, found.url, found.retrieved_at,
        found.ingested_at, found.original_name, found.blob_sha256, found.item_key, found.text,
        persons, dict(found.meta)), redactor)


@dataclass(frozen=True, slots=True)
class PublisherRecord:
    """A publisher: the reliability given, sources in the ledger, the empirical grade."""

    publisher: str
    reliability: str
    sources: int
    empirical_grade: str | None


def publishers(connection: Connection, caller: Principal, rules: VerdictRules = DEFAULT_RULES,
               tracker: str = "deepstate") -> list[PublisherRecord]:
    """Every publisher: ledger ones with their reliability and number of sources, and news
    sites that curated claims came from; each with its empirical grade when it has a record."""
    grades = {r.name: r.empirical_grade for r in track_record(connection, caller, rules, tracker,
                                                              group="publisher")}
    identity_of = identities(connection).identity_of   # grades are per speaker identity
    redactor = redactor_for(connection)
    rows = {r["publisher"]: PublisherRecord(r["publisher"], r["reliability"], r["sources"],
                                            grades.get(redactor.text(identity_of(r["publisher"]))))
            for r in list_publishers(connection)}
    for name, grade in grades.items():
        if name not in rows:
            rows[name] = PublisherRecord(name, get_reliability(connection, name), 0, grade)
    return redacted(sorted(rows.values(), key=lambda r: r.publisher.casefold()), redactor)


@dataclass(frozen=True, slots=True)
class PublisherPage:
    """A publisher with its track record, its sources and the claims read from it."""

    publisher: str
    reliability: str
    sources: list[SourceListed]
    track_record: TrackRecord | None
    claims: list[ClaimRecord]


def publisher(connection: Connection, caller: Principal, name: str,
              rules: VerdictRules = DEFAULT_RULES, tracker: str = "deepstate") -> PublisherPage:
    """A publisher's page: its reliability, its track record against the map, its sources
    and the claims read from it with their verdicts."""
    listed = list_ledger(connection, caller, publisher=name)
    own = claims_of_publisher(connection, name, rules, tracker)
    redactor = redactor_for(connection)
    identity = redactor.text(identities(connection).identity_of(name))
    record = next((r for r in track_record(connection, caller, rules, tracker, group="publisher")
                   if r.name == identity), None)
    if not listed and not own and record is None:
        raise NotFoundError(f"no publisher called {name!r}; see /api/publishers")
    return PublisherPage(redactor.text(name), get_reliability(connection, name), listed, record,
                         own)


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person the sources name, with the roles; a protected person only by pseudonym,
    every description redacted (``persons list``, ``/api/persons``)."""

    id: int
    name: str
    protected: bool
    reason: str
    pseudonym: str
    roles: str
    sources: int
    descriptions: list[str]


def persons(connection: Connection, caller: Principal,
            export: Export | None = None) -> list[PersonRecord]:
    """``persons list``, ``/api/persons``: persons the sources name, with their roles; an
    export is logged."""
    redactor = redactor_for(connection)
    records = [PersonRecord(r["id"], r["name"], r["protected"], r["reason"] or "",
                            r["pseudonym"], r["roles"], r["sources"], list(r["descriptions"]))
               for r in (redacted_person(p, redactor) for p in list_persons(connection))]
    records = redacted(records, redactor)
    log_export(connection.engine, caller, "persons", export, len(records))
    return records


def ingest(engine: Engine, files: list[Path], format_name: str, defaults: ReadDefaults,
           grade: str | None, keep_going: bool, protect: bool,
           on_progress: Callable[[int], None] | None = None) -> SourceIngestReport:
    """``sources ingest``: the files' items into the ledger (the same bytes twice stored once),
    persons described as prisoners, detainees or minors protected when ``protect``."""
    return ingest_sources(engine, files, format_name, defaults, grade, keep_going, protect,
                          on_progress=on_progress)


def files_under(paths: list[Path]) -> list[Path]:
    """The source files given, folders expanded."""
    return source_files(paths)


@dataclass(frozen=True, slots=True)
class BlobCheck:
    """A preserved file re-hashed (``sources verify-integrity``): ``missing`` or ``mismatch``
    with the hash found."""

    sha256: str
    original_name: str
    path: str
    status: str
    found_sha256: str


def integrity(engine: Engine, files_progress: Callable[[int], AbstractContextManager[
        Callable[[int], None]]]) -> tuple[int, list[BlobCheck]]:
    """``sources verify-integrity``: every preserved file re-hashed; the number checked and
    those missing or changed (names redacted: a file may be named after a person)."""
    with engine.connect() as connection:
        total = count_blobs(connection)
        redactor = redactor_for(connection)
    with files_progress(total) as advance:
        rows = verify_integrity(engine, on_progress=advance)
    return len(rows), [redacted(BlobCheck(**r), redactor) for r in rows if r["status"] != "ok"]


def reliability(connection: Connection, publisher: str, grade: str | None = None) -> str:
    """A publisher's Admiralty reliability, first set to ``grade`` when one is given."""
    if grade is not None:
        set_reliability(connection, publisher, grade)
    return get_reliability(connection, publisher)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A person the sources describe as a prisoner of war, detainee or minor, with the
    evidence; a protected one by pseudonym, evidence redacted."""

    person_id: int | None
    name: str
    reason: str
    evidence: str
    protected: bool
    pseudonym: str


def suggested_protections(connection: Connection, caller: Principal,
                          export: Export | None = None) -> list[Suggestion]:
    """``persons suggest``: persons to protect, found in the ledger's sources."""
    redactor = redactor_for(connection)
    records = []
    for suggestion in suggest_protected(list_sources(connection)):
        person = find_person(connection, suggestion.name) or {}
        protected = bool(person.get("protected"))
        records.append(Suggestion(
            person.get("id"), (person.get("pseudonym") or "[protected]") if protected
            else suggestion.name, suggestion.reason, redactor.text(suggestion.evidence),
            protected, person.get("pseudonym") or ""))
    log_export(connection.engine, caller, "persons:suggested", export, len(records))
    return records


@dataclass(frozen=True, slots=True)
class PersonProtection:
    """A person's protection after a change (``persons protect``, ``unprotect``,
    ``set-details``): by id and pseudonym, never by name."""

    id: int
    pseudonym: str | None
    protected: bool
    protected_reason: str | None

    @classmethod
    def of(cls, person: dict[str, Any]) -> PersonProtection:
        return cls(person["id"], person["pseudonym"], bool(person["protected"]),
                   person["protected_reason"])


def protect(connection: Connection, caller: Principal, id_or_name: str,
            reason: str) -> PersonProtection:
    """Protect a person (added when not yet in the ledger) with a stable pseudonym; logged."""
    return PersonProtection.of(protect_person(connection, id_or_name, reason, caller))


def unprotect(connection: Connection, caller: Principal, person_id: int,
              reason: str) -> PersonProtection:
    """Lift a person's protection (the pseudonym is kept); logged with the reason."""
    return PersonProtection.of(unprotect_person(connection, person_id, reason, caller))


def set_details(connection: Connection, caller: Principal, id_or_name: str,
                values: dict[str, Any]) -> PersonProtection:
    """Record identifying details that redaction hides; logged (the keys, never the values)."""
    person = find_person_or_pseudonym(connection, id_or_name)
    return PersonProtection.of(set_person_details(connection, str(person["id"]), values, caller))
