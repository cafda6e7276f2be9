"""Users and API tokens (protection): who may call the API, with which role; every change
is written to the audit log by the store function that makes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from frontcheck.protect.roles import Principal, Role, checked_reason
from frontcheck.store.users import (
    add_user,
    create_token,
    list_tokens,
    list_users,
    revoke_token,
    set_role,
)


@dataclass(frozen=True, slots=True)
class UserRecord:
    """A user (``users list --format json``): name, role, when added, active tokens."""

    name: str
    role: str
    created_at: datetime
    active_tokens: int


@dataclass(frozen=True, slots=True)
class TokenRecord:
    """A token (``tokens list --format json``), never the token itself nor its hash."""

    id: str
    user: str
    role: str
    label: str
    created_at: datetime
    revoked_at: datetime | None


def _user(connection: Connection, name: str) -> UserRecord:
    """The stored user ``name`` as listed (with the count of active tokens)."""
    return next(u for u in users(connection) if u.name == name)


def _token(connection: Connection, token_id: str) -> TokenRecord:
    return next(t for t in tokens(connection) if t.id == token_id)


def add(connection: Connection, caller: Principal, name: str, role: Role) -> UserRecord:
    """A new user with a role (the first user of a store must be an admin)."""
    return _user(connection, add_user(connection, name, role, caller)["name"])


def change_role(connection: Connection, caller: Principal, name: str, role: Role,
                reason: str | None) -> UserRecord:
    """A user's role changed, for a reason (logged with the old and new role)."""
    changed = set_role(connection, name, role, caller, checked_reason(reason))
    return _user(connection, changed["name"])


def users(connection: Connection) -> list[UserRecord]:
    """Users: name, role, when added, number of active tokens."""
    return [UserRecord(**row) for row in list_users(connection)]


def new_token(connection: Connection, caller: Principal, user: str,
              label: str = "") -> tuple[str, TokenRecord]:
    """A token for a user: the secret (shown once, stored hashed) and its record."""
    secret, row = create_token(connection, user, caller, label)
    return secret, _token(connection, row["id"])


def revoke(connection: Connection, caller: Principal, token_id: str,
           reason: str) -> TokenRecord:
    """Revoke a token: the API refuses it from the next request."""
    return _token(connection, revoke_token(connection, token_id, caller, reason.strip())["id"])


def tokens(connection: Connection) -> list[TokenRecord]:
    """Tokens: id, user, role, label, created, revoked (never the token itself)."""
    return [TokenRecord(**row) for row in list_tokens(connection)]
