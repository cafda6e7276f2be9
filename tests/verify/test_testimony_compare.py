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
