"""``/api/audit``: the audit log, for admins (as ``frontcheck audit show --format json``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from frontcheck.app.protection import AuditEntry, AuditStatus, audit_entries, audit_status
from frontcheck.protect.roles import Principal
from frontcheck.web.auth import require_admin
from frontcheck.web.deps import ConnectionDep, PageDep

router = APIRouter(prefix="/api", tags=["audit"])
AdminDep = Annotated[Principal, Depends(require_admin)]


@router.get("/audit", response_model=list[AuditEntry])
def audit(_admin: AdminDep, connection: ConnectionDep, page: PageDep, response: Response,
          since: Annotated[int, Query(ge=0, description="Only entries after this sequence "
                                                        "number.")] = 0) -> list[AuditEntry]:
    """Entries of the audit log in order (reasons redacted like any text); admins only."""
    return page.of(audit_entries(connection, since), response)


@router.get("/audit/verify", response_model=AuditStatus)
def audit_verify(_admin: AdminDep, connection: ConnectionDep) -> AuditStatus:
    """Whether the audit chain is intact (``frontcheck audit verify``); admins only."""
    return audit_status(connection)
