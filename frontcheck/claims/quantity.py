"""Quantity claims: casualties, troop numbers, payments and transport, each as low/best/high.

A count becomes a claim only when the sentence says what it counts: people ("460
servicemen", "1 230 окупантів", "трое ранены", "человек двадцать"), money ("$2,000",
"200 тысяч рублей"), or beds on a ship. Counts of attacks, tanks, villages, days and years
are not claims here. The kind is the nearest casualty word (killed, wounded, captured, or
``casualties`` for losses and "killed or wounded"), else ``transport`` when the sentence
speaks of a ship, else ``troops``; money is ``payment``, with currency, period ("a month",
"в месяц", "на місяць") and whether it is per person ("each", "каждому", "по 100 тысяч").
The side is whose people they are: the force named with the count ("North Korean
soldiers", "военнослужащих ВСУ"), else the one named before it ("the enemy lost").
"""

from __future__ import annotations

import re
from typing import Any

from frontcheck.claims.numbers import CountMention
from frontcheck.claims.reading import SentenceReading, words_between
from frontcheck.claims.territorial import Draft

__all__ = ["quantity_drafts"]

_F = re.IGNORECASE
_PEOPLE = re.compile(
    r"(?:soldiers?|troops|servicemen|service\s+members|personnel|people|men|fighters|"
    r"militants|mercenaries|prisoners|pows|recruits|volunteers|conscripts|builders|"
    r"deminers|sappers|special\s+forces|infantry(?:men)?|persons|koreans|russians|"
    r"ukrainians|occupiers|invaders|wounded|killed|dead|"
    r"военн\w+|военнослужащ\w+|солдат\w*|бойц\w+|человек|чел\.|людей|люди|наемник\w*|"
    r"боевик\w*|пленн\w+|военнопленн\w+|раненых|убитых|оккупант\w*|штурмовик\w*|"
    r"мобилизованн\w+|саперов|сапер\w*|строител\w+|пехотинц\w+|добровольц\w+|"
    r"військов\w+|військовослужбов\w+|солдатів|бійц\w+|осіб|особи|людей|окупант\w*|"
    r"загарбник\w*|полонен\w+|військовополонен\w+|поранен\w+|загибл\w+|вбит\w+|"
    r"найманц\w*|саперів|будівельник\w*|піхотинц\w+|добровольц\w+|убит\w*|ранен\w*|"
    r"погибл\w+|загиблий|загиблих)(?![\w])", _F)
_BEDS = re.compile(r"(?:beds?|berths|койк\w*|коек|ліжок|ліжк\w*|ліжка)(?![\w])", _F)
_VESSEL = re.compile(r"(?:vessels?|ships?|ferry|ferries|transports?|landing\s+ship|on\s+board|"
                     r"carr(?:ied|ying|ies)|transported|судн\w+|судов|корабл\w+|корабел\w*|"
                     r"паром\w*|перевез\w+|на\s+борту|десантн\w+\s+корабл\w+)(?![\w])", _F)
_CURRENCY_AFTER = re.compile(
    r"^\s*(?:(?P<USD>dollars?|usd|us\$|долл\w*|доларів|долар\w*|\$)|"
    r"(?P<RUB>roubles?|rubles?|rub|руб\w*|₽)|(?P<UAH>hryvnias?|hryvnia|uah|гривен\w*|гривн\w*|"
    r"гривень|грн)|(?P<EUR>euros?|eur|евро|євро|€)|(?P<KPW>won|вон))(?![\w])", _F)
_CURRENCY_BEFORE = re.compile(r"(?:(?P<USD>\$|us\$|usd)|(?P<EUR>€)|(?P<RUB>₽)|(?P<UAH>₴))\s*$",
                              _F)
_CURRENCY_INSIDE = re.compile(r"(?:(?P<USD>\$)|(?P<EUR>€)|(?P<RUB>₽)|(?P<UAH>₴))\s*\d")
_PERIOD = re.compile(
    r"(?P<month>a\s+month|per\s+month|monthly|each\s+month|every\s+month|в\s+месяц|"
    r"ежемесячно|на\s+месяц|на\s+місяць|щомісяця|щомісячно)|"
    r"(?P<year>a\s+year|per\s+year|annually|в\s+год|на\s+рік|щороку)|"
    r"(?P<week>a\s+week|per\s+week|в\s+неделю|на\s+тиждень)|"
    r"(?P<day>a\s+day|per\s+day|daily|в\s+день|на\s+день|щодня)", _F)
_PER_PERSON = re.compile(r"(?<![\w])(?:each|every|per\s+(?:person|soldier|head|fighter)|"
                         r"за\s+каждого|за\s+кожного|"
                         r"каждому|каждый|на\s+человека|на\s+бойца|кожному|кожен|кожний|"
                         r"на\s+людину|на\s+бійця)(?![\w])", _F)
