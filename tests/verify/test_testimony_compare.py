"""Testimony comparisons (issue 11): kinds, updates, scopes, renderings and stances."""

from __future__ import annotations

from datetime import date

from frontcheck.claims.model import Claim
from frontcheck.verify.testimony import Said, account_conflict


def claim(topic: str, facet: str, value=None, negated=False, **details) -> Claim:
    return Claim("c", "testimony", negated=negated,
                 fields={"topic": topic, "facet": facet, "value": value, "voice": "source",
                         **details})


def said(c: Claim, speaker="A", publisher="P", on=date(2025, 1, 1), interview=False) -> Said:
    return Said(c, speaker, publisher, on, on, interview)


def count(best, category="killed", scope="contingent", **extra) -> Claim:
    return claim("casualties", "count", best, low=best, best=best, high=best,
                 category=category, scope=scope, **extra)


def kind(a: Said, b: Said) -> str | None:
    conflict = account_conflict(a, b)
    return conflict.kind if conflict else None


def test_numeric_only_within_category_and_scope():
    assert kind(said(count(300)), said(count(1000), "B")) == "numeric"
    assert kind(said(count(300, scope="platoon")), said(count(1000), "B")) is None
    assert kind(said(count(1200, "casualties")), said(count(1200, "wounded"), "B")) == "category"


def test_a_growing_estimate_of_one_speaker_and_a_cumulative_count_are_no_conflict():
    assert kind(said(count(300)), said(count(1000), on=date(2025, 2, 1))) is None
    assert kind(said(count(300)), said(count(3000, cumulative=True), "B")) is None


def test_rendering_points_at_the_outlets():
    a = said(claim("arrival", "date", "2024-12-20", precision="day"), "W", "UNN",
             date(2025, 4, 14), True)
    b = said(claim("arrival", "date", "2024-12-24", precision="day"), "W", "Babel",
             date(2025, 4, 14), True)
    conflict = account_conflict(a, b)
    assert conflict.kind == "rendering" and "UNN" in conflict.why and "Babel" in conflict.why
    assert 0 < conflict.confidence <= 1


def test_stance_change_and_disagreement_between_sides():
    denied = claim("official_position", "stance", "denied")
    admitted = claim("official_position", "stance", "acknowledged")
    assert kind(said(denied, "Kremlin"), said(admitted, "Kremlin", on=date(2025, 3, 1))) == \
        "stance"
    assert kind(said(denied, "Kremlin"), said(admitted, "NIS")) == "negation"


def test_temporal_says_when_the_later_date_is_a_publication():
    a = said(claim("capture", "date", "2025-01-09", precision="day"))
    b = said(claim("capture", "date", "2025-01-11", precision="day", publication=True), "B")
    conflict = account_conflict(a, b)
    assert conflict.kind == "temporal" and "published" in conflict.why


def test_place_and_actor():
    assert kind(said(claim("arrival", "place", "kharh", name="Kharkiv")),
                said(claim("arrival", "place", "poltav", name="Poltava"), "B")) == "place"
    assert kind(said(claim("transport", "carrier", "ship")),
                said(claim("transport", "carrier", "plane"), "B")) == "actor"


def test_a_witness_against_another_speaker_is_unsure_and_two_witnesses_are_not_compared():
    def wish(value):
        return claim("capture", "date", value, precision="day")
    a = Said(wish("2025-04-05"), "Zhang", "UNN", date(2025, 4, 14), None, True, "interview")
    b = Said(wish("2025-04-08"), "Pozitciya", "Pozitciya", date(2025, 4, 15), None, False,
             "article")
    c = Said(wish("2025-02-05"), "Wang", "Babel", date(2025, 4, 14), None, True, "interview")
    assert account_conflict(a, b).confidence < 0.5
    assert account_conflict(a, c) is None


def test_official_positions_between_speakers():
    def stance(value):
        return claim("official_position", "stance", value)
    assert kind(said(stance("unconfirmed"), "Peskov"), said(stance("denied"), "Lin")) is None
    assert kind(said(stance("unconfirmed"), "Peskov"), said(stance("denied"), "Peskov")) \
        == "stance"
    assert kind(Said(stance("asserted"), "Zelensky", "", None, None, kind="statement"),
                Said(stance("denied"), "Lin", "", None, None, kind="statement")) == "negation"


def test_places_that_may_be_one_and_growing_losses():
    def place(key, quote):
        return Claim("c", "testimony", quote=quote, fields={
            "topic": "arrival", "facet": "place", "value": key, "voice": "source"})
    kharkiv = place("harki", "landing at a military air base in Kharkiv")
    assert kind(said(kharkiv), said(place("harko", "в Харьковской области"), "B")) is None
    assert kind(said(kharkiv), said(place("polta", "landed in Poltava region"), "B")) == "place"
    assert kind(said(count(300)), said(count(1000), "B", on=date(2025, 3, 1))) is None
    assert kind(said(count(1000)), said(count(300), "B", on=date(2025, 3, 1))) == "numeric"


