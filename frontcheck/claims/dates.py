"""Dates in claims: explicit ("12 октября", "October 12, 2024", "12.10.2024") and relative
("yesterday", "вчера", "за минулу добу", "this week", "on Thursday"), anchored to the date the
text was published, each with its precision.

Precision says how much of the calendar the date stands for: ``day``; ``week`` (the seven
days from ``on``; "this week" starts on its Monday); ``month`` (``on`` is the 1st). The
rules, all relative to the publication date P (a ``datetime`` keeps its hour for the
"past day" rule):

- "today", "this morning", "tonight", "last night", "overnight", "в ночь на", "этой ночью",
  "вночі": P (a night report names the night that ends on the day it is published);
- "yesterday", "вчера", "вчора": P - 1; "the day before yesterday", "позавчера": P - 2;
  "N days ago", "N дня назад", "N днів тому": P - N;
- "over the past day", "за прошедшие сутки", "в течение суток", "за минулу добу": the
  calendar day holding most of the 24 hours before publication: P - 1 when published
  before noon (Ukraine's General Staff reports at 08:00), else P; P - 1 for a bare date;
- a weekday ("on Thursday", "в четверг", "у четвер"): the latest such day on or before P;
- "this week" / "на этой неделе" / "цього тижня": Monday of P's week, ``week``;
  "last week" / "на прошлой неделе" / "минулого тижня": the Monday before that;
  "over the past week" / "за неделю" / "за тиждень": P - 7, ``week``;
- "this month" / "в этом месяце" / "цього місяця": the 1st of P's month, ``month``;
  "last month": the 1st of the month before; "in October" / "в октябре" / "у жовтні":
  the 1st of the latest October not after P's month, ``month``;
- a day and month without a year: the latest such date not more than a day after P.

Hand-written rather than dateparser: it knows the phrases bulletins use ("за минулу
добу", "в ночь на"), it is a few regular expressions per sentence instead of tens of
milliseconds, and it needs no locale data at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

__all__ = ["DateMention", "find_dates", "anchor_date", "PRECISIONS"]

PRECISIONS = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date named in a text: ``text[start:end]``, the date it means and its precision."""

    start: int
    end: int
    on: date
    precision: str


_MONTHS = {}
for _number, _forms in enumerate((
        "january jan январь января январе январем січень січня січні",
        "february feb февраль февраля феврале лютий лютого лютому",
        "march mar март марта марте березень березня березні",
        "april apr апрель апреля апреле квітень квітня квітні",
        "may май мая мае травень травня травні",
        "june jun июнь июня июне червень червня червні",
        "july jul июль июля июле липень липня липні",
        "august aug август августа августе серпень серпня серпні",
        "september sep sept сентябрь сентября сентябре вересень вересня вересні",
        "october oct октябрь октября октябре жовтень жовтня жовтні",
        "november nov ноябрь ноября ноябре листопад листопада листопаді",
        "december dec декабрь декабря декабре грудень грудня грудні"), start=1):
    for _form in _forms.split():
        _MONTHS[_form] = _number
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAYS = {}
for _number, _forms in enumerate((
        "monday понедельник понедельника понеділок понеділка",
        "tuesday вторник вторника вівторок вівторка",
        "wednesday среда среду середа середу",
        "thursday четверг четверга четвер четверга",
        "friday пятница пятницу пятниці пʼятниця пятниця п'ятниця п'ятницю п’ятницю п’ятниця",
        "saturday суббота субботу субота суботу",
        "sunday воскресенье воскресенья неділя неділю")):
    for _form in _forms.split():
        _WEEKDAYS[_form] = _number
_WEEKDAY_ALT = "|".join(sorted((re.escape(w) for w in _WEEKDAYS), key=len, reverse=True))

