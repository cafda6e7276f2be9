"""The testimony topic reader (issue 11) on short sentences in English, Russian, Ukrainian."""

from __future__ import annotations

from datetime import date

import pytest

from frontcheck.claims.testimony import duration_days, place_key, read_testimony

AT = date(2025, 2, 1)


def facts(text: str) -> set[tuple]:
    return {(c.topic, c.facet, c.value, c.negated) for c in read_testimony(text, AT)}


@pytest.mark.parametrize("text, expected", [
    ("We did not know we were going to fight in Ukraine.",
     ("knew_deployment", "told", "unknown", False)),
    ("Нам сказали, что едем на учения в Россию.", ("knew_deployment", "told", "training", False)),
    ("Нас навчали лише тиждень російські інструктори.", ("training", "length", 7.0, False)),
    ("I had about two weeks of training, mostly on drones.", ("training", "length", 14.0, False)),
    ("We were taken to Russia by train.", ("transport", "carrier", "train", False)),
    ("I arrived in Kursk in early December.", ("arrival", "place", "kursk", False)),
    ("I served in the 11th Army Corps.", ("unit", "name", "corps 11", False)),
    ("He was captured on January 9 in Kursk region.", ("capture", "date", "2025-01-09", False)),
    ("I want to go to South Korea.", ("intent", "wish", "third_country", False)),
    ("Он хочет вернуться домой.", ("intent", "wish", "return", False)),
    ("We were ordered to blow ourselves up rather than be captured.",
     ("suicide_orders", "order", None, False)),
    ("The Kremlin denied the presence of North Korean troops.",
     ("official_position", "stance", "denied", False)),
    ("Песков признал участие военных КНДР.",
     ("official_position", "stance", "acknowledged", False)),
    ("I have had no contact with my family.", ("family_contact", "contact", None, True)),
])
def test_topics_in_three_languages(text, expected):
    assert expected in facts(text)


def test_casualties_carry_category_and_scope():
    said = {(c.details["category"], c.details["scope"], c.value)
            for c in read_testimony("Of the 300 men in my company, 100 were killed.", AT)
            if c.facet == "count"}
    assert said == {("killed", "company", 100)}
    said = {(c.details["category"], c.value) for c in read_testimony(
        "Около 1200 потерь, из них 300 убитыми.", AT) if c.facet == "count"}
    assert said == {("casualties", 1200), ("killed", 300)}


def test_a_gesture_answers_the_question_it_follows():
    """The defect of issue 11: a gesture answering a question about his family is no
    answer about the deployment."""
    found = facts("Asked whether his family knew he had been sent to Russia, he shook his head.")
    assert found == {("family_contact", "contact", None, True)}
    found = facts("Asked whether he wanted to go back to North Korea, he shook his head.")
    assert found == {("intent", "wish", "return", True)}


def test_voice_tells_the_witness_from_a_report_of_him():
    [own] = read_testimony("I was captured on January 9.", AT)
    [reported] = read_testimony("He said he was captured on January 9.", AT)
    assert (own.voice, reported.voice) == ("witness", "reported")


def test_durations_and_place_keys():
    assert duration_days("1-2 месяца подготовки") == (30.0, 60.0)
    assert duration_days("trained for two weeks") == (14.0, 14.0)
    assert place_key("Курской") == place_key("Kursk") == "kursk"


def test_a_date_or_place_belongs_to_the_nearest_event():
    said = read_testimony("Russia on Wednesday (September 21) released 10 foreign prisoners of "
                          "war captured in Ukraine.", date(2022, 9, 26))
    assert not [c for c in said if c.topic == "capture" and c.facet == "date"]
    said = read_testimony("He said he has been captured and is now in Donetsk.",
                          date(2022, 4, 17))
    assert not [c for c in said if c.facet == "place"]
    said = read_testimony("Wang said that he arrived in Moscow on February 5, and signed a "
                          "contract on February 25.", date(2025, 4, 14))
    assert [c.value for c in said if c.facet == "date"] == ["2025-02-05"]


def test_wishes_offers_and_who_killed_them():
    said = read_testimony("He did not want to return to Russia but would like to go to China.",
                          date(2025, 4, 10))
    assert [(c.value, c.negated) for c in said if c.topic == "intent"] == [
        ("russia", True), ("return", False)]
    said = read_testimony("At first, the Russians offered him work on construction sites.",
                          date(2025, 4, 14))
    assert ("knew_deployment", "offer", "construction") in [(c.topic, c.facet, c.value)
                                                            for c in said]
    said = read_testimony("Both were eliminated by military intelligence officers.",
                          date(2023, 10, 8))
    assert ("casualties", "by", "ukrainian") in [(c.topic, c.facet, c.value) for c in said]


@pytest.mark.parametrize("text", [
    "Він сказав, що хоче залишитися в Україні.",          # a reporting verb, a country
    "He told reporters he wanted to stay in Ukraine.",
    "Він розповів, що їх привезли до Росії.",
])
def test_a_reporting_verb_and_a_countrys_name_are_no_knowledge_of_war(text):
    assert ("knew_deployment", "told", "war", False) not in facts(text)


def test_being_told_or_knowing_of_war_is_still_read():
    assert ("knew_deployment", "told", "war", False) in facts(
        "We were told we would fight at the front.")
    assert ("knew_deployment", "told", "unknown", False) in facts(
        "Він не знав, що воюватиме проти України.")


def test_an_arrival_in_any_gender_and_a_date_at_the_end_of_a_month():
    said = facts("Його підрозділ прибув до Курської області наприкінці грудня.")
    assert ("arrival", "date", "2024-12-01", False) in said
    assert not any(f[0] == "capture" and f[1] == "date" for f in said)


def test_a_prisoner_noun_speaks_of_capture_but_owns_no_date():
    said = facts("Полонений розповів, що прибув до Курщини 20 грудня.")
    assert ("capture", "event", None, False) in said
    assert ("arrival", "date", "2024-12-20", False) in said
    assert not any(f[:2] == ("capture", "date") for f in said)


def test_the_legs_of_a_journey_are_read_in_order_and_a_month_is_no_place():
    said = read_testimony("He said he arrived in Russia by ship in October and was moved to "
                          "Kursk by train in December.", AT)
    assert [c.value for c in said if c.facet == "carrier"] == ["ship", "train"]
    assert not any(c.facet == "place" and str(c.value).startswith("octo") for c in said)


def test_a_category_after_its_figure_and_a_force_named_by_its_nationality():
    said = read_testimony("Western officials believe some 4,000 North Korean soldiers have "
                          "been killed or wounded since they arrived.", AT)
    (count,) = [c for c in said if c.facet == "count"]
    assert count.details["category"] == "casualties"
    (later,) = [c for c in read_testimony("North Korean casualties are estimated at around "
                                          "4,000.", AT) if c.facet == "count"]
    assert later.details["scope"] == "contingent"


def test_a_count_given_for_a_date_carries_it():
    (count,) = [c for c in read_testimony("About 100 North Korean soldiers were killed in "
                                          "December.", AT) if c.facet == "count"]
    assert count.details["as_of"] == "2024-12-01"
