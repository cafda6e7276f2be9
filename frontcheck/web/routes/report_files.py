"""Files for download from the workbench's Reports page: a saved brief as Markdown, PDF or HTML
(``frontcheck report --saved NAME --output brief.md|pdf|html``), and the exchange formats of
a claims filter, a STIX 2.1 bundle and a case bundle (``frontcheck export stix|case``). The
same jobs as the CLI: redacted, checked for protected names before anything is sent, and
logged as exports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from frontcheck.app.exchange import CaseOptions, ExchangeOptions, case_export, case_zip, stix_export
from frontcheck.app.reports import ReportFormat, ReportOptions, saved_report
from frontcheck.app.reports import report as write_report
from frontcheck.claims.selection import parse_selection
from frontcheck.web.auth import PrincipalDep
from frontcheck.web.deps import ConnectionDep, TrackerQuery

router = APIRouter(prefix="/api", tags=["reports"])

MEDIA = {ReportFormat.html: "text/html; charset=utf-8",
         ReportFormat.md: "text/markdown; charset=utf-8", ReportFormat.pdf: "application/pdf"}
ClaimsQuery = Annotated[str, Query(max_length=2000, description="A claims filter KEY=VALUE,... "
                                                                "(empty: every claim).")]


def _attachment(content: bytes, media: str, name: str) -> Response:
    return Response(content, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/reports/{report}/brief.{fmt}")
def saved_brief_file(report: str, fmt: ReportFormat, request: Request,
                     connection: ConnectionDep, principal: PrincipalDep,
                     tracker: TrackerQuery = "deepstate") -> Response:
    """The saved brief ``report`` regenerated now as ``brief.md``, ``brief.pdf`` or
    ``brief.html`` (logged as an export)."""
    definition = saved_report(connection, report)
    made = write_report(request.app.state.engine, principal, definition, fmt,
                        ReportOptions(tracker=tracker))
    return _attachment(made.content, MEDIA[fmt], f"{report}.{fmt.value}")


@router.get("/export/stix")
def stix_file(request: Request, principal: PrincipalDep, claims: ClaimsQuery = "",
              tracker: TrackerQuery = "deepstate") -> Response:
    """The claims of the filter with their verdicts as a STIX 2.1 bundle
    (``frontcheck export stix``)."""
    text = stix_export(request.app.state.engine, principal,
                       ExchangeOptions(parse_selection(claims), tracker))
    return _attachment(text.encode("utf-8"), "application/json", "bundle.json")


@router.get("/export/case")
def case_file(request: Request, principal: PrincipalDep, claims: ClaimsQuery = "",
              tracker: TrackerQuery = "deepstate") -> Response:
    """The provenance bundle of the filter's claims as a zip (``frontcheck export case``;
    raw files naming a protected person withheld: the unredacted bundle is the CLI's)."""
    files = case_export(request.app.state.engine, principal,
                        CaseOptions(ExchangeOptions(parse_selection(claims), tracker)))
    return _attachment(case_zip(files), "application/zip", "case.zip")
