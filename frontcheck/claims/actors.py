"""Who acts and who asserts: sides, named units and claimants in English, Russian, Ukrainian.

A side is ``russia``, ``ukraine`` or ``dprk``. "The enemy" / "противник" / "ворог" is the
side opposite the claimant's, and "our troops" / "наши войска" / "наші воїни" the
claimant's own, so both are kept as ``enemy`` and ``own`` until the claimant is known.
Units are kept by a canonical name ("93 brigade", "Storm Corps") with their side when the
words say it (ОМБр, "мотострелковая", "ВСУ", "of the Russian army").

Claimants are canonical labels ("Russian MoD", "Ukrainian General Staff", "ISW") with the
side each speaks for, so that "по данным Минобороны России" and "Russia's Defence
Ministry said" count as one claimant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ActorMention", "ClaimantMention", "find_actors", "find_claimants",
           "claimant_side", "resolve_side", "opposite", "CLAIMANT_SIDES"]

_F = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class ActorMention:
    """``side``: russia, ukraine, dprk, enemy, own, or "" (a unit whose side is not said)."""

    start: int
    end: int
    side: str
    unit: str = ""


@dataclass(frozen=True, slots=True)
class ClaimantMention:
    start: int
    end: int
    claimant: str
    side: str


def _rx(*parts: str) -> str:
    """One alternative of a combined pattern: any of ``parts`` as whole words."""
    return "(?:" + "|".join(parts) + ")"


def _combined(named: list[tuple[str, str]], flags: int = _F
              ) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regular expression for many alternatives, so that a sentence is scanned once;
    group ``g<i>`` is alternative ``i``, mapped back to its name."""
    groups = {f"g{i}": name for i, (name, _) in enumerate(named)}
    body = "|".join(f"(?P<g{i}>{pattern})" for i, (_, pattern) in enumerate(named))
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w])", flags), groups


_TROOPS_EN = (r"(?:forces|troops|army|military|soldiers|units?|servicemen|service\s+members|formations|"
              r"fighters|personnel|assault\s+(?:groups|units|troops)|marines|paratroopers|"
              r"defenders|infantry|armed\s+forces|occupiers|invaders|contingent|conscripts|recruits|"
              r"mobili[sz]ed\s+men|(?:sabotage\s+|"
              r"reconnaissance\s+|assault\s+)?groups)")
_TROOPS_RU = (r"(?:войск\w*|военн\w*|подразделени\w*|сил\w*|военнослужащ\w*|бойц\w*|боец|"
              r"солдат\w*|штурмовик\w*|штурмов\w+\s+групп\w*|десантник\w*|формировани\w*|"
              r"арми\w*|контингент\w*|пехот\w*|дрг|групп\w*|срочник\w*|мобилизованн\w*|"
              r"контрактник\w*|воин\w*|защитник\w*)")
_TROOPS_UK = (r"(?:військ\w*|військов\w*|підрозділ\w*|сил\w*|військовослужбов\w*|бійц\w*|"
              r"боєць|солдат\w*|штурмовик\w*|штурмов\w+\s+груп\w*|десантник\w*|формуван\w*|"
              r"армі\w*|контингент\w*|піхот\w*|воїн\w*|захисник\w*|дрг|груп\w*|строковик\w*|"
              r"мобілізован\w*|контрактник\w*)")
_TROOPS = rf"(?:{_TROOPS_EN}|{_TROOPS_RU}|{_TROOPS_UK})"

