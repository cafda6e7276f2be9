"""Who acts in a territorial claim: the subject of its action word, the agent of a passive,
the holder of a place "under control", the attacker of a fight, or — where the sentence
names none — the side of whoever speaks.

The owner of a place's soil matters twice: a fight on it is the other side's attack unless
the words say the owner attacks ("контратакували"), and the owner still holding it denies the
other side's capture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from frontcheck.claims.actors import ActorMention, claimant_side, opposite
from frontcheck.claims.cues import PASSIVE_AGENT, Cue
from frontcheck.claims.framing import NOMINAL
from frontcheck.claims.model import PlaceRef
from frontcheck.claims.reading import SentenceReading, words_between
from frontcheck.places.regions import RUSSIAN_OBLASTS

__all__ = ["CLAUSE_BREAK", "FROM_SIDE", "OWN_ATTACK", "actor_side", "attacker_of", "clause_start",
           "default_actor", "expelled_action", "expelled_side", "holder_of", "owner_of",
           "possessive_side", "possible_oblasts", "subject_of"]

_NOT_SUBJECT_BEFORE = re.compile(
    r"(?<![\w-])(?:attacks?|assaults?|counter-?attacks?|(?:assault\s+)?groups?\s+of|by|of|with|from|"
    r"against|alongside|supported\s+by|backed\s+by|help\s+of|атак\w*|штурм\w*|контратак\w*|"
    r"групп\w*|груп\w*|с|со|из|от|против|при\s+поддержке|вместе\s+с|з|із|від|проти|"
    r"разом\s+(?:з|із)|за\s+підтримки|при\s+участии|за\s+участі|позиці\w*|позици\w*|"
    # "продавили оборону ВСУ", "прорвали оборону ЗСУ": the other side inside an object
    r"оборон\w*|рубеж\w*|"
    r"поражение\s+\w+\s+\w+)\s+(?:the\s+)?$", re.IGNORECASE)


#: "зачищення від ворога", "освобождение от оккупантов", "cleared of the enemy": the side
#: driven out, never the agent.
FROM_SIDE = re.compile(r"^\s*(?:від|вiд|от|of|from)\s+(?:the\s+)?$", re.IGNORECASE)
_INSTRUMENTAL = re.compile(r"\w+(?:ами|ями|ими|ыми)\b", re.IGNORECASE)


_ATTACK_BEFORE = re.compile(r"(?:attack|assault|контратак|атак|штурм)\w*", re.IGNORECASE)


CLAUSE_BREAK = re.compile(r"[;:]|\s[—–]\s|,\s+(?:where|где|де|which|которы\w+|які\w*|"
                           r"while|but|но|але|а(?!\s+(?:також|также|ещё|еще|затем|потім)))\b")


#: Oblique forms of "the enemy" are objects ("обороны противника", "витіснили ворога").
_OBJECT_ENEMY = re.compile(r"(?:противник|враг|ворог|неприятел)а$|'s$",
                           re.IGNORECASE)


#: "Units of the 1st Azov Corps": "of" after a word for troops joins the unit to its men.
_TROOPS_OF = re.compile(r"(?:units?|fighters|soldiers|troops|servicemen|forces|paratroopers|"
                        r"marines|members|elements|operators|assault\s+groups|columns|convoys)\s+of\s+(?:the\s+)?$",
                        re.IGNORECASE)


def possible_oblasts(place: PlaceRef) -> set[str | None]:
    """The oblast a place is in, or, left ambiguous, each of its candidates' oblasts."""
    return {place.oblast} if place.oblast else {c.get("oblast") for c in place.candidates}


def owner_of(place: PlaceRef) -> str:
    """Whose soil a place is: russia for Kursk, Belgorod and Bryansk oblasts, else ukraine;
    "" when its candidates disagree."""
    oblasts = possible_oblasts(place)
    sides = {"russia" if o in RUSSIAN_OBLASTS else "ukraine" for o in oblasts if o}
    return sides.pop() if len(sides) == 1 else ""


