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


# A tracker's own daily progress reports ("the enemy advanced in X"): the share of X's
# footprint rises a little on most days while the tracker reports it. Each report agrees with
# the map because the share rises around its date, however much of X was already occupied.
PROGRESS = {"2025-02-10": 0.12, "2025-02-20": 0.25, "2025-03-01": 0.31, "2025-03-02": 0.38,
            "2025-03-09": 0.52, "2025-03-16": 0.64}


@pytest.mark.parametrize("on, change, lag", [
    ("2025-03-02", "2025-03-02", 0),       # reported the day the map moved
    ("2025-03-10", "2025-03-09", -1),      # a day after
    ("2025-03-14", "2025-03-16", 2),       # two days before the next rise
])
def test_a_trackers_daily_progress_report_is_corroborated_not_stale(on, change, lag):
    verdict = territorial_verdict(claim(action="advanced", on=on), timeline(PROGRESS), VerdictRules())
    assert (verdict.verdict, verdict.change_date.isoformat(), verdict.lag_days) == ("corroborated", change, lag)
    assert "rise" in verdict.explanation


@pytest.mark.parametrize("changes, made, kind", [
    # no rise for months around the claim, the last one long before: old news
    ({"2025-01-10": 0.3}, claim(action="advanced", on="2025-03-01"), "stale"),
    # a rise only weeks after: premature
    ({"2025-03-25": 0.3}, claim(action="advanced", on="2025-03-01"), "premature"),
    # never any rise: contradicted
    ({}, claim(action="fighting_in", on="2025-03-01"), "contradicted"),
    # a Ukrainian advance agrees with a falling occupied share
    ({"2025-01-01": 0.9, "2025-03-03": 0.7}, claim("ukraine", "advanced"), "corroborated"),
    ({"2025-01-01": 0.9, "2025-03-03": 0.95}, claim("ukraine", "advanced"), "contradicted"),
])
def test_partial_actions_read_the_direction_of_change(changes, made, kind):
    assert territorial_verdict(made, timeline(changes), VerdictRules()).verdict == kind


@pytest.mark.parametrize("changes, made", [
    ({"2025-01-20": 0.95}, claim()),                                     # stale capture
    ({"2025-03-20": 0.95}, claim()),                                     # premature
    ({"2025-03-04": 0.95}, claim()),                                     # corroborated
    ({"2025-01-10": 0.3}, claim(action="advanced", on="2025-03-01")),    # stale advance
])
def test_share_before_is_dated_before_share_after(changes, made):
    verdict = territorial_verdict(made, timeline(changes), VerdictRules())
    before, after = verdict.evidence["share_before"], verdict.evidence["share_after"]
    assert before[0] < after[0] <= verdict.change_date.isoformat()
    assert before[1] != after[1]
