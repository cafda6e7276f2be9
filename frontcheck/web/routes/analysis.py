"""``/api/contradictions``, ``/api/corroboration``, ``/api/witnesses``: claims compared across
sources, and one speaker's consistency over his statements (names of protected persons
replaced by the store functions, and not in the response models either)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from frontcheck.errors import NotFoundError
from frontcheck.store.analysis import contradiction_rows, corroboration_rows, witness_rows
from frontcheck.store.audit import log_event
from frontcheck.store.persons import find_person_or_pseudonym
from frontcheck.verify.comparison import ComparisonRules
from frontcheck.web.auth import PrincipalDep
from frontcheck.web.deps import ConnectionDep, PageDep
from frontcheck.web.schemas import ConflictType, ContradictionOut, CorroborationOut, WitnessOut

router = APIRouter(prefix="/api", tags=["analysis"])


def comparison_rules(
    window: Annotated[int, Query(ge=0, le=365, description="Days apart within which two dated "
                                 "claims speak of the same time (as --window).")] = 7,
) -> ComparisonRules:
    return ComparisonRules(window_days=window)


RulesDep = Annotated[ComparisonRules, Depends(comparison_rules)]


@router.get("/contradictions", response_model=list[ContradictionOut])
def contradictions(connection: ConnectionDep, page: PageDep, response: Response, rules: RulesDep,
                   type: Annotated[ConflictType | None, Query(description="Only this kind of "
                                                              "conflict.")] = None) -> list[dict]:
    """Pairs of claims from different sources that conflict (numeric, temporal, actor,
    negation, value): the records of ``frontcheck contradictions --format json``."""
    return page.of(contradiction_rows(connection, [type.value] if type else None, rules), response)


@router.get("/corroboration", response_model=list[CorroborationOut])
def corroboration(connection: ConnectionDep, page: PageDep, response: Response, rules: RulesDep,
                  claim: Annotated[str | None, Query(description="One claim id.")] = None
                  ) -> list[dict]:
    """Each claim with the independent sources for and against it and their grades: the
    records of ``frontcheck corroboration --format json``."""
    return page.of(corroboration_rows(connection, claim, rules), response)


#: The one answer for a person the API will not name: unknown, or protected and asked for by
#: name. It repeats nothing of what was asked (a redacted echo would confirm the name).
NO_SUCH_PERSON = "no such person; give an id or pseudonym from /api/persons"


@router.get("/witnesses/{person}", response_model=WitnessOut)
def witness(person: str, request: Request, connection: ConnectionDep, rules: RulesDep,
            principal: PrincipalDep) -> dict:
    """One speaker's claims across his statements in time order, each consistent, changed or
    new (``frontcheck witness PERSON --format json`` under ``items``); ``person`` is an id, a
    name or a pseudonym (POW-1). A protected person asked for by name answers exactly as an
    unknown name does (404), whoever asks, and the look-up is logged: the API never confirms
    a guessed name."""
    try:
        found = find_person_or_pseudonym(connection, person)
    except NotFoundError:
        raise HTTPException(404, NO_SUCH_PERSON) from None
    asked = person.strip()
    by_name = not asked.isdigit() and asked.upper() != (found["pseudonym"] or "").upper()
    if found["protected"] and by_name:
        log_event(request.app.state.engine, principal, "person_lookup", f"person:{found['id']}",
                  "", {"via": "api", "by": "name", "answered": "as unknown",
                       "pseudonym": found["pseudonym"]})
        raise HTTPException(404, NO_SUCH_PERSON)
    shown, rows = witness_rows(connection, str(found["id"]), rules)
    return {"person": shown, "items": rows}
