"""The cue patterns of the testimony reader (``claims.testimony``): the words, in English,
Russian and Ukrainian, that name a topic, a facet or its value, a negation, a speaker's voice,
a question answered by a gesture, and the place names a place of an event is not.
"""

from __future__ import annotations

import re

_F = re.IGNORECASE


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(parts) + r")(?![\w])", _F)



_NEGATION = _rx(r"not", r"no", r"never", r"n['’]t", r"\w+n['’]t", r"cannot", r"nothing", r"without", r"neither", r"nor",
                r"nobody", r"не", r"нет", r"ни", r"ніхто", r"никто", r"без", r"никогда",
                r"ні", r"ніколи", r"немає", r"нема", r"ничего", r"нічого", r"denied", r"denies")
_FIRST = _rx(r"I", r"me", r"my", r"we", r"us", r"our", r"я", r"мне", r"меня", r"мой", r"моя",
             r"моей", r"моих", r"мы", r"нас", r"нам", r"наш\w*", r"мені", r"мене", r"мій",
             r"моя", r"моєї", r"ми", r"нас", r"нам")
_REPORTED = _rx(r"he\s+(?:said|says|told|added|explained|claimed|recalled|stated)",
                r"(?:said|says|told|added|explained|recalled)\s+(?:the\s+)?(?:soldier|prisoner|"
                r"man|pow|he)", r"according\s+to\s+(?:him|the\s+(?:soldier|prisoner))",
                r"he\s+(?:was|had\s+been)\s+(?:told|promised)", r"he", r"his", r"him", r"он", r"він",
                r"по\s+его\s+словам", r"по\s+словам\s+(?:пленного|солдата|военного)",
                r"он\s+(?:рассказал|сказал|заявил|признался|добавил|пояснил)", r"ему",
                r"его", r"за\s+його\s+словами", r"він\s+(?:розповів|сказав|заявив|додав|"
                r"пояснив|зізнався)", r"йому", r"його")
_QUESTION = _rx(r"(?:when\s+|after\s+being\s+|being\s+)?asked\s+(?:whether|if|about|what|how|"
                r"where|when)", r"на\s+вопрос", r"на\s+питання", r"когда\s+(?:его\s+)?спросили",
                r"коли\s+(?:його\s+)?запитали", r"спрошенный", r"запитаний")
_GESTURE_YES = _rx(r"nodd?(?:ed|s)?", r"кивн\w*", r"кива\w*", r"кивав")
_GESTURE_NO = _rx(r"shook\s+(?:his|her|their)\s+heads?", r"shakes\s+(?:his|her)\s+head",
                  r"shaking\s+(?:his|her)\s+head", r"покача\w*\s+головой",
                  r"помота\w*\s+головой", r"похита\w*\s+головою", r"хита\w*\s+головою")

#: Knowing or being told (not a reporting verb: "he said", "сказав, що", "told reporters" are
#: how an outlet gives his words, not what he was told).
_TOLD = _rx(r"(?:was|were|been|being|wasn['’]t|weren['’]t)\s+(?:\w+\s+)?(?:told|informed)",
            r"told\s+(?:us|them|him|me|the\s+(?:soldiers|men|troops))", r"informed",
            r"thought", r"believed", r"assumed", r"knew", r"know", r"known", r"aware", r"idea",
            r"explained\s+to\s+(?:us|them|him|me)", r"learn(?:ed|t)", r"found\s+out",
            r"reali[sz]ed", r"сказали", r"говорили", r"объяснили", r"думал\w*", r"знал\w*",
            r"знаю", r"знать", r"понятия", r"предупрежд\w*", r"казали", r"пояснили",
            r"думав", r"знав", r"знали", r"знати", r"гадки", r"уявлення", r"повідомили",
            r"сообщили", r"узнал\w*", r"дізна\w*", r"под\s+видом", r"під\s+виглядом",
            r"ніби", r"будто", r"якобы")
_WAR = _rx(r"war", r"fight\w*", r"combat", r"front\w*", r"battle\w*", r"ukrain\w*",
           r"russia", r"kursk", r"where\s+(?:they|we|he)\s+(?:were|was)\s+(?:going|being\s+sent)",
           r"where\s+(?:they|we|he)\s+would\s+(?:go|be)", r"destination", r"войн\w*", r"воева\w*",
           r"воюва\w*", r"фронт\w*", r"бо[йе]\w*", r"украин\w*", r"росси\w*", r"курск\w*",
           r"куда", r"куди", r"війн\w*", r"україн\w*", r"росі\w*", r"курськ\w*", r"бойов\w*")
#: Words of war itself (not a country's or a place's name): knowing it was war.
_WAR_WORDS = _rx(r"war", r"fight\w*", r"fought", r"combat", r"front\w*", r"battle\w*",
                 r"войн\w*", r"воева\w*", r"воюва\w*", r"фронт\w*", r"бо[йе]\w*", r"війн\w*",
                 r"бойов\w*")
