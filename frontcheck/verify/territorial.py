"""Territorial verdicts: does the map history agree with a claim that a settlement changed hands?

The rule (README, "Territorial verdicts"): a settlement rarely flips in a day, so agreement is
read from the footprint's occupied share on every snapshot. A claim that Russia (or the DPRK)
took a place agrees with the map on the days its share is at least ``threshold`` (default
0.85); a claim that Ukraine took it back, or that Russia withdrew, agrees where the share is at
most ``1 - threshold``. The claim date is compared with the start of the agreeing run:

- agreeing at the claim date, since a change no more than ``window_days`` before it: corroborated;
- agreeing, but since a change longer ago: stale (recycled or late news);
- agreeing throughout the history held (no change at all): no_change;
- not agreeing yet, but within ``window_days`` after: corroborated; within ``horizon_days``:
  premature; never within the horizon: contradicted, or pending while the horizon has not passed
  in the data held;
- place not mapped by the tracker on that date: outside_coverage; place not resolved: unresolved_place.

Partial actions (``advanced``, ``fighting_in``) are movements, not states: they agree with the
map when the share moves their way (up for a Russian advance) within the window around the
claim date, however much of the place was held before (``_partial_kinds``). A tracker's own
daily "the enemy advanced in X" is thus corroborated by its map, not judged stale once X is
partly occupied. ``partial_threshold`` only decides ``no_change`` for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from frontcheck.claims.model import Claim
from frontcheck.verify.verdict_text import explain_movement, explain_share

RUSSIAN_SIDE = ("russia", "dprk")
PARTIAL_ACTIONS = ("advanced", "fighting_in")
PRECISION_DAYS = {"day": 0, "week": 7, "month": 31}
#: How sure each kind of verdict is before the discounts in ``_confidence``.
BASE_CONFIDENCE = {"corroborated": 0.9, "premature": 0.85, "stale": 0.85, "contradicted": 0.85,
                   "no_change": 0.6, "pending": 0.5, "outside_coverage": 0.95,
                   "unresolved_place": 0.0}


@dataclass(frozen=True, slots=True)
class VerdictRules:
    """Window, thresholds and horizon of the rule (all options of ``frontcheck verify``)."""

    window_days: int = 7
    threshold: float = 0.85
    partial_threshold: float = 0.1
    horizon_days: int = 60


@dataclass(frozen=True, slots=True)
class PlaceTimeline:
    """A place's occupied share and coverage on each snapshot of one tracker (ascending dates)."""

    tracker: str
    dates: np.ndarray          # datetime64[D]
    occupied: np.ndarray       # share in [0, 1]
    covered: np.ndarray        # bool
    layers: tuple[str, ...] = ("occupied",)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A verdict with the evidence that led to it (keys of ``verify --format json``)."""

    claim_id: str
    verdict: str
    change_date: date | None
    lag_days: int | None
    confidence: float
    explanation: str
    evidence: dict[str, Any] = field(default_factory=dict)


def claim_direction(claim: Claim) -> str | None:
    """``russian_gain`` or ``ukrainian_gain`` (who holds the place if the claim is true)."""
    russian_actor = claim.actor in RUSSIAN_SIDE
    if claim.action == "withdrew":
        return "ukrainian_gain" if russian_actor else "russian_gain"
    if claim.actor not in (*RUSSIAN_SIDE, "ukraine"):
        return None
    return "russian_gain" if russian_actor else "ukrainian_gain"


def agreement(occupied: np.ndarray, direction: str, threshold: float) -> np.ndarray:
    """Whether each snapshot's share agrees with a claim of that direction."""
    if direction == "russian_gain":
        return occupied >= threshold
    return occupied <= 1.0 - threshold


@dataclass(frozen=True, slots=True)
class TimelineMatrix:
    """Many places' timelines on one tracker's snapshot dates: row i is ``place_ids[i]``."""

    tracker: str
    dates: np.ndarray          # (T,) datetime64[D], ascending
    place_ids: np.ndarray      # (P,) object
    occupied: np.ndarray       # (P, T) share
    covered: np.ndarray        # (P, T) bool
    layers: tuple[str, ...] = ("occupied",)

    @classmethod
    def of(cls, timelines: dict[str, PlaceTimeline]) -> TimelineMatrix | None:
        """Stack per-place timelines of one tracker (same dates); None when there are none."""
        if not timelines:
            return None
        ids = sorted(timelines)
        first = timelines[ids[0]]
        return cls(first.tracker, first.dates, np.array(ids, dtype=object),
                   np.vstack([timelines[i].occupied for i in ids]),
                   np.vstack([timelines[i].covered for i in ids]), first.layers)


