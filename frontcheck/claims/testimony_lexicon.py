"""Topic recognition by concept lexicons: which testimony topics a sentence speaks of, read
from its words' lemmas, when the typed readers (``testimony_topics``) give no value for them.

The typed readers find a topic's *value* (a date, a count, a carrier); many sentences speak of
a topic without a value they know ("the training was hard", "мы ехали долго"), and the witness
labels need the topic all the same. Each topic here is a few rules; a rule is a tuple of word
groups that must all occur in the sentence ("knew" + "war or destination"). The words are the
general vocabulary an analyst would list for the issue's topic, in three languages:

- Russian and Ukrainian words are lemmas, matched against pymorphy3's normal forms of the
  sentence's words (the dictionaries both analysers ship), so that every case and tense of
  "плен", "погибнуть", "навчання" is one entry;
- English words are written with their forms (English inflects little: a regular expression
  per word, ``train(?:ed|ing)``), matched against whole lower-case words; a phrase ("taken
  prisoner") is matched on consecutive words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

__all__ = ["lexicon_topics", "lemmas"]

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)

Group = tuple[str, ...]
#: topic → rules; a rule holds when every one of its groups has a word in the sentence.
_RULES: dict[str, tuple[tuple[Group, ...], ...]] = {}

_KNOW = ("told", "informed?", "knew", "know", "known", "knowing", "aware", "idea",
         "learn(?:ed|t)", "found out", "reali[sz]ed", "узнать", "понять", "дізнатися",
         "зрозуміти",
         "thought", "believed?", "expected", "deceived?", "lied", "misled",
         "знать", "сказать", "говорить", "думать", "понятие", "предупредить", "сообщить",
         "обмануть", "представление", "unaware", "unknowingly", "understand", "understood",
         "tricked", "duped", "secret", "dark", "hid(?:den)?", "concealed",
         "подозревать", "неведение", "скрывать", "секрет", "підозрювати", "приховувати",
         "таємниця",
         "знати", "сказати", "казати", "думати", "гадка", "уявлення", "повідомити",
         "обдурити",
         # what a contract or an order said of it ("the contract never mentioned Ukraine")
         "mention(?:ed|s)?", "stated", "promised", "ordered", "orders",
         "упоминать", "обещать", "приказать", "приказ", "згадувати", "обіцяти", "наказати",
         "наказ")
#: Where, and to do what, they were sent: war, the front, a destination, or exercises.
_DESTINATION = ("war", "fight(?:ing)?", "front(?:line)?", "combat", "battle\\w*",
                "deploy\\w*", "destination", "exercises?", "drills?", "sent",
                "война", "воевать", "фронт", "бой", "куда", "учение", "отправить",
                "командировка", "отправлять",
                "війна", "воювати", "бій", "куди", "навчання", "відправити", "відрядження",
                "відправляти",
                # where they were going: a country or a place ("did not know he was in Russia")
                "russia", "ukraine", "kursk", "where", "россия", "украина", "курск", "україна",
                "росія", "training",
                # what he was signed up for: the army, a contract
                "army", "military", "contract", "enlist\\w*", "армия", "армія", "контракт",
                "военный", "військовий",
                # what they were sent to do: the mission
                "mission", "task", "objective", "задача", "задание", "миссия", "завдання",
                "місія")
#: A trip he took for another reason (a tourist's visit, a race): what he thought he was doing.
_OTHER_TRIP = ("tourists?", "visitors?", "sightseeing", "holiday", "турист", "туристический",
               "туристичний", "відпочинок", "отдых")
_RULES["knew_deployment"] = ((_KNOW, _DESTINATION), (_OTHER_TRIP,))

_RULES["training"] = ((
    ("train(?:ed|ing|ers?|ees?)", "instructors?", "taught", "teach(?:ing)?", "drills?",
     "boot camp", "course", "learn(?:ed|t|ing)? (?:to|how)", "practi[cs]ed",
     "подготовка", "обучение", "обучать", "обучить", "учить", "учиться", "научить", "тренировка",
     "тренировать", "инструктор", "полигон", "курс",
     "підготовка", "навчання", "навчати", "навчити", "вчити", "вчитися", "навчатися", "тренування", "тренувати",
     "інструктор", "полігон", "вишкіл"),),)

_RULES["transport"] = ((
    ("planes?", "airplanes?", "aircraft", "flights?", "flew", "flown", "fly(?:ing)?",
     "by train", "trains", "railway", "rail", "ships?", "boats?", "ferry", "bus(?:es)?",
     "trucks?", "lorr(?:y|ies)", "vehicles?", "transport\\w*", "convoy", "on foot",
     "marched", "пешком", "пішки",
     "самолёт", "самолет", "рейс", "лететь", "прилететь", "поезд", "эшелон", "вагон",
     "корабль", "судно", "автобус", "грузовик", "машина", "везти", "перевезти",
     "перебросить", "транспорт", "колонна",
     "літак", "летіти", "прилетіти", "потяг", "поїзд", "ешелон", "вагон", "корабель",
     "автобус", "вантажівка", "везти", "перевезти", "перекинути", "транспорт",
     "колона", "tickets?", "airports?", "билет", "аэропорт", "квиток", "аеропорт"),),)

_RULES["arrival"] = ((
    # "sent to the front" is not here: it says where they were sent more often than that
    # they got there (it made the dev labels worse)
    # "travelled to Russia" is not here: going, not arriving (it made dev labels worse)
    ("arriv(?:e|ed|al|ing)", "ended up in russia", "приехать в россия", "приїхати в росія",
     "приїхати до росія", "reached", "landed", "got to", "came to",
     "came into", "entered russia", "crossed into",
     "(?:were|was|been|got) (?:deployed|dispatched|redeployed|stationed|posted)",
     "(?:deployed|dispatched|redeployed|stationed) (?:to|in|into|at)",
     "went to (?:russia|kursk|the)", "(?:came|went) to russia", "deployment to",
     "прибыть", "приехать", "прилететь", "прибытие",
     "been here for", "(?:began|started) fighting", "начать воевать", "почати воювати",
     "перейти на территория", "перейти на територія", "зайти на территория",
     "прибути", "приїхати", "прилетіти", "прибуття"),),)

_RULES["unit"] = ((
    # "unit" alone is not here: "the unit he was serving with" speaks of his surrender
    ("brigades?", "battalions?", "regiments?",
     "divisions?", "corps", "platoons?",
     "squads?", "commanders?", "officers?", "special forces", "formations?",
     "бригада", "батальон", "полк", "дивизия", "корпус", "рота",
     "взвод", "отделение", "командир", "офицер", "спецназ",
     "бригада", "батальйон", "полк", "дивізія", "корпус", "рота",
     "взвод", "відділення", "командир", "офіцер", "спецпризначенець",
     # his service: what he served as ("служба" alone is also the SBU's; "served" and
     # "serving" say in what army more often than in which unit)
     "enlisted", "conscript\\w*", "snipers?", "riflem[ae]n",
     "reconnaissance", "служить", "снайпер", "стрелок", "разведчик", "призвать",
     "стрілець", "розвідник", "призвати", "legion", "легион", "легіон"),),)

_RULES["capture"] = ((
    ("captured", "capture", "surrender(?:ed)?", "taken prisoner", "taken prison", "taken captive", "caught",
     "detained", "pick(?:ed)? up", "found (?:him|them|me)",
     # papers carried when taken: the capture's documents
     "military id", "id card", "identity card", "identity papers",
     "военный билет", "удостоверение личность", "військовий квиток", "посвідчення особа",
     "custody", "apprehended", "captive", "captivity", "took (?:him|them|me|us) (?:prisoner|captive)",
     "taken alive", "captured alive", "fell into", "his capture", "their capture",
     "found by (?:ukrainian|the|russian)",
     # how he was taken: hiding, wounded in a dugout, seized
     "seized", "hid", "hiding", "dugouts?", "прятаться", "скрываться", "блиндаж", "схватить",
     "ховатися", "переховуватися", "бліндаж", "схопити",
     "пленить", "захватить", "задержать", "сдаться", "плен", "полон",
     "взять в плен", "попасть в плен", "взяли в плен", "сдаться в плен",
     "захопити", "затримати", "здатися", "взяти в полон", "потрапити в полон",
     "полонити",
     # how he was held: his captors, beatings, torture, interrogation, the cell
     "captors?", "beat(?:en|ings?)", "tortur(?:e|ed|ing)", "detention", "interrogat\\w*",
     "mistreat\\w*", "abuse[d]?", "cellmates?", "cell mates?", "executed", "execution",
     "пытка", "пытать", "избивать", "избить", "допрос", "допрашивать", "камера",
     "катування", "катувати", "побиття", "допит", "допитувати"),),)

_DEATH = ("killed", "kill civilians", "kill any civilians", "killing civilians",
          "murder(?:ed|s)?",
          "died", "dead", "deaths?", "die",
          "dying", "casualt(?:y|ies)", "losses",
          "perished", "fatalit(?:y|ies)", "bodies", "body", "survivors?", "survived",
          "wiped out", "annihilated", "lives", "comrades (?:were|was) (?:killed|lost)",
          "убить", "погибнуть", "гибель", "смерть", "мёртвый", "мертвый", "умереть",
          "потеря", "убитый", "погибший", "тело", "убийство", "убивать", "вбивство", "вбивати",
          "вбити", "загинути", "загибель", "смерть", "мертвий", "померти", "втрата",
          "загиблий", "тіло")
#: The wounded among many ("many of his comrades were wounded"): the toll, not his own wound.
_WOUNDED = ("wounded", "injured", "раненый", "ранить", "поранений", "поранити")
_MANY = ("comrades?", "fellow", "many", "most", "hundreds", "thousands", "dozens", "others",
         "troops", "товарищ", "сослуживец", "многие", "многий", "сотня", "тысяча", "побратим",
         "багато", "сотні", "тисяча", "інший", "другой")
_RULES["casualties"] = ((_DEATH,), (_WOUNDED, _MANY))

#: Money alone is no pay: "went to earn money" is a motive (``testimony_topics.read_pay``).
_RULES["pay"] = ((
    ("paid", "pay", "payment", "salary", "salaries", "wages?", "dollars?", "roubles?",
     "rubles?", "reward", "compensation", "earnings",
     "платить", "заплатить", "зарплата", "доллар", "рубль", "вознаграждение",
     "выплата", "компенсация", "оплата",
     "платити", "заплатити", "зарплата", "долар", "рубль", "винагорода",
     "виплата", "компенсація", "оплата"),),)

_FAMILY = ("family", "families", "parents?", "mother", "mom", "father", "dad", "wife",
           "brothers?", "sisters?", "relatives", "children", "son", "daughter",
           "семья", "родители", "родитель", "мать", "мама", "отец", "папа", "жена", "брат",
           "сестра", "родственник", "родные", "дети", "сын", "дочь",
           "сім'я", "сімʼя", "родина", "батьки", "мати", "мама", "батько", "тато", "дружина",
           "брат", "сестра", "родич", "рідні", "діти", "син", "донька")
_CONTACT = ("contact\\w*", "call(?:ed|s)?", "phoned?", "letters?", "wr(?:ite|ote)",
            # what the family thinks of him, and he of them: the contact they lack
            "thinks?", "think", "believes?", "worr(?:y|ies|ied)", "miss(?:es|ed)?",
            "talk(?:ed)?", "spoke", "speak", "heard", "news", "know(?:s)?", "knew", "tell",
            "told",
            "связаться", "связь", "звонить", "позвонить", "письмо", "писать", "написать",
            "говорить", "слышать", "весть", "знать", "сообщить",
            "in touch", "messages?", "passed on", "reach(?:ed)?", "сообщение", "передать",
            "весточка", "повідомлення", "передати",
            "зв'язатися", "звʼязатися", "зв'язок", "звʼязок", "дзвонити", "зателефонувати",
            "лист", "писати", "написати", "говорити", "чути", "звістка", "знати",
            "повідомити", "новость", "новина",
            # "hopes his family will see him in the news" ("see" alone is a wish to meet)
            "see him in", "see me in", "see us in", "see them in", "see him on",
            "see me on")
_RULES["family_contact"] = ((_FAMILY, _CONTACT),)

_WISH = ("wants?", "wanted", "wish(?:es|ed)?", "hopes?", "hoped", "plans?", "planned",
         "dreams?", "would like", "intends?", "prefers?", "willing", "desire", "ready",
         "willingness", "intention", "desires", "hope",
         "would", "will", "plead(?:s|ed|ing)?", "begg?(?:ed|s|ing)?", "умолять", "благати",
         "\\w+'ll", "\\w+'d", "decided", "decision", "asked", "asks", "request\\w*",
         "seek(?:s|ing)?", "apply(?:ing)?", "applied", "choose", "chose", "leaning",
         "consider(?:s|ing|ed)?", "thinking", "рассматривать", "подумывать", "розглядати",
         "хотеть", "мечтать", "надеяться", "планировать", "намереваться", "желать",
         "готовый", "просить", "попросить",
         "хотіти", "мріяти", "сподіватися", "планувати", "мати намір", "бажати", "готовий",
         "просити", "попросити")
_AFTER = ("return(?:ed|ing)?", "home", "homeland", "back", "stay", "remain", "live",
          "south korea", "seoul", "exchange", "defect(?:ed|ing|ion)?", "asylum", "citizenship",
          "go to south", "go to the south", "new life", "the south", "fight for ukraine",
          "republic of korea", "rok", "fight against russia", "республика корея",
          "республіка корея",
          "join the ukrainian",
          "вернуться", "домой", "родина", "остаться", "жить", "обмен", "южный корея",
          "сеул", "убежище", "гражданство",
          "повернутися", "додому", "батьківщина", "залишитися", "жити", "обмін",
          "південний корея", "сеул", "притулок", "громадянство")
_RULES["intent"] = ((_WISH, _AFTER), (
    # a plea to be taken out: the wish to leave
    ("get (?:us|me|them|him) out", "take (?:us|me|them) home", "rescue (?:us|me|them)",
     "вытащить", "забрать отсюда", "спасти", "витягти", "витягнути", "забрати звідси",
     "врятувати"),))

#: Capture held to be treason: why men were told to die rather than be taken.
_TREASON = ("treason", "betrayal", "traitors?", "предательство", "предатель", "измена",
            "зрада", "зрадник")
_TAKEN = ("captured", "capture", "captivity", "surrender(?:ed|ing)?", "taken prisoner", "плен",
          "сдаться", "полон", "здатися")
_RULES["suicide_orders"] = ((_TREASON, _TAKEN), (
    ("suicide", "self-detonat\\w*", "self-destruct\\w*", "(?:blow|blew|blown|blowing) "
     "(?:himself|themselves|ourselves|myself|yourself) up",
     "kill(?:ed|ing|s)? (?:himself|themselves|ourselves|myself|yourself)",
     "(?:rather|better) die", "die rather", "choose death", "(?:not|never) be (?:taken|captured) alive",
     "take (?:his|their|our|my) own", "end (?:his|their|our|my) li(?:fe|ves)",
     "end (?:his|their|our|my) own li(?:fe|ves)",
     "detonat\\w*",
     "grenades?", "explosives?",
     "самоубийство", "самоподрыв", "подорвать", "подорваться", "застрелиться", "граната",
     "самоуничтожение", "самоліквідація",
     "покончить",
     "самогубство", "самопідрив", "підірвати", "підірватися", "застрелитися", "граната",
     "покінчити"),),)


def _forms(word: str) -> frozenset[str]:
    """The normal forms (lemmas) of a Cyrillic word by the Russian and Ukrainian analysers,
    with the word itself."""
    return _lemmas_of(word.casefold())


@lru_cache(maxsize=20000)
def _lemmas_of(word: str) -> frozenset[str]:
    found = {word}
    for analyzer in _analyzers():
        for parse in analyzer.parse(word)[:2]:
            found.add(parse.normal_form.replace("ё", "е"))
    return frozenset(found)


@lru_cache(maxsize=1)
def _analyzers() -> tuple[Any, ...]:
    import pymorphy3  # loads its dictionaries (~0.3 s): only when a Cyrillic word comes

    return (pymorphy3.MorphAnalyzer(lang="ru"), pymorphy3.MorphAnalyzer(lang="uk"))


def lemmas(sentence: str) -> list[frozenset[str]]:
    """Each word of the sentence as the set of forms it may stand for: a Cyrillic word's
    lemmas (and itself), a Latin word in lower case.

    >>> "погибнуть" in lemmas("Погибли многие")[0], lemmas("Many died")[1]
    (True, frozenset({'died'}))
    """
    out = []
    for match in _WORD.finditer(sentence):
        word = match.group(0).casefold().replace("’", "'").replace("ʼ", "'")
        out.append(_forms(word) if _CYRILLIC.search(word) else frozenset((word,)))
    return out


def _entry_matches(entry: str, words: list[frozenset[str]]) -> bool:
    parts = entry.casefold().replace("ё", "е").split()
    if _CYRILLIC.search(entry):
        return any(all(parts[k] in words[i + k] for k in range(len(parts)))
                   for i in range(len(words) - len(parts) + 1))
    patterns = [_english(p) for p in parts]
    return any(all(any(patterns[k].fullmatch(w) for w in words[i + k])
                   for k in range(len(parts)))
               for i in range(len(words) - len(parts) + 1))


@lru_cache(maxsize=2048)
def _english(part: str) -> re.Pattern[str]:
    return re.compile(part)


def _holds(groups: Iterable[Group], words: list[frozenset[str]]) -> bool:
    return all(any(_entry_matches(e, words) for e in group) for group in groups)


def lexicon_topics(sentence: str) -> list[str]:
    """The topics a sentence speaks of by its words (module docstring), in ``_RULES`` order.

    >>> lexicon_topics("Нас везли на фронт на поезде, а потом мы долго учились.")
    ['training', 'transport']
    >>> lexicon_topics("I could not call my mother and want to go back home.")
    ['family_contact', 'intent']
    """
    words = lemmas(sentence)
    if not words:
        return []
    return [topic for topic, rules in _RULES.items()
            if any(_holds(rule, words) for rule in rules)]
