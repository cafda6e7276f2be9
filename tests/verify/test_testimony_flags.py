"""Fewer wrong flags and more renderings, third round (issue 11): a negation only between
plain assertions of one fact, positions compared on one fact, a category conflict of one
scope, two speakers' dates only with a day, an undated outlet's report of an interview."""

from __future__ import annotations

from datetime import date

from frontcheck.claims.model import Claim
from frontcheck.verify.testimony import Said, account_conflict


def claim(topic: str, facet: str, value=None, negated=False, **details) -> Claim:
    return Claim("c", "testimony", negated=negated,
                 fields={"topic": topic, "facet": facet, "value": value, "voice": "source",
                         **details})


def said(c: Claim, speaker="A", publisher="P", on=date(2025, 1, 1), interview=False,
         kind="", published=None) -> Said:
    return Said(c, speaker, publisher, on, published or on, interview, kind)


def kind(a: Said, b: Said) -> str | None:
    conflict = account_conflict(a, b)
    return conflict.kind if conflict else None


def test_a_hedged_claim_is_never_one_side_of_a_negation():
    plain = said(claim("family_contact", "contact", None, True))
    assert kind(plain, said(claim("family_contact", "contact"), on=date(2025, 2, 1))) == \
        "negation"
    wish = said(claim("family_contact", "contact", hedged=True), on=date(2025, 2, 1))
    assert kind(plain, wish) is None


def test_positions_on_two_facts_are_not_compared():
    denied = claim("official_position", "stance", "denied", fact="deployment")
    captured = claim("official_position", "stance", "acknowledged", fact="capture")
    same_fact = claim("official_position", "stance", "acknowledged", fact="deployment")
    assert kind(said(denied, "Kremlin"), said(captured, "NIS")) is None
    assert kind(said(denied, "Kremlin"), said(same_fact, "NIS")) == "negation"


def test_a_category_conflict_needs_one_scope_and_one_figure():
    def count(best, category, scope):
        return claim("casualties", "count", best, low=best, best=best, high=best,
                     category=category, scope=scope)
    assert kind(said(count(1200, "casualties", "contingent")),
                said(count(1200, "wounded", "contingent"), "B")) == "category"
    assert kind(said(count(1200, "casualties", "contingent")),
                said(count(1200, "wounded", "brigade"), "B")) is None
    assert kind(said(count(1200, "casualties", "contingent")),
                said(count(1180, "wounded", "contingent"), "B")) is None


def test_two_speakers_months_do_not_date_an_event_but_one_speakers_do():
    december = claim("arrival", "date", "2024-12-01", precision="month")
    october = claim("arrival", "date", "2024-10-01", precision="month")
    assert kind(said(october), said(december, "B")) is None
    assert kind(said(october), said(december, on=date(2025, 3, 1))) == "temporal"
    day = claim("arrival", "date", "2024-12-20", precision="day")
    assert kind(said(october), said(day, "B")) == "temporal"


def test_a_capture_is_no_fact_its_prisoner_denies():
    taken = said(claim("capture", "event"))
    refused = said(claim("capture", "event", None, True), on=date(2025, 2, 1))
    assert kind(taken, refused) is None


def test_an_undated_outlets_report_two_days_after_an_interview_renders_it():
    dated = said(claim("family_contact", "contact"), "W", "Outlet A", date(2025, 2, 19),
                 True, "interview")
    undated = said(claim("family_contact", "contact", None, True), "W", "Outlet B",
                   date(2025, 2, 20), False, "interview")
    assert kind(dated, undated) == "rendering"
    later = said(claim("family_contact", "contact", None, True), "W", "Outlet B",
                 date(2025, 3, 20), False, "interview")
    assert kind(dated, later) == "negation"
    same_outlet = said(claim("family_contact", "contact", None, True), "W", "Outlet A",
                       date(2025, 2, 20), False, "interview")
    assert kind(dated, same_outlet) == "negation"


def test_another_sides_larger_toll_within_a_month_is_no_update():
    def killed(best, side):
        return claim("casualties", "count", best, low=best, best=best, high=best,
                     category="killed", scope="contingent", estimator=side)
    seoul = said(killed(300, "south_korea"), "Outlet A", on=date(2025, 1, 13))
    kyiv = said(killed(3000, "ukraine"), "Outlet B", on=date(2025, 1, 20))
    assert kind(seoul, kyiv) == "numeric"
    seoul_later = said(killed(600, "south_korea"), "Outlet B", on=date(2025, 1, 20))
    assert kind(seoul, seoul_later) is None          # one side's estimate, updated
    kyiv_months_later = said(killed(3000, "ukraine"), "Outlet B", on=date(2025, 4, 20))
    assert kind(seoul, kyiv_months_later) is None    # losses grow over months


def test_the_side_that_gives_a_figure_is_read_with_it():
    from frontcheck.claims.testimony import read_testimony
    found = read_testimony("South Korea's spy agency said about 300 North Korean soldiers "
                           "had been killed.", date(2025, 1, 13))
    counts = [c for c in found if c.facet == "count"]
    assert counts and counts[0].details["estimator"] == "south_korea"


def test_one_of_several_mens_wishes_is_not_compared():
    from frontcheck.claims.testimony import read_testimony
    found = read_testimony("One of them wants to stay in Ukraine, the other wants to go home.",
                           date(2025, 1, 13))
    wishes = [c for c in found if c.facet == "wish"]
    assert wishes and all(c.details.get("several") for c in wishes)
    stay = said(claim("intent", "wish", "stay", several=True), "Zelensky")
    home = said(claim("intent", "wish", "return"), "Zelensky", on=date(2025, 2, 1))
    assert kind(stay, home) is None
    assert kind(said(claim("intent", "wish", "stay"), "Zelensky"), home) == "stance"


def test_a_sentence_of_several_men_gives_no_ones_yes_or_no():
    from frontcheck.claims.testimony import read_testimony
    found = read_testimony("Both were captured; one of them was wounded, the other had no "
                           "documents.", date(2025, 1, 13))
    personal = [c for c in found if c.facet in ("wounded", "documents")]
    assert personal and all(c.details.get("several") for c in personal)
    both = said(claim("capture", "documents", None, True, several=True), "Outlet A")
    his = said(claim("capture", "documents"), "Outlet B", on=date(2025, 2, 1))
    assert kind(both, his) is None
    assert kind(said(claim("capture", "documents", None, True), "Outlet A"), his) == "negation"