def territorial_verdict(claim: Claim, timeline: PlaceTimeline | None,
                        rules: VerdictRules) -> Verdict:
    """The verdict on one territorial claim; ``timeline`` None when the place has none.

    Examples
    --------
    >>> import numpy as np
    >>> from datetime import date
    >>> from frontcheck.claims.model import Claim, PlaceRef
    >>> days = np.arange("2025-01-01", "2025-04-01", dtype="datetime64[D]")
    >>> share = np.where(days >= np.datetime64("2025-02-20"), 1.0, 0.0)
    >>> tl = PlaceTimeline("deepstate", days, share, np.ones(len(days), bool))
    >>> claim = Claim("x", "territorial", actor="russia", action="captured",
    ...               place=PlaceRef("X", id="gn:1"), claim_date=date(2025, 2, 1))
    >>> v = territorial_verdict(claim, tl, VerdictRules())
    >>> v.verdict, v.change_date.isoformat(), v.lag_days
    ('premature', '2025-02-20', 19)
    """
    matrix = None
    if timeline is not None and claim.place is not None and claim.place.id is not None:
        matrix = TimelineMatrix.of({claim.place.id: timeline})
    return territorial_verdicts([claim], matrix, rules)[0]


def territorial_verdicts(claims: list[Claim], matrix: TimelineMatrix | None,
                         rules: VerdictRules) -> list[Verdict]:
    """Verdicts on many territorial claims at once, in the order given.

    The decision is made with array operations over all claims: each claim needs only its
    share at the claim date and the agreement changes just before and after it, found by one
    binary search in the sorted list of all changes (place, rule variant, snapshot).
    """
    out: list[Verdict | None] = [None] * len(claims)
    rows, where = [], {}
    if matrix is not None and len(matrix.dates):
        where = {pid: i for i, pid in enumerate(matrix.place_ids)}
    for k, claim in enumerate(claims):
        early = _without_timeline(claim, where)
        if early is not None:
            out[k] = early
        else:
            rows.append(k)
    if rows:
        assert matrix is not None, "a claim needs the map only where there is one"
        for k, verdict in zip(rows, _decide([claims[k] for k in rows], matrix, where, rules)):
            out[k] = verdict
    return out  # type: ignore[return-value]


def _without_timeline(claim: Claim, where: dict[str, Any]) -> Verdict | None:
    """The verdicts that need no map: unresolved place, no date or side, no timeline."""
    day = claim.claim_date or claim.event_date
    place = claim.place
    if place is None or place.id is None:
        candidates = list(place.candidates) if place else []
        return Verdict(claim.id, "unresolved_place", None, None, 0.0,
                       f"The place {place.mention if place else '(none)'!r} could not be resolved "
                       f"to one settlement ({len(candidates)} candidates).",
                       {"candidates": candidates})
    if day is None or claim_direction(claim) is None:
        return Verdict(claim.id, "unresolved_place", None, None, 0.0,
                       "The claim has no date or no side that gains the place.", {})
    if place.id not in where:
        return Verdict(claim.id, "outside_coverage", None, None, BASE_CONFIDENCE["outside_coverage"],
                       f"{place.name or place.mention} has no control timeline (no coordinates, "
                       "or no snapshots held).", {"place_id": place.id})
    return None


_VARIANTS = (("russian_gain", False), ("russian_gain", True),
             ("ukrainian_gain", False), ("ukrainian_gain", True))


@dataclass(frozen=True, slots=True)
class Decisions:
    """Verdicts of many claims as columns (one entry per claim): what ``territorial_verdicts``
    decides with array operations before it writes any explanation."""

    place: np.ndarray
    d0: np.ndarray
    at: np.ndarray
    window: np.ndarray
    threshold: np.ndarray
    kind: np.ndarray
    decided: np.ndarray
    decisive: np.ndarray
    lag: np.ndarray
    confidence: np.ndarray
    share_at: np.ndarray


def _decide(claims: list[Claim], m: TimelineMatrix, where: dict[str, Any],
            rules: VerdictRules) -> list[Verdict]:
    return _materialise(claims, m, territorial_decisions(claims, m, where, rules), rules)