_SIDE_ALTERNATIVES: list[tuple[str, str]] = [
    ("dprk", _rx(
        rf"north\s+korean?s?(?:\s+{_TROOPS_EN})?", rf"dprk(?:\s+{_TROOPS_EN})?", r"kpa",
        rf"(?<!south\s)korean\s+{_TROOPS_EN}", r"(?<!south\s)koreans",
        # who sends North Korea's troops: "Pyongyang will send", "Kim Jong Un has sent"
        r"pyongyang(?=\s+(?:has|had|have|will|would|is|was|sent|sends|plans|deployed|"
        r"dispatched|transferred)\b)", r"kim\s+jong[\s-]un", r"ким\s+чен\s+ын\w*",
        r"кім\s+чен\s+ин\w*", r"пхеньяну",
        r"korean\s+people'?s\s+army", rf"pyongyang'?s\s+{_TROOPS_EN}",
        rf"северокорейск\w+(?:\s+{_TROOPS_RU})?", r"северокорейц\w*",
        rf"{_TROOPS_RU}\s+(?:из\s+)?кндр", rf"{_TROOPS_UK}\s+(?:з\s+)?кндр", r"кндр",
        rf"корейск\w+\s+{_TROOPS_RU}", rf"корейськ\w+\s+{_TROOPS_UK}", r"кна",
        r"корейск\w+\s+народн\w+\s+арми\w*", r"корейськ\w+\s+народн\w+\s+армі\w*",
        rf"північнокорейськ\w+(?:\s+{_TROOPS_UK})?", r"північнокорейц\w*", r"корейц\w*")),
    ("russia", _rx(
        rf"russian\s+(?:\w+\s+)?{_TROOPS_EN}", rf"russia'?s\s+(?:\w+\s+)?{_TROOPS_EN}",
        r"russians", r"russian\s+(?:paratroopers|marines|assault\s+units)",
        r"russian(?=\s+(?:losses|casualties))", r"россиян\w*", r"russia(?=\s+(?:has|have|had|captured|took|seized|advanced|claimed|"
        r"withdrew|is|was|lost)\b)", r"moscow'?s\s+forces", r"kremlin\s+forces",
        r"(?:the\s+)?(?:occupiers|invaders|orcs)",
        rf"российск\w+\s+(?:\w+\s+)?{_TROOPS_RU}", r"вс\s+(?:рф|россии)", r"зс\s+(?:рф|росії)",
        r"збройн\w+\s+сил\w*\s+(?:рф|росії)", r"вооруж[её]нн\w+\s+сил\w+\s+(?:россии|рф)",
        r"группировк\w+\s+(?:войск\s+)?[«\"“]?\s*(?:центр|восток|запад|юг|север|днепр)\s*[»\"”]?",
        # "«Южной» группировки войск", "Северная группировка": the grouping by its adjective
        r"[«\"“]?(?:южн|северн|западн|восточн|центральн)\w*[»\"”]?\s+группировк\w*",
        r"(?:the\s+)?(?:centre|center|east|west|south|southern|north|northern|dnepr|dnipro|"
        r"vostok|zapad|yug|sever|tsentr)\s+(?:group(?:\s+of\s+forces)?|battle\s*group)",
        r"battle\s*group\s+(?:centre|center|east|west|south|north|dnepr|dnipro|vostok|zapad|"
        r"yug|sever|tsentr)",
        r"угрупован\w+\s+(?:військ\s+)?[«\"“]?\s*(?:центр|схід|захід|південь|північ|дніпро)\s*[»\"”]?",
        # "групи військ «Центр»", "группы войск «Восток»"
        r"груп\w*\s+(?:військ|войск)\s+[«\"“]?\s*(?:центр|схід|захід|південь|північ|дніпро|восток|"
        r"запад|юг|север|днепр)\s*[»\"”]?",
        r"армия\s+россии", r"агрессор\w*", r"агресор\w*", r"(?:the\s+)?aggressor", r"оккупант\w*", r"окупант\w*", r"загарбник\w*", r"рашист\w*",
        r"захватчик\w*",
        r"росіян\w*", r"русск\w+\s+(?:войск\w*|солдат\w*)",
        rf"російськ\w+\s+(?:\w+\s+)?{_TROOPS_UK}", r"зс\s+рф", r"армі\w+\s+рф",
        r"армі\w+\s+росії", r"росія(?=\s+(?:захопил|заявил|втратил))",
        # "війська РФ", "солдати РФ", "войска России": troops of a country named after them
        rf"{_TROOPS_RU}\s+(?:рф|россии)", rf"{_TROOPS_UK}\s+(?:рф|росії)")),
    ("ukraine", _rx(
        rf"ukrainian\s+(?:\w+\s+)?{_TROOPS_EN}", rf"ukraine'?s\s+(?:\w+\s+)?{_TROOPS_EN}",
        rf"kyiv'?s\s+{_TROOPS_EN}", r"ukrainians", r"afu", r"uaf",
        r"(?:the\s+)?defen[cs]e\s+forces(?:\s+of\s+ukraine)?", r"armed\s+forces\s+of\s+ukraine",
        r"ukrainian(?=\s+(?:losses|casualties))",
        r"ukraine(?=\s+(?:has|have|had|captured|took|retook|recaptured|withdrew|advanced|"
        r"lost|is)\b)",
        r"всу", r"вфу", r"вс\s+украины", r"вооруж[её]нн\w+\s+сил\w+\s+украины",
        rf"украинск\w+\s+(?:\w+\s+)?{_TROOPS_RU}", r"украинск\w+\s+(?:боевик|националист)\w*",
        r"боевик\w*", r"националист\w*", r"укронацист\w*", r"киевск\w+\s+режим\w*",
        r"зсу", r"сил\w*\s+оборони(?:\s+україни)?", r"сил\w*\s+безпеки\s+(?:і|та)\s+оборони",
        r"збройн\w+\s+сил\w*\s+україни", rf"українськ\w+\s+(?:\w+\s+)?{_TROOPS_UK}",
        r"українц\w*", r"захисник\w*", r"оборонц\w*",
        rf"{_TROOPS_RU}\s+украины", rf"{_TROOPS_UK}\s+україни")),
    ("own", _rx(rf"our\s+{_TROOPS_EN}", rf"наш\w*\s+{_TROOPS_RU}", rf"наш\w*\s+{_TROOPS_UK}",
                r"наш\w*\s+(?:воїн\w*|захисник\w*|бійц\w*|героя\w*|хлопц\w*)")),
    ("enemy", _rx(rf"(?:the\s+)?enemy(?:\s+{_TROOPS_EN})?", r"противник\w*",
                  r"ворог\w*", r"враг\w*", r"неприятел\w*")),
]
_SIDES_ANY_CASE, _SIDE_GROUPS = _combined(_SIDE_ALTERNATIVES)
# scanned over lower-cased text, case-sensitive: much faster (see cues.lowered)
_SIDES, _ = _combined(_SIDE_ALTERNATIVES, 0)

