"""Name keys: one normalised spelling per name, and script-independent keys for matching.

Reports spell one settlement many ways: Куп'янськ / Купянск / Kupiansk / Kupyansk / Kup'iansk,
with typographic apostrophes, hyphens, diacritics and Latin letters typed inside Cyrillic
words. Three keys, from strict to loose, let the resolver say how a mention matched:

- ``normalise_name``: case, apostrophes, punctuation, diacritics and look-alike letters folded;
  the script and the spelling are kept (the ``place_name.key`` column).
- ``skeleton``: the key written in a coarse Latin that merges what transliteration systems
  disagree on (kh/h/g, y/i/j, ts/c, doubled letters), so Курахове and Kurakhove meet.
- ``word_stem``: the skeleton of a word without its nominative ending, so that case forms of
  one name (Курахово, в Курахове; Покровськ, у Покровську) meet at one stem.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import groupby

__all__ = ["normalise_name", "skeleton", "word_stem", "name_stem", "is_cyrillic",
           "script_of"]

_APOSTROPHES = dict.fromkeys(map(ord, "'’ʼ`´‘′ʹʻ\u02bc\u0301"), None)
_NON_WORD = re.compile(r"[\W_]+")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[a-z]")

# Look-alike letters (after lower-casing): a word mixing scripts is folded to its majority
# script, since "Пokровськ" typed with a Latin o and k is a typo, not a new name.
_LATIN_TO_CYRILLIC = str.maketrans("aceiopxykmtb", "асеіорхукмтв")
_CYRILLIC_TO_LATIN = str.maketrans("асеіорхукмтвї", "aceiopxykmtbi")
_LATIN_LOOKALIKES = frozenset("aceiopxykmtb")
_CYRILLIC_LOOKALIKES = frozenset("асеіорхукмтвї")

# Latin letters that Unicode does not decompose into a base letter and a mark.
_LATIN_SPECIAL = {"ı": "i", "ł": "l", "ø": "o", "ß": "ss", "đ": "d", "ð": "d", "þ": "th",
                  "æ": "ae", "œ": "oe", "ŀ": "l", "ħ": "h"}


def _fold_latin_char(char: str) -> str:
    if char in _LATIN_SPECIAL:
        return _LATIN_SPECIAL[char]
    base = "".join(_LATIN_SPECIAL.get(c, c) for c in unicodedata.normalize("NFKD", char)
                   if not unicodedata.combining(c))   # ǣ → æ + mark → ae
    return base or char


# Only Latin letters lose their marks: й and ї are letters of their own in Cyrillic.
_FOLD_LATIN = str.maketrans({chr(code): _fold_latin_char(chr(code))
                             for block in ((0x00C0, 0x0250), (0x1E00, 0x1F00))
                             for code in range(*block)})


def _fold_mixed_word(word: str) -> str:
    if not (_LATIN_LETTER.search(word) and _CYRILLIC_LETTER.search(word)):
        return word
    cyrillic = len(_CYRILLIC_LETTER.findall(word))
    latin = len(_LATIN_LETTER.findall(word))
    if not cyrillic or not latin:
        return word
    if cyrillic >= latin:
        return word.translate(_LATIN_TO_CYRILLIC)
    return word.translate(_CYRILLIC_TO_LATIN)


@lru_cache(maxsize=262144)
def normalise_name(text: str) -> str:
    """The lookup key of a name: lower case, single spaces, no apostrophes or punctuation.

    Keeps the script and the spelling; folds ё→е and ґ→г (used inconsistently), Latin
    diacritics, and Latin/Cyrillic look-alike letters inside one word. Idempotent.

    Examples
    --------
    >>> normalise_name("Куп’янськ")
    'купянськ'
    >>> normalise_name("  Kup'iansk ")
    'kupiansk'
    >>> normalise_name("Новосёловка")
    'новоселовка'
    >>> normalise_name("Gora-Podol")
    'gora podol'
    >>> normalise_name("Пokровськ")  # Latin o and k typed in a Cyrillic word
    'покровськ'
    """
    if text.isascii():  # most Latin names: no Unicode folding to do
        return " ".join(_NON_WORD.sub(" ", text.lower().replace("'", "").replace("`", ""))
                        .split())
    text = unicodedata.normalize("NFKC", text).lower()
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    text = text.translate(_FOLD_LATIN).replace("ё", "е").replace("ґ", "г")
    words = _NON_WORD.sub(" ", text).split()
    if _LATIN_LETTER.search(text) and _CYRILLIC_LETTER.search(text):
        words = [_fold_mixed_word(w) for w in words]
    return " ".join(words)


_CYRILLIC_TO_COARSE = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ё": "e",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "iu", "я": "ia", "ў": "u",
}
_TO_COARSE = str.maketrans(_CYRILLIC_TO_COARSE)
# Order matters: longer spellings of one sound first. Ш, Ж, Ч become capitals so that they
# stay apart from С, З, Ц (Shumy is not Sumy) while their spellings (sh, sch, š) meet.
_COARSE_RULES = (("shch", "S"), ("sch", "S"), ("kh", "h"), ("zh", "Z"), ("ch", "C"),
                 ("sh", "S"), ("cz", "C"), ("sz", "S"), ("ts", "c"), ("tz", "c"), ("x", "ks"))
_COARSE_LETTERS = str.maketrans("gwjyq", "hviik")
_DOUBLED = re.compile(r"(.)\1")


@lru_cache(maxsize=262144)
def skeleton(key: str) -> str:
    """A coarse Latin spelling of a normalised key, for matching across scripts and systems.

    Drops spaces, so "Часів Яр" and an adjective written as one word meet.

    Examples
    --------
    >>> skeleton(normalise_name("Курахове")) == skeleton(normalise_name("Kurakhove"))
    True
    >>> skeleton("kupyansk") == skeleton("kupiansk") == skeleton("купянськ")
    True
    >>> skeleton("гуляйполе") == skeleton("huliaipole")
    True
    """
    text = key.translate(_TO_COARSE)
    for old, new in _COARSE_RULES:
        text = text.replace(old, new)
    text = text.translate(_COARSE_LETTERS).replace(" ", "")
    text = text.replace("ie", "e")
    if _DOUBLED.search(text) is None:
        return text
    return "".join(letter for letter, _ in groupby(text))  # doubled letters once


# Nominative endings a name's word can carry; removed to reach the stem its case forms share.
_NOMINATIVE_ENDINGS_CYRILLIC = ("ий", "ій", "ый", "ой", "ая", "яя", "ое", "ее", "є", "а",
                                "я", "е", "о", "ь", "й", "і", "и", "ы")
_NOMINATIVE_ENDINGS_LATIN = ("oye", "iye", "yye", "aya", "yaya", "oe", "yi", "iy", "yy", "ii",
                             "ij", "ya", "ia", "a", "e", "o", "i", "y")


@lru_cache(maxsize=262144)
def word_stem(word: str) -> str:
    """The skeleton of one normalised word without its nominative ending.

    Examples
    --------
    >>> word_stem("курахове") == word_stem("курахово") == word_stem("kurakhove")
    True
    >>> word_stem("мирное") == word_stem("мирне")
    True
    """
    endings = (_NOMINATIVE_ENDINGS_CYRILLIC if _CYRILLIC_LETTER.search(word)
               else _NOMINATIVE_ENDINGS_LATIN)
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            word = word[: -len(ending)]
            break
    return skeleton(word)


@lru_cache(maxsize=262144)
def name_stem(key: str) -> str:
    """The stems of every word of a normalised name, joined: the key inflected forms share."""
    return "".join(word_stem(w) for w in key.split())


def is_cyrillic(text: str) -> bool:
    """Whether the text has any Cyrillic letter."""
    return _CYRILLIC_LETTER.search(text) is not None


def script_of(key: str) -> str:
    """``cyrillic``, ``latin``, ``mixed`` or ``none`` for a normalised key."""
    cyrillic = _CYRILLIC_LETTER.search(key) is not None
    latin = _LATIN_LETTER.search(key) is not None
    if cyrillic and latin:
        return "mixed"
    return "cyrillic" if cyrillic else "latin" if latin else "none"
