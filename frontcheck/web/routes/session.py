"""``/api/session``: who the page is signed in as, so that it offers what the role allows (an
analyst may ask for an item unredacted, with a reason)."""

from __future__ import annotations

from fastapi import APIRouter

from frontcheck.protect.roles import may_unredact
from frontcheck.web.auth import PrincipalDep

router = APIRouter(prefix="/api", tags=["session"])


@router.get("/session")
def session(principal: PrincipalDep) -> dict:
    """The caller: name, role, how identified (``token:ID`` or ``single-user``), and whether
    the role may ask for an unredacted item (``?unredacted=1`` with a reason header)."""
    return {"name": principal.name, "role": principal.role.value, "via": principal.via,
            "may_unredact": may_unredact(principal.role)}