_EXERCISE = _rx(r"exercises?", r"drills?", r"training", r"study", r"studies", r"учени\w*",
                r"учёб\w*", r"учеб\w*", r"обучени\w*", r"навчанн\w*", r"стажировк\w*",
                r"тренировк\w*", r"тренуванн\w*", r"стажуванн\w*")

_TRAINING = _rx(r"train(?:ed|ing|ers?|ees?)(?!\s+(?:journey|station|ride|car|carriages?|trip))",
                r"drill\w*", r"instruct\w*", r"подготовк\w*", r"подготов\w+", r"обучени\w*",
                r"обучал\w*", r"обучен\w*", r"учили", r"тренир\w*", r"тренировк\w*",
                r"підготовк\w*", r"навчанн\w*", r"навчал\w*", r"навчили", r"вчили",
                r"вишкіл\w*", r"тренуванн\w*", r"полигон\w*", r"полігон\w*")
_DURATION = re.compile(
    r"(?<![\w])(?:(?P<n>(?:\d+(?:(?:\s*[-–]\s*|\s+(?:to|до|or|или|або)\s+)\d+)?|[^\W\d_]+"
    r"(?:(?:\s*[-–]\s*|\s+(?:to|до|or|или|або)\s+)[^\W\d_]+)?))[\s-]+)?(?P<unit>days?|weeks?|months?|дн(?:я|ей|і|ів)|день|"
    r"недел[ьюиья]|недель|неделей|месяц\w*|тижн(?:і|ів|я|ем)|тиждень|місяц\w*|діб)(?![\w])", _F)
_UNIT_DAYS = (("day", 1), ("дн", 1), ("ден", 1), ("діб", 1), ("week", 7), ("недел", 7),
              ("тиж", 7), ("month", 30), ("месяц", 30), ("місяц", 30))
_SMALL: dict[str, int | tuple[int, int]]
_SMALL = {"a": 1, "an": 1, "one": 1, "один": 1, "одну": 1, "одна": 1, "одного": 1, "один-два": 1,
          "two": 2, "два": 2, "две": 2, "дві": 2, "двух": 2, "двох": 2, "three": 3, "три": 3,
          "трёх": 3, "трех": 3, "трьох": 3, "four": 4, "четыре": 4, "чотири": 4, "five": 5,
          "пять": 5, "пʼять": 5, "п'ять": 5, "six": 6, "шесть": 6, "шість": 6, "few": (2, 4),
          "several": (2, 5), "несколько": (2, 5), "кілька": (2, 5), "пару": (2, 2),
          "couple": (2, 2)}
_WEAPONS = _rx(r"weapons?", r"rifles?", r"drones?", r"guns?", r"shooting", r"firing",
               r"оружи\w*", r"стрельб\w*", r"дрон\w*", r"беспилотник\w*", r"зброї", r"зброя",
               r"стрільб\w*", r"безпілотник\w*")
_RUSSIAN_INSTRUCTORS = _rx(r"russian\s+(?:instructors?|officers?|military|army|soldiers)",
                           r"by\s+(?:the\s+)?russians?", r"российск\w+\s+(?:инструктор\w*|"
                           r"офицер\w*|военн\w*)", r"русски\w+\s+инструктор\w*",
                           r"російськ\w+\s+(?:інструктор\w*|офіцер\w*|військов\w*)")

_CARRIERS = (
    ("train", _rx(r"by\s+train", r"trains?(?=\s+(?:journey|ride|trip|carriages?|car))",
                  r"(?:on|a|the|by|military|passenger|freight)\s+trains?", r"railway",
                  r"rail", r"поезд\w*", r"эшелон\w*", r"вагон\w*", r"поїзд\w*", r"потяг\w*",
                  r"ешелон\w*", r"залізниц\w*", r"железн\w+\s+дорог\w*")),
    ("helicopter", _rx(r"helicopters?", r"choppers?", r"mi-?8\w*", r"ми-?8\w*", r"вертол[её]т\w*",
                       r"вертоліт\w*", r"вертольот\w*", r"гелікоптер\w*")),
    ("plane", _rx(r"planes?", r"airplanes?", r"airliners?", r"самол[её]т\w*", r"рейс\w*",
                  r"літак\w*")),
    #: "air": flown, by an aircraft of a kind not named: agrees with a plane and a helicopter
    ("air", _rx(r"aircraft", r"flights?", r"flew", r"flown", r"fly", r"летел\w*",
                r"прилетел\w*", r"летіли", r"прилетіли", r"повітрян\w+\s+судн\w*",
                r"воздушн\w+\s+судн\w*", r"авіа\w*", r"авиа\w*", r"перелет\w*", r"переліт\w*",
                r"перегнат\w*", r"перегна\w*")),
    ("ship", _rx(r"ships?", r"vessels?", r"boats?", r"ferry", r"by\s+sea", r"корабл\w*",
                 r"(?<!повітряне\s)(?<!воздушное\s)судн\w*", r"пароход\w*", r"корабел\w*",
                 r"морем")),
    ("bus", _rx(r"bus(?:es)?", r"coach(?:es)?", r"автобус\w*")),
    ("truck", _rx(r"trucks?", r"lorr(?:y|ies)", r"vehicles?", r"грузовик\w*", r"машин\w*",
                  r"вантажівк\w*", r"КамАЗ\w*", r"урал\w*")),
)
_TRANSPORT_VERB = _rx(r"transport\w*", r"brought", r"taken", r"shipped", r"moved", r"travel\w*",
                      r"journey", r"carried", r"sent", r"везли", r"доставил\w*", r"перевез\w*",
                      r"перебросил\w*", r"ехали", r"везли", r"доставили", r"перекинул\w*",
                      r"їхали", r"транспорт\w*", r"перевезли")
