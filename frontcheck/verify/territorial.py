"""Territorial verdicts: does the map history agree with a claim that a settlement changed hands?

The rule (README, "Territorial verdicts"): a settlement rarely flips in a day, so agreement is
read from the footprint's occupied share on every snapshot. A claim that Russia (or the DPRK)
took a place agrees with the map on the days its share is at least ``threshold`` (default
0.85); a claim that Ukraine took it back, or that Russia withdrew, agrees where the share is at
most ``1 - threshold``; partial actions (``advanced``, ``fighting_in``) need only
``partial_threshold``. The claim date is compared with the start of the agreeing run:

- agreeing at the claim date, since a change no more than ``window_days`` before it: corroborated;
- agreeing, but since a change longer ago: stale (recycled or late news);
- agreeing throughout the history held (no change at all): no_change;
- not agreeing yet, but within ``window_days`` after: corroborated; within ``horizon_days``:
  premature; never within the horizon: contradicted, or pending while the horizon has not passed
  in the data held;
- place not mapped by the tracker on that date: outside_coverage; place not resolved: unresolved_place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from frontcheck.claims.model import Claim

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
    evidence: dict = field(default_factory=dict)


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


def territorial_verdict(claim: Claim, timeline: PlaceTimeline | None, rules: VerdictRules,
                        on: date | None = None) -> Verdict:
    """The verdict on one territorial claim; ``timeline`` None when the place has no timeline.

    ``on`` overrides the date the claim is tested at (default: claim date, else event date).

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
    day = on or claim.claim_date or claim.event_date
    place = claim.place
    if place is None or place.id is None:
        candidates = list(place.candidates) if place else []
        return Verdict(claim.id, "unresolved_place", None, None, 0.0,
                       f"The place {place.mention if place else '(none)'!r} could not be resolved "
                       f"to one settlement ({len(candidates)} candidates).",
                       {"candidates": candidates})
    direction = claim_direction(claim)
    if day is None or direction is None:
        return Verdict(claim.id, "unresolved_place" if day else "pending", None, None, 0.0,
                       "The claim has no date or no side that gains the place.", {})
    if timeline is None or len(timeline.dates) == 0:
        return Verdict(claim.id, "outside_coverage", None, None, BASE_CONFIDENCE["outside_coverage"],
                       f"{place.name or place.mention} has no control timeline (no coordinates, "
                       "or no snapshots held).", {"place_id": place.id})
    return _verdict_on_timeline(claim, timeline, rules, day, direction)


def _verdict_on_timeline(claim: Claim, tl: PlaceTimeline, rules: VerdictRules, day: date,
                         direction: str) -> Verdict:
    d0 = np.datetime64(day, "D")
    window = rules.window_days + PRECISION_DAYS.get(claim.date_precision, 0)
    partial = claim.action in PARTIAL_ACTIONS
    threshold = rules.partial_threshold if partial else rules.threshold
    name = claim.place.name or claim.place.mention
    evidence = {"tracker": tl.tracker, "place_id": claim.place.id, "direction": direction,
                "threshold": threshold, "window_days": window, "horizon_days": rules.horizon_days,
                "layers_mapped": list(tl.layers)}
    first, last = tl.dates[0], tl.dates[-1]
    if d0 < first - window:
        return Verdict(claim.id, "outside_coverage", None, None, BASE_CONFIDENCE["outside_coverage"],
                       f"The {tl.tracker} history held starts on {first}, after the claim.",
                       {**evidence, "snapshots": []})
    at = max(int(np.searchsorted(tl.dates, d0, side="right")) - 1, 0)
    evidence["snapshots"] = [str(tl.dates[at])]
    if not tl.covered[at]:
        return Verdict(claim.id, "outside_coverage", None, None, BASE_CONFIDENCE["outside_coverage"],
                       f"{name} lies outside the area {tl.tracker} maps on {tl.dates[at]}, so "
                       "the map can neither confirm nor refute the claim.", evidence)
    agree = agreement(tl.occupied, direction, threshold)
    evidence["curve"] = _curve(tl, d0, rules.horizon_days, window)
    if agree[at]:
        starts = np.flatnonzero(~agree[: at + 1])
        if len(starts) == 0:
            kind, change = "no_change", None
        else:
            change = tl.dates[starts[-1] + 1]
            kind = "corroborated" if change >= d0 - window else "stale"
    else:
        ahead = np.flatnonzero(agree[at + 1:]) + at + 1
        ahead = ahead[tl.dates[ahead] <= d0 + rules.horizon_days] if len(ahead) else ahead
        if len(ahead):
            change = tl.dates[ahead[0]]
            kind = "corroborated" if change <= d0 + window else "premature"
        else:
            change = None
            kind = "pending" if last < d0 + rules.horizon_days else "contradicted"
    lag = None if change is None else int((change - d0).astype(int))
    decisive = at if change is None else int(np.searchsorted(tl.dates, change))
    evidence["snapshots"] = sorted({str(tl.dates[at]), str(tl.dates[decisive])})
    confidence = _confidence(kind, tl, at, d0, threshold, decisive, claim)
    text = _explain(kind, name, tl, direction, threshold, d0, at, change, lag, window, rules, partial)
    return Verdict(claim.id, kind, None if change is None else change.item(), lag,
                   round(confidence, 2), text, evidence)


