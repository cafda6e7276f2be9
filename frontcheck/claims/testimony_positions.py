"""Official positions (``official_position``): what a government or agency holds about a fact
— denied, acknowledged, unconfirmed, or a figure it asserts — and *who holds it*.

The holder is the state or side a position belongs to: the actor the sentence names right
before the stance word ("North Korea has denied …", "Москва отвергла …"), else the speaker
(``holder_of_speaker``: "Dmitry Peskov (Kremlin)" holds Russia's). An outlet reporting
"Pyongyang dismissed the reports" gives North Korea's position, not its own; so North Korea's
denial in December and its acknowledgement in April are one holder's change of stance, and
Russia's denial against Ukraine's figure are two holders that disagree.

A state that speaks of its own forces taking part ("our units participated in …", "наши
военнослужащие участвовали …") acknowledges their participation. A sentence telling both a
denial and a later admission ("initially denied, but in April acknowledged") tells the
history of a position: it is read as the latest stance, marked ``history``, and compared
with nothing (it already says what changed).
"""

from __future__ import annotations

import re

from frontcheck.claims.testimony_cues import _F, _OFFICIAL_FACT, _STANCES, _rx
from frontcheck.claims.testimony_reading import StatementReader, negated_near

__all__ = ["read_official", "holder_in", "holder_of_speaker", "position_fact"]

#: The sides a position may belong to, by the words that name them (states, capitals, their
#: offices and the officials who speak for them).
_HOLDERS = (
    ("dprk", _rx(r"north\s+korea\w*", r"dprk", r"pyongyang", r"kim\s+jong[\s-]un", r"kcna",
                 r"кндр", r"северн\w+\s+коре\w*", r"пхеньян\w*", r"ким\s+чен\s+ын\w*",
                 r"північн\w+\s+коре\w*", r"кім\s+чен\s+ин\w*", r"цтак")),
    ("south_korea", _rx(r"south\s+korea\w*", r"seoul", r"nis", r"yoon\s+suk[\s-]yeol",
                        r"южн\w+\s+коре\w*", r"сеул\w*", r"південн\w+\s+коре\w*",
                        r"національн\w+\s+служб\w+\s+розвідк\w*")),
    ("russia", _rx(r"russia\w*", r"moscow", r"kremlin", r"peskov", r"lavrov", r"zakharova",
                   r"putin", r"shoigu", r"gerasimov", r"росси\w*", r"москв\w*", r"кремл\w*",
                   r"песков\w*", r"лавров\w*", r"захаров\w*", r"путин\w*", r"росі\w*",
                   r"кремл\w*", r"пєсков\w*", r"путін\w*")),
    ("ukraine", _rx(r"ukrain\w*", r"kyiv", r"kiev", r"zelensk\w*", r"budanov", r"sbu", r"hur",
                    r"gur", r"україн\w*", r"киї\w*", r"київ\w*", r"зеленськ\w*", r"буданов\w*",
                    r"сбу", r"гур", r"украин\w*", r"киев\w*", r"зеленск\w*")),
    ("usa", _rx(r"united\s+states", r"u\.s\.", r"us", r"washington", r"pentagon",
                r"white\s+house", r"state\s+department", r"сша", r"вашингтон\w*",
                r"пентагон\w*")),
    ("china", _rx(r"china", r"chinese", r"beijing", r"китай\w*", r"китаю", r"пекін\w*",
                  r"пекин\w*")),
    ("uk", _rx(r"britain", r"british", r"uk", r"london", r"downing\s+street",
               r"великобритан\w*", r"британ\w*", r"лондон\w*")),
)

#: A state's own forces taking part: its acknowledgement that they did.
_OWN_FORCES_TOOK_PART = re.compile(
    r"(?<![\w])(?:our|наш\w*)\s+(?:\w+\s+){0,3}?(?:armed\s+forces|forces|troops|units|"
    r"servicemen|soldiers|military|войск\w*|военнослужащ\w*|подразделени\w*|військ\w*|"
    r"військовослужбовц\w*|підрозділ\w*)\b(?:\s+\S+){0,8}?\s+(?:participated|took\s+part|"
    r"fought|were\s+sent|were\s+deployed|helped|liberat\w*|участвовал\w*|приняли\s+участие|"
    r"воевал\w*|освобожд\w*|освободил\w*|брали\s+участь|взяли\s+участь|воювал\w*|"
    r"звільн\w*)", _F)

#: Stance words that need no named fact: "That's not true.", "I have no comment on these
#: reports." answer what the speaker was asked about.
_BARE_STANCE = _rx(r"untrue", r"not\s+true", r"unfounded", r"no\s+comment", r"неправда",
                   r"нет\s+комментариев", r"без\s+коментарів", r"denied", r"опроверг\w*",
                   r"спростува\w*", r"(?:declin|refus)\w*\s+to\s+comment",
                   r"отказал\w*\s+(?:от\s+)?комментир\w*", r"відмови\w*\s+коментува\w*")

