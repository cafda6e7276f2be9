"""``/api/contradictions``, ``/api/corroboration``, ``/api/witnesses``: claims compared across
sources, and one speaker's consistency over his statements; each route calls the job the CLI
calls (``app.analysis``), which redacts protected persons' names."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from frontcheck.app import analysis as jobs
from frontcheck.verify.comparison import ComparisonRules
from frontcheck.verify.contradictions import Contradiction
from frontcheck.verify.corroboration import Corroboration
from frontcheck.web.auth import PrincipalDep
from frontcheck.web.deps import ConnectionDep, PageDep
from frontcheck.web.schemas import ConflictType

router = APIRouter(prefix="/api", tags=["analysis"])


def comparison_rules(
    window: Annotated[int, Query(ge=0, le=365, description="Days apart within which two dated "
                                 "claims speak of the same time (as --window).")] = 7,
) -> ComparisonRules:
    return ComparisonRules(window_days=window)


RulesDep = Annotated[ComparisonRules, Depends(comparison_rules)]


@router.get("/contradictions", response_model=list[Contradiction])
def contradictions(connection: ConnectionDep, page: PageDep, response: Response, rules: RulesDep,
                   caller: PrincipalDep,
                   type: Annotated[ConflictType | None, Query(description="Only this kind of "
                                                              "conflict.")] = None
                   ) -> list[Contradiction]:
    """Pairs of claims from different sources that conflict (numeric, temporal, actor,
    negation, value): the records of ``frontcheck contradictions --format json``."""
    return page.of(jobs.contradictions(connection, caller, [type.value] if type else None,
                                       rules), response)


@router.get("/corroboration", response_model=list[Corroboration])
def corroboration(connection: ConnectionDep, page: PageDep, response: Response, rules: RulesDep,
                  caller: PrincipalDep,
                  claim: Annotated[str | None, Query(description="One claim id.")] = None
                  ) -> list[Corroboration]:
    """Each claim with the independent sources for and against it and their grades: the
    records of ``frontcheck corroboration --format json``."""
    return page.of(jobs.corroboration(connection, caller, claim, rules), response)


@router.get("/witnesses/{person}", response_model=jobs.Witness)
def witness(person: str, connection: ConnectionDep, rules: RulesDep,
            caller: PrincipalDep) -> jobs.Witness:
    """One speaker's claims across his statements in time order, each consistent, changed or
    new (``frontcheck witness PERSON --format json`` under ``items``); ``person`` is an id, a
    name or a pseudonym (POW-1). A protected person asked for by name answers exactly as an
    unknown name does (404), whoever asks, and the look-up is logged: the API never confirms
    a guessed name."""
    return jobs.witness(connection, caller, person, rules, via="api")
