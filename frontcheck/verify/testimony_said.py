"""Who said a testimony claim, where and when (``verify.testimony`` compares what): one
speaker or two (``same_voice``), one holder of a position, one interview reported by two
outlets, one side's estimate updated, the date a count is given for, and whether a later
date of an event is when it was published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from frontcheck.claims.model import Claim
from frontcheck.claims.testimony_positions import holder_of_speaker

__all__ = ["Said", "same_voice", "one_interview", "one_estimate", "as_of", "same_holder",
           "publication_hint"]


@dataclass(frozen=True, slots=True)
class Said:
    """A testimony claim with what the comparison needs of its source: who speaks (the
    statement's speaker), the outlet, and when it was said (interview date, else publication)."""

    claim: Claim
    speaker: str
    publisher: str
    said_on: date | None
    published_on: date | None
    interview_date: bool = False
    kind: str = ""                # the source's kind: interview, statement, article …


def _f(claim: Claim) -> dict[str, Any]:
    return claim.fields or {}


#: Days after an interview within which an outlet's report of the same speaker's words, not
#: dated by the outlet, is taken as a report of that interview (wires and papers print an
#: interview within a day or two; a later text may quote another one).
_REPORT_DAYS = 2


def one_interview(a: Said, b: Said) -> bool:
    """Whether two statements of one speaker are two outlets' reports of one interview: the
    same interview date, or — for a prisoner's interview that one outlet does not date — a
    publication within ``_REPORT_DAYS`` of the dated interview (or of each other)."""
    if a.publisher.casefold() == b.publisher.casefold():
        return False
    if a.interview_date and b.interview_date:
        return a.said_on == b.said_on
    if a.kind != "interview" or b.kind != "interview" or not a.said_on or not b.said_on:
        return False
    if not (a.interview_date or b.interview_date):     # neither dated: either may be first
        if a.published_on is None or b.published_on is None:
            return False
        return abs((a.published_on - b.published_on).days) <= _REPORT_DAYS
    dated, undated = (a, b) if a.interview_date else (b, a)
    interview = dated.said_on or dated.published_on
    if not undated.published_on or not interview:
        return False
    return 0 <= (undated.published_on - interview).days <= _REPORT_DAYS


#: Days over which another side's larger figure of losses may be an update (losses grow):
#: within them, two sides' figures are two estimates of one toll that disagree.
_UPDATE_DAYS = 30


def one_estimate(a: Said, b: Said) -> bool:
    """Whether two counts of losses may be one estimate updated: one side's (the side
    that gave each figure, else the side each speaker speaks for), or figures given more
    than ``_UPDATE_DAYS`` apart."""
    side_a = str(_f(a.claim).get("estimator") or "") or holder_of_speaker(a.speaker)
    side_b = str(_f(b.claim).get("estimator") or "") or holder_of_speaker(b.speaker)
    if not side_a or not side_b or side_a == side_b:
        return True
    when_a, when_b = as_of(a), as_of(b)
    return bool(when_a and when_b and abs((when_a - when_b).days) > _UPDATE_DAYS)


def as_of(said: Said) -> date | None:
    """The date a count is given for: the date its sentence names, else when it was said."""
    named = str(_f(said.claim).get("as_of") or "")
    try:
        return date.fromisoformat(named) if named else said.said_on
    except ValueError:
        return said.said_on


def _holder(said: Said) -> str:
    """Whose position a claim gives: the side its sentence names, else the side an
    official's statement speaks for ("" for an outlet's article or an unknown speaker)."""
    named = str(_f(said.claim).get("holder") or "")
    return named or (holder_of_speaker(said.speaker) if said.kind == "statement" else "")


def same_holder(a: Said, b: Said, same_speaker: bool) -> bool:
    """Whether two positions are one holder's (so that they differ as a changed stance, not
    as two sides that disagree): the same side named or spoken for, else the same speaker
    when a side is named on neither."""
    ha, hb = _holder(a), _holder(b)
    if ha and hb:
        return ha == hb
    if ha or hb:
        named = _f(a.claim).get("holder") or _f(b.claim).get("holder")
        return same_speaker and not named   # "Russia denied", quoted by Kyiv: not Kyiv's
    return same_speaker


def publication_hint(a: Said, b: Said) -> str:
    """Why two dates of one event may differ: the later one is when footage or the news was
    published (a date flagged so, or the publication date of either statement)."""
    later = max((a, b), key=lambda s: str(_f(s.claim).get("value")))
    value = str(_f(later.claim).get("value"))
    if _f(later.claim).get("publication"):
        return f"{value} is when the footage was published"
    published = {s.published_on.isoformat() for s in (a, b) if s.published_on}
    near = {(s.published_on - timedelta(days=1)).isoformat() for s in (a, b) if s.published_on}
    if value in published or value in near:
        return f"{value} is when the news was published, not the event"
    return ""


def same_voice(a: str, b: str) -> bool:
    """Whether two speaker labels are one speaker: the same name, or the same institution
    named in parentheses ("Kyrylo Budanov (HUR)", "Main Intelligence Directorate (HUR)").

    >>> same_voice("Kyrylo Budanov (HUR)", "Main Intelligence Directorate of Ukraine (HUR)")
    True
    >>> same_voice("Liz Truss (UK Foreign Secretary)", "Boris Johnson (UK Prime Minister)")
    False
    >>> same_voice("KPA soldier (26, rifleman)", "KPA soldier (20, sniper)")
    False
    """
    if not a or not b:
        return False
    if a.casefold() == b.casefold():
        return True
    base_a, base_b = a.split("(")[0].strip(), b.split("(")[0].strip()
    if base_a.casefold() == base_b.casefold():
        # "Liz Truss (UK Foreign Secretary)" and "Liz Truss (UK Prime Minister)" are one
        # person; "KPA soldier (26, rifleman)" and "KPA soldier (20, sniper)" are two men
        # whom a description with other particulars tells apart.
        return not (_described(base_a) and "(" in a and "(" in b)
    org_a, org_b = _institution(a), _institution(b)
    return bool(org_a) and org_a == org_b


#: Small words a proper name may hold in lower case ("Ursula von der Leyen").
_NAME_PARTICLES = frozenset(("of", "the", "de", "da", "del", "der", "den", "van", "von", "al",
                             "bin", "ibn", "la", "le", "du", "di", "и", "і", "та"))


def _described(base: str) -> bool:
    """Whether a speaker label is a description ("KPA soldier", "captured pilot") rather than
    a name: it holds a word in lower case that is no particle of a name."""
    return any(w.islower() and w.casefold() not in _NAME_PARTICLES
               for w in re.findall(r"[^\W\d_]+", base))


def _institution(label: str) -> str:
    """The institution a speaker label names in parentheses, casefolded ("" for a title:
    "(UK Prime Minister)" names an office, not who speaks for it)."""
    if "(" not in label or ")" not in label:
        return ""
    inside = label[label.find("(") + 1:label.rfind(")")].strip().casefold()
    if re.search(r"minister|secretary|spokes|president|office|via|reuters|afp|tass", inside):
        return ""
    return inside
