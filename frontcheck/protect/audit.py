"""The audit chain: each entry hashed with the hash of the one before it.

An entry's hash is the sha256 of the canonical JSON (sorted keys, no spaces, UTF-8) of its
fields and the previous entry's hash; the first entry follows ``GENESIS``. Change a field of
any entry and its hash no longer matches; delete an entry and the next one no longer follows
its predecessor (and the sequence numbers jump); delete the last entries and the chain's head,
kept beside it, points past the end. ``chain_problem`` finds the first bad entry.

A chain without a secret proves nothing against someone who rewrites every later entry and
the head too: ``audit verify`` prints the head hash so that it can be written down elsewhere
and checked again later (``--expect-head``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["GENESIS", "ACTIONS", "AuditEntry", "canonical_json", "entry_hash", "chain_problem",
           "ChainProblem", "parse_rows"]

GENESIS = "0" * 64
#: What the log records.
ACTIONS = ("unredacted_view", "unredacted_denied", "protect", "unprotect", "person_details",
           "user_add", "role_change", "token_create", "token_revoke", "export", "person_lookup",
           "speaker_alias_add", "speaker_alias_remove")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One logged event: when (ISO 8601, UTC), who (``actor``, ``role``), what (``action`` on
    ``target``, e.g. ``source:12``, ``person:3``), why (``reason``), and details that identify
    no protected person (ids, pseudonyms, counts, formats)."""

    seq: int
    at: str
    actor: str
    role: str
    action: str
    target: str
    reason: str = ""
    detail: Mapping[str, Any] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at, "actor": self.actor, "role": self.role,
                "action": self.action, "target": self.target, "reason": self.reason,
                "detail": dict(self.detail)}


def canonical_json(value: Any) -> bytes:
    """The one byte string of a JSON value: sorted keys, no spaces, UTF-8.

    >>> canonical_json({"b": 1, "a": "ё"}).decode()
    '{"a":"ё","b":1}'
    """
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def entry_hash(entry: AuditEntry, previous_hash: str) -> str:
    """sha256 (hex) of the entry's canonical JSON with the previous entry's hash.

    >>> e = AuditEntry(1, "2026-01-01T00:00:00+00:00", "alice", "admin", "user_add", "user:bob")
    >>> entry_hash(e, GENESIS) == entry_hash(e, GENESIS) != entry_hash(e, "1" * 64)
    True
    """
    body = canonical_json({**entry.payload(), "prev_hash": previous_hash})
    return hashlib.sha256(body).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """The first bad entry (its sequence number) and what is wrong with it."""

    seq: int
    message: str

    def __str__(self) -> str:
        return f"audit entry {self.seq}: {self.message}"


def chain_problem(rows: Iterable[tuple[AuditEntry, str, str]],
                  head: tuple[int, str] | None,
                  expect_head: str | None = None) -> ChainProblem | None:
    """The first problem of a chain given as (entry, stored previous hash, stored hash) in
    sequence order, with the stored head (last seq, last hash; None for an empty log), or
    None when the chain is whole. ``expect_head``: a head hash noted earlier, which must
    still be in the chain.

    Examples
    --------
    >>> a = AuditEntry(1, "t1", "alice", "admin", "user_add", "user:bob")
    >>> b = AuditEntry(2, "t2", "alice", "admin", "role_change", "user:bob")
    >>> ha = entry_hash(a, GENESIS); hb = entry_hash(b, ha)
    >>> chain_problem([(a, GENESIS, ha), (b, ha, hb)], (2, hb)) is None
    True
    >>> edited = AuditEntry(2, "t2", "mallory", "admin", "role_change", "user:bob")
    >>> str(chain_problem([(a, GENESIS, ha), (edited, ha, hb)], (2, hb)))
    'audit entry 2: edited: its contents do not match its hash'
    >>> str(chain_problem([(b, ha, hb)], (2, hb)))
    'audit entry 1: missing (deleted): the log starts at entry 2'
    """
    expected_seq, expected_prev = 1, GENESIS
    seen_hashes: set[str] = set()
    last: tuple[int, str] | None = None
    for entry, previous, stored in rows:
        if entry.seq != expected_seq:
            if entry.seq < expected_seq:
                return ChainProblem(entry.seq, "out of order or duplicated")
            where = ("the log starts at" if expected_seq == 1
                     else f"entry {expected_seq - 1} is followed by")
            return ChainProblem(expected_seq, f"missing (deleted): {where} entry {entry.seq}")
        if previous != expected_prev:
            return ChainProblem(entry.seq, "does not follow the entry before it (that entry "
                                           "was changed or deleted)")
        if entry_hash(entry, previous) != stored:
            return ChainProblem(entry.seq, "edited: its contents do not match its hash")
        seen_hashes.add(stored)
        expected_seq, expected_prev = entry.seq + 1, stored
        last = (entry.seq, stored)
    if head is not None and last != head:
        if last is None or head[0] > last[0]:
            return ChainProblem((last[0] + 1) if last else 1,
                                f"missing (deleted): the log ends at entry "
                                f"{last[0] if last else 0} but its head is entry {head[0]}")
        return ChainProblem(head[0], "the head does not match the last entry")
    if head is None and last is not None:
        return ChainProblem(last[0], "the log has entries but no head")
    if expect_head is not None and expect_head not in seen_hashes:
        return ChainProblem(last[0] if last else 0,
                            f"the head noted earlier ({expect_head[:12]}…) is not in the chain: "
                            "entries were rewritten or removed")
    return None


def parse_rows(records: Sequence[Mapping[str, Any]]) -> list[tuple[AuditEntry, str, str]]:
    """(entry, previous hash, hash) from stored rows (dicts with the entry's fields and
    ``prev_hash``, ``hash``)."""
    return [(AuditEntry(int(r["seq"]), str(r["at"]), r["actor"], r["role"], r["action"],
                        r["target"], r["reason"] or "", dict(r["detail"] or {})),
             r["prev_hash"], r["hash"]) for r in records]