_UNIT_TYPES = {
    "brigade": r"brigade|бригад\w*|ОМБр|ОШБр|ОМПБр|ОДШБр|ОАЕМБр|ОБрМП|ОТБр|ОБр|ОМСБр|МСБр",
    "regiment": r"regiment|полк\w*|МСП|ОШП",
    "division": r"division|дивизи\w*|дивізі\w*|МСД|ДШД",
    "battalion": r"battalion|батальон\w*|ОШБ|ОМБ|ДШБ",
    "corps": r"corps|корпус\w*|АК",
    "army": r"combined\s+arms\s+army|army|общевойсков\w+\s+арми\w*|арми\w*|армі\w*|ОА|ОВА",
}
_UNIT_TYPE_ALT = "|".join(f"(?P<{k}>{v})" for k, v in _UNIT_TYPES.items())
_NUMBERED_UNIT = re.compile(
    r"(?<![\w-])(?P<number>\d{1,3})(?:-?(?:я|й|а|ї|та|тя|ма|ша|ої|ой|ий|ій|го|th|st|nd|rd))?"
    r"\s+(?P<words>(?:(?:separate|guards|independent|mechani[sz]ed|assault|motori[sz]ed|"
    r"motor\s+rifle|air\s+assault|airborne|marine|naval\s+infantry|tank|jaeger|rifle|"
    r"territorial\s+defen[cs]e|окрем\w+|отдельн\w+|гвардейск\w+|гвардійськ\w+|механизированн\w+|"
    r"механізован\w+|мотострелков\w+|мотострілецьк\w+|штурмов\w+|десантно-штурмов\w+|"
    r"десантн\w+|морськ\w+|морск\w+|танков\w+|танков\w+|єгерськ\w+|егерск\w+|"
    r"стрелков\w+|піхот\w+|пехот\w+|аеромобільн\w+|общевойсков\w+|загальновійськов\w+|"
    r"армейск\w+|армійськ\w+)\s+){0,3})"
    rf"(?P<type>{_UNIT_TYPE_ALT})(?![\w])", _F)
