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
- **What they see.** Every JSON answer is redacted on its way out, whatever the route did
  itself, unless the route granted the unredacted view of one item (``item_redactor``). The
  map's routes (``MAP_PREFIXES``), which answer from the gazetteer and the trackers and never
  from sources, are left as they are: a village that happens to be spelled like a protected
  surname, or a protected person's home town, is a place on the map, and renaming it there
  would point at the person rather than hide them.
- **What is logged.** Responses of ``/api/persons``, ``/api/sources`` and ``/api/claims``
  (the bulk exports of the API) and every unredacted view (granted or refused), before the
  answer is sent; if the log cannot be written, nothing is sent.

Routes ask for the caller with ``PrincipalDep`` and for their redactor with
``RedactorDep`` (redacted always) or ``item_redactor(kind, exists)`` (may be unredacted).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated
from urllib.parse import unquote

import anyio
import orjson
from fastapi import Depends, Header, HTTPException, Query, Request
from sqlalchemy import Connection, Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontcheck.protect.redaction import Redactor
from frontcheck.protect.roles import (
    SINGLE_USER,
    AccessError,
    Principal,
    checked_reason,
    may_manage,
    may_unredact,
)
from frontcheck.protect.throttle import FailureRecord, ThrottlePolicy, after_failure, retry_after_s
from frontcheck.protect.tokens import MAX_AUTHORIZATION_CHARS, TokenError, bearer_token, parse_token
from frontcheck.store.audit import log_event
from frontcheck.store.persons import person_redactor
from frontcheck.store.users import authenticate_token, count_users, token_exists
from frontcheck.web.deps import ConnectionDep

__all__ = ["ProtectionMiddleware", "PrincipalDep", "RedactorDep", "item_redactor",
           "require_admin", "REASON_HEADER", "EXPORT_PATHS", "MAP_PREFIXES", "Throttle"]

