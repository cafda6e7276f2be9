"""What an action word does to a place it reaches, where the words say less than a claim
or another claim than the word's own: an attempt that failed, a forecast told as a noun
("— питання часу"), a place an attack came *from*, lines taken rather than a place, an
oblast only partly held, and a place the owner's forces still hold.

Each rule is a reading an analyst makes of the phrase, whatever the place:

- "безуспешные попытки вернуть X", "штурмували X, але успіху не мали", "unsuccessfully
  stormed X": the attack was beaten off — ``repelled`` by the other side (the realtext
  guide: an attack beaten off is ``repelled``, its actor the side that beat it off); an
  advance the words deny ("не вдалося просунутися у X") stays a denied advance, as the
  guide's "X has not been captured";
- "Повне захоплення Куп'янська — питання часу", "взятие X — вопрос времени", "the fall of X
  is a matter of time": a forecast, no control asserted;
- "атаки ВСУ, осуществляемые из Гришино", "attacks from X", "обстріли з X": the place the
  attack came from, not the place fought over;
- "заняли более выгодные рубежи", "зайняли оборону", "took up defensive positions": lines,
  not a settlement, were taken;
- "ЗСУ контролюють на Курщині понад 1250 км²", "продовжують звільняти Запорізьку
  область": an oblast is claimed only as a whole (the guide), never with an area or while
  its taking goes on;
- "Сили оборони продовжують утримувати під контролем село X": the owner still holds it,
  which denies the other side's capture.
"""

from __future__ import annotations

import re

from frontcheck.claims.actors import ActorMention
from frontcheck.claims.agents import FROM_SIDE
from frontcheck.claims.cues import Cue
from frontcheck.claims.framing import NOMINAL
from frontcheck.claims.reach import AREA
from frontcheck.claims.reading import SentenceReading, words_between

__all__ = ["failed_attempt", "forecast_after", "attack_origin", "positions_taken",
           "partial_region", "owner_holding", "doubted_noun", "opening_scene", "not_whole",
           "reread_kind", "fight_actor", "negated_after", "driven_from", "FAILURE",
           "MATTER_OF_TIME"]

_F = re.IGNORECASE

#: Words that an attempt came to nothing: before the action ("не вдалося просунутися",
#: "failed to enter", "безуспешные попытки") or after it in the clause ("але успіху не
#: мали", "without success", "безуспешно").
FAILURE = re.compile(
    r"(?<![\w-])(?:failed\s+to|fail(?:ed|s)?\s+in|unable\s+to|did\s+not\s+manage\s+to|"
    r"could\s+not|couldn['’]t|unsuccessful(?:ly)?|without\s+success|to\s+no\s+avail|in\s+vain|"
    r"не\s+удал[оа]сь|не\s+смогл?и?|не\s+сумел[аи]?|безуспешн\w*|безрезультатн\w*|"
    r"без\s+успеха|успеха\s+не\s+(?:имели|добились|достигли)|тщетн\w*|провал\w*|"
    r"не\s+вдал[оа]ся|не\s+змогл?и?|не\s+зуміл[аи]?|безуспішн\w*|безрезультатн\w*|"
    r"без\s+успіху|успіху\s+не\s+(?:мали|досягли|здобули)|марн\w*)(?![\w-])", _F)
#: After the attack, only words that say how it ended ("could not be verified" is no failure).
_FAILURE_AFTER = re.compile(
    r"(?<![\w-])(?:unsuccessful(?:ly)?|without\s+success|to\s+no\s+avail|in\s+vain|"
    r"безуспешн\w*|безрезультатн\w*|без\s+успеха|успеха\s+не\s+(?:имели|добились|достигли)|"
    r"безуспішн\w*|без\s+успіху|успіху\s+не\s+(?:мали|досягли|здобули))(?![\w-])", _F)
_CLAUSE_END = re.compile(r"[.;!?]|\s[—–]\s")
_GAINS = frozenset(("captured", "liberated", "recaptured", "advanced", "fighting_in"))


def failed_attempt(text: str, cue: Cue) -> bool:
    """Whether the gain or attack ``cue`` names is said to have failed: a word of failure
    in the three words before it, or after it in its clause.

    >>> t = "Окупантам не вдалося просунутися у Торецьку."
    >>> failed_attempt(t, Cue(t.index("просунутися"), t.index(" у Т"), "advanced"))
    True
    >>> t = "Росіяни не захопили Торецьк."
    >>> failed_attempt(t, Cue(t.index("захопили"), t.index(" Т"), "captured"))
    False
    """
    if cue.kind not in _GAINS:
        return False
    before = text[max(0, cue.start - 60):cue.start]
    for match in FAILURE.finditer(before):
        if len(before[match.end():].split()) <= 3:
            return True
    end = _CLAUSE_END.search(text, cue.end)
    return _FAILURE_AFTER.search(text, cue.end, end.start() if end else len(text)) is not None


