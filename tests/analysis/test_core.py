"""The analyst's product, core functions, with numbers checked by hand: Heuer scores,
diagnosticity and sensitivity; interval arithmetic and the safe parser; acknowledgement
changes; claimed against mapped areas on squares."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
import shapely

from frontcheck.control.claimed import ALL_CLAIMANTS, ControlClaim, claimed_control
from frontcheck.errors import InputError
from frontcheck.verify.ach import EvidenceItem, ach_matrix, diagnosticity, evidence_weight
from frontcheck.verify.acknowledgements import Position, acknowledgement_timelines
from frontcheck.verify.figures import derive, parse_expression

H = ("elite", "conscripts")


def test_heuer_counts_inconsistency_weighted_by_grades_and_verdict():
    # A2 corroborated: 1.0 * 0.8 * 1.0 = 0.8; C3 unchecked: 0.6 * 0.6 * 0.7 = 0.252;
    # F6 contradicted: 0.5 * 0.5 * 0.1 = 0.025
    items = [EvidenceItem("a", {"elite": "II", "conscripts": "CC"}, "A", "2", "F", "corroborated"),
             EvidenceItem("b", {"elite": "C", "conscripts": "I"}, "C", "3", "F", "unchecked"),
             EvidenceItem("c", {"elite": "CC", "conscripts": "II"}, "F", "6", "F", "contradicted")]
    m = ach_matrix(H, items)
    scores = {s.hypothesis: s.weighted_inconsistency for s in m.scores}
    assert scores == {"elite": pytest.approx(1.6), "conscripts": pytest.approx(0.252 + 0.05)}
    assert m.ranking == ("conscripts", "elite")
    # consistency does not count: "CC" for elite on c adds nothing to elite's score
    assert {s.hypothesis: s.inconsistent_items for s in m.scores} == {"elite": 1, "conscripts": 2}
    assert [r.diagnosticity for r in m.items] == [1.0, 0.5, 1.0]
    # Only removing a (or it found false: 0.08 * 2 = 0.16 < 0.302) reverses the order
    assert m.sensitive == {"a": ("removal", "verdict")}


def test_empirical_grade_is_averaged_with_the_admiralty_letter():
    assert evidence_weight(EvidenceItem("x", {}, "A", "1", "E", "corroborated"))[0] == 0.6
    assert evidence_weight(EvidenceItem("x", {}, "F", "1", "B", "stale"))[0] == 0.72


def test_flipping_a_false_item_to_true_can_change_the_ranking():
    items = [EvidenceItem("weak", {"elite": "II"}, "A", "1", "F", "contradicted"),   # 0.1 * 2
             EvidenceItem("other", {"conscripts": "I"}, "A", "1", "F", "stale")]     # 0.9
    m = ach_matrix(H, items)
    assert m.ranking == ("elite", "conscripts")
    assert m.sensitive["weak"] == ("verdict",)          # corroborated: 2.0 > 0.9
    assert "other" in m.sensitive and "removal" in m.sensitive["other"]


def test_diagnosticity_of_one_hypothesis_is_zero():
    assert diagnosticity({"a": "CC"}) == 0.0


def test_interval_arithmetic_gives_the_hand_computed_range():
    inputs = {"pay": (1500, 2000, 2500), "troops": (10000, 11000, 12000), "months": (12, 12, 12),
              "kept": (0.7, 0.8, 0.9)}
    f = derive("pay * troops * months * (1 - kept)", inputs)
    assert f.range_method == "interval"
    assert (f.low, f.best, f.high) == pytest.approx((1500 * 10000 * 12 * 0.1,
                                                     2000 * 11000 * 12 * 0.2,
                                                     2500 * 12000 * 12 * 0.3))
    assert f.low <= f.percentiles["p5"] <= f.percentiles["p50"] <= f.percentiles["p95"] <= f.high
    assert derive("pay * troops * months * (1 - kept)", inputs).percentiles == f.percentiles


def test_division_and_repeated_inputs():
    f = derive("a / (b - 1)", {"a": (2, 4, 6), "b": (2, 3, 5)})
    assert (f.low, f.high) == pytest.approx((0.5, 6.0))
    # a repeats: the corners say 0..0, the draws find the top of the parabola (0.25 at 0.5)
    g = derive("a * (1 - a)", {"a": (0.0, 0.5, 1.0)})
    assert g.range_method == "corners" and g.low == 0.0 and g.high == pytest.approx(0.25, abs=1e-3)
    h = derive("max(a, b) - min(c, 3)", {"a": (1, 2, 4), "b": (0, 5, 6), "c": (1, 2, 4)})
    assert h.best == 3.0 and h.range_method == "interval" and (h.low, h.high) == (-2.0, 5.0)
    with pytest.raises(InputError, match="no finite value"):
        derive("1 / (a - 1)", {"a": (1, 1, 1)})


@pytest.mark.parametrize("text, fault", [
    ("__import__('os').system('id')", "is not a function"),
    ("a.b", "attribute is not allowed"),
    ("a if b else c", "ifexp is not allowed"),
    ("'x' * 3", "is not a number"),
    ("a // 2", "not allowed"),
    ("[a][0]", "not allowed"),
    ("lambda: 1", "not allowed"),
    ("min", "is a function"),
    ("a +", "not an arithmetic expression"),
])
def test_the_parser_refuses_what_is_not_arithmetic(text, fault):
    with pytest.raises(InputError, match=fault):
        parse_expression(text)


def test_acknowledgement_changes_are_not_lies():
    d = date
    positions = [Position("Gov", d(2024, 10, 1), "denied", "fake", "claim:1"),
                 Position("Gov", d(2024, 10, 9), "denied", "lies", "claim:2"),
                 Position("Gov", d(2024, 11, 2), "unconfirmed", "no comment", "claim:3"),
                 Position("Gov", d(2025, 4, 26), "acknowledged", "took part", "claim:4"),
                 Position("Agency", d(2024, 10, 5), "asserted", "arrived", "claim:5")]
    gov, agency = acknowledgement_timelines(positions)
    assert gov.actor == "Gov" and agency.actor == "Agency"
    assert gov.first_denial.on == d(2024, 10, 1) and gov.first_acknowledgement.on == d(2025, 4, 26)
    assert [(c.on, c.before, c.after) for c in gov.changes] == [
        (d(2024, 11, 2), "denies", "unconfirmed"), (d(2025, 4, 26), "unconfirmed", "affirms")]
    assert gov.summary == ("denied on 2024-10-01, did not confirm on 2024-11-02, "
                           "affirmed on 2025-04-26")
    assert agency.first_denial is None and agency.changes == ()


def _square(x0, y0, side):
    return shapely.box(x0, y0, x0 + side, y0 + side)


def test_claimed_against_mapped_on_squares():
    # footprints of 1 km² each (1000 m squares); the map occupies p1 and p2 wholly
    footprints = {p: _square(k * 2000.0, 0.0, 1000.0) for k, p in enumerate(["p1", "p2", "p3"])}
    occupied = shapely.box(0, 0, 3000, 1000)
    coverage = shapely.box(-10_000, -10_000, 10_000, 10_000)
    claims = [ControlClaim("c1", "MoD", "p1", date(2024, 1, 1), "russia", "captured"),
              ControlClaim("c2", "MoD", "p3", date(2024, 1, 2), "dprk", "liberated"),
              ControlClaim("c3", "MoD", "p2", date(2024, 3, 1), "russia", "captured"),
              ControlClaim("c4", "GS", "p1", date(2024, 1, 5), "ukraine", "withdrew"),
              ControlClaim("c5", "GS", "p3", date(2024, 1, 6), "russia", "advanced")]
    every, gs, mod = claimed_control(claims, footprints, occupied, coverage, date(2024, 2, 1))
    assert (every.claimant, gs.claimant, mod.claimant) == (ALL_CLAIMANTS, "GS", "MoD")
    # MoD by 1 Feb: p1 (mapped) and p3 (not mapped) claimed; p2 mapped, claimed only in March
    assert (mod.claimed_km2, mod.claimed_not_mapped_km2, mod.mapped_not_claimed_km2) == \
        (2.0, 1.0, 1.0)
    assert {p.place_id: (p.claimed, p.mapped_share) for p in mod.places} == \
        {"p1": (True, 1.0), "p2": (False, 1.0), "p3": (True, 0.0)}
    assert (gs.claimed_km2, gs.claimed_not_mapped_km2) == (1.0, 0.0)    # advanced claims nothing
    # a claim outside the tracker's coverage is not "not mapped"
    outside = claimed_control(claims, footprints, occupied, shapely.box(0, 0, 1500, 1000),
                              date(2024, 2, 1), claimant="MoD")[0]
    assert (outside.claimed_not_mapped_km2, outside.claimed_outside_coverage_km2) == (0.0, 1.0)
    assert np.isclose(shapely.area(mod.claimed_not_mapped), 1e6)


def test_claimed_against_mapped_where_the_layers_cut_footprints():
    # the occupied layer's edge halves p2, coverage leaves a quarter of p1 out, p3 lies apart:
    # each overlay answered by a predicate (wholly in or out) must equal the one computed
    footprints = {p: _square(k * 2000.0, 0.0, 1000.0) for k, p in enumerate(["p1", "p2", "p3"])}
    occupied = shapely.box(-500, -500, 2500, 1500)
    coverage = shapely.box(250, -10_000, 10_000, 10_000)
    claims = [ControlClaim(f"c{k}", "MoD", p, date(2024, 1, 1), "russia", "captured")
              for k, p in enumerate(footprints)]
    every = claimed_control(claims, footprints, occupied, coverage, date(2024, 2, 1))[0]
    shares = {p.place_id: (p.mapped_share, p.covered) for p in every.places}
    assert shares == {"p1": (1.0, True), "p2": (0.5, True), "p3": (0.0, True)}
    claimed = shapely.union_all(list(footprints.values()))
    in_coverage = shapely.intersection(claimed, coverage)
    expected_not_mapped = shapely.area(shapely.difference(in_coverage, occupied)) / 1e6
    assert every.claimed_km2 == 3.0
    assert every.claimed_not_mapped_km2 == round(expected_not_mapped, 3) == 1.5
    assert every.claimed_outside_coverage_km2 == 0.25
    assert every.mapped_not_claimed_km2 == 0.0
    ukraine = claimed_control(claims, footprints, occupied, coverage, date(2024, 2, 1),
                              side="ukraine")[0]
    assert ukraine.claimed_km2 == 0.0 and ukraine.mapped_not_claimed_km2 == 0.0