#: An ordinal names a unit whatever words come before its type ("414th Strike UAV Brigade",
#: "47-ма бригада «Магура»"): any up to three words between, none a preposition.
_ORDINAL_UNIT = re.compile(
    r"(?<![\w-])(?P<number>\d{1,3})(?:-?(?:я|й|а|ї|та|тя|ма|ша|ої|ой|ий|ій|го|th|st|nd|rd))"
    r"\s+(?P<words>(?:(?!(?:of|the|and|in|near|at|on|в|у|на|и|і|та|з|с|под|під)\s)[\w'’-]+\s+){0,3})"
    rf"(?P<type>{_UNIT_TYPE_ALT})(?![\w])", _F)
_OWNER_BEFORE = re.compile(r"(?:(?P<ukraine>ukraine'?s|ukrainian|kyiv'?s)|(?P<russia>russia'?s|russian))"
                           r"\s+(?:the\s+)?$", _F)
_RUSSIAN_UNIT_WORDS = re.compile(r"мотострелк|мотостріл|гвардейск|гвардійськ|общевойсков|"
                                 r"загальновійськ|motor\s+rifle|guards|армейск|МСП|МСД|МСБр",
                                 _F)
_UKRAINIAN_UNIT_WORDS = re.compile(r"окрем|ОМБр|ОШБр|ОМПБр|ОДШБр|ОАЕМБр|ОБрМП|ОТБр|ОБр|"
                                   r"separate|independent|jaeger|єгер|territorial|ОШБ\b", _F)
_UNIT_OWNER = re.compile(r"\s*(?:(?P<ukraine>всу|зсу|вс\s+украины|of\s+the\s+(?:armed\s+forces"
                         r"\s+of\s+ukraine|ukrainian\s+\w+))|(?P<russia>вс\s+рф|зс\s+рф|рф|of\s+the"
                         r"\s+russian\s+\w+))(?![\w])", _F)
_NAMED_UNIT_LIST: tuple[tuple[str, str, str], ...] = tuple(
    (name, side, _rx(pattern)) for name, side, pattern in (
        ("Storm Corps", "dprk", r"storm\s+corps|(?:штурмов|штормов)\w+\s+корпус\w*[»\"”]?|"
                                r"корпус\w*\s+[«\"“]?бур\w+"),
        ("Wagner", "russia", r"wagner(?:\s+group)?|(?:чвк\s+)?[«\"“]?вагнер\w*[»\"”]?"),
        ("Akhmat", "russia", r"akhmat|[«\"“]?ахмат\w*[»\"”]?"),
        ("Rubikon", "russia", r"rubikon|[«\"“]?рубикон\w*[»\"”]?|[«\"“]?рубікон\w*[»\"”]?"),
        ("Azov", "ukraine", r"azov\s+(?:brigade|regiment|corps)|[«\"“]азов\w*[»\"”]|азовц\w*|"
                            r"бригад\w+\s+[«\"“]азов[»\"”]"),
        ("Kraken", "ukraine", r"kraken|[«\"“]?кракен\w*[»\"”]?"),
        ("Russian Volunteer Corps", "ukraine", r"russian\s+volunteer\s+corps|рдк|"
                                               r"русск\w+\s+добровольческ\w+\s+корпус\w*"),
        ("Georgian Legion", "ukraine", r"georgian\s+legion|грузинск\w+\s+легион\w*|"
                                       r"грузинськ\w+\s+легіон\w*"),
    ))