def expelled_action(actor: str, place: PlaceRef) -> str:
    """"выбили ВСУ из Водяного" is a capture by Russia; "вибили окупантів з Кіндрашівки"
    retakes Ukraine's own village (known from the oblast, or every candidate's)."""
    oblasts = possible_oblasts(place)
    if not oblasts or None in oblasts or actor not in ("russia", "ukraine"):
        return "recaptured"
    in_russia = {o in RUSSIAN_OBLASTS for o in oblasts}
    if len(in_russia) != 1:
        return "recaptured"
    own_soil = in_russia.pop() == (actor == "russia")
    return "recaptured" if own_soil else "captured"


def clause_start(text: str, before: int) -> int:
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, before)]
    return breaks[-1] if breaks else 0


def _can_be_subject(text: str, actor: ActorMention, actions: Sequence[Cue] = ()) -> bool:
    before = text[max(0, actor.start - 40):actor.start]
    if _OBJECT_ENEMY.search(text[actor.start:actor.end]):
        return False
    # "выбили ВСУ из Водяного и наступают": the object of an earlier verb
    if any(a.end <= actor.start and words_between(text, a.end, actor.start) == 0
           for a in actions):
        return False
    return not _NOT_SUBJECT_BEFORE.search(before) or _TROOPS_OF.search(before) is not None


#: A complementiser opening a reported clause ("denied claims that X has fallen").
_THAT = re.compile(r"(?<![\w])(?:that|что|що)(?![\w])", re.IGNORECASE)


def subject_of(reading: SentenceReading, action: Cue) -> ActorMention | None:
    text = reading.text
    start = clause_start(text, action.start)
    that = [m.end() for m in _THAT.finditer(text, start, action.start)]
    # "Ukraine denied Russian claims that Pokrovsk has fallen", "офицер Сил обороны
    # подчеркнул, что Россия не оккупировала Купянск": a place or a side opens the reported
    # clause as its subject; the speaker before "that" is not the one who took it
    reported_clause = bool(that) and (
        any(that[-1] <= p.start < action.start for p in reading.places
            if p.kind == "settlement")
        or _SIDE_BEFORE.search(text, that[-1], action.start) is not None)
    if reported_clause:
        start = that[-1]
    candidates = [a for a in reading.actors if start <= a.start and a.end <= action.start]
    for actor in reversed(candidates):
        if _can_be_subject(text, actor, reading.actions):
            return actor
    if action.kind == "withdrew":
        # "виведення російських військ з Херсона", "withdrawal of Russian troops from":
        # the side inside the withdrawal's own words is the one withdrawing
        inside = [a for a in reading.actors if action.start < a.start and a.end <= action.end]
        if inside:
            return inside[0]
    after = [a for a in reading.actors if a.start >= action.end
             and words_between(text, action.end, a.start) <= 3]
    if after:
        head = text[action.end:after[0].start]
        words = text[after[0].start:after[0].end].split()
        if not FROM_SIDE.match(head) and (PASSIVE_AGENT.match(head) or _INSTRUMENTAL.fullmatch(
                words[0]) or (NOMINAL.search(text[action.start:action.end]) and "," not in head)):
            return after[0]     # "by Russian forces", "войсками", "продвижение войск"
    if action.kind != "fighting_in" and start > 0 and not reported_clause:
        # "Russian forces entered X but were pushed out": a clause without a subject of
        # its own goes on with the one before
        earlier = [a for a in reading.actors if a.end <= start]
        for actor in reversed(earlier):
            if _can_be_subject(text, actor, reading.actions):
                return actor
    return None


def actor_side(reading: SentenceReading, actor: ActorMention) -> str:
    side = reading.side(actor)
    if side:
        return side
    # a unit whose words do not say its side: the attacker is the other side
    before = reading.text[max(0, actor.start - 45):actor.start]
    if _ATTACK_BEFORE.search(before):
        return opposite(reading.speaker_side)
    return reading.speaker_side


