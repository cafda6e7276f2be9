"""Topic recognition recall, third round (issue 11): how wires and papers render a prisoner's
interview in English — indirect speech, contractions, a question answered in the next
sentence — and the Russian and Ukrainian forms of the same. Every sentence here was written
for the test."""

from __future__ import annotations

from datetime import date

import pytest

from frontcheck.claims.testimony import read_testimony

AT = date(2025, 2, 20)


def said(text: str) -> list[tuple[str, str, object, bool]]:
    return [(c.topic, c.facet, c.value, c.negated) for c in read_testimony(text, AT)]


def topics(text: str) -> set[str]:
    return {c.topic for c in read_testimony(text, AT)}


@pytest.mark.parametrize("text, topic", [
    ("He said he would go to South Korea.", "intent"),
    ("The soldier told the newspaper he hoped to start a new life in the South.", "intent"),
    ("He said he'd like to live in Ukraine for a while.", "intent"),
    ("I will go to South Korea if I am given the chance.", "intent"),
    ("Военный попросил отправить его в Южную Корею.", "intent"),
    ("He said he would like to go to the Republic of Korea.", "intent"),
    ("He expressed willingness to go to the South.", "intent"),
    ("They were deployed to Kursk in early December.", "arrival"),
    ("His unit was moved to the front line in December.", "arrival"),
    ("He said they crossed into Russia by train in late October.", "arrival"),
    ("The soldiers were dispatched to Russia last autumn.", "arrival"),
    ("He was taken into custody by Ukrainian special forces.", "capture"),
    ("He fell into Ukrainian hands after being wounded.", "capture"),
    ("He was apprehended by Ukrainian forces.", "capture"),
    ("The soldier blew himself up as Ukrainian troops approached.", "suicide_orders"),
    ("He said he would have killed himself if he had had a grenade.", "suicide_orders"),
    ("North Korean troops are ordered not to be taken alive.", "suicide_orders"),
    ("He said he only learned he was in Russia after arriving.", "knew_deployment"),
    ("He said he was the only survivor of his unit.", "casualties"),
])
def test_a_topic_as_a_wire_renders_it_is_recognised(text, topic):
    assert topic in topics(text)


def test_a_move_to_a_place_is_an_arrival_with_its_date_but_a_prisoner_moved_is_not():
    assert ("arrival", "date", "2024-12-01", False) in said(
        "They were deployed to Kursk in early December.")
    assert "arrival" not in topics("After his capture he was transferred to Kyiv in January.")


def test_took_him_prisoner_dates_the_capture():
    assert ("capture", "date", "2025-01-09", False) in said(
        "Ukrainian forces took him prisoner on Jan. 9.")


@pytest.mark.parametrize("text", [
    "He didn't know he was going to war.",
    "They weren't told they would fight.",
    "They were not told they would be fighting Ukraine.",
])
def test_an_english_contraction_or_a_negated_telling_is_a_negation(text):
    assert ("knew_deployment", "told", "unknown", False) in said(text)


def test_a_contracted_negation_negates_contact_and_orders():
    assert ("family_contact", "contact", None, True) in said(
        "He said he hasn't contacted his family.")
    assert said("He said he wasn't ordered to kill himself.") == [
        ("suicide_orders", "order", None, True)]


def test_what_his_family_does_not_know_is_no_knowledge_of_the_deployment():
    found = said("His parents do not know he is in Russia.")
    assert ("family_contact", "contact", None, True) in found
    assert all(topic != "knew_deployment" for topic, *_ in found)


def test_learning_of_the_war_only_there_is_not_having_known_it():
    assert ("knew_deployment", "told", "unknown", False) in said(
        "The soldier said he only realised he was in a war after arriving.")


@pytest.mark.parametrize("text, expected", [
    ('"Do you want to go back to North Korea?" "No."', ("intent", "wish", "return", True)),
    ("Have you been able to contact your family? No, not once.",
     ("family_contact", "contact", None, True)),
    ("Did you know you would fight? Yes.", ("knew_deployment", "told", "war", False)),
])
def test_a_question_answered_in_the_next_sentence(text, expected):
    assert expected in said(text)


def test_a_question_alone_says_nothing_and_a_long_next_sentence_is_its_own():
    assert said('"Do you want to go back to North Korea?"') == []
    found = said("Do you want to go home? Later that week we were moved on by truck to "
                 "a village that none of us had heard of before.")
    assert all(topic != "intent" for topic, *_ in found)


def test_a_hedged_or_wished_sentence_is_marked_hedged():
    hedged = read_testimony("He said he wants to call his mother.", AT)
    assert hedged and all(c.details.get("hedged") for c in hedged)
    plain = read_testimony("He said he called his mother.", AT)
    assert plain and not any(c.details.get("hedged") for c in plain)


def test_an_order_and_an_act_of_suicide_are_two_facets():
    assert said("They were ordered to blow themselves up.") == [
        ("suicide_orders", "order", None, False)]
    assert ("suicide_orders", "act", None, False) in said(
        "He tried to blow himself up with a grenade.")


def test_a_date_right_after_the_events_word_is_its_date_whatever_follows():
    assert ("capture", "date", "2025-01-01", False) in said(
        "The soldier, who was captured in early January, said he wanted to live in Seoul.")
    assert not [c for c in read_testimony("He said on Jan. 12 that he had been captured.", AT)
                if c.facet == "date"]


def test_a_degree_after_a_negation_denies_nothing():
    assert ("capture", "wounded", None, False) in said(
        "He was captured but was not seriously wounded.")
    assert ("capture", "wounded", None, True) in said("He was captured and was not wounded.")


def test_one_man_picked_out_of_several_is_no_toll():
    assert all(facet != "count" for _, facet, *_ in said("One of them was wounded."))
    assert ("casualties", "count", 30, False) in said(
        "He said that about 30 of his comrades were killed.")
