"""Casualties in a testimony statement (``claims.testimony``): the counts a sentence gives,
each with its category (killed, wounded, "killed and wounded", captured), its scope (the
speaker's group … the whole contingent, or a window of time), whether it is cumulative and
the date it is given for; a casualty spoken of without a count; and who killed them.
"""

from __future__ import annotations

import re

from frontcheck.claims.numbers import find_counts
from frontcheck.claims.testimony_cues import (
    _ATTRIBUTED,
    _CAPTURE,
    _CASUALTY_WORDS,
    _CUMULATIVE,
    _DURATION,
    _F,
    _KILLED_BY,
    _SCOPES,
    _rx,
)
from frontcheck.claims.testimony_positions import holder_in
from frontcheck.claims.testimony_reading import StatementReader, negated_near

__all__ = ["read_casualties", "read_killed_by", "estimator"]


def _category(text: str, start: int, end: int) -> str:
    """The casualty category of a count: the category words right after it, up to the next
    figure or clause (or else the nearest before it: of "killed and wounded" and its
    "wounded", which end together, the longer)."""
    after = re.split(r"[,;:(]|\d", text[end:end + 80])[0]
    before = re.split(r"[,;:)]|\d", text[max(0, start - 120):start])[-1]
    hits = [(m.start(), -m.end(), category) for category, pattern in _CASUALTY_WORDS
            for m in pattern.finditer(after)]
    if hits:
        return min(hits)[2]
    hits = [(m.end(), -m.start(), category) for category, pattern in _CASUALTY_WORDS
            for m in pattern.finditer(before)]
    return max(hits)[2] if hits else ""


#: A count over a window of time ("in the past week alone", "за сутки"): a period's figure,
#: not comparable with a total.
_PERIOD = _rx(r"(?:in|over|during)\s+(?:the\s+)?(?:past|last|previous)\s+(?:\w+\s+)?"
              r"(?:hours?|days?|weeks?|months?)", r"this\s+week", r"per\s+day", r"a\s+day",
              r"daily", r"за\s+(?:последн\w+\s+|минувш\w+\s+|прошл\w+\s+)?(?:\w+\s+)?"
              r"(?:сутки|суток|день|дня|дней|недел\w+|месяц\w*)",
              r"за\s+(?:останн\w+\s+|минул\w+\s+)?(?:\w+\s+)?(?:добу|доби|день|дні|днів|"
              r"тиждень|тижні|місяць|місяці)", r"в\s+день", r"на\s+день")


def _scope(text: str, voice: str) -> str:
    if _PERIOD.search(text):
        return "period"
    for scope, pattern in _SCOPES:
        if pattern.search(text):
            return scope
    if _FORCE_NATIONALITY.search(text):
        return "contingent"       # "North Korean casualties": the whole force's
    return "group" if voice == "witness" else ""


#: A force named by its nationality alone ("North Korean casualties", "втрати КНДР").
_FORCE_NATIONALITY = _rx(r"north\s+korean", r"dprk", r"kpa", r"северокорейск\w*", r"кндр",
                         r"північнокорейськ\w*", r"russian", r"российск\w*", r"російськ\w*",
                         r"ukrainian", r"украинск\w*", r"українськ\w*")


#: The words that give a figure as someone's ("the NIS said", "according to Kyiv", "за
#: даними ГУР"): the side named before them (or after "according to") made the estimate.
_ESTIMATE_VERB = _rx(r"said", r"says", r"estimated?", r"estimates", r"told", r"reported",
                     r"believes?", r"assessed", r"claimed", r"заяви\w*", r"сообщи\w*",
                     r"оцени\w*", r"оцінює", r"оцінили", r"повідоми\w*", r"сказа\w*")
_ACCORDING = _rx(r"according\s+to", r"по\s+данным", r"по\s+словам", r"по\s+оценк\w+",
                 r"за\s+даними", r"за\s+словами", r"за\s+оцінк\w+")


#: After "one": a man picked out of a group ("one of them", "один из них"), not a toll.
_PARTITIVE = re.compile(r"\s+(?:of\s+(?:them|the|us|those|these|his|our|their)|(?:из|з|із)\s+"
                        r"(?:них|нас|тех|тих))(?![\w])", _F)


def estimator(text: str) -> str:
    """The side that gives a sentence's figure ("" when none is named): "South Korea's spy
    agency said about 300 …" → south_korea; "according to Kyiv, …" → ukraine.

    >>> estimator("South Korea's NIS said about 300 North Korean soldiers were killed.")
    'south_korea'
    """
    according = _ACCORDING.search(text)
    if according:
        return holder_in(text[according.end():according.end() + 60].split(",")[0])
    verb = _ESTIMATE_VERB.search(text)
    return holder_in(text[:verb.start()]) if verb else ""


def read_killed_by(r: StatementReader) -> None:
    """Who killed them (the Ukrainians, the Russians, the man himself), when a sentence about
    the dead says so in its own name ("media accused him of …" is someone else's word)."""
    if not _CASUALTY_WORDS[1][1].search(r.text) or _ATTRIBUTED.search(r.text):
        return
    for actor, pattern in _KILLED_BY:
        if pattern.search(r.text):
            r.add("casualties", "by", actor, False)
            return


def read_casualties(r: StatementReader) -> None:
    if re.search(r"fate\s+(?:is\s+|was\s+|remains\s+)?unknown|судьб\w*\s+(?:\w+\s+){0,2}неизвестн\w*|"
                 r"дол[яі]\s+(?:\w+\s+){0,2}невідом\w*", r.text, _F):
        r.add("casualties", "mentioned", "unknown", False)
    if not any(p.search(r.text) for _, p in _CASUALTY_WORDS[:3]):
        return
    read_killed_by(r)
    scope = _scope(r.text, r.voice)
    cumulative = bool(_CUMULATIVE.search(r.text))
    counted = False
    dates = [(d.start, d.end) for d in r.dates()]
    for mention in find_counts(r.text):
        if any(a < mention.end and mention.start < b for a, b in dates):
            continue
        if _DURATION.match(r.text, mention.start) or re.match(
                r"\s*(?:days?|weeks?|months?|years?|дн|недел|месяц|лет|год|тиж|місяц|рок|"
                r"января|січня|january|december|декабря|грудня|%|percent)",
                r.text[mention.end:], _F):
            continue
        if mention.count.best == 1 and _PARTITIVE.match(r.text, mention.end):
            continue      # "one of them was wounded": a man among several, no toll
        category = _category(r.text, mention.start, mention.end)
        if not category:
            continue
        count = mention.count
        as_of = max((d.on for d in r.dates()), default=None)   # "100 killed in December"
        r.add("casualties", "count", count.best, False, low=count.low, best=count.best,
              high=count.high, unit="people", category=category, scope=scope,
              cumulative=cumulative, as_of=as_of.isoformat() if as_of else "",
              estimator=estimator(r.text))
        counted = True
    if not counted and not _CAPTURE.search(r.text):
        for category, pattern in _CASUALTY_WORDS[:3]:
            cue = pattern.search(r.text)
            if cue:
                r.add("casualties", "mentioned", category,
                      negated_near(r.text, cue.start(), cue.end(), 20), scope=scope)
                break