_CIVILIAN = _rx(r"civilian", r"passenger", r"commercial", r"гражданск\w*", r"пассажирск\w*",
                r"цивільн\w*", r"пасажирськ\w*")
_MILITARY_CARRIER = _rx(r"military\s+(?:train|plane|aircraft|transport|trucks?)",
                        r"военн\w+\s+(?:самол[её]т\w*|поезд\w*|эшелон\w*|транспорт\w*)",
                        r"військов\w+\s+(?:літак\w*|потяг\w*|ешелон\w*|транспорт\w*)")

_ARRIVAL = _rx(r"arriv\w*", r"reached", r"got\s+to", r"прибу[вл]\w*", r"приїха\w*",
               r"приеха\w*", r"прилеті\w*", r"прилете\w*", r"дісталися", r"добрал\w*ся",
               r"добралис[ья]", r"land(?:ed|ing)", r"touched\s+down", r"came\s+to",
               r"(?:were|was)\s+brought\s+to", r"приехали", r"прибули", r"приїхали",
               r"приземл\w*", r"сел\s+(?:на|в)", r"сів\s+(?:на|в)", r"прибыл\w*", r"прибыти\w*", r"приехал\w*",
               r"прибул\w*", r"прибуття", r"приїхал\w*", r"прибытие", r"оказались")
#: A move to a place that says where they came to ("were deployed to Kursk", "sent to the
#: front", "entered Russia", "отправили в Россию", "перекинули на фронт"): an arrival when the
#: sentence speaks of no capture (a prisoner "transferred to" a camp arrives nowhere).
_MOVED_TO = _rx(r"(?:deployed|redeployed|dispatched|moved|transferred|relocated|stationed|posted|"
               r"entered|crossed\s+into)(?=\s+(?:\w+\s+){0,2}?(?:(?:to|into|in|"
               r"at)\s+)?(?:the\s+)?(?:(?-i:[A-Z])\w+|front[\w-]*|border|battlefield|combat\s+zone))",
               r"(?:отправ|направ|перебро[сш]|переброш|передислоц|відправ|перекину|перекинул|"
               r"передислок)\w*(?=\s+(?:\w+\s+){0,2}?(?:в|во|на|до|у)\s+(?:росси|росі|курск|курськ|"
               r"фронт|зон|район|област|обла))")
_UNIT = _rx(r"units?", r"brigades?", r"battalions?", r"regiments?", r"divisions?", r"corps",
            r"compan(?:y|ies)", r"platoons?", r"squads?", r"special\s+forces", r"бригад\w*",
            r"батальон\w*", r"полк\w*", r"дивизи\w*", r"діріз\w*", r"дивізі\w*", r"корпус\w*",
            r"рот[аыеуі]", r"взвод\w*", r"в/ч", r"войсков\w+\s+част\w*", r"військов\w+\s+частин\w*",
            r"спецназ\w*", r"підрозділ\w*", r"подразделени\w*")
_ECHELONS = (("corps", r"corps|корпус\w*"), ("division", r"divisions?|дивизи\w*|дивізі\w*"),
             ("brigade", r"brigades?|бригад\w*"), ("regiment", r"regiments?|полк\w*"),
             ("battalion", r"battalions?|батальйон\w*|батальон\w*"),
             ("company", r"compan(?:y|ies)|рот[аыеуі]"), ("platoon", r"platoons?|взвод\w*"),
             ("squad", r"squads?|отделени\w*|відділенн\w*"), ("unit", r"units?|в/ч|частин\w*|част[ьи]"))
_UNIT_NUMBER = re.compile(r"(?P<n>\d{1,6})(?:-?(?:st|nd|rd|th|я|й|ї|го|ий|ої|ой|а))?\s+"
                          r"(?P<e>[^\W\d_]+(?:\s+[^\W\d_]+)?)|(?P<e2>в/ч|unit|частин\w*|част[ьи]|"
                          r"brigade|бригад\w*|корпус\w*)\s*(?:№\s*)?(?P<n2>\d{1,6})", _F)

