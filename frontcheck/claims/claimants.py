"""Claimants: canonical labels ("Russian MoD", "Ukrainian General Staff", "ISW") with the
side each speaks for, the publishers whose "we" is one side's, and the side of a claimant
named by a site's domain or a transcript's speaker label (split from ``claims.actors``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontcheck.claims.patterns import combined as _combined
from frontcheck.claims.patterns import rx as _rx

__all__ = ["ClaimantMention", "find_claimants", "claimant_side", "CLAIMANT_SIDES",
           "PUBLISHER_SIDES"]

_F = re.IGNORECASE

# A surname's case endings, not any word that starts like it: villages are named after
# people (Герасимовка, Будановка, Гладкове, Медведеве, Волошине, Таврійськ), and a "\w*"
# after the stem read "населенный пункт Герасимовка" as General Gerasimov speaking.
# Not -е: Гладкове, Волошине are villages, and "о Гладкове" is rare in reports.
_NOUN_SURNAME = r"(?:а|у|і|ым|им|ом|ой|ою|ых|их|ыми|ими)?"     # Герасимов, -а, -ым, -і
_ADJECTIVE_SURNAME = r"(?:ий|ій|ого|ому|им|ім|ом|ая|а|ой|ої|ую|у|ою|ые|і)"    # Зеленский, -ого


def _surname(stem: str) -> str:
    return stem + _NOUN_SURNAME


def _adjective(stem: str) -> str:
    return stem + _ADJECTIVE_SURNAME


@dataclass(frozen=True, slots=True)
class ClaimantMention:
    start: int
    end: int
    claimant: str
    side: str


#: Canonical claimants and the side each speaks for ("" when it speaks for neither).
CLAIMANT_SIDES = {
    "Russian MoD": "russia", "Russian General Staff": "russia", "Kremlin": "russia",
    "Putin": "russia", "Gerasimov": "russia", "Peskov": "russia", "Pushilin": "russia",
    "Shoigu": "russia", "Khinshtein": "russia", "Rybar": "russia", "Russia": "russia",
    "Russian milbloggers": "russia", "North Korea": "dprk",
    "Ukrainian General Staff": "ukraine", "Ukrainian MoD": "ukraine", "Zelensky": "ukraine",
    "Syrskyi": "ukraine", "GUR": "ukraine", "SBU": "ukraine", "Khortytsia": "ukraine",
    "Tavria": "ukraine", "Ukrainian POW Coordination HQ": "ukraine", "Ukraine": "ukraine",
    "Ukrainian Navy": "ukraine", "DeepState": "ukraine", "Southern Defence Forces": "ukraine",
    "Medvedev": "russia", "Gladkov": "russia", "Prigozhin": "russia", "Rogov": "russia",
    "Saldo": "russia", "Balitsky": "russia", "Maliar": "ukraine", "South Korean lawmakers": "",
    "ISW": "", "NIS": "", "South Korean JCS": "", "Pentagon": "", "NATO": "", "POW": "",
}
#: Channels and publishers whose "we" is one side's (for texts that name no claimant).
PUBLISHER_SIDES = {
    "WarGonzo": "russia", "Two Majors": "russia", "Military Chronicle": "russia",
    "Readovka": "russia", "RIA Novosti": "russia", "TASS": "russia",
    "Ukrainska Pravda": "ukraine", "Suspilne": "ukraine", "Ukrinform": "ukraine",
    "Interfax-Ukraine": "ukraine", "SSO": "ukraine", "Azov": "ukraine",
    # Ukrainian outlets, many writing in Russian too: their "противник" is Russia's forces
    "Укрінформ": "ukraine", "Українська правда": "ukraine",
    "Суспільне": "ukraine", "Интерфакс-Украина": "ukraine", "Інтерфакс-Україна": "ukraine",
    "UNIAN": "ukraine", "УНИАН": "ukraine", "УНІАН": "ukraine", "UNN": "ukraine",
    "УНН": "ukraine", "ТСН": "ukraine", "TSN": "ukraine", "Факты": "ukraine",
    "Факти": "ukraine", "Фокус": "ukraine", "LIGA.net": "ukraine", "ЛІГА.net": "ukraine",
    "RBC-Ukraine": "ukraine", "РБК-Украина": "ukraine", "РБК-Україна": "ukraine",
    "The Kyiv Independent": "ukraine", "Kyiv Independent": "ukraine", "Kyiv Post": "ukraine",
    "Euromaidan Press": "ukraine", "NV": "ukraine", "Новое время": "ukraine",
    "Новий час": "ukraine", "Censor.net": "ukraine", "censor.net": "ukraine",
    "korrespondent.net": "ukraine", "Корреспондент": "ukraine", "glavred.net": "ukraine",
    "Главред": "ukraine", "Chas Pravdy": "ukraine", "RegioNews": "ukraine",
    "objectiv.tv": "ukraine", "vikna.tv": "ukraine", "for-ua.com": "ukraine",
    "expres.online": "ukraine", "ukr.live": "ukraine",
    # Russian state and pro-government outlets
    "РИА Новости": "russia", "ТАСС": "russia", "Sputnik": "russia", "RT": "russia",
    "Известия": "russia", "Звезда": "russia", "Москва 24": "russia", "НСН": "russia",
    "ФедералПресс": "russia", "EADaily": "russia", "Lenta.ru": "russia", "Лента.ру": "russia",
    "Газета.Ru": "russia", "Life": "russia",
}
_CLAIMANT_LIST: tuple[tuple[str, str], ...] = tuple((name, _rx(*patterns)) for name, patterns in (
    ("Russian MoD", (r"defen[cs]e\s+ministry\s+in\s+moscow", r"минобороны\s+(?:россии|рф)", r"министерств\w+\s+обороны\s+(?:россии|рф|"
                     r"российской\s+федерации)", r"мо\s+рф", r"российск\w+\s+(?:минобороны|"
                     r"министерств\w+\s+обороны|военн\w+\s+ведомств\w*)",
                     r"міноборони\s+(?:росії|рф)", r"міністерств\w+\s+оборони\s+(?:росії|рф)",
                     r"(?:russia'?s|the\s+russian)\s+(?:defen[cs]e\s+ministry|ministry\s+of\s+"
                     r"defen[cs]e|mod)", r"russian\s+(?:defen[cs]e\s+ministry|ministry\s+of\s+"
                     r"defen[cs]e|mod)", r"(?:российское\s+)?минобороны", r"ведомств\w+")),
    ("Russian General Staff", (r"генштаб\w*\s+(?:рф|росії|россии|вс\s+рф)",
                               r"(?:russia'?s|the\s+russian)\s+general\s+staff",
                               r"russia'?s\s+chief\s+of\s+(?:the\s+general\s+)?staff")),
    ("Ukrainian General Staff", (r"генштаб\w*(?:\s+(?:зсу|всу|україни|украины))?",
                                 r"генеральн\w+\s+штаб\w*(?:\s+(?:зсу|всу|україни|украины))?",
                                 r"(?:ukraine'?s\s+|ukrainian\s+|the\s+)?general\s+staff"
                                 r"(?:\s+of\s+(?:the\s+armed\s+forces\s+of\s+)?ukraine)?")),
    ("Ukrainian MoD", (r"міноборони(?:\s+україни)?", r"міністерств\w+\s+оборони\s+україни",
                       r"минобороны\s+украины", r"ukraine'?s\s+(?:defen[cs]e\s+ministry|"
                       r"ministry\s+of\s+defen[cs]e)", r"ukrainian\s+defen[cs]e\s+ministry",
                       r"министр\w*\s+обороны\s+украины(?:\s+рустем\s+умеров)?",
                       r"міністр\w*\s+оборони(?:\s+україни)?(?:\s+рустем\s+умєров)?",
                       r"(?:defen[cs]e\s+minister\s+)?(?:rustem\s+)?umerov", _surname("умеров"),
                       _surname("умєров"))),
    ("ISW", (r"isw", r"institute\s+for\s+the\s+study\s+of\s+war", r"інститут\w*\s+вивчення\s+війни",
             r"институт\w*\s+изучения\s+войны")),
    ("DeepState", (r"deepstate(?:map)?", r"дипстейт\w*", r"діпстейт\w*")),
    ("Zelensky", (r"(?:president\s+)?(?:volodymyr\s+)?zelensk[iy]{1,2}", _adjective("зеленск"), _adjective("зеленськ"))),
    ("Syrskyi", (r"(?:gen(?:eral|\.)?\s+)?(?:oleksandr\s+)?syrsk[iy]{1,2}", _adjective("сырск"), _adjective("сирськ"))),
    ("Putin", (r"putin", _surname("путин"), _surname("путін"))),
    ("Gerasimov", (r"gerasimov", _surname("герасимов"))),
    ("Peskov", (r"peskov", _surname("песков"))),
    ("Kremlin", (r"(?:the\s+)?kremlin", r"кремл\w+")),
    ("Pushilin", (r"pushilin", _surname("пушилин"), _surname("пушилін"))),
    ("Rybar", (r"rybar", r"рыбар\w*", r"рибар\w*")),
    ("GUR", (r"hur", r"gur", r"гур(?:\s+мо)?", r"украинск\w+\s+разведк\w+", r"українськ\w+\s+розвідк\w+", r"(?:ukraine'?s\s+)?(?:military|defen[cs]e)\s+intelligence"
             r"(?:\s+(?:agency|directorate))?", r"військов\w+\s+розвідк\w+", _surname("буданов"),
             r"budanov")),
    ("SBU", (r"sbu", r"сбу", r"security\s+service\s+of\s+ukraine")),
    ("Southern Defence Forces", (r"(?:the\s+)?southern\s+defen[cs]e\s+forces",
                                 r"сил\w*\s+оборони\s+півдня(?:\s+україни)?",
                                 r"сил\w*\s+обороны\s+юга(?:\s+украины)?",
                                 r"(?:vladyslav\s+)voloshyn", r"владислав\w*\s+" + _surname("волошин"))),
    ("Khortytsia", (r"khortytsia(?:\s+group)?", r"хортиц(?:а|ы|у|е|ей|я|і|ю|ею)",
                    r"voloshyn", _surname("волошин"), r"trehubov", _surname("трегубов"))),
    # officials whose side is public knowledge: their "the enemy" is the other side
    ("Prigozhin", (r"(?:yevgeny\s+)?prigozhin", _surname("пригожин"))),
    ("Rogov", (r"(?:vladimir\s+)?rogov", _surname("рогов"))),
    ("Saldo", (r"(?:vladimir\s+)?saldo", r"сальдо")),
    ("Balitsky", (r"(?:yevgeny\s+)?balitsky", _adjective("балицк"), _adjective("балицьк"))),
    ("Maliar", (r"(?:hanna\s+|anna\s+)?maliar", r"(?:ганн\w+\s+)?маляр")),
    ("Medvedev", (r"(?:dmitry\s+)?medvedev", r"(?:дмитри\w+\s+)?" + _surname("медведев"), _surname("медведєв"))),
    ("Gladkov", (r"(?:belgorod\s+governor\s+)?(?:vyacheslav\s+)?gladkov",
                 r"(?:губернатор\w*\s+)?(?:вячеслав\w*\s+)?" + _surname("гладков"),
                 r"(?:губернатор\w*\s+)?(?:в['’]ячеслав\w*\s+)?" + _surname("гладков"))),
    ("South Korean lawmakers", (r"south\s+korean\s+(?:lawmakers|legislators|mps)",
                                r"южнокорейск\w+\s+депутат\w*", r"південнокорейськ\w+\s+депутат\w*")),
    ("Tavria", (r"tavria(?:\s+group)?", r"таври(?:я|и|ю|ей|ии)", r"таврі(?:я|ї|ю|єю)")),
    ("Ukrainian POW Coordination HQ", (r"координаційн\w+\s+штаб\w*", r"координационн\w+\s+штаб\w*",
                                       r"coordination\s+(?:headquarters|hq)")),
    ("NIS", (r"nis", r"нис", r"н(?:ср|рс)(?:\s+південної\s+кореї)?",
             r"південнокорейськ\w+\s+розвідк\w*", r"южнокорейск\w+\s+разведк\w*", r"national\s+intelligence\s+service", r"south\s+korea'?s\s+(?:spy\s+agency|"
             r"intelligence(?:\s+service)?)", r"south\s+korean\s+intelligence",
             r"разведк\w+\s+южной\s+кореи", r"розвідк\w+\s+південної\s+кореї",
             r"национальн\w+\s+служб\w+\s+разведки", r"національн\w+\s+служб\w+\s+розвідки")),
    ("Pentagon", (r"(?:the\s+)?pentagon", r"пентагон\w*", r"us\s+department\s+of\s+defen[cs]e")),
    ("NATO", (r"nato", r"нато")),
    # "the defence ministry said" in a text that names no country: the publisher's own
    ("MoD", (r"(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e)",)),
    ("South Korean JCS", (r"south\s+korea'?s?n?\s+joint\s+chiefs\s+of\s+staff",
                          r"(?:the\s+)?south\s+korea(?:n|'s)\s+military",
                          r"joint\s+chiefs\s+of\s+staff",
                          r"объедин[её]нн\w+\s+комитет\w*\s+начальников\s+штабов(?:\s+южной\s+кореи)?",
                          r"об['’ʼ]єднан\w+\s+комітет\w*\s+начальників\s+штабів(?:\s+південної\s+кореї)?")),
    ("Shoigu", (r"(?:sergei\s+)?shoigu", r"шойгу")),
    ("Khinshtein", (r"(?:kursk\s+governor\s+)?(?:alexander\s+)?khinshtein",
                    r"(?:губернатор\w*\s+курской\s+области\s+)?(?:александр\s+)?" + _surname("хинштейн"),
                    r"(?:курськ\w+\s+губернатор\w*\s+)?" + _surname("хінштейн"))),
    ("Ukrainian Navy", (r"(?:the\s+)?ukrainian\s+navy", r"ukraine'?s\s+navy", r"вмс\s+(?:зсу|всу)",
                        r"вмс\s+україни")),
    ("Russian milbloggers", (r"russian\s+(?:war|military)\s+bloggers?", r"(?:a\s+)?russian\s+milbloggers?",
                             r"russian\s+war\s+correspondents?", r"российск\w+\s+военкор\w*",
                             r"російськ\w+\s+воєнкор\w*", r"російськ\w+\s+військов\w+\s+блогер\w*")),
    ("North Korea", (r"north\s+korea(?=\s+(?:has\s+|have\s+)?(?:confirmed|said|says|acknowledged|"
                     r"admitted|dismissed|denied|denies|rejected))",
                     r"pyongyang(?=\s+(?:has\s+)?(?:confirmed|said|says|dismissed|denied|denies))", r"кндр(?=\s+(?:впервые\s+)?"
                     r"(?:официально\s+)?(?:подтвердил|признал|заявил))",
                     r"кндр(?=\s+(?:уперше\s+)?(?:офіційно\s+)?(?:визнал|підтвердил|заявил))")),
    ("POW", (r"(?:the\s+)?captured\s+(?:soldier|russians?|north\s+koreans?)",
             r"(?:the\s+)?(?:prisoners?|pows?)(?=\s+(?:said|told|says))",
             r"пленн\w+(?:\s+(?:россиян\w*|северокорейск\w+\s+солдат\w*))?(?=\s+(?:рассказал|сообщил|заявил))",
             r"(?<=по словам )пленного", r"полонен\w+(?:\s+(?:росіян\w*|північнокорейськ\w+\s+солдат\w*))?"
             r"(?=\s+(?:розповів|розповіли|розповіла|повідомив|заявив))", r"(?<=за словами )полоненого",
             r"(?<=один із )полонених", r"(?<=розповів )полонений", r"(?<=рассказал )пленный",
             r"(?<=заявив )полонений", r"(?<=заявил )пленный",
             r"(?<=said )(?:a|the)\s+(?:prisoner|pow|captured\s+soldier)")),
    ("Ukraine", (r"ukraine(?=\s+(?:says|said|denies|denied|claims|claimed|confirms|confirmed|"
                 r"reported|reports))", r"kyiv(?=\s+(?:says|said|denies|denied|claims|confirmed))",
                 r"ukrainian\s+(?:officials|authorities|military|command|army|side)",
                 r"ukraine'?s\s+(?:military|army|command|officials)(?!\s+intelligence)",
                 r"українськ\w+\s+(?:сторон\w+|командуванн\w+)", r"украинск\w+\s+(?:сторон\w+|"
                 r"командовани\w+)", r"київ(?=\s+(?:заперечує|заявляє))", r"киев(?=\s+(?:отрицает|"
                 r"заявляет))",
                 # "заявили в ЗСУ", "в Киеве опровергают": an institution or a capital speaking
                 r"(?:в|у)\s+(?:зсу|всу|києві|киеве)", r"(?:officials\s+)?in\s+kyiv(?=\s+(?:said|say|"
                 r"denied|deny|confirmed))")),
    ("Russia", (r"russia(?=\s+(?:says|said|denies|denied|claims|claimed|confirms|confirmed|"
                r"reported|reports))", r"moscow(?=\s+(?:says|said|denies|denied|claims|confirmed))",
                r"russian\s+(?:officials|authorities|military|command|side)",
                r"российск\w+\s+(?:сторон\w+|командовани\w+)", r"російськ\w+\s+(?:сторон\w+|"
                r"командуванн\w+)", r"москва(?=\s+(?:отрицает|заявляет))",
                r"москв\w+(?=\s+(?:заперечує|заявляє))", r"росіяни(?=\s+заявил)",
                r"россия(?=\s+(?:заявила|опровергла|отрицает))", r"росія(?=\s+(?:заявила|заперечує))",
                r"(?:в|у)\s+(?:москві|москве)", r"(?:officials\s+)?in\s+moscow(?=\s+(?:said|say|"
                r"denied|deny|confirmed))")),
))
_CLAIMANTS, _CLAIMANT_GROUPS = _combined(list(_CLAIMANT_LIST))


def find_claimants(text: str) -> list[ClaimantMention]:
    """Claimants named in ``text`` (canonical names), in order, none overlapping.

    Examples
    --------
    >>> [m.claimant for m in find_claimants("по данным Минобороны России и ISW")]
    ['Russian MoD', 'ISW']
    >>> [m.claimant for m in find_claimants("за даними Генштабу ЗСУ")]
    ['Ukrainian General Staff']
    """
    if not isinstance(text, str) or not text:
        return []
    found: list[ClaimantMention] = []
    for match in _CLAIMANTS.finditer(text):
        name = _CLAIMANT_GROUPS[match.lastgroup or ""]
        found.append(ClaimantMention(match.start(), match.end(), name,
                                     CLAIMANT_SIDES.get(name, "")))
    return found


#: Speaker labels of interview transcripts carry the speaker's country: POW-KP-3 is a North
#: Korean soldier, whose "we" is a force this project tracks (a Russian POW's "our unit"
#: names none).
_SPEAKER_COUNTRY = re.compile(r"^pow-(?P<dprk>kp|dprk)-", _F)


def claimant_side(claimant: str) -> str:
    """The side a canonical claimant, a known publisher or a labelled speaker ("POW-KP-3")
    speaks for; "" when unknown."""
    side = CLAIMANT_SIDES.get(claimant) or PUBLISHER_SIDES.get(claimant, "")
    if not side and claimant[:4].lower() == "pow-":
        country = _SPEAKER_COUNTRY.match(claimant)
        side = (country.lastgroup or "") if country else ""
    if not side:
        # a site named by its domain speaks for its country's side: "rbc.ua" in Russian is
        # a Ukrainian outlet, and its "наши войска" are Ukraine's
        domain = _DOMAIN.search(claimant)
        side = _DOMAIN_SIDES.get(domain.group(1).lower(), "") if domain else ""
    return side or ""


_DOMAIN = re.compile(r"^[\w.-]+\.(ua|ru|рф|by)(?:/|$)", re.IGNORECASE)
_DOMAIN_SIDES = {"ua": "ukraine", "ru": "russia", "рф": "russia"}
