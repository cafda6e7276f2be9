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
продвинуться"), or a denial before it ("denied that ...", "неправда, що ..."); a denial
never negates fighting (a denier says fighting goes on).

Refinements: driving the other side out of a place ("выбили ВСУ из X", "cleared ... from
X") is ``recaptured`` on one's own soil and ``captured`` on the other's; control of part of
a place ("the outskirts of X", "на окраине X") is ``advanced``; attacks at a place followed
by "all were repelled" give a ``repelled`` claim there too; a conditional sentence ("If
Russian forces take X ...") and fighting a force "took part in" give no territorial claim.

Participation: North Korean troops and named units (Storm Corps, Wagner, "93rd Brigade")
present where the sentence puts them, when it says they are deployed, fighting, spotted,
losing men, or acting; one claim per place named (or one with no place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontcheck.claims.actors import ActorMention, claimant_side, opposite
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
_NOMINAL = re.compile(r"(?:ние|ния|нию|нием|нии|ення|ння|ння|ування|ання|ion|ions|ment|capture|"
                      r"прорив|прорыв|захват|відступ|отступ|breakthrough)$", re.IGNORECASE)
_INSTRUMENTAL = re.compile(r"\w+(?:ами|ями|ими|ыми)\b", re.IGNORECASE)
_ATTACK_BEFORE = re.compile(r"(?:attack|assault|контратак|атак|штурм)\w*", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|\s[—–]\s|,\s+(?:where|где|де|which|которы\w+|які\w*|"
                           r"while|but|но|але|а(?!\s+(?:також|также|ещё|еще|затем|потім)))\b")
#: Oblique forms of "the enemy" are objects ("обороны противника", "витіснили ворога").
_OBJECT_ENEMY = re.compile(r"(?:противник|враг|ворог|неприятел)а$|'s$",
                           re.IGNORECASE)
#: "Units of the 1st Azov Corps": "of" after a word for troops joins the unit to its men.
_TROOPS_OF = re.compile(r"(?:units?|fighters|soldiers|troops|servicemen|forces|paratroopers|"
                        r"marines|members|elements|operators|assault\s+groups)\s+of\s+(?:the\s+)?$",
                        re.IGNORECASE)
#: A control verb whose object is part of a place ("cleared the outskirts of Kupiansk",
#: "закрепились на окраине"): ground gained in it, not the place taken.
_PARTIAL = re.compile(r"(?:(?:outskirts|parts?|edge|districts?)\s+of\s+(?:the\s+)?(?:(?:city|town|"
                      r"village)\s+of\s+)?|(?:окраин|околиц|част|частин)\w*\s+(?:\w+\s+)?)$",
                      re.IGNORECASE)
#: "took part in the assault", "в боях участвовали": the fighting is where the force was,
#: a participation claim, not a claim about the ground.
_TOOK_PART = re.compile(r"(?:took|taking|take|takes)\s+part|participat\w+|участвова\w*|"
                        r"принима\w+\s+участи\w*|брал\w*\s+участь|брали\s+участь|"
                        r"взял\w*\s+участь", re.IGNORECASE)
#: Driving the other side out of a place: "recaptured" on one's own soil, else "captured".
_EXPEL = re.compile(r"выбил|вибил|витісни|вытесни|expell|drove|pushed|push|clear|зачисти|очисти",
                    re.IGNORECASE)
_RUSSIAN_OBLASTS = frozenset(("Kursk Oblast", "Belgorod Oblast", "Bryansk Oblast"))
#: A conditional sentence ("If Russian forces take Pokrovsk, ...") asserts nothing.
_CONDITIONAL = re.compile(r"\s*(?:if|unless|если|якщо|коли\s+б|в\s+случае)\b", re.IGNORECASE)


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


def resolved_places(reading: SentenceReading, resolve_place,
                    named_before: list[str] = ()) -> list[Located]:
    """Each settlement or region the sentence names, in order.

    A settlement is kept when the resolver finds it, or when a word such as "village of" or
    "населённый пункт" announces it (then unresolved, ``id`` None). Regions become a
    ``PlaceRef`` with the oblast and no id. A name the sentence leaves ambiguous is tried
    again with the places earlier sentences named (``named_before``): "зашли в Суджу.
    Освобожден Замостье" is the Zamostye near Sudzha.
    """
    # an axis is read as one ("Покровском axis"), last, so that its word marks no other
    # name: evidence of a wider area than a place named beside
    context_text = ", ".join([m.text for m in reading.places if m.kind != "axis"]
                             + [m.text + " axis" for m in reading.places if m.kind == "axis"])
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
            if place is not None and place.id is None and place.candidates and named_before:
                wider = {"text": ", ".join([*named_before, context["text"]]),
                         "oblast": context["oblast"]}
                place = resolve_place(mention.text, wider) or place
            if place is None and mention.cued:
                place = PlaceRef(mention=mention.text)
            if place is not None and (not mention.initial or place.id or mention.cued):
                out.append(Located(mention.start, mention.end, place))
        elif mention.kind == "settlement" and mention.cued:
            out.append(Located(mention.start, mention.end, PlaceRef(mention=mention.text)))
    return out


def _expelled(actor: str, place: PlaceRef) -> str:
    """"выбили ВСУ из Водяного" is a capture by Russia; "вибили окупантів з Кіндрашівки"
    retakes Ukraine's own village (known from the oblast, or every candidate's)."""
    oblasts = {place.oblast} if place.oblast else {c.get("oblast") for c in place.candidates}
    if not oblasts or None in oblasts or actor not in ("russia", "ukraine"):
        return "recaptured"
    in_russia = {o in _RUSSIAN_OBLASTS for o in oblasts}
    if len(in_russia) != 1:
        return "recaptured"
    own_soil = in_russia.pop() == (actor == "russia")
    return "recaptured" if own_soil else "captured"


def _clause_start(text: str, before: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, before)]
    return breaks[-1] if breaks else 0


def _can_be_subject(text: str, actor: ActorMention, actions: list[Cue] = ()) -> bool:
    before = text[max(0, actor.start - 40):actor.start]
    if _OBJECT_ENEMY.search(text[actor.start:actor.end]):
        return False
    # "выбили ВСУ из Водяного и наступают": the object of an earlier verb
    if any(a.end <= actor.start and words_between(text, a.end, actor.start) == 0
           for a in actions):
        return False
    return not _NOT_SUBJECT_BEFORE.search(before) or _TROOPS_OF.search(before) is not None


def _subject(reading: SentenceReading, action: Cue) -> ActorMention | None:
    text = reading.text
    start = _clause_start(text, action.start)
    candidates = [a for a in reading.actors if start <= a.start and a.end <= action.start]
    for actor in reversed(candidates):
        if _can_be_subject(text, actor, reading.actions):
            return actor
    after = [a for a in reading.actors if a.start >= action.end
             and words_between(text, action.end, a.start) <= 3]
    if after:
        head = text[action.end:after[0].start]
        words = text[after[0].start:after[0].end].split()
        if PASSIVE_AGENT.match(head) or _INSTRUMENTAL.fullmatch(words[0]) or (
                _NOMINAL.search(text[action.start:action.end]) and "," not in head):
            return after[0]     # "by Russian forces", "войсками", "продвижение войск"
    if action.kind != "fighting_in" and start > 0:
        # "Russian forces entered X but were pushed out": a clause without a subject of
        # its own goes on with the one before
        earlier = [a for a in reading.actors if a.end <= start]
        for actor in reversed(earlier):
            if _can_be_subject(text, actor, reading.actions):
                return actor
    return None


def _negated(reading: SentenceReading, cue: Cue) -> bool:
    text = reading.text
    if any(n.end <= cue.start and words_between(text, n.end, cue.start) <= 2
           for n in reading.negations):
        return True
    if cue.kind == "fighting_in":
        return False     # "denied the capture, saying fighting goes on": fighting is asserted
    if any(d.end <= cue.start for d in reading.denials):
        return True
    # "Russian claims about the capture of Rodynske are not true": a denied report
    return bool(_NOMINAL.search(text[cue.start:cue.end])) and any(
        d.start >= cue.end for d in reading.denials)


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
    if _CONDITIONAL.match(text, reading.body_start):
        return []
    # "captured two soldiers", "soldiers captured by Ukraine": people, not ground
    actions = [a for a in reading.actions if a.kind == "fighting_in" or not (
        _PEOPLE_OBJECT.match(text, a.end)
        or _PEOPLE_SUBJECT.search(text, 0, a.start) and _BY_AFTER.match(text, a.end))]
    # words of a name are no action: "Storm Corps", "the captured Russians said"
    names = [(a.start, a.end) for a in reading.all_actors]
    if reading.claimant_span is not None:
        names.append(reading.claimant_span)
    actions = [a for a in actions if not any(s <= a.start and a.end <= e for s, e in names)]
    if not actions:
        return []
    drafts: list[Draft] = []
    settled: set[int] = set()
    # an action does not reach a place across a report of saying ("X was taken, the
    # ministry said, in a push towards Y")
    said = [m.start() for m in ATTRIBUTION.finditer(text)] if places else []
    for is_region in (False, True):
        for located in places:
            if located.region != is_region:
                continue
            start, end, place = located.start, located.end, located.place
            # "зачистили Кучерів Яр від ...": the action's words hold the place
            before = [a for a in actions if a.end <= start
                      and not _CLAUSE_BREAK.search(reading.text, a.end, start)
                      and not any(a.end <= s < start for s in said)
                      or a.start < start and end <= a.end]
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
            kind = action.kind
            if kind == "fighting_in" and _TOOK_PART.search(text):
                continue
            if kind in ("captured", "liberated", "recaptured") and _PARTIAL.search(
                    text, max(action.end if action.end <= start else 0, start - 40), start):
                kind = "advanced"
            elif kind == "recaptured" and _EXPEL.match(text, action.start):
                kind = _expelled(actor, place)
            fields = {"unit": subject.unit} if subject is not None and subject.unit else {}
            axes = [m.text for m in reading.places if m.kind == "axis"]
            if axes:
                fields["axis"] = axes[0]
            drafts.append(Draft("territorial", start, actor, kind, place, negated, fields))
            if not is_region:
                settled.add(index)
    return (drafts + _trailing_fighting(reading, places, actions, drafts)
            + _trailing_repelled(reading, places, actions, drafts))


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


def _trailing_repelled(reading: SentenceReading, places: list[Located], actions: list[Cue],
                       drafts: list[Draft]) -> list[Draft]:
    """Attacks at a place, then "all were repelled" after it ("пытался контратаковать у
    Курахова, все они отбиты"): a claim of repelling them there too."""
    out: list[Draft] = []
    for cue in actions:
        if cue.kind != "repelled" or any(p.start > cue.end for p in places):
            continue
        fought = [d for d in drafts if d.action == "fighting_in" and d.key < cue.start
                  and d.place is not None]
        if not fought or any(d.action == "repelled" for d in drafts):
            continue
        # "все они отбиты": the attackers were repelled by the other side
        actor = opposite(fought[-1].actor) or reading.speaker_side
        for draft in fought:
            out.append(Draft("territorial", cue.start * 1000 + draft.key % 1000, actor,
                             "repelled", draft.place, _negated(reading, cue), {}))
    return out


def _participants(reading: SentenceReading, placed: bool) -> list[ActorMention]:
    """North Korean troops and named units in the sentence, one entry per force: a
    generic "North Korean troops" and "the Storm Corps" in one sentence are one force."""
    chosen = [a for a in reading.actors if a.side == "dprk" or a.unit
              or a.side == "own" and reading.side(a) == "dprk"]
    if reading.named_claimant and claimant_side(reading.claimant) == "dprk" \
            and reading.claimant_span is not None and not chosen:
        # "КНДР визнала, що відправила війська": the state that says it sent them
        start, end = reading.claimant_span
        chosen = [ActorMention(start, end, "dprk")]
    elif not chosen and placed and reading.answer_turn and reading.speaker_side == "dprk":
        # a North Korean soldier's answer ("Near Korenevo, from December"): his force
        chosen = [ActorMention(reading.body_start, reading.body_start, "dprk")]
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
    speaker_answer = reading.answer_turn and reading.speaker_side == "dprk" and places
    if not (reading.presence or reading.actions or reading.casualties or speaker_answer):
        return []
    drafts: list[Draft] = []
    where = [p for p in places if not p.region] or [p for p in places if p.region][:1]
    for actor in _participants(reading, bool(where)):
        side = _actor_side(reading, actor)
        cues = reading.presence + reading.actions + reading.casualties
        # the state that denies is the force denied: "North Korea has dismissed reports
        # that its soldiers are fighting"
        own_denial = reading.claimant_span is not None and actor.start == reading.claimant_span[0]
        negated = any(d.end <= actor.start or own_denial for d in reading.denials) or any(
            n.end <= c.start and words_between(reading.text, n.end, c.start) <= 1
            for c in cues for n in reading.negations)
        fields = {"unit": actor.unit}
        for located in where or [None]:
            start = located.start if located else actor.start
            drafts.append(Draft("participation", start * 1000 + actor.start % 1000, side,
                                "present", located.place if located else None, negated,
                                fields))
    return drafts
