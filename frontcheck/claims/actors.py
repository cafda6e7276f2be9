"""Who acts and who asserts: sides, named units and claimants in English, Russian, Ukrainian.

A side is ``russia``, ``ukraine`` or ``dprk``. "The enemy" / "противник" / "ворог" is the
side opposite the claimant's, and "our troops" / "наши войска" / "наші воїни" the
claimant's own, so both are kept as ``enemy`` and ``own`` until the claimant is known.
Units are kept by a canonical name ("93 brigade", "Storm Corps") with their side when the
words say it (ОМБр, "мотострелковая", "ВСУ", "of the Russian army").

Claimants (``claims.claimants``, re-exported here) are canonical labels ("Russian MoD",
"Ukrainian General Staff", "ISW") with the side each speaks for, so that "по данным
Минобороны России" and "Russia's Defence Ministry said" count as one claimant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontcheck.claims.claimants import (
    CLAIMANT_SIDES,
    ClaimantMention,
    claimant_side,
    find_claimants,
)
from frontcheck.claims.patterns import combined as _combined
from frontcheck.claims.patterns import rx as _rx

__all__ = ["ActorMention", "ClaimantMention", "find_actors", "find_claimants",
           "claimant_side", "resolve_side", "opposite", "CLAIMANT_SIDES"]

_F = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class ActorMention:
    """``side``: russia, ukraine, dprk, enemy, own, theirs ("his troops": the possessor's),
    or "" (a unit whose side is not said)."""

    start: int
    end: int
    side: str
    unit: str = ""


_TROOPS_EN = (r"(?:forces|troops|army|military|soldiers|units?|servicemen|service\s+members|formations|"
              r"fighters|personnel|men|assault\s+(?:groups|units|troops)|marines|paratroopers|"
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
        r"росіян(?:и|ин|ина|ину|ам|ами|ах|ів)?", r"русск\w+\s+(?:войск\w*|солдат\w*)",
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
        r"зсу", r"сил\w*\s+оборони(?:\s+україни)?", r"сил\w*\s+обороны(?:\s+украины)?", r"сил\w*\s+безпеки\s+(?:і|та)\s+оборони",
        r"збройн\w+\s+сил\w*\s+україни", rf"українськ\w+\s+(?:\w+\s+)?{_TROOPS_UK}",
        r"українц\w*", r"захисник\w*", r"оборонц\w*",
        rf"{_TROOPS_RU}\s+украины", rf"{_TROOPS_UK}\s+україни")),
    # "his soldiers", "его боевики", "його бійці": the men of whoever the sentence names as
    # speaking (Prigozhin's fighters are Russia's whatever word an outlet uses for them);
    # reflexive "свои", "own" point back to the subject instead, and are left to it
    ("theirs", _rx(rf"(?:his|its|their)\s+{_TROOPS_EN}", rf"(?:его|их)\s+(?:{_TROOPS_RU}|боевик\w*)",
                   rf"(?:його|їхні\w*)\s+{_TROOPS_UK}")),
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


def opposite(side: str) -> str:
    """The other side of the war: russia ↔ ukraine (the DPRK fights on Russia's side)."""
    return {"russia": "ukraine", "ukraine": "russia", "dprk": "ukraine"}.get(side, "")


def resolve_side(side: str, speaker_side: str) -> str:
    """``enemy`` and ``own`` made concrete from the side of who speaks; others unchanged."""
    if side == "enemy":
        return opposite(speaker_side)
    if side in ("own", "theirs"):
        return speaker_side
    return side
