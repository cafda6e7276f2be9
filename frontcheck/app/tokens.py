"""Who a request is: a user's API token checked, or a user named on the command line.

Tokens are made by ``app.users.new_token`` (the random parts from ``secrets``) and stored only
as a salted scrypt hash (``protect.tokens``). Checking a token costs one scrypt (~40 ms); a
token checked once is remembered in this process by its sha256, so later requests skip the
scrypt — the store row is still read on every request, so revoking a token takes effect at
once.
"""

from __future__ import annotations

import hashlib
import hmac
import threading

from sqlalchemy import Connection

from frontcheck.protect.roles import AccessError, Principal, Role
from frontcheck.protect.tokens import TokenError, parse_token, token_hash, token_matches
from frontcheck.store.users import find_user, token_secret

__all__ = ["authenticate_token", "principal_of_user", "forget_token"]

_VERIFIED: dict[str, bytes] = {}   # token id -> sha256 of the token last checked with scrypt
_VERIFIED_LOCK = threading.Lock()


def authenticate_token(connection: Connection, token: str) -> Principal:
    """The user a token belongs to; ``TokenError`` for a malformed, unknown or revoked token
    (one message for unknown and wrong, so that the answer does not tell which ids exist)."""
    token_id = parse_token(token)
    row = token_secret(connection, token_id)
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


def forget_token(token_id: str) -> None:
    """A revoked token is checked in full again (and refused) from now on."""
    with _VERIFIED_LOCK:
        _VERIFIED.pop(token_id, None)


def principal_of_user(connection: Connection, name: str, via: str) -> Principal:
    """The user as a ``Principal``; ``AccessError`` when there is no such user."""
    user = find_user(connection, name)
    if user is None:
        raise AccessError(f"no user called {name!r}; see `frontcheck users list`")
    return Principal(user["name"], Role(user["role"]), via)
