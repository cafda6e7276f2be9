"""Users, their roles and their API tokens in the store; every change logged in the audit log.

Tokens are made here (the random parts come from ``secrets``) and stored only as a salted
scrypt hash (``protect.tokens``): ``create_token`` returns the token once and nothing can show
it again. Checking a token costs one scrypt (~40 ms); a token checked once is remembered in
this process by its sha256, so later requests skip the scrypt — the store row is still read on
every request, so revoking a token takes effect at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
import threading
from datetime import UTC, datetime

from sqlalchemy import Connection, func, insert, select, update

from frontcheck.errors import NotFoundError
from frontcheck.protect.roles import AccessError, Principal, Role, checked_user_name
from frontcheck.protect.tokens import (
    TokenError,
    format_token,
    parse_token,
    token_hash,
    token_matches,
)
from frontcheck.store import schema as s
from frontcheck.store.audit import append_entry

__all__ = ["count_users", "find_user", "list_users", "add_user", "set_role", "create_token",
           "revoke_token", "list_tokens", "authenticate_token", "principal_of_user"]

_ALPHANUMERIC = string.ascii_letters + string.digits
_VERIFIED: dict[str, bytes] = {}   # token id -> sha256 of the token last checked with scrypt
_VERIFIED_LOCK = threading.Lock()


def count_users(connection: Connection) -> int:
    """How many users the store has (none: single-user mode)."""
    return connection.scalar(select(func.count()).select_from(s.users)) or 0


def find_user(connection: Connection, name: str) -> dict | None:
    """A user by exact name, or None."""
    row = connection.execute(select(s.users).where(s.users.c.name == name.strip())).first()
    return {str(k): v for k, v in row._mapping.items()} if row is not None else None


def principal_of_user(connection: Connection, name: str, via: str) -> Principal:
    """The user as a ``Principal``; ``AccessError`` when there is no such user."""
    user = find_user(connection, name)
    if user is None:
        raise AccessError(f"no user called {name!r}; see `frontcheck users list`")
    return Principal(user["name"], Role(user["role"]), via)


def list_users(connection: Connection) -> list[dict]:
    """Every user: name, role, when added, number of active tokens."""
    active = (select(s.tokens.c.user_id, func.count().label("tokens"))
              .where(s.tokens.c.revoked_at.is_(None)).group_by(s.tokens.c.user_id).subquery())
    rows = connection.execute(
        select(s.users.c.name, s.users.c.role, s.users.c.created_at,
               func.coalesce(active.c.tokens, 0).label("active_tokens"))
        .outerjoin(active, active.c.user_id == s.users.c.id).order_by(s.users.c.name))
    return [{str(k): v for k, v in r._mapping.items()} for r in rows]


def add_user(connection: Connection, name: str, role: Role, actor: Principal) -> dict:
    """Add a user with a role (logged as ``user_add``). The first user of a store must be
    an admin, who can then add the others."""
    name = checked_user_name(name)
    if find_user(connection, name) is not None:
        raise AccessError(f"a user called {name!r} exists; change a role with "
                          "`frontcheck users set-role`")
    if count_users(connection) == 0 and role is not Role.admin:
        raise AccessError("the first user must be an admin (it manages the others): "
                          f"frontcheck users add {name} --role admin")
    now = datetime.now(UTC)
    connection.execute(insert(s.users).values(name=name, role=role.value, created_at=now))
    append_entry(connection, actor, "user_add", f"user:{name}", detail={"role": role.value})
    return {"name": name, "role": role.value, "created_at": now}


def set_role(connection: Connection, name: str, role: Role, actor: Principal, reason: str) -> dict:
    """Change a user's role (logged as ``role_change`` with the old and new role). The last
    admin cannot stop being one."""
    user = find_user(connection, name)
    if user is None:
        raise NotFoundError(f"no user called {name!r}; see `frontcheck users list`")
    if user["role"] == Role.admin.value and role is not Role.admin:
        admins = connection.scalar(select(func.count()).select_from(s.users)
                                   .where(s.users.c.role == Role.admin.value))
        if (admins or 0) <= 1:
            raise AccessError(f"{name} is the last admin; make another user admin first")
    connection.execute(update(s.users).where(s.users.c.id == user["id"]).values(role=role.value))
    append_entry(connection, actor, "role_change", f"user:{user['name']}", reason,
                 {"from": user["role"], "to": role.value})
    return {**user, "role": role.value}


def create_token(connection: Connection, user_name: str, actor: Principal,
                 label: str = "") -> tuple[str, dict]:
    """A new token for a user: (the token, to be shown once; its row without the hash)."""
    user = find_user(connection, user_name)
    if user is None:
        raise NotFoundError(f"no user called {user_name!r}; add one with `frontcheck users add`")
    token_id = "".join(secrets.choice(_ALPHANUMERIC) for _ in range(12))
    token = format_token(token_id, secrets.token_urlsafe(32))
    salt = secrets.token_bytes(16)
    now = datetime.now(UTC)
    connection.execute(insert(s.tokens).values(id=token_id, user_id=user["id"], salt=salt,
                                               hash=token_hash(token, salt), label=label,
                                               created_at=now))
    append_entry(connection, actor, "token_create", f"token:{token_id}",
                 detail={"user": user["name"], "role": user["role"]})
    return token, {"id": token_id, "user": user["name"], "role": user["role"],
                   "label": label, "created_at": now}


def revoke_token(connection: Connection, token_id: str, actor: Principal, reason: str = "") -> dict:
    """Revoke a token by its id (logged); a revoked token is refused from the next request."""
    row = connection.execute(select(s.tokens.c.id, s.tokens.c.revoked_at, s.users.c.name)
                             .join(s.users, s.users.c.id == s.tokens.c.user_id)
                             .where(s.tokens.c.id == token_id.strip())).first()
    if row is None:
        raise NotFoundError(f"no token with id {token_id!r}; see `frontcheck tokens list`")
    if row.revoked_at is not None:
        raise AccessError(f"token {row.id} was revoked on {row.revoked_at:%Y-%m-%d %H:%M} UTC")
    now = datetime.now(UTC)
    connection.execute(update(s.tokens).where(s.tokens.c.id == row.id).values(revoked_at=now))
    append_entry(connection, actor, "token_revoke", f"token:{row.id}", reason,
                 {"user": row.name})
    with _VERIFIED_LOCK:
        _VERIFIED.pop(row.id, None)
    return {"id": row.id, "user": row.name, "revoked_at": now}


def list_tokens(connection: Connection) -> list[dict]:
    """Every token: id, user, role, label, created, revoked (never the token or its hash)."""
    rows = connection.execute(
        select(s.tokens.c.id, s.users.c.name.label("user"), s.users.c.role, s.tokens.c.label,
               s.tokens.c.created_at, s.tokens.c.revoked_at)
        .join(s.users, s.users.c.id == s.tokens.c.user_id).order_by(s.tokens.c.created_at))
    return [{str(k): v for k, v in r._mapping.items()} for r in rows]


def token_exists(connection: Connection, token_id: str) -> bool:
    """Whether a token id is stored and not revoked (no secret checked)."""
    return connection.execute(select(s.tokens.c.id).where(
        s.tokens.c.id == token_id, s.tokens.c.revoked_at.is_(None))).first() is not None


def authenticate_token(connection: Connection, token: str) -> Principal:
    """The user a token belongs to; ``TokenError`` for a malformed, unknown or revoked token
    (one message for unknown and wrong, so that the answer does not tell which ids exist)."""
    token_id = parse_token(token)
    row = connection.execute(
        select(s.tokens.c.salt, s.tokens.c.hash, s.tokens.c.revoked_at, s.users.c.name,
               s.users.c.role)
        .join(s.users, s.users.c.id == s.tokens.c.user_id).where(s.tokens.c.id == token_id)).first()
    if row is None:
        token_hash(token, b"\0" * 16)   # the same time as a real check
        raise TokenError("invalid or revoked token")
    if row.revoked_at is not None:
        raise TokenError("invalid or revoked token")
    digest = hashlib.sha256(token.encode("ascii")).digest()
    with _VERIFIED_LOCK:
        known = _VERIFIED.get(token_id)
    if known is None or not hmac.compare_digest(known, digest):
        if not token_matches(token, row.salt, row.hash):
            raise TokenError("invalid or revoked token")
        with _VERIFIED_LOCK:
            _VERIFIED[token_id] = digest
    return Principal(row.name, Role(row.role), f"token:{token_id}")
