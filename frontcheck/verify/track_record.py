"""Source track records: how a claimant's or publisher's territorial claims fared on the map.

A claim is *accurate* when the map agreed at the time it was made (corroborated) or had agreed
before (stale: true, if late); premature and contradicted claims were not true when made.
Verdicts that test nothing (no_change, pending, outside_coverage, unresolved_place) are not
counted. The share of accurate claims comes with a 95 % Wilson interval, and the empirical grade
is read from its lower bound, so a short record cannot earn a high grade:

    A  lower bound >= 0.90     B  >= 0.75     C  >= 0.50     D  >= 0.25     E  below
    F  fewer than 3 verifiable claims (cannot be judged)
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

VERIFIABLE = ("corroborated", "stale", "premature", "contradicted")
ACCURATE = ("corroborated", "stale")
GRADE_FLOORS = ((0.90, "A"), (0.75, "B"), (0.50, "C"), (0.25, "D"))
MIN_CLAIMS = 3


@dataclass(frozen=True, slots=True)
class TrackRecord:
    """One claimant's or publisher's record (keys of ``sources track-record --format json``)."""

    group: str               # "claimant" or "publisher"
    name: str
    claims: int              # territorial claims with a verdict
    verifiable: int
    corroborated: float      # shares of the verifiable claims
    premature: float
    stale: float
    contradicted: float
    accurate_low: float      # 95 % Wilson interval of the accurate share
    accurate_high: float
    lag_median_days: float | None
    lag_iqr_days: float | None
    empirical_grade: str
    admiralty_grade: str     # the grade the user gave the publisher (F when none)


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion; (0, 1) when n is 0.

    >>> [round(x, 3) for x in wilson_interval(8, 10)]
    [0.49, 0.943]
    """
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def empirical_grade(accurate: int, verifiable: int) -> str:
    """Admiralty-style reliability letter from a record (see the module docstring)."""
    if verifiable < MIN_CLAIMS:
        return "F"
    low, _ = wilson_interval(accurate, verifiable)
    return next((letter for floor, letter in GRADE_FLOORS if low >= floor), "E")


def claimant_key(claimant: str) -> str:
    """The claimant a record is kept for: the name without the reporting chain that curated
    sheets add in parentheses ("Russian Ministry of Defence (reported by Kyiv Independent)").

    >>> claimant_key("Russian Ministry of Defence (reported by Kyiv Independent)")
    'Russian Ministry of Defence'
    """
    return re.sub(r"\s*\(.*$", "", claimant).strip() or claimant.strip()


def track_records(rows: list[dict[str, Any]], admiralty: dict[str, str] | None = None,
                  identity_of: Callable[[str], str] | None = None) -> list[TrackRecord]:
    """Records per claimant and per publisher from verdict rows with keys ``claimant``,
    ``publisher``, ``verdict`` and ``lag_days``; with ``identity_of`` (a name → the identity
    it belongs to, ``frontcheck.sources.speakers``) one record per identity, not per spelling."""
    admiralty = admiralty or {}
    out = []
    for group in ("claimant", "publisher"):
        buckets: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            if row.get(group):
                if identity_of is not None:
                    key = identity_of(row[group])
                else:
                    key = claimant_key(row[group]) if group == "claimant" else row[group]
                buckets[key].append(row)
        for name, items in sorted(buckets.items()):
            kinds = [r["verdict"] for r in items]
            verifiable = [r for r in items if r["verdict"] in VERIFIABLE]
            n = len(verifiable)
            accurate = sum(r["verdict"] in ACCURATE for r in verifiable)
            lags = np.array([r["lag_days"] for r in verifiable if r["lag_days"] is not None], float)
            low, high = wilson_interval(accurate, n)
            out.append(TrackRecord(
                group, name, len(items), n, _share(kinds, "corroborated", n),
                _share(kinds, "premature", n), _share(kinds, "stale", n),
                _share(kinds, "contradicted", n), round(low, 3), round(high, 3),
                float(np.median(lags)) if len(lags) else None,
                float(np.subtract(*np.percentile(lags, [75, 25]))) if len(lags) else None,
                empirical_grade(accurate, n), _admiralty(admiralty, name, identity_of)))
    return out


def _share(kinds: list[str], kind: str, n: int) -> float:
    """The share of ``n`` verifiable claims whose verdict is ``kind`` (0 when there are none)."""
    return kinds.count(kind) / n if n else 0.0


def _admiralty(admiralty: dict[str, str], name: str,
               identity_of: Callable[[str], str] | None) -> str:
    """The grade given to the publisher, or to any publisher of the same identity (the best)."""
    if name in admiralty or identity_of is None:
        return admiralty.get(name, "F")
    given = [grade for publisher, grade in admiralty.items() if identity_of(publisher) == name]
    return min(given) if given else "F"
