"""Dates in claims: explicit and relative, anchored to the publication time."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontcheck.claims.dates import find_dates

MORNING = datetime(2024, 10, 13, 8, 0)     # a Sunday, 08:00 (the General Staff's hour)
AFTERNOON = datetime(2024, 10, 13, 15, 0)


@pytest.mark.parametrize("text, at, expected", [
    ("yesterday", MORNING, (date(2024, 10, 12), "day")),
    ("вчера", MORNING, (date(2024, 10, 12), "day")),
    ("учора", MORNING, (date(2024, 10, 12), "day")),
    ("позавчора", MORNING, (date(2024, 10, 11), "day")),
    ("за минулу добу", MORNING, (date(2024, 10, 12), "day")),
    ("за прошедшие сутки", AFTERNOON, (date(2024, 10, 13), "day")),
    ("over the past day", date(2024, 10, 13), (date(2024, 10, 12), "day")),
    ("this week", MORNING, (date(2024, 10, 7), "week")),
    ("минулого тижня", MORNING, (date(2024, 9, 30), "week")),
    ("за неделю", MORNING, (date(2024, 10, 6), "week")),
    ("on Thursday", MORNING, (date(2024, 10, 10), "day")),
    ("в воскресенье", MORNING, (date(2024, 10, 13), "day")),
    ("у п'ятницю", MORNING, (date(2024, 10, 11), "day")),
    ("12 октября", MORNING, (date(2024, 10, 12), "day")),
    ("12 жовтня 2023 року", MORNING, (date(2023, 10, 12), "day")),
    ("October 12, 2024", MORNING, (date(2024, 10, 12), "day")),
    ("12.10.2024", MORNING, (date(2024, 10, 12), "day")),
    ("2024-10-12", MORNING, (date(2024, 10, 12), "day")),
    ("20 декабря", MORNING, (date(2023, 12, 20), "day")),       # not in the future
    ("в ноябре", MORNING, (date(2023, 11, 1), "month")),
    ("this month", MORNING, (date(2024, 10, 1), "month")),
    ("два дня назад", MORNING, (date(2024, 10, 11), "day")),
])
def test_dates_are_anchored_to_publication(text: str, at, expected) -> None:
    found = find_dates(text, at)
    assert [(d.on, d.precision) for d in found] == [expected]


def test_decimals_and_counts_are_not_dates() -> None:
    assert find_dates("1.5 million roubles, 93 brigades", MORNING) == []


@given(st.text(max_size=200), st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)))
@settings(max_examples=200, deadline=None)
def test_any_text_gives_dates_inside_it(text: str, on: date) -> None:
    for mention in find_dates(text, on):
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.precision in ("day", "week", "month")
