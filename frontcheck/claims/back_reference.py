"""A second claim at the place the sentence before named (issue 10, fifth pass).

Real texts often give two claims about one place in two sentences, the second naming no
place of its own: "The Russian army has captured a district of Chasiv Yar. Ukrainian
forces retreated ...", "росіяни намагаються захопити Покровськ. ЗСУ повернули контроль над
16 кв. км у північній частині міста." The annotation guide gives each its own claim: the
withdrawal by the side that left, and an advance (a part of the place) by the side that
took it back. The sentence must name no place, no negation, no denial and no forecast, its
subject must say its side, and the sentence before must have made claims about one place
only (else the back reference is ambiguous); a claim of the same action group already made
there is not repeated.
"""

from __future__ import annotations

import re

from frontcheck.claims.agents import actor_side, holder_of, owner_of, subject_of
from frontcheck.claims.cues import ATTEMPT, IRREALIS
from frontcheck.claims.model import ACTION_GROUP
from frontcheck.claims.reading import SentenceReading
from frontcheck.claims.territorial import Draft

__all__ = ["claims_at_place_before"]

#: A part of the place spoken of before: "у північній частині міста", "на окраине города",
#: "part of the town", "the western districts of the city".
_PART_OF_IT = re.compile(
    r"(?<![\w-])(?:частин\w*|част[иь]|половин\w*|окраин\w*|околиц\w*|район\w*|квартал\w*|"
    r"parts?|half|outskirts|districts?|neighbou?rhoods?|sectors?)\s+(?:\w+\s+){0,2}?"
    r"(?:міста|города|села|селища|посёлка|поселка|населеного\s+пункту|населённого\s+пункта|"
    r"населенного\s+пункта|of\s+(?:the|this)\s+(?:town|city|village|settlement))(?![\w-])",
    re.IGNORECASE)


#: The place named before, spoken of again: "це місто", "этот город", "the town".
_THIS_PLACE = re.compile(
    r"(?<![\w-])(?:це|цей|ця|это|этот|эта|the|this)\s+(?:місто|село|селище|населений\s+пункт|"
    r"город|посёлок|поселок|населённый\s+пункт|населенный\s+пункт|town|city|village|"
    r"settlement)(?![\w-])", re.IGNORECASE)
_GAINS = ("captured", "recaptured", "liberated", "advanced")


def _second_action(reading: SentenceReading, kind: str, start: int, end: int) -> str:
    """The claim a placeless action word makes about the place before, or ""."""
    text = reading.text
    if kind == "withdrew":
        return "withdrew"
    if kind in _GAINS and (_PART_OF_IT.search(text, end, end + 80)
                           or _PART_OF_IT.search(text, max(0, start - 60), start)):
        return "advanced"     # "part of the town is under the control of Russian troops"
    if kind in _GAINS and _THIS_PLACE.search(text, max(0, start - 60), start):
        return kind           # "Зараз це місто повністю під контролем українських військових"
    if kind == "fighting_in" and _ATTACK_WORD.match(text, start):
        return "fighting_in"  # "російські загарбники намагаються прорватися з півночі"
    return ""


#: An attack or an attempt (``cues.find_actions`` makes "намагаються прорватися" a fight):
#: the attacker's fight at the place before — not "бої тривають", which names no attacker.
_ATTACK_WORD = re.compile(r"(?:штурм|атак|наступ|прорв|прорив|прорыв|просоч|просува|продвига|"
                          r"storm|assault|attack|advanc|infiltrat|push|break)", re.IGNORECASE)


def claims_at_place_before(drafts_before: list[Draft], reading: SentenceReading) -> list[Draft]:
    """The withdrawal, the partial advance, the gain of "this town" or the attacker's fight a
    placeless sentence reports at the one place the sentence before made claims about (see
    the module docstring)."""
    if reading.places or reading.negations or reading.denials:
        return []
    named = [d for d in drafts_before if d.type == "territorial" and d.place is not None
             and not d.negated]
    if not named or len({(d.place.id, d.place.mention) for d in named
                         if d.place is not None}) != 1:
        return []
    place = named[-1].place
    if place is None:
        return []
    groups = {ACTION_GROUP.get(d.action, "") for d in named}
    for cue in reading.actions:
        action = _second_action(reading, cue.kind, cue.start, cue.end)
        before = reading.text[max(0, cue.start - 40):cue.start]
        if not action or ACTION_GROUP[action] in groups or IRREALIS.search(before) \
                or (ATTEMPT.search(before) and action != "fighting_in"):
            continue
        subject = subject_of(reading, cue)
        if action == "fighting_in" and (subject is None or reading.side(subject) == owner_of(
                place)):
            continue     # a fight is the attacker's: the side named must not own the place
        side = actor_side(reading, subject) if subject is not None and reading.side(
            subject) in ("russia", "ukraine") else holder_of(reading, cue)
        if side in ("russia", "ukraine"):
            return [Draft("territorial", 700_000 + cue.start, side, action, place, False,
                          {"cue": "place of the sentence before"})]
    return []