#: "— питання часу", "вопрос времени", "a matter of time": what is forecast, not done.
MATTER_OF_TIME = re.compile(
    r"(?:(?:лише|лишь|только|тільки|just|only)\s+)?(?:питання\s+часу|вопрос\s+времени|"
    r"(?:a\s+)?(?:matter|question)\s+of\s+(?:time|days|weeks))", _F)


def forecast_after(text: str, cue: Cue) -> bool:
    """Whether the noun of ``cue`` is the subject of "— a matter of time" (a few words on).

    >>> t = "Повне захоплення Куп'янська — питання часу."
    >>> forecast_after(t, Cue(6, 16, "captured"))
    True
    """
    found = MATTER_OF_TIME.search(text, cue.end, min(len(text), cue.end + 90))
    return found is not None and len(text[cue.end:found.start()].split()) <= 6


def doubted_noun(reading: SentenceReading, cue: Cue, subject: ActorMention,
                 framing: str) -> bool:
    """Whether the force named before a noun of taking that the sentence reports or
    denies is not its agent: "Українські підрозділи захищають позиції в X, інформація про
    захоплення міста — російська дезинформація" — the defenders do not capture; whose
    capture it is, is told by the doubt (``agents.default_actor``)."""
    return (framing != "asserted" and cue.kind in ("captured", "liberated", "recaptured")
            and subject.end <= cue.start and NOMINAL.search(reading.text[cue.start:cue.end])
            is not None and words_between(reading.text, subject.end, cue.start) > 1)


