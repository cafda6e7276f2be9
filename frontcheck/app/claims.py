"""Claims jobs: the claim records both faces list (``claims list``, ``/api/claims``), one
claim (may be unredacted for a reason), curated imports, and extraction from a text or from
the stored sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine

from frontcheck.app.place_load import ensure_places
from frontcheck.app.place_lookup import find_places, place_index
from frontcheck.app.places import front_line_on, resolve_curated_place
from frontcheck.app.protection import Export, log_export, redacted, redactor_for, unredacted_view
from frontcheck.app.verify import DEFAULT_RULES, PlaceRecord, VerdictRecord, verdict_records
from frontcheck.claims.curated import CuratedClaim
from frontcheck.claims.dedupe import Post, cluster_claims
from frontcheck.claims.extract import extract_claims, reading_language
from frontcheck.claims.model import Claim
from frontcheck.claims.of_source import publication_day, source_claims
from frontcheck.claims.resolver import FrontLine, PlaceResolver, index_resolver
from frontcheck.errors import NotFoundError
from frontcheck.protect.redaction import Redactor
from frontcheck.protect.roles import Principal
from frontcheck.sources.language import supported
from frontcheck.store.claims import insert_claims
from frontcheck.store.claims import list_claims as stored_claims
from frontcheck.store.places import place_raions
from frontcheck.store.sources import list_sources
from frontcheck.store.verify import claim_publishers
from frontcheck.verify.territorial import VerdictRules

if TYPE_CHECKING:   # dask is the optional 'distributed' extra
    from distributed import Client


@dataclass(frozen=True, slots=True)
class ProvenanceRecord:
    """Where a claim was read: the ledger's source (file hash, item) or the curated row."""

    source_id: int | None = None
    publisher: str = ""
    kind: str = ""
    url: str = ""
    original_name: str = ""
    blob_sha256: str = ""
    item_key: str = ""
    published_at: datetime | None = None
    grade: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """A claim with where it came from and, for a territorial one, its verdict: what
    ``claims list --format json`` prints and ``/api/claims`` sends."""

    id: str
    type: str
    origin: str
    claim_date: date | None
    event_date: date | None
    date_precision: str
    claimant: str
    actor: str
    action: str
    negated: bool
    quote: str
    place: PlaceRecord | None
    publisher: str
    provenance: ProvenanceRecord
    verdict: VerdictRecord | None
    source_id: int | None = None
    span: tuple[int, int] | None = None
    cluster_id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which stored claims: every filter given must match."""

    type: str | None = None
    place: str | None = None          # settlement name (any language) or gazetteer id
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    verdict: str | None = None        # only territorial claims with this verdict
    publisher: str | None = None      # only claims read from this publisher (or news site)


def claim_records(connection: Connection, claims: list[Claim], rules: VerdictRules,
                  tracker: str, redactor: Redactor) -> list[ClaimRecord]:
    """Claims as both faces give them: the claim, its publisher and provenance, and
    (territorial claims) the verdict with its evidence; redacted by ``redactor``."""
    verdicts = {r.claim_id: r for r in verdict_records(connection, claims, rules, tracker)}
    publishers = claim_publishers(connection, claims)
    source_ids = sorted({c.source_id for c in claims if c.source_id is not None})
    sources = {s.id: s for s in list_sources(connection, ids=source_ids)} if source_ids else {}
    raions = place_raions(connection, sorted({c.place.id for c in claims
                                              if c.place and c.place.id}))
    records = []
    for claim in claims:
        source = sources.get(claim.source_id) if claim.source_id is not None else None
        if source is not None:
            provenance = ProvenanceRecord(
                source_id=source.id, publisher=source.publisher, kind=source.kind,
                url=source.url, original_name=source.original_name,
                blob_sha256=source.blob_sha256, item_key=source.item_key,
                published_at=source.published_at, grade=source.grade)
        else:
            provenance = ProvenanceRecord(publisher=publishers.get(claim.id, ""), kind="curated",
                                          url=claim.fields.get("source_url", ""),
                                          notes=claim.fields.get("notes", ""))
        records.append(ClaimRecord(
            id=claim.id, type=claim.type, origin=claim.origin, claim_date=claim.claim_date,
            event_date=claim.event_date, date_precision=claim.date_precision,
            claimant=claim.claimant, actor=claim.actor, action=claim.action,
            negated=claim.negated, quote=claim.quote, place=PlaceRecord.of(claim.place, raions.get(claim.place.id or "")
                                                    if claim.place else None),
            publisher=publishers.get(claim.id, ""), provenance=provenance,
            verdict=verdicts.get(claim.id), source_id=claim.source_id, span=claim.span,
            cluster_id=claim.cluster_id, fields=dict(claim.fields)))
    return redacted(records, redactor)


def list_claims(connection: Connection, caller: Principal, where: ClaimFilter = ClaimFilter(),
                rules: VerdictRules = DEFAULT_RULES, tracker: str = "deepstate",
                export: Export | None = None) -> list[ClaimRecord]:
    """``claims list`` and ``/api/claims``: stored claims, filtered, each with its provenance
    and verdict; protected persons by pseudonym; an export is logged."""
    place_ids = None
    if where.place:
        place_ids = [p["id"] for p in find_places(connection, where.place)] or [where.place]
    found = stored_claims(connection, type=where.type, place_ids=place_ids, actor=where.actor,
                          since=where.since, until=where.until)
    records = claim_records(connection, found, rules, tracker, redactor_for(connection))
    if where.verdict is not None:
        records = [r for r in records if r.verdict and r.verdict.verdict == where.verdict]
    if where.publisher is not None:
        records = [r for r in records if r.publisher == where.publisher]
    log_export(connection.engine, caller, "claims", export, len(records))
    return records


def claims_of_publisher(connection: Connection, name: str, rules: VerdictRules,
                        tracker: str) -> list[ClaimRecord]:
    """The claims read from one publisher (or news site), redacted."""
    stored = stored_claims(connection)
    publishers_of = claim_publishers(connection, stored)
    own = [c for c in stored if publishers_of.get(c.id) == name]
    return claim_records(connection, own, rules, tracker, redactor_for(connection))


def claim_exists(connection: Connection, claim_id: str) -> list[Claim]:
    """The stored claim with that id (a one-item list); ``NotFoundError`` otherwise."""
    found = stored_claims(connection, claim_id=claim_id)
    if not found:
        raise NotFoundError(f"no claim with id {claim_id!r}")
    return found


def claim(connection: Connection, caller: Principal, claim_id: str,
          rules: VerdictRules = DEFAULT_RULES, tracker: str = "deepstate",
          unredacted: bool = False, reason: str | None = None,
          via: str = "api") -> ClaimRecord:
    """One claim with its provenance and verdict; unredacted only for an analyst or admin
    who gives a reason (``protection.unredacted_view``, logged before it is read)."""
    if unredacted:
        redactor = unredacted_view(connection, caller, f"claim:{claim_id}", reason, via,
                                   exists=lambda: claim_exists(connection, claim_id))
    else:
        redactor = redactor_for(connection)
    return claim_records(connection, claim_exists(connection, claim_id), rules, tracker,
                         redactor)[0]


def import_curated(engine: Engine, rows: list[CuratedClaim]) -> tuple[list[Claim], int]:
    """``claims import``: curated rows as territorial claims, their places resolved, stored
    (an id already stored is skipped). Returns the claims and how many were new."""
    ensure_places(engine)
    with engine.begin() as connection:
        claims = [Claim(id=r.claim_id, type="territorial", origin="imported",
                        quote=r.source_quote, claimant=r.claimant, actor=r.actor,
                        action=r.action, place=resolve_curated_place(connection, r),
                        claim_date=r.claim_date, event_date=r.claim_date,
                        date_precision="day",
                        fields={"source_url": r.source_url, "notes": r.notes,
                                "settlement_local": list(r.settlement_local), "line": r.line})
                  for r in rows]
        new = insert_claims(connection, claims)
    return claims, new


def place_resolver(engine: Engine) -> PlaceResolver | None:
    """The resolver extraction uses; None when the store has no gazetteer and none is found."""
    if not ensure_places(engine):
        return None
    with engine.connect() as connection:
        return index_resolver(place_index(connection))


def extract_from_text(engine: Engine, text: str, published_at: datetime | date,
                      lang: str | None, claimant: str,
                      resolver: PlaceResolver | None) -> list[Claim]:
    """``claims extract --text``: the claims a text makes (nothing stored), redacted."""
    with engine.connect() as connection:
        front = front_line_on(connection, published_at.date()
                              if isinstance(published_at, datetime) else published_at)
        claims = extract_claims(text, published_at=published_at, front=front, lang=lang,
                                resolve_place=resolver, claimant_default=claimant)
        return redacted(claims, redactor_for(connection))


class UnknownSources(NotFoundError):
    """Source ids asked for that the ledger does not hold."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """What ``claims extract --source/--all`` did: the claims (redacted), and counts."""

    claims: list[Claim]
    sources_read: int
    clusters: int
    new: int
    unread_languages: dict[str, int]


def extract_from_sources(engine: Engine, ids: list[int] | None, resolver: PlaceResolver | None,
                         files_progress: Callable[[int], AbstractContextManager[
                             Callable[[int], None]]], client: Client | None = None
                         ) -> Extraction:
    """``claims extract --source/--all``: the claims of the stored sources (all, or ``ids``),
    clustered across forwards and re-posts, stored (an id already stored is skipped). With a
    Dask ``client`` the sources are read on its workers (``app.distributed``) and the claims
    written here, once, in the same order."""
    with engine.connect() as connection:
        sources = list_sources(connection, ids=ids or None)
    missing = sorted(set(ids or ()) - {s.id for s in sources})
    if missing:
        raise UnknownSources(f"no stored source with id {', '.join(map(str, missing))}; "
                             "see `frontcheck sources list`")
    claims: list[Claim] = []
    fronts: dict[str, FrontLine | None] = {}   # snapshot date → front line
    by_day: dict[date, FrontLine | None] = {}  # publication day → front line: a query a day

    with files_progress(len(sources)) as advance, engine.connect() as connection:
        def front_on(day: date) -> FrontLine | None:
            if day not in by_day:
                by_day[day] = front_line_on(connection, day, fronts)
            return by_day[day]

        if client is None:
            for item in sources:
                claims.extend(source_claims(item, resolver, front_on(publication_day(item))))
                advance(1)
        else:   # the same function on the workers of a Dask cluster (issue 12)
            from frontcheck.app.distributed import claims_on_cluster
            days = sorted({publication_day(s) for s in sources})
            claims = claims_on_cluster(client, sources,
                                       place_index(connection) if resolver else None,
                                       {d: front_on(d) for d in days}, on_done=advance)
    posts = [Post(s.id, s.published_at, s.text, s.publisher,
                  str((s.meta or {}).get("forwarded_from") or "")) for s in sources]
    claims, clusters = cluster_claims(claims, posts)
    with engine.begin() as connection:
        new = insert_claims(connection, claims)
        redactor = redactor_for(connection)
    unread = Counter(language for s in sources
                     if not supported(language := reading_language(s.text, s.language or None)))
    return Extraction(redacted(claims, redactor), len(sources), len(clusters), new,
                      {k or "": v for k, v in sorted(unread.items(), key=lambda kv: kv[0] or "")})