#: Words of the capture as an event; the nouns naming the man ("the prisoner", "полонений",
#: "пленный") are not: they describe who speaks, whatever he speaks of.
_CAPTURE = _rx(r"captured", r"capture", r"taken\s+(?:prisoner|captive|alive)", r"caught",
               r"took\s+(?:him|them|me|us)\s+(?:prisoner|captive)", r"apprehended",
               r"(?:taken|held|placed)\s+(?:into|in)\s+custody", r"in\s+(?:ukrainian\s+)?custody",
               r"fell\s+into\s+(?:\w+\s+){0,2}hands", r"captured\s+alive",
               r"surrender\w*", r"captivity", r"detained", r"в\s+плен\w*", r"плену",
               r"пленени\w*", r"пленил\w*", r"взяли", r"взят\w*", r"сдал\w*\s+в\s+плен",
               r"сдался", r"захвачен\w*", r"задержа\w*", r"[ув]\s+полон\w*", r"полону",
               r"полонил\w*", r"полонення", r"взяли\s+в\s+полон", r"здав\w*", r"захопил\w*",
               r"захоплен\w*")
#: The nouns naming a prisoner: the capture spoken of (its topic), never the event a date
#: or a place belongs to.
_PRISONER_NOUN = _rx(r"prisoners?", r"pows?", r"captives?", r"плен\w*", r"полон\w*")
_WOUNDED = _rx(r"wounded", r"injured", r"injuries", r"wounds?", r"ранен\w*", r"ранени\w*",
               r"поранен\w*", r"травм\w*", r"контуз\w*")
_DOCUMENTS = _rx(r"documents?", r"papers", r"ids?", r"identity\s+(?:card|papers)",
                 r"military\s+id", r"документ\w*", r"удостоверени\w*", r"военн\w+\s+билет\w*",
                 r"посвідченн\w*", r"військов\w+\s+квиток\w*")
_PUBLICATION = _rx(r"footage", r"video\w*", r"published", r"released", r"posted", r"shown",
                   r"showed", r"видео", r"опубликова\w*", r"показал\w*", r"обнародова\w*",
                   r"відео", r"опублікува\w*", r"оприлюдни\w*", r"показа\w*")

_CASUALTY_WORDS = (
    ("casualties", _rx(r"killed\s+(?:and|or)\s+wounded", r"dead\s+(?:and|or)\s+wounded",
                       r"casualt\w*", r"losses", r"lost", r"убитыми\s+и\s+ранеными",
                       r"убитых\s+и\s+раненых", r"потер\w*", r"погибши\w+\s+и\s+ранен\w*",
                       r"вбитими\s+(?:та|і)\s+пораненими", r"втрат\w*", r"загибли\w*\s+(?:та|і)\s+"
                       r"поранен\w*", r"killed\s+or\s+injured")),
    ("killed", _rx(r"eliminat\w*", r"liquidat\w*", r"shot\s+dead", r"ликвидир\w*", r"уничтож\w*",
                   r"застрел\w*", r"расстрел\w*", r"знищ\w*", r"ліквід\w*", r"розстріл\w*",
                   r"killed", r"dead", r"died", r"deaths?", r"lives", r"fatalit\w*", r"убит\w*",
                   r"погиб\w*", r"смерт\w*", r"мертв\w*", r"загибл\w*", r"загинул\w*", r"вбит\w*",
                   r"загинуло", r"погибло")),
    ("wounded", _rx(r"wounded", r"injured", r"ранен\w*", r"поранен\w*", r"ранило", r"поранило")),
    ("captured", _rx(r"captured", r"prisoners?", r"пленн\w*", r"плен\w*", r"полонен\w*",
                     r"полон\w*")),
)
_SCOPES = (
    ("contingent", _rx(r"north\s+korean\s+(?:troops|forces|soldiers|contingent|army)",
                       r"dprk\s+(?:troops|forces|soldiers)", r"(?:kpa|korean\s+people['’]s\s+army)"
                       r"\s+(?:troops|forces)", r"contingent", r"in\s+total", r"overall",
                       r"всего", r"всього", r"загалом", r"контингент\w*",
                       r"северокорейск\w+\s+(?:военн\w*|войск\w*|солдат\w*)",
                       r"північнокорейськ\w+\s+(?:військов\w*|солдат\w*)", r"войск\w*\s+кндр",
                       r"військ\w*\s+кндр", r"военнослужащ\w+\s+кндр",
                       r"військовослужбовц\w+\s+кндр")),
    ("corps", _rx(r"corps", r"корпус\w*")),
    ("division", _rx(r"divisions?", r"дивизи\w*", r"дивізі\w*")),
    ("brigade", _rx(r"brigades?", r"бригад\w*")),
    ("regiment", _rx(r"regiments?", r"полк\w*")),
    ("battalion", _rx(r"battalions?", r"батальон\w*", r"батальйон\w*")),
    ("company", _rx(r"compan(?:y|ies)", r"рот[аыеуіи]")),
    ("platoon", _rx(r"platoons?", r"взвод\w*")),
    ("group", _rx(r"(?:my|our|his)\s+(?:group|unit|squad|team)", r"group", r"squad",
                  r"of\s+us", r"with\s+(?:me|him)", r"групп\w*", r"груп\w*", r"отделени\w*",
                  r"відділенн\w*", r"нас\s+было", r"нас\s+було", r"из\s+нас", r"з\s+нас")),
)
_CUMULATIVE = _rx(r"in\s+total", r"so\s+far", r"since", r"overall", r"cumulative\w*",
                  r"rotations?", r"altogether", r"всего", r"с\s+начала", r"за\s+вс[её]\s+врем\w*",
                  r"всього", r"загалом", r"з\s+початку", r"ротаци\w*", r"ротаці\w*")

