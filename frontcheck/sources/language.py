"""Language of a text (en, ru, uk) told by its script, the letters only one language has, and
a few short words only one of them uses.

Ukrainian writes і, ї, є, ґ; Russian writes ы, э, ъ, ё. A short Ukrainian update can have none
of them ("Ворог окупував Курахове та просунувся поблизу Дачного"), so function words only one
language has ("та", "що", "поблизу" against "и", "что", "около") count too. Cyrillic with no sign
either way is taken as Russian. Latin letters in the majority mean English, the ledger's only
Latin-script language. Hand-written rather than a language-ID library: three languages with
distinct letters need no model, and the rule can be read and tested.

Examples
--------
>>> detect_language("Сили оборони відбили атаки"), detect_language("Вооружённые силы")
('uk', 'ru')
>>> detect_language("Ворог окупував Курахове та просунувся поблизу Дачного")
'uk'
>>> detect_language("North Korean troops"), detect_language("12:30 !!")
('en', '')
"""

from __future__ import annotations

import re

UK_MARKERS = frozenset("іїєґ")
RU_MARKERS = frozenset("ыэъё")
UK_WORDS = frozenset(
    "та що це як від із зі й ще вже який яка яке які також але або чи він вона воно вони його її "
    "їх поблизу біля між після через проти наш наша наші ворог мапу оновлено було буде бути".split())
RU_WORDS = frozenset(
    "и что это как от из уже который которая которое которые также но или ли он она оно они "
    "его ее её их около возле между после через против враг было будет быть".split())
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]+")

LANGUAGES = ("en", "ru", "uk")


def detect_language(text: str) -> str:
    """``en``, ``ru`` or ``uk`` for a text, or "" when it has no letters of either script."""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if not cyrillic and not latin:
        return ""
    if latin > cyrillic:
        return "en"
    lower = text.lower()
    words = _CYRILLIC_WORD.findall(lower)
    uk = sum(lower.count(c) for c in UK_MARKERS) + sum(w in UK_WORDS for w in words)
    ru = sum(lower.count(c) for c in RU_MARKERS) + sum(w in RU_WORDS for w in words)
    return "uk" if uk > ru else "ru"


def normalise_language(value: object) -> str:
    """A language code as given in a file (``UK``, ``uk-UA``, ``ukr``, ``English``) → en/ru/uk,
    or the lower-cased value itself when it names another language.

    >>> normalise_language("uk-UA"), normalise_language("English"), normalise_language("de")
    ('uk', 'en', 'de')
    """
    text = str(value or "").strip().lower()
    aliases = {"eng": "en", "english": "en", "rus": "ru", "russian": "ru",
               "ukr": "uk", "ukrainian": "uk", "ua": "uk"}
    text = aliases.get(text, text)
    base = text.split("-")[0].split("_")[0]
    return base if base in LANGUAGES else aliases.get(base, text)
