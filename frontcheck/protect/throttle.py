"""Slowing down a client that sends bad tokens: exponential delay, bounded.

A client's first few bad tokens cost nothing (a typo); after that each one blocks the client
for twice as long as the last, up to a ceiling, and a quiet spell forgets the record. While
blocked, the client is answered 429 with ``Retry-After`` before its token is even checked,
so guessing proceeds at one try per delay at best. Pure functions of (record, now, policy);
the server keeps the records in memory.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["ThrottlePolicy", "FailureRecord", "after_failure", "retry_after_s"]


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    """``free_failures`` bad tokens pass unslowed; then ``base_delay_s`` × 2ⁿ seconds, at most
    ``max_delay_s``; a record is forgotten ``forget_after_s`` after the last failure; at most
    ``max_clients`` clients are remembered (the oldest is dropped)."""

    free_failures: int = 5
    base_delay_s: float = 1.0
    max_delay_s: float = 300.0
    forget_after_s: float = 900.0
    max_clients: int = 10_000


@dataclass(frozen=True, slots=True)
class FailureRecord:
    failures: int
    last_failure_s: float
    blocked_until_s: float


def after_failure(record: FailureRecord | None, now_s: float,
                  policy: ThrottlePolicy = ThrottlePolicy()) -> FailureRecord:
    """The client's record after one more bad token at ``now_s``.

    >>> policy = ThrottlePolicy(free_failures=2, base_delay_s=1.0, max_delay_s=8.0)
    >>> r = None
    >>> for _ in range(7):
    ...     r = after_failure(r, 100.0, policy)
    ...     print(r.failures, r.blocked_until_s - 100.0)
    1 0.0
    2 0.0
    3 1.0
    4 2.0
    5 4.0
    6 8.0
    7 8.0
    """
    forgotten = record is None or now_s - record.last_failure_s > policy.forget_after_s
    failures = 1 if record is None or forgotten else record.failures + 1
    over = failures - policy.free_failures
    delay = 0.0 if over <= 0 else min(policy.base_delay_s * 2 ** min(over - 1, 60),
                                      policy.max_delay_s)
    return FailureRecord(failures, now_s, now_s + delay)


def retry_after_s(record: FailureRecord | None, now_s: float) -> int | None:
    """Whole seconds the client must wait, or None when it is not blocked.

    >>> retry_after_s(FailureRecord(9, 10.0, 12.5), 10.0)
    3
    >>> retry_after_s(FailureRecord(9, 10.0, 12.5), 13.0) is None
    True
    """
    if record is None or record.blocked_until_s <= now_s:
        return None
    return max(1, math.ceil(record.blocked_until_s - now_s))
