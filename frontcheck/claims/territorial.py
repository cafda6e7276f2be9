"""Territorial claims from a read sentence.

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

Participation claims are in ``claims.participation``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from frontcheck.claims.actors import opposite
from frontcheck.claims.agents import (
    CLAUSE_BREAK,
    OWN_ATTACK,
    actor_side,
    attacker_of,
    default_actor,
    expelled_action,
    expelled_side,
    holder_of,
    owner_of,
    possessive_side,
    side_named_near,
    subject_of,
)
from frontcheck.claims.cues import ATTRIBUTION, FIRE_CONTROL, IRREALIS, Cue
from frontcheck.claims.framing import NOMINAL, framing_of, negated_by, reported_claimant
from frontcheck.claims.implied_actor import ENEMY_OF_OWNER
from frontcheck.claims.mention_roles import (
    attack_origin,
    doubted_noun,
    driven_from,
    failed_attempt,
    fight_actor,
    forecast_after,
    negated_after,
    not_whole,
    opening_scene,
    owner_holding,
    partial_region,
    positions_taken,
    reread_kind,
)
from frontcheck.claims.model import PlaceRef
from frontcheck.claims.reach import (
    AREA,
    back_to_place,
    item_date,
    only_where,
    reaches,
    share_of,
)
from frontcheck.claims.reading import SentenceReading, words_between

#: Words of clearing a place of the other side's men.
_CLEARING = re.compile(r"(?:зачист|зачищ|очист|очищ|вичищ|вычищ|clear|cleans)\w*", re.IGNORECASE)

__all__ = ["Draft", "Located", "territorial_drafts", "back_to_place"]

_CONTROL = frozenset(("captured", "liberated", "recaptured", "withdrew", "advanced"))
#: Words of taking another's ground, not of clearing or regaining one's own ("зачищено",
#: "повернувся під контроль" are said by each side of its own gains).
_TAKING_WORD = re.compile(r"captur|seiz|occup|fall|fell|overr|advanc|progress|gain|"
                          r"захоп|захват|окуп|оккуп|паді|паден|взят|взятт|просув|продвиж|"
                          r"успіх|успех", re.IGNORECASE)
_PEOPLE_WORDS = (r"(?:soldiers?|troops|servicemen|prisoners|pows?|fighters|men|солдат\w*|"
                 r"военн\w+|военнослужащ\w+|бойц\w+|військов\w+|солдатів|полонен\w+)")
_PEOPLE_OBJECT = re.compile(rf"\s+(?:\w+\s+){{0,3}}?{_PEOPLE_WORDS}(?![\w])", re.IGNORECASE)
_PEOPLE_SUBJECT = re.compile(rf"{_PEOPLE_WORDS}\s+$", re.IGNORECASE)
#: "звільнення українськими військовими" (by them), "відхід українських військових" (theirs):
#: the troops act; only a taking of people ("captured two soldiers", "освобождение пленных")
#: is about people, not ground.
_AGENT_FORM = re.compile(r"\w+(?:ими|ыми|ами|ями)$", re.IGNORECASE)
_PRISONER_WORD = re.compile(r"prisoners|pows?|полонен\w+|пленн\w+|captives", re.IGNORECASE)


def _people_taken(text: str, action: Cue) -> bool:
    """Whether an action word takes people as its object rather than ground."""
    found = _PEOPLE_OBJECT.match(text, action.end)
    if found is None:
        return False
    word = found.group().split()[-1]
    if _PRISONER_WORD.fullmatch(word):
        return True
    return action.kind == "captured" and not _AGENT_FORM.fullmatch(word) \
        and not NOMINAL.search(text[action.start:action.end])
_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
_CONCESSIVE = re.compile(r"\b(?:despite|in\s+spite\s+of|but|where|несмотря|но|где|попри|"
                         r"незважаючи|але|де)\b", re.IGNORECASE)
#: A control verb whose object is part of a place ("cleared the outskirts of Kupiansk",
#: "закрепились на окраине"): ground gained in it, not the place taken.
_PARTIAL = re.compile(r"(?:(?:outskirts|parts?|edge|districts?|sector|half|cent(?:re|er)|"
                      r"neighbou?rhoods?|most|much|bulk|(?<=the\s)(?:north|south|east|west)"
                      r"(?:-?(?:east|west))?)\s+of\s+(?:the\s+)?(?:(?:city|town|"
                      r"village)\s+of\s+)?|(?:окраин|околиц|част|частин|половин|центр\w*)\w*\s+"
                      r"(?:\w+\s+)?|"
                      # "на півночі самого Куп'янська", "кількох десятків будинків у X"
                      r"(?:на|в|у)\s+(?:півночі|півдні|сході|заході|севере|юге|востоке|западе)\s+"
                      r"(?:сам\w+\s+)?|(?:будинк|домов|здани|buildings|houses)\w*\s+"
                      r"(?:[\w'’-]+\s+){0,4}?|(?:micro-?)?district\s+(?:\([^)]*\)\s+)?(?:in|of)\s+|"
                      r"(?:мікро|микро)?район\w*\s+(?:\([^)]*\)\s+)?(?:в|у)\s+)$",
                      re.IGNORECASE)
#: Nearly all, so not all: "has all but liberated X", "almost completely under the control",
#: "майже повністю звільнили", "практически полностью": part of the place (advanced).
_ALMOST = re.compile(r"(?<![\w-])(?:all\s+but|almost|nearly|virtually|майже|почти|практически|"
                     r"практично|едва\s+ли\s+не)(?![\w-])", re.IGNORECASE)
#: "took part in the assault", "в боях участвовали": the fighting is where the force was,
#: a participation claim, not a claim about the ground.
_TOOK_PART = re.compile(r"(?:took|taking|take|takes)\s+part|participat\w+|участвова\w*|"
                        r"принима\w+\s+участи\w*|брал\w*\s+участь|брали\s+участь|"
                        r"взял\w*\s+участь", re.IGNORECASE)
#: Driving the other side out of a place: "recaptured" on one's own soil, else "captured".
_EXPEL = re.compile(r"выбил|вибил|витісни|вытесни|expell|drove|pushed|push|kick|clear|зачисти|очисти",
                    re.IGNORECASE)
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
    fields: dict[str, Any] | None = None
    framing: str = "asserted"      # asserted, reported (a claim told with doubt), denied
    claimant: str = ""             # who makes it, when not the sentence's claimant
    when: tuple[Any, ...] | None = None      # (date, precision) of a list item dated on its own


@dataclass(frozen=True, slots=True)
class Located:
    """A place named at ``start:end`` of the sentence; ``region`` for a whole oblast."""

    start: int
    end: int
    place: PlaceRef
    region: bool = False


#: The place a withdrawal goes to, after the one it leaves: "из X в село Y", "to Y".
_DESTINATION = re.compile(r"(?:^|\s)(?:в|во|у|на|к|до|to|towards?|into)\s+(?:(?:село|селище|"
                          r"посёлок|поселок|город|місто|village|town|the)\s+)?$", re.IGNORECASE)


def territorial_drafts(reading: SentenceReading, places: list[Located]) -> list[Draft]:
    """Territorial claims of one sentence (see the module docstring)."""
    text = reading.text
    if _CONDITIONAL.match(text, reading.body_start):
        return []
    # "captured two soldiers", "soldiers captured by Ukraine": people, not ground
    actions = [a for a in reading.actions if a.kind == "fighting_in" or not (
        _people_taken(text, a)
        or (_PEOPLE_SUBJECT.search(text, 0, a.start) and _BY_AFTER.match(text, a.end)))]
    # "would pave the way for an advance on X", "скоро захоплять Лиман": no control asserted
    spans = [m.span() for m in IRREALIS.finditer(text)]
    irrealis = [e for _, e in spans]
    # "взяли под огневой контроль подступы к X": fire control holds no ground
    actions = [a for a in actions if not FIRE_CONTROL.match(text, a.end)]
    # "может наступать на X", "could storm X": an attack only forecast (a fight is
    # otherwise kept: "fighting continues, which could decide ...")
    forecast = [a for a in actions if any(
        e <= a.start and (words_between(text, e, a.start) <= (0 if a.kind == "fighting_in" else 3)
                          or (a.kind != "fighting_in" and not CLAUSE_BREAK.search(text, e, a.start)))
        for e in irrealis)]
    actions = [a for a in actions if a not in forecast]
    # "Повне захоплення X — питання часу": forecast; "заняли более выгодные рубежи": lines
    actions = [a for a in actions if not forecast_after(text, a) and not positions_taken(text, a)]
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
    named_ends = [m.end for m in reading.places if m.kind in ("settlement", "axis", "reference")]
    for is_region in (False, True):
        for located in places:
            if located.region != is_region:
                continue
            start, end, place = located.start, located.end, located.place
            # "зачистили Кучерів Яр від ...": the action's words hold the place
            before = [a for a in actions if (a.end <= start
                      and reaches(text, a, start)
                      and not any(a.end <= s < start for s in said))
                      or (a.start < start and end <= a.end)]
            # a place the sentence opens with is the scene of what it tells, however far
            scene = opening_scene(text, start, reading.body_start) and not any(
                m.start > end and m.kind == "settlement" for m in reading.places)
            after = [a for a in actions if a.start >= end and (a.start - end <= 60 or scene)]
            action = before[-1] if before else (after[0] if after else None)
            if action is None or any(action.end <= f.start and f.end <= start
                                     for f in forecast) or (action.end <= start and any(
                                         action.end < b and e <= start for b, e in spans)):
                continue     # "после его освобождения армия может наступать на X": the
                #              forecast, not the earlier word, is what the place is about
            index = actions.index(action)
            if (attack_origin(text, start, action.kind) and not _CLEARING.match(
                    text, action.start)) or (is_region and partial_region(
                    text, action)):
                continue     # "атаки, осуществляемые из X"; "контролюють на Курщині 1250 км²"
            if is_region and (action.kind not in _CONTROL or index in settled
                              or only_where(text, start, place.mention, named_ends)):
                continue     # a region is claimed as a whole ("освободили ЛНР", "зашли в
                #              Днепропетровскую область"), not as where a thing happened
            framing = framing_of(reading, action)
            if framing == "asserted" and negated_after(text, action):
                framing = "denied"     # "Просування ворога по X не зафіксовано"
            negated = framing in ("denied", "reported+denied")
            subject = subject_of(reading, action)
            if subject is not None and doubted_noun(reading, action, subject, framing):
                subject = None
            holder = holder_of(reading, action) if subject is None else ""
            actor = (actor_side(reading, subject) if subject is not None
                     else holder or default_actor(reading, action, negated, framing))
            possessive = possessive_side(reading, action)
            actor = possessive or actor
            if subject is None and not possessive and not holder and action.kind in \
                    ENEMY_OF_OWNER and actor == "ukraine" == owner_of(place) and \
                    _TAKING_WORD.search(text, action.start, action.end) and \
                    not side_named_near(reading, action):
                # "DeepState wrote about the capture of Vuhledar", "Информация о захвате
                # Купянска не соответствует действительности": Ukraine does not take its own
                # ground (it liberates it); the taker, claimed or denied, is the other side
                actor = opposite(actor)
            if subject is None and action.kind in _CONTROL:
                # "зачищення від ворога", "звільнили від окупантів": the other side's gain
                actor = opposite(driven_from(reading, action)) or actor
            if not actor and action.kind == "recaptured" and _EXPEL.match(text, action.start):
                actor = opposite(expelled_side(reading, action))
            kind = action.kind
            if kind == "fighting_in" and _TOOK_PART.search(text):
                continue
            if kind in ("captured", "liberated", "recaptured") and (_PARTIAL.search(
                    text, max(action.end if action.end <= start else 0, start - 90), start)
                    or (action.end <= start and AREA.search(text, action.end, start))
                    or _ALMOST.search(text, max(0, action.start - 30), action.start)
                    or (action.end <= start and _ALMOST.search(text, action.end, start))):
                kind = "advanced"     # part of a place, or so many km² around it
            elif kind == "recaptured" and _EXPEL.match(text, action.start):
                kind = expelled_action(actor, place)
            # "освобождая X": a taking under way, fought by the side taking it
            kind, taking = reread_kind(text, action, kind), kind
            if kind == "fighting_in" and subject is None and taking == "fighting_in":
                # "зачистка міста від росіян": the clearing is the other side's fight
                driven = driven_from(reading, action) if _CLEARING.match(
                    text, action.start) else ""
                actor = opposite(driven) or attacker_of(reading, place, action)
            if kind == "fighting_in" and actor and actor == owner_of(place) \
                    and not OWN_ATTACK.search(text, action.start, action.end):
                # "українські захисники ведуть тяжкі бої біля X": the fight is the attacker's
                actor = opposite(actor)
            if kind == "fighting_in":
                actor = fight_actor(reading, action, actor, subject is not None)
            if kind == "withdrew" and _DESTINATION.search(text, max(0, start - 25), start) \
                    and any(d.action == "withdrew" and d.key < start for d in drafts):
                continue     # "отходить из Курахово в село Дачное": where they went
            if framing != "denied" and failed_attempt(text, action):
                # "безуспешные попытки вернуть X", "штурмували X, але успіху не мали": an
                # attack beaten off there ("не вдалося просунутися" denies the advance: the
                # guide's "X has not been captured")
                actor = opposite(actor) or reading.speaker_side
                kind, negated, framing = "repelled", False, "asserted"
            elif subject is not None and kind == "captured" and actor == owner_of(place) \
                    and owner_holding(text, action):
                # "Сили оборони утримують під контролем село X": the other side's capture denied
                actor, negated = opposite(actor), True
                framing = framing if framing == "reported+denied" else "denied"
            if holder and holder == owner_of(place) and not negated:
                # "Купянск находится под контролем ВСУ": the owner still holds it, which
                # denies the other side's capture
                actor, kind, negated, framing = opposite(holder), "captured", True, "denied"
            share = share_of(text, start, end, action) if not is_region else None
            if share is not None and kind in ("captured", "liberated", "recaptured", "advanced"):
                kind = "advanced"       # "контролируют почти 40% Часова Яра": part of it
            fields: dict[str, Any] = ({"unit": subject.unit} if subject is not None and subject.unit
                                      else {})
            if share is not None and kind == "advanced":
                fields["share"] = share
            if action.origin:     # a word of the lexicon: say which ("lexicon: 'отвоевали'")
                fields["cue"] = f"{action.origin}: '{text[action.start:action.end]}'"
            axes = [m.text for m in reading.places if m.kind == "axis"]
            if axes:
                fields["axis"] = axes[0]
            when = item_date(reading, action, start) if action.end <= start else None
            if framing == "reported+denied":
                drafts.append(Draft("territorial", -1 - start, actor, kind, place, False,
                                    fields, "reported",
                                    reported_claimant(reading, actor, True), when))
                drafts.append(Draft("territorial", start, actor, kind, place, True, fields,
                                    "denied", when=when))
            elif framing == "reported":
                drafts.append(Draft("territorial", start, actor, kind, place, False, fields,
                                    "reported", reported_claimant(reading, actor, False),
                                    when))
            else:
                drafts.append(Draft("territorial", start, actor, kind, place, negated, fields,
                                    framing, when=when))
            if framing == "denied" and not_whole(text, action):
                # "де росіяни не контролюють всю територію міста": they hold part of it
                drafts.append(Draft("territorial", start * 1000 + 998, actor, "advanced", place,
                                    False, fields, when=when))
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
        # "..., a claim Ukraine refuted, stating that skirmishes were ongoing": the denier
        # says the fight goes on where the claim was
        denied_in_gap = bool(before) and before[-1].framing == "denied" and any(
            before[-1].key < d.start < cue.start for d in reading.denials)
        if before and ((len(gap) <= 90 and _CONCESSIVE.search(gap) and not ATTRIBUTION.search(gap))
                       or back_to_place(reading.text, cue) or denied_in_gap) \
                and not any(d.action == "fighting_in" and d.place == before[-1].place
                            for d in drafts + out):
            last = before[-1]
            subject = subject_of(reading, cue)
            # the fight where a side withdrew or beat attacks off is the other side's
            actor = actor_side(reading, subject) if subject is not None else (
                "" if denied_in_gap else opposite(last.actor)
                if last.action in ("withdrew", "repelled") else last.actor)
            out.append(Draft("territorial", cue.start, actor, "fighting_in", last.place,
                             negated_by(reading, cue), {}))
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
                             "repelled", draft.place, negated_by(reading, cue), {}))
    return out
