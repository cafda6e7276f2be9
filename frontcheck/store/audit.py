"""The audit log in the store: append an entry (hash-chained, see ``protect.audit``), read the
log and the chain as stored (``app.protection`` verifies it).

Entries are only ever inserted: nothing in frontcheck updates or deletes one. Each append
runs inside the caller's transaction when given a connection (a protection flag and its log
entry are written together or not at all), or in a transaction of its own (``log_event``).
Appends are serialised: in one process by a lock, across processes by the store (the append
writes the head row first, which takes SQLite's write lock before the head is read; the
unique ``seq`` and ``prev_hash`` refuse a fork on any database).
"""

from __future__ import annotations

import getpass
import json
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from frontcheck.protect.audit import (
    ACTIONS,
    GENESIS,
    AuditEntry,
    canonical_json,
    entry_hash,
)
from frontcheck.protect.roles import Principal, Role
from frontcheck.store import schema as s

__all__ = ["append_entry", "log_event", "audit_rows", "chain_rows", "local_principal", "SYSTEM"]

_APPEND_LOCK = threading.Lock()
#: Changes no person asked for (protection of persons a source describes as captured, at ingest).
SYSTEM = Principal("frontcheck", Role.admin, "ingest")


def local_principal() -> Principal:
    """The operating-system user at the terminal, for a store without users (they hold the
    store file, so they are its admin)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):   # no login name (a container without passwd entry)
        name = "local"
    return Principal(name, Role.admin, "local")


def append_entry(connection: Connection, principal: Principal, action: str, target: str,
                 reason: str = "", detail: Mapping[str, Any] | None = None,
                 at: datetime | None = None) -> AuditEntry:
    """Append one entry within the connection's transaction; returns it.

    ``detail`` must identify no protected person: ids, pseudonyms, counts, formats.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    # Write before reading: the no-op update takes the write lock first, so the head read
    # next is the latest one (SQLite in WAL mode would otherwise refuse the later write).
    connection.execute(update(s.audit_head).where(s.audit_head.c.id == 1)
                       .values(seq=s.audit_head.c.seq))
    head = connection.execute(select(s.audit_head.c.seq, s.audit_head.c.hash)
                              .where(s.audit_head.c.id == 1)).first()
    seq, previous = (head.seq + 1, head.hash) if head is not None else (1, GENESIS)
    when = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")
    entry = AuditEntry(seq, when, principal.name, principal.role.value, action, target,
                       reason, json.loads(canonical_json(dict(detail or {}))))
    digest = entry_hash(entry, previous)
    connection.execute(insert(s.audit_log).values(
        seq=seq, at=when, actor=entry.actor, role=entry.role, action=action, target=target,
        reason=reason, detail=canonical_json(entry.payload()["detail"]).decode("utf-8"),
        prev_hash=previous, hash=digest))
    if head is None:
        connection.execute(insert(s.audit_head).values(id=1, seq=seq, hash=digest))
    else:
        connection.execute(update(s.audit_head).where(s.audit_head.c.id == 1)
                           .values(seq=seq, hash=digest))
    return entry


def log_event(engine: Engine, principal: Principal, action: str, target: str,
              reason: str = "", detail: Mapping[str, Any] | None = None) -> AuditEntry:
    """Append one entry in a transaction of its own (committed when this returns)."""
    with _APPEND_LOCK, engine.begin() as connection:
        return append_entry(connection, principal, action, target, reason, detail)


def audit_rows(connection: Connection, since_seq: int = 0) -> list[dict]:
    """The log's entries in order, each with ``prev_hash`` and ``hash``; ``detail`` parsed."""
    rows = connection.execute(select(s.audit_log).where(s.audit_log.c.seq > since_seq)
                              .order_by(s.audit_log.c.seq)).all()
    out = []
    for row in rows:
        record = {str(k): v for k, v in row._mapping.items()}
        try:
            record["detail"] = json.loads(record["detail"] or "{}")
        except json.JSONDecodeError:   # an edited row: verify names it; show the text as is
            record["detail"] = {"unreadable": record["detail"]}
        out.append(record)
    return out


def chain_rows(connection: Connection) -> tuple[list[dict[str, Any]], tuple[int, str] | None]:
    """Every entry of the log in order as stored (``detail`` the stored text), and the head
    row's (seq, hash), None when nothing was ever logged: what ``audit verify`` checks."""
    rows = connection.execute(select(s.audit_log).order_by(s.audit_log.c.seq)).all()
    head_row = connection.execute(select(s.audit_head.c.seq, s.audit_head.c.hash)
                                  .where(s.audit_head.c.id == 1)).first()
    return ([{str(k): v for k, v in row._mapping.items()} for row in rows],
            (head_row.seq, head_row.hash) if head_row is not None else None)
