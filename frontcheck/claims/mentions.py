"""Where a sentence names places: settlements to resolve, oblasts, axes and reference points.

A name is a run of capitalised words ("Velyka Novosilka", "Часів Яр", "Нью-Йорк"). It is:

- a ``region`` when an oblast word follows ("Kursk region", "Курской области",
  "Донецкой Народной Республики") or it is a colloquial region ("на Курщині", "ДНР");
- an ``axis`` when an axis word stands next to it ("Pokrovsk axis", "на Покровском
  направлении"): an axis names a direction, not a claim about the town;
- a ``reference`` when it only locates another place ("a town north of Selydove", "10 km
  from Kurakhove", "Песчаное под Покровском", "Нью-Йорк (Новгородское)");
- else a ``settlement`` candidate, ``cued`` when a word such as "village of", "населённый
  пункт", "село" announces it.

Names inside quotation marks («Центр», "Storm Corps") are unit and group names, not places;
countries in any case ("с Украиной"), rivers ("через реку Днепр"), pronouns and prepositions
opening a sentence, numbers opening an answer, and an oblast's adjective before a common noun
("Курское приграничье") name no settlement; "на Запоріжжі" names the region; a quarter of a
town ("the Svitle microdistrict") is a reference point.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from frontcheck.claims.cues import AXIS_WORDS, REFERENCE_BEFORE
from frontcheck.claims.numbers import is_number_word
from frontcheck.places.inflection import adjective_before_noun, opening_word, person_word
from frontcheck.places.regions import REGION_WORDS, match_oblast

__all__ = ["PlaceMention", "find_place_mentions"]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """``kind``: settlement, region, axis or reference; ``oblast`` for regions (and the
    oblast a settlement's own words name, "Dachne in Dnipropetrovsk Oblast")."""

    start: int
    end: int
    text: str
    kind: str
    oblast: str | None = None
    cued: bool = False
    initial: bool = False


_UPPER = "A-ZА-ЯЁІЇЄҐ"
_NAME_WORD = rf"[{_UPPER}][\w'’ʼ]*(?:-[{_UPPER}\w][\w'’ʼ]*)*"
_NAME = re.compile(rf"(?<![\w'’ʼ-]){_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}")
_REGION_AFTER = re.compile(
    r"^[\s,]*(?:oblasts?|regions?|province|област\w*|обл\.|регион\w*|регіон\w*|"
    r"народн\w+\s+республик\w+|people'?s\s+republic)(?![\w])", re.IGNORECASE)
_COLLOQUIAL_REGION = re.compile(r"(?:щин|чин|ччин)[аиіуоюї]?$|^(?:днр|лнр|dpr|lpr)$",
                                re.IGNORECASE)
_SETTLEMENT_CUE = re.compile(
    r"(?:village|villages|town|towns|city|settlement|settlements|hamlet|of\s+the\s+town)"
    r"(?:\s+of)?\s*$|(?:населённ|населенн|населен)\w*\s+пункт\w*\s*$|н\.\s?п\.\s*$|"
    r"(?:сел[оаеу]|селищ\w*|город\w*|міст[оау]|місті|смт|пгт|посёлок|поселок|хутор\w*|"
    r"деревн\w+)\s*$", re.IGNORECASE)
_NEAR_GAP = re.compile(r"^\s*,?\s*(?:near|outside|close\s+to|under|под|около|возле|вблизи|"
                       r"біля|поблизу|неподалік\s+від|під|недалеко\s+от)\s+"
                       # "под окруженным Димитровом": one word qualifying the reference point
                       r"(?:[a-zа-яёіїєґ][\w'’-]*\s+)?$", re.IGNORECASE)
_QUARTER_BEFORE = re.compile(r"(?:northern|southern|eastern|western|central|north-eastern|"
                             r"north-western|south-eastern|south-western)\s+$", re.IGNORECASE)
_BORDER_BEFORE = re.compile(r"(?:border\s+of|borders\s+of|between|на\s+границе|на\s+межі|"
                            r"между|між)\s+(?:the\s+)?$", re.IGNORECASE)
#: "the Svitle microdistrict", "мікрорайон Сонячний": part of a town, not a settlement.
_QUARTER_AFTER = re.compile(r"\s*(?:micro-?district|neighbou?rhood|quarter|микрорайон\w*|"
                            r"мікрорайон\w*|квартал\w*)(?![\w])", re.IGNORECASE)
#: "the Kanal district (Novyi)": another name of the quarter, in brackets after it.
_QUARTER_ALIAS = re.compile(r"(?:district|micro-?district|quarter|мікрорайон\w*|микрорайон\w*|"
                            r"район\w*)\s+\((?:[\w\s]+\s)?$", re.IGNORECASE)
_NONSPACE = re.compile(r"\S+")
_REGION_ADJECTIVE = re.compile(r"(?:ое|ая|ий|ый|ой|ые|ие|ое|ого|ому|ом|ська|ське|ський|ські|"
                               r"ского|ської|ському)$", re.IGNORECASE)
_RIVER_BEFORE = re.compile(r"(?:river|рек[аиуе]|річк[аиуі]|р\.)\s*$", re.IGNORECASE)
_LOWER_NEXT = re.compile(r"\s+[a-zа-яёіїєґ]")
_REGION_LOCATIVE = re.compile(r"(?<![\w])на\s+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
#: "Sudzha's outskirts", "Pokrovsk's eastern part": the possessive is the place itself.
_PART_OF_POSSESSIVE = re.compile(r"\s+(?:(?:northern|southern|eastern|western|central|north|"
                                 r"south|east|west)(?:ern)?\s+)?(?:outskirts|suburbs?|centre|"
                                 r"center|edge|part|districts?|approaches|streets)(?![\w])",
                                 re.IGNORECASE)
_QUOTES_OPEN = "«\"“„'‘"
_QUOTES_CLOSE = "»\"”“'’"
#: Capitalised words that name no place in these texts (sentence openers, countries,
#: organisations, titles); names of actors and claimants are excluded by their spans.
_NOT_PLACES = frozenset(w.lower() for w in """
    The A An In On At Over Under After Before During Since From To For With Without By Of
    And Or But If As That This These Those It Its He She They We I You Our Their His Her
    Map Q Interpreter Answer Question Units Unit Fighters Soldiers Troops Forces Yesterday
    Today Geolocated Fierce Intense Fighting Air Many Most Every Some All One Two Ten No
    Russia Russian Russians Ukraine Ukrainian Ukrainians Korea Korean Koreans North South
    East West Moscow Kyiv Kremlin Pyongyang Europe European NATO US U.S. USA America American
    President Minister Ministry Defence Defense General Staff Army Navy Brigade Corps
    Special Operations Forces Group Centre Center Vladivostok Primorye Rostov
    Россия России Росії Росія Украина Украины Україна України Москва Киев Київ КНДР Кремль
    Пхеньян Владивосток Приморье Приморському Ростов Ростовом Европа США НАТО
    Вопрос Ответ Питання Відповідь Переводчик Перекладач Вчера Учора Вчора Сегодня Сьогодні
    Ночью Уночі Вночі Противник Ворог Враг Наши Наші Силы Сили Подразделения Підрозділи
    Бойцы Бійці Воїни Мапу Мапа ЗСУ ВСУ ВС РФ ЗС МО ГУР СБУ ССО ДРГ НГУ ОМБр ВМФ ВМС КНА
    Генштаб Генштабе Генштабі Минобороны Міноборони Командование Командування
    Я Мы Ми Он Она Они Він Вона Вони Нас Нам Их Їх Его Його Им Їм Мене Меня
    Yes No Да Нет Так Ні Однажды Один Одна Once Sometimes Сначала Спочатку Потом Потім
    Про О Об В Во На Под Під Из Із З С Со У За До От Від Біля Около Возле После Після Для
    Без По При Near Until Since Над Поблизу Вблизи Неподалік Недалеко Близ Around Outside
    Inside Within Across Через Між Между
    Весной Весною Летом Осенью Зимой Навесні Влітку Улітку Восени Взимку Узимку
    Spring Summer Autumn Winter
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    """.split())
#: Countries in any case form ("войне с Украиной", "в Россию", "до Росії"): a village
#: called Ukraina exists, but a country named in a report is the country.
_COUNTRY = re.compile(
    r"(?:украин|україн)(?:а|ы|е|у|ой|ою|и|і|ę)|(?:росси|росі|россі)(?:я|и|ю|ей|ею|ї|і|єю)|"
    # the case endings only: Китайгород, Иранка, Америка-village would be swallowed by \w*
    r"белорусси(?:я|и|ю|ей)|беларус(?:ь|и|ью)|білорус(?:ь|і|ю)|belarus|"
    r"(?:коре|корє)(?:я|и|ю|ей|ї|є|ею|єю)|польш(?:а|и|у|ей|е)|польщ(?:а|і|у|ею)|poland|"
    r"кита(?:й|я|ю|ем|е|єм|ї)|china|иран(?:а|у|ом|е)?|іран(?:у|ом|і)?|iran|сирии|сирія|syria|"
    r"америк(?:а|и|е|у|ой|ою|і)|america|сша|usa|европ(?:а|ы|е|у|ой)|європ(?:а|и|і|у|ою)|europe",
    re.IGNORECASE)


#: A title before a name ("General Syrskyi", "губернатор Гладков"): a person.
_TITLE_BEFORE = re.compile(
    # whole words only: "ms" in "claims", "mp" in "camp" are no titles
    r"(?<![\w])(?:president|gen\.|general|commander|governor|minister|spokes(?:man|woman|person)|"
    r"colonel|lieutenant|mr\.?|mrs\.?|ms\.?|mp|lawmaker|blogger|analyst|head|chief|mayor|"
    r"генерал\w*|губернатор\w*|президент\w*|министр\w*|міністр\w*|командир\w*|"
    r"командувач\w*|командующ\w*|глав[аеуы]\w*|очільник\w*|спикер\w*|речник\w*|"
    r"пресс-секретар\w*|прес-секретар\w*|полковник\w*|подполковник\w*|підполковник\w*|"
    r"депутат\w*|блогер\w*|военкор\w*|журналист\w*|журналіст\w*|мэр\w*|мер\w*|"
    r"аналитик\w*|аналітик\w*|генерал-\w+|"
    # "за словами Коваленка", "по словам Марочко", "according to Voloshyn": who speaks
    r"за\s+словами|по\s+словам|со\s+слов|зі\s+слів|according\s+to)\s+(?:[\w'’.-]+\s+){0,2}$",
    re.IGNORECASE)
#: A verb of saying right after a name ("Budanov said", "Сырский заявил"): places don't speak.
_SAYING_AFTER = re.compile(
    r"\s*(?:said|says|told|stated|claimed|wrote|added|noted|stressed|warned|announced|"
    r"заяви\w*|сообщи\w*|написа\w*|рассказа\w*|доложи\w*|отмети\w*|подчеркну\w*|"
    r"уточни\w*|пояснил\w*|признал\w*|повідоми\w*|розпові\w*|зазначи\w*|доповів|"
    r"доповіла|підкресли\w*|пояснив\w*|визнав|визнала|підтверди\w*|подтверди\w*|додав\w*|"
    r"добави\w*|сказа\w*|наголоси\w*|заверши\w*\s+(?:свою|своє)|вважає|считает|"
    r"emphasi[sz]ed|insisted|explained|confirmed|admitted)(?![\w])",
    re.IGNORECASE)


#: "уточнив Волошин", "— said Budanov": a verb of saying just before a name, after a
#: quotation or a comma, puts a person there.
_SAYING_BEFORE = re.compile(
    r"[,—–]\s*(?:[\w-]+\s+)?(?:said|says|told|added|noted|stressed|wrote|explained|"
    r"сказа\w*|заяви\w*|сообщи\w*|отмети\w*|добави\w*|уточни\w*|пояснил\w*|подчеркну\w*|"
    r"написа\w*|повідоми\w*|зазначи\w*|додав\w*|пояснив\w*|наголоси\w*|розпові\w*|"
    r"підкресли\w*)\s+$", re.IGNORECASE)
#: "Північну частину Мирнограда", "southern part": a compass adjective before a part.
_COMPASS_WORD = re.compile(r"(?:північн|південн|східн|західн|центральн|северн|южн|восточн|"
                           r"западн)\w*$", re.IGNORECASE)
_PART_AFTER = re.compile(r"\s+(?:частин\w*|част[ьиі]\w*|окраїн\w*|окраин\w*|околиц\w*|"
                         r"район\w*|сектор\w*|передмі\w*|пригород\w*|квартал\w*)", re.IGNORECASE)
#: "на Слов'янському – шість", "на Покровском": a town's adjective after "на" names its
#: axis (the axis word left out in a list of axes), never the town ("в Покровске").
_AXIS_ADJECTIVE = re.compile(r"(?:ському|ськом|ском|цькому|цком|зькому|зком)$", re.IGNORECASE)
_ON_BEFORE = re.compile(r"(?<![\w])на\s+$", re.IGNORECASE)
#: "the Glushkovo region", "Pokrovsk district": a district named after its town (an oblast
#: is read before), where something happened, not the town.
_DISTRICT_AFTER = re.compile(r"\s*(?:regions?|district|raion)(?![\w])", re.IGNORECASE)
#: A list going on after a direction: "у бік Хатнього, Одрадного", "north of X and Y".
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:и|й|і|та|and|or|або|или)\s+)?|(?:и|й|і|та|and|or|або|"
                       r"или)\s+)$", re.IGNORECASE)