_DISTRIBUTIVE_PO = re.compile(r"(?<![\w])по\s+$", _F)
_KINDS = (
    ("casualties", re.compile(
        r"(?:kill\w*|dead)\s+(?:and|or)\s+wound\w*|casualt\w+|loss\w*|lost|"
        r"убит\w*\s+(?:и|или)\s+ранен\w*|потер\w+|потерял\w*|вбит\w*\s+(?:або|та|і|чи)\s+поранен\w*|"
        r"загинул\w*\s+(?:або|чи|та|і)\s+(?:\w+\s+)?поранен\w*|втрат\w+|втратил\w*|"
        r"убиты\s+или\s+ранены|погибли\s+или\s+(?:были\s+)?ранены|"
        r"вибул\w*\s+з\s+ладу|выбыл\w*\s+из\s+строя|out\s+of\s+action", _F)),
    ("wounded", re.compile(r"wound\w*|injur\w*|ранен\w*|ранени\w*|поранен\w*|поранення", _F)),
    ("captured", re.compile(r"captured|prisoners?|pows?|surrender\w*|в\s+плен|пленн\w*|"
                            r"сдал\w*с[ья]|полонен\w*|у\s+полон|в\s+полон|здал\w*с[ья]|"
                            r"військовополонен\w*|военнопленн\w*", _F)),
    ("killed", re.compile(r"kill\w*|dead|died|eliminated|neutrali[sz]ed|убит\w*|погиб\w*|"
                          r"уничтож\w*|ликвидир\w*|вбит\w*|загибл\w*|загину\w*|ліквідован\w*|"
                          r"знищ\w*|полегл\w*", _F)),
)
_KIND_REACH = 70
_WINDOW_CUT = re.compile(r"[.;:!?]|\d")
_INVERTED_BEFORE = re.compile(r"(?:человек|людей|солдат|бойцов)\s+$", _F)
#: "killed 35 Russian soldiers and wounded 60": a count right after a casualty verb counts
#: people; "3 тисячі з них": a share of people counted before.
_CASUALTY_VERB_BEFORE = re.compile(r"(?<![\w])(?:killed|wounded|injured|captured|убил\w*|"
                                   r"ранил\w*|вбил\w*|поранил\w*|знищил\w*|уничтожил\w*)\s+$", _F)
_NO_NOUN_AFTER = re.compile(r"\s*(?:[,.;:]|$|(?:near|in|at|on|and|під|біля|у|в|под|около|и|і|та|"
                            r"возле|поблизу)(?![\w]))", _F)
_OF_THEM = re.compile(r"\s+(?:of\s+them|из\s+них|з\s+них|із\s+них)(?![\w])", _F)
#: "27 enemy assaults", "14 атак окупантів": attacks are counted, not the attackers.
_NOT_PEOPLE = re.compile(r"(?:\w+\s+){0,2}?(?:attacks?|assaults?|counter-?attacks?|times|"
                         r"атак\w*|штурм\w*|контратак\w*|раз\w*|позиц\w*|танк\w*|"
                         r"tanks?|vehicles?|drones?|positions?|villages?|settlements?|дрон\w*|БПЛА|сел\w*)(?![\w])", _F)
_PARTITIVE = re.compile(r"\s+(?:of|из|із|з)\s", _F)
_TIME_AFTER = re.compile(r"\s*(?:days?|weeks?|months?|years?|hours?|times|дн(?:я|ей|і|ів)|день|"
                         r"суток|сутки|доб[иу]|діб|недел\w*|тижн\w*|месяц\w*|місяц\w*|"
                         r"лет|год\w*|рок\w*|рік|час\w*|годин\w*|раз\w*)(?![\w])", _F)


def _currency(reading: SentenceReading, count: CountMention) -> str:
    after = _CURRENCY_AFTER.match(reading.text[count.end:count.end + 20])
    if after:
        return after.lastgroup or ""
    before = _CURRENCY_BEFORE.search(reading.text[max(0, count.start - 4):count.start])
    inside = _CURRENCY_INSIDE.search(reading.text, count.start, count.end)   # "about $2,000"
    found = before or inside
    return (found.lastgroup or "") if found else ""


def _unit(reading: SentenceReading, count: CountMention) -> tuple[str, int]:
    """What is counted ("people", "beds" or "") and where that word ends."""
    text = reading.text
    window = text[count.end:count.end + 80]
    cut = _WINDOW_CUT.search(window)
    window = window[:cut.start()] if cut else window
    if _NOT_PEOPLE.match(text, count.end + 1) and not _PEOPLE.match(window.lstrip()):
        return "", count.end
    for actor in reading.actors:
        if actor.start >= count.end and words_between(text, count.end, actor.start) <= 2:
            return "people", actor.end
    beds = _BEDS.search(window)
    people = _PEOPLE.search(window)
    if beds and words_between(window, 0, beds.start()) <= 2:
        return "beds", count.end + beds.end()
    if people and words_between(window, 0, people.start()) <= 5:
        return "people", count.end + people.end()
    before = text[max(0, count.start - 12):count.start]
    if _INVERTED_BEFORE.search(before):
        return "people", count.end      # "человек двадцать": about twenty
    if (_CASUALTY_VERB_BEFORE.search(text, max(0, count.start - 14), count.start) \
            and _NO_NOUN_AFTER.match(text, count.end)) or _OF_THEM.match(text, count.end):
        return "people", count.end
    return "", count.end


