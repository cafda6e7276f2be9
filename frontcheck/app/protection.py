"""Who sees what, and the audit log: the caller's redactor, the unredacted view granted for a
stated reason (CLI and API alike), and exports logged before the records leave.

Every job that returns persons, sources or claims takes the caller and an ``Export`` (None
when the records are shown on a screen and not written out) and calls ``log_export`` and
``redactor_for`` here, once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine

from frontcheck.app.person_protection import person_redactor
from frontcheck.app.tokens import authenticate_token, principal_of_user
from frontcheck.protect.audit import ChainProblem, chain_problem, parse_rows
from frontcheck.protect.redaction import Redactor
from frontcheck.protect.roles import (
    AccessError,
    Principal,
    checked_reason,
    may_unredact,
    require_manager,
    require_unredact,
)
from frontcheck.protect.tokens import TokenError
from frontcheck.store.audit import audit_rows, chain_rows, local_principal, log_event
from frontcheck.store.users import count_users, token_exists

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Export:
    """Records leaving as a file or an API answer: through which face, in which format."""

    via: str            # "cli" or "api"
    format: str         # "json", "csv"


class RoleRefused(AccessError):
    """The caller's role may not see an item unredacted (the API answers 403)."""


class ReasonRefused(AccessError):
    """No valid reason was given for an unredacted view (the API answers 400)."""


class CallerRequired(AccessError):
    """The store has users and the job needs to know which one asks."""


def caller_of(connection: Connection, as_user: str | None, token: str | None,
              required: bool = False) -> Principal:
    """Who asks from the command line: the token's user, else the named user, else (no users
    in the store, or not ``required``) the operating-system user."""
    if token:
        try:
            return authenticate_token(connection, token.strip())
        except TokenError as exc:
            raise AccessError(f"--token: {exc}") from None
    if as_user:
        return principal_of_user(connection, as_user, "as-user")
    if required:
        raise CallerRequired("this needs --as-user NAME or --token TOKEN (or $FRONTCHECK_TOKEN)")
    return local_principal()


def admin_of(connection: Connection, as_user: str | None, token: str | None) -> Principal:
    """The caller, who must be an admin once the store has users."""
    if count_users(connection) == 0 and not (as_user or token):
        return local_principal()
    caller = caller_of(connection, as_user, token, required=True)
    require_manager(caller)
    return caller


def redactor_for(connection: Connection) -> Redactor:
    """The redactor of the persons protected now (always redacting)."""
    return person_redactor(connection)


def log_export(engine: Engine, caller: Principal, what: str, export: Export | None,
               records: int, redacted: bool = True) -> None:
    """Log an export of ``records`` records of ``what`` (nothing when ``export`` is None: a
    table on screen is for reading and is not logged). Logged before the records leave."""
    if export is None:
        return
    log_event(engine, caller, "export", what,
              detail={"format": export.format, "records": records, "redacted": redacted,
                      "via": export.via})


def unredacted_view(connection: Connection, caller: Principal, target: str,
                    reason: str | None, via: str, exists: Callable[[], object] | None = None,
                    detail: dict[str, Any] | None = None) -> Redactor:
    """Grant ``caller`` the unredacted view of ``target`` (``kind:id``) for ``reason``: an
    analyst or admin with a valid reason gets the identity redactor, and the view is written
    to the audit log (committed) before anything is read or shown. A refusal (role, or
    reason) is logged too, and raised. ``exists`` raises
    ``NotFoundError`` for an unknown item (nothing logged)."""
    engine = connection.engine
    if not may_unredact(caller.role):
        log_event(engine, caller, "unredacted_denied", target, _valid_or_empty(reason),
                  {"via": via})
        if via == "api":   # the API speaks of items (sources, claims), the CLI of persons
            raise RoleRefused(f"{caller.name} is a {caller.role.value}: only an analyst or an "
                              "admin may see an item unredacted")
        try:
            require_unredact(caller)
        except AccessError as exc:
            raise RoleRefused(str(exc)) from None
    try:
        text = checked_reason(reason)
    except AccessError as exc:
        log_event(engine, caller, "unredacted_denied", target, "",
                  {"via": via, "why": "no valid reason"})
        raise ReasonRefused(str(exc)) from None
    if exists is not None:
        exists()
    log_event(engine, caller, "unredacted_view", target, text, {"via": via, **(detail or {})})
    return Redactor.identity()


def _valid_or_empty(reason: str | None) -> str:
    try:
        return checked_reason(reason)
    except AccessError:
        return ""


def redacted(value: T, redactor: Redactor) -> T:
    """``value`` with every string in it redacted: record dataclasses field by field, dicts
    (keys too), lists and tuples; numbers and dates as they are."""
    if not redactor.active:
        return value
    return _redacted(value, redactor)  # type: ignore[no-any-return]


def _redacted(value: Any, redactor: Redactor) -> Any:
    if isinstance(value, str):
        return redactor.text(value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _redacted(getattr(value, f.name), redactor)
                                 for f in fields(value)})
    if isinstance(value, dict):
        return {_redacted(k, redactor): _redacted(v, redactor) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v, redactor) for v in value]
    if isinstance(value, tuple):
        return tuple(_redacted(v, redactor) for v in value)
    return value


def has_users(connection: Connection) -> bool:
    """Whether the store has users (else it is served in single-user mode)."""
    return count_users(connection) > 0


def token_caller(connection: Connection, token: str) -> Principal:
    """The user an API token belongs to (``TokenError`` for a bad, unknown or revoked one)."""
    return authenticate_token(connection, token)


def token_known(connection: Connection, token_id: str) -> bool:
    """Whether the store holds a token with this id (spares the scrypt for an unknown one)."""
    return token_exists(connection, token_id)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry of the hash-chained audit log (``audit show``, ``/api/audit``)."""

    seq: int
    at: str
    actor: str
    role: str
    action: str
    target: str
    reason: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


def audit_entries(connection: Connection, since: int = 0) -> list[AuditEntry]:
    """The audit log's entries after ``since`` in order; reasons and details redacted like
    any other text (an analyst may have named the person)."""
    redactor = redactor_for(connection)
    return [AuditEntry(r["seq"], str(r["at"]), r["actor"], r["role"], r["action"], r["target"],
                       redactor.text(r["reason"]), redactor.deep(r["detail"]), r["prev_hash"],
                       r["hash"]) for r in audit_rows(connection, since)]


@dataclass(frozen=True, slots=True)
class AuditStatus:
    """Whether the audit chain is intact, and the first bad entry if not."""

    intact: bool
    entries: int
    head: str | None
    first_bad_entry: int | None
    problem: str | None


def audit_status(connection: Connection, expect_head: str | None = None) -> AuditStatus:
    """``audit verify``: every entry re-hashed with the one before it and compared with the
    stored hashes, sequence numbers and head (and ``expect_head``, a head noted earlier)."""
    problem, count, head = _verify_chain(connection, expect_head)
    return AuditStatus(problem is None, count, head, problem.seq if problem else None,
                       str(problem) if problem else None)


def _verify_chain(connection: Connection, expect_head: str | None = None
                  ) -> tuple[ChainProblem | None, int, str | None]:
    """(first problem or None, number of entries, head hash) of the stored chain."""
    records, head = chain_rows(connection)
    for record in records:
        try:
            record["detail"] = json.loads(record["detail"] or "{}")
        except json.JSONDecodeError:
            return (ChainProblem(record["seq"], "edited: its detail is not JSON any more"),
                    len(records), None)
    problem = chain_problem(parse_rows(records), head, expect_head)
    return problem, len(records), head[1] if head else None
