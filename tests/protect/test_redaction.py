"""Redaction on plain data: every form of a protected name and every recorded detail is
replaced, and nothing else is.

Expected outputs are written by hand: the spellings are those the Russian, Ukrainian and
English press use (Kontsevich's system and its Ukrainian counterpart for Korean names;
BGN/PCGN, passport and Ukrainian national transliterations for Slavic ones), the case forms
those of Russian and Ukrainian grammar.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontcheck.protect.morphology import pymorphy_lexicon
from frontcheck.protect.redaction import ProtectedPerson, Redactor

POW = ProtectedPerson("Ri Jin-hyok", "POW-1", home_towns=("Hamhung",),
                      units=("Storm Corps", "unit 10867"), relatives=("Ri Myong-suk",))
POW2 = ProtectedPerson("Чон Мін Хо", "POW-2")
DETAINEE = ProtectedPerson("Дмитрий Кузьменко", "DETAINEE-1", home_towns=("Новокузнецк",),
                           units=("в/ч 55555",), relatives=("Ольга Кузьменко",),
                           aliases=("Кузьменко Дмитрий Андреевич",))
LATIN_DETAINEE = ProtectedPerson("Pavel Sidorenko", "DETAINEE-2", identifiers=("+7 913 555 0101",))


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor([POW, POW2, DETAINEE, LATIN_DETAINEE], pymorphy_lexicon())


KOREAN = [
    # Latin: the DPRK's McCune–Reischauer, Revised Romanisation, English habits; both orders
    ("Ri Jin-hyok said", "POW-1 said"),
    ("Jin-hyok Ri said", "POW-1 said"),
    ("RI JIN HYOK", "POW-1"),
    ("Ri Jinhyok", "POW-1"),
    ("Ri Jin Hyok", "POW-1"),
    ("Lee Jin-hyeok", "POW-1"),
    ("Yi Jin-hyuk", "POW-1"),
    ("Ri Chin-hyŏk", "POW-1"),
    ("Ri, Jin-hyok", "POW-1"),
    ("Ri Jin‑hyok", "POW-1"),                       # non-breaking hyphen
    ("interview_ri_jin_hyok.md", "interview_POW-1.md"),
    # Cyrillic: Russian (Kontsevich) and Ukrainian, both orders, declined, fused
    ("Ри Чжин Хёк", "POW-1"),
    ("Ри Чжин Хек", "POW-1"),
    ("Ли Чжин Хёк", "POW-1"),
    ("Рі Цзін Хьок", "POW-1"),
    ("Рі Чжін Хьок", "POW-1"),
    ("Чжин Хёк Ри", "POW-1"),
    ("Ри Чжинхёк", "POW-1"),
    ("допрос Ри Чжин Хёка", "допрос POW-1"),
    # the given name alone (two syllables name one person; a surname alone does not)
    ("Jin-hyok told us", "POW-1 told us"),
    ("Чжин Хёк сказал", "POW-1 сказал"),
    # POW-2, stored in Ukrainian: Russian and Latin spellings
    ("Чон Мін Хо", "POW-2"),
    ("Чон Мин Хо", "POW-2"),
    ("Jong Min-ho", "POW-2"),
    ("Min-ho Jeong", "POW-2"),
    ("Chŏng Min Ho", "POW-2"),
]
SLAVIC = [
    ("Дмитрий Кузьменко", "DETAINEE-1"),
    ("задержали Дмитрия Кузьменко", "задержали DETAINEE-1"),
    ("с Дмитрием Кузьменко", "с DETAINEE-1"),
    ("Кузьменко Дмитрий", "DETAINEE-1"),
    ("Кузьменко Дмитрий Андреевич", "DETAINEE-1"),       # the alias, whole
    ("Дмитрия Андреевича Кузьменко", "DETAINEE-1"),
    ("Затриманого Дмитра Кузьменка", "Затриманого DETAINEE-1"),
    ("Кузьменко рассказал", "DETAINEE-1 рассказал"),      # the surname alone
    ("записали как Кузьменку", "записали как DETAINEE-1"),
    ("Кузьменком", "DETAINEE-1"),
    ("Dmitry Kuzmenko", "DETAINEE-1"),
    ("Dmytro Kuzmenko", "DETAINEE-1"),
    ("Dmitriy Kuzmenko", "DETAINEE-1"),
    ("Dmitrij Kusmenko", "DETAINEE-1"),
    ("Kuzmenko's account", "DETAINEE-1's account"),
    ("KUZMENKO", "DETAINEE-1"),
    # stored in Latin: Cyrillic and Ukrainian forms, declined
    ("Павел Сидоренко", "DETAINEE-2"),
    ("Павла Сидоренко", "DETAINEE-2"),
    ("Павло Сидоренко", "DETAINEE-2"),
    ("Павла Сидоренка", "DETAINEE-2"),
    ("Sidorenko", "DETAINEE-2"),
]
DETAILS = [
    ("родом из Новокузнецка", "родом из [home town of DETAINEE-1]"),
    ("з Новокузнецька", "з [home town of DETAINEE-1]"),
    ("native of Novokuznetsk", "native of [home town of DETAINEE-1]"),
    ("в/ч 55555", "[unit of DETAINEE-1]"),
    ("войсковая часть 55555", "войсковая часть [unit of DETAINEE-1]"),
    ("Жена Ольга Кузьменко", "Жена [relative of DETAINEE-1]"),
    ("Передайте Ольге Кузьменко", "Передайте [relative of DETAINEE-1]"),
    ("из Хамхына", "из [home town of POW-1]"),
    ("in Hamhŭng", "in [home town of POW-1]"),
    ("the Storm Corps", "the [unit of POW-1]"),
    ("unit 10867", "[unit of POW-1]"),
    ("часть 10867", "часть [unit of POW-1]"),
    ("sister Ri Myong-suk", "sister [relative of POW-1]"),
    ("сестра Ри Мён Сук", "сестра [relative of POW-1]"),
    ("call +7 913 555 0101", "call [identifier of DETAINEE-2]"),
]
UNTOUCHED = [
    "Дмитрий сказал",                 # a given name alone names too many people
    "Ольга пришла",
    "Kim met Ri and Jin",             # Korean surnames and single syllables alone
    "и Чжин",
    "Он говорил о Курахово и Покровске",
    "Pokrovsk direction, Ivan said",
    "Кузьменковский район",           # a longer word is another word
    "coordinates 37.10867, 55555.5",  # a decimal is not a unit number
    "Petrovka",
    "",
]


@pytest.mark.parametrize("text, expected", KOREAN, ids=[t for t, _ in KOREAN])
def test_korean_name_forms(redactor, text, expected):
    assert redactor.text(text) == expected


@pytest.mark.parametrize("text, expected", SLAVIC, ids=[t for t, _ in SLAVIC])
def test_slavic_name_forms(redactor, text, expected):
    assert redactor.text(text) == expected


@pytest.mark.parametrize("text, expected", DETAILS, ids=[t for t, _ in DETAILS])
def test_details(redactor, text, expected):
    assert redactor.text(text) == expected


@pytest.mark.parametrize("text", UNTOUCHED)
def test_other_words_are_untouched(redactor, text):
    assert redactor.text(text) == text


def test_look_alike_letters_and_invisible_characters(redactor):
    assert redactor.text("Rі Jin-hyok") == "POW-1"            # Cyrillic і for Latin i
    assert redactor.text("Кузьмeнко") == "DETAINEE-1"        # Latin e inside Cyrillic
    assert redactor.text("Kuz\u00admenko") == "DETAINEE-1"     # a soft hyphen
    assert redactor.text("Дми\u0301трий Кузьме\u0301нко") == "DETAINEE-1"   # stress marks
    assert redactor.text("Ри Чжин Хе\u0308к") == "POW-1"                  # ё decomposed


def test_deep_redacts_strings_keys_and_nested_values(redactor):
    record = {"claimant": "Ri Jin-hyok", "fields": {"Кузьменко": ["из Новокузнецка", 55555]},
              "count": 3, "ok": True, "none": None}
    assert redactor.deep(record) == {
        "claimant": "POW-1", "fields": {"DETAINEE-1": ["из [home town of DETAINEE-1]", 55555]},
        "count": 3, "ok": True, "none": None}


def test_identity_and_empty_redactors_change_nothing():
    assert Redactor.identity().text("Ri Jin-hyok") == "Ri Jin-hyok"
    assert not Redactor.identity().active
    assert Redactor({}).deep({"a": "Ri Jin-hyok"}) == {"a": "Ri Jin-hyok"}


def test_a_name_given_as_a_mapping_still_works():
    assert Redactor({"Ivan Petrov": "POW-7"}).text("Ivan Petrov and Петров") == "POW-7 and POW-7"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ri Jn-hyokДмитрийКузьменкоЧжХёк 5.,_\n")),
               max_size=60))
def test_redaction_is_a_fixpoint_and_leaves_nothing_to_find(text):
    redactor = _REDACTOR()
    once = redactor.text(text)
    assert redactor.text(once) == once
    assert not redactor.finds(once)
    assert isinstance(once, str)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([t for t, _ in KOREAN + SLAVIC]),
       st.text(alphabet=" ,.;:!?()«»\"'\n", max_size=3),
       st.text(alphabet=" ,.;:!?()«»\"'\n", max_size=3))
def test_a_name_is_found_whatever_punctuation_surrounds_it(name, before, after):
    out = _REDACTOR().text(before + name + after)
    assert not re.search(r"(?i)jin.?hyok|кузьменк|kuzmenk|чжин|цзін", out)


_CACHE: list[Redactor] = []


def _REDACTOR() -> Redactor:
    if not _CACHE:
        _CACHE.append(Redactor([POW, POW2, DETAINEE, LATIN_DETAINEE], pymorphy_lexicon()))
    return _CACHE[0]
