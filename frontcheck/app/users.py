"""Users and API tokens (protection): who may call the API, with which role; every change
is written to the audit log by the store function that makes it."""

from __future__ import annotations

from typing import Any

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


def add(connection: Connection, caller: Principal, name: str, role: Role) -> dict[str, Any]:
    """A new user with a role (the first user of a store must be an admin)."""
    return add_user(connection, name, role, caller)


def change_role(connection: Connection, caller: Principal, name: str, role: Role,
                reason: str | None) -> dict[str, Any]:
    """A user's role changed, for a reason (logged with the old and new role)."""
    return set_role(connection, name, role, caller, checked_reason(reason))


def users(connection: Connection) -> list[dict[str, Any]]:
    """Users: name, role, when added, number of active tokens."""
    return list_users(connection)


def new_token(connection: Connection, caller: Principal, user: str,
              label: str = "") -> tuple[str, dict[str, Any]]:
    """A token for a user: the secret (shown once, stored hashed) and its row."""
    return create_token(connection, user, caller, label)


def revoke(connection: Connection, caller: Principal, token_id: str,
           reason: str) -> dict[str, Any]:
    """Revoke a token: the API refuses it from the next request."""
    return revoke_token(connection, token_id, caller, reason.strip())


def tokens(connection: Connection) -> list[dict[str, Any]]:
    """Tokens: id, user, role, label, created, revoked (never the token itself)."""
    return list_tokens(connection)
