"""``/api/reports``: the saved brief definitions, and a brief as an HTML page — the same job
as ``frontcheck report`` (redacted by the job, and checked for protected names before it is
served)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from frontcheck.app.protection import redactor_for
from frontcheck.app.reports import (
    ReportDefinition,
    ReportFormat,
    ReportOptions,
    SavedReport,
    build_brief,
    render_brief,
    saved_report,
    saved_reports,
)
from frontcheck.claims.selection import parse_selection
from frontcheck.web.auth import PrincipalDep
from frontcheck.web.deps import ConnectionDep, TrackerQuery

router = APIRouter(prefix="/api", tags=["reports"])


@router.get("/reports", response_model=list[SavedReport])
def reports(connection: ConnectionDep, principal: PrincipalDep) -> list[SavedReport]:
    """Every saved report definition: name, definition, title."""
    return saved_reports(connection, principal)


def _html(connection, principal, definition: ReportDefinition, tracker: str) -> HTMLResponse:
    brief = build_brief(connection, principal, definition, ReportOptions(tracker=tracker))
    content = render_brief(brief, ReportFormat.html, redactor_for(connection))
    return HTMLResponse(content.decode("utf-8"))


@router.get("/reports/{report}", response_class=HTMLResponse)
def saved_brief(report: str, connection: ConnectionDep, principal: PrincipalDep,
                tracker: TrackerQuery = "deepstate") -> HTMLResponse:
    """The saved brief ``report`` regenerated now, as HTML (``frontcheck report --saved``)."""
    return _html(connection, principal, saved_report(connection, report), tracker)


@router.get("/report", response_class=HTMLResponse)
def brief(connection: ConnectionDep, principal: PrincipalDep,
          ach: Annotated[int | None, Query(description="An analysis id.")] = None,
          claims: Annotated[str | None, Query(description="A claims filter KEY=VALUE,...")] = None,
          figure: Annotated[list[str] | None, Query(description="Figure names.")] = None,
          tracker: TrackerQuery = "deepstate") -> HTMLResponse:
    """A brief of an analysis and/or a claims filter, as HTML (``frontcheck report``); with
    neither, of every claim."""
    if ach is None and claims is None:
        claims = ""
    definition = ReportDefinition(ach, parse_selection(claims) if claims is not None else None,
                                  tuple(figure or ()))
    return _html(connection, principal, definition, tracker)
