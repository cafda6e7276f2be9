"""Roles, who is asking, and what each role may do.

- **viewer**: sees everything redacted, always.
- **analyst**: sees everything redacted by default; may ask for the unredacted view of one
  item (a source, a claim) with a stated reason, which is logged before it is shown.
- **admin**: what an analyst may, and manages users, tokens and protection flags.

In single-user mode (a store with no users, served on the loopback address) every request is
a viewer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from frontcheck.errors import FrontcheckError

__all__ = ["Role", "Principal", "AccessError", "may_unredact", "may_manage", "require_manager",
           "require_unredact", "checked_reason", "checked_user_name", "SINGLE_USER",
           "MAX_REASON_CHARS"]

MAX_REASON_CHARS = 500
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_USER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


class Role(str, Enum):
    viewer = "viewer"
    analyst = "analyst"
    admin = "admin"


class AccessError(FrontcheckError, PermissionError):
    """The caller's role does not allow what was asked, or the caller is unknown."""


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is asking: a user name and role, and how they were identified (``token:ID``,
    ``as-user``, ``single-user``, ``local``)."""

    name: str
    role: Role
    via: str

    @property
    def label(self) -> str:
        """How the audit log names the caller, e.g. ``alice (analyst, token:Ab12Cd34)``."""
        return f"{self.name} ({self.role.value}, {self.via})"


#: Every request of a server whose store has no users: a viewer, always redacted.
SINGLE_USER = Principal("single-user", Role.viewer, "single-user")


def may_unredact(role: Role) -> bool:
    """True for the roles that may ask for an unredacted view (analyst, admin).

    >>> may_unredact(Role.viewer), may_unredact(Role.analyst)
    (False, True)
    """
    return role in (Role.analyst, Role.admin)


def may_manage(role: Role) -> bool:
    """True for the role that manages users, tokens and protection flags (admin)."""
    return role is Role.admin


def require_unredact(principal: Principal) -> None:
    """Raise ``AccessError`` unless the caller may ask for an unredacted view."""
    if not may_unredact(principal.role):
        raise AccessError(f"{principal.name} is a {principal.role.value}: only an analyst or an "
                          "admin may see a protected person unredacted")


def require_manager(principal: Principal) -> None:
    """Raise ``AccessError`` unless the caller is an admin."""
    if not may_manage(principal.role):
        raise AccessError(f"{principal.name} is a {principal.role.value}: only an admin may "
                          "manage users, tokens and protection")


def checked_reason(reason: str | None) -> str:
    """The stated reason for an unredacted view or a change, trimmed; ``AccessError`` when it
    is missing, blank, longer than 500 characters or holds control characters.

    >>> checked_reason("  verifying the unit against the MoD list ")
    'verifying the unit against the MoD list'
    >>> checked_reason(" ")
    Traceback (most recent call last):
    ...
    frontcheck.protect.roles.AccessError: a reason is required: say why (it is logged)
    """
    text = (reason or "").strip()
    if not text:
        raise AccessError("a reason is required: say why (it is logged)")
    if len(text) > MAX_REASON_CHARS:
        raise AccessError(f"the reason is {len(text)} characters long; keep it under "
                          f"{MAX_REASON_CHARS}")
    if _CONTROL.search(text):
        raise AccessError("the reason holds control characters; write it on one line")
    return text


def checked_user_name(name: str) -> str:
    """A user name: 1–64 letters, digits, ``. _ @ -``, starting with a letter or digit.

    >>> checked_user_name("alice")
    'alice'
    """
    text = name.strip()
    if not _USER_NAME.fullmatch(text):
        raise AccessError(f"{name!r} is not a user name: use 1-64 letters, digits, '.', '_', "
                          "'@' or '-', starting with a letter or digit")
    return text
