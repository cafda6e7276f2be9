"""Counts as low / best / high: the documented rules, and properties for any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontcheck.claims.numbers import find_counts, parse_count


@pytest.mark.parametrize("phrase, expected", [
    ("140", (140, 140, 140, "exact")),
    ("up to 500", (0, 500, 500, "up_to")),
    ("до 140", (0, 140, 140, "up_to")),
    ("about 3,000", (2700, 3000, 3300, "about")),
    ("близько 3 тисяч", (2700, 3000, 3300, "about")),
    ("more than 100", (101, 110, 150, "more_than")),
    ("понад 1200", (1201, 1320, 1800, "more_than")),
    ("at least 200", (200, 200, 300, "at_least")),
    ("не менее 4700", (4700, 4700, 7050, "at_least")),
    ("dozens", (20, 30, 99, "dozens")),
    ("десятки", (20, 30, 99, "dozens")),
    ("кілька десятків", (20, 30, 99, "dozens")),
    ("сотни", (200, 300, 999, "hundreds")),
    ("сотні", (200, 300, 999, "hundreds")),
    ("several hundred", (200, 300, 999, "hundreds")),
    ("тысячи", (2000, 3000, 9999, "thousands")),
    ("десятки тысяч", (20000, 30000, 99999, "tens_of_thousands")),
    ("100-200", (100, 150, 200, "range")),
    ("від 10 до 12 тисяч", (10000, 11000, 12000, "range")),
    ("between 2 and 3", (2, 3, 3, "range")),
    ("three", (3, 3, 3, "exact")),
    ("три", (3, 3, 3, "exact")),
    ("двадцять п'ять", (25, 25, 25, "exact")),
    ("полторы тысячи", (1500, 1500, 1500, "exact")),
    ("1,5 тыс.", (1500, 1500, 1500, "exact")),
    ("12k", (12000, 12000, 12000, "exact")),
    ("1 280", (1280, 1280, 1280, "exact")),
    ("more than a dozen", (13, 13, 18, "more_than")),
    ("a couple", (2, 2, 3, "couple")),
    ("trois", None),
])
def test_documented_rules(phrase: str, expected) -> None:
    count = parse_count(phrase)
    got = None if count is None else (count.low, count.best, count.high, count.rule)
    assert got == expected


def test_ordinals_and_model_names_are_not_counts() -> None:
    assert find_counts("the 93rd Brigade and the 3-тя бригада flew a Су-34") == []


_QUALIFIERS = st.sampled_from(["", "about ", "up to ", "more than ", "at least ", "nearly ",
                               "less than ", "около ", "до ", "понад ", "щонайменше ",
                               "близько ", "свыше ", "почти "])
_NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10_000_000).map(str),
    st.integers(min_value=1, max_value=999).map(lambda n: f"{n:,}"),
    st.sampled_from(["three", "twenty five", "a hundred", "три", "двадцать пять", "сто сорок",
                     "двісті", "п'ятдесят", "dozens", "сотни", "тисячі", "кілька",
                     "десятки тысяч", "several hundred", "a few"]),
    st.tuples(st.integers(0, 5000), st.integers(0, 5000)).map(lambda t: f"{t[0]}-{t[1]}"),
    st.tuples(st.integers(1, 99), st.sampled_from(["тыс.", "тисяч", "thousand", "млн"]))
    .map(lambda t: f"{t[0]} {t[1]}"),
)


@given(qualifier=_QUALIFIERS, number=_NUMBERS)
@settings(max_examples=300, deadline=None)
def test_number_phrases_give_low_le_best_le_high(qualifier: str, number: str) -> None:
    count = parse_count(qualifier + number)
    assert count is not None
    assert 0 <= count.low <= count.best <= count.high


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_ordered_counts_inside_it(text: str) -> None:
    for mention in find_counts(text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.count.low <= mention.count.best <= mention.count.high