#: "осуществляемых из населенного пункта X", "attacks from X", "обстріляли з X": where an
#: attack came from.
_FROM_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:из|с|со|з|із|зі|from|out\s+of)\s+(?:(?:района|району|the\s+area\s+of|"
    r"the\s+direction\s+of|the)\s+)?(?:(?:населенн\w+|населен\w+|населённ\w+)\s+пункт\w*\s+|"
    r"н\.\s?п\.\s*|сел\w*\s+|город\w*\s+|міст\w*\s+|village\s+of\s+|town\s+of\s+)?)$", _F)


_BACK_BEFORE = re.compile(r"(?:back|away|назад|прочь|far|kilomet(?:re|er)s?|km|miles|"
                          r"недалеко|далеко|неподалік|километр\w*|кілометр\w*|км)\s*$", _F)


def attack_origin(text: str, start: int, kind: str) -> bool:
    """Whether a place an attack or its repulse reaches is where the attack came from.

    >>> t = "отразили атаки ВСУ, осуществляемые из населенного пункта Гришино"
    >>> attack_origin(t, t.index("Гришино"), "repelled")
    True
    >>> attack_origin("выбили ВСУ из Гришино", 14, "captured")
    False
    >>> attack_origin("drove Russian troops back from Zoria", 31, "repelled")
    False
    >>> attack_origin("clashes not far from Tabaivka", 21, "fighting_in")
    False
    """
    found = _FROM_BEFORE.search(text, max(0, start - 45), start)
    # "drove Russian troops back from X", "відкинули від X": where they were beaten off;
    # "not far from X", "в 5 км от X": a distance, not an origin
    return kind in ("fighting_in", "repelled") and found is not None \
        and not _BACK_BEFORE.search(text, max(0, found.start() - 12), found.start())


#: "заняли более выгодные рубежи", "зайняли оборону", "took up positions": lines taken.
_POSITIONS_AFTER = re.compile(
    r"\s+(?:(?:более|більш|more|нов\w+|new)\s+)?(?:\w+\s+)?(?:рубеж\w*|позици\w*|позиці\w*|"
    r"оборону|оборон[уи]|кругов\w+\s+оборон\w*|positions?|lines?|defen[cs]es?)(?![\w-])", _F)


def positions_taken(text: str, cue: Cue) -> bool:
    """Whether a word of taking has lines or positions, not a place, as its object.

    >>> t = "заняли более выгодные рубежи в районе Константиновки"
    >>> positions_taken(t, Cue(0, 6, "captured"))
    True
    """
    return cue.kind == "captured" and _POSITIONS_AFTER.match(text, cue.end) is not None


#: "продовжують звільняти", "continue to liberate", "продолжают освобождать": under way.
_GOING_ON = re.compile(r"(?:продовжу\w*|продолжа\w*|continu\w*|keep\w*)\s+(?:to\s+)?"
                       r"(?:\w+\s+){0,4}$", _F)


def partial_region(text: str, cue: Cue) -> bool:
    """Whether an oblast the action reaches is held only in part or is still being taken:
    the clause gives an area ("1250 квадратних кілометрів") or the taking goes on.

    >>> t = "ЗСУ контролюють на Курщині понад 1250 квадратних кілометрів території"
    >>> partial_region(t, Cue(4, 15, "captured"))
    True
    """
    end = _CLAUSE_END.search(text, cue.end)
    if AREA.search(text, cue.end, end.start() if end else len(text)):
        return True
    return _GOING_ON.search(text, max(0, cue.start - 50), cue.start) is not None


#: "утримують під контролем", "удерживают под контролем", "still hold", "тримають":
#: holding what one has, not taking it.
_HOLDING = re.compile(r"(?:утриму\w*|утримат\w*|трима\w*|удержива\w*|удерж\w*|держ\w*|"
                      r"hold\w*|held|retain\w*|keep\w*)\s+(?:\w+\s+)?$", _F)


def owner_holding(text: str, cue: Cue) -> bool:
    """Whether an "under control" phrase is held by a verb of keeping ("продовжують
    утримувати під контролем село X"): the holder keeps the place.

    >>> t = "Сили оборони продовжують утримувати під контролем село Запорізьке"
    >>> owner_holding(t, Cue(t.index("під"), t.index(" село"), "captured"))
    True
    """
    return _HOLDING.search(text, max(0, cue.start - 40), cue.start) is not None


#: A sentence that opens by saying where ("В районе н. п. X противник ...", "Near X, Russian
#: forces ...", "У районі села X ..."): the place is the scene of the whole sentence.
_OPENING_WHERE = re.compile(
    r"^\W*(?:в|во|у|на|под|під|біля|около|возле|поблизу|вблизи|near|in|around|outside)\s+"
    r"(?:(?:район[еі]|районі|the\s+area\s+of|the\s+vicinity\s+of)\s+)?"
    r"(?:(?:н\.\s?п\.|населенного\s+пункта|населённого\s+пункта|населеного\s+пункту|"
    r"сел[аоі]|селища|міста|города|village\s+of|town\s+of|the)\s*)?$", _F)


def opening_scene(text: str, start: int, body_start: int = 0) -> bool:
    """Whether the place at ``start`` is named by the phrase that opens its sentence.

    >>> opening_scene('"В районе н. п. Успеновка противник ...', 16)
    True
    >>> opening_scene("Росіяни атакували в районі Успенівки", 27)
    False
    """
    return _OPENING_WHERE.match(text[body_start:start]) is not None


#: "не контролюють всю територію міста", "do not control all of X", "не полностью": the
#: whole is denied, so a part is held.
_WHOLE_AFTER = re.compile(r"\s+(?:(?:всю|весь|всё|все|всього|всей|целиком|повністю|полностью|"
                          r"цілком|all\s+of|the\s+whole(?:\s+of)?|the\s+entire|entirely|fully|"
                          r"completely)(?![\w-]))", _F)
_WHOLE_BEFORE = re.compile(r"(?:не|not)\s+(?:повністю|полностью|цілком|целиком|fully|"
                           r"completely|entirely)\s+$", _F)


def not_whole(text: str, cue: Cue) -> bool:
    """Whether a denied control is denied only of the whole place: the side holds part.

    >>> t = "росіяни не контролюють всю територію міста"
    >>> not_whole(t, Cue(t.index("контролюють"), t.index(" всю"), "captured"))
    True
    """
    return cue.kind == "captured" and (_WHOLE_AFTER.match(text, cue.end) is not None or
                                       _WHOLE_BEFORE.search(text, max(0, cue.start - 30),
                                                            cue.start) is not None)


#: A taking still going on: an imperfective present or gerund ("освобождая приграничье",
#: "звільняють"; not the English "-ing", a noun as often: "reports of seizing X"), or
#: "continue / finish" before the taking ("продолжают освобождать", "завершает
#: освобождение"): an operation under way is fighting (the guide).
_ONGOING_WORD = re.compile(
    r"(?:освобожда(?:ют|ет|я|ем)|звільня(?:ють|є|ючи|ємо)|визволя(?:ють|є|ючи)|"
    r"захватыва(?:ют|ет|я)|захоплю(?:ють|є|ючи)|занима(?:ют|ет|я)|займа(?:ють|є|ючи))$", _F)
_GOING_ON_BEFORE = re.compile(r"(?:продолжа\w*|продовжу\w*|заверша\w*|заверш(?:ує|ують|уючи)|"
                              r"continu\w*|complet(?:es|ing))\s+(?:to\s+)?$", _F)
#: "отразили 56 кв. км территории", "відбили 20 км²": ground taken back, not an attack.
_AREA_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}\d[\d\s,.]*\s*(?:кв\.?\s*км|км²|km²|sq\.?\s*km|"
                         r"square\s+kilomet|квадратн)", _F)