#: "Russian reports of seizing X", "Moscow said it had taken X": a side named by its adjective
#: or capital, when no force is named as the subject.
_SIDE_WORD = re.compile(r"\b(?:(?P<russia>russian|russia['’]?s|russia|moscow|kremlin)|"
                        r"(?P<ukraine>ukrainian|ukraine['’]?s|ukraine|kyiv['’]?s|kyiv))\b",
                        re.IGNORECASE)


_UNDER_CONTROL = re.compile(r"under|под|під", re.IGNORECASE)


#: Fighting words that are the owner's own attack ("контратакували", "counter-attack",
#: "штурмуют"), not the defence of his ground.
OWN_ATTACK = re.compile(r"контр|counter|штурм|storm|assault|attack|атак|наступ|offensive|clear|"
                         r"зачищ|зачист|добива|очища|вичищ|вычищ|ударн|push",
                         re.IGNORECASE)


def holder_of(reading: SentenceReading, cue: Cue) -> str:
    """Who holds a place "under control": the side the phrase names ("under Russian
    control") or the force just after it ("под контролем ВСУ", "under the control of the
    Armed Forces of Ukraine")."""
    if not _UNDER_CONTROL.match(reading.text, cue.start):
        return ""
    inside = _SIDE_WORD.search(reading.text, cue.start, cue.end)
    if inside:
        return inside.lastgroup or ""
    after = [a for a in reading.all_actors if a.start >= cue.end
             and words_between(reading.text, cue.end, a.start) <= 3 and reading.side(a)]
    return reading.side(after[0]) if after else ""


def attacker_of(reading: SentenceReading, place: PlaceRef, cue: Cue) -> str:
    """Whose fight it is where the fighting has no subject ("the main efforts of Russian
    forces were concentrated on the areas of X", "fighting was underway in X with Russian
    forces"): the side named in the fighting's clause that is not the place's owner, else
    none ("бои идут у Суджи, где ВСУ продвинулись": another clause, no side)."""
    owner = owner_of(place)
    text = reading.text
    start = clause_start(text, cue.start)
    after = CLAUSE_BREAK.search(text, cue.end)
    end = after.start() if after else len(text)
    sides = {reading.side(a) for a in reading.all_actors
             if start <= a.start and a.end <= end and reading.side(a)}
    others = sides - {owner, ""}
    if owner and len(others) == 1:
        return others.pop()
    return ""


#: A side word just before a nominal action names whose action it is: "Russia's capture of
#: X", "Russian claims of seizing X", "російська окупація", "РФ заявляла про окупацію".
_SIDE_BEFORE = re.compile(
    r"(?<![\w-])(?:(?P<russia>russian|russia['’]?s|russia|moscow['’]?s|moscow|kremlin['’]?s|"
    r"kremlin|рф|росси[йяию]\w*|российск\w*|росі[яйїю]\w*|російськ\w*|кремл\w*|москв\w*)|"
    r"(?P<ukraine>ukrainian|ukraine['’]?s|ukraine|kyiv['’]?s|kyiv|украин\w*|україн\w*|"
    r"киев\w*|київ\w*|всу|зсу))(?![\w-])", re.IGNORECASE)
#: Words that may stand between such a side word and the action: "Russian reports of
#: seizing", "Russia claimed full control over", "РФ заявляла про нібито окупацію".
_SIDE_REACH = 6
_GAINS = frozenset(("captured", "liberated", "recaptured", "advanced"))