def _kind(reading: SentenceReading, count: CountMention, noun_end: int) -> str:
    text = reading.text
    best: tuple[int, str] | None = None
    for kind, pattern in _KINDS:
        for match in pattern.finditer(text):
            if match.start() >= noun_end:
                distance = match.start() - noun_end
            elif match.end() <= count.start:
                distance = count.start - match.end()
            else:
                distance = 0
            if distance <= _KIND_REACH and (best is None or distance < best[0]):
                best = (distance, kind)
    # "lost about 40 men killed": the specific word right after the noun beats "lost"
    after = [(found.start() - noun_end, kind) for kind, pattern in _KINDS[1:]
             if (found := pattern.search(text, noun_end, noun_end + 60))
             and found.start() - noun_end <= 3]
    combined = _KINDS[0][1].search(text, noun_end, noun_end + 60)   # "killed and wounded"
    if after and best is not None and best[1] == "casualties" and not (
            combined and combined.start() - noun_end <= 3):
        best = min(after)
    vessel = _VESSEL.search(text) is not None
    if best is not None and (not vessel or best[0] <= 12):
        return best[1]
    return "transport" if vessel else "troops"


def _side(reading: SentenceReading, count: CountMention, noun_end: int) -> str:
    text = reading.text
    with_count = [a for a in reading.actors if count.end <= a.start < noun_end + 1
                  or (a.start >= count.end and words_between(text, count.end, a.start) <= 3)]
    if with_count:
        return reading.side(with_count[0])
    # "Ukrainian losses", "потери ВСУ", "втрати противника": whose losses
    for cue in reading.casualties:
        near = [a for a in reading.actors if (words_between(text, cue.end, a.start) <= 1
                and a.start >= cue.end) or (words_between(text, a.end, cue.start) <= 0
                and a.end <= cue.start)]
        if near and abs(cue.start - count.start) <= 120:
            return reading.side(near[0])
    before = [a for a in reading.actors if a.end <= count.start
              and count.start - a.end <= 80]
    if before:
        return reading.side(before[-1])
    after = [a for a in reading.actors if a.start >= noun_end and a.start - noun_end <= 40]
    return reading.side(after[0]) if after else ""


def quantity_drafts(reading: SentenceReading) -> list[Draft]:
    """Quantity claims of one sentence (see the module docstring)."""
    drafts: list[Draft] = []
    text = reading.text
    for count in reading.counts:
        if ((count.count.best == 1 and _PARTITIVE.match(text, count.end))
                or _TIME_AFTER.match(text, count.end)):
            continue          # "one of the soldiers", "три дня", "десять лет", "12 times"
        currency = _currency(reading, count)
        fields: dict[str, Any] = {"low": count.count.low, "best": count.count.best,
                        "high": count.count.high, "rule": count.count.rule}
        if currency:
            tail = text[count.end:count.end + 60]
            period = _PERIOD.search(tail)
            per_person = bool(_PER_PERSON.search(text)) or bool(
                _DISTRIBUTIVE_PO.search(text[max(0, count.start - 4):count.start]))
            fields.update(kind="payment", unit="money", currency=currency,
                          period=period.lastgroup if period else "", per_person=per_person)
            side = _side(reading, count, count.end)
            if not side and reading.answer_turn and reading.speaker_side == "dprk":
                side = "dprk"    # a North Korean soldier on what he was promised
        else:
            unit, noun_end = _unit(reading, count)
            if not unit:
                continue
            kind = "transport" if unit == "beds" else _kind(reading, count, noun_end)
            if kind == "troops" and count.count.rule == "exact" and count.count.best == 1:
                continue      # "one soldier said": a person, not a count
            fields.update(kind=kind, unit=unit, currency="", period="", per_person=False)
            side = _side(reading, count, noun_end)
            if unit == "people" and re.search(r"(?:человек|людей)\s+$",
                                             text[max(0, count.start - 12):count.start], _F):
                low, best, high = count.count.best * 0.9, count.count.best, count.count.best * 1.1
                fields.update(low=int(low + 0.5), best=best, high=int(high + 0.5), rule="about")
        negated = any(d.end <= count.start for d in reading.denials)
        fields["side"] = side
        drafts.append(Draft("quantity", count.start, side, fields["kind"], None, negated,
                            fields))
    return drafts