def reread_kind(text: str, cue: Cue, kind: str) -> str:
    """The action a cue makes, read again in its wording: a taking under way is fighting,
    attacks "repelled" with an area for object are ground taken back (``advanced``).

    >>> t = "освобождая приграничье Купянска"
    >>> reread_kind(t, Cue(0, 10, "liberated"), "liberated")
    'fighting_in'
    >>> t = "отразили 56 кв. км территории"
    >>> reread_kind(t, Cue(0, 8, "repelled"), "repelled")
    'advanced'
    """
    if kind in ("captured", "liberated", "recaptured") and (
            _ONGOING_WORD.search(text, cue.start, cue.end)
            or _GOING_ON_BEFORE.search(text, max(0, cue.start - 30), cue.start)):
        return "fighting_in"
    if kind == "repelled" and _AREA_AFTER.match(text, cue.end):
        return "advanced"
    return kind


#: "бої між українськими захисниками та російськими загарбниками": a fight of two sides.
_BETWEEN_SIDES = re.compile(r"[^.;]{0,40}?(?<![\w-])(?:між|между|between)\s", _F)
#: "идет зачистка", "clearing operations": the side that clears is the one that speaks.
_CLEARING = re.compile(r"зачист|зачищ|clearing|mopping", _F)


def fight_actor(reading: SentenceReading, cue: Cue, actor: str, has_subject: bool) -> str:
    """The attacker of a fight read again: none for a fight "between" two sides; the
    speaker's side for a clearing with no subject ("в центре идет зачистка")."""
    if _BETWEEN_SIDES.match(reading.text, cue.end):
        return ""
    if not actor and not has_subject and _CLEARING.match(reading.text, cue.start):
        return reading.speaker_side
    return actor


#: "Просування ворога по Куп'янську не зафіксовано", "the capture was not confirmed".
_NOT_AFTER = re.compile(
    r"[^.;]{0,60}?(?<![\w-])(?:не\s+(?:зафіксован\w*|зафиксирован\w*|підтвердж\w*|подтвержд\w*|"
    r"спостеріга\w*|наблюда\w*|відбул\w*|произош\w*)|(?:was|were|has\s+been|have\s+been)\s+not\s+"
    r"(?:confirmed|observed|recorded))(?![\w-])", _F)


def negated_after(text: str, cue: Cue) -> bool:
    """Whether a noun of action is said after it not to have happened or been seen.

    >>> t = "Просування ворога по самому Куп'янську не зафіксовано"
    >>> negated_after(t, Cue(0, 10, "advanced"))
    True
    """
    return NOMINAL.search(text[cue.start:cue.end]) is not None and \
        _NOT_AFTER.match(text, cue.end) is not None


#: "зачистка міста від росіян", "очистка села от ВСУ": the place between the clearing word
#: and the side driven out.
_FROM_AFTER_OBJECT = re.compile(r"^\s*(?:\w+\s+){1,2}(?:від|вiд|от|from)\s+(?:the\s+)?$",
                                re.IGNORECASE)


def driven_from(reading: SentenceReading, cue: Cue) -> str:
    """The side a gain drives out, named "from" right after its word ("зачищення від ворога",
    "освобождение от оккупантов", "cleared of Russian troops") or after its object
    ("зачистка міста від росіян"), or ""."""
    text = reading.text
    for actor in reading.all_actors:
        if actor.start >= cue.end and ((actor.start - cue.end <= 12 and FROM_SIDE.match(
                text[cue.end:actor.start])) or (actor.start - cue.end <= 40
                                                 and _FROM_AFTER_OBJECT.match(
                                                     text[cue.end:actor.start]))):
            return reading.side(actor)
    return ""