def _side_word_before(reading: SentenceReading, cue: Cue) -> str:
    """The side named (by adjective, country or capital) in the few words before an action
    with no subject of its own, in its clause, when no force of another side stands
    between ("Russia's capture of Bakhmut", "Russian authorities said they took X"). A side
    word inside a claimant's name ("Генштаб ВСУ опроверг") names who speaks, not who acts."""
    text = reading.text
    start = clause_start(text, cue.start)
    found = [m for m in _SIDE_BEFORE.finditer(text, start, cue.start)
             if words_between(text, m.end(), cue.start) < _SIDE_REACH
             and not _WHERE_BEFORE.search(text, max(0, m.start() - 12), m.start())
             and not any(c.start <= m.start() < c.end for c in reading.claimants)]
    return found[-1].lastgroup or "" if found else ""


#: A side in the instrumental case right after a noun of taking: its agent ("о захвате
#: Россией села", "захоплення росіянами", "окупацію цього населеного пункту росіянами").
_INSTRUMENTAL_SIDE = re.compile(
    r"(?P<russia>росси(?:ей|ею)|росі(?:єю)|россиянами|росіянами|русскими|оккупантами|"
    r"окупантами|рашистами)|(?P<ukraine>украин(?:ой|ою)|україною|украинцами|українцями|"
    r"всу|зсу)", re.IGNORECASE)
_AGENT_GAP = 4


def _instrumental_agent(reading: SentenceReading, cue: Cue) -> str:
    """The side named in the instrumental case within a few words after a noun of taking
    ("о якобы захвате Россией села Миньковка"): the noun's agent, whoever speaks; a verb's
    subject is found by ``subject_of``, so only nouns are read here."""
    if not NOMINAL.search(reading.text, cue.start, cue.end):
        return ""
    for match in _INSTRUMENTAL_SIDE.finditer(reading.text, cue.end):
        if words_between(reading.text, cue.end, match.start()) > _AGENT_GAP:
            break
        if re.match(r"(?:всу|зсу)", match.group(0), re.IGNORECASE) and not re.search(
                r"силами\s+$", reading.text[max(0, match.start() - 12):match.start()]):
            continue      # "захват ВСУ": ВСУ is the genitive object as often as the agent
        return match.lastgroup or ""
    return ""


def side_named_near(reading: SentenceReading, cue: Cue) -> str:
    """The side a word right at an action names ("Russia's capture of X", "X под контролем
    ВСУ"), or "": what ``default_actor`` takes before it falls back on whoever speaks."""
    return _side_word_before(reading, cue) or _controller_after(reading, cue)


def possessive_side(reading: SentenceReading, cue: Cue) -> str:
    """The side whose noun of action it is, named just before it: "Russia's capture of
    Bakhmut", "the Russian advance", "російська окупація" — stronger than a force named
    earlier in the clause ("a retreat for Kyiv's forces since Russia's capture of X")."""
    text = reading.text
    if not NOMINAL.search(text[cue.start:cue.end]):
        return ""
    found = [m for m in _SIDE_BEFORE.finditer(text, max(0, cue.start - 30), cue.start)
             if words_between(text, m.end(), cue.start) == 0]
    return found[-1].lastgroup or "" if found else ""


def expelled_side(reading: SentenceReading, cue: Cue) -> str:
    """"kicked Russian troops out of X", "выбили ВСУ из X": the side driven out, named
    inside the action's words or just after them; the actor is the other side."""
    driven = [a for a in reading.all_actors if cue.start < a.start
              and (a.end <= cue.end or words_between(reading.text, cue.end, a.start) == 0)
              and reading.side(a)]
    return reading.side(driven[0]) if driven else ""


_CONTROL_END = re.compile(r"(?:контроль|control)$", re.IGNORECASE)


def _controller_after(reading: SentenceReading, cue: Cue) -> str:
    """"переход Купянска под контроль российских войск", "перейшло під контроль ЗСУ":
    the force named just after a passing "under control" is the one that gains."""
    if not _CONTROL_END.search(reading.text, cue.start, cue.end):
        return ""
    after = [a for a in reading.all_actors if a.start >= cue.end
             and words_between(reading.text, cue.end, a.start) == 0 and reading.side(a)]
    return reading.side(after[0]) if after else ""


