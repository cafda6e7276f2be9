"""``/api/ach``, ``/api/figures``, ``/api/acknowledgements``, ``/api/control/claimed`` (and ``-series``): the
analyst's product (issue 13), the same jobs and records as the CLI's ``ach``, ``figure``,
``acknowledgements`` and ``control claimed`` (redacted by the jobs, and again by the
protection middleware on the way out). Creating analyses and figures is for analysts and
admins."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from frontcheck.app import ach as ach_jobs
from frontcheck.app import figures as figure_jobs
from frontcheck.app.acknowledgements import AcknowledgementRecord, acknowledgements
from frontcheck.app.claimed_control import (
    ClaimedControlRecord,
    ClaimedOptions,
    claimed_control_on,
    claimed_control_series,
)
from frontcheck.protect.roles import Principal, may_unredact
from frontcheck.web.auth import PrincipalDep
from frontcheck.web.deps import ConnectionDep, TrackerQuery

router = APIRouter(prefix="/api", tags=["analysis product"])


def analyst(principal: PrincipalDep) -> Principal:
    """403 unless the caller may edit analyses (analyst or admin)."""
    if not may_unredact(principal.role):
        raise HTTPException(403, f"{principal.name} is a {principal.role.value}: only analysts "
                                 "and admins create analyses and figures")
    return principal


AnalystDep = Annotated[Principal, Depends(analyst)]


class QuestionIn(BaseModel):
    question: str = Field(min_length=1, max_length=2000)


class HypothesisIn(BaseModel):
    text: str = Field(min_length=1, max_length=2000)


class EvidenceIn(BaseModel):
    rate: str = Field(min_length=1, max_length=500, description="H1=CC,H2=I ...")
    claim: str | None = None
    source: int | None = None


class FigureIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    expr: str = Field(min_length=1, max_length=500)
    inputs: list[str] = Field(description="NAME=CLAIM_ID, NAME=NUMBER, NAME=LOW..HIGH ...")


@router.get("/ach", response_model=list[ach_jobs.AnalysisRecord])
def analyses(connection: ConnectionDep, principal: PrincipalDep) -> list:
    """Every analysis (``frontcheck ach list --format json``)."""
    return ach_jobs.analyses(connection, principal)


@router.post("/ach", response_model=ach_jobs.AnalysisRecord)
def new_analysis(body: QuestionIn, request: Request, principal: AnalystDep):
    """Start an analysis (``frontcheck ach new``)."""
    return ach_jobs.new_analysis(request.app.state.engine, principal, body.question)


@router.post("/ach/{analysis_id}/hypotheses", response_model=ach_jobs.HypothesisRecord)
def add_hypothesis(analysis_id: int, body: HypothesisIn, request: Request,
                   principal: AnalystDep):
    """Add a hypothesis (``frontcheck ach hypothesis add``)."""
    return ach_jobs.add_hypothesis(request.app.state.engine, principal, analysis_id, body.text)


@router.post("/ach/{analysis_id}/evidence")
def add_evidence(analysis_id: int, body: EvidenceIn, request: Request,
                 principal: AnalystDep) -> dict:
    """Add a claim or a source as evidence (``frontcheck ach evidence add``)."""
    return {"evidence_id": ach_jobs.add_evidence(request.app.state.engine, principal,
                                                 analysis_id, body.rate, body.claim,
                                                 body.source)}


@router.get("/ach/{analysis_id}", response_model=ach_jobs.AchRecord)
def show_analysis(analysis_id: int, connection: ConnectionDep, principal: PrincipalDep,
                  tracker: TrackerQuery = "deepstate"):
    """The matrix computed now (``frontcheck ach show ID --format json``)."""
    return ach_jobs.show_analysis(connection, principal, analysis_id,
                                  ach_jobs.AchOptions(tracker))


@router.get("/figures", response_model=list[figure_jobs.FigureListing])
def figures(connection: ConnectionDep, principal: PrincipalDep) -> list[figure_jobs.FigureListing]:
    """Every stored figure (``frontcheck figure list --format json``)."""
    return figure_jobs.figures(connection, principal)


@router.post("/figures", response_model=figure_jobs.FigureRecord)
def new_figure(body: FigureIn, request: Request, principal: AnalystDep):
    """Store a derived figure and return it computed (``frontcheck figure new``)."""
    return figure_jobs.new_figure(request.app.state.engine, principal, body.name, body.expr,
                                  body.inputs)


@router.get("/figures/{figure}", response_model=figure_jobs.FigureRecord)
def show_figure(figure: str, connection: ConnectionDep, principal: PrincipalDep):
    """A figure computed now (``frontcheck figure show NAME --format json``)."""
    return figure_jobs.show_figure(connection, principal, figure)


@router.get("/acknowledgements", response_model=list[AcknowledgementRecord])
def acknowledgement_timelines(
    connection: ConnectionDep, principal: PrincipalDep,
    subject: Annotated[str, Query(min_length=1, max_length=200,
                                  description="The fact, e.g. DPRK deployment.")],
) -> list:
    """Per actor, the first denial, first acknowledgement and every change of position
    (``frontcheck acknowledgements SUBJECT --format json``)."""
    return acknowledgements(connection, principal, subject)


ClaimantQuery = Annotated[str | None, Query(max_length=200, description="Only this claimant.")]
SideQuery = Annotated[str, Query(pattern="^(russia|ukraine)$",
                                 description="russia (with the DPRK) or ukraine.")]


@router.get("/control/claimed", response_model=list[ClaimedControlRecord])
def claimed(connection: ConnectionDep, principal: PrincipalDep,
            on: Annotated[date, Query(description="The date (YYYY-MM-DD).")],
            claimant: ClaimantQuery = None, side: SideQuery = "russia",
            tracker: TrackerQuery = "deepstate") -> list:
    """Claimed against mapped control on a date, all claimants then each
    (``frontcheck control claimed --on D --format json``)."""
    return claimed_control_on(connection, principal, on,
                              ClaimedOptions(side=side, claimant=claimant, tracker=tracker))


@router.get("/control/claimed-series", response_model=list[ClaimedControlRecord])
def claimed_series(connection: ConnectionDep, principal: PrincipalDep,
                   since: Annotated[date, Query(alias="from", description="First date.")],
                   until: Annotated[date, Query(alias="to", description="Last date.")],
                   step: Annotated[int, Query(ge=1, le=366, description="Days between dates.")]
                   = 7, claimant: ClaimantQuery = None, side: SideQuery = "russia",
                   tracker: TrackerQuery = "deepstate") -> list:
    """The same every ``step`` days from ``from`` to ``to`` (``frontcheck control claimed
    --from D1 --to D2 --step N --format json``)."""
    return claimed_control_series(connection, principal, since, until,
                                  ClaimedOptions(side=side, claimant=claimant, tracker=tracker,
                                                 step_days=step))
