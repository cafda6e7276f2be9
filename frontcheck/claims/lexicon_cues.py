"""Action words by concept: for each action group, the ways war reports say it, matched in
Russian and Ukrainian by pymorphy3 lemma (every case, tense and aspect form of a verb or
noun without a stem table each) and in English by word forms.

``cues.ACTION_PATTERNS`` holds the stems the rules were first written with; this lexicon
adds the rest of each concept's vocabulary — verbs, nominalisations and set phrases of
capturing, advancing, fighting, beating off and withdrawing as wire reports, ministry
bulletins and General Staff reports write them ("conquered", "made inroads", "skirmishes",
"fended off", "ceded"; "отвоевали", "сражение", "отбросили", "сдали"; "заволоділи",
"зіткнення", "перемістилися на вигідніші рубежі"). A lexicon cue is only a cue: the
pairing rules of ``territorial`` decide whether it governs a place, and ``find_actions``
keeps a stem cue where both match.

An entry is a head and, optionally, words that must follow it within a few words:
``("потерять", ("контроль",))`` matches "потеряли контроль над", not "потеряли 50 человек".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from frontcheck.claims.cues import Cue, WordPattern

__all__ = ["lexicon_actions", "lemmas_of", "load_analyzers", "LEMMA_ENTRIES", "ENGLISH_ENTRIES"]

Entry = tuple[str, tuple[str, ...]]


def _e(head: str, *after: str) -> Entry:
    return head, after


#: Russian and Ukrainian lemmas (pymorphy3 normal forms; ё as е) by action. An entry's
#: words after the head are lemmas too, each within ``_GAP`` words of the one before.
LEMMA_ENTRIES: dict[str, tuple[Entry, ...]] = {
    "captured": (
        _e("заволодеть"), _e("заволодіти"), _e("оволодіти"), _e("узяти"), _e("узяття"),
        _e("захоплення"), _e("захват"), _e("захопити"), _e("окупувати"), _e("оккупировать"),
        _e("водрузить", "флаг"), _e("поднять", "флаг"), _e("підняти", "прапор"),
        _e("встановити", "прапор"), _e("установить", "флаг"), _e("взятие"),
        _e("падение"), _e("падіння"), _e("перейти", "под", "контроль"),
        _e("перейти", "під", "контроль"), _e("установить", "контроль"),
        _e("встановити", "контроль"), _e("завершить", "освобождение"),
        _e("завершить", "зачистка"), _e("завершити", "зачистка"),
    ),
    "recaptured": (
        _e("отвоевать"), _e("відвоювати"), _e("вернуть", "контроль"),
        _e("повернути", "контроль"), _e("восстановить", "контроль"),
        _e("відновити", "контроль"),
    ),
    "advanced": (
        _e("проникнуть"), _e("проникнути"), _e("приблизиться"), _e("наблизитися"),
        _e("подобраться"), _e("підібратися"), _e("расширить", "зона"), _e("розширити", "зона"),
        _e("расширить", "плацдарм"), _e("розширити", "плацдарм"), _e("расширить", "контроль"),
        _e("розширити", "контроль"), _e("вклиниться"), _e("вклинитися"),
        _e("просочиться"), _e("просочитися"), _e("закрепиться"), _e("закріпитися"),
        _e("плацдарм"), _e("продвижение"), _e("просування"), _e("войти", "в"),
        _e("дойти", "до"), _e("дійти", "до"), _e("достичь"), _e("досягти"), _e("досягнути"),
        _e("увійти", "в"), _e("увійти", "до"), _e("зайти", "в"), _e("зайти", "до"),
    ),
    "fighting_in": (
        _e("сражение"), _e("битва"), _e("схватка"), _e("перестрелка"), _e("перестрілка"),
        _e("столкновение"), _e("зіткнення"), _e("сутичка"), _e("зачищать"), _e("зачищати"),
        _e("штурмовать"), _e("штурмувати"), _e("наступать"), _e("наступати"),
        _e("давление", "на"), _e("тиск", "на"), _e("давить", "на"), _e("тиснути", "на"),
        _e("серый", "зона"), _e("сірий", "зона"), _e("сіра", "зона"), _e("блокировать"),
        _e("блокувати"), _e("полуокружение"), _e("напівоточення"), _e("атаковать"), _e("атакувати"),
        _e("противостояние"), _e("протистояння"), _e("наступление"), _e("наступ"),
    ),
    "repelled": (
        _e("отбросить"), _e("відкинути"), _e("отражение"), _e("відбиття"),
        _e("отбить", "атака"), _e("відбити", "атака"), _e("отбить", "штурм"),
        _e("відбити", "штурм"), _e("отбить", "наступление"), _e("відбити", "наступ"),
        _e("сорвать", "наступление"), _e("зірвати", "наступ"), _e("зірвати", "штурм"),
        _e("оттеснить"), _e("відтіснити"), _e("отогнать"), _e("відігнати"),
        _e("стримувати"), _e("стримати"), _e("сдерживать"), _e("сдержать"),
    ),
    "withdrew": (
        _e("сдать"), _e("здати"), _e("переместиться", "рубеж"), _e("переміститися", "рубіж"),
        _e("переместить", "рубеж"), _e("перемістити", "рубіж"), _e("потерять", "контроль"),
        _e("втратити", "контроль"), _e("утратить", "контроль"), _e("терять", "контроль"),
        _e("втрачати", "контроль"), _e("перегруппировать", "войско"),
        _e("перегрупувати", "військо"), _e("выровнять", "линия"), _e("вирівняти", "лінія"),
        _e("отступление"), _e("відступ"), _e("отход"), _e("відхід"), _e("вывод", "войско"),
        _e("виведення", "військо"), _e("отвести"), _e("відвести"), _e("покинуть"),
        _e("покинути"), _e("оставить"), _e("залишити"), _e("откатиться"),
        _e("відкотитися"), _e("уйти", "из"), _e("вывести", "из"), _e("вивести", "з"),
        _e("вивести", "із"), _e("отойти"), _e("відійти"), _e("сбежать"), _e("втекти"),
    ),
}

#: English by word forms (regular expressions over lower-case text), by action.
ENGLISH_ENTRIES: dict[str, tuple[str, ...]] = {
    "captured": (
        r"conquer(?:s|ed|ing)?", r"(?:took|taken|take|takes|taking)\s+over",
        r"wrest(?:s|ed|ing)?\s+(?:\w+\s+){0,2}control", r"establish(?:es|ed|ing)?\s+(?:full\s+)?control",
        r"assum(?:es|ed|ing)\s+(?:full\s+)?control", r"(?:are|is|were|was|now)\s+in\s+(?:full\s+)?control\s+of",
        r"occup(?:y|ies|ying)", r"takeover",
        # "Russian forces now control most of X": control as a verb after its subject
        r"(?:(?<=now\s)|(?<=forces\s)|(?<=troops\s)|(?<=fully\s)|(?<=largely\s)|(?<=they\s))"
        r"control(?!\s+(?:of|over|the\s+(?:skies|air|road|routes?|supply)))",
        r"secur(?:ed|es|ing)\s+(?:full\s+)?control\s+(?:of|over)",
        r"secur(?:ed|es|ing)\s+the\s+(?:village|town|city|settlement)",
        r"(?:raised|hoisted|planted)\s+(?:the|a|their|its)\s+(?:\w+\s+)?flags?",
        r"fall\s+of", r"fell(?=\s+(?:on|last|after|earlier|late|early|shortly|months|weeks|days|"
        r"this|following)\b)", r"(?:was|were|been|being|is|are)\s+taken(?!\s+(?:prisoners?|captives?|"
        r"part|place|to|into|away|hostage|out|off|from))",
        r"(?:complet\w+|finish\w+)\s+(?:the\s+)?(?:capture|liberation|clearing)",
    ),
    "recaptured": (
        r"won\s+(?:\w+\s+){0,2}back", r"(?:restored|re-?established)\s+(?:full\s+)?control",
        # "control over Kozinka had been fully restored": the place inside the words
        r"control\s+(?:of|over)\s+(?:[\w'’-]+\s+){1,3}?(?:had|has|have)\s+been\s+"
        r"(?:fully\s+|completely\s+)?(?:restored|re-?established|regained)",
        r"контроль\s+над\s+(?:[\w'’-]+\s+){1,3}?(?:был\w*\s+|було\s+)?(?:полностью\s+|повністю\s+)?"
        r"(?:восстановлен\w*|відновлен\w*|відновлено)",
        r"re-?took", r"re-?taken", r"re-?entered",
    ),
    "advanced": (
        r"made\s+(?:\w+\s+)?(?:inroads|progress)", r"inroads", r"clos(?:e|es|ed|ing)\s+in\s+on",
        r"edg(?:e|es|ed|ing)\s+(?:closer|toward|towards|into|forward)",
        r"inch(?:es|ed|ing)?\s+(?:closer|toward|towards|into|forward)",
        r"mov(?:e|es|ed|ing)\s+closer", r"cre(?:pt|ep|eps|eping)\s+(?:closer|toward|towards|into)",
        r"encroach(?:es|ed|ing)?", r"nearing", r"(?:swept|rolled|marched|drove)\s+into", r"bridgeheads?", r"footholds?",
        r"press(?:es|ed|ing)\s+(?:on\s+)?(?:into|towards?|forward|deeper)",
        r"push(?:es|ed|ing)\s+(?:deeper\s+|further\s+)?(?:into|towards?|forward|deeper|further)",
        r"expand(?:s|ed|ing)?\s+(?:\w+\s+){0,2}(?:control|bridgehead|zone|foothold)",
        r"(?:reach|reached|reaches|reaching)\s+(?:the\s+)?(?:outskirts|edge|centre|center)",
        r"gains\s+(?:in|near|around|at|inside|close\s+to)",
        r"(?:has|have|had)\s+reached", r"reached(?=\s+(?:the\s+)?(?:village|town|city|settlement))",
        r"consolidat(?:e|es|ed|ing)\s+(?:\w+\s+)?(?:positions|control|gains)",
    ),
    "fighting_in": (
        r"skirmish(?:es|ed|ing)?", r"firefights?", r"hostilities", r"onslaught",
        r"sieges?", r"besieg(?:e|ed|es|ing)", r"contested", r"gr[ae]y\s+zone",
        r"pressure\s+on", r"offensive\s+(?:on|against|toward|towards|near|around)",
        r"mopping[\s-]up", r"pressing\s+(?:\w+\s+)?(?:attacks?|assaults?)",
        r"envelop(?:s|ed|ing|ment)?", r"counter-?offensives?", r"outflank(?:s|ed|ing)?",
        r"street\s+battles?", r"urban\s+combat", r"close\s+combat", r"(?:semi-)?encirclement",
        r"(?:trying|tried|attempting|attempted|seeking|sought)\s+to\s+(?:break\s+through|storm|"
        r"capture|take|seize|encircle|surround|enter|advance)",
    ),
    "repelled": (
        r"fend(?:s|ed|ing)?\s+off", r"(?:held|holding|hold)\s+off", r"ward(?:s|ed|ing)?\s+off",
        r"beat(?:s|ing)?\s+off", r"beaten\s+off", r"rebuff(?:s|ed|ing)?",
        r"defeated\s+(?:\w+\s+){0,3}(?:attacks?|assaults?|attempts?|offensive)",
        r"(?:halted|stopped|blunted|stalled|broke\s+up)\s+(?:\w+\s+){0,3}(?:attacks?|assaults?|"
        r"advances?|offensive|push|counterattacks?)",
    ),
    "withdrew": (
        r"ced(?:e|ed|es|ing)", r"gave\s+up", r"giv(?:e|es|en|ing)\s+up",
        r"lost\s+(?:\w+\s+){0,2}control\s+(?:of|over)", r"los(?:e|es|ing)\s+control\s+(?:of|over)",
        r"(?:relocat|reposition|redeploy|mov)\w*\s+(?:\w+\s+){0,3}to\s+(?:more\s+)?"
        r"(?:favou?rable|advantageous|better|defensible|prepared)\s+(?:\w+\s+)?"
        r"(?:positions|lines|boundaries)",
        r"exit(?:ed|s)?", r"pull-?outs?", r"fled", r"flee(?:s|ing)?",
        r"evacuat(?:ed|es|ing)\s+(?:its|their|the)\s+(?:troops|forces|units|garrison)",
    ),
}

_GAP = 3
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
#: Only words whose first letters begin some entry's head are looked up (pymorphy3 takes
#: ~0.1 ms a word; most words of a sentence begin no action word).
_HEADS: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _kind, _entries in LEMMA_ENTRIES.items():
    for _head, _after in _entries:
        _HEADS.setdefault(_head, []).append((_kind, _after))
_PREFIXES = frozenset(h[:3] for h in _HEADS)
_ENGLISH = WordPattern(r"(?<![\w'’-])(?:" + "|".join(
    f"(?P<{kind}>{'|'.join(patterns)})" for kind, patterns in ENGLISH_ENTRIES.items())
    + r")(?![\w])")


@lru_cache(maxsize=1)
def load_analyzers() -> tuple[Any, ...]:
    """pymorphy3's Russian and Ukrainian analysers, loaded once (~0.2 s) when a Cyrillic
    text first comes, or beforehand by a long-running process."""
    import pymorphy3

    return (pymorphy3.MorphAnalyzer(lang="ru"), pymorphy3.MorphAnalyzer(lang="uk"))


@lru_cache(maxsize=65536)
def lemmas_of(word: str) -> frozenset[str]:
    """The word (lower case, ё as е) and its normal forms by the Russian and Ukrainian
    analysers, full participles left out; a short word stands for itself."""
    word = word.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    if len(word) < 3:
        return frozenset((word,))
    found = {word}
    for analyzer in load_analyzers():
        for parse in analyzer.parse(word)[:2]:
            # a full participle is an attribute ("в оккупированной Горловке", "взятого
            # села"): where, not an event; a short one is the predicate ("село захвачено")
            # and a perfective verb's future ("захоплять", "возьмут") is a forecast
            if "PRTF" not in parse.tag and "futr" not in parse.tag:
                found.add(parse.normal_form.replace("ё", "е"))
    return frozenset(found)


def _cyrillic_actions(text: str) -> list[Cue]:
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    out: list[Cue] = []
    forms: dict[int, frozenset[str]] = {}

    def of(i: int) -> frozenset[str]:
        if i not in forms:
            forms[i] = lemmas_of(words[i][2])
        return forms[i]
    for i, (start, end, word) in enumerate(words):
        low = word.lower().replace("ё", "е")
        if low[:3] not in _PREFIXES or not _CYRILLIC.search(word):
            continue
        for head in of(i) & _HEADS.keys():
            for kind, after in _HEADS[head]:
                j, last = i, end
                for follower in after:
                    nxt = next((k for k in range(j + 1, min(len(words), j + 2 + _GAP))
                                if follower in of(k)), None)
                    if nxt is None:
                        break
                    j, last = nxt, words[nxt][1]
                else:
                    out.append(Cue(start, last, kind, "lexicon"))
    return out


def lexicon_actions(text: str) -> list[Cue]:
    """Action cues of the lexicon in ``text``, in order (they may overlap each other and
    the stem cues; ``find_actions`` merges them).

    >>> [(c.kind) for c in lexicon_actions("Российские войска отвоевали Малиновку")]
    ['recaptured']
    >>> [c.kind for c in lexicon_actions("Ukrainian troops fended off an assault")]
    ['repelled']
    """
    found = [Cue(m.start(), m.end(), m.lastgroup or "", "lexicon")
             for m in _ENGLISH.finditer(text)]
    if _CYRILLIC.search(text):
        found += _cyrillic_actions(text)
    return sorted(found, key=lambda c: (c.start, -c.end))