#: A side adjective just before a denial's noun: whose claim it is ("российской
#: дезинформацией", "Russian fake", "кремлівський вкид").
_SIDE_ADJECTIVE = re.compile(
    r"(?<![\w-])(?:(?P<russia>russian|kremlin|российск\w*|русск\w*|кремлевск\w*|російськ\w*|"
    r"кремлівськ\w*)|(?P<ukraine>ukrainian|украинск\w*|українськ\w*))\s+$", re.IGNORECASE)


def _doubted_gain(reading: SentenceReading, cue: Cue, framing: str) -> str:
    """Whose gain a doubted or denied claim is when no subject says it: a claimant named
    with a hedge reports its own side's gain ("Міноборони РФ заявило про начебто
    захоплення"); an unnamed one (the writer) doubts the other side's; a denier (the
    claimant named nearest the denial) denies the other side's."""
    if framing == "reported":
        side = claimant_side(reading.claimant)
        return side if reading.named_claimant else opposite(side)
    if framing == "reported+denied" and reading.denials:
        denial = reading.denials[0]
        # "является российской дезинформацией", "Russian fake", "російський вкид": the side
        # word that qualifies the denial's noun names who made the claim, not who denies it
        owner = _SIDE_ADJECTIVE.search(reading.text, max(0, denial.start - 30), denial.start)
        if owner:
            return str(owner.lastgroup)
        # "Russia claimed control over X, a claim Ukraine refuted": a side named between
        # the claim and its denial is the denier, the side of the claim the other one
        if denial.start > cue.end:
            between = [m.lastgroup for m in _SIDE_WORD.finditer(reading.text, cue.end,
                                                                  denial.start)]
            if between:
                return opposite(str(between[-1]))
        # who denies: the claimant or force named nearest the denial ("but the Ukrainian
        # Armed Forces deny the loss")
        named = [(m.start, m.end, m.side) for m in reading.claimants if m.side] + [
            (a.start, a.end, reading.side(a)) for a in reading.all_actors if reading.side(a)]
        if named:
            nearest = min(named, key=lambda m: min(abs(m[0] - denial.end),
                                                    abs(denial.start - m[1])))
            return opposite(nearest[2])
    return ""


#: "in Russia", "из России", "of Ukraine": a country after a preposition is where, not who.
_WHERE_BEFORE = re.compile(r"(?:\b(?:in|of|from|into|to)|(?<![\w])(?:в|во|на|по|из|у|з|із|до|"
                           r"от|від))\s+(?:the\s+)?$", re.IGNORECASE)


def default_actor(reading: SentenceReading, cue: Cue, negated: bool,
                  framing: str = "asserted") -> str:
    """The actor of an action whose subject the sentence does not name ("its troops took
    X", "they captured X"): a side named just before it ("Russia's capture of X"), else the
    side of whoever speaks; in a text whose speaker has no side (a wire report), the side of
    the claimant the sentence names, else of the last force or side word before the action
    ("Russian reports of seizing X"). A gain the sentence doubts or denies ("нібито
    захопили", "the claims that X fell are false") is the other side's than the doubter's:
    nobody doubts his own side's gains in a report."""
    if cue.kind == "fighting_in":
        return ""
    near = _instrumental_agent(reading, cue) or side_named_near(reading, cue)
    if near:
        return near
    doubted = _doubted_gain(reading, cue, framing) if cue.kind in _GAINS else ""
    if doubted:
        return doubted
    side = reading.speaker_side
    if not side and reading.named_claimant:
        side = claimant_side(reading.claimant)
    if not side:
        sided = [reading.side(a) for a in reading.all_actors
                 if a.end <= cue.start and reading.side(a)]
        words = [m.lastgroup for m in _SIDE_WORD.finditer(reading.text, 0, cue.start)]
        side = (sided or words or [""])[-1] or ""
    if cue.kind == "captured" and negated and side == reading.speaker_side:
        return opposite(side)
    return side
