"""Ukrainian spellings of a Russian form of a Ukrainian place name.

Russian reports name Ukrainian villages in Russian: Ровнополье for Рівнопілля, Петровское for
Петрівське, Новоуспенское for Новоуспенівське, Запорожское for Запорізьке. The gazetteer's
Russian names are a best-effort guess and often missing, and the spelling skeleton
(``names.skeleton``) already treats и/і/ы alike but not the regular differences of the two
languages, so they are written here: Russian adjective endings (-ское, -цкое, -ое, -ая) as
Ukrainian ones, -ье as a doubled consonant and -я (-лье → -лля), -еевка as -іївка, and о
turned to і in a closed syllable (ров-но → рів-но, -поль- → -піл-). Hand-written, since no
library converts toponyms between the two languages; each rule is one regular alternation.

>>> "рівнопілля" in ukrainian_forms("ровнополье"), "рівнопілля" in ukrainian_forms("ровнополья")
(True, True)
>>> {"петрівське", "новоуспенівське"} <= ukrainian_forms("петровское") | ukrainian_forms(
...     "новоуспенское")
True
>>> "запорізьке" in ukrainian_forms("запорожское"), ukrainian_forms("покровськ")
(True, frozenset())
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

__all__ = ["ukrainian_forms", "looks_russian", "russian_nominatives"]

_VOWELS = "аеиоуыэюяієїё"
_ENDINGS = (("жское", ("зьке",)), ("цкое", ("цьке",)), ("ское", ("ське", "івське")),
            ("ский", ("ський",)), ("ская", ("ська",)), ("еевка", ("іївка",)),
            ("овка", ("івка",)), ("евка", ("івка", "ївка")), ("ое", ("е",)), ("ая", ("а",)),
            ("ее", ("є",)))
#: Russian case endings back to the nominative the rules above read: a report names the
#: village in the case its sentence needs ("из Ровнополья", "Герасимовки", "Запорожского").
#: Not -ском: "под Покровском" is the town Покровск, not a village Покровское.
_CASE_BACK = (("ского", ("ское", "ский")), ("скому", ("ское", "ский")),
              ("ским", ("ское", "ский")), ("ской", ("ская",)), ("скую", ("ская",)),
              ("цкого", ("цкое",)), ("цкому", ("цкое",)),
              ("овки", ("овка",)), ("овку", ("овка",)), ("овке", ("овка",)), ("овкой", ("овка",)),
              ("евки", ("евка",)), ("евку", ("евка",)), ("евке", ("евка",)), ("евкой", ("евка",)),
              ("ья", ("ье",)), ("ью", ("ье",)), ("ьем", ("ье",)),
              ("ого", ("ое",)), ("ому", ("ое",)))
_SOFT_END = re.compile(r"([бвгджзклмнпрстфхцчшщ])ье$")
#: о before two consonants, or before a consonant that ends the word or is doubled: closed.
_CLOSED_O = re.compile(rf"о(?=[^{_VOWELS}ь\s][^{_VOWELS}\s]|[^{_VOWELS}\s]ь?$)")
#: (-ого, -ому are Ukrainian endings too — "біля Нового" is Нове or Новий — so they are read
#: back only in a word that looks Russian otherwise.)
_RUSSIAN_LOOK = re.compile(r"[ыэъё]|(?:ое|ее|ая|ье|ья|ью|ьем|ский|ское|цкое|ского|скому|"
                           r"ским|ской|скую|овка|овки|овку|овке|овкой|евка|евки|евку|"
                           r"евке|евкой)$")


def looks_russian(key: str) -> bool:
    """Whether a normalised name has a letter or an ending only Russian writes."""
    return any(_RUSSIAN_LOOK.search(word) for word in key.split())


def _word_forms(word: str) -> set[str]:
    forms = {word}
    for ending, replacements in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            forms = {word[: -len(ending)] + r for r in replacements}
            break
    soft = _SOFT_END.search(word)
    if soft:
        consonant = soft.group(1)
        forms = {word[: soft.start()] + consonant * 2 + "я"}
    forms |= {_CLOSED_O.sub("і", f) for f in forms}
    return {f.replace("ы", "и").replace("э", "е").replace("ё", "е") for f in forms}


def _nominatives(word: str) -> tuple[str, ...]:
    for ending, nominatives in _CASE_BACK:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return tuple(word[: -len(ending)] + n for n in nominatives)
    return (word,)


@lru_cache(maxsize=65536)
def russian_nominatives(key: str) -> frozenset[str]:
    """The nominatives a Russian case form may be of ("ровнополья" → "ровнополье"), less the
    key itself: a place whose own Russian name it is competes with its Ukrainian forms."""
    words = [_nominatives(w) for w in key.split()]
    forms = {" ".join(c) for c in product(*words)}
    forms.discard(key)
    return frozenset(sorted(forms)[:8])


@lru_cache(maxsize=65536)
def ukrainian_forms(key: str) -> frozenset[str]:
    """Ukrainian spellings a Russian-looking normalised name may stand for (at most 16);
    empty when the name shows nothing Russian."""
    if not looks_russian(key):
        return frozenset()
    words = [sorted(set().union(*(_word_forms(n) for n in _nominatives(w))))
             for w in key.split()]
    forms = {" ".join(c) for c in product(*words)}
    forms.discard(key)
    return frozenset(sorted(forms)[:16])