_B = r"(?<![\w])"
_E = r"(?![\w])"
_YEAR = r"(?:\s*,?\s*(?P<year>(?:19|20)\d\d)(?:\s*(?:года|году|року|г\.|р\.|р|г))?)?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
        ("iso", rf"{_B}(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d){_E}"),
        ("dotted", rf"{_B}(?P<day>\d{{1,2}})\.(?P<month>\d{{2}})(?:\.(?P<year>(?:19|20)?\d\d))?"
                   rf"(?![\d.]\d)"),
        ("day_month", rf"{_B}(?P<day>\d{{1,2}})(?:-?(?:го|е|th|st|nd|rd))?\s+(?:of\s+)?"
                      rf"(?P<month_name>{_MONTH_ALT})\.?{_E}{_YEAR}"),
        ("month_day", rf"{_B}(?P<month_name>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})"
                      rf"(?:st|nd|rd|th)?{_E}{_YEAR}"),
        ("day_before", rf"{_B}(?:the\s+day\s+before\s+yesterday|позавчера|позавчора){_E}"),
        ("yesterday", rf"{_B}(?:yesterday|вчера|вчора|учора|вчерашн\w*|вчорашн\w*){_E}"),
        ("past_day", rf"{_B}(?:(?:over|in|during)\s+the\s+(?:past|last)\s+(?:day|24\s+hours)"
                     rf"|за\s+(?:прошедшие|минувшие|последние|истекшие)\s+сутки"
                     rf"|в\s+течение\s+(?:прошедших\s+)?суток"
                     rf"|за\s+(?:минулу|минулі|останню|попередню)\s+(?:добу|24\s+години)"
                     rf"|протягом\s+(?:минулої\s+)?доби|за\s+сутки|за\s+добу|минулої\s+доби"
                     rf"|(?:за\s+)?минувш\w+\s+сутки){_E}"),
        ("today", rf"{_B}(?:today|this\s+morning|this\s+evening|tonight|last\s+night|"
                  rf"overnight|earlier\s+today|сегодня|сьогодні|этой\s+ночью|минулої\s+ночі|"
                  rf"вночі|ночью|уночі|с\s+начала\s+(?:суток|дня)|(?:з|із|від)\s+початку\s+(?:цієї\s+)?доби|"
                  rf"сегодняшн\w*|сьогоднішн\w*|утром|вранці|зранку){_E}"),
        ("days_ago", rf"{_B}(?P<n>\d+|two|three|four|five|два|две|три|четыре|пять|два|дві|"
                     rf"три|чотири|п'ять)\s+(?:days?\s+ago|дн(?:я|ей)\s+назад|дн(?:і|ів)\s+тому){_E}"),
        ("this_week", rf"{_B}(?:this\s+week|earlier\s+this\s+week|на\s+этой\s+неделе|"
                      rf"на\s+цьому\s+тижні|цього\s+тижня|этой\s+недели){_E}"),
        ("last_week", rf"{_B}(?:last\s+week|на\s+прошлой\s+неделе|минулого\s+тижня|"
                      rf"на\s+минулому\s+тижні|прошлой\s+недели){_E}"),
        ("past_week", rf"{_B}(?:(?:over|in|during)\s+the\s+(?:past|last)\s+(?:week|seven\s+days|7\s+days)"
                      rf"|за\s+(?:прошедшую\s+|минувшую\s+|последнюю\s+)?неделю"
                      rf"|за\s+(?:минулий\s+|останній\s+)?тиждень"
                      rf"|в\s+течение\s+(?:прошедшей\s+)?недели"
                      rf"|протягом\s+(?:минулого\s+)?тижня){_E}"),
        ("this_month", rf"{_B}(?:this\s+month|earlier\s+this\s+month|в\s+этом\s+месяце|"
                       rf"цього\s+місяця|у\s+цьому\s+місяці|в\s+цьому\s+місяці){_E}"),
        ("last_month", rf"{_B}(?:last\s+month|в\s+прошлом\s+месяце|минулого\s+місяця|"
                       rf"у\s+минулому\s+місяці){_E}"),
        ("weekday", rf"{_B}(?:on\s+|last\s+|в\s+|во\s+|у\s+|в\s+минувш\w+\s+|у\s+минул\w+\s+)?"
                    rf"(?P<weekday>{_WEEKDAY_ALT}){_E}"),
        ("in_month", rf"{_B}(?:in|since|from|early|mid|late|в|у|с|з|начале|середине|конце|"
                     rf"початку|середині|кінці|наприкінці|напочатку|(?:the\s+)?(?:end|"
                     rf"beginning|middle)\s+of)(?:\s+|\s*-\s*)(?P<month_name>{_MONTH_ALT}){_E}"
                     rf"{_YEAR}"),
    ))
# one scan per text: group ``k<i>`` is pattern ``i`` (named groups inside are renamed apart)
_ALL = re.compile("|".join(
    f"(?P<k{i}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{i}>", pattern.pattern) + ")"
    for i, (_, pattern) in enumerate(_PATTERNS)), re.IGNORECASE)
_KIND_OF_GROUP = {f"k{i}": kind for i, (kind, _) in enumerate(_PATTERNS)}
#: Every date pattern needs one of these (lower case) or a digit next to "." or "-";
#: a sentence with none is not scanned.
_DATE_KEYS = tuple(sorted({form[:4] for form in (*_MONTHS, *_WEEKDAYS)} | {
    "yesterday", "today", "tonight", "night", "morning", "evening", "week", "month", "ago",
    "past day", "hours", "вчер", "вчор", "учор", "позавч", "сегодн", "сьогодн", "ноч", "ніч",
    "утром", "вранці", "зранку", "сут", "доб", "недел", "тижн", "тижд", "месяц", "місяц",
    "назад", "тому", "начал", "почат"}))
