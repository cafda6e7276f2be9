"""Language of a text (en, ru, uk) told by its script and the letters only one language has.

Ukrainian writes і, ї, є, ґ; Russian writes ы, э, ъ, ё. A Cyrillic text with markers of both
goes to the one with more; Cyrillic without any marker is taken as Russian, because Ukrainian
prose of more than a few words almost always has an і. Latin letters in the majority mean English
(the ledger's only Latin-script language). Hand-written rather than a language-ID library: three
languages with distinct letters need no model, and this is exact on the ledger's inputs.

Examples
--------
>>> detect_language("Сили оборони відбили атаки"), detect_language("Вооружённые силы")
('uk', 'ru')
>>> detect_language("North Korean troops"), detect_language("12:30 !!")
('en', '')
"""

from __future__ import annotations

import re

UK_MARKERS = frozenset("іїєґІЇЄҐ")
RU_MARKERS = frozenset("ыэъёЫЭЪЁ")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")

LANGUAGES = ("en", "ru", "uk")


def detect_language(text: str) -> str:
    """``en``, ``ru`` or ``uk`` for a text, or "" when it has no letters of either script."""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if not cyrillic and not latin:
        return ""
    if latin > cyrillic:
        return "en"
    uk = sum(text.count(c) for c in UK_MARKERS)
    ru = sum(text.count(c) for c in RU_MARKERS)
    return "uk" if uk > ru else "ru"


def normalise_language(value: object) -> str:
    """A language code as given in a file (``UK``, ``uk-UA``, ``ukr``, ``English``) → en/ru/uk,
    or the lower-cased value itself when it names another language."""
    text = str(value or "").strip().lower()
    aliases = {"eng": "en", "english": "en", "rus": "ru", "russian": "ru",
               "ukr": "uk", "ukrainian": "uk", "ua": "uk"}
    text = aliases.get(text, text)
    base = text.split("-")[0].split("_")[0]
    return base if base in LANGUAGES else aliases.get(base, text)