#: A documented figure of persons fighting or serving ("155 Chinese citizens who are fighting
#: against Ukrainians"): the position of the one who states it, that they do.
_ASSERTED = re.compile(
    r"(?<![\w,.])\d[\d,. ]*\s+(?:[^\W\d_]+\s+){0,3}?(?:citizens|nationals|soldiers|troops|"
    r"servicemen|fighters|people|граждан\w*|громадян\w*|военн\w*|військов\w*|солдат\w*|"
    r"человек|осіб|бойц\w*)\b(?:\s+\S+){0,6}?\s+(?:are\s+|were\s+|is\s+)?(?:fight\w*|fought|"
    r"serv\w*|deployed|воюю\w*|воюет|воюют|воевал\w*|воювал\w*|служ\w*|участву\w*)", _F)

_STANCE_ANY = re.compile("|".join(f"(?:{p.pattern})" for _, p in _STANCES), _F)


def holder_in(text: str) -> str:
    """The side the text names last ("" when none): the holder of a stance named before it.

    >>> holder_in("Both Moscow and"), holder_in("Официальный Пхеньян"), holder_in("They")
    ('russia', 'dprk', '')
    """
    best, at = "", -1
    for key, pattern in _HOLDERS:
        for match in pattern.finditer(text):
            if match.start() > at:
                best, at = key, match.start()
    return best


def holder_of_speaker(label: str) -> str:
    """The side a speaker label speaks for ("Dmitry Peskov (Kremlin)" → russia), "" when
    none is named (an outlet, a person of no office)."""
    return holder_in(label)


def _clause_start(text: str, at: int) -> int:
    return max([text.rfind(c, 0, at) for c in ";:—–("] + [
        m.start() for m in re.finditer(r",\s+(?:but|however|while|whereas|а|но|але|проте)\s",
                                       text[:at], _F)] + [-1]) + 1


def read_official(r: StatementReader) -> None:
    """A position (module docstring) with its ``holder`` when the sentence names one."""
    stances = [(m.start(), stance, m) for stance, pattern in _STANCES
               for m in pattern.finditer(r.text)]
    if not stances:
        own = _OWN_FORCES_TOOK_PART.search(r.text)
        if own:
            r.add("official_position", "stance", "acknowledged", False, holder="")
        elif _ASSERTED.search(r.text):   # the figure's holder: the speaker who gives it
            r.add("official_position", "stance", "asserted", False, holder="")
        return
    if not (_OFFICIAL_FACT.search(r.text) or _BARE_STANCE.search(r.text)):
        return
    stances.sort(key=lambda s: s[0])
    values = []
    for _, stance, cue in stances:
        negated = stance == "acknowledged" and negated_near(r.text, cue.start(), cue.end(), 16)
        values.append(("denied" if negated else stance, cue))
    kinds = {v for v, _ in values} - {"unconfirmed"}
    history = {"denied", "acknowledged"} <= kinds
    # the first stance, or the latest one of a history ("denied …, later acknowledged")
    value, cue = values[-1] if history else values[0]
    first = values[0][1]          # a history's holder is named before its first stance
    holder = holder_in(r.text[_clause_start(r.text, cue.start()):cue.start()]) or holder_in(
        r.text[_clause_start(r.text, first.start()):first.start()])
    r.add("official_position", "stance", value, False, holder=holder, history=history,
          fact=position_fact(r.text))


#: What a position is about, so that positions are compared only on one fact: men taken
#: prisoner, the dead, or forces sent and taking part (the first of these a sentence names).
_FACTS = (
    ("capture", _rx(r"captur\w*", r"prisoners?", r"pows?", r"captiv\w*", r"detain\w*",
                    r"плен\w*", r"военнопленн\w*", r"полон\w*", r"військовополонен\w*")),
    ("casualties", _rx(r"killed", r"dead", r"deaths?", r"died", r"casualt\w*", r"losses",
                       r"погиб\w*", r"убит\w*", r"потер\w*", r"загиб\w*", r"загинул\w*",
                       r"вбит\w*", r"втрат\w*")),
    ("deployment", _rx(r"troops", r"forces", r"soldiers", r"deploy\w*", r"presence",
                       r"particip\w*", r"sen[dt]\w*", r"fight\w*", r"войск\w*", r"военн\w*",
                       r"присутств\w*", r"участ\w*", r"отправ\w*", r"військ\w*",
                       r"присутн\w*", r"відправ\w*", r"вою\w*", r"воева\w*")),
)


def position_fact(text: str) -> str:
    """The fact a position is about (``_FACTS``), "" when the sentence names none.

    >>> position_fact("Seoul confirmed that two North Korean soldiers were captured")
    'capture'
    """
    for fact, pattern in _FACTS:
        if pattern.search(text):
            return fact
    return ""
