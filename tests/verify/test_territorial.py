"""Each verdict kind on synthetic share curves, where the right answer is plain."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from frontcheck.claims.model import Claim, PlaceRef
from frontcheck.verify.territorial import PlaceTimeline, VerdictRules, territorial_verdict

DAYS = np.arange("2025-01-01", "2025-07-01", dtype="datetime64[D]")


def timeline(changes: dict[str, float], covered: bool = True, layers=("occupied",)) -> PlaceTimeline:
    """A share curve that takes each value from its date on (starting at 0)."""
    share = np.zeros(len(DAYS))
    for day, value in sorted(changes.items()):
        share[np.datetime64(day) <= DAYS] = value
    return PlaceTimeline("t", DAYS, share, np.full(len(DAYS), covered), layers)


def claim(actor="russia", action="captured", on="2025-03-01", precision="day", place_id="gn:1"):
    return Claim("c", "territorial", actor=actor, action=action, date_precision=precision,
                 place=PlaceRef("X", id=place_id, name="X"), claim_date=date.fromisoformat(on))


@pytest.mark.parametrize("changes, made, kind, change, lag", [
    ({"2025-03-04": 0.95}, claim(), "corroborated", "2025-03-04", 3),
    ({"2025-02-26": 0.95}, claim(), "corroborated", "2025-02-26", -3),
    ({"2025-03-20": 0.95}, claim(), "premature", "2025-03-20", 19),
    ({"2025-01-20": 0.95}, claim(), "stale", "2025-01-20", -40),
    ({"2025-03-20": 0.6}, claim(), "contradicted", None, None),
    ({"2025-01-01": 0.95}, claim(), "no_change", None, None),
    ({}, claim(on="2025-06-10"), "pending", None, None),
    # Ukrainian gains agree where the occupied share is low.
    ({"2025-01-01": 1.0, "2025-03-03": 0.05}, claim("ukraine", "liberated"), "corroborated", "2025-03-03", 2),
    ({"2025-01-01": 1.0, "2025-03-03": 0.05}, claim("russia", "withdrew"), "corroborated", "2025-03-03", 2),
    ({"2025-01-20": 1.0, "2025-03-03": 0.05}, claim("ukraine", "withdrew"), "stale", "2025-01-20", -40),
    ({}, claim("ukraine", "liberated"), "no_change", None, None),
    # Partial actions need only part of the footprint.
    ({"2025-03-05": 0.2}, claim(action="advanced"), "corroborated", "2025-03-05", 4),
    ({"2025-03-05": 0.2}, claim(action="captured"), "contradicted", None, None),
    # A week-precise date widens the window by a week.
    ({"2025-03-12": 0.95}, claim(precision="week"), "corroborated", "2025-03-12", 11),
    ({"2025-03-12": 0.95}, claim(), "premature", "2025-03-12", 11),
])
def test_verdict_kinds(changes, made, kind, change, lag):
    verdict = territorial_verdict(made, timeline(changes), VerdictRules())
    assert (verdict.verdict, verdict.lag_days) == (kind, lag)
    assert (verdict.change_date.isoformat() if verdict.change_date else None) == change


def test_threshold_window_and_horizon_are_options():
    tl = timeline({"2025-03-05": 0.6, "2025-05-15": 0.9})
    assert territorial_verdict(claim(), tl, VerdictRules()).verdict == "contradicted"
    assert territorial_verdict(claim(), tl, VerdictRules(horizon_days=90)).verdict == "premature"
    assert territorial_verdict(claim(), tl, VerdictRules(threshold=0.5)).verdict == "corroborated"
    assert territorial_verdict(claim(), tl, VerdictRules(threshold=0.5, window_days=2)).verdict == "premature"


def test_outside_coverage_unresolved_and_before_the_history():
    assert territorial_verdict(claim(), timeline({}, covered=False), VerdictRules()).verdict == "outside_coverage"
    assert territorial_verdict(claim(on="2024-06-01"), timeline({}), VerdictRules()).verdict == "outside_coverage"
    assert territorial_verdict(claim(), None, VerdictRules()).verdict == "outside_coverage"
    unresolved = Claim("c", "territorial", actor="russia", action="captured",
                       place=PlaceRef("Novoselivka", candidates=({"id": "gn:1"}, {"id": "gn:2"})),
                       claim_date=date(2025, 3, 1))
    verdict = territorial_verdict(unresolved, None, VerdictRules())
    assert verdict.verdict == "unresolved_place" and len(verdict.evidence["candidates"]) == 2


def test_no_change_names_the_missing_layers():
    verdict = territorial_verdict(claim("ukraine", "liberated"), timeline({}), VerdictRules())
    assert "no contested or liberated layer" in verdict.explanation
    verdict = territorial_verdict(claim("ukraine", "liberated"),
                                  timeline({}, layers=("occupied", "contested", "liberated")), VerdictRules())
    assert "layer" not in verdict.explanation


def test_confidence_drops_near_the_threshold_and_across_gaps():
    sure = territorial_verdict(claim(), timeline({"2025-03-02": 1.0}), VerdictRules())
    close = territorial_verdict(claim(), timeline({"2025-03-02": 0.86}), VerdictRules())
    assert close.confidence < sure.confidence
    sparse = PlaceTimeline("t", DAYS[::10], np.where(DAYS[::10] >= np.datetime64("2025-03-02"), 1.0, 0.0),
                           np.ones(len(DAYS[::10]), bool))
    assert territorial_verdict(claim(on="2025-03-06"), sparse, VerdictRules()).confidence < sure.confidence
