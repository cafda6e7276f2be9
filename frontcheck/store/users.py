"""Users and API tokens in the store: the queries only. What may change (the first user an
admin, the last admin kept, a token made, checked and revoked) and the audit entry of each
change are the jobs' (``app/users.py``, ``app/tokens.py``); tokens are stored only as a salted
hash, never as themselves."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update

from frontcheck.store import schema as s

__all__ = ["count_users", "count_admins", "find_user", "list_users", "insert_user",
           "update_role", "insert_token", "token_of", "token_secret", "mark_revoked",
           "list_tokens", "token_exists"]


def count_users(connection: Connection) -> int:
    """How many users the store has (none: single-user mode)."""
    return connection.scalar(select(func.count()).select_from(s.users)) or 0


def count_admins(connection: Connection) -> int:
    return connection.scalar(select(func.count()).select_from(s.users)
                             .where(s.users.c.role == "admin")) or 0


def find_user(connection: Connection, name: str) -> dict[str, Any] | None:
    """A user by exact name (id, name, role, created_at), or None."""
    row = connection.execute(select(s.users).where(s.users.c.name == name.strip())).first()
    return {str(k): v for k, v in row._mapping.items()} if row is not None else None


def list_users(connection: Connection) -> list[dict[str, Any]]:
    """Every user: name, role, when added, number of active tokens."""
    active = (select(s.tokens.c.user_id, func.count().label("tokens"))
              .where(s.tokens.c.revoked_at.is_(None)).group_by(s.tokens.c.user_id).subquery())
    rows = connection.execute(
        select(s.users.c.name, s.users.c.role, s.users.c.created_at,
               func.coalesce(active.c.tokens, 0).label("active_tokens"))
        .outerjoin(active, active.c.user_id == s.users.c.id).order_by(s.users.c.name))
    return [{str(k): v for k, v in r._mapping.items()} for r in rows]


def insert_user(connection: Connection, name: str, role: str) -> datetime:
    now = datetime.now(UTC)
    connection.execute(insert(s.users).values(name=name, role=role, created_at=now))
    return now


def update_role(connection: Connection, user_id: int, role: str) -> None:
    connection.execute(update(s.users).where(s.users.c.id == user_id).values(role=role))


def insert_token(connection: Connection, token_id: str, user_id: int, salt: bytes,
                 digest: bytes, label: str) -> datetime:
    now = datetime.now(UTC)
    connection.execute(insert(s.tokens).values(id=token_id, user_id=user_id, salt=salt,
                                               hash=digest, label=label, created_at=now))
    return now


def token_of(connection: Connection, token_id: str) -> Row[Any, Any, Any] | None:
    """A token's id, revocation time and user's name, or None."""
    return connection.execute(select(s.tokens.c.id, s.tokens.c.revoked_at, s.users.c.name)
                              .join(s.users, s.users.c.id == s.tokens.c.user_id)
                              .where(s.tokens.c.id == token_id)).first()


def token_secret(connection: Connection, token_id: str
                 ) -> Row[Any, Any, Any, Any, Any] | None:
    """What a token is checked against: salt, hash, revocation time, user's name and role."""
    return connection.execute(
        select(s.tokens.c.salt, s.tokens.c.hash, s.tokens.c.revoked_at, s.users.c.name,
               s.users.c.role)
        .join(s.users, s.users.c.id == s.tokens.c.user_id).where(s.tokens.c.id == token_id)).first()


def mark_revoked(connection: Connection, token_id: str) -> datetime:
    now = datetime.now(UTC)
    connection.execute(update(s.tokens).where(s.tokens.c.id == token_id).values(revoked_at=now))
    return now


def list_tokens(connection: Connection) -> list[dict[str, Any]]:
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
