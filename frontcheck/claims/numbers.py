"""Numbers in claims as low / best / high, the way UCDP keeps its fatality estimates.

A claim rarely gives one exact figure: "up to 140 servicemen", "about 3,000", "more than
100", "десятки", "сотні", "10-12 тысяч". Every count found becomes a ``Count`` with
``low <= best <= high`` and the ``rule`` that produced it, so a reader can see why
"dozens" became 20-99. The rules (N is the figure stated; results rounded to integers):

=============================================  ======================  ===================
phrase                                         low / best / high       rule
=============================================  ======================  ===================
"140", "сто сорок", "three"                    N / N / N               ``exact``
"about/around/approximately N", "около N",     0.9N / N / 1.1N         ``about``
"близько N", "порядка N", "some N"
"nearly/almost N", "почти N", "майже N"        0.9N / 0.95N / N        ``nearly``
"more than/over N", "более/свыше N",           N+1 / 1.1N / 1.5N       ``more_than``
"понад N", "N+", "N с лишним", "N з гаком"
"at least N", "не менее N", "щонайменше N",    N / N / 1.5N            ``at_least``
"N or more", "N и более"
"less than/fewer than N", "менее N",           0.5N / 0.9N / N-1       ``less_than``
"менше N"
"up to N", "до N", "as many as N"              0 / N / N               ``up_to``
"A-B", "A to B", "от A до B", "від A до B"     A / (A+B)/2 / B         ``range``
"a couple", "пара", "пару"                     2 / 2 / 3               ``couple``
"a few", "several", "несколько", "кілька"      2 / 3 / 9               ``several``
"dozens", "десятки", "несколько десятков"      20 / 30 / 99            ``dozens``
"hundreds", "сотни", "сотні", "several         200 / 300 / 999         ``hundreds``
hundred", "несколько сотен"
"thousands", "тысячи", "тисячі"                2,000 / 3,000 / 9,999   ``thousands``
"tens of thousands", "десятки тысяч"           20,000 / 30,000 / 99,999 ``tens_of_thousands``
"hundreds of thousands", "сотни тысяч"         200,000 / 300,000 / 999,999
=============================================  ======================  ===================

"Dozens" starts at 20, not 24, because the Russian and Ukrainian "десятки" (tens) it
translates start there: the lower of the readings, as UCDP's low is the conservative one.
"Up to N" says nothing about the least, so its low is 0; its best is the figure the claimant
chose to give. A qualifier applies to vague counts too: "more than a dozen" is 13/13/18.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Count", "CountMention", "find_counts", "parse_count", "VAGUE_COUNTS"]


@dataclass(frozen=True, slots=True)
class Count:
    """An estimate ``low <= best <= high`` and the rule (table above) that made it."""

    low: int
    best: int
    high: int
    rule: str


@dataclass(frozen=True, slots=True)
class CountMention:
    """A count found in a text: ``text[start:end]`` is the whole phrase, qualifier included."""

    start: int
    end: int
    count: Count


#: Vague counts (plural words with no figure): rule → (low, best, high).
VAGUE_COUNTS = {
    "couple": (2, 2, 3), "several": (2, 3, 9), "dozens": (20, 30, 99),
    "hundreds": (200, 300, 999), "thousands": (2_000, 3_000, 9_999),
    "tens_of_thousands": (20_000, 30_000, 99_999),
    "hundreds_of_thousands": (200_000, 300_000, 999_999),
}

_UNITS = {
    # English
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    # Russian (nominative, genitive, collective)
    "один": 1, "одна": 1, "одно": 1, "одного": 1, "одной": 1, "два": 2, "две": 2,
    "двух": 2, "двое": 2, "двоих": 2, "три": 3, "трех": 3, "трёх": 3, "трое": 3, "троих": 3,
    "четыре": 4, "четырех": 4, "четырёх": 4, "четверо": 4, "четверых": 4, "пять": 5,
    "пяти": 5, "пятеро": 5, "пятерых": 5, "шесть": 6, "шести": 6, "шестеро": 6, "семь": 7,
    "семи": 7, "семеро": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9,
    "десять": 10, "десяти": 10, "десяток": 10, "десятка": 10, "одиннадцать": 11,
    "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "двадцать": 20, "двадцати": 20, "тридцать": 30, "тридцати": 30, "сорок": 40,
    "сорока": 40, "пятьдесят": 50, "пятидесяти": 50, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90, "сто": 100, "ста": 100, "двести": 200,
    "двухсот": 200, "триста": 300, "трехсот": 300, "трёхсот": 300, "четыреста": 400,
    "пятьсот": 500, "пятисот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800,
    "девятьсот": 900, "полтора": 1.5, "полторы": 1.5, "одне": 1, "дві": 2, "двох": 2, "двоє": 2, "трьох": 3,
    "троє": 3, "чотири": 4, "чотирьох": 4, "п'ять": 5, "пʼять": 5, "п’ять": 5,
    "п'яти": 5, "п’яти": 5, "п'ятеро": 5, "шість": 6, "сім": 7,
    "вісім": 8, "дев'ять": 9, "дев’ять": 9, "десятьох": 10,
    "одинадцять": 11, "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14,
    "п'ятнадцять": 15, "п’ятнадцять": 15, "шістнадцять": 16, "сімнадцять": 17,
    "вісімнадцять": 18, "дев'ятнадцять": 19, "дев’ятнадцять": 19, "двадцять": 20,
    "тридцять": 30, "п'ятдесят": 50, "п’ятдесят": 50, "шістдесят": 60,
    "сімдесят": 70, "вісімдесят": 80, "дев'яносто": 90, "дев’яносто": 90, "двісті": 200,
    "двохсот": 200, "чотириста": 400, "п'ятсот": 500, "п’ятсот": 500, "шістсот": 600,
    "сімсот": 700, "вісімсот": 800, "дев'ятсот": 900, "дев’ятсот": 900, "півтора": 1.5,
    "півтори": 1.5,
    # collective forms ("знищили вісьмох окупантів", "взяли в плен семерых")
    "шестерых": 6, "семерых": 7, "восьмеро": 8, "восьмерых": 8, "девятерых": 9,
    "десятерых": 10, "п'ятьох": 5, "п’ятьох": 5, "шістьох": 6, "сімох": 7, "вісьмох": 8, "дев'ятьох": 9, "дев’ятьох": 9,
}
_MULTIPLIERS = {
    "dozen": 12, "дюжина": 12, "дюжины": 12, "thousand": 1_000, "k": 1_000, "тыс": 1_000,
    "тысяча": 1_000, "тысячи": 1_000,
    "тысяч": 1_000, "тысячу": 1_000, "тис": 1_000, "тисяча": 1_000, "тисячі": 1_000,
    "тисяч": 1_000, "тисячу": 1_000, "million": 1_000_000, "mln": 1_000_000, "m": 1_000_000,
    "млн": 1_000_000, "миллион": 1_000_000, "миллиона": 1_000_000, "миллионов": 1_000_000,
    "мільйон": 1_000_000, "мільйона": 1_000_000, "мільйонів": 1_000_000,
    "billion": 1_000_000_000, "bn": 1_000_000_000, "млрд": 1_000_000_000,
}
#: Multipliers that name a figure on their own ("a thousand", "тысяча", "дюжина").
_SINGULAR_MULTIPLIERS = frozenset(("dozen", "дюжина", "thousand", "тысяча", "тысячу", "тисяча",
                                   "тисячу", "million", "миллион", "мільйон"))
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th|-?(?:я|й|е|го|му|м|та|тя|те|ти|ша|ма|ий|ій|ої|"
                            r"ого|ому|а|і))\b", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"(?:\d|\b(?:" + "|".join(sorted((re.escape(w) for w in _UNITS), key=len,
                            reverse=True)) + r"))\s*$", re.IGNORECASE)

_VAGUE_WORDS = {
    "couple": "couple", "пара": "couple", "пару": "couple", "пари": "couple",
    "few": "several", "several": "several", "несколько": "several", "нескольких": "several",
    "кілька": "several", "декілька": "several", "кількох": "several", "декількох": "several",
    "dozens": "dozens", "десятки": "dozens", "десятков": "dozens", "десятків": "dozens",
    "hundreds": "hundreds", "сотни": "hundreds", "сотен": "hundreds", "сотні": "hundreds",
    "сотень": "hundreds", "thousands": "thousands", "тысячи": "thousands",
    "тысяч": "thousands", "тисячі": "thousands", "тисяч": "thousands",
}
_QUALIFIERS = (
    ("more_than", r"more\s+than|over|upwards\s+of|in\s+excess\s+of|above|более\s+чем|"
                  r"более|больше|свыше|понад|більш\s+ніж|більше\s+ніж|більше|"
                  r"понад"),
    ("at_least", r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|"
                 r"не\s+менее|не\s+меньше|как\s+минимум|минимум|щонайменше|"
                 r"не\s+менше|принаймні|мінімум"),
    ("less_than", r"less\s+than|fewer\s+than|under|менее|меньше|менше|менш\s+ніж"),
    ("nearly", r"nearly|almost|почти|майже|без\s+малого|чуть\s+менее|трохи\s+менше"),
    ("about", r"about|around|approximately|approx\.?|roughly|some|an\s+estimated|"
              r"estimated|около|примерно|приблизительно|порядка|где-то|близько|"
              r"приблизно|орієнтовно|близ"),
    ("up_to", r"up\s+to|as\s+many\s+as|до"),
)
_QUALIFIER_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _QUALIFIERS)
    + r")\s+(?:[$€£₽₴]\s*)?$", re.IGNORECASE)
#: "выросла до 1,2 млн", "rose to $3,000": "до" and "to" after a verb of change name the
#: new figure, not a ceiling.
_CHANGED_TO = re.compile(r"(?:вырос\w*|выросл\w*|увеличил\w*|повысил\w*|зрос\w*|збільшил\w*|"
                         r"підвищил\w*|rose|risen|increased|raised|grew|grown)\s+(?:\w+\s+)?$",
                         re.IGNORECASE)
#: "около тысячи", "близько тисячі двохсот": after a qualifier the genitive is one thousand.
_THOUSAND_GENITIVE = frozenset(("тысячи", "тисячі"))
_SUFFIX_RE = re.compile(r"^(?:\s*\+|\s+(?:or\s+more|и\s+более|и\s+больше|і\s+більше|"
                        r"с\s+лишним|з\s+гаком|(?P<plus>plus)))", re.IGNORECASE)
_DIGITS = r"\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?![\d])|\d+(?:[.,]\d+)?"
_WORD = r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?"
_NUMBER_WORD_ALT = "|".join(sorted((re.escape(w) for w in (*_UNITS, *_MULTIPLIERS)),
                                   key=len, reverse=True))
_MULTIPLIER_ALT = "|".join(sorted((re.escape(w) for w in _MULTIPLIERS), key=len, reverse=True))
# A number: digits or number words, optionally with a multiplier ("1,5 тыс.", "12k",
# "three thousand", "двадцять п'ять").
_NUMBER = (rf"(?:(?:{_DIGITS})(?:\s*(?:{_MULTIPLIER_ALT})\b\.?)?"
           rf"|(?:(?:{_NUMBER_WORD_ALT})\b\.?)(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORD_ALT})\b\.?)*)")
_RANGE_RE = re.compile(
    rf"(?<![\w.,])(?:(?:between)\s+(?P<a1>{_NUMBER})\s+and\s+(?P<b1>{_NUMBER})"
    rf"|(?:(?:from|от|від|з)\s+)?(?P<a>{_NUMBER})\s*(?:[-–—]|\s(?:to|до|по)\s)\s*"
    rf"(?P<b>{_NUMBER}))", re.IGNORECASE)
#: "R200,000": a rouble sign written as a Latin R right before the figure (no other letter).
_NUMBER_RE = re.compile(rf"(?:(?<![\w.,])|(?<=(?<![\w])R))(?P<n>{_NUMBER})", re.IGNORECASE)
_VAGUE_RE = re.compile(
    r"(?<![\w])(?:(?:a\s+|a\s+few\s+|several\s+|несколько\s+|кілька\s+|декілька\s+)?"
    r"(?P<mult>tens|hundreds|десятки|десятков|десятків|сотни|сотен|сотні|сотень)"
    r"\s+(?:of\s+)?(?P<big>thousands|тысяч|тисяч)"
    r"|(?:a\s+)?(?:few|several|несколько|нескольких|кілька|декілька|кількох|декількох)\s+"
    r"(?P<scale>dozens?|hundreds?|thousands?|десятков|сотен|тысяч|десятків|сотень|тисяч)"
    r"|(?P<word>a\s+couple|couple|a\s+few|few|several|dozens|hundreds|thousands|"
    r"несколько|нескольких|кілька|декілька|кількох|декількох|десятки|десятков|"
    r"десятків|сотни|сотен|сотні|сотень|тысячи|тисячі|пара|пару))(?![\w])", re.IGNORECASE)
_SCALE_RULE = {"dozen": "dozens", "dozens": "dozens", "десятков": "dozens",
               "десятків": "dozens", "hundred": "hundreds", "hundreds": "hundreds",
               "сотен": "hundreds", "сотень": "hundreds", "thousand": "thousands",
               "thousands": "thousands", "тысяч": "thousands", "тисяч": "thousands"}


_GROUPED = re.compile(r"\d{1,3}(?:[ ,.]\d{3})+")
_SEPARATORS = re.compile(r"[ ,.]")
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?")
_LETTERS = re.compile(r"[^\W\d_]+")


#: Every count needs a digit or one of these words; a text with neither is not scanned.
_COUNT_WORDS = frozenset(w.replace("ё", "е") for w in (*_UNITS, *_MULTIPLIERS, *_VAGUE_WORDS,
                                                        "tens", "dozen", "десятка",
                                                        "десятков"))
_HAS_DIGIT = re.compile(r"\d")


def _round(value: float) -> int:
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def _digits_value(token: str) -> float:
    token = token.replace("\u00a0", " ").replace("\u202f", " ")
    if _GROUPED.fullmatch(token):
        return float(_SEPARATORS.sub("", token))
    return float(token.replace(",", "."))


def _number_value(phrase: str) -> float | None:
    """The value of digits or number words with their multiplier; None if not a number."""
    phrase = phrase.strip().lower().replace("ё", "е")
    digits = re.match(_DIGITS, phrase)
    total, current = 0.0, 0.0
    rest = phrase
    if digits:
        current = _digits_value(digits.group())
        rest = phrase[digits.end():]
    seen_word = False
    for word in _LETTER_WORD.findall(rest):
        if word == "and":
            continue
        if word in _MULTIPLIERS:
            if not (current or seen_word or digits) and word not in _SINGULAR_MULTIPLIERS:
                return None   # "тысячи", "thousands": a vague count, not a figure
            total += (current or 1) * _MULTIPLIERS[word]
            current = 0.0
        elif word == "hundred" and (current or seen_word):
            current = (current or 1) * 100
        elif word in ("a", "an") and not seen_word and not digits:
            current = 1.0     # only before a multiplier: "a dozen", "a hundred"
        elif word in _UNITS:
            if digits:
                return None
            current += _UNITS[word]
        else:
            return None
        seen_word = True
    value = total + current
    if not digits and not seen_word:
        return None
    return value


def _qualified(value: float, rule: str) -> Count:
    n = value
    if rule == "about":
        low, best, high = 0.9 * n, n, 1.1 * n
    elif rule == "nearly":
        low, best, high = 0.9 * n, 0.95 * n, n
    elif rule == "more_than":
        low, best, high = n + 1, 1.1 * n, 1.5 * n
    elif rule == "at_least":
        low, best, high = n, n, 1.5 * n
    elif rule == "less_than":
        low, best, high = 0.5 * n, 0.9 * n, n - 1
    elif rule == "up_to":
        low, best, high = 0, n, n
    else:
        low, best, high = n, n, n
    values = sorted(max(0, _round(v)) for v in (low, best, high))   # counts are never negative
    return Count(values[0], values[1], values[2], rule)


def _vague(rule: str, qualifier: str | None) -> Count:
    low, best, high = VAGUE_COUNTS[rule]
    if qualifier in ("more_than", "at_least", "less_than", "nearly", "up_to"):
        base = {"dozens": 12, "hundreds": 100, "thousands": 1_000,
                "tens_of_thousands": 10_000, "hundreds_of_thousands": 100_000}.get(rule)
        if base is not None:
            return _qualified(base, qualifier)
    return Count(low, best, high, rule)


def _qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    window = text[max(0, start - 30):start]
    match = _QUALIFIER_RE.search(window)
    if not match:
        return None, start
    at = start - (len(window) - match.start())
    if match.lastgroup == "up_to" and _CHANGED_TO.search(text, max(0, at - 30), at):
        return None, start
    return match.lastgroup, at


def find_counts(text: str) -> list[CountMention]:
    """Every count in ``text``, in order, none overlapping; never raises.

    Examples
    --------
    >>> [(m.count.low, m.count.best, m.count.high, m.count.rule)
    ...  for m in find_counts("потери составили до 140 военнослужащих и десятки раненых")]
    [(0, 140, 140, 'up_to'), (20, 30, 99, 'dozens')]
    >>> [(m.count.low, m.count.best, m.count.high) for m in find_counts("about 3,000 troops")]
    [(2700, 3000, 3300)]
    >>> find_counts("від 10 до 12 тисяч")[0].count
    Count(low=10000, best=11000, high=12000, rule='range')
    """
    if not isinstance(text, str) or not text:
        return []
    if not _HAS_DIGIT.search(text) and _COUNT_WORDS.isdisjoint(
            _LETTER_WORD.findall(text.lower().replace("ё", "е"))):
        return []
    found: list[CountMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for match in _RANGE_RE.finditer(text):
        first, second = match.group("a") or match.group("a1"), match.group("b") or match.group("b1")
        a, b = _number_value(first), _number_value(second)
        if a is None or b is None or not free(match.start(), match.end()) or (
                match.start() >= 2 and text[match.start() - 1] == "-"
                and text[match.start() - 2].isalpha()):
            continue
        multiplier = _trailing_multiplier(second)
        if multiplier and not _trailing_multiplier(first) and a * multiplier <= b:
            a *= multiplier   # "10-12 тысяч": the multiplier applies to both
        low, high = sorted((a, b))
        if high > 10 * max(low, 1) and low < 100:
            continue          # "3-4 ... 500" is no range; "24/7", "1-2" still are when close
        found.append(CountMention(match.start(), match.end(), Count(
            _round(low), _round((low + high) / 2), _round(high), "range")))
        taken.append((match.start(), match.end()))
    for match in _VAGUE_RE.finditer(text):
        if not free(match.start(), match.end()) or _NUMBER_BEFORE.search(
                text, max(0, match.start() - 20), match.start()):
            continue
        if match.group("mult"):
            rule = ("tens_of_thousands" if match.group("mult").lower().startswith(("ten", "дес"))
                    else "hundreds_of_thousands")
        elif match.group("scale"):
            rule = _SCALE_RULE[match.group("scale").lower()]
        else:
            word = re.sub(r"^a\s+", "", match.group("word").lower())
            rule = "several" if word == "few" else _VAGUE_WORDS.get(word, word)
        qualifier, start = _qualifier_before(text, match.start())
        if qualifier and match.group("word") and match.group("word").lower() in _THOUSAND_GENITIVE:
            end, total = match.end(), 1_000.0
            more = _NUMBER_RE.match(text, end + 1) if text[end:end + 1] == " " else None
            extra = _number_value(more.group("n").strip(" -.")) if more else None
            if more is not None and extra is not None and extra < 1_000:
                end, total = more.end(), total + extra     # "тисячі двохсот": 1,200
            found.append(CountMention(start, end, _qualified(total, qualifier)))
            taken.append((match.start(), end))
            continue
        found.append(CountMention(start, match.end(), _vague(rule, qualifier)))
        taken.append((match.start(), match.end()))
    for match in _NUMBER_RE.finditer(text):
        phrase = match.group("n")
        end = match.end()
        while phrase and phrase[-1] in " -.":
            phrase, end = phrase[:-1], end - 1
        if not free(match.start(), end):
            continue
        value = _number_value(phrase)
        if value is None or phrase.lower() in ("a", "an", "m", "k"):
            continue
        if phrase[-1].isdigit() and (_ORDINAL_AFTER.match(text, end) or (
                match.start() >= 2 and text[match.start() - 1] == "-"
                and text[match.start() - 2].isalpha())):
            continue          # "93rd", "3-тя", "Су-34": ordinals and model names
        qualifier, start = _qualifier_before(text, match.start())
        suffix = _SUFFIX_RE.match(text, end)
        rule = qualifier or ("more_than" if suffix and (suffix.group().strip() in ("+",)
                             or re.search(r"лишним|гаком|plus", suffix.group()))
                             else "at_least" if suffix else "exact")
        if suffix:
            end = suffix.end()
        found.append(CountMention(start, end, _qualified(value, rule)))
        taken.append((match.start(), end))
    return sorted(found, key=lambda m: m.start)


def _trailing_multiplier(phrase: str) -> int:
    words = _LETTERS.findall(phrase.lower())
    return _MULTIPLIERS.get(words[-1], 0) if words else 0


def is_number_word(word: str) -> bool:
    """Whether a word is a number word ("Десять", "Three"), without scanning for counts."""
    low = word.lower().replace("ё", "е")
    return low in _UNITS or low in _MULTIPLIERS or low in _VAGUE_WORDS


def parse_count(phrase: str) -> Count | None:
    """The count a whole phrase states ("more than 100", "десятки", "2-3 тисячі"), or None.

    Examples
    --------
    >>> parse_count("more than 100")
    Count(low=101, best=110, high=150, rule='more_than')
    >>> parse_count("сотні")
    Count(low=200, best=300, high=999, rule='hundreds')
    >>> parse_count("двадцять п'ять")
    Count(low=25, best=25, high=25, rule='exact')
    >>> parse_count("no figure here") is None
    True
    """
    mentions = find_counts(phrase) if isinstance(phrase, str) else []
    return mentions[0].count if mentions else None
