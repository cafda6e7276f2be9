"""Language of a text: en, ru or uk — the languages frontcheck reads — or the code of another
language, so that a post in Italian or Bulgarian is said to be unsupported rather than read
as English or Russian.

Ukrainian writes і, ї, є, ґ; Russian writes ы, э, ъ, ё. A short Ukrainian update can have none
of them ("Ворог окупував Курахове та просунувся поблизу Дачного"), so function words only one
language has ("та", "що", "поблизу" against "и", "что", "около") count too. Other languages are
told by py3langid (langid.py's model, shipped in its wheel; offline, about 0.04 ms a text),
asked only where the letters leave a doubt: Latin script (English or another language?) and
Cyrillic with neither language's own letters (Russian, or Bulgarian, Serbian,
Macedonian?). Texts under 25 letters are too short for its model and keep the letter rule.

Examples
--------
>>> detect_language("Сили оборони відбили атаки"), detect_language("Вооружённые силы")
('uk', 'ru')
>>> detect_language("Ворог окупував Курахове та просунувся поблизу Дачного")
'uk'
>>> detect_language("North Korean troops"), detect_language("12:30 !!")
('en', '')
>>> detect_language("Les forces russes ont pris le village de Pichtchané, selon Moscou.")
'fr'
>>> detect_language("Руските войски са превзели селото, съобщи министерството на отбраната.")
'bg'
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

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


#: What py3langid may answer: the languages of the war's sources in Europe and beyond. A
#: source in one of them is stored (and said not to be read for claims unless en, ru, uk).
KNOWN_LANGUAGES = _CANDIDATES = ("en", "ru", "uk", "bg", "sr", "mk", "be", "kk", "de", "fr", "it", "es", "pt",
               "pl", "nl", "cs", "sk", "ro", "hu", "el", "tr", "az", "lt", "lv", "et", "fi",
               "sv", "da", "no", "hr", "sl")
_MIN_LETTERS = 25


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loads the model once

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(_CANDIDATES))
    return identifier


def _other_language(text: str, letters: int) -> str:
    """The model's language for a doubtful text, "" when too short to ask."""
    if letters < _MIN_LETTERS:
        return ""
    return str(_identifier().classify(text[:2000])[0])


def detect_language(text: str) -> str:
    """``en``, ``ru``, ``uk``, another language's ISO 639-1 code, or "" when the text has no
    letters of either script."""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if not cyrillic and not latin:
        return ""
    if latin > cyrillic:
        other = _other_language(text, latin)
        return other if other and other not in ("ru", "uk") else "en"
    lower = text.lower()
    if not any(c in lower for c in UK_MARKERS) and not any(c in lower for c in "ыэё"):
        other = _other_language(text, cyrillic)   # ъ alone is Bulgarian as much as Russian
        if other and other not in ("ru", "uk", "en"):
            return other
    words = _CYRILLIC_WORD.findall(lower)
    uk = sum(lower.count(c) for c in UK_MARKERS) + sum(w in UK_WORDS for w in words)
    ru = sum(lower.count(c) for c in RU_MARKERS) + sum(w in RU_WORDS for w in words)
    return "uk" if uk > ru else "ru"


def supported(language: str) -> bool:
    """Whether frontcheck reads claims in ``language`` (en, ru, uk)."""
    return language in LANGUAGES


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