#: Money as a motive ("decided to earn some money"): no pay promised or received.
_PAY_MOTIVE = _rx(r"earn\w*\s+(?:\w+\s+){0,4}money", r"заработ\w*", r"заробит\w*",
                  r"заробля\w*")
_PAY = _rx(r"compensation", r"rewards?", r"вознагражден\w*", r"компенсац\w*", r"винагород\w*",
           r"pa(?:y|id|ying|yment)s?", r"salar\w*", r"wages?", r"money", r"dollars?", r"roubles?",
           r"rubles?", r"won", r"earn\w*", r"платил\w*", r"плат\w*", r"зарплат\w*", r"денег",
           r"деньг\w*", r"доллар\w*", r"рубл\w*", r"гроші", r"грошей", r"платн\w*", r"долар\w*",
           r"заробіт\w*", r"выплат\w*", r"виплат\w*", r"вон(?:ы|а)?")
_CURRENCY = (("USD", r"\$|dollars?|usd|доллар\w*|долар\w*"), ("RUB", r"roubles?|rubles?|₽|руб\w*|r(?=\d)"),
             ("KPW", r"north\s+korean\s+won|won|вон"), ("UAH", r"hryvni?as?|грив\w*|грн"))
_STATE = _rx(r"state", r"government", r"regime", r"pyongyang", r"kim\s+jong[\s-]un",
             r"leadership", r"north\s+korea(?!n)", r"dprk", r"государств\w*", r"режим\w*",
             r"пхеньян\w*", r"кндр", r"держав\w*", r"керівництв\w*", r"руководств\w*")

_FAMILY = _rx(r"family", r"families", r"parents?", r"relatives", r"mother", r"mom", r"wife",
              r"father", r"brother", r"sister", r"home", r"семь\w*", r"семей", r"родител\w*",
              r"родн\w*", r"мам\w*", r"матер\w*", r"мати", r"матір\w*", r"жен[аеуы]", r"отц\w*",
              r"сім['’ʼ]\w*", r"родин\w*", r"рідн\w*", r"батьк\w*", r"дружин\w*", r"брат\w*")
_CONTACT = _rx(r"contact\w*", r"in\s+touch", r"call\w*", r"phone\w*", r"letters?", r"wrote", r"write",
               r"talk\w*", r"spoke", r"speak", r"communicat\w*", r"heard", r"news", r"know",
               r"knew", r"знает", r"знают", r"знал\w*", r"связ\w*", r"звон\w*", r"позвон\w*",
               r"письм\w*", r"писать", r"писал\w*", r"телефон\w*", r"общать\w*",
               r"зв['’ʼ]?яз\w*", r"дзвон\w*", r"зателефон\w*", r"лист\w*", r"писати",
               r"спілкува\w*", r"знають", r"знає", r"вест\w*", r"звістк\w*")

_WANT = _rx(r"['’]d\s+like",
            r"(?:would|will|['’]ll|shall)(?=\s+(?:\w+\s+)?(?:go|return|live|stay|remain|move|"
            r"defect|join|seek|settle|fight\s+for))", r"seek\w*\s+asylum", r"ask\w*\s+for\s+asylum", r"попрос\w*", r"попроси\w*", r"попрохав\w*", r"plead\w*", r"begg?(?:ed|s|ing)?", r"благ\w*", r"умоля\w*", r"look\s+to", r"lean\w*", r"схиля\w*", r"склоня\w*", r"wants?", r"wanted", r"wish\w*", r"hopes?", r"hoped", r"plans?", r"would\s+like",
            r"intends?", r"desire\w*", r"dream\w*", r"willing\w*", r"prefer\w*", r"asked\s+to",
            r"request\w*", r"хоч\w*", r"хотел\w*", r"хочет", r"хоте\w*", r"мечта\w*", r"намерен\w*",
            r"планиру\w*", r"прос\w+", r"хоче\w*", r"хотів", r"бажа\w*", r"мріє\w*", r"мріяв",
            r"планує", r"готов\w*", r"decided", r"решил\w*", r"вирішив")
