"""The Admiralty (NATO) grading of sources: reliability of the source A–F, credibility of the
information 1–6. "F" and "6" mean "cannot be judged" and are the defaults.

Examples
--------
>>> parse_grade("b2")
('B', '2')
>>> describe_grade("F6")
'reliability cannot be judged; truth cannot be judged'
"""

from __future__ import annotations

from frontcheck.errors import InputError

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}

CREDIBILITY = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}

DEFAULT_RELIABILITY = "F"
DEFAULT_CREDIBILITY = "6"


def parse_reliability(value: object, name: str | None = None, *, field: str = "reliability",
                      line: int | None = None) -> str:
    """A reliability letter A–F (any case, surrounding space ignored); ``InputError`` otherwise."""
    text = str(value).strip().upper() if value is not None else ""
    if text not in RELIABILITY:
        raise InputError(name, f"{value!r} is not an Admiralty reliability grade "
                               "(A completely reliable … F cannot be judged)", field=field, line=line)
    return text


def parse_credibility(value: object, name: str | None = None, *, field: str = "credibility",
                      line: int | None = None) -> str:
    """A credibility digit 1–6 (int or text); ``InputError`` otherwise."""
    text = str(value).strip() if value is not None and not isinstance(value, bool) else ""
    if text not in CREDIBILITY:
        raise InputError(name, f"{value!r} is not an Admiralty credibility grade "
                               "(1 confirmed … 6 cannot be judged)", field=field, line=line)
    return text


def parse_grade(value: str, name: str | None = None, *, field: str = "grade") -> tuple[str, str]:
    """A two-part grade such as ``B2`` → (reliability, credibility)."""
    text = value.strip()
    if len(text) != 2:
        raise InputError(name, f"{value!r} is not an Admiralty grade such as B2 "
                               "(reliability A–F, then credibility 1–6)", field=field)
    return parse_reliability(text[0], name, field=field), parse_credibility(text[1], name, field=field)


def describe_grade(grade: str) -> str:
    """Words for a two-part grade (``B2`` → "usually reliable; probably true")."""
    reliability, credibility = parse_grade(grade)
    return f"{RELIABILITY[reliability]}; {CREDIBILITY[credibility]}"