def _curve(tl: PlaceTimeline, d0: np.datetime64, horizon: int, window: int) -> list[list]:
    """The share at every change within the horizon around the claim, and at the window edges."""
    lo = np.searchsorted(tl.dates, d0 - horizon)
    hi = np.searchsorted(tl.dates, d0 + horizon, side="right")
    dates, shares = tl.dates[lo:hi], tl.occupied[lo:hi]
    if len(dates) == 0:
        return []
    keep = np.ones(len(dates), bool)
    keep[1:] = shares[1:] != shares[:-1]
    for edge in (d0 - window, d0, d0 + window):
        i = int(np.searchsorted(dates, edge, side="right")) - 1
        if i >= 0:
            keep[i] = True
    keep[-1] = True
    return [[str(d), float(f)] for d, f in zip(dates[keep], shares[keep])]


def _confidence(kind: str, tl: PlaceTimeline, at: int, d0, threshold: float, decisive: int,
                claim: Claim) -> float:
    """Base confidence of the verdict kind, discounted for what weakens it: a decisive share
    within 0.05 of the threshold (x0.7), no snapshot within 3 days of the claim (x0.8), a coarse
    claim date (week x0.85, month x0.7)."""
    confidence = BASE_CONFIDENCE[kind]
    if abs(tl.occupied[decisive] - threshold) < 0.05 or abs(tl.occupied[at] - threshold) < 0.05:
        confidence *= 0.7
    if abs(int((tl.dates[at] - d0).astype(int))) > 3:
        confidence *= 0.8
    confidence *= {"week": 0.85, "month": 0.7}.get(claim.date_precision, 1.0)
    return confidence


def _explain(kind, name, tl, direction, threshold, d0, at, change, lag, window, rules, partial) -> str:
    side = "Russian" if direction == "russian_gain" else "Ukrainian"
    want = (f"at least {threshold:.0%} occupied" if direction == "russian_gain"
            else f"at most {1 - threshold:.0%} occupied")
    share_then = f"{tl.occupied[at]:.0%} of {name}'s footprint was occupied on {tl.dates[at]}"
    if kind == "corroborated":
        return (f"{tl.tracker} shows {name} {want} from {change} ({lag:+d} days from the claim), "
                f"within the ±{window}-day window.")
    if kind == "stale":
        return (f"{tl.tracker} already showed {name} {want} from {change}, {-lag} days before "
                "the claim: recycled or late news.")
    if kind == "premature":
        return (f"When claimed, {share_then}; {tl.tracker} showed it {want} only on {change}, "
                f"{lag} days later.")
    if kind == "contradicted":
        return (f"{share_then}, and within {rules.horizon_days} days {tl.tracker} never showed it "
                f"{want}.")
    if kind == "pending":
        return (f"{share_then}; the {rules.horizon_days}-day horizon runs past the last snapshot "
                f"held ({tl.dates[-1]}).")
    lacks = [layer for layer in ("contested", "liberated") if layer not in tl.layers]
    why = (f" {tl.tracker} here maps no {' or '.join(lacks)} layer, which could explain a "
           f"{side} claim about ground it never marked occupied." if lacks else "")
    return f"{tl.tracker} shows {name} {want} throughout the history held, with no change around the claim.{why}"
