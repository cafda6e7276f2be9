"""Who may read the API, and what they see: bearer tokens, roles, redaction, the audit log.

``ProtectionMiddleware`` stands in front of every ``/api`` path, so a route added later is
covered without doing anything:

- **Who.** A store without users is served in single-user mode: every request is a viewer's
  and needs no token (``frontcheck serve`` allows that only on the loopback address). Once the
  store has users, every request needs ``Authorization: Bearer <token>``: none → 401, a
  malformed, unknown or revoked token → 401, a header over 512 characters → 431. A client
  that keeps sending bad tokens is slowed down (``protect.throttle``): 429 with
  ``Retry-After`` until its delay has passed for any token but a valid one (so that one bad
  client behind a proxy does not lock out the team); a token id whose secret is being
  guessed is slowed down the same way, from any address.
- **What they see.** Each route calls a job of ``frontcheck.app``, which redacts what it
  returns for the caller, once (the same job the CLI calls); an analyst or admin may ask for
  one item unredacted (``UnredactedDep``: the job grants it and logs it). The map's routes
  (``MAP_PREFIXES``), which answer from the gazetteer and the trackers and never from
  sources, are left as they are: a village that happens to be spelled like a protected
  surname, or a protected person's home town, is a place on the map, and renaming it there
  would point at the person rather than hide them.
- **What is logged.** The jobs log the API's bulk exports (persons, sources, claims) and
  every unredacted view (granted or refused) before the answer is sent; if the log cannot
  be written, nothing is sent.

Routes ask for the caller with ``PrincipalDep``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import unquote

import anyio
import orjson
from fastapi import Depends, Header, HTTPException, Query, Request
from sqlalchemy import Connection, Engine
from starlette.types import ASGIApp, Receive, Scope, Send

from frontcheck.app.protection import has_users, redactor_for, token_caller, token_known
from frontcheck.protect.redaction import Redactor
from frontcheck.protect.roles import SINGLE_USER, Principal, may_manage
from frontcheck.protect.throttle import FailureRecord, ThrottlePolicy, after_failure, retry_after_s
from frontcheck.protect.tokens import MAX_AUTHORIZATION_CHARS, TokenError, bearer_token, parse_token
from frontcheck.web.deps import ConnectionDep

__all__ = ["ProtectionMiddleware", "PrincipalDep", "RedactorDep", "UnredactedDep",
           "require_admin", "REASON_HEADER", "MAP_PREFIXES", "Throttle"]

REASON_HEADER = "X-Frontcheck-Reason"
#: Routes that answer from the gazetteer and the trackers only, never from sources: their
#: answers are not rewritten (see the module docstring).
MAP_PREFIXES = ("/api/places", "/api/snapshots", "/api/control", "/api/basemap", "/api/config")


class Throttle:
    """Bad-token records per client address, in memory, bounded (``protect.throttle``)."""

    def __init__(self, policy: ThrottlePolicy = ThrottlePolicy()) -> None:
        self.policy = policy
        self._records: OrderedDict[str, FailureRecord] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, client: str, now_s: float) -> int | None:
        with self._lock:
            return retry_after_s(self._records.get(client), now_s)

    def failed(self, client: str, now_s: float) -> None:
        with self._lock:
            self._records[client] = after_failure(self._records.pop(client, None), now_s,
                                                  self.policy)
            while len(self._records) > self.policy.max_clients:
                self._records.popitem(last=False)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._records.pop(client, None)


class _Refusal(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


class ProtectionMiddleware:
    """Authenticates every ``/api`` request and hands the caller to the routes (see the
    module docstring). The bad-token records live in ``app.state.auth_throttle`` (made on
    first use; set one with another ``ThrottlePolicy`` before the first request to change
    the delays)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api"):
            await self.app(scope, receive, send)
            return
        app_state = scope["app"].state
        engine: Engine = app_state.engine
        if getattr(app_state, "auth_throttle", None) is None:
            app_state.auth_throttle = Throttle()
        client = (scope.get("client") or ("unknown", 0))[0]
        authorization = _header(scope, b"authorization")
        try:
            principal = await anyio.to_thread.run_sync(
                self._identify, engine, app_state.auth_throttle, client, authorization)
        except _Refusal as refusal:
            await _error(send, refusal.status, refusal.message, refusal.headers)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)

    def _identify(self, engine: Engine, throttle: Throttle, client: str,
                  authorization: str | None) -> Principal:
        now = time.monotonic()
        with engine.connect() as connection:
            if not has_users(connection):
                return SINGLE_USER
            return self._authenticate(connection, throttle, client, authorization, now)

    def _authenticate(self, connection: Connection, throttle: Throttle, client: str,
                      authorization: str | None, now: float) -> Principal:
        if authorization is None:
            raise _Refusal(401, "a bearer token is required: send 'Authorization: Bearer "
                                "<token>' (tokens: `frontcheck tokens create USER`)",
                           {"WWW-Authenticate": "Bearer"})
        try:
            token = bearer_token(authorization) or ""
            credential = f"token:{parse_token(token)}"
        except TokenError:
            token, credential = None, None
        # A client that sent bad tokens is slowed down, and so is a token id someone guesses
        # the secret of; but a valid token from a slowed-down address (one bad client behind
        # the team's proxy) still passes. While the address is slowed down only a token id
        # the store holds, itself not slowed down, is checked (an unknown id costs no scrypt).
        wait = throttle.retry_after(credential, now) if credential else None
        client_wait = throttle.retry_after(client, now)
        if wait is None and client_wait is not None and (
                credential is None or not token_known(connection, credential[6:])):
            wait = client_wait
        if wait is not None:
            raise _Refusal(429, f"too many bad tokens from this client; retry in {wait} s",
                           {"Retry-After": str(wait)})
        try:
            if token is None:
                bearer_token(authorization)        # raises the reason it is malformed
            principal = token_caller(connection, token or "")
        except TokenError as exc:
            throttle.failed(client, now)
            if credential:
                throttle.failed(credential, now)
            if client_wait is not None:
                raise _Refusal(429, f"too many bad tokens from this client; retry in "
                                    f"{client_wait} s", {"Retry-After": str(client_wait)}) from None
            status = 431 if len(authorization) > MAX_AUTHORIZATION_CHARS else 401
            raise _Refusal(status, str(exc), {"WWW-Authenticate": 'Bearer error="invalid_token"'}) \
                from None
        if credential:
            throttle.succeeded(credential)
        if client_wait is None:
            throttle.succeeded(client)
        return principal


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


