"""Oblasts by any of their names: "Donetsk", "Донецька", "Донецкой области", "Донеччина".

The gazetteer names each oblast once in English and once locally; reports use the city the
oblast is named after, the adjective in Ukrainian or Russian, old spellings (Kharkov) and the
colloquial "-щина" forms. This table is that domain knowledge; the matching reduces both sides
to stems (``names.word_stem``), so case forms need no table of their own.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from frontcheck.places.inflection import stem_candidates
from frontcheck.places.names import name_stem, normalise_name

__all__ = ["OBLAST_NAMES", "match_oblast", "oblast_stems", "strip_region_words",
           "REGION_WORDS"]

#: Gazetteer ``admin1`` → other names (nominative; case forms are matched by stem).
OBLAST_NAMES: dict[str, tuple[str, ...]] = {
    "Autonomous Republic of Crimea": ("Crimea", "Krym", "Крим", "Крым", "АР Крим",
                                      "Автономна Республіка Крим", "Республика Крым"),
    "Cherkasy Oblast": ("Cherkasy", "Cherkassy", "Черкаська", "Черкасская", "Черкащина"),
    "Chernihiv Oblast": ("Chernihiv", "Chernigov", "Чернігівська", "Черниговская",
                         "Чернігівщина", "Черниговщина"),
    "Chernivtsi Oblast": ("Chernivtsi", "Chernovtsy", "Чернівецька", "Черновицкая",
                          "Буковина"),
    "Dnipropetrovsk Oblast": ("Dnipropetrovsk", "Dnepropetrovsk", "Дніпропетровська",
                              "Днепропетровская", "Дніпропетровщина", "Днепропетровщина",
                              "Днепропетровская"),
    "Donetsk Oblast": ("Donetsk", "Донецька", "Донецкая", "Донеччина", "Донетчина", "ДНР",
                       "DPR", "DNR"),
    "Ivano-Frankivsk Oblast": ("Ivano-Frankivsk", "Ivano-Frankovsk", "Івано-Франківська",
                               "Ивано-Франковская", "Прикарпаття", "Прикарпатье"),
    "Kharkiv Oblast": ("Kharkiv", "Kharkov", "Харківська", "Харьковская", "Харківщина",
                       "Харьковщина", "Слобожанщина"),
    "Kherson Oblast": ("Kherson", "Херсонська", "Херсонская", "Херсонщина"),
    "Khmelnytskyi Oblast": ("Khmelnytskyi", "Khmelnitsky", "Хмельницька", "Хмельницкая",
                            "Хмельниччина"),
    "Kirovohrad Oblast": ("Kirovohrad", "Kirovograd", "Kropyvnytskyi", "Кіровоградська",
                          "Кировоградская", "Кіровоградщина"),
    "Kyiv City": ("Kyiv City", "Kiev City", "місто Київ", "город Киев"),
    "Kyiv Oblast": ("Kyiv", "Kiev", "Київська", "Киевская", "Київщина", "Киевщина"),
    "Luhansk Oblast": ("Luhansk", "Lugansk", "Луганська", "Луганская", "Луганщина", "ЛНР",
                       "LPR", "LNR"),
    "Lviv Oblast": ("Lviv", "Lvov", "Львівська", "Львовская", "Львівщина"),
    "Mykolaiv Oblast": ("Mykolaiv", "Nikolaev", "Nikolayev", "Миколаївська", "Николаевская",
                        "Миколаївщина", "Николаевщина"),
    "Odesa Oblast": ("Odesa", "Odessa", "Одеська", "Одесская", "Одещина"),
    "Poltava Oblast": ("Poltava", "Полтавська", "Полтавская", "Полтавщина"),
    "Rivne Oblast": ("Rivne", "Rovno", "Рівненська", "Ровенская", "Рівненщина"),
    "Sevastopol City": ("Sevastopol", "Севастополь"),
    "Sumy Oblast": ("Sumy", "Сумська", "Сумская", "Сумщина"),
    "Ternopil Oblast": ("Ternopil", "Ternopol", "Тернопільська", "Тернопольская",
                        "Тернопільщина"),
    "Vinnytsia Oblast": ("Vinnytsia", "Vinnitsa", "Вінницька", "Винницкая", "Вінниччина"),
    "Volyn Oblast": ("Volyn", "Volhynia", "Волинська", "Волынская", "Волинь"),
    "Zakarpattia Oblast": ("Zakarpattia", "Transcarpathia", "Закарпатська", "Закарпатская",
                           "Закарпаття", "Закарпатье"),
    "Zaporizhzhia Oblast": ("Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Запорізька",
                            "Запорожская", "Запоріжжя", "Запорожье", "Запоріжчина"),
    "Zhytomyr Oblast": ("Zhytomyr", "Zhitomir", "Житомирська", "Житомирская",
                        "Житомирщина"),
    "Kursk Oblast": ("Kursk", "Курська", "Курская", "Курщина", "Курськ"),
    "Belgorod Oblast": ("Belgorod", "Bilhorod", "Білгородська", "Бєлгородська",
                        "Белгородская", "Белгородщина", "Бєлгородщина"),
    "Bryansk Oblast": ("Bryansk", "Брянська", "Брянская", "Брянщина"),
}

#: Russia's border oblasts: the gazetteer holds only part of their villages.
RUSSIAN_OBLASTS = frozenset(("Kursk Oblast", "Belgorod Oblast", "Bryansk Oblast"))

#: Words that turn the word before them into an oblast ("Донецкой области", "Kursk region",
#: "Донецкой Народной Республики", Russia's name for the occupied Donetsk Oblast).
REGION_WORDS = frozenset(normalise_name(w) for w in (
    "oblast", "oblast'", "region", "province", "область", "области", "областью", "області",
    "областю", "обл", "регион", "регіон", "регионе", "регіоні", "региона", "регіону",
    "народной", "народная", "республики", "республіки", "республика", "republic",
    "people's", "peoples"))


def _bases(stem: str) -> tuple[str, ...]:
    # "Донецька область" and "Donetsk" meet once the adjective's "-sk" is dropped:
    # харківськ → harkivsk → harkiv.
    if stem.endswith("sk") and len(stem) >= 6:
        return stem, stem[:-2]
    return (stem,)


def strip_region_words(key: str) -> str:
    """A normalised key without the words "oblast", "область", "region" and the like."""
    return " ".join(w for w in key.split() if w not in REGION_WORDS)


@lru_cache(maxsize=1)
def oblast_stems() -> dict[str, str]:
    """Stem of every oblast name form (English name included) → gazetteer ``admin1``."""
    table: dict[str, str] = {}
    for oblast, names in OBLAST_NAMES.items():
        for name in (oblast, *names):
            for stem in _bases(name_stem(strip_region_words(normalise_name(name)))):
                table.setdefault(stem, oblast)
    return table


def match_oblast(name: str) -> str | None:
    """The gazetteer ``admin1`` an oblast name means, or None when it names none.

    Examples
    --------
    >>> [match_oblast(n) for n in ("Donetsk", "Donetsk Oblast", "Донецька", "Донецкая обл.")]
    ['Donetsk Oblast', 'Donetsk Oblast', 'Donetsk Oblast', 'Donetsk Oblast']
    >>> match_oblast("Харьковщина"), match_oblast("Донецької"), match_oblast("Atlantis")
    ('Kharkiv Oblast', 'Donetsk Oblast', None)
    """
    key = strip_region_words(normalise_name(name))
    if not key:
        return None
    table = oblast_stems()
    for stem in _bases(name_stem(key)):
        if stem in table:
            return table[stem]
    # case forms: "Донецької", "Харківщині", "Запорожской", one word at a time
    words = key.split()
    for combination in product(*(stem_candidates(w) for w in words[:2])):
        for stem in _bases("".join(combination)):
            if stem in table:
                return table[stem]
    return None
