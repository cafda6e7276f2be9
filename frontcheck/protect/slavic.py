"""Russian and Ukrainian names in both scripts and every case: "Дмитрий Кузьменко" =
"Дмитрия Кузьменко" = "Дмитра Кузьменка" = "Dmitry Kuzmenko" = "Dmytro Kuzmenko".

Three things change how a Slavic name is written:

- **Script.** Latin spellings differ by system (BGN/PCGN, the passport rules, Ukraine's 2010
  rules, older German and French habits): х is kh, h or ch; й is y, i or j; я is ya, ia or ja.
  Each Cyrillic letter becomes the group of its Latin spellings, and each Latin grapheme the
  group of the Cyrillic letters it may stand for (a Latin text often drops the soft sign:
  Kuzmenko is Кузьменко), so one regex matches every system at once.
- **Case.** Russian and Ukrainian decline names ("допрос Кузьменко", "Петровым", "Дмитра").
  A word is matched as its stem plus any nominal case ending; the dictionary forms that
  pymorphy3 gives (``Lexicon``) add the forms whose stem changes (Павел → Павла).
- **Language.** A given name has a Russian and a Ukrainian form (Дмитрий / Дмитро, Николай /
  Микола); both are matched, in both scripts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice, product
from typing import Protocol

from frontcheck.protect.patterns import WORD_GAP, alternation, fold, letters, trie

__all__ = ["Lexicon", "NoLexicon", "is_cyrillic", "word_kind", "word_pattern", "slavic_name",
           "place_pattern", "GIVEN_NAMES"]


class Lexicon(Protocol):
    """Dictionary forms of words (pymorphy3 in ``protect.morphology``; tests may pass
    ``NoLexicon``). Words are lower-case Cyrillic."""

    def forms(self, word: str, kind: str) -> frozenset[str]:
        """Every case form of ``word`` read as ``kind`` ("person" or "place"), empty when the
        dictionary does not know it so."""
        ...

    def kind(self, word: str) -> str | None:
        """"given", "surname" or "patronymic" when the dictionary knows the word as one."""
        ...

    def __hash__(self) -> int:
        """Hashable: the redaction terms are cached per person and lexicon."""
        ...


class NoLexicon:
    """A lexicon that knows no word: only the rules apply."""

    def forms(self, word: str, kind: str) -> frozenset[str]:
        return frozenset()

    def kind(self, word: str) -> str | None:
        return None


#: Russian and Ukrainian forms of common given names (Ukrainian second).
GIVEN_NAMES: tuple[tuple[str, str], ...] = (
    ("александр", "олександр"), ("алексей", "олексій"), ("анатолий", "анатолій"),
    ("андрей", "андрій"), ("антон", "антон"), ("аркадий", "аркадій"), ("артём", "артем"),
    ("богдан", "богдан"), ("борис", "борис"), ("вадим", "вадим"), ("валентин", "валентин"),
    ("валерий", "валерій"), ("василий", "василь"), ("виктор", "віктор"),
    ("виталий", "віталій"), ("владимир", "володимир"), ("владислав", "владислав"),
    ("вячеслав", "в'ячеслав"), ("геннадий", "геннадій"), ("георгий", "георгій"),
    ("григорий", "григорій"), ("денис", "денис"), ("дмитрий", "дмитро"), ("евгений", "євген"),
    ("егор", "єгор"), ("иван", "іван"), ("игорь", "ігор"), ("илья", "ілля"),
    ("кирилл", "кирило"), ("константин", "костянтин"), ("леонид", "леонід"),
    ("максим", "максим"), ("михаил", "михайло"), ("николай", "микола"), ("олег", "олег"),
    ("павел", "павло"), ("пётр", "петро"), ("роман", "роман"), ("руслан", "руслан"),
    ("сергей", "сергій"), ("станислав", "станіслав"), ("степан", "степан"),
    ("тарас", "тарас"), ("фёдор", "федір"), ("юрий", "юрій"), ("ярослав", "ярослав"),
    ("александра", "олександра"), ("алла", "алла"), ("анастасия", "анастасія"),
    ("анна", "ганна"), ("валентина", "валентина"), ("вера", "віра"),
    ("виктория", "вікторія"), ("галина", "галина"), ("дарья", "дар'я"),
    ("екатерина", "катерина"), ("елена", "олена"), ("ирина", "ірина"),
    ("людмила", "людмила"), ("мария", "марія"), ("надежда", "надія"),
    ("наталья", "наталія"), ("оксана", "оксана"), ("ольга", "ольга"),
    ("светлана", "світлана"), ("татьяна", "тетяна"), ("юлия", "юлія"),
)
_COUNTERPARTS: dict[str, set[str]] = {}
for _ru, _uk in GIVEN_NAMES:
    _COUNTERPARTS.setdefault(_ru.replace("ё", "е"), set()).update((_ru, _uk))
    _COUNTERPARTS.setdefault(_uk.replace("ё", "е"), set()).update((_ru, _uk))

# Cyrillic → Latin spellings (union of the systems; pairs first where they differ).
_CYRILLIC_PAIRS = {
    "кс": ("ks", "x"), "ий": ("iy", "ii", "y", "i", "ij", "yi", "yy", "ii"),
    "ый": ("y", "yi", "iy", "yy", "ij"), "ия": ("iya", "ia", "ija", "ya"),
    "ія": ("iia", "ia", "iya", "ya"), "ья": ("ya", "ia", "ja", "'ya", "'ia"),
    "ье": ("ye", "ie", "je", "'ye", "'e"), "ью": ("yu", "iu", "ju", "'yu"),
    "ьо": ("yo", "io", "'o"), "ъе": ("ye", "ie", "je", "\"e"),
}
_CYRILLIC_LETTERS = {
    "а": ("a",), "б": ("b",), "в": ("v", "w", "ff", "f"), "г": ("g", "h", "gh"),
    "ґ": ("g",), "д": ("d",), "е": ("e", "ye", "je", "ie"), "ё": ("e", "yo", "io", "jo", "ë"),
    "є": ("ye", "ie", "je", "e"), "ж": ("zh", "j", "z", "ž", "jh"), "з": ("z", "s"),
    "и": ("i", "y", "yi"), "і": ("i", "y"), "ї": ("yi", "i", "ji", "ï"),
    "й": ("y", "i", "j", ""), "к": ("k", "c", "ck"), "л": ("l",), "м": ("m",), "н": ("n",),
    "о": ("o",), "п": ("p",), "р": ("r",), "с": ("s", "ss"), "т": ("t",), "у": ("u", "ou", "oo"),
    "ф": ("f", "ph"), "х": ("kh", "h", "ch", "x"), "ц": ("ts", "c", "tz", "z", "tc"),
    "ч": ("ch", "tch", "c", "č", "tsch"), "ш": ("sh", "s", "š", "sch"),
    "щ": ("shch", "sch", "sc", "šč", "shh"), "ъ": ("", "\""), "ы": ("y", "i", "yi"),
    "ь": ("", "'", "y", "i"), "э": ("e", "eh"), "ю": ("yu", "iu", "ju", "u"),
    "я": ("ya", "ia", "ja", "a"), "'": ("", "'"),
}
# Latin graphemes → the Cyrillic letters they may stand for (longest graphemes first).
_LATIN_GRAPHEMES = {
    "shch": ("щ",), "tsch": ("ч",), "sch": ("щ", "ш"), "zh": ("ж",), "kh": ("х",),
    "ts": ("ц", "тс"), "tz": ("ц",), "ch": ("ч", "х"), "sh": ("ш",), "ya": ("я", "ья", "ия", "ія"),
    "ia": ("я", "ия", "ія", "ья"), "ja": ("я",), "yu": ("ю", "ью", "ию"), "iu": ("ю", "ию", "ью"),
    "ju": ("ю",), "ye": ("е", "є", "ье", "ие"), "ie": ("е", "є", "ие", "іе", "ье"),
    "je": ("е", "є"), "yo": ("ё", "ьо", "йо", "ио"), "io": ("ё", "ио", "іо", "ьо"),
    "jo": ("ё", "йо"), "yi": ("ї", "ий", "ый", "ій", "и"), "iy": ("ий", "ій", "ый"),
    "yy": ("ый", "ий"), "ii": ("ий", "ій", "ии", "ії", "і"), "ij": ("ий", "ій"),
    "ff": ("в", "фф"), "ck": ("к",), "ph": ("ф",), "gh": ("г",),
    "a": ("а",), "b": ("б",), "v": ("в",), "w": ("в",), "g": ("г", "ґ"), "h": ("г", "х"),
    "d": ("д",), "e": ("е", "э", "є", "ё"), "z": ("з", "ж"), "i": ("и", "і", "й", "ы", "ї"),
    "y": ("ы", "и", "й", "і"), "j": ("й", "ж", "дж"), "k": ("к",), "l": ("л", "ль"),
    "m": ("м",), "n": ("н",), "o": ("о", "ё"), "p": ("п",), "r": ("р",), "s": ("с", "з"),
    "t": ("т",), "u": ("у", "ю"), "f": ("ф",), "x": ("кс",), "c": ("к", "ц", "ч"),
    "q": ("к",), "'": ("ь", "ъ", ""),
}
_CYRILLIC_VOWELS = frozenset("аеёєиіїоуыэюя")
# Letters Russian and Ukrainian spell one name with (Смирнов / Смірнов), after folding (і is
# folded to Latin i, е and ё to Latin e).
_SISTER_LETTERS = {"и": "[иiы]", "i": "[iи]", "ы": "[ыи]", "э": "[эe]", "є": "[єe]",
                   "ї": "[їi]", "e": "[eєэ]", "г": "[гґ]", "ґ": "[ґг]"}

#: Nominal case endings of Russian and Ukrainian, nouns and adjectives, singular and plural.
ENDINGS = ("", "а", "я", "у", "ю", "ы", "и", "і", "ї", "е", "є", "о", "ь", "й", "ом", "ем",
           "ём", "єм", "ой", "ей", "ою", "ею", "єю", "ам", "ям", "ах", "ях", "ых", "их", "ым",
           "им", "ім", "ов", "ев", "ів", "їв", "ої", "ій", "ий", "ый", "ая", "яя", "ую", "юю",
           "ое", "ее", "ого", "его", "ому", "ему", "ові", "еві", "єві", "ами", "ями", "ыми",
           "ими", "ія", "ії", "ію", "ия", "ии", "ию", "ием", "ієм", "ьому", "ього")


def _cyrillic_piece(char: str) -> str:
    return _SISTER_LETTERS.get(char, re.escape(char))


_ENDINGS_RX = "(?:" + trie((e for e in ENDINGS if e), _cyrillic_piece) + ")?"
_NOMINATIVE_ENDINGS = ("ий", "ый", "ой", "ій", "ая", "яя", "ия", "ія", "ье", "а", "я", "о",
                       "е", "й", "ь")
_LATIN_NOMINATIVE = ("iya", "iia", "ya", "ia", "iy", "yi", "yy", "ii", "ij", "a", "o", "y",
                     "e", "i")
_PATRONYMIC = re.compile(r"(?:ович|евич|ьевич|йович|ич|овна|евна|ьевна|ївна|івна|ична|інічна"
                         r"|ovich|evich|ovych|evych|ovna|evna|ivna|yivna|ych|ich|ichna)$")


def is_cyrillic(text: str) -> bool:
    """True when the text has Cyrillic letters.

    >>> is_cyrillic("Кузьменко"), is_cyrillic("Kuzmenko")
    (True, False)
    """
    return re.search(r"[\u0400-\u04ff]", text) is not None


def _tokens(word: str, table: dict[str, tuple[str, ...]]) -> list[tuple[str, tuple[str, ...]]]:
    """The word cut greedily into the table's graphemes (longest first); unknown characters
    stand for themselves."""
    longest = max(len(k) for k in table)
    out, at = [], 0
    while at < len(word):
        for size in range(min(longest, len(word) - at), 0, -1):
            piece = word[at:at + size]
            if piece in table:
                out.append((piece, table[piece]))
                at += size
                break
        else:
            out.append((word[at], (word[at],)))
            at += 1
    return out


def _cyrillic_letters(text: str) -> str:
    """A regex (for folded text) for a Cyrillic spelling, each letter with its Russian and
    Ukrainian sisters."""
    return "".join(_cyrillic_piece(c) for c in fold(text.casefold()))


def _soft_sign_variants(word: str) -> set[str]:
    """The word with the soft sign Ukrainian puts before -к where Russian does not, and
    without it (Новокузнецк / Новокузнецьк, Покровськ / Покровск)."""
    out = {word}
    for hard, soft in (("ск", "ськ"), ("цк", "цьк"), ("зк", "зьк")):
        out |= {w.replace(soft, hard) for w in out} | {w.replace(hard, soft) for w in out}
    return out


def latin_pattern_of_cyrillic(word: str) -> str:
    """A regex for every Latin spelling of a Cyrillic word.

    >>> rx = re.compile(latin_pattern_of_cyrillic("дмитрий"))
    >>> [bool(rx.fullmatch(fold(s))) for s in ("Dmitry", "Dmitriy", "Dmitrii", "Dmitrij")]
    [True, True, True, True]
    """
    word = word.casefold()
    table = {**{k: v for k, v in _CYRILLIC_LETTERS.items()}, **_CYRILLIC_PAIRS}
    parts = []
    for _piece, spellings in _tokens(word, table):
        parts.append(alternation(letters(s) for s in spellings if s)
                     + ("?" if "" in spellings else ""))
    return "".join(parts)


def cyrillic_pattern_of_latin(word: str) -> str:
    """A regex for every Cyrillic spelling a Latin word may transliterate, a soft sign
    allowed after each consonant (Kuzmenko is Кузьменко).

    >>> rx = re.compile(cyrillic_pattern_of_latin("kuzmenko"))
    >>> bool(rx.fullmatch(fold("Кузьменко"))), bool(rx.fullmatch(fold("Кузменко")))
    (True, True)
    """
    parts = []
    for _piece, spellings in _tokens(word.casefold(), _LATIN_GRAPHEMES):
        pattern = alternation(_cyrillic_letters(s) for s in spellings if s)
        if "" in spellings:
            pattern += "?"
        elif all(s[-1] not in _CYRILLIC_VOWELS and s[-1] not in "ьъй" for s in spellings):
            pattern += "ь?"
        parts.append(pattern)
    return "".join(parts)


def latin_variants_of_latin(word: str) -> str:
    """A regex for the Latin spellings of the Cyrillic words a Latin word may stand for
    (Sergei = Sergey = Serguei; Kharkiv = Charkiw)."""
    parts = []
    for _piece, spellings in _tokens(word.casefold(), _LATIN_GRAPHEMES):
        latin = {_piece}
        for cyrillic in spellings:
            latin.update("".join(p) for p in islice(product(*(
                _CYRILLIC_LETTERS.get(c, (c,)) for c in cyrillic)), 16))
        latin.discard("")
        parts.append(alternation(letters(s) for s in latin))
    return "".join(parts)


def cyrillic_candidates(word: str, limit: int = 24) -> list[str]:
    """Likely Cyrillic spellings of a Latin word (first choices first), for dictionary look-up."""
    options = [spellings[:2] for _p, spellings in _tokens(word.casefold(), _LATIN_GRAPHEMES)]
    return ["".join(p) for p in islice(product(*options), limit)]


def _strip(word: str, endings: Iterable[str], keep: int = 2) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= keep:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1)
def _given_latin() -> re.Pattern[str]:
    names = {n for pair in GIVEN_NAMES for n in pair}
    return re.compile(alternation(latin_pattern_of_cyrillic(n) for n in names))


def _counterparts_of(word: str) -> set[str]:
    """The Russian and Ukrainian forms of a given name written in Cyrillic or Latin."""
    folded = word.casefold()
    if is_cyrillic(folded):
        return set(_COUNTERPARTS.get(folded.replace("ё", "е"), ()))
    found: set[str] = set()
    if _given_latin().fullmatch(fold(folded)):
        for pair in GIVEN_NAMES:
            if any(re.fullmatch(latin_pattern_of_cyrillic(n), fold(folded)) for n in pair):
                found.update(pair)
    return found


def word_kind(word: str, lexicon: Lexicon) -> str:
    """"given", "patronymic" or "surname": what a word of a name is.

    >>> word_kind("Сергеевич", NoLexicon()), word_kind("Dmytro", NoLexicon())
    ('patronymic', 'given')
    >>> word_kind("Kuzmenko", NoLexicon())
    'surname'
    """
    folded = word.casefold()
    if _PATRONYMIC.search(folded) and len(folded) > 5:
        return "patronymic"
    if _counterparts_of(folded):
        return "given"
    candidates = [folded] if is_cyrillic(folded) else cyrillic_candidates(folded, 8)
    for candidate in candidates:
        kind = lexicon.kind(candidate)
        if kind is not None:
            return kind
    return "surname"


def word_pattern(word: str, lexicon: Lexicon, kind: str = "person") -> str:
    """A regex (for folded text) for a word of a name, or of a place, in both scripts and
    every case form.

    Examples
    --------
    >>> rx = re.compile(word_pattern("Кузьменко", NoLexicon()))
    >>> [bool(rx.fullmatch(fold(s))) for s in ("Кузьменка", "Кузьменком", "Kuzmenko", "Kuzmenka")]
    [True, True, True, False]
    """
    if "-" in word.strip("-"):
        return r"[\-\u2013]".join(word_pattern(p, lexicon, kind) for p in word.split("-") if p)
    folded = word.casefold()
    forms: set[str] = set()
    patterns: list[str] = []
    if is_cyrillic(folded):
        nominatives = {folded} | _counterparts_of(folded)
    else:
        nominatives = _counterparts_of(folded)
        nominatives.update([c for c in cyrillic_candidates(folded) if lexicon.forms(c, kind)][:3])
        stem = _strip(folded, _LATIN_NOMINATIVE, keep=3)
        patterns.append(cyrillic_pattern_of_latin(stem) + _ENDINGS_RX)
        patterns.append(latin_variants_of_latin(folded))
    for nominative in nominatives:
        forms.add(nominative)
        forms.update(lexicon.forms(nominative, kind))
        stem = _strip(nominative, _NOMINATIVE_ENDINGS)
        # the bare stem is a form only where the nominative is (Петров), not Дмитр or Ольг
        forms.update(stem + ending for ending in ENDINGS if ending or stem == nominative)
        patterns.append(latin_pattern_of_cyrillic(nominative))
    if forms:
        patterns.append(trie({v for f in forms for v in _soft_sign_variants(f)}, _cyrillic_piece))
    return alternation(patterns)


def slavic_name(name: str, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """(whole-name regexes, partial regexes) for a name of one or more words.

    Whole: two or more of the name's words in any order ("Дмитрий Кузьменко", "Кузьменко
    Дмитрий Андреевич", "Дмитрий Андреевич"); a one-word name is whole by itself. Partial: a
    surname of four letters or more alone ("Кузьменко рассказал"). A given name alone is never
    matched: it names too many people.
    """
    words = name.split()
    if not words:
        return [], []
    kinds = [word_kind(w, lexicon) for w in words]
    if "surname" not in kinds and len(words) > 1:   # two given names: the last is the family's
        kinds[len(words) - 1 if kinds[-1] != "patronymic" else 0] = "surname"
    patterns = [word_pattern(w, lexicon) for w in words]
    any_word = alternation(patterns)
    if len(words) == 1:
        return [any_word], []
    whole = [any_word + f"(?:{WORD_GAP}{any_word}){{1,{len(words) - 1}}}"]
    partial = [patterns[i] for i, k in enumerate(kinds) if k == "surname" and len(words[i]) >= 4]
    return whole, partial


def place_pattern(place: str, lexicon: Lexicon) -> str:
    """A regex for a place name in both scripts and every case form, word by word
    ("Новокузнецк" = "Новокузнецка" = "Novokuznetsk").

    >>> rx = re.compile(place_pattern("Новокузнецк", NoLexicon()))
    >>> [bool(rx.fullmatch(fold(s))) for s in ("Новокузнецке", "Novokuznetsk", "Новокузнецьку")]
    [True, True, True]
    """
    return WORD_GAP.join(word_pattern(w, lexicon, "place") for w in place.split())