async def _error(send: Send, status: int, message: str, headers: dict[str, str]) -> None:
    body = orjson.dumps({"ok": False, "error": message, "status": status})
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body, "more_body": False})


def current_principal(request: Request) -> Principal:
    """The caller the middleware identified (a viewer when the app runs without it)."""
    return getattr(request.state, "principal", SINGLE_USER)


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require_admin(principal: PrincipalDep) -> Principal:
    """403 unless the caller is an admin."""
    if not may_manage(principal.role):
        raise HTTPException(403, f"{principal.name} is a {principal.role.value}: this is for "
                                 "admins")
    return principal


def redacted(connection: ConnectionDep) -> Redactor:
    """The redactor of the persons protected now (always redacting)."""
    return redactor_for(connection)


RedactorDep = Annotated[Redactor, Depends(redacted)]

UnredactedQuery = Annotated[bool, Query(
    description="Ask for this item unredacted (analysts and admins; give the reason in the "
                f"{REASON_HEADER} header, UTF-8 percent-encoded if not ASCII; logged).")]
ReasonHeader = Annotated[str | None, Header(alias=REASON_HEADER, include_in_schema=False)]


@dataclass(frozen=True, slots=True)
class UnredactedAsk:
    """Whether the caller asked for one item unredacted, and the reason given."""

    asked: bool
    reason: str | None


def unredacted_ask(unredacted: UnredactedQuery = False,
                   reason: ReasonHeader = None) -> UnredactedAsk:
    return UnredactedAsk(unredacted, unquote(reason) if reason else reason)


UnredactedDep = Annotated[UnredactedAsk, Depends(unredacted_ask)]