_INTENTS = (
    ("third_country", _rx(r"south\s+korea\w*", r"seoul", r"third\s+country", r"defect\w*",
                          r"republic\s+of\s+korea", r"rok", r"(?:to|in)\s+the\s+south",
                          r"республик\w+\s+коре\w*", r"республік\w+\s+коре\w*",
                          r"южн\w+\s+коре\w*", r"сеул\w*", r"південн\w+\s+коре\w*",
                          r"трет\w+\s+стран\w*", r"трет\w+\s+країн\w*")),
    ("stay", _rx(r"stay\w*", r"бути\s+тут", r"остаться\s+здесь", r"залишитися\s+тут", r"remain\w*", r"live\s+in\s+ukraine", r"остаться", r"остаться\s+в\s+"
                 r"украин\w*", r"залишитися", r"залишитись", r"лишитися", r"остаться",
                 r"join\w*\s+(?:the\s+)?(?:ukrainian|ukraine)", r"воевать\s+за\s+украин\w*",
                 r"fight\s+for\s+(?:ukraine|the\s+ukrainian)", r"fight\s+against\s+russia\w*",
                 r"воювати\s+за\s+україн\w*")),
    ("return", _rx(r"return\w*",
                   r"(?:go|get|come|be\s+sent|sent|bring\s+(?:me|us|him|them))\s+(?:back\s+)?"
                   r"to\s+(?:china|north\s+korea|the\s+dprk|britain|the\s+uk|england|"
                   r"(?:his|my|their|our)\s+(?:homeland|country|famil\w+))",
                   r"send\s+(?:me|us|him)\s+(?:back|home)", r"exchange\s+(?:me|us|myself|him)",
                   r"(?:an\s+)?exchange\s+between", r"обменя\w*\s+(?:меня|нас)",
                   r"обміня\w*\s+(?:мене|нас)", r"go\s+(?:back|home)", r"going\s+(?:back|home)", r"back\s+home",
                   r"back\s+to\s+(?:north\s+korea|the\s+dprk|his\s+homeland|my\s+homeland)",
                   r"вернуться", r"возвращ\w*", r"домой", r"на\s+родину", r"повернутися",
                   r"повернення", r"додому")),
)
_SUICIDE = _rx(r"suicid\w*", r"kill(?:ed|ing|s)?\s+(?:himself|themselves|ourselves|myself|yourself)",
               r"(?:blow|blew|blown|blowing)\s+(?:himself|themselves|ourselves|myself|yourself)\s+up",
               r"(?:rather|better)\s+(?:to\s+)?die", r"die\s+rather\s+than", r"choose\s+death",
               r"(?:not|never)\s+(?:to\s+)?(?:be\s+)?(?:taken|captured)\s+alive", r"end\s+(?:his|their|our|my)\s+(?:own\s+)?li(?:fe|ves)",
               r"detonat\w*\s+(?:a\s+|the\s+|his\s+|their\s+)?(?:grenade|explosive)\w*",
               r"self[\s-]*(?:detonat\w*|destruct\w*|explo\w*|blast\w*)",
               r"take\s+(?:his|their|our|my)\s+(?:own\s+)?li(?:fe|ves)", r"grenade",
               r"покончить\s+с\s+собой", r"самоубийств\w*", r"самоподрыв\w*", r"подорвать\s+себя",
               r"подорва\w+\s+себ\w*", r"застрел\w+\s+себ\w*", r"самогубств\w*",
               r"підірва\w*\s+себе", r"самопідрив\w*", r"покінчити\s+(?:з|із)\s+собою",
               r"гранат\w*", r"не\s+сдаваться\s+в\s+плен", r"не\s+здаватися\s+в\s+полон")
_STANCES = (
    ("unconfirmed", _rx(r"could\s+not\s+(?:confirm|verify)", r"cannot\s+(?:confirm|verify)",
                        r"unable\s+to\s+(?:confirm|verify)", r"no\s+information",
                        r"не\s+может\s+подтвердить", r"не\s+можем\s+подтвердить",
                        r"не\s+може\s+підтвердити", r"не\s+можемо\s+підтвердити",
                        r"нет\s+информации", r"немає\s+інформації", r"no\s+comment",
                        r"нет\s+комментариев", r"без\s+комментариев", r"не\s+комментируем",
                        r"без\s+коментарів", r"не\s+коментуємо", r"(?:declin|refus)\w*\s+to\s+comment",
                        r"отказал\w*\s+(?:от\s+)?комментир\w*", r"відмови\w*\s+коментува\w*")),
    ("denied", _rx(r"den(?:y|ied|ies|ying|ial)", r"dismiss\w*", r"rejected", r"fake\w*",
                   r"refut\w*", r"отверг\w*", r"отверга\w*", r"відкида\w*", r"відкину\w*",
                   r"groundless", r"baseless", r"nonsense", r"rumou?rs?", r"lies?",
                   r"опроверг\w*", r"отрица\w*", r"фейк\w*", r"выдумк\w*", r"ложь", r"слух\w*",
                   r"чепух\w*", r"заперечу\w*", r"заперечи\w*", r"спростува\w*", r"вигадк\w*",
                   r"брехн\w*", r"no\s+(?:evidence|north\s+korean)", r"untrue", r"not\s+true",
                   r"unfounded", r"неправда", r"не\s+соответству\w*\s+действительност\w*",
                   r"не\s+відповіда\w*\s+дійсност\w*", r"безпідставн\w*", r"беспочвенн\w*")),
    ("acknowledged", _rx(r"acknowledg\w*", r"admit\w*", r"confirm\w*", r"conceded", r"recogni[sz]\w*",
                         r"announced", r"призна\w*", r"подтверди\w*", r"подтвержда\w*",
                         r"визна\w*", r"підтверди\w*", r"підтвержу\w*", r"официально\s+заяв\w*",
                         r"офіційно\s+заяви\w*")),
)
_OFFICIAL_FACT = _rx(r"troops", r"soldiers", r"forces", r"deploy\w*", r"presence", r"particip\w*",
                     r"send\w*", r"sent", r"войск\w*", r"солдат\w*", r"военн\w*", r"присутстви\w*",
                     r"участи\w*", r"отправ\w*", r"військ\w*", r"присутн\w*", r"участ\w*",
                     r"відправ\w*", r"кндр", r"dprk", r"north\s+korea\w*", r"северн\w+\s+коре\w*",
                     r"північн\w+\s+коре\w*", r"captur\w*", r"pows?", r"prisoners?", r"пленн\w*", r"полонен\w*")

