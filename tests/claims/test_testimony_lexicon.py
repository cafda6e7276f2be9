"""Topics recognised by concept lexicons on lemmas (issue 11): a sentence that speaks of a
topic without a value the typed readers know still gives the topic, in ru, uk and en."""

from __future__ import annotations

from datetime import date

import pytest

from frontcheck.claims.testimony import read_testimony
from frontcheck.claims.testimony_lexicon import lemmas, lexicon_topics

AT = date(2025, 2, 1)


@pytest.mark.parametrize("text, topic", [
    ("Подготовка была очень тяжёлой.", "training"),           # inflected: подготовка
    ("Навчання тривало недовго, інструктори кричали.", "training"),
    ("Многие из наших погибли под Курском.", "casualties"),     # погибнуть
    ("Багато хлопців загинуло.", "casualties"),                 # загинути
    ("Нас перевозили в закрытых вагонах.", "transport"),       # вагон, перевезти
    ("Ми довго їхали вантажівками.", "transport"),
    ("Командир роты ничего не объяснял.", "unit"),
    ("He was wounded and taken prisoner by paratroopers.", "capture"),
    ("My commander never explained anything.", "unit"),
    ("Наші батьки навіть не знають, що ми тут, зв'язку немає.", "family_contact"),
    ("Он мечтает когда-нибудь вернуться домой.", "intent"),
    ("They said we should use grenades on ourselves.", "suicide_orders"),
    ("We were promised a salary in dollars.", "pay"),
    ("Нам не сказали, куда отправляют.", "knew_deployment"),
])
def test_a_topic_is_recognised_by_its_words_lemmas(text, topic):
    assert topic in lexicon_topics(text)


@pytest.mark.parametrize("text, topic", [
    ("I went to earn some money.", "pay"),                     # money as a motive
    ("I would like to see my wife again.", "family_contact"),  # a wish, no contact
    ("He said he was serving in Ukraine.", "knew_deployment"),  # no knowledge spoken of
    ("The weather was cold.", "training"),
])
def test_words_of_another_sense_give_no_topic(text, topic):
    assert topic not in lexicon_topics(text)


def test_lemmas_read_every_case_of_a_cyrillic_word():
    assert "погибнуть" in lemmas("Погибли многие")[0]
    assert "плен" in lemmas("о плене")[1]
    assert lemmas("Many died")[1] == frozenset({"died"})


def test_a_lexicon_topic_is_a_claim_without_value_only_where_no_reader_gave_one():
    said = read_testimony("Инструкторы кричали на нас каждый день. Нас учили две недели.", AT)
    topics = [(c.topic, c.facet) for c in said]
    assert ("training", "topic") in topics           # the first sentence: no length read
    assert ("training", "length") in topics          # the second: the reader's value
    assert sum(1 for t in topics if t == ("training", "topic")) == 1
    assert all(c.value is None and not c.negated for c in said if c.facet == "topic")


def test_training_they_were_told_of_is_the_cover_story_not_training():
    said = read_testimony("We were told it was training, not war.", AT)
    assert ("knew_deployment", "told") in {(c.topic, c.facet) for c in said}
    assert "training" not in {c.topic for c in said}
