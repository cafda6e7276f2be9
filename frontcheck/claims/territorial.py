"""Territorial and participation claims from a read sentence.

Territorial: each settlement the sentence names (not an axis, not a reference point) takes
the action word nearest before it ("освобождены населённые пункты X, Y и Z": all three),
else the one just after it ("Покровськ звільнено"). A region stands in for a settlement only
for control and advance ("expelled Ukrainian troops from the Kursk region"), and only when
that action names no settlement. The actor is the side named as subject before the action
(the nearest one that is not the object of "attacks by", "together with", "from"), or the
agent after a passive ("by Russian forces", "украинскими войсками"); with none, the claimant's
own side, except fighting, which has no actor then, and a denied capture, which is the other
side's. Negation: a negative just before the action word ("have not captured", "не удалось
продвинуться"), or a denial before it ("denied that ...", "неправда, що ...").

Participation: North Korean troops and named units (Storm Corps, Wagner, "93rd Brigade")
present where the sentence puts them, when it says they are deployed, fighting, spotted,
losing men, or acting; one claim per place named (or one with no place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontcheck.claims.actors import ActorMention, opposite
from frontcheck.claims.cues import ATTRIBUTION, PASSIVE_AGENT, Cue
from frontcheck.claims.model import PlaceRef
from frontcheck.claims.reading import SentenceReading, words_between

__all__ = ["Draft", "Located", "territorial_drafts", "participation_drafts", "resolved_places"]

_CONTROL = frozenset(("captured", "liberated", "recaptured", "withdrew", "advanced"))
_NOT_SUBJECT_BEFORE = re.compile(
    r"(?:attacks?|assaults?|counter-?attacks?|(?:assault\s+)?groups?\s+of|by|of|with|from|"
    r"against|alongside|supported\s+by|backed\s+by|help\s+of|атак\w*|штурм\w*|контратак\w*|"
    r"групп\w*|груп\w*|с|со|из|от|против|при\s+поддержке|вместе\s+с|з|із|від|проти|"
    r"разом\s+(?:з|із)|за\s+підтримки|при\s+участии|за\s+участі|позиції|позиции|"
    r"поражение\s+\w+\s+\w+)\s+(?:the\s+)?$", re.IGNORECASE)
_PEOPLE_WORDS = (r"(?:soldiers?|troops|servicemen|prisoners|pows?|fighters|men|солдат\w*|"
                 r"военн\w+|военнослужащ\w+|бойц\w+|військов\w+|солдатів|полонен\w+)")
_PEOPLE_OBJECT = re.compile(rf"\s+(?:\w+\s+){{0,3}}?{_PEOPLE_WORDS}(?![\w])", re.IGNORECASE)
_PEOPLE_SUBJECT = re.compile(rf"{_PEOPLE_WORDS}\s+$", re.IGNORECASE)
_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
_CONCESSIVE = re.compile(r"\b(?:despite|in\s+spite\s+of|but|where|несмотря|но|где|попри|"
                         r"незважаючи|але|де)\b", re.IGNORECASE)
_NOMINAL = re.compile(r"(?:ние|ния|нию|нием|нии|ення|ння|ння|ування|ання|ion|ions|ment)$",
                      re.IGNORECASE)
_INSTRUMENTAL = re.compile(r"\w+(?:ами|ями|ими|ыми)\b", re.IGNORECASE)
_ATTACK_BEFORE = re.compile(r"(?:attack|assault|контратак|атак|штурм)\w*", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|\s[—–]\s|,\s+(?:where|где|де|which|которы\w+|які\w*|"
                           r"while|but|но|але|а)\b")


@dataclass(frozen=True, slots=True)
class Draft:
    """A claim before ids, dates and claimant are attached: ``key`` is the offset (within
    the sentence) that tells claims of one sentence apart."""

    type: str
    key: int
    actor: str = ""
    action: str = ""
    place: PlaceRef | None = None
    negated: bool = False
    fields: dict | None = None


@dataclass(frozen=True, slots=True)
class Located:
    """A place named at ``start:end`` of the sentence; ``region`` for a whole oblast."""

    start: int
    end: int
    place: PlaceRef
    region: bool = False


def resolved_places(reading: SentenceReading, resolve_place) -> list[Located]:
    """Each settlement or region the sentence names, in order.

    A settlement is kept when the resolver finds it, or when a word such as "village of" or
    "населённый пункт" announces it (then unresolved, ``id`` None). Regions become a
    ``PlaceRef`` with the oblast and no id.
    """
    context_text = ", ".join(m.text for m in reading.places)
    oblasts = [m.oblast for m in reading.places if m.kind == "region" and m.oblast]
    out: list[Located] = []
    for mention in reading.places:
        if mention.kind == "region":
            out.append(Located(mention.start, mention.end,
                               PlaceRef(mention=mention.text, oblast=mention.oblast), True))
        elif mention.kind == "settlement" and resolve_place is not None:
            context = {"text": context_text, "oblast": oblasts[0] if len(oblasts) == 1 else None}
            place = resolve_place(mention.text, context)
            if place is None and context["oblast"] is not None:
                place = resolve_place(mention.text, {"text": context_text})
            if place is None and mention.cued:
                place = PlaceRef(mention=mention.text)
            if place is not None and (not mention.initial or place.id or mention.cued):
                out.append(Located(mention.start, mention.end, place))
        elif mention.kind == "settlement" and mention.cued:
            out.append(Located(mention.start, mention.end, PlaceRef(mention=mention.text)))
    return out


def _clause_start(text: str, before: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, before)]
    return breaks[-1] if breaks else 0


def _subject(reading: SentenceReading, action: Cue) -> ActorMention | None:
    text = reading.text
    start = _clause_start(text, action.start)
    candidates = [a for a in reading.actors if start <= a.start and a.end <= action.start]
    for actor in reversed(candidates):
        if not _NOT_SUBJECT_BEFORE.search(text[max(0, actor.start - 40):actor.start]):
            return actor
    after = [a for a in reading.actors if a.start >= action.end
             and words_between(text, action.end, a.start) <= 3]
    if after:
        head = text[action.end:after[0].start]
        words = text[after[0].start:after[0].end].split()
        if PASSIVE_AGENT.match(head) or _INSTRUMENTAL.fullmatch(words[0]) or (
                _NOMINAL.search(text[action.start:action.end]) and "," not in head):
            return after[0]     # "by Russian forces", "войсками", "продвижение войск"
    return None


def _negated(reading: SentenceReading, cue: Cue) -> bool:
    text = reading.text
    if any(n.end <= cue.start and words_between(text, n.end, cue.start) <= 2
           for n in reading.negations):
        return True
    return any(d.end <= cue.start for d in reading.denials)


def _actor_side(reading: SentenceReading, actor: ActorMention) -> str:
    side = reading.side(actor)
    if side:
        return side
    # a unit whose words do not say its side: the attacker is the other side
    before = reading.text[max(0, actor.start - 45):actor.start]
    if _ATTACK_BEFORE.search(before):
        return opposite(reading.speaker_side)
    return reading.speaker_side


def _default_actor(reading: SentenceReading, action: str, negated: bool) -> str:
    if action == "fighting_in":
        return ""
    if action == "captured" and negated:
        return opposite(reading.speaker_side)
    return reading.speaker_side


def territorial_drafts(reading: SentenceReading, places: list[Located]) -> list[Draft]:
    """Territorial claims of one sentence (see the module docstring)."""
    text = reading.text
    # "captured two soldiers", "soldiers captured by Ukraine": people, not ground
    actions = [a for a in reading.actions if a.kind == "fighting_in" or not (
        _PEOPLE_OBJECT.match(text, a.end)
        or _PEOPLE_SUBJECT.search(text, 0, a.start) and _BY_AFTER.match(text, a.end))]
    if not actions:
        return []
    drafts: list[Draft] = []
    settled: set[int] = set()
    for is_region in (False, True):
        for located in places:
            if located.region != is_region:
                continue
            start, end, place = located.start, located.end, located.place
            before = [a for a in actions if a.end <= start
                      and not _CLAUSE_BREAK.search(reading.text, a.end, start)]
            after = [a for a in actions if a.start >= end and a.start - end <= 60]
            action = before[-1] if before else (after[0] if after else None)
            if action is None:
                continue
            index = actions.index(action)
            if is_region and (action.kind not in _CONTROL or index in settled):
                continue
            negated = _negated(reading, action)
            subject = _subject(reading, action)
            actor = (_actor_side(reading, subject) if subject is not None
                     else _default_actor(reading, action.kind, negated))
            fields = {"unit": subject.unit} if subject is not None and subject.unit else {}
            axes = [m.text for m in reading.places if m.kind == "axis"]
            if axes:
                fields["axis"] = axes[0]
            drafts.append(Draft("territorial", start, actor, action.kind, place, negated,
                                fields))
            if not is_region:
                settled.add(index)
    return drafts + _trailing_fighting(reading, places, actions, drafts)


def _trailing_fighting(reading: SentenceReading, places: list[Located], actions: list[Cue],
                       drafts: list[Draft]) -> list[Draft]:
    """Fighting named after the only place of its clause ("did not advance near Kupiansk,
    despite 12 assaults"): a claim of fighting there too."""
    out: list[Draft] = []
    for cue in actions:
        if cue.kind != "fighting_in" or any(p.start > cue.end for p in places):
            continue
        before = [d for d in drafts if d.key < cue.start and d.action != "fighting_in"
                  and d.place is not None]
        gap = reading.text[before[-1].key:cue.start] if before else ""
        if before and len(gap) <= 90 and _CONCESSIVE.search(gap) and not ATTRIBUTION.search(gap):
            last = before[-1]
            subject = _subject(reading, cue)
            actor = _actor_side(reading, subject) if subject is not None else last.actor
            out.append(Draft("territorial", cue.start, actor, "fighting_in", last.place,
                             _negated(reading, cue), {}))
    return out


def _participants(reading: SentenceReading) -> list[ActorMention]:
    """North Korean troops and named units in the sentence, one entry per force: a
    generic "North Korean troops" and "the Storm Corps" in one sentence are one force."""
    chosen = [a for a in reading.actors if a.side == "dprk" or a.unit]
    merged: list[ActorMention] = []
    for actor in chosen:
        same = next((m for m in merged if m.side == actor.side == "dprk"
                     and not (m.unit and actor.unit and m.unit != actor.unit)), None)
        if same is None:
            merged.append(actor)
        elif actor.unit and not same.unit:
            merged[merged.index(same)] = ActorMention(same.start, same.end, same.side,
                                                      actor.unit)
    return merged


def participation_drafts(reading: SentenceReading, places: list[Located]) -> list[Draft]:
    """Participation claims of one sentence (see the module docstring)."""
    if not (reading.presence or reading.actions or reading.casualties):
        return []
    drafts: list[Draft] = []
    where = [p for p in places if not p.region] or [p for p in places if p.region][:1]
    for actor in _participants(reading):
        side = _actor_side(reading, actor)
        cues = reading.presence + reading.actions + reading.casualties
        negated = any(d.end <= actor.start for d in reading.denials) or any(
            n.end <= c.start and words_between(reading.text, n.end, c.start) <= 1
            for c in cues for n in reading.negations)
        fields = {"unit": actor.unit}
        for located in where or [None]:
            start = located.start if located else actor.start
            drafts.append(Draft("participation", start * 1000 + actor.start % 1000, side,
                                "present", located.place if located else None, negated,
                                fields))
    return drafts