_PLACE_AFTER = re.compile(
    r"(?<![\w])(?:in|at|near|outside|around|под|около|возле|в|во|у|біля|під|поблизу|на)\s+"
    r"(?:the\s+)?(?:(?:Ukraine|Russia|Україн\w+|Росі\w+|Украин\w+|Росси\w+)(?:['’]s)?\s+)?(?:(?:village|town|city|region|oblast|area|district|село|селе|"
    r"села|посёлок|поселке|деревн\w+|области|область|районе|району|город\w*|міст\w*)\s+(?:of\s+)?)?"
    r"(?P<name>[A-ZА-ЯІЇЄҐЁ][\w'’-]+(?:\s+(?:oblast|region|област\w*|район\w*))?)")
_NOT_PLACES = frozenset(("russia", "ukraine", "north", "south", "korea", "росси", "украин",
                         "україн", "росі", "кндр", "dprk", "the", "january", "february",
                         "december", "november", "января", "грудня", "січня", "декабря",
                         "kim", "ким", "кім", "march", "april", "may", "pyongyang", "china",
                         "june", "july", "august", "september", "october", "января", "февраля",
                         "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                         "октября", "ноября", "лютого", "березня", "квітня", "травня", "червня",
                         "липня", "серпня", "вересня", "жовтня", "листопада",
                         "beijing", "spain", "europe", "britain", "moscow", "kyiv", "киев",
                         "київ", "москв", "китай", "китаю"))
_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "e",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "'": "", "’": "", "ʼ": ""})

#: Cues of another event a date may belong to (released, published, said …): a date is a
#: capture's or an arrival's only when their cue is the nearest.
_OTHER_EVENT = _rx(r"released", r"freed", r"exchanged", r"swapped", r"published", r"appeared",
                   r"posted", r"aired", r"shown", r"said", r"says", r"told", r"announced",
                   r"reported", r"confirmed", r"sentenced", r"convicted", r"signed", r"transferred",
                   r"sent", r"died", r"wrote", r"became\s+known", r"освобо[дж]\w*", r"обменя\w*",
                   r"опубликова\w*", r"заявил\w*", r"сообщил\w*", r"сказал\w*", r"подписал\w*",
                   r"приговор\w*", r"звільн\w*", r"обміня\w*", r"опублікува\w*", r"заяви\w*",
                   r"повідоми\w*", r"сказав\w*", r"підписа\w*", r"вирок\w*", r"стало\s+известно",
                   r"стало\s+відомо", r"crossed", r"entered", r"перешл\w*", r"перейшл\w*",
                   r"перейш\w*", r"вошл\w*", r"увійшл\w*", r"зашл\w*", r"зайшл\w*",
                   # "in an interview on Monday, Peskov described ...": the interview's day
                   r"interview\w*", r"интервью", r"інтерв['’ʼ]?ю", r"described", r"описал\w*",
                   r"описав\w*")
#: Words between an event's cue and a place that make the place another one's ("captured and
#: is now in Donetsk").
_PLACE_GAP_STOP = _rx(r"and", r"is", r"now", r"then", r"but", r"where", r"when", r"after",
                      r"before", r"while", r"to", r"from", r"и", r"а", r"і", r"та", r"теперь",
                      r"сейчас", r"зараз", r"тепер", r"после", r"після", r"затем", r"потом",
                      r"потім")
#: What was offered or promised as work before the deployment (the job a recruit was told of).
_OFFER = _rx(r"offer\w*", r"jobs?", r"work\w*", r"recruit\w*", r"hired", r"employ\w*",
             r"vacanc\w*", r"предлаг\w*", r"предлож\w*", r"работ\w*", r"вакан\w*", r"вербов\w*",
             r"пропонув\w*", r"пропозиц\w*", r"робот\w*", r"працю\w*", r"працев\w*")
