"""Which name a case form can come from: "Покровську" → Покровськ, "Часова Яру" → Часів Яр.

Russian and Ukrainian decline place names ("в Курахове", "под Покровском", "з Торецька").
The resolver compares stems (``names.word_stem``), so a mention word needs the stems its
nominative could have: the word less each case ending, with the few stem changes Ukrainian
makes (Новоселівці ← Новоселівка, Харкова ← Харків, Києва ← Київ). These rules are
hand-written because they are tried on every word and must take microseconds; pymorphy3
(dictionaries for Russian and Ukrainian) is the slower fallback for words the rules miss.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from frontcheck.places.names import is_cyrillic, name_stem, skeleton, word_stem

__all__ = ["stem_candidates", "adjective_bases", "lemma_candidates", "sister_stems"]

# Case endings of nouns and adjectives, Russian and Ukrainian together, longest first.
_CASE_ENDINGS = tuple(sorted({
    "ого", "его", "ому", "ему", "ими", "ыми", "ами", "ями", "ові", "еві", "єві", "ою", "ею",
    "єю", "ом", "ем", "ой", "ей", "ий", "ій", "ый", "ая", "яя", "ое", "ее", "ую", "юю", "ої",
    "єї", "ів", "ов", "ев", "ам", "ям", "ах", "ях", "ых", "их", "ым", "им", "ім", "ми",
    "а", "я", "у", "ю", "е", "є", "і", "ї", "и", "ы", "о", "ь", "й",
}, key=len, reverse=True))

# Tried on every word: look up only the endings that end in the word's last letter.
_ENDINGS_BY_LAST_LETTER: dict[str, tuple[str, ...]] = {}
for _ending in _CASE_ENDINGS:
    _ENDINGS_BY_LAST_LETTER[_ending[-1]] = (*_ENDINGS_BY_LAST_LETTER.get(_ending[-1], ()),
                                            _ending)

# Ukrainian dative/locative soften the stem's last consonant: Новоселівці, на Волзі, Вільсі.
_SOFTENED = (("ці", "к"), ("зі", "г"), ("сі", "х"))

# Ukrainian і in a closed last syllable becomes о or е when an ending opens it
# (Харків → Харкова, Часів Яр → Часова Яру) and ї becomes є (Київ → Києва).
_OPENED_VOWELS = (("о", "і"), ("е", "і"), ("є", "ї"))
_VOWELS = frozenset("аеєиіїоуюяыэ")

_LATIN_ENDINGS = ("yi", "iy", "yy", "ii", "ij", "ya", "ia", "a", "e", "o", "i", "y")


def _reopened(stem: str) -> str | None:
    """The stem with its last-syllable о/е/є changed back to і/ї, or None when it has none."""
    if len(stem) < 3 or stem[-1] in _VOWELS or (stem[-2] in _VOWELS and stem[-1] == "й"):
        return None
    vowel = stem[-2]
    for opened, closed in _OPENED_VOWELS:
        if vowel == opened:
            return stem[:-2] + closed + stem[-1]
    return None


def _closed_to_open(stem: str) -> tuple[str, ...]:
    """The stem with a last-syllable і written as о and as е: the adjective keeps the
    closed vowel (Курахівський) where the town's name has the open one (Курахове)."""
    soft = stem.endswith("ь")
    core = stem[:-1] if soft else stem
    if len(core) < 3 or core[-2] != "і" or core[-1] in _VOWELS:
        return ()
    return (core[:-2] + "о" + core[-1], core[:-2] + "е" + core[-1])


@lru_cache(maxsize=131072)
def stem_candidates(word: str) -> tuple[str, ...]:
    """Stems (skeletons, see ``names.word_stem``) of the names a declined word can come from.

    The word's own stem comes first. Works on one normalised word; Latin words only lose a
    final vowel, since English text does not decline names.

    Examples
    --------
    >>> word_stem("покровськ") in stem_candidates("покровську")
    True
    >>> word_stem("новоселівка") in stem_candidates("новоселівці")
    True
    >>> word_stem("часів") in stem_candidates("часова")
    True
    """
    found: list[str] = [word_stem(word)]
    if not is_cyrillic(word):
        for ending in _LATIN_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                found.append(skeleton(word[: -len(ending)]))
        return tuple(dict.fromkeys(found))
    bare: list[str] = []
    for ending, consonant in _SOFTENED:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            bare.append(word[: -len(ending)] + consonant)
    for ending in _ENDINGS_BY_LAST_LETTER.get(word[-1], ()):
        # Two letters can be a whole stem (Яр → Яру), but only under a one-letter ending.
        if word.endswith(ending) and len(word) - len(ending) >= (2 if len(ending) == 1 else 3):
            bare.append(word[: -len(ending)])
    for stem in bare:
        found.append(skeleton(stem))
        reopened = _reopened(stem)
        if reopened is not None:
            found.append(skeleton(reopened))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=65536)
