"""Regex building blocks for redaction: letters that look alike, separators, word edges.

A name is matched as a whole word (or words), never inside a longer word: the edges are "not
preceded/followed by a letter or digit", so an underscore or a hyphen is an edge too
(``interview_ri_jin_hyok.md`` is matched). Letters are matched with their look-alikes in the
other script (a Latin ``o`` typed inside a Cyrillic word), е with ё, and every apostrophe
with every other, because a name typed either way is the same name to a reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["LEFT_EDGE", "RIGHT_EDGE", "WORD_GAP", "SYLLABLE_GAP", "letters", "alternation",
           "literal_phrase"]

#: Not preceded / followed by a letter or a digit (``\w`` less the underscore).
LEFT_EDGE = r"(?<![^\W_])"
RIGHT_EDGE = r"(?![^\W_])"
#: Between the words of a name: spaces (any), underscores, a comma ("Ri, Jin-hyok"), and the
#: two-character escapes a JSON body holds for a line break or a tab.
WORD_GAP = r"(?:[\s_,]|\\[nrt])+"
#: Between the syllables of a Korean given name: nothing, a hyphen of any kind, or a gap.
SYLLABLE_GAP = r"(?:[\s_\-\u2010\u2011\u2012\u2013]|\\[nrt])*"

_APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4"
# Look-alike letters of Latin and Cyrillic, both ways (lower case; the regexes ignore case).
_LOOKALIKES = {"a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "x": "х",
               "y": "у", "k": "к", "m": "м", "t": "т", "b": "в"}
_CLASSES: dict[str, str] = {}
for _latin, _cyrillic in _LOOKALIKES.items():
    _CLASSES[_latin] = _CLASSES[_cyrillic] = f"[{_latin}{_cyrillic}]"
_CLASSES["е"] = "[еёe]"
_CLASSES["ё"] = "[ёеe]"
for _apostrophe in _APOSTROPHES:
    _CLASSES[_apostrophe] = "[" + re.escape(_APOSTROPHES) + "]"
_CLASSES["-"] = r"[\-\u2010\u2011\u2012\u2013]"
_CLASSES[" "] = WORD_GAP


def letters(text: str) -> str:
    """A regex matching ``text`` letter by letter, each letter with its look-alikes.

    Examples
    --------
    >>> bool(re.fullmatch(letters("ри"), "pи", re.IGNORECASE))   # Latin p typed for р
    True
    >>> bool(re.fullmatch(letters("хёк"), "хек"))
    True
    """
    return "".join(_CLASSES.get(char, re.escape(char)) for char in text.casefold())


def alternation(patterns: Iterable[str]) -> str:
    """One non-capturing group of the patterns, duplicates dropped, longest first.

    >>> alternation(["a", "ab", "a"])
    '(?:ab|a)'
    """
    unique = sorted(set(patterns), key=lambda p: (-len(p), p))
    if not unique:
        return "(?!)"
    return unique[0] if len(unique) == 1 and unique[0].startswith("(?:") else \
        "(?:" + "|".join(unique) + ")"


def literal_phrase(text: str) -> str:
    """A regex for a phrase as written: any spacing between its words, any hyphen for a
    hyphen, look-alike letters (empty for an empty phrase).

    >>> bool(re.fullmatch(literal_phrase("Storm Corps"), "storm  corps", re.IGNORECASE))
    True
    """
    words = text.split()
    return WORD_GAP.join(letters(word) for word in words)