def test_one_holders_denial_and_later_acknowledgement_is_a_stance_change():
    """An outlet's "North Korea denied" (holder dprk) and KCNA's later acknowledgement are
    one side's stance over time; Russia's denial against Seoul's acknowledgement two sides
    that disagree; a history sentence tells the change itself and is compared with nothing."""
    def stance(value, **details):
        return claim("official_position", "stance", value, **details)
    denied = Said(stance("denied", holder="dprk"), "Daily NK", "Daily NK", date(2024, 12, 1),
                  None, kind="article")
    admitted = Said(stance("acknowledged"), "North Korean government (KCNA)", "KCNA",
                    date(2025, 4, 28), None, kind="statement")
    assert kind(denied, admitted) == "stance"
    seoul = Said(stance("acknowledged"), "National Intelligence Service of South Korea", "",
                 date(2025, 1, 13), None, kind="statement")
    kremlin = Said(stance("denied"), "Dmitry Peskov (Kremlin)", "", date(2025, 1, 20), None,
                   kind="statement")
    assert kind(seoul, kremlin) == "negation"
    history = Said(stance("acknowledged", holder="dprk", history=True), "Reuters", "Reuters",
                   date(2025, 5, 1), None, kind="article")
    assert kind(denied, history) is None
    prisoner = Said(stance("denied"), "POW-1", "", date(2025, 2, 1), None, kind="interview")
    assert kind(prisoner, admitted) is None


def test_a_topic_spoken_of_without_value_is_never_compared():
    a = said(claim("training", "topic"))
    b = said(claim("training", "topic", negated=True), on=date(2025, 3, 1))
    assert account_conflict(a, b) is None


def test_two_men_under_one_description_are_two_speakers():
    from frontcheck.verify.testimony import same_voice
    assert not same_voice("KPA soldier (26, rifleman)", "KPA soldier (20, sniper)")
    assert same_voice("Liz Truss (UK Foreign Secretary)", "Liz Truss (UK Prime Minister)")
    wish = claim("intent", "wish", "return")
    other = claim("intent", "wish", "stay")
    a = Said(wish, "KPA soldier (26, rifleman)", "BBC", date(2025, 1, 11), None, True,
             "interview")
    b = Said(other, "KPA soldier (20, sniper)", "Yonhap", date(2025, 1, 11), None, True,
             "interview")
    assert account_conflict(a, b) is None          # not one interview rendered twice


def test_a_count_over_a_window_of_time_is_not_compared_with_a_total():
    from frontcheck.claims.testimony import read_testimony
    week = read_testimony("North Korean forces have suffered more than 1,000 casualties in "
                          "the past week alone.", date(2025, 1, 14))
    total = read_testimony("According to preliminary data, the number of killed and wounded "
                           "North Korean soldiers already exceeds 3,000.", date(2024, 12, 23))
    (w,), (t,) = ([c for c in s if c.facet == "count"] for s in (week, total))
    assert w.details["scope"] == "period" and t.details["category"] == "casualties"
    as_claim = [claim("casualties", "count", c.value, **c.details) for c in (t, w)]
    assert kind(said(as_claim[0], "Zelensky", on=date(2024, 12, 23)),
                said(as_claim[1], "Pentagon", on=date(2025, 1, 14))) is None


def test_two_reports_of_one_interview_must_agree_on_a_date_to_the_day():
    def taken(value, publisher, speaker="W"):
        return Said(claim("capture", "date", value, precision="day"), speaker, publisher,
                    date(2025, 1, 11), None, True, "interview")
    assert kind(taken("2025-01-09", "Suspilne"), taken("2025-01-10", "RBC")) == "rendering"
    other = Said(claim("capture", "date", "2025-01-10", precision="day"), "SBU", "SBU",
                 date(2025, 1, 12), None, False, "statement")
    assert account_conflict(taken("2025-01-09", "Suspilne"), other) is None   # a day apart


def test_an_older_figure_reported_later_is_no_contradiction_of_a_newer_one():
    """100 killed "in December", reported on 14 January, against 300 killed said on 13
    January: the December figure is older, the estimate grew."""
    newer = said(count(300), "NIS", on=date(2025, 1, 13))
    older = said(count(100, as_of="2024-12-01"), "Kyiv Independent", on=date(2025, 1, 14))
    assert kind(newer, older) is None
    assert kind(newer, said(count(100), "Kyiv Independent", on=date(2025, 1, 14))) == "numeric"
