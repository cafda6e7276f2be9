"""Korean names in Latin and Cyrillic letters: "Ri Jin-hyok" = "Jin-hyok Ri" = "Ри Чжин Хёк" =
"Рі Цзін Хьок" = "Lee Jinhyeok".

A Korean name is a surname of one syllable and a given name of one or two. Every
romanisation (McCune–Reischauer as North Korea uses it, Revised Romanisation, English
habits such as Lee, Park, Choi) and every Cyrillic system (Kontsevich's in Russian, the
Ukrainian press's own) writes each syllable's three parts — initial consonant, vowel, final
consonant — with a few spellings each. So a name is parsed into syllables, each syllable
into the *sets* of parts its spelling can stand for, and every spelling of those parts is
generated, in both scripts. The tables are hand-written because no installed package
transliterates Korean between Latin and Cyrillic; they err towards more spellings (a
redaction that misses a spelling leaks, one that matches an extra one costs nothing).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product
from typing import Any

from frontcheck.protect.patterns import SYLLABLE_GAP, alternation, trie

__all__ = ["Syllable", "parse_korean_word", "korean_name", "syllable_pattern", "word_pattern",
           "KoreanName", "CYRILLIC_TAIL", "hangul_syllables", "hangul_pattern"]

# canonical part: (Latin spellings, Cyrillic spellings, Russian and Ukrainian together)
INITIALS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "g": (("g", "k"), ("к", "г", "ґ")),
    "kk": (("kk", "gg", "k", "g"), ("кк", "к")),
    "n": (("n",), ("н",)),
    "d": (("d", "t"), ("т", "д")),
    "tt": (("tt", "dd", "t"), ("тт", "т")),
    "r": (("r", "l"), ("р", "л")),
    "m": (("m",), ("м",)),
    "b": (("b", "p"), ("п", "б")),
    "pp": (("pp", "bb", "p"), ("пп", "п")),
    "s": (("s", "sh"), ("с", "ш")),
    "ss": (("ss", "s"), ("сс", "с")),
    "j": (("j", "ch", "dj"), ("чж", "дж", "ч", "цз", "дз", "ж")),
    "jj": (("jj", "tch", "ch", "j"), ("чч", "ч", "чж")),
    "ch": (("ch", "chh", "c", "tsh"), ("чх", "ч", "ц")),
    "k": (("k", "kh"), ("кх", "к")),
    "t": (("t", "th"), ("тх", "т")),
    "p": (("p", "ph", "f"), ("пх", "п", "ф")),
    "h": (("h",), ("х", "г")),
    "": (("",), ("",)),
}
VOWELS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "a": (("a",), ("а",)),
    "ae": (("ae", "ai", "e"), ("э", "е")),
    "ya": (("ya", "ia"), ("я",)),
    "yae": (("yae", "ye"), ("е", "йе", "є")),
    "eo": (("eo", "o", "u"), ("о",)),
    "e": (("e",), ("е", "э")),
    "yeo": (("yeo", "yo", "yu", "ye"), ("ё", "е", "йо", "ьо")),
    "ye": (("ye",), ("е", "йе", "є")),
    "o": (("o", "oh"), ("о",)),
    "wa": (("wa",), ("ва", "уа")),
    "wae": (("wae",), ("вэ", "ве")),
    "oe": (("oe", "oi", "we"), ("ве", "вэ", "ое", "ой")),
    "yo": (("yo",), ("ё", "йо", "ьо")),
    "u": (("u", "oo", "ou"), ("у",)),
    "wo": (("wo", "weo"), ("во", "уо")),
    "we": (("we",), ("ве", "уэ")),
    "wi": (("wi", "ui"), ("ви", "уи", "ві", "уї")),
    "yu": (("yu", "yoo"), ("ю",)),
    "eu": (("eu", "u"), ("ы", "у", "и")),
    "ui": (("ui", "eui"), ("ый", "ы", "и", "уи", "ий", "ій")),
    "i": (("i", "ee"), ("и", "і")),
}
FINALS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "": (("",), ("",)),
    "k": (("k", "g", "kk", "ck"), ("к", "г")),
    "n": (("n",), ("н",)),
    "t": (("t", "d", "s"), ("т", "д", "с")),
    "l": (("l", "r"), ("ль", "л", "р")),
    "m": (("m",), ("м",)),
    "p": (("p", "b"), ("п", "б")),
    "ng": (("ng",), ("н", "нъ", "нг")),
}
# Surnames as English and Russian habit spells them, outside the tables; canonical syllable
# (initial, vowel, final) -> extra spellings.
SURNAMES: dict[tuple[str, str, str], tuple[str, ...]] = {
    ("g", "i", "m"): ("kim", "ким", "кім"),
    ("r", "i", ""): ("lee", "rhee", "yi", "li", "i", "ree", "rhie", "yee", "ли", "ри", "и",
                     "лі", "рі", "і"),
    ("b", "a", "k"): ("park", "pak", "bak", "bahk", "пак"),
    ("ch", "oe", ""): ("choi", "choe", "chwe", "цой", "чхве", "чой"),
    ("j", "eo", "ng"): ("chung", "jung", "jeong", "chong", "jong", "cheong", "чон", "чжон",
                        "тен", "тян"),
    ("g", "a", "ng"): ("kang", "gang", "кан"),
    ("j", "o", ""): ("cho", "jo", "чо", "чжо", "тё"),
    ("", "yu", "n"): ("yoon", "yun", "юн"),
    ("j", "a", "ng"): ("chang", "jang", "чан", "чжан"),
    ("r", "i", "m"): ("lim", "im", "rim", "yim", "рим", "лим", "им", "ім"),
    ("h", "a", "n"): ("han", "хан"),
    ("", "o", ""): ("oh", "o", "о", "ох"),
    ("s", "eo", ""): ("suh", "seo", "so", "со", "сö"),
    ("s", "i", "n"): ("shin", "sin", "син", "шин", "сін"),
    ("g", "wo", "n"): ("kwon", "gwon", "квон", "гвон"),
    ("h", "wa", "ng"): ("hwang", "хван"),
    ("", "a", "n"): ("ahn", "an", "ан"),
    ("s", "o", "ng"): ("song", "сон"),
    ("r", "yu", ""): ("ryu", "yoo", "yu", "rhyu", "lyu", "рю", "ю", "лю"),
    ("j", "eo", "n"): ("jeon", "jun", "chon", "jon", "чон", "чжон", "тён"),
    ("h", "o", "ng"): ("hong", "хон"),
    ("g", "o", ""): ("ko", "go", "koh", "ко", "го"),
    ("m", "u", "n"): ("moon", "mun", "мун"),
    ("", "ya", "ng"): ("yang", "ян"),
    ("s", "o", "n"): ("son", "sohn", "сон"),
    ("b", "ae", ""): ("bae", "pae", "пэ", "пе", "бэ"),
    ("b", "ae", "k"): ("baek", "paek", "paik", "пэк", "пек", "пак"),
    ("h", "eo", ""): ("heo", "ho", "hur", "хо", "хур"),
    ("r", "o", ""): ("roh", "noh", "no", "ro", "ро", "но"),
    ("n", "a", "m"): ("nam", "нам"),
    ("s", "i", "m"): ("shim", "sim", "сим", "шим"),
    ("h", "a", ""): ("ha", "ха"),
    ("j", "u", ""): ("joo", "ju", "chu", "чу", "чжу", "тю"),
    ("", "u", ""): ("woo", "u", "у"),
    ("g", "u", ""): ("koo", "ku", "gu", "ку", "гу"),
    ("m", "i", "n"): ("min", "мин", "мін"),
    ("j", "i", "n"): ("jin", "chin", "чин", "чжин", "цзін", "джин"),
    ("r", "a", ""): ("ra", "na", "ла", "ра", "на"),
    ("ch", "a", ""): ("cha", "чха", "ча"),
    ("s", "eo", "ng"): ("sung", "seong", "song", "сон", "сун"),
}
_KNOWN_SURNAMES = {(i, v, f) for i, v, f in SURNAMES}

_DIACRITICS = str.maketrans({"ŏ": "eo", "ǒ": "eo", "ŭ": "eu", "ǔ": "eu", "ü": "eu", "ö": "oe",
                             "ё": "е", "ʼ": "", "'": "", "’": "", "`": ""})


def _inverse(table: dict[str, Any], script: int) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for canonical, spellings in table.items():
        for spelling in spellings[script]:
            found.setdefault(spelling.replace("ё", "е"), set()).add(canonical)
    return {k: frozenset(v) for k, v in found.items()}


_PARSE = {script: (_inverse(INITIALS, script), _inverse(VOWELS, script), _inverse(FINALS, script))
          for script in (0, 1)}
_IRREGULAR: dict[str, set[tuple[str, str, str]]] = {}
for _canonical, _forms in SURNAMES.items():
    for _spelling in _forms:
        _IRREGULAR.setdefault(_spelling.replace("ё", "е"), set()).add(_canonical)

Syllable = tuple[frozenset[str], frozenset[str], frozenset[str]]   # initials, vowels, finals


def _script(word: str) -> int:
    return 1 if re.search(r"[\u0400-\u04ff]", word) else 0


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFC", word.casefold()).translate(_DIACRITICS)
    return word


@lru_cache(maxsize=4096)
def parse_korean_word(word: str, max_parses: int = 3) -> tuple[tuple[Syllable, ...], ...]:
    """The ways a word (one or more syllables written together) splits into Korean
    syllables, fewest syllables first; empty when it cannot be Korean.

    Examples
    --------
    >>> [len(p) for p in parse_korean_word("jinhyok")]
    [2]
    >>> sorted(parse_korean_word("Хёк")[0][0][1])
    ['ae', 'e', 'yae', 'ye', 'yeo', 'yo']
    >>> parse_korean_word("ivan")
    ()
    """
    folded = _fold(word)
    if not folded or not folded.isalpha():
        return ()
    script = _script(folded)
    initials, vowels, finals = _PARSE[script]
    found: list[tuple[Syllable, ...]] = []

    def syllables_at(at: int) -> list[tuple[Syllable, int]]:
        out = []
        for i_len in range(min(3, len(folded) - at), -1, -1):
            ini = folded[at:at + i_len]
            if ini not in initials:
                continue
            for v_len in range(min(3, len(folded) - at - i_len), 0, -1):
                vow = folded[at + i_len:at + i_len + v_len]
                if vow not in vowels:
                    continue
                start = at + i_len + v_len
                for f_len in range(min(2, len(folded) - start), -1, -1):
                    fin = folded[start:start + f_len]
                    if fin in finals:
                        out.append(((initials[ini], vowels[vow], finals[fin]), start + f_len))
        return out

    def walk(at: int, so_far: tuple[Syllable, ...]) -> None:
        if len(found) >= 32 or len(so_far) > 4:
            return
        if at == len(folded):
            found.append(so_far)
            return
        for syllable, end in syllables_at(at):
            walk(end, (*so_far, syllable))

    walk(0, ())
    irregular = _IRREGULAR.get(folded)
    if irregular:   # Park, Choi, Цой: one syllable of every canonical form it may spell
        heads, middles, ends = (frozenset(c[part] for c in irregular) for part in range(3))
        found.insert(0, ((heads, middles, ends),))
    if not found:
        return ()
    fewest = min(len(p) for p in found)
    return tuple(dict.fromkeys(p for p in found if len(p) == fewest))[:max_parses]


def _is_surname(word: str) -> bool:
    folded = _fold(word)
    if folded in _IRREGULAR:
        return True
    for parse in parse_korean_word(word):
        if len(parse) == 1:
            ini, vow, fin = parse[0]
            if any(c in _KNOWN_SURNAMES for c in product(ini, vow, fin)):
                return True
    return False


def _spellings(syllable: Syllable, surname: bool) -> tuple[set[str], set[str]]:
    """Latin and Cyrillic spellings of one syllable."""
    latin: set[str] = set()
    cyrillic: set[str] = set()
    # (the South drops or changes a surname's initial r: Ri = I = Yi = Lee; the spellings that
    # follow are listed in SURNAMES rather than made, so as not to make "ee" or "i" a surname)
    initials = set(syllable[0])
    for ini, vow, fin in product(sorted(initials), sorted(syllable[1]), sorted(syllable[2])):
        for script, bucket in ((0, latin), (1, cyrillic)):
            for a, b, c in product(INITIALS[ini][script], VOWELS[vow][script],
                                   FINALS[fin][script]):
                bucket.add(a + b + c)
        if surname:
            for extra in SURNAMES.get((ini, vow, fin), ()):
                (cyrillic if _script(extra) else latin).add(extra)
    if surname:   # a surname of one vowel (I, И, O, О) is also a word of the text: "и", "о"
        latin = {s for s in latin if len(s) > 1}
        cyrillic = {s for s in cyrillic if len(s) > 1}
    # McCune–Reischauer's breves (Chŏng, Hamhŭng), the caron often typed for them, and its
    # apostrophe after an aspirated consonant (Ch'oe, P'yŏng)
    for spelling in list(latin):
        for plain, marked in (("eo", "ŏ"), ("eo", "ǒ"), ("eu", "ŭ"), ("eu", "ǔ")):
            if plain in spelling:
                latin.add(spelling.replace(plain, marked))
    for spelling in list(latin):
        for aspirate in ("ch", "k", "t", "p"):
            if spelling.startswith(aspirate) and len(spelling) > len(aspirate):
                latin.add(aspirate + "'" + spelling[len(aspirate):])
    return latin, cyrillic


# Hangul: a syllable block is U+AC00 + (initial × 21 + vowel) × 28 + final, over the jamo
# in these orders; the canonical parts are those of the tables above.
HANGUL_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj",
                   "ch", "k", "t", "p", "h")
HANGUL_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo",
                 "u", "wo", "we", "wi", "yu", "eu", "ui", "i")
#: A final as the tables hear it → the final jamo written for it (index 0: none). A final
#: sounds as one of seven: ㄱㄲㅋ as k, ㄷㅅㅆㅈㅊㅌㅎ as t, ㅂㅍ as p.
HANGUL_FINALS = {"": (0,), "k": (1, 2, 24), "n": (4,), "t": (7, 19, 20, 22, 23, 25, 27),
                 "l": (8,), "m": (16,), "p": (17, 26), "ng": (21,)}
#: Hangul particles attach to the name they follow ("리진혁은", "리진혁의").
HANGUL_TAIL = "[\uac00-\ud7a3]*"


def hangul_syllables(syllable: Syllable, surname: bool = False) -> set[str]:
    """Every Hangul block a syllable's parts can be written with.

    A surname's initial ㄹ is written ㅇ or ㄴ in the South (리 = 이 = Lee, 류 = 유, 로 = 노).

    Examples
    --------
    >>> sorted(hangul_syllables(parse_korean_word("jin")[0][0]))
    ['진']
    >>> "혁" in hangul_syllables(parse_korean_word("hyok")[0][0])
    True
    >>> "이" in hangul_syllables(parse_korean_word("Ri")[0][0], surname=True)
    True
    """
    initials = set(syllable[0])
    if surname and "r" in initials:
        initials |= {"", "n"}
    out: set[str] = set()
    for ini, vow, fin in product(initials, syllable[1], syllable[2]):
        if ini not in HANGUL_INITIALS or vow not in HANGUL_VOWELS:
            continue
        base = 0xAC00 + (HANGUL_INITIALS.index(ini) * 21 + HANGUL_VOWELS.index(vow)) * 28
        out.update(chr(base + f) for f in HANGUL_FINALS.get(fin, ()))
    return out


def hangul_pattern(parses: tuple[tuple[Syllable, ...], ...], surname: bool = False) -> str:
    """A regex for a word's syllables written in Hangul (each way it parses), blocks side by
    side or with a space between."""
    return alternation("\\s?".join("[" + "".join(sorted(hangul_syllables(s, surname))) + "]"
                                     for s in parse) for parse in parses)


def syllable_pattern(syllable: Syllable, surname: bool = False) -> str:
    """A regex (for folded text) for every Latin and Cyrillic spelling of a syllable."""
    latin, cyrillic = _spellings(syllable, surname)
    return trie(s for s in latin | cyrillic if s)


def word_pattern(parses: tuple[tuple[Syllable, ...], ...], surname: bool = False) -> str:
    """A regex for a word's syllables, in each way it parses, with any hyphen or space (or
    none) between syllables."""
    return alternation(SYLLABLE_GAP.join(syllable_pattern(s, surname) for s in parse)
                       for parse in parses)


# Russian declines a Korean name that ends in a consonant ("Ким Чен Ына"); the endings a
# Cyrillic last syllable may take.
CYRILLIC_TAIL = "(?:" + trie(("ом", "ем", "ові", "ою", "ым", "а", "у", "е", "ю", "я", "і", "и")) + ")?"
#: Between surname and given name: a space, a comma, a hyphen ("Ri-Jin-hyok" is seen too).
_NAME_GAP = r"(?:[ _,\-]|\\[nrt])+"   # on folded text: one kind of space, one hyphen


class KoreanName:
    """A Korean name as regexes: ``forms`` are the whole name in both orders ("Ri Jin-hyok",
    "Jin-hyok Ri") and, for a given name of two or more syllables, the given name alone."""

    __slots__ = ("given", "given_syllables", "hangul_given", "hangul_surname", "surname")

    def __init__(self, surname: str, given: str, given_syllables: int,
                 hangul_surname: str = "", hangul_given: str = "") -> None:
        self.surname = surname
        self.given = given
        self.given_syllables = given_syllables
        self.hangul_surname = hangul_surname
        self.hangul_given = hangul_given

    def forms(self) -> tuple[list[str], list[str]]:
        """(whole-name regexes, partial-name regexes), each matching to a word's end.

        Surname first, the surname may carry a case ending too ("Чона Мін Хо": a Russian
        genitive before a Ukrainian given name). In Hangul the surname comes first, blocks
        side by side or spaced, and a particle may follow ("리진혁은")."""
        whole = [self.surname + CYRILLIC_TAIL + _NAME_GAP + self.given + CYRILLIC_TAIL,
                 self.given + _NAME_GAP + self.surname + CYRILLIC_TAIL]
        partial = [self.given + CYRILLIC_TAIL] if self.given_syllables >= 2 else []
        if self.hangul_surname and self.hangul_given:
            whole.append(self.hangul_surname + "\\s?" + self.hangul_given + HANGUL_TAIL)
            if self.given_syllables >= 2:
                partial.append(self.hangul_given + HANGUL_TAIL)
        return whole, partial


def korean_name(name: str) -> KoreanName | None:
    """The name as a Korean name (surname first or last, given name in one or two
    syllables, any spacing and hyphenation), or None when it is not one.

    A name is Korean when all its words parse as Korean syllables and its first or last
    word is a known Korean surname (Kim, Ri/Lee, Pak/Park, Choe, Jong ... in either script).

    Examples
    --------
    >>> bool(korean_name("Ri Jin-hyok")), bool(korean_name("Чон Мін Хо"))
    (True, True)
    >>> korean_name("Olena Marchenko") is None
    True
    """
    words = [w for w in re.split(r"[\s\-\u2010\u2011]+", name.strip()) if w]
    if not 2 <= len(words) <= 4:
        return None
    parses = [parse_korean_word(w) for w in words]
    if not all(parses):
        return None
    surname_at = 0 if _is_surname(words[0]) else len(words) - 1 if _is_surname(words[-1]) else None
    if surname_at is None:
        return None
    given_words = [p for i, p in enumerate(parses) if i != surname_at]
    syllables = sum(len(p[0]) for p in given_words)
    if syllables > 2:   # a given name has one or two syllables ("Maria Kim" is not Korean)
        return None
    surname = word_pattern(parses[surname_at], surname=True)
    given = SYLLABLE_GAP.join(word_pattern(p) for p in given_words)
    hangul_given = "\\s?".join(hangul_pattern(p) for p in given_words)
    return KoreanName(surname, given, syllables,
                      hangul_pattern(parses[surname_at], surname=True), hangul_given)
