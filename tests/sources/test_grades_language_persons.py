"""Admiralty grades, language by letters, and who the sources say needs protection."""

from __future__ import annotations

import pytest

from frontcheck.errors import InputError
from frontcheck.sources.admiralty import parse_credibility, parse_grade, parse_reliability
from frontcheck.sources.language import detect_language
from frontcheck.sources.model import PersonMention, SourceItem
from frontcheck.sources.persons import next_pseudonym, suggest_protected


@pytest.mark.parametrize("value, expected", [("a", "A"), (" F ", "F"), ("B", "B")])
def test_reliability_letters(value, expected):
    assert parse_reliability(value) == expected


@pytest.mark.parametrize("value", ["G", "", "AB", "1", None])
def test_reliability_refused_with_the_scale(value):
    with pytest.raises(InputError) as caught:
        parse_reliability(value, "s.csv", line=4)
    assert str(caught.value) == (f"s.csv: line 4: reliability: {value!r} is not an Admiralty "
                                 "reliability grade (A completely reliable … F cannot be judged)")


@pytest.mark.parametrize("value, ok", [(1, True), ("6", True), ("0", False), ("7", False),
                                       (True, False), ("A", False)])
def test_credibility_digits(value, ok):
    if ok:
        assert parse_credibility(value) == str(value)
    else:
        with pytest.raises(InputError, match="is not an Admiralty credibility grade"):
            parse_credibility(value)


def test_two_part_grade():
    assert parse_grade("c3") == ("C", "3")
    with pytest.raises(InputError, match="'C' is not an Admiralty grade such as B2"):
        parse_grade("C")


@pytest.mark.parametrize("text, language", [
    ("Сили оборони відбили 34 атаки на Покровському напрямку.", "uk"),
    ("Ворог просунувся у Покровську та поблизу Мирнограда.", "uk"),      # no і/ї/є/ґ at all
    ("Їхали до Києва", "uk"),
    ("Подразделения группировки войск «Восток» освободили Угледар.", "ru"),
    ("Освобождён населённый пункт Курахово.", "ru"),
    ("Бои идут у Покровска", "ru"),
    ("North Korean troops recaptured Plekhovo, the MoD said (Плехово).", "en"),
    ("", ""), ("⚡️ 12:30 — !!", ""),
])
def test_detect_language(text, language):
    assert detect_language(text) == language


def item(text: str, *persons: PersonMention, title: str = "") -> SourceItem:
    return SourceItem(kind="statement", item_key="1", text=text, persons=persons,
                      meta={"title": title} if title else {})


@pytest.mark.parametrize("source, reason", [
    (item("", PersonMention("Ri", "speaker", "captured North Korean soldier")), "pow"),
    (item("Ri Jin-hyok is a prisoner of war.", PersonMention("Ri Jin-hyok")), "pow"),
    (item("The POW Ri Jin-hyok said he was not trained.", PersonMention("Ri Jin-hyok")), "pow"),
    (item("", PersonMention("Ри", "named", "военнопленный из КНДР")), "pow"),
    (item("Ким Чен Су, взятый в плен под Плехово, дал показания.", PersonMention("Ким Чен Су")), "pow"),
    (item("Пленный Ким Чен Су рассказал о подготовке.", PersonMention("Ким Чен Су")), "pow"),
    (item("Чон Мін Хо потрапив у полон 9 січня.", PersonMention("Чон Мін Хо")), "pow"),
    (item("Полонений Чон Мін Хо дає свідчення.", PersonMention("Чон Мін Хо")), "pow"),
    (item("", PersonMention("Чон", "named", "військовополонений")), "pow"),
    (item("Q: ...", PersonMention("Ri", "speaker"),
          title="Interview with a captured North Korean soldier"), "pow"),
    (item("Pak was detained at the border.", PersonMention("Pak")), "detainee"),
    (item("", PersonMention("Лі", "named", "затриманий СБУ")), "detainee"),
    (item("Kim, a 17-year-old prisoner of war, spoke.", PersonMention("Kim")), "minor"),
    (item("", PersonMention("Ким", "named", "несовершеннолетний военнопленный")), "minor"),
    (item("", PersonMention("Кім", "named", "неповнолітній")), "minor"),
])
def test_suggest_protected_in_three_languages(source, reason):
    [suggestion] = suggest_protected([source])
    assert suggestion.reason == reason
    assert suggestion.name == source.persons[0].name and suggestion.evidence


@pytest.mark.parametrize("source", [
    item("Olena Marchenko interviewed the soldier.", PersonMention("Olena Marchenko", "interviewer")),
    item("Russia captured Kurakhove, Konashenkov said.", PersonMention("Konashenkov", "speaker")),
    item("Two soldiers were captured. Pak spoke later.", PersonMention("Pak")),   # other sentence
    item("", PersonMention("Ri", "speaker", "platoon commander")),
    item("Pow! The drone hit.", PersonMention("Li")),
])
def test_no_suggestion_without_words_about_the_person(source):
    assert suggest_protected([source]) == []


def test_one_suggestion_per_name_with_the_strongest_reason():
    sources = [item("Kim was detained.", PersonMention("Kim")),
               item("Kim, 16 years old, was detained.", PersonMention("Kim"))]
    assert [(s.name, s.reason) for s in suggest_protected(sources)] == [("Kim", "minor")]


def test_pseudonyms_count_per_reason():
    assert next_pseudonym("pow", []) == "POW-1"
    assert next_pseudonym("pow", ["POW-1", "POW-2", "MINOR-7"]) == "POW-3"
    assert next_pseudonym("minor", ["POW-1", "MINOR-7"]) == "MINOR-8"
    assert next_pseudonym("detainee", [None, "DETAINEE-x"]) == "DETAINEE-1"