def _direction_list(text: str, mentions: list[PlaceMention], start: int) -> bool:
    """Whether a name goes on a list whose first name only gives a direction or locates."""
    if not mentions or mentions[-1].kind != "reference":
        return False
    last = mentions[-1]
    return _LIST_GAP.fullmatch(text[last.end:start]) is not None and REFERENCE_BEFORE.search(
        text[max(0, last.start - 60):last.start]) is not None


#: "Donetsk strongholds", "Kharkiv front": an oblast's name before a lower-case noun.
_LOWER_WORD_AFTER = re.compile(r"\s+([а-яёіїєґ][а-яёіїєґ'’-]+)")
_OBLAST_ADJECTIVE_EN = re.compile(
    r"\s+(?!(?:is|was|were|has|had|fell|falls|remains|will|and|or|on|in|at|to|by|as|the|a)\b)"
    r"[a-z]")
_IN_BEFORE = re.compile(r"(?:\bin|\bof|(?<![\w])(?:в|у|на))\s+$", re.IGNORECASE)


def _is_person(name: str, before: str, after: str) -> bool:
    """People are no settlements: a name after a title, before a verb of saying, or a
    given name and surname as pymorphy3 reads them ("Денис Пушилин"), never as a place."""
    if _TITLE_BEFORE.search(before) or _SAYING_AFTER.match(after):
        return True
    # a surname alone is not enough: villages are named like surnames (Горняк, Димитров)
    words = name.split()
    return len(words) == 2 and person_word(words[0]) == "given" and person_word(
        words[1]) == "surname"


