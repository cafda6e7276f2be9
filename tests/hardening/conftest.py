"""Shared helpers of the hardening suite: each test reproduces a defect seen in a real run."""

from __future__ import annotations

import os

from tests.cli.test_control_cli import one_snapshot_store, one_snapshot_template  # noqa: F401

#: Fuzz sizes: reduced with FRONTCHECK_TEST_SCALE=small (``make test``), full in ``make test-full``.
SMALL = os.environ.get("FRONTCHECK_TEST_SCALE", "full") == "small"


def fuzz_size(full: int, small: int) -> int:
    return small if SMALL else full


def mutate(good: bytes, rng, extra: tuple[bytes, ...] = ()) -> bytes:
    """A random edit of a good file: cut short, a stray quote, comma, line break, NUL or
    bracket, a huge run of one letter, a few bytes gone, or a byte flipped."""
    data = bytearray(good)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        choice = rng.random()
        if choice < 0.25:
            del data[at:]
        elif choice < 0.55:
            data[at:at] = rng.choice([b'"', b",", b"\n", b"\r", b"\x00", b"{", b"]", b"\xff",
                                      b"2099-", *extra])
        elif choice < 0.6:
            data[at:at] = b"q" * 200_000
        elif choice < 0.85:
            del data[at:at + rng.randint(1, 5)]
        elif data:
            data[min(at, len(data) - 1)] ^= 1 << rng.randrange(8)
    return bytes(data)