_NAMED_UNITS, _NAMED_GROUPS = _combined([(name, pattern) for name, _, pattern in _NAMED_UNIT_LIST])
_NAMED_SIDE = {name: side for name, side, _ in _NAMED_UNIT_LIST}


def _unit_side(match: re.Match[str], text: str) -> str:
    words = match.group(0)
    owner = _UNIT_OWNER.match(text, match.end()) or _OWNER_BEFORE.search(
        text, max(0, match.start() - 20), match.start())
    if owner:
        return owner.lastgroup or ""
    if _UKRAINIAN_UNIT_WORDS.search(words):
        return "ukraine"
    if _RUSSIAN_UNIT_WORDS.search(words):
        return "russia"
    return ""


def find_actors(text: str) -> list[ActorMention]:
    """Sides and units named in ``text``, in order, none overlapping (units first).

    Examples
    --------
    >>> [(m.side, m.unit) for m in find_actors("Северокорейские военные и 93-я ОМБр")]
    [('dprk', ''), ('ukraine', '93 brigade')]
    >>> [(m.side, m.unit) for m in find_actors("the Storm Corps and the enemy")]
    [('dprk', 'Storm Corps'), ('enemy', '')]
    """
    if not isinstance(text, str) or not text:
        return []
    found: list[ActorMention] = []

    def free(a: int, b: int) -> bool:
        return all(b <= m.start or a >= m.end for m in found)

    for match in _NAMED_UNITS.finditer(text):
        name = _NAMED_GROUPS[match.lastgroup or ""]   # each alternative is a named group
        found.append(ActorMention(match.start(), match.end(), _NAMED_SIDE[name], name))
    numbered = [*_NUMBERED_UNIT.finditer(text), *_ORDINAL_UNIT.finditer(text)]
    for match in sorted(numbered, key=lambda m: (m.start(), -m.end())):
        # "1-го корпусу НГУ «Азов»", "12-ї бригади «Азов»": the number belongs to the named
        # unit after it, and so do its words (no count of soldiers)
        named = next((m for m in found if 0 <= m.start - match.end() <= 12
                      or (m.start <= match.end() <= m.end and match.start() < m.start)), None)
        if named is not None:
            if match.start() < named.start:
                found[found.index(named)] = ActorMention(match.start(), named.end,
                                                         named.side, named.unit)
            continue
        if free(match.start(), match.end()):
            kind = next(k for k in _UNIT_TYPES if match.group(k))
            found.append(ActorMention(match.start(), match.end(), _unit_side(match, text),
                                      f"{int(match.group('number'))} {kind}"))
    low = text.lower()
    sides = _SIDES.finditer(low) if len(low) == len(text) else _SIDES_ANY_CASE.finditer(text)
    for match in sides:
        if free(match.start(), match.end()):
            found.append(ActorMention(match.start(), match.end(),
                                      _SIDE_GROUPS[match.lastgroup or ""]))
    return sorted(found, key=lambda m: m.start)


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
    "Medvedev": "russia", "Gladkov": "russia", "South Korean lawmakers": "",
    "ISW": "", "NIS": "", "South Korean JCS": "", "Pentagon": "", "NATO": "", "POW": "",
}
#: Channels and publishers whose "we" is one side's (for texts that name no claimant).
PUBLISHER_SIDES = {
    "WarGonzo": "russia", "Two Majors": "russia", "Military Chronicle": "russia",
    "Readovka": "russia", "RIA Novosti": "russia", "TASS": "russia",
    "Ukrainska Pravda": "ukraine", "Suspilne": "ukraine", "Ukrinform": "ukraine",
    "Interfax-Ukraine": "ukraine", "SSO": "ukraine", "Azov": "ukraine",
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
                       r"(?:defen[cs]e\s+minister\s+)?(?:rustem\s+)?umerov", r"умеров\w*",
                       r"умєров\w*")),
    ("ISW", (r"isw", r"institute\s+for\s+the\s+study\s+of\s+war", r"інститут\w*\s+вивчення\s+війни",
             r"институт\w*\s+изучения\s+войны")),
    ("DeepState", (r"deepstate(?:map)?", r"дипстейт\w*", r"діпстейт\w*")),
    ("Zelensky", (r"(?:president\s+)?(?:volodymyr\s+)?zelensk[iy]{1,2}", r"зеленск\w+", r"зеленськ\w+")),
    ("Syrskyi", (r"(?:gen(?:eral|\.)?\s+)?(?:oleksandr\s+)?syrsk[iy]{1,2}", r"сырск\w+", r"сирськ\w+")),
    ("Putin", (r"putin", r"путин\w*", r"путін\w*")),
    ("Gerasimov", (r"gerasimov", r"герасимов\w*")),
    ("Peskov", (r"peskov", r"песков\w*")),
    ("Kremlin", (r"(?:the\s+)?kremlin", r"кремл\w+")),
    ("Pushilin", (r"pushilin", r"пушилин\w*", r"пушилін\w*")),
    ("Rybar", (r"rybar", r"рыбар\w*", r"рибар\w*")),
    ("GUR", (r"hur", r"gur", r"гур(?:\s+мо)?", r"украинск\w+\s+разведк\w+", r"українськ\w+\s+розвідк\w+", r"(?:ukraine'?s\s+)?(?:military|defen[cs]e)\s+intelligence"
             r"(?:\s+(?:agency|directorate))?", r"військов\w+\s+розвідк\w+", r"буданов\w*",
             r"budanov")),
    ("SBU", (r"sbu", r"сбу", r"security\s+service\s+of\s+ukraine")),
    ("Southern Defence Forces", (r"(?:the\s+)?southern\s+defen[cs]e\s+forces",
                                 r"сил\w*\s+оборони\s+півдня(?:\s+україни)?",
                                 r"сил\w*\s+обороны\s+юга(?:\s+украины)?",
                                 r"(?:vladyslav\s+)voloshyn", r"владислав\w*\s+волошин\w*")),
    ("Khortytsia", (r"khortytsia(?:\s+group)?", r"хортиц\w+", r"хортиц\w*", r"хортиця",
                    r"voloshyn", r"волошин\w*", r"trehubov", r"трегубов\w*")),
    ("Medvedev", (r"(?:dmitry\s+)?medvedev", r"(?:дмитри\w+\s+)?медведев\w*", r"медведєв\w*")),
    ("Gladkov", (r"(?:belgorod\s+governor\s+)?(?:vyacheslav\s+)?gladkov",
                 r"(?:губернатор\w*\s+)?(?:вячеслав\w*\s+)?гладков\w*",
                 r"(?:губернатор\w*\s+)?(?:в['’]ячеслав\w*\s+)?гладков\w*")),
    ("South Korean lawmakers", (r"south\s+korean\s+(?:lawmakers|legislators|mps)",
                                r"южнокорейск\w+\s+депутат\w*", r"південнокорейськ\w+\s+депутат\w*")),
    ("Tavria", (r"tavria(?:\s+group)?", r"таврі\w+", r"таври\w+")),
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
                    r"(?:губернатор\w*\s+курской\s+области\s+)?(?:александр\s+)?хинштейн\w*",
                    r"(?:курськ\w+\s+губернатор\w*\s+)?хінштейн\w*")),
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


def opposite(side: str) -> str:
    """The other side of the war: russia ↔ ukraine (the DPRK fights on Russia's side)."""
    return {"russia": "ukraine", "ukraine": "russia", "dprk": "ukraine"}.get(side, "")


def resolve_side(side: str, speaker_side: str) -> str:
    """``enemy`` and ``own`` made concrete from the side of who speaks; others unchanged."""
    if side == "enemy":
        return opposite(speaker_side)
    if side == "own":
        return speaker_side
    return side
