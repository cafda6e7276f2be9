"""A prisoner's wish after capture (``intent``: return, stay, a third country, back to Russia),
read from one sentence for ``claims.testimony`` — his own words or words reported as his, not a
question someone put to him, a thing returned, or a wish he says he has not settled.
"""

from __future__ import annotations

import re

from frontcheck.claims.testimony_cues import _F, _INTENTS, _MOVE_ABROAD, _SEVERAL, _WANT, _rx
from frontcheck.claims.testimony_reading import StatementReader, negated_near

__all__ = ["read_intent"]


def read_intent(r: StatementReader, question: str = "", answered_no: bool | None = None) -> bool:
    """A prisoner's wish after capture: his own words, or words reported as his — not a
    question someone put to him that the sentence leaves unanswered ("his host asked him
    whether he would like to stay"), a thing returned ("said he would return them"), nor a
    wish not settled ("has not decided whether to go home")."""
    text = question or r.text
    if answered_no is None and (_ASKED_HIM.search(text) or _UNDECIDED.search(text)):
        return False      # asked, or undecided: no wish yet
    text = _RETURNED_THING.sub(" ", text)
    if r.voice == "source" and answered_no is None and not re.search(
            r"decided|intends|plans|wants|решил\w*|намерен\w*|вирішив|має\s+намір", text, _F) \
            and not _PRISONER.search(text):
        return False          # an official's own wish is no prisoner's intent
    want = _WANT.search(text) or re.search(
        r"(?:return|send|bring|exchange)\s+(?:me|us|myself)", text, _F)
    if not want and answered_no is None:
        return False
    found = False
    # "one of them wants to stay, the other to go home": whose wish is whose, the sentence
    # does not say of a man named elsewhere; such wishes are never compared
    several = {"several": True} if _SEVERAL.search(text) else {}
    for clause in _clauses(text):
        abroad = _MOVE_ABROAD.search(clause)
        cues = ([("third_country", abroad)] if abroad else []) + [
            (value, cue) for value, pattern in _INTENTS if (cue := pattern.search(clause))]
        for value, cue in cues[:1]:
            if value == "return" and re.match(r"\s+(?:(?:him|me|us|them)\s+)?(?:back\s+)?(?:to|в|"
                                              r"до)\s+(?:russia|росси|росі)", clause[cue.end():], _F):
                value = "russia"          # back to the army he served in, not home
            want_here = _WANT.search(clause) or cue
            negated = (answered_no if answered_no is not None
                       else negated_near(clause, want_here.start(), want_here.end(), 24)
                       or _NOT_BEFORE_WISH.search(clause[want_here.end():cue.start()]) is not None)
            r.add("intent", "wish", value, negated, **several)
            found = True
        instead = re.search(r"instead\s+of\s+(?:staying|remaining)|вместо\s+того,?\s+чтобы\s+"
                            r"остаться|замість\s+того,?\s+щоб\s+залишитися", clause, _F)
        if instead:
            r.add("intent", "wish", "stay", True)
    return found


def _clauses(text: str) -> list[str]:
    """A sentence cut at its contrasts ("not to Russia, but to China"): each has its own
    wish."""
    return [c for c in re.split(r",?\s+(?:but|instead|а|но|але|проте)\s+|;", text) if c.strip()]


#: A yes-or-no question someone put to him, reported without its answer: no wish of his.
_ASKED_HIM = _rx(r"asked\s+(?:him|them)\s+(?:\w+\s+){0,3}?(?:whether|if)",
                 r"(?:запитав|запитала|запитали|спитав|питав)\w*\s+(?:його\s+)?(?:\w+\s+){0,4}?чи",
                 r"спросил\w*\s+(?:его\s+)?(?:\w+\s+){0,4}?(?:хочет|хотел|хотел\s+бы)\s+ли")
#: A negation right before the wished thing, after the wish ("pleaded not to be returned").
_NOT_BEFORE_WISH = re.compile(r"(?<![\w])(?:not|never|не|ні)\s+(?:to\s+)?(?:be\s+)?(?:\w+\s+)?$",
                              _F)
#: Returning a thing (papers, a phone), not going back: "he would return them".
_RETURNED_THING = re.compile(r"(?<![\w])return\w*\s+(?:them|it|those|these)(?![\w])", _F)
#: A prisoner or soldier spoken of: his wish is reported ("one of the prisoners wants …").
_PRISONER = _rx(r"soldiers?", r"prisoners?", r"pows?", r"captives?", r"пленн\w*",
                r"военнопленн\w*", r"полонен\w*", r"військовополонен\w*", r"солдат\w*",
                r"бо[еє]ць", r"бійц\w*", r"бойц\w*")
#: A wish not settled ("has not decided", "is unsure whether"): no wish to compare.
_UNDECIDED = _rx(r"undecided", r"(?:not|n['’]t)\s+(?:yet\s+)?(?:decided|sure|certain)",
                 r"unsure", r"hesitat\w*", r"не\s+(?:решил\w*|определил\w*|уверен\w*)",
                 r"не\s+(?:вирішив\w*|визначив\w*|впевнен\w*)", r"вага\w*ся", r"колеба\w*ся")