def territorial_decisions(claims: list[Claim], m: TimelineMatrix, where: dict[str, Any],
                          rules: VerdictRules) -> Decisions:
    """The verdict kinds, change snapshots, lags and confidences of claims whose place has a
    row in ``m`` (``where``: place id → row), all at once."""
    T = len(m.dates)
    # One pass over the claims for what the arrays need; the rest is array work.
    variant_of: dict[tuple[str, str], int] = {}
    columns = []
    for c in claims:
        key = (c.actor, c.action)
        if key not in variant_of:
            variant_of[key] = _VARIANTS.index((claim_direction(c), c.action in PARTIAL_ACTIONS))
        assert c.place is not None, "only a claim with a mapped place is decided"
        columns.append((where[str(c.place.id)], c.claim_date or c.event_date, variant_of[key],
                        c.date_precision))
    place_list, day_list, variant_list, precision_list = zip(*columns)
    place = np.array(place_list)
    d0 = np.array(day_list, dtype="datetime64[D]")
    variant = np.array(variant_list)
    partial = (variant % 2) == 1
    precision = np.array(precision_list, dtype=object)
    window = rules.window_days + np.select([precision == "week", precision == "month"],
                                           [PRECISION_DAYS["week"], PRECISION_DAYS["month"]], 0)
    threshold = np.where(partial, rules.partial_threshold, rules.threshold)
    at = np.maximum(np.searchsorted(m.dates, d0, side="right") - 1, 0)

    # Every change of agreement, for each (place, variant), as one sorted key array.
    key_parts = []
    for v, (direction, is_partial) in enumerate(_VARIANTS):
        used = np.unique(place[variant == v])
        if len(used) == 0:
            continue
        if is_partial:
            p, i = np.nonzero(progress(m.occupied[used], direction))
        else:
            agree = agreement(m.occupied[used], direction, rules.threshold)
            p, i = np.nonzero(agree[:, 1:] != agree[:, :-1])
        key_parts.append((used[p] * 4 + v) * T + i + 1)
    keys = np.sort(np.concatenate(key_parts)) if key_parts else np.empty(0, dtype=np.int64)
    group = place * 4 + variant
    here = (group * T + at).astype(np.int64)
    j = np.searchsorted(keys, here, side="right") - 1
    has_prev = (j >= 0) & (keys[np.maximum(j, 0)] // T == group) if len(keys) else np.zeros(len(claims), bool)
    prev_change = np.where(has_prev, keys[np.maximum(j, 0)] % T if len(keys) else 0, -1)
    nxt = np.minimum(j + 1, max(len(keys) - 1, 0))
    has_next = (j + 1 < len(keys)) & (keys[nxt] // T == group) if len(keys) else np.zeros(len(claims), bool)
    next_change = np.where(has_next, keys[nxt] % T if len(keys) else 0, -1)

    share_at = m.occupied[place, at]
    direction_is_russian = variant < 2
    agree_now = np.where(direction_is_russian, share_at >= threshold, share_at <= 1 - threshold)
    horizon_end = d0 + rules.horizon_days
    change_idx = np.where(agree_now, prev_change, next_change)
    change_ok = change_idx >= 0
    change_date = m.dates[np.maximum(change_idx, 0)]
    within_horizon = change_ok & (agree_now | (change_date <= horizon_end))
    kind = np.full(len(claims), "contradicted", dtype=object)
    kind[~agree_now & ~within_horizon & (m.dates[-1] < horizon_end)] = "pending"
    kind[~agree_now & within_horizon] = np.where(change_date <= d0 + window, "corroborated",
                                                 "premature")[~agree_now & within_horizon]
    kind[agree_now & ~change_ok] = "no_change"
    kind[agree_now & change_ok] = np.where(change_date >= d0 - window, "corroborated",
                                           "stale")[agree_now & change_ok]
    if partial.any():
        change_idx = np.where(partial, _partial_kinds(kind, partial, place, prev_change,
                                                      next_change, d0, window, horizon_end, m,
                                                      agree_now), change_idx)
        change_date = m.dates[np.maximum(change_idx, 0)]
        within_horizon = np.where(partial, change_idx >= 0, within_horizon)
    kind[~m.covered[place, at]] = "outside_coverage"
    kind[d0 < m.dates[0] - window] = "outside_coverage"
    decided = within_horizon & np.isin(kind, ("corroborated", "premature", "stale"))
    lag = (change_date - d0).astype(int)
    decisive = np.where(decided, change_idx, at)
    confidence = np.array([BASE_CONFIDENCE[k] for k in kind])
    near = (np.abs(m.occupied[place, decisive] - threshold) < 0.05) | (np.abs(share_at - threshold) < 0.05)
    confidence *= np.where(near, 0.7, 1.0)
    confidence *= np.where(np.abs((m.dates[at] - d0).astype(int)) > 3, 0.8, 1.0)
    confidence *= np.select([precision == "week", precision == "month"], [0.85, 0.7], 1.0)
    return Decisions(place, d0, at, window, threshold, kind, decided, decisive, lag, confidence,
                     share_at)


def progress(occupied: np.ndarray, direction: str) -> np.ndarray:
    """Whether the share moves the claim's way between each snapshot and the next, (P, T-1):
    up for a Russian advance, down for a Ukrainian one."""
    if direction == "russian_gain":
        return occupied[:, 1:] > occupied[:, :-1]
    return occupied[:, 1:] < occupied[:, :-1]


def _partial_kinds(kind: np.ndarray, partial: np.ndarray, place: np.ndarray,
                   prev_move: np.ndarray, next_move: np.ndarray, d0: np.ndarray, window: np.ndarray,
                   horizon_end: np.ndarray, m: TimelineMatrix, agree_now: np.ndarray
                   ) -> np.ndarray:
    """Verdicts of partial actions (an advance, fighting in a place), written into ``kind``
    where ``partial``; returns the snapshot each rests on (-1: none).

    An advance is a movement, not a state: it agrees with the map when the share moves its
    way within the window around the claim date (the nearer move counts), however much of the
    place was held before, so a tracker's daily "the enemy advanced in X" can be corroborated.
    A move only later (within the horizon) makes it premature; the last move long before,
    with none since, stale; no move, contradicted (no_change when the share never changed in
    the history held and already agrees), or pending while the horizon runs past the data.
    """
    prev_day = m.dates[np.maximum(prev_move, 0)]
    next_day = m.dates[np.maximum(next_move, 0)]
    prev_in = (prev_move >= 0) & (prev_day >= d0 - window)
    next_in = (next_move >= 0) & (next_day <= d0 + window)
    take_next = next_in & (~prev_in | ((next_day - d0) < (d0 - prev_day)))
    rests_on = np.where(take_next, next_move, np.where(prev_in, prev_move, -1))
    later = (next_move >= 0) & ~next_in & (next_day <= horizon_end)
    rests_on = np.where(later, next_move, rests_on)
    earlier = ~prev_in & ~next_in & ~later & (prev_move >= 0)
    rests_on = np.where(earlier, prev_move, rests_on)
    waiting = (next_move < 0) & (m.dates[-1] < horizon_end)
    flat = (m.occupied.max(axis=1) == m.occupied.min(axis=1))[place]
    partial_kind = np.select(
        [prev_in | next_in, later, earlier & ~waiting, earlier & waiting,
         waiting, flat & agree_now],
        ["corroborated", "premature", "stale", "pending", "pending", "no_change"],
        "contradicted").astype(object)
    kind[partial] = partial_kind[partial]
    return np.where(np.isin(partial_kind, ("corroborated", "premature", "stale")), rests_on, -1)


def _materialise(claims: list[Claim], m: TimelineMatrix, d: Decisions,
                 rules: VerdictRules) -> list[Verdict]:
    """Verdict records with their evidence and explanation, from the decided columns."""
    curves = _curves(m, d.place, d.d0, d.window, rules.horizon_days)
    labels = m.dates.astype(str).tolist()
    share_at, kinds = d.share_at.tolist(), d.kind.tolist()
    return [_verdict(c, m, labels, kinds[k], int(d.at[k]), d.d0[k], int(d.window[k]),
                     float(d.threshold[k]), bool(d.decided[k]), int(d.decisive[k]),
                     int(d.lag[k]), float(d.confidence[k]), share_at[k], curves[k], rules)
            for k, c in enumerate(claims)]


def _verdict(claim: Claim, m: TimelineMatrix, labels: list[str], kind: str, at: int,
             d0: np.datetime64, window: int, threshold: float, decided: bool, decisive: int,
             lag: int, confidence: float, share: float, curve: list[list[Any]],
             rules: VerdictRules) -> Verdict:
    direction = claim_direction(claim)
    assert claim.place is not None, "only a claim with a mapped place is decided"
    name = claim.place.name or claim.place.mention
    evidence = {"tracker": m.tracker, "place_id": claim.place.id, "direction": direction,
                "threshold": threshold, "window_days": window, "horizon_days": rules.horizon_days,
                "layers_mapped": list(m.layers),
                "snapshots": sorted({labels[at], labels[decisive]}), "curve": curve}
    change = m.dates[decisive].item() if decided else None
    row = m.occupied[int(np.flatnonzero(m.place_ids == claim.place.id)[0])]
    evidence.update(_shares_around(row, labels, at, decisive if decided else None,
                                   d0 + rules.horizon_days, m.dates))
    partial = claim.action in PARTIAL_ACTIONS
    evidence["rule"] = "movement" if partial else "share"
    if kind == "outside_coverage":
        evidence["curve"] = []
        if d0 < m.dates[0] - window:
            text = f"The {m.tracker} history held starts on {labels[0]}, after the claim."
        else:
            text = (f"{name} lies outside the area {m.tracker} maps on {labels[at]}, so the map "
                    "can neither confirm nor refute the claim.")
        return Verdict(claim.id, kind, None, None, round(confidence, 2), text, evidence)
    if partial:
        text = explain_movement(kind, name, m.tracker, direction, evidence, labels[at], share,
                                 labels[-1], change, lag, window, rules.horizon_days)
    else:
        text = explain_share(kind, name, m.tracker, direction, threshold, share, labels[at],
                        labels[-1], change, lag, window, rules.horizon_days, m.layers)
    return Verdict(claim.id, kind, change, lag if decided else None, round(confidence, 2), text,
                   evidence)


def _shares_around(row: np.ndarray, labels: list[str], at: int, change: int | None,
                   horizon_end: Any, dates: np.ndarray) -> dict[str, Any]:
    """``share_before`` and ``share_after`` as [date, share]: either side of the change the
    verdict rests on, or (no change) at the claim date and at the horizon's end, so that the
    "before" is never dated after the "after" (a stale change lies before the claim date)."""
    if change is not None and change > 0:
        first, second = change - 1, change
    else:
        first = at
        second = max(at, min(int(np.searchsorted(dates, horizon_end, side="right")) - 1,
                             len(labels) - 1))
    return {"share_before": [labels[first], float(row[first])],
            "share_after": [labels[second], float(row[second])]}


def _curves(m: TimelineMatrix, place: np.ndarray, d0: np.ndarray, window: np.ndarray,
            horizon: int) -> list[list[list[Any]]]:
    """Per claim, the share at every change of it within the horizon around the claim date,
    and at the window's edges and the claim date: [[date, share], ...] ascending.

    All changes of all places are one sorted key array (place * T + snapshot), so each claim's
    changes are one slice, found for all claims by two binary searches.
    """
    T = len(m.dates)
    rows, cols = np.nonzero(m.occupied[:, 1:] != m.occupied[:, :-1])
    keys = np.concatenate([np.arange(len(m.place_ids)) * T, rows * T + cols + 1])
    keys.sort()
    points = [[str(m.dates[k % T]), float(m.occupied[k // T, k % T])] for k in keys] \
        if len(keys) < 2_000_000 else None
    lo = np.searchsorted(m.dates, d0 - horizon)
    hi = np.searchsorted(m.dates, d0 + horizon, side="right")
    first = np.searchsorted(keys, place * T + lo)
    last = np.searchsorted(keys, place * T + hi)
    edges = np.stack([np.searchsorted(m.dates, d0 + offset, side="right") - 1
                      for offset in (-window, np.zeros_like(window), window)], axis=1)
    edges = np.clip(np.maximum(edges, lo[:, None]), 0, T - 1)
    edge_dates = m.dates.astype(str)[edges].tolist()
    edge_shares = m.occupied[place[:, None], edges].tolist()
    out: list[list[list[Any]]] = []
    for k in range(len(place)):
        if hi[k] <= lo[k]:
            out.append([])
            continue
        curve = {p[0]: p for p in points[first[k]:last[k]]} if points is not None else {}
        for day, share in zip(edge_dates[k], edge_shares[k]):
            curve.setdefault(day, [day, share])
        out.append(sorted(curve.values()))
    return out