def adjective_bases(word: str) -> tuple[str, ...]:
    """Stems of the town an adjective is made from: "Бахмутском" → Бахмут, "Курахівському"
    → Курахове. Axes ("на Бахмутском направлении") are named with these adjectives.

    Examples
    --------
    >>> word_stem("бахмут") in adjective_bases("бахмутском")
    True
    >>> word_stem("курахове") in adjective_bases("курахівському")
    True
    >>> word_stem("костянтинівка") in adjective_bases("костянтинівському")
    True
    """
    if not is_cyrillic(word):
        for suffix in ("skyi", "skiy", "skyy", "sky", "ska", "ske", "skoe"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return (skeleton(word[: -len(suffix)]),)
        return ()
    found: list[str] = []
    for ending in _CASE_ENDINGS:
        if not (word.endswith(ending) and len(word) - len(ending) >= 5):
            continue
        stem = word[: -len(ending)]
        # Towns in -ськ/-ск (Покровськ) are their adjective's stem already: stem_candidates.
        for suffix in ("ськ", "зьк", "ск", "зк"):
            if stem.endswith(suffix):
                # з stays: it is the town's ж or г before the suffix (Запоріжжя → запорізький)
                base = stem[: -len(suffix) + (1 if suffix[0] == "з" else 0)]
                found.append(skeleton(base))
                found.extend(skeleton(v) for v in _closed_to_open(base))
                # Костянтинівка → костянтинівський: the town's -ка went before -ський
                found.append(skeleton(base + "к"))
                if base.endswith("з"):  # Запоріжжя → запорізький: ж became з
                    found.append(skeleton(base[:-1] + "ж"))
                break
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _analyzers() -> tuple[Any, ...]:
    import pymorphy3  # loads its dictionaries (~0.2 s): only when the rules have failed

    return (pymorphy3.MorphAnalyzer(lang="ru"), pymorphy3.MorphAnalyzer(lang="uk"))


@lru_cache(maxsize=65536)
def person_word(word: str) -> str:
    """"surname" or "given" when pymorphy3 reads a capitalised Cyrillic word as a person's
    surname or given name and never as a place (Geox) — "Буданов", "Шойгу", "Олександр" —
    else "". "Андреевка", "Покровск" (Geox) and "Угледар" (no name tag) are "".

    >>> person_word("Буданова"), person_word("Андреевка"), person_word("Pokrovsk")
    ('surname', '', '')
    """
    if not is_cyrillic(word):
        return ""
    found = ""
    for analyzer in _analyzers():
        # grammeme sets, not ``in tag``: the Ukrainian tag set has no Geox and raises
        parsed = analyzer.parse(word)[:4]
        parses = [p.tag.grammemes for p in parsed]
        if any("Geox" in g for g in parses):
            return ""
        top = parses[0] if parses else frozenset()
        if "Surn" in top:
            found = "surname"
        elif "Name" in top and not found and parsed[0].is_known:
            # a given name the dictionary knows: the Russian analyzer guesses the Ukrainian
            # adjectives of "Новий Гай", "Рудий Байрак" as names from their endings
            found = "given"
    return found


_CLOSED_CLASS = frozenset(("PREP", "CONJ", "PRCL", "INTJ", "NPRO"))
_NOT_NAME_POS = frozenset(("ADVB", "PREP", "CONJ", "PRCL", "INTJ", "VERB", "INFN", "PRTF",
                           "PRTS", "GRND", "NPRO", "PRED", "COMP", "ADJS"))


@lru_cache(maxsize=65536)
def opening_word(word: str) -> bool:
    """Whether a capitalised Cyrillic word is only capitalised because it opens a sentence:
    pymorphy3 reads it as an adverb, a conjunction, a verb, a pronoun ... ("Конечно",
    "Щодо") or a plural adjective ("Штурмовые"), and never as a place (Geox)."""
    if not is_cyrillic(word):
        return False
    readings = [analyzer.parse(word)[:3] for analyzer in _analyzers()]
    if any(not parses or any("Geox" in p.tag.grammemes for p in parses) for parses in readings):
        return False
    for parses in readings:
        top = parses[0].tag
        if top.POS in _NOT_NAME_POS or (top.POS == "ADJF" and "plur" in top.grammemes):
            return True
    # "Серед них": a preposition or conjunction in either language, though a rarer noun
    # form ("середа") comes first in its analyser's list
    return any(p.tag.POS in _CLOSED_CLASS for parses in readings for p in parses)


@lru_cache(maxsize=65536)
def adjective_before_noun(word: str, following: str) -> bool:
    """Whether a capitalised Cyrillic word is an adjective qualifying the lower-case noun
    after it ("Центральной группировки", "Північну частину") and never a place (Geox)."""
    if not is_cyrillic(word) or not is_cyrillic(following):
        return False
    found = False
    for analyzer in _analyzers():
        parses = analyzer.parse(word)[:3]
        if not parses or any("Geox" in p.tag.grammemes for p in parses):
            return False
        nouns = [p.tag for p in analyzer.parse(following)[:1]
                 if p.tag.POS == "NOUN" and analyzer.word_is_known(following)]
        # the adjective must agree with the noun in case and number (and gender in the
        # singular): "Центральной группировки", not "Торского сегодня"
        found = found or any(
            a.tag.POS == "ADJF" and a.tag.case == n.case and a.tag.number == n.number
            and (n.number == "plur" or a.tag.gender in (None, n.gender))
            for a in parses for n in nouns)
    return found


@lru_cache(maxsize=65536)
def lemma_candidates(word: str) -> tuple[str, ...]:
    """Stems of the dictionary forms pymorphy3 gives for a Cyrillic word (Russian and
    Ukrainian analyses, up to three each); empty for Latin words.

    Examples
    --------
    >>> word_stem("київ") in lemma_candidates("києва")
    True
    """
    if not is_cyrillic(word):
        return ()
    found: list[str] = []
    for analyzer in _analyzers():
        for parse in analyzer.parse(word)[:3]:
            found.append(word_stem(parse.normal_form.replace("ё", "е").replace("ґ", "г")))
    return tuple(dict.fromkeys(found))


def sister_stems(key: str, language: str) -> tuple[str, ...]:
    """Stems of the same name in the other language, where the correspondence is regular.

    Ukrainian і in a closed syllable is Russian о or е (Лисівка = Лысовка, Степногірськ =
    Степногорск, Андріївка = Андреевка, Іванівське = Ивановское); the gazetteer lacks the
    Russian form of most villages, so the index adds these. ``key`` is a normalised name in
    ``language`` (``uk`` or ``ru``); only the last such vowel of each word changes
    (Новоіванівка → Новоивановка), and Russian о/е go back to і.

    Examples
    --------
    >>> name_stem("лысовка") in sister_stems("лисівка", "uk")
    True
    >>> name_stem("степногорск") in sister_stems("степногірськ", "uk")
    True
    >>> name_stem("андреевка") in sister_stems("андріївка", "uk")
    True
    >>> name_stem("мартинівка") in sister_stems("мартыновка", "ru")
    True
    """
    words = key.split()
    if not words:
        return ()
    head, last = "".join(word_stem(w) for w in words[:-1]), words[-1]
    found: list[str] = []
    if language == "uk":
        at = max(last.rfind("і"), last.rfind("ї"))
        if 0 < at < len(last) - 1:
            for vowel in ("о", "е"):
                found.append(head + word_stem(last[:at] + vowel + last[at + 1:]))
        stem = word_stem(last)
        at = stem.rfind("iv")
        if at > 0:  # Андріївка: the skeleton has lost which і was which
            found.append(head + stem[:at] + "ev" + stem[at + 2:])
    else:
        at = max(last.rfind("о"), last.rfind("е"))
        if 0 < at < len(last) - 1:
            found.append(head + word_stem(last[:at] + "і" + last[at + 1:]))
    own = name_stem(key)
    return tuple(s for s in dict.fromkeys(found) if s != own)