_DIGIT_DATE = re.compile(r"\d[.-]\d")
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "два": 2, "две": 2, "дві": 2,
          "три": 3, "четыре": 4, "чотири": 4, "пять": 5, "п'ять": 5}


def anchor_date(published_at: date | datetime) -> date:
    """The calendar date of a publication time (its own time zone's date)."""
    return published_at.date() if isinstance(published_at, datetime) else published_at


def _day_month(day: int, month: int, year: str | None, anchor: date) -> date | None:
    try:
        if year:
            full = int(year) + (2000 if len(year) == 2 else 0)
            return date(full, month, day)
        guess = date(anchor.year, month, day)
    except ValueError:
        return None
    if guess > anchor + timedelta(days=1):
        try:
            guess = date(anchor.year - 1, month, day)
        except ValueError:
            return None
    return guess


def _month_start(month: int, year: str | None, anchor: date) -> date:
    if year:
        return date(int(year), month, 1)
    return date(anchor.year if month <= anchor.month else anchor.year - 1, month, 1)


def _resolve(kind: str, groups: dict[str, Any], published_at: date | datetime
             ) -> tuple[date, str] | None:
    anchor = anchor_date(published_at)
    if kind in ("iso", "dotted"):
        year = groups.get("year")
        on = _day_month(int(groups["day"]), int(groups["month"]), year, anchor) \
            if 1 <= int(groups["month"]) <= 12 else None
        return (on, "day") if on else None
    if kind in ("day_month", "month_day"):
        on = _day_month(int(groups["day"]), _MONTHS[groups["month_name"].lower()],
                        groups.get("year"), anchor)
        return (on, "day") if on else None
    if kind == "today":
        return anchor, "day"
    if kind == "yesterday":
        return anchor - timedelta(days=1), "day"
    if kind == "day_before":
        return anchor - timedelta(days=2), "day"
    if kind == "days_ago":
        n = groups["n"].lower()
        days = int(n) if n.isdigit() else _SMALL.get(n, 0)
        return anchor - timedelta(days=days), "day"
    if kind == "past_day":
        afternoon = isinstance(published_at, datetime) and published_at.hour >= 12
        return (anchor if afternoon else anchor - timedelta(days=1)), "day"
    if kind == "weekday":
        weekday = _WEEKDAYS[groups["weekday"].lower()]
        return anchor - timedelta(days=(anchor.weekday() - weekday) % 7), "day"
    if kind == "this_week":
        return anchor - timedelta(days=anchor.weekday()), "week"
    if kind == "last_week":
        return anchor - timedelta(days=anchor.weekday() + 7), "week"
    if kind == "past_week":
        return anchor - timedelta(days=7), "week"
    if kind == "this_month":
        return anchor.replace(day=1), "month"
    if kind == "last_month":
        first = anchor.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    if kind == "in_month":
        return _month_start(_MONTHS[groups["month_name"].lower()], groups.get("year"),
                            anchor), "month"
    return None


def find_dates(text: str, published_at: date | datetime) -> list[DateMention]:
    """Every date named in ``text``, in order, none overlapping; never raises.

    Examples
    --------
    >>> from datetime import datetime
    >>> at = datetime(2024, 10, 13, 8, 0)
    >>> [(d.on.isoformat(), d.precision) for d in find_dates("За минулу добу ворог атакував", at)]
    [('2024-10-12', 'day')]
    >>> [(d.on.isoformat(), d.precision) for d in find_dates("освобождён 12 октября", at)]
    [('2024-10-12', 'day')]
    >>> [(d.on.isoformat(), d.precision) for d in find_dates("on Thursday and this week", at)]
    [('2024-10-10', 'day'), ('2024-10-07', 'week')]
    """
    if not isinstance(text, str) or not text:
        return []
    low = text.lower()
    if not any(key in low for key in _DATE_KEYS) and not _DIGIT_DATE.search(text):
        return []
    found: list[DateMention] = []
    for match in _ALL.finditer(text):
        group = match.lastgroup or ""     # the outer group closes after those inside it
        kind = _KIND_OF_GROUP[group]
        suffix = "_" + group[1:]
        fields = {k.removesuffix(suffix): v for k, v in match.groupdict().items()
                  if k.endswith(suffix)}
        resolved = _resolve(kind, fields, published_at)
        if resolved is not None:
            found.append(DateMention(match.start(), match.end(), *resolved))
    return found