REASON_HEADER = "X-Frontcheck-Reason"
#: The API's bulk exports of persons, sources and claims: each answer is logged.
EXPORT_PATHS = frozenset({"/api/persons", "/api/sources", "/api/claims"})
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
    """Authenticates every ``/api`` request, redacts its JSON answer, logs exports (see the
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
            principal, redactor = await anyio.to_thread.run_sync(
                self._identify, engine, app_state.auth_throttle, client, authorization)
        except _Refusal as refusal:
            await _error(send, refusal.status, refusal.message, refusal.headers)
            return
        state = scope.setdefault("state", {})
        state["principal"] = principal
        if scope["path"].startswith(MAP_PREFIXES):
            redactor = Redactor.identity()
        export = scope["method"] == "GET" and scope["path"] in EXPORT_PATHS
        await self.app(scope, receive, _RedactingSend(send, state, redactor, engine, principal,
                                                      scope["path"] if export else None))

    def _identify(self, engine: Engine, throttle: Throttle, client: str,
                  authorization: str | None) -> tuple[Principal, Redactor]:
        now = time.monotonic()
        with engine.connect() as connection:
            if count_users(connection) == 0:
                principal = SINGLE_USER
            else:
                principal = self._authenticate(connection, throttle, client, authorization, now)
            return principal, person_redactor(connection)

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
                credential is None or not token_exists(connection, credential[6:])):
            wait = client_wait
        if wait is not None:
            raise _Refusal(429, f"too many bad tokens from this client; retry in {wait} s",
                           {"Retry-After": str(wait)})
        try:
            if token is None:
                bearer_token(authorization)        # raises the reason it is malformed
            principal = authenticate_token(connection, token or "")
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


class _RedactingSend:
    """Holds a JSON answer until its body is complete, redacts it, logs an export, sends it;
    passes any other answer (GeoJSON, files) straight through."""

    def __init__(self, send: Send, state: dict, redactor: Redactor, engine: Engine,
                 principal: Principal, export_path: str | None) -> None:
        self.send, self.state, self.redactor = send, state, redactor
        self.engine, self.principal, self.export_path = engine, principal, export_path
        self.start: Message | None = None
        self.chunks: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            content_type = next((v for k, v in message.get("headers", [])
                                 if k.lower() == b"content-type"), b"")
            redact = self.redactor.active and not self.state.get("unredacted")
            if content_type.startswith(b"application/json") and (redact or self.export_path):
                self.start = message      # held until the body is complete
                return
            await self.send(message)
            return
        if message["type"] != "http.response.body" or self.start is None:
            await self.send(message)
            return
        self.chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(self.chunks)
        start, self.start = self.start, None
        headers = list(start.get("headers", []))
        if self.redactor.active and not self.state.get("unredacted") and body:
            redacted = await anyio.to_thread.run_sync(_redacted_json, body, self.redactor)
            if redacted != body:
                body = redacted
                headers = [(k, str(len(body)).encode() if k.lower() == b"content-length" else v)
                           for k, v in headers]
        export_path = self.export_path
        if export_path and start["status"] == 200:
            records = next((v.decode() for k, v in headers if k.lower() == b"x-total-count"), "")
            await anyio.to_thread.run_sync(lambda: log_event(
                self.engine, self.principal, "export", export_path.removeprefix("/api/"),
                detail={"format": "json", "via": "api", "redacted": True,
                        "records": int(records) if records.isdigit() else None}))
        await self.send({**start, "headers": headers})
        await self.send({"type": "http.response.body", "body": body, "more_body": False})


def _redacted_json(body: bytes, redactor: Redactor) -> bytes:
    """A JSON body with every string in it redacted (numbers, keys' structure untouched); a
    body that is not JSON after all is redacted as text."""
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError:
        return redactor.text(body.decode("utf-8", "replace")).encode("utf-8")
    redacted = redactor.deep(value)
    return body if redacted == value else orjson.dumps(redacted)


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
    return person_redactor(connection)


RedactorDep = Annotated[Redactor, Depends(redacted)]

UnredactedQuery = Annotated[bool, Query(
    description="Ask for this item unredacted (analysts and admins; give the reason in the "
                f"{REASON_HEADER} header, UTF-8 percent-encoded if not ASCII; logged).")]
ReasonHeader = Annotated[str | None, Header(alias=REASON_HEADER, include_in_schema=False)]


def item_redactor(kind: str, parameter: str,
                  exists: Callable[[Connection, str], object]) -> Callable[..., Redactor]:
    """A dependency giving one item's redactor: redacting, unless ``?unredacted=1`` was asked
    by an analyst or admin with a reason, in which case the view is logged (``kind:id``)
    before the route runs and the answer leaves unredacted. ``exists`` raises
    ``NotFoundError`` for an unknown item (404, nothing logged)."""

    def dependency(request: Request, connection: ConnectionDep, principal: PrincipalDep,
                   unredacted: UnredactedQuery = False, reason: ReasonHeader = None) -> Redactor:
        if not unredacted:
            return person_redactor(connection)
        item = str(request.path_params[parameter])
        target = f"{kind}:{item}"
        engine = request.app.state.engine
        if not may_unredact(principal.role):
            log_event(engine, principal, "unredacted_denied", target, "", {"via": "api"})
            raise HTTPException(403, f"{principal.name} is a {principal.role.value}: only an "
                                     "analyst or an admin may see an item unredacted")
        try:
            text = checked_reason(unquote(reason) if reason else reason)
        except AccessError as exc:
            # every refused request for an unredacted view is logged, this one too
            log_event(engine, principal, "unredacted_denied", target, "",
                      {"via": "api", "why": "no valid reason"})
            raise HTTPException(400, f"{exc} (header {REASON_HEADER})") from None
        exists(connection, item)
        log_event(engine, principal, "unredacted_view", target, text, {"via": "api"})
        request.state.unredacted = True
        return Redactor.identity()

    return dependency
