"""API tokens: their form, and their salted hashes (the store never holds a token itself).

A token reads ``fct_<id>_<secret>``: the id (public, shown by ``tokens list`` and used by
``tokens revoke``) finds the one row to check, and the whole token is hashed with scrypt and
that row's own random salt, so a stolen store gives neither tokens nor a table to guess
against. The comparison takes constant time. Making the random id, secret and salt is the
shell's job (``store.users``), since the core reads no randomness.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from frontcheck.errors import FrontcheckError

__all__ = ["TokenError", "format_token", "parse_token", "bearer_token", "token_hash",
           "token_matches", "MAX_AUTHORIZATION_CHARS", "SCRYPT_PARAMS"]

PREFIX = "fct"
_TOKEN = re.compile(r"fct_([A-Za-z0-9]{8,32})_([A-Za-z0-9_-]{32,128})")
#: Longer Authorization headers are refused unread (a token is about 60 characters).
MAX_AUTHORIZATION_CHARS = 512
#: scrypt cost: 16 MiB and about 40 ms a check, so guessing is slow even with the hashes.
SCRYPT_PARAMS = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


class TokenError(FrontcheckError, ValueError):
    """A token or Authorization header that is malformed, unknown, revoked or too long."""


def format_token(token_id: str, secret: str) -> str:
    """The token a user is given once.

    >>> format_token("Ab12Cd34", "s" * 43)[:13]
    'fct_Ab12Cd34_'
    """
    token = f"{PREFIX}_{token_id}_{secret}"
    parse_token(token)
    return token


def parse_token(text: str) -> str:
    """The token id of a well-formed token; ``TokenError`` otherwise (the message never
    repeats the token).

    >>> parse_token("fct_Ab12Cd34_" + "x" * 43)
    'Ab12Cd34'
    >>> parse_token("hunter2")
    Traceback (most recent call last):
    ...
    frontcheck.protect.tokens.TokenError: malformed token: expected fct_<id>_<secret>
    """
    match = _TOKEN.fullmatch(text)
    if match is None:
        raise TokenError("malformed token: expected fct_<id>_<secret>")
    return match.group(1)


def bearer_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, None when there is no
    header; ``TokenError`` for any other scheme, a malformed or an oversized header.

    >>> bearer_token(None) is None
    True
    >>> bearer_token("Bearer fct_Ab12Cd34_" + "x" * 43)[:12]
    'fct_Ab12Cd34'
    """
    if header is None:
        return None
    if len(header) > MAX_AUTHORIZATION_CHARS:
        raise TokenError(f"Authorization header longer than {MAX_AUTHORIZATION_CHARS} "
                         "characters")
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise TokenError("Authorization must be 'Bearer <token>'")
    token = value.strip()
    parse_token(token)
    return token


def token_hash(token: str, salt: bytes) -> bytes:
    """scrypt of the whole token with the row's salt."""
    return hashlib.scrypt(token.encode("ascii"), salt=salt, **SCRYPT_PARAMS)


def token_matches(token: str, salt: bytes, stored_hash: bytes) -> bool:
    """True when ``token`` hashes to ``stored_hash`` (compared in constant time)."""
    return hmac.compare_digest(token_hash(token, salt), stored_hash)
