"""Romanisations the gazetteer writes: Ukrainian by the national system (KMU 2010, resolution
55 of 27 January 2010), Russian by BGN/PCGN without apostrophes, and the "simple" press style.

Hand-written tables: the PyPI transliterators either follow other systems (ISO 9, GOST,
scholarly) or keep BGN's apostrophes, and each system is a one-page table.

>>> kmu("Костянтинівка"), kmu("Гуляйполе"), kmu("Куп’янськ"), kmu("Згурівка"), kmu("Юрївка")
('Kostiantynivka', 'Huliaipole', 'Kupiansk', 'Zghurivka', 'Yurivka')
>>> bgn("Кремяное"), bgn("Малая Локня"), bgn("Льгов"), bgn("Афанасьевка"), bgn("Суджанский район")
('Kremyanoye', 'Malaya Loknya', 'Lgov', 'Afanasyevka', 'Sudzhanskiy rayon')
>>> simple("Кремяное"), simple("Большое Солдатское")
('Kremyanoe', 'Bolshoe Soldatskoe')
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["bgn", "kmu", "simple"]

_APOSTROPHES = "'’ʼ`\u02bc"
_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
    # Russian letters that occur in old names: written as their nearest Ukrainian reading.
    "ы": "y", "э": "e", "ё": "io", "ъ": "",
}
#: At the start of a word є, ї, й, ю, я are written with Y.
_KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_BGN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian letters in Russian-side names (rare): their Russian reading.
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
_VOWELS = set("аеёиоуыэюяіїє")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _case(latin: str, original: str) -> str:
    if not latin or not original[:1].isupper():
        return latin
    if original.isupper() and len(original) > 1:
        return latin.upper()
    return latin[0].upper() + latin[1:]


def _kmu_word(word: str) -> str:
    out = []
    lower = word.lower()
    for i, (ch, low) in enumerate(zip(word, lower)):
        if low == "г" and i > 0 and lower[i - 1] == "з":
            latin = "gh"                                   # зг → zgh (Zghurivka)
        elif i == 0 and low in _KMU_INITIAL:
            latin = _KMU_INITIAL[low]
        else:
            latin = _KMU.get(low, low)
        out.append(_case(latin, ch) if i == 0 or ch.isupper() else latin)
    return "".join(out)


@lru_cache(maxsize=1 << 17)
def kmu(text: str) -> str:
    """Ukrainian → Latin by KMU 2010; apostrophes are dropped."""
    clean = "".join(c for c in text.strip() if c not in _APOSTROPHES)
    return _WORD.sub(lambda m: _kmu_word(m.group(0)), clean)


def _russian(text: str, ye: bool) -> str:
    out = []
    previous = ""
    for ch in text.strip():
        low = ch.lower()
        if ch in _APOSTROPHES:
            continue
        if low == "е" and ye and (not previous.isalpha() or previous in _VOWELS
                                  or previous in "ъь"):
            latin = "ye"
        elif low == "ё":
            latin = "yo" if ye else "e"                    # BGN's ë without the diaeresis
        else:
            latin = _BGN.get(low, ch)
        out.append(_case(latin, ch) if ch.isupper() else latin)
        previous = low
    return "".join(out)


def bgn(text: str) -> str:
    """Russian → Latin, BGN/PCGN style without apostrophes (е → ye after a vowel, ь or ъ and
    at the start of a word)."""
    return _russian(text, ye=True)


def simple(text: str) -> str:
    """Russian → Latin as the press often writes it: е is always e."""
    return _russian(text, ye=False)
