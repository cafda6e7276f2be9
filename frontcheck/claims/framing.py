"""How a sentence holds the claim its action word makes: asserted, reported (told with
doubt, or in order to deny it) or denied — and who made a claim the sentence only reports.

"Генштаб ЗСУ спростував заяви окупантів про нібито захоплення Торецька" carries two claims:
the capture Russia claimed, and the General Staff's denial of it (issue 10: never drop the
sentence, never flip the actor).
"""

from __future__ import annotations

import re

from frontcheck.claims.actors import claimant_side, opposite
from frontcheck.claims.cues import Cue
from frontcheck.claims.reading import SentenceReading, words_between

__all__ = ["NOMINAL", "framing_of", "negated_by", "reported_claimant", "scare_quoted"]

NOMINAL = re.compile(r"(?:ние|ния|нию|нием|нии|ення|ння|ння|ування|ання|ion|ions|ment|capture|"
                      r"breakthrough|(?:прорыв|захват|отступ)(?:а|е|у|ом|ы|ов)?|"
                      r"(?:прорив|відступ)(?:у|і|ом)?)$", re.IGNORECASE)


def negated_by(reading: SentenceReading, cue: Cue) -> bool:
    text = reading.text
    if any(n.end <= cue.start and words_between(text, n.end, cue.start) <= 2
           for n in reading.negations):
        return True
    if cue.kind == "fighting_in":
        return False     # "denied the capture, saying fighting goes on": fighting is asserted
    if any(d.end <= cue.start for d in reading.denials):
        return True
    # "Russian claims about the capture of Rodynske are not true": a denied report
    return bool(NOMINAL.search(text[cue.start:cue.end])) and any(
        d.start >= cue.end for d in reading.denials)


_BUT = re.compile(r"\b(?:but|however|yet|though|однако|но|хотя|тогда\s+как|але|проте|однак|"
                  r"втім|хоча)\b", re.IGNORECASE)


#: The claim named again before its denial: "Russia claimed control over X, a claim
#: Ukraine refuted", "..., which Kyiv denied", "..., що в ЗСУ спростували".
_CLAIM_BACK = re.compile(r"(?<![\w-])(?:claims?|reports?|statements?|assertions?|which|"
                         r"заяв\w*|утверждени\w*|твердженн\w*|повідомленн\w*|сообщени\w*|"
                         r"что|що|які|яку|которое|которые|которую)(?![\w-])", re.IGNORECASE)


_SIDE_LABEL = {"russia": "Russia", "ukraine": "Ukraine", "dprk": "North Korea"}


_OPENING_QUOTES = "\"«“„'‘"
_CLOSING_QUOTES = "\"»”“'’"


def scare_quoted(text: str, cue: Cue) -> bool:
    """Whether the action word alone stands in quotation marks ("заявления РФ о «взятии»
    X", "К населенным пунктам, "захваченным" генералами"): the writer doubts it.

    >>> scare_quoted('заяви Кремля про "захоплення" міста', Cue(18, 28, "captured"))
    True
    """
    return cue.start > 0 and text[cue.start - 1] in _OPENING_QUOTES \
        and text[cue.end:cue.end + 1] != "" and text[cue.end] in _CLOSING_QUOTES


def framing_of(reading: SentenceReading, cue: Cue) -> str:
    """How the sentence holds the claim its action word makes:

    - ``asserted``: stated, or attributed without doubt;
    - ``denied``: negated outright ("have not captured", "не удалось продвинуться");
    - ``reported+denied``: someone's claim and its denial ("denied Russian claims that ...
      captured X", "the claims that X fell are false", "якобы захватили ..., однако в ВСУ
      это опровергли"): two claims, the report and the denial;
    - ``reported``: told with doubt and not denied ("allegedly captured", "нібито захопили").
    """
    text = reading.text
    if any(n.end <= cue.start and words_between(text, n.end, cue.start) <= 2
           for n in reading.negations):
        # "О неправдивости заявлений Герасимова ..., что Россия не оккупировала Купянск":
        # a negation in a sentence that also speaks of someone's claim, or calls it false,
        # denies that claim, which the sentence thereby reports
        return "reported+denied" if reading.claim_nouns or reading.denials else "denied"
    hedged = any(h.end <= cue.start and words_between(text, h.end, cue.start) <= 4
                 for h in reading.hedges) or scare_quoted(text, cue)
    if cue.kind == "fighting_in":
        return "reported" if hedged else "asserted"   # a denier says fighting goes on
    if any(d.end <= cue.start for d in reading.denials):
        return "reported+denied"
    after = [d for d in reading.denials if d.start >= cue.end]
    if after and (hedged or NOMINAL.search(text[cue.start:cue.end])
                  or any(n.end <= cue.start for n in reading.claim_nouns)
                  or _BUT.search(text, cue.end, after[0].start)
                  or _CLAIM_BACK.search(text, cue.end, after[0].start)):
        return "reported+denied"
    return "reported" if hedged else "asserted"


def reported_claimant(reading: SentenceReading, actor: str, denied: bool) -> str:
    """Who made a claim the sentence reports: another claimant it names, else the side
    opposite the one who doubts or denies it, else the side said to have gained."""
    other = [m.claimant for m in reading.claimants
             if m.claimant != reading.claimant and (reading.claimant_span is None or
                                                   m.start != reading.claimant_span[0])]
    if other:
        return other[0]
    doubter = reading.speaker_side if not denied else (
        claimant_side(reading.claimant) or reading.speaker_side)
    return _SIDE_LABEL.get(opposite(doubter)) or _SIDE_LABEL.get(actor, "")