def _region_oblast(name: str, after: str) -> str | None:
    words = name.split()
    if _REGION_AFTER.match(after):
        return match_oblast(words[-1]) or match_oblast(name)
    if words[-1].lower() in REGION_WORDS or any(w.lower() in REGION_WORDS for w in words[1:]):
        head = next((w for w in words if w.lower() not in REGION_WORDS), words[0])
        return match_oblast(head)
    if len(words) == 1 and _COLLOQUIAL_REGION.search(name):
        return match_oblast(name)
    return None


def _region_split(name: str, after: str) -> int:
    """Where the oblast begins in "Settlement Oblast-adjective (область)", else 0."""
    words = list(_NONSPACE.finditer(name))
    for i in range(1, len(words)):
        rest = name[words[i].start():]
        if match_oblast(words[i].group()) and _region_oblast(rest, after) is not None \
                and match_oblast(name[:words[i].start()].strip()) is None:
            return words[i].start()
    return 0


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading and trailing words that are no part of a place name."""
    words = list(_NONSPACE.finditer(text[start:end]))
    while words and (words[0].group().lower().rstrip("'’s") in _NOT_PLACES
                     or words[0].group().lower() in _NOT_PLACES
                     or _POSSESSIVE.search(words[0].group())):
        words.pop(0)
    while words and words[-1].group().lower() in _NOT_PLACES:
        words.pop()
    if not words:
        whole = list(_NONSPACE.finditer(text[start:end]))
        if len(whole) == 1 and _POSSESSIVE.search(whole[0].group()) \
                and _PART_OF_POSSESSIVE.match(text, end):
            return start, end - 2     # "Sudzha’s outskirts": Sudzha
        return start, start
    return start + words[0].start(), start + words[-1].end()


def find_place_mentions(text: str, excluded: Sequence[tuple[int, int]] = (),
                        sentence_start: int = 0) -> list[PlaceMention]:
    """Place names in one sentence, in order; ``excluded`` spans (actors, claimants, dates)
    are skipped; ``sentence_start`` is where the sentence's own text begins (after a speaker
    turn such as "A:"), so that its first word is marked ``initial``.

    Examples
    --------
    >>> text = ("Russia's MoD said it took Ukrainsk, a town north of Selydove, and fought "
    ...         "on the Pokrovsk axis in the Donetsk region.")
    >>> [(m.text, m.kind) for m in find_place_mentions(text, excluded=[(0, 12)])]
    [('Ukrainsk', 'settlement'), ('Selydove', 'reference'), ('Pokrovsk', 'axis'), \
('Donetsk', 'region')]
    """
    if not isinstance(text, str) or not text:
        return []
    mentions: list[PlaceMention] = []
    for match in _NAME.finditer(text):
        start, end = _strip(text, match.start(), match.end())
        if start >= end or any(start < b and a < end for a, b in excluded):
            continue
        name = text[start:end]
        if start > 0 and text[start - 1] in _QUOTES_OPEN and text[end:end + 1] in _QUOTES_CLOSE:
            continue
        before, after = text[max(0, start - 40):start], text[end:end + 40]
        if _QUARTER_BEFORE.search(before) and match_oblast(name):
            # "southern Donetsk" is the oblast; "central Kurakhove" is the town
            mentions.append(PlaceMention(start, end, name, "region", match_oblast(name)))
            continue
        split = _region_split(name, after)
        region_part: PlaceMention | None = None
        if split:   # "Суджа Курской области": a settlement, then its oblast
            rest = text[start + split:end]
            tail = _REGION_AFTER.match(after)
            region_part = PlaceMention(start + split, end + (tail.end() if tail else 0), rest,
                                       "region", _region_oblast(rest, after))
            name = text[start:start + split].rstrip()
            end = start + len(name)
            after = text[end:end + 40]
        oblast = _region_oblast(name, after)
        if oblast is not None:
            tail = _REGION_AFTER.match(after)
            mentions.append(PlaceMention(start, end + (tail.end() if tail else 0), name,
                                         "region", oblast))
            continue
        if name.lower() in _NOT_PLACES or (_COUNTRY.fullmatch(name) and not _SETTLEMENT_CUE.search(
                before)):
            continue
        if " " not in name and _REGION_ADJECTIVE.search(name) and _LOWER_NEXT.match(after) \
                and not AXIS_WORDS.match(after.lstrip()) and match_oblast(name) \
                and not _SETTLEMENT_CUE.search(before):     # "села Запорожского" is a village
            continue     # "Курское приграничье", "Донецкий кряж": the oblast's adjective
        if start <= sentence_start + 1 and is_number_word(name):
            continue     # "Десять днів, потім ...": a number opening an answer
        if _RIVER_BEFORE.search(before):
            continue     # "через реку Днепр", "across the Oskil river": a river
        if _REGION_LOCATIVE.search(before) and name.endswith(("і", "ї")) and match_oblast(name):
            # Ukrainian names a region with на + locative: "в Щербаках на Запоріжжі"
            mentions.append(PlaceMention(start, end, name, "region", match_oblast(name)))
            continue
        if not _SETTLEMENT_CUE.search(before) and (_is_person(name, before, after)
                                                   or _SAYING_BEFORE.search(before)):
            continue     # "Буданов заявив", "генерал Сирський", "уточнив Волошин": a person
        if " " not in name and _COMPASS_WORD.match(name) and _PART_AFTER.match(after):
            continue     # "Північну частину Мирнограда": part of the town named after it
        if start <= sentence_start + 1 and " " not in name and opening_word(name):
            continue     # "Конечно, ...", "Штурмовые группы ...": capitalised as a first word
        following = _LOWER_WORD_AFTER.match(after)
        if " " not in name and following and adjective_before_noun(name, following.group(1)):
            continue     # "Центральной группировки", "Північну частину": an adjective
        oblast_named = match_oblast(name) if " " not in name else None
        if oblast_named and _OBLAST_ADJECTIVE_EN.match(after):
            continue     # "the key Donetsk strongholds": the oblast's adjective
        if oblast_named and mentions and mentions[-1].kind == "settlement" and \
                _IN_BEFORE.search(before):
            # "Stepnohirsk in Zaporizhzhia": the oblast that locates the place before it
            mentions.append(PlaceMention(start, end, name, "region", oblast_named))
            continue
        if AXIS_WORDS.match(after.lstrip()) or (
                " " not in name and _ON_BEFORE.search(before) and _AXIS_ADJECTIVE.search(name)):
            kind = "axis"
        elif REFERENCE_BEFORE.search(before) or _BORDER_BEFORE.search(before) \
                or _QUARTER_AFTER.match(after) or _QUARTER_ALIAS.search(before) \
                or _DISTRICT_AFTER.match(after) or _direction_list(text, mentions, start):
            kind = "reference"
        elif mentions and mentions[-1].kind == "settlement" and (
                _NEAR_GAP.match(text[mentions[-1].end:start])
                or text[mentions[-1].end:start].strip() == "("):
            kind = "reference"   # "Песчаное под Покровском", "Нью-Йорк (Новгородское)"
        else:
            kind = "settlement"
        mentions.append(PlaceMention(
            start, end, name, kind, cued=_SETTLEMENT_CUE.search(before) is not None,
            initial=start <= sentence_start + 1))
        if region_part is not None:
            mentions.append(region_part)
    return mentions
