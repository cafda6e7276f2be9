"""The scope of negations and answers in testimony (issue 11, fourth round): a denial of
telling is no denial of the event, and a reported question answered in words has the
answer's polarity."""

from __future__ import annotations

from datetime import date

import pytest

from frontcheck.claims.testimony import read_testimony
from frontcheck.claims.testimony_lexicon import lexicon_topics
from frontcheck.claims.testimony_scope import negates_saying, spoken_answer_in, unsaid

AT = date(2025, 2, 1)


def claims(text: str) -> list[tuple]:
    return [(c.topic, c.facet, c.negated, bool(c.details.get("hedged")))
            for c in read_testimony(text, AT)]


@pytest.mark.parametrize("text, topic", [
    ("He could not remember how long the training lasted.", "training"),
    ("He did not say where he was captured.", "capture"),
    ("I don't know how many of my comrades were killed.", "casualties"),
    ("Он не помнит, сколько длилась подготовка.", "training"),
    ("Не уточнил, где его взяли в плен.", "capture"),
])
def test_a_denied_telling_denies_no_event_and_asserts_none(text, topic):
    read = [c for c in claims(text) if c[0] == topic]
    assert read, text
    assert all(not negated and hedged for _, _, negated, hedged in read)


def test_not_being_told_where_is_still_what_he_knew():
    assert ("knew_deployment", "told", False, False) in claims(
        "He said he had not been told where they were going.")
    got = {(c.facet, c.value) for c in read_testimony(
        "He said he had not been told where they were going.", AT)}
    assert ("told", "unknown") in got


def test_a_plain_denial_is_still_a_denial():
    assert ("training", "length", True, False) in claims("We had no training at all.")
    assert not unsaid("He was not captured.")


def test_negates_saying_needs_the_question_word_before_the_cue():
    text = "He could not remember how long the training lasted."
    assert negates_saying(text, text.index("not"), text.index("training"))
    plain = "He did not know the training would be so short."
    assert not negates_saying(plain, plain.index("not"), plain.index("training"))


@pytest.mark.parametrize("text, negated", [
    ("Asked whether he wanted to return to North Korea, he said no.", True),
    ("Asked if he wanted to go home, he answered yes.", False),
    ("На вопрос, хочет ли он вернуться домой, он ответил отрицательно.", True),
])
def test_a_question_answered_in_words(text, negated):
    wishes = [c for c in read_testimony(text, AT) if c.topic == "intent"]
    assert wishes and wishes[0].negated is negated
    assert not wishes[0].details.get("hedged")      # the "whether" is the question's


def test_an_answer_that_he_had_not():
    got = claims("When asked if he had been in touch with his family, he replied that he "
                 "had not.")
    assert ("family_contact", "contact", True, False) in got
    assert spoken_answer_in("Asked if he had called home, he replied that he had.", 5)[2] is False


@pytest.mark.parametrize("text, topic", [
    ("He was unaware that he would be sent to fight.", "knew_deployment"),
    ("Their commanders kept the destination secret.", "knew_deployment"),
    ("Він служив снайпером з 2021 року.", "unit"),
    ("Он служил разведчиком.", "unit"),
    ("The man was seized by paratroopers after he was wounded.", "capture"),
    ("He hid in a dugout for five days.", "capture"),
    ("He asked that a message be passed to his parents.", "family_contact"),
    ("He said he was considering whether to go to South Korea.", "intent"),
    ("Being captured is considered treason, he said.", "suicide_orders"),
    ("Сдаться в плен считалось предательством.", "suicide_orders"),
    ("Many of his comrades were wounded.", "casualties"),
    ("Багато побратимів були поранені.", "casualties"),
    ("They walked to the front on foot.", "transport"),
])
def test_broader_topic_words(text, topic):
    assert topic in {c.topic for c in read_testimony(text, AT)}


@pytest.mark.parametrize("text, topic", [
    ("He was wounded in the leg.", "casualties"),                # his own wound: no toll
    ("He said he was serving in the Ukrainian army.", "unit"),   # an army, no unit
    ("He was sent to the front in early January.", "arrival"),   # sent, not arrived
])
def test_words_kept_out(text, topic):
    assert topic not in lexicon_topics(text)


@pytest.mark.parametrize("text", [
    "The Kremlin declined to comment.",
    "Кремль отказался комментировать.",
    "У Кремлі відмовилися коментувати.",
])
def test_declining_to_comment_is_an_unconfirmed_position(text):
    assert ("official_position", "stance", "unconfirmed") in {
        (c.topic, c.facet, c.value) for c in read_testimony(text, AT)}


def test_an_agency_confirming_a_capture_acknowledges_it():
    found = [c for c in read_testimony("South Korea's spy agency confirmed the capture.", AT)
             if c.topic == "official_position"]
    assert [(c.value, c.details["fact"]) for c in found] == [("acknowledged", "capture")]


def test_a_length_of_training_that_taught_nothing_is_still_training():
    """TSN's "a week in the camp, where they taught him nothing" is no denial of training."""
    [length] = [c for c in read_testimony("У таборі він пробув лише тиждень, де, як стверджує, "
                                          "його нічого не навчили.", AT) if c.facet == "length"]
    assert (length.value, length.negated) == (7.0, False)
    [none] = [c for c in read_testimony("We had no training, not a single day.", AT)
              if c.facet == "length"]
    assert none.negated


@pytest.mark.parametrize("text, expected", [
    # a question his host put to him, left unanswered: no wish of his
    ("Хлопець, який приймав його в РФ, запитав чи хотів би він залишитися.", None),
    ("He took my passport and said he would return them.", None),              # a thing
    ("He pleaded with Ukrainian authorities not to return him to Russia.", ("russia", True)),
    ("He begged to be allowed to stay in Ukraine.", ("stay", False)),
])
def test_what_is_and_is_not_his_wish(text, expected):
    wishes = [(c.value, c.negated) for c in read_testimony(text, AT)
              if c.topic == "intent" and c.facet == "wish"]
    assert wishes == ([expected] if expected else [])


@pytest.mark.parametrize("text, topic", [
    ("According to him, he came to Russia as a tourist and spent two weeks there.",
     "knew_deployment"),
    ("He unknowingly signed enlistment papers.", "knew_deployment"),
    ("Evans has pleaded with Ukrainian authorities not to send him back.", "intent"),
])
def test_words_of_a_recruit_tricked_abroad(text, topic):
    assert topic in lexicon_topics(text)


@pytest.mark.parametrize("text", [
    "He has not decided whether to go back to North Korea or to South Korea.",
    "Він ще не вирішив, чи хоче повернутися додому.",
])
def test_an_unsettled_wish_is_no_wish(text):
    read = [c for c in read_testimony(text, AT) if c.topic == "intent"]
    assert read and all(c.facet == "topic" for c in read)


def test_a_missing_skill_is_no_denial_of_training():
    assert [(c.facet, c.negated) for c in read_testimony(
        "They were not trained to fight drones.", AT) if c.topic == "training"] == [
        ("topic", False)]
    assert ("training", "length", True, False) in claims("We were never trained.")


def test_going_home_is_no_family_contact():
    assert "family_contact" not in {c.topic for c in read_testimony(
        "He does not know whether he wants to go home.", AT)}
    assert ("family_contact", "contact", True, False) in claims("He has had no news from home.")