_JOBS = (
    ("construction", _rx(r"construction\w*", r"builders?", r"building\s+sites?", r"стро[ий]к\w*",
                         r"строител\w*", r"будівн\w*", r"будівництв\w*")),
    ("rehabilitation", _rx(r"rehabilit\w*", r"реабилит\w*", r"реабіліт\w*", r"medical",
                           r"медиц\w*", r"медичн\w*", r"санитар\w*", r"санітар\w*")),
    ("security", _rx(r"security\s+guards?", r"guards?", r"охранник\w*", r"охоронц\w*")),
    ("factory", _rx(r"factor(?:y|ies)", r"завод\w*", r"фабрик\w*")),
    ("driver", _rx(r"drivers?", r"водител\w*", r"воді[ий]\w*")),
)
#: Resistance at capture: fired, fought back (``resisted``) — or ran, fled, put up none.
_RESISTED = _rx(r"opened\s+fire", r"open\s+fire", r"fired\s+(?:at|on)", r"shot\s+at",
                r"fought\s+back", r"resisted", r"открыл\w*\s+огонь", r"отстрелива\w*",
                r"оказа\w*\s+сопротивлени\w*", r"відкрил\w*\s+вогонь", r"чинил\w*\s+опір",
                r"відстрілю\w*")
_NOT_RESISTED = _rx(r"(?:no|not|n['’]t|nobody|never|none)\s+(?:\w+\s+){0,4}resist\w*",
                    r"ran(?!\s+out)", r"run\s+away", r"fled", r"flee\w*", r"escap\w*",
                    r"бросились\s+бежать", r"выбежал\w*", r"убежал\w*", r"бежать", r"втекти",
                    r"втекли", r"вибіг\w*", r"побіг\w*", r"сопротивлени\w*\s+(?:\w+\s+)?не\s+оказ\w*",
                    r"не\s+оказ\w*\s+сопротивлени\w*", r"опор\w*\s+(?:\w+\s+)?не\s+чинил\w*",
                    r"не\s+чинил\w*\s+опор\w*", r"refused\s+to\s+surrender",
                    r"отказ\w*\s+сдава\w*", r"сдаваться\s+в\s+плен\s+отказ\w*",
                    r"відмови\w*\s+здава\w*")
#: Who killed them: by the Ukrainians, by the Russians, or the man spoken of himself.
_KILLED_BY = (
    ("ukrainian", _rx(r"by\s+(?:the\s+)?ukrain\w*", r"by\s+(?:ukraine['’]s\s+)?(?:military\s+)?"
                      r"intelligence(?:\s+officers)?", r"by\s+(?:the\s+)?(?:hur|gur)",
                      r"украинц\w*", r"українц\w*", r"ВСУ", r"ЗСУ", r"украинск\w+\s+(?:военн\w*|"
                      r"разведк\w*)", r"українськ\w+\s+(?:військов\w*|розвідк\w*)")),
    ("russian", _rx(r"by\s+(?:the\s+)?russian\w*", r"россиян\w*", r"росіян\w*")),
    ("himself", _rx(r"(?:расстрелял|застрелил|убил)\w*\s+(?:\w+\s+){0,4}сам",
                    r"сам\w*\s+(?:\w+\s+){0,2}(?:расстрелял|застрелил|убил)\w*",
                    r"(?:shot|killed)\s+(?:\w+\s+){0,4}himself", r"himself\s+(?:shot|killed)",
                    r"(?:розстріляв|застрелив|вбив)\s+(?:\w+\s+){0,4}сам")),
)
#: Words that report what someone else said of them ("media portrayed them as …").
_ATTRIBUTED = _rx(r"portray\w*", r"accus\w*", r"on\s+the\s+charge", r"обвин\w*", r"звинувач\w*",
                  r"изобража\w*", r"зобража\w*")
#: Service: a regular force (marines, armed forces) or a mercenary — for the unit topic.
_REGULAR = _rx(r"marines?", r"armed\s+forces", r"active[\s-]+duty", r"regular\s+(?:army|forces?|"
               r"troops|soldiers?)", r"морск\w+\s+пехот\w*", r"морпех\w*", r"морськ\w+\s+піхот\w*",
               r"морпіх\w*", r"вооруж\w+\s+сил\w*", r"збройн\w+\s+сил\w*")
_MERCENARY = _rx(r"mercenar(?:y|ies)(?!\s+activit)", r"наемник\w*", r"найманц\w*", r"найманець")
#: A rifle or a gun never held: no training.
_NEVER_HELD = _rx(r"held\s+a\s+(?:weapon|gun|rifle)", r"держал\w*\s+(?:в\s+руках\s+)?оружи\w*",
                  r"тримав\w*\s+(?:в\s+руках\s+)?зброю")
#: A move to another country than Ukraine, Russia or home ("decided to move to Spain").
_MOVE_ABROAD = re.compile(r"(?<![\w])(?:move|moved|moving|go|leave|left|emigrat\w*|relocat\w*)\s+"
                          r"to\s+(?!Ukraine|Russia|China|North|Korea|the\b)(?P<c>[A-Z][a-z]+)")
#: Words that speak of one man among several ("one of them", "the other", "both").
_SEVERAL = _rx(r"one\s+of\s+(?:them|the)", r"the\s+other", r"both", r"either", r"один\s+из",
               r"другой", r"второй", r"оба", r"один\s+з", r"інший", r"другий", r"обидва")
