"""``/api/audit``: the audit log, for admins (as ``frontcheck audit show --format json``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from frontcheck.protect.roles import Principal
from frontcheck.store.audit import audit_rows, verify_audit
from frontcheck.web.auth import RedactorDep, require_admin
from frontcheck.web.deps import ConnectionDep, PageDep
from frontcheck.web.schemas import AuditEntryOut, AuditStatusOut

router = APIRouter(prefix="/api", tags=["audit"])
AdminDep = Annotated[Principal, Depends(require_admin)]


@router.get("/audit", response_model=list[AuditEntryOut])
def audit(_admin: AdminDep, connection: ConnectionDep, page: PageDep, response: Response,
          redactor: RedactorDep,
          since: Annotated[int, Query(ge=0, description="Only entries after this sequence "
                                                        "number.")] = 0) -> list[dict]:
    """Entries of the audit log in order (reasons redacted like any text); admins only."""
    rows = [{**r, "reason": redactor.text(r["reason"]), "detail": redactor.deep(r["detail"])}
            for r in audit_rows(connection, since)]
    return page.of(rows, response)


@router.get("/audit/verify", response_model=AuditStatusOut)
def audit_verify(_admin: AdminDep, connection: ConnectionDep) -> dict:
    """Whether the audit chain is intact (``frontcheck audit verify``); admins only."""
    problem, count, head = verify_audit(connection)
    return {"intact": problem is None, "entries": count, "head": head,
            "first_bad_entry": problem.seq if problem else None,
            "problem": str(problem) if problem else None}
