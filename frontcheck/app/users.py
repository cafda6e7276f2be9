"""Users and API tokens (protection): who may call the API, with which role. Each job checks
what may change (the first user an admin, the last admin kept) and writes the change and its
audit entry in the caller's transaction."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from frontcheck.app.tokens import forget_token
from frontcheck.errors import NotFoundError
from frontcheck.protect.roles import AccessError, Principal, Role, checked_reason, checked_user_name
from frontcheck.protect.tokens import format_token, token_hash
from frontcheck.store.audit import append_entry
from frontcheck.store.users import (
    count_admins,
    count_users,
    find_user,
    insert_token,
    insert_user,
    list_tokens,
    list_users,
    mark_revoked,
    token_of,
    update_role,
)

_ALPHANUMERIC = string.ascii_letters + string.digits


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
    """A new user with a role (logged as ``user_add``). The first user of a store must be an
    admin, who can then add the others."""
    name = checked_user_name(name)
    if find_user(connection, name) is not None:
        raise AccessError(f"a user called {name!r} exists; change a role with "
                          "`frontcheck users set-role`")
    if count_users(connection) == 0 and role is not Role.admin:
        raise AccessError("the first user must be an admin (it manages the others): "
                          f"frontcheck users add {name} --role admin")
    insert_user(connection, name, role.value)
    append_entry(connection, caller, "user_add", f"user:{name}", detail={"role": role.value})
    return _user(connection, name)


def change_role(connection: Connection, caller: Principal, name: str, role: Role,
                reason: str | None) -> UserRecord:
    """A user's role changed, for a reason (logged with the old and new role). The last admin
    cannot stop being one."""
    reason = checked_reason(reason)
    user = find_user(connection, name)
    if user is None:
        raise NotFoundError(f"no user called {name!r}; see `frontcheck users list`")
    if user["role"] == Role.admin.value and role is not Role.admin \
            and count_admins(connection) <= 1:
        raise AccessError(f"{name} is the last admin; make another user admin first")
    update_role(connection, user["id"], role.value)
    append_entry(connection, caller, "role_change", f"user:{user['name']}", reason,
                 {"from": user["role"], "to": role.value})
    return _user(connection, user["name"])


def users(connection: Connection) -> list[UserRecord]:
    """Users: name, role, when added, number of active tokens."""
    return [UserRecord(**row) for row in list_users(connection)]


def new_token(connection: Connection, caller: Principal, user: str,
              label: str = "") -> tuple[str, TokenRecord]:
    """A token for a user (logged): the secret, shown once and stored only as a salted hash,
    and its record."""
    found = find_user(connection, user)
    if found is None:
        raise NotFoundError(f"no user called {user!r}; add one with `frontcheck users add`")
    token_id = "".join(secrets.choice(_ALPHANUMERIC) for _ in range(12))
    secret = format_token(token_id, secrets.token_urlsafe(32))
    salt = secrets.token_bytes(16)
    insert_token(connection, token_id, found["id"], salt, token_hash(secret, salt), label)
    append_entry(connection, caller, "token_create", f"token:{token_id}",
                 detail={"user": found["name"], "role": found["role"]})
    return secret, _token(connection, token_id)


def revoke(connection: Connection, caller: Principal, token_id: str,
           reason: str) -> TokenRecord:
    """Revoke a token (logged): the API refuses it from the next request."""
    row = token_of(connection, token_id.strip())
    if row is None:
        raise NotFoundError(f"no token with id {token_id!r}; see `frontcheck tokens list`")
    if row.revoked_at is not None:
        raise AccessError(f"token {row.id} was revoked on {row.revoked_at:%Y-%m-%d %H:%M} UTC")
    mark_revoked(connection, row.id)
    append_entry(connection, caller, "token_revoke", f"token:{row.id}", reason.strip(),
                 {"user": row.name})
    forget_token(row.id)
    return _token(connection, row.id)


def tokens(connection: Connection) -> list[TokenRecord]:
    """Tokens: id, user, role, label, created, revoked (never the token itself)."""
    return [TokenRecord(**row) for row in list_tokens(connection)]
