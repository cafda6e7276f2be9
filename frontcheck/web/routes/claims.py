"""``/api/claims`` and ``/api/verify``: claims with where they were read and their verdict
against the map, filtered as ``claims list`` and ``verify`` filter; an ad-hoc check of a claim.
Each route calls the job the CLI calls (``app.claims``, ``app.verify``) and returns its records."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from frontcheck.app import claims as claim_jobs
from frontcheck.app import verify as verify_jobs
from frontcheck.app.claims import ClaimRecord
from frontcheck.app.verify import DEFAULT_RULES, RULE_BOUNDS, VerdictRecord
from frontcheck.verify.territorial import VerdictRules
from frontcheck.web.auth import PrincipalDep, UnredactedDep
from frontcheck.web.deps import (
    ConnectionDep,
    PageDep,
    SinceQuery,
    TrackerQuery,
    UntilQuery,
    api_export,
)
from frontcheck.web.schemas import ClaimIn, ClaimType, VerdictKind

router = APIRouter(prefix="/api", tags=["claims"])


def verdict_rules(
    window: Annotated[int, Query(ge=RULE_BOUNDS["window_days"][0],
                                 le=RULE_BOUNDS["window_days"][1],
                                 description="Days either side of the claim date that count as "
                                 "agreeing in time (as verify --window).")] = DEFAULT_RULES.window_days,
    threshold: Annotated[float, Query(ge=RULE_BOUNDS["threshold"][0],
                                      le=RULE_BOUNDS["threshold"][1],
                                      description="Share of the footprint that makes a "
                                      "capture.")] = DEFAULT_RULES.threshold,
    horizon: Annotated[int, Query(ge=RULE_BOUNDS["horizon_days"][0],
                                  le=RULE_BOUNDS["horizon_days"][1],
                                  description="Days after the claim within which the map must "
                                  "agree.")] = DEFAULT_RULES.horizon_days,
) -> VerdictRules:
    return verify_jobs.verdict_rules(window, threshold, horizon)


RulesDep = Annotated[VerdictRules, Depends(verdict_rules)]


@router.get("/claims", response_model=list[ClaimRecord])
def claims(connection: ConnectionDep, page: PageDep, response: Response, rules: RulesDep,
           caller: PrincipalDep,
           type: Annotated[ClaimType | None, Query(description="Claim type.")] = None,
           place: Annotated[str | None, Query(description="Settlement name or id.")] = None,
           actor: Annotated[str | None, Query(description="russia, ukraine, dprk or a unit.")] = None,
           since: SinceQuery = None, until: UntilQuery = None,
           verdict: Annotated[VerdictKind | None, Query(description="Only this verdict.")] = None,
           publisher: Annotated[str | None, Query(description="Only claims read from this "
                                                  "publisher (or news site).")] = None,
           tracker: TrackerQuery = "deepstate") -> list[ClaimRecord]:
    """Stored claims, filtered, each with its provenance and verdict: the records of
    ``claims list --format json``."""
    where = claim_jobs.ClaimFilter(type=type.value if type else None, place=place, actor=actor,
                                   since=since, until=until,
                                   verdict=verdict.value if verdict else None, publisher=publisher)
    return page.of(claim_jobs.list_claims(connection, caller, where, rules, tracker,
                                          api_export()), response)


@router.get("/claims/{claim_id}", response_model=ClaimRecord)
def claim(claim_id: str, connection: ConnectionDep, rules: RulesDep, caller: PrincipalDep,
          unredacted: UnredactedDep, tracker: TrackerQuery = "deepstate") -> ClaimRecord:
    """One claim with its provenance, and its verdict with the evidence (the footprint share
    around the claim date, the snapshots used, the lag and the explanation).

    An analyst or admin may ask for it unredacted: ``?unredacted=1`` with the reason in the
    ``X-Frontcheck-Reason`` header (logged before the answer is sent)."""
    return claim_jobs.claim(connection, caller, claim_id, rules, tracker,
                            unredacted=unredacted.asked, reason=unredacted.reason)


@router.post("/verify", response_model=VerdictRecord)
def verify(body: ClaimIn, connection: ConnectionDep, caller: PrincipalDep,
           tracker: TrackerQuery = "deepstate") -> VerdictRecord:
    """The verdict the map history gives a territorial claim sent in the body (nothing is
    stored): the settlement is resolved as ``control timeline`` resolves it."""
    rules = verify_jobs.verdict_rules(body.window_days, body.threshold, body.horizon_days)
    return verify_jobs.check_claim(
        connection, caller, verify_jobs.ClaimToCheck(
            place=body.place, oblast=body.oblast, actor=body.actor.value,
            action=body.action.value, claim_date=body.claim_date, claimant=body.claimant),
        rules, tracker)
