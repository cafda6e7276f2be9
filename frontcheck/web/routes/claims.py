"""``/api/claims`` and ``/api/verify``: claims with where they were read and their verdict
against the map, filtered as ``claims list`` and ``verify`` filter; an ad-hoc check of a claim."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from frontcheck.claims.model import Claim, PlaceRef
from frontcheck.errors import AmbiguousError, NotFoundError
from frontcheck.protect.redaction import Redactor
from frontcheck.store.claims import list_claims
from frontcheck.store.persons import person_redactor
from frontcheck.store.places import find_places, place_by_id, place_raions
from frontcheck.store.sources import list_sources
from frontcheck.store.verify import claim_publishers, verdict_rows
from frontcheck.verify.territorial import VerdictRules
from frontcheck.web.auth import RedactorDep, item_redactor
from frontcheck.web.deps import ConnectionDep, PageDep, SinceQuery, TrackerQuery, UntilQuery
from frontcheck.web.schemas import ClaimIn, ClaimOut, ClaimType, VerdictKind, VerdictOut

router = APIRouter(prefix="/api", tags=["claims"])


def verdict_rules(
    window: Annotated[int, Query(ge=0, le=365, description="Days either side of the claim date "
                                 "that count as agreeing in time (as verify --window).")] = 7,
    threshold: Annotated[float, Query(ge=0.01, le=1.0, description="Share of the footprint "
                                      "that makes a capture.")] = 0.85,
    horizon: Annotated[int, Query(ge=1, le=3650, description="Days after the claim within "
                                  "which the map must agree.")] = 60,
) -> VerdictRules:
    return VerdictRules(window_days=window, threshold=threshold, horizon_days=horizon)


RulesDep = Annotated[VerdictRules, Depends(verdict_rules)]


def claim_rows(connection, claims: list[Claim], rules: VerdictRules, tracker: str,
               redactor: Redactor | None = None) -> list[dict]:
    """Claims as the API sends them: the claim, its publisher and provenance, and (territorial
    claims) the ``verify`` record with its evidence; protected names replaced (by
    ``redactor``, by default the store's)."""
    verdicts = {r["claim_id"]: r for r in verdict_rows(connection, claims, rules, tracker)}
    publishers = claim_publishers(connection, claims)
    source_ids = sorted({c.source_id for c in claims if c.source_id is not None})
    sources = {s.id: s for s in list_sources(connection, ids=source_ids)} if source_ids else {}
    redactor = redactor if redactor is not None else person_redactor(connection)
    raions = place_raions(connection, sorted({c.place.id for c in claims if c.place and c.place.id}))
    rows = []
    for claim in claims:
        source = sources.get(claim.source_id)
        if source is not None:
            provenance = {"source_id": source.id, "publisher": source.publisher,
                          "kind": source.kind, "url": source.url,
                          "original_name": source.original_name,
                          "blob_sha256": source.blob_sha256, "item_key": source.item_key,
                          "published_at": source.published_at, "grade": source.grade}
        else:
            provenance = {"publisher": publishers.get(claim.id, ""), "kind": "curated",
                          "url": claim.fields.get("source_url", ""),
                          "notes": claim.fields.get("notes", "")}
        place = claim.place
        rows.append(redactor.deep({
            "id": claim.id, "type": claim.type, "origin": claim.origin,
            "claim_date": claim.claim_date, "event_date": claim.event_date,
            "date_precision": claim.date_precision, "claimant": claim.claimant,
            "actor": claim.actor, "action": claim.action, "negated": claim.negated,
            "quote": claim.quote,
            "place": None if place is None else {"mention": place.mention, "id": place.id,
                                                 "name": place.name, "oblast": place.oblast,
                                                 "raion": raions.get(place.id),
                                                 "lon": place.lon, "lat": place.lat},
            "fields": claim.fields,
            "publisher": publishers.get(claim.id, ""), "provenance": provenance,
            "verdict": verdicts.get(claim.id)}))
    return rows


@router.get("/claims", response_model=list[ClaimOut])
def claims(connection: ConnectionDep, page: PageDep, response: Response, rules: RulesDep,
           redactor: RedactorDep,
           type: Annotated[ClaimType | None, Query(description="Claim type.")] = None,
           place: Annotated[str | None, Query(description="Settlement name or id.")] = None,
           actor: Annotated[str | None, Query(description="russia, ukraine, dprk or a unit.")] = None,
           since: SinceQuery = None, until: UntilQuery = None,
           verdict: Annotated[VerdictKind | None, Query(description="Only this verdict.")] = None,
           publisher: Annotated[str | None, Query(description="Only claims read from this "
                                                  "publisher (or news site).")] = None,
           tracker: TrackerQuery = "deepstate") -> list[dict]:
    """Stored claims, filtered, each with its provenance and verdict: ``claims list`` filters,
    and ``verify``'s records under ``verdict``."""
    place_ids = None
    if place:
        place_ids = [p["id"] for p in find_places(connection, place)] or [place]
    found = list_claims(connection, type=type.value if type else None, place_ids=place_ids,
                        actor=actor, since=since, until=until)
    rows = claim_rows(connection, found, rules, tracker, redactor)
    if verdict is not None:
        rows = [r for r in rows if r["verdict"] and r["verdict"]["verdict"] == verdict.value]
    if publisher is not None:
        rows = [r for r in rows if r["publisher"] == publisher]
    return page.of(rows, response)


def _claim_exists(connection, claim_id: str) -> list[Claim]:
    found = list_claims(connection, claim_id=claim_id)
    if not found:
        raise NotFoundError(f"no claim with id {claim_id!r}")
    return found


ClaimRedactorDep = Annotated[Redactor, Depends(item_redactor("claim", "claim_id", _claim_exists))]


@router.get("/claims/{claim_id}", response_model=ClaimOut)
def claim(claim_id: str, connection: ConnectionDep, rules: RulesDep, redactor: ClaimRedactorDep,
          tracker: TrackerQuery = "deepstate") -> dict:
    """One claim with its provenance, and its verdict with the evidence (the footprint share
    around the claim date, the snapshots used, the lag and the explanation).

    An analyst or admin may ask for it unredacted: ``?unredacted=1`` with the reason in the
    ``X-Frontcheck-Reason`` header (logged before the answer is sent)."""
    return claim_rows(connection, _claim_exists(connection, claim_id), rules, tracker,
                      redactor)[0]


@router.post("/verify", response_model=VerdictOut)
def verify(body: ClaimIn, connection: ConnectionDep, tracker: TrackerQuery = "deepstate") -> dict:
    """The verdict the map history gives a territorial claim sent in the body (nothing is
    stored): the settlement is resolved as ``control timeline`` resolves it."""
    chosen = place_by_id(connection, body.place.strip())
    if chosen is None:
        candidates = find_places(connection, body.place, body.oblast)
        if not candidates:
            raise NotFoundError(f"no place called {body.place!r}"
                                + (f" in {body.oblast}" if body.oblast else ""))
        if len(candidates) > 1:
            raise AmbiguousError(
                f"{len(candidates)} places are called {body.place!r}; give oblast or an id",
                [{k: c[k] for k in ("id", "name", "oblast", "raion")} for c in candidates])
        chosen = candidates[0]
    claim = Claim(id="request", type="territorial", origin="request", claimant=body.claimant,
                  actor=body.actor.value, action=body.action.value,
                  place=PlaceRef(mention=body.place, id=chosen["id"], name=chosen["name"],
                                 oblast=chosen["oblast"], lon=chosen["lon"], lat=chosen["lat"]),
                  claim_date=body.claim_date, event_date=body.claim_date)
    rules = VerdictRules(window_days=body.window_days, threshold=body.threshold,
                         horizon_days=body.horizon_days)
    return verdict_rows(connection, [claim], rules, tracker)[0]
