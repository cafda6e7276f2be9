"""Attribute claims: what a source says about soldiers' training, how they came to serve,
whether they knew where they were sent, and whether they could reach their families.

Each claim is (subject, predicate, value, negated):

- ``training``: value = its length in days when said ("two weeks" → 14, "около месяца"
  → 30, "тижневу" → 7), else None; "were not trained", "без подготовки" negate it;
- ``service_basis``: value ``conscription`` (conscript, drafted, срочник, по призыву,
  строковик), ``mobilisation``, ``contract`` or ``volunteer``; "I never signed a contract",
  "контракт я не подписывал" negate it;
- ``knew_deployment``: "did not know they would fight", "нам не говорили, куда везут"
  (negated, value None); "told they were going to an exercise", "думали, что на учения"
  (negated, value ``exercise``); "I knew where I was going" (not negated);
- ``family_contact``: "could call my mother" (not negated); "no contact with family",
  "не мали зв'язку з родиною", "letters were never sent" (negated).

The subject is the force named before the cue (``dprk``, ``russia``, ``ukraine``), else
``speaker`` for the first person or an answer in a transcript, ``person`` for "he", "the
prisoner", else ``other``.
"""

from __future__ import annotations

import re
from typing import Any

from frontcheck.claims.cues import FIRST_PERSON, THIRD_PERSON, WordPattern
from frontcheck.claims.numbers import parse_count
from frontcheck.claims.reading import SentenceReading, words_between
from frontcheck.claims.territorial import Draft

__all__ = ["attribute_drafts", "PREDICATES"]

PREDICATES = ("training", "service_basis", "knew_deployment", "family_contact")
_F = re.IGNORECASE


def _rx(*parts: str) -> WordPattern:
    return WordPattern(r"(?<![\w'’-])(?:" + "|".join(parts) + r")(?![\w])")


# "train journey" and "training camp" name a vehicle and a place, not training received
_TRAINING = _rx(r"train(?:s|ed|ing|ers?|ees?)?(?!\s+(?:journey|station|ride|car|carriages?|trip|"
                r"tracks?|camps?)\b)",
                r"drill\w*", r"instruct\w*", r"подготовк\w*", r"подготов\w*",
                r"готовил\w*", r"обучени\w*", r"обучал\w*", r"обучен\w*", r"учили",
                r"тренир\w*", r"підготовк\w*", r"навчанн\w*", r"навчал\w*", r"навчили",
                r"вчили", r"вишкіл\w*", r"тренуванн\w*", r"(?:firing|shooting|rifle)\s+ranges?",
                r"полигон\w*", r"полігон\w*", r"стрельбищ\w*", r"стрільбищ\w*")
_PAYMENT = re.compile(r"\d[\d\s,.]*\s*(?:тыс\w*|тис\w*|млн|million|thousand|миллион\w*|"
                      r"мільйон\w*)?\.?\s*(?:руб|₽|"
                      r"roubles?|rubles?|dollars?|долл|долар|гривен|гривн|грн|euros?|евро|євро)"
                      r"|[$€₽₴]\s*\d", re.IGNORECASE)
_SERVICE = (
    ("conscription", _rx(r"conscript\w*", r"draft(?:ed|ee|ees)?", r"срочник\w*",
                         r"срочн\w+\s+служб\w*", r"по\s+призыву", r"призван\w*", r"призывник\w*",
                         r"строковик\w*", r"строков\w+\s+служб\w*", r"за\s+призовом",
                         r"призовник\w*", r"призвал\w*\s+(?:в|у|до)\s+(?:арм\w*|військ\w*|лав\w*)")),
    ("mobilisation", _rx(r"mobili[sz]\w*", r"мобилизова\w*", r"мобилизаци\w*",
                         r"мобилизованн\w*", r"мобілізова\w*", r"мобілізув\w*",
                         r"мобілізаці\w*")),
    ("contract", _rx(r"contract\w*", r"контракт\w*")),
    ("volunteer", _rx(r"volunteer\w*", r"доброволь\w*", r"добровольц\w*", r"добровол\w*")),
)
_KNEW = _rx(r"knew", r"know", r"known", r"aware", r"idea", r"знал\w*", r"знаю", r"знать",
            r"понятия", r"знав", r"знати", r"гадки")
_TOLD = _rx(r"told", r"said", r"informed", r"explained", r"thought", r"believed", r"warned",
            r"mentioned", r"сказал\w*", r"говорили", r"говорил", r"объяснял\w*", r"думал\w*",
            r"будто", r"предупрежд\w*", r"предупредил\w*", r"казали", r"казав", r"сказав\w*",
            r"пояснювал\w*", r"думав", r"думали", r"ніби", r"говорив", r"попереджа\w*",
            r"попередил\w*")
_DESTINATION = _rx(r"where", r"destination", r"going", r"go", r"sent", r"deploy\w*", r"war",
                   r"front", r"fight\w*", r"russia", r"ukraine", r"куда", r"куди", r"войн\w*",
                   r"війн\w*", r"фронт\w*", r"воева\w*", r"воюва\w*", r"воюват\w*", r"россию",
                   r"украин\w*", r"росію", r"україн\w*", r"еду", r"едем", r"едут", r"едет",
                   r"везут", r"їду", r"їдемо", r"їдуть", r"їде", r"везуть", r"отправ\w*",
                   r"відправ\w*")
_EXERCISE = _rx(r"exercises?", r"training(?:\s+exercise)?", r"drills?", r"учени\w*",
                r"учёб\w*", r"учеб\w*", r"навчанн\w*", r"навчання")
_CONTACT = _rx(r"contact\w*", r"call\w*", r"phone\w*", r"letters?", r"wrote", r"write",
               r"talk\w*", r"spoke", r"spoken", r"speak", r"communicat\w*", r"связ\w*", r"звон\w*",
               r"позвон\w*", r"письм\w*", r"писать", r"писал\w*", r"телефон\w*", r"общать\w*",
               r"зв['’ʼ]?яз\w*", r"дзвон\w*", r"зателефон\w*", r"телефонува\w*", r"лист\w*",
               r"писати", r"спілкува\w*")
_FAMILY = _rx(r"family", r"families", r"parents", r"relatives", r"home", r"mother", r"wife",
              r"father", r"родн\w*", r"семь\w*", r"семей", r"семьями", r"родител\w*", r"домой",
              r"мам\w*", r"матер\w*", r"мати", r"матір\w*", r"жен\w*", r"близк\w*", r"сім['’ʼ]\w*", r"родин\w*", r"рідн\w*",
              r"батьк\w*", r"додому", r"дружин\w*")
_NEGATIVE_AFTER = _rx(r"не\s+было", r"не\s+було", r"never", r"не\s+мали", r"не\s+имели",
                      r"не\s+подписывал\w*", r"не\s+підписував\w*", r"не\s+разрешал\w*",
                      r"не\s+дозволял\w*", r"не\s+был\w*", r"не\s+був\w*", r"запреща\w*",
                      r"запрещ\w*", r"заборон\w*", r"forbidden", r"banned")
_DURATION = re.compile(
    r"(?<![\w])(?:(?P<n>[\w'’-]+(?:\s+[\w'’-]+)?)\s+)?(?P<unit>days?|weeks?|months?|дн(?:я|ей|і|ів)|"
    r"день|недел[ьюиь]|недель|неделей|месяц\w*|тижн(?:і|ів|я|ем)|тиждень|місяц\w*|місяць|"
    r"діб)(?![\w])", _F)
_DURATION_ADJECTIVE = re.compile(r"(?<![\w])(?P<unit>недельн\w+|тижнев\w+|месячн\w+|"
                                 r"місячн\w+)(?![\w])", _F)
_UNIT_DAYS = (("д", 1), ("ден", 1), ("day", 1), ("діб", 1), ("week", 7), ("недел", 7),
              ("тиж", 7), ("month", 30), ("месяц", 30), ("місяц", 30), ("месячн", 30),
              ("місячн", 30))


_NOT_ONE = re.compile(r"(?:^|\s)(?:last|next|this|that|every|each|per|a\s+few|several|прошл\w*|"
                      r"минул\w*|наступн\w*|следующ\w*|эт\w+|цей|ц\w+|кожн\w*|кажд\w*|"
                      r"несколько|кілька|пару|пару)$", _F)


def _days(unit: str) -> int:
    unit = unit.lower()
    for prefix, days in sorted(_UNIT_DAYS, key=lambda p: -len(p[0])):
        if unit.startswith(prefix):
            return days
    return 0


def _duration_days(text: str) -> int | None:
    adjective = _DURATION_ADJECTIVE.search(text)
    if adjective:
        return _days(adjective.group("unit"))
    for match in _DURATION.finditer(text):
        days = _days(match.group("unit"))
        number = match.group("n") or ""
        count = parse_count(number) if number else None
        if count is not None:
            return count.best * days
        if re.search(r"(?:^|\s)(?:a|an|one|about\s+a|около|близько|for\s+a)$", " " + number,
                     _F) or not number or number.lower() in ("about", "около", "близько",
                                                               "for", "лишь", "лише"):
            return days
        # "Навчали місяць", "після тижня підготовки": a bare unit is one of it
        if not _NOT_ONE.search(number) and not re.search(r"\d", number):
            return days
    return None


def _negated_before(reading: SentenceReading, start: int, reach: int = 2) -> bool:
    return any(n.end <= start and words_between(reading.text, n.end, start) <= reach
               for n in reading.negations)


def _subject(reading: SentenceReading, position: int, told: bool = False, topic: str = ""
             ) -> tuple[str, str]:
    """(subject, side) for a cue at ``position``; ``told``: the cue is a word of telling,
    whose subject is who was told ("they said we were going", "A: They said it was an
    exercise": the speaker); ``topic``: the side of the forces the text spoke of last,
    which "the troops", "they" refer back to."""
    before = [a for a in reading.all_actors if a.end <= position or a.start < position]
    sided = [a for a in before if reading.side(a)]
    if not sided:   # "Мобілізованих росіян кидають", "conscripted North Korean soldiers"
        sided = [a for a in reading.all_actors if a.start >= position and reading.side(a)
                 and words_between(reading.text, position, a.start) <= 1][:1]
    if sided:
        side = reading.side(sided[-1])
        return side, side
    text = reading.text[reading.body_start:position]
    if told and (FIRST_PERSON.search(reading.text, reading.body_start) or (reading.answer_turn
                 and not _SINGULAR_THIRD.search(reading.text, reading.body_start))):
        return "speaker", ""
    if topic and not FIRST_PERSON.search(text) and _PLURAL_BACK.search(reading.text):
        return topic, topic
    if FIRST_PERSON.search(text):
        return "speaker", ""
    if THIRD_PERSON.search(text):
        return "person", ""
    if reading.answer_turn:
        return "speaker", ""
    return "other", ""


_SINGULAR_THIRD = _rx(r"he", r"she", r"он", r"она", r"він", r"вона")
#: Words that refer back to forces named before: "the troops", "they", "их", "їх".
_PLURAL_BACK = _rx(r"the\s+(?:troops|soldiers|servicemen)", r"they", r"them", r"their",
                   r"these\s+(?:troops|soldiers)", r"они", r"их", r"им", r"вони", r"їх", r"їм",
                   r"эти\s+военн\w+", r"ці\s+військов\w+")
_ANY_CUE = WordPattern("|".join(p.any_case.pattern for p in (
    _TRAINING, _KNEW, _TOLD, _FAMILY, *(pattern for _, pattern in _SERVICE))))


def _answered(reading: SentenceReading, question: str) -> list[tuple[str, object, bool]]:
    """What an answer says through its question: "Сколько длилась подготовка? — Три
    недели" is training of 21 days; "What were you told? — That it was an exercise"."""
    text = reading.text
    if not (question and reading.answer_turn):
        return []
    found: list[tuple[str, object, bool]] = []
    if _TRAINING.search(question) and not _TRAINING.search(text):
        days = _duration_days(text[reading.body_start:])
        if days:
            found.append(("training", days, False))
    if (_TOLD.search(question) or _KNEW.search(question)) and not _TOLD.search(text) \
            and _EXERCISE.search(text):
        found.append(("knew_deployment", "exercise", True))
    if _FAMILY.search(question) and _CONTACT.search(question) and not _FAMILY.search(text):
        # "Could you phone home? — No, we had no phones."
        found.append(("family_contact", None, bool(reading.negations)))
    return found


#: A question the sentence reports ("Asked whether ...", "На вопрос, ...", "На питання, чи
#: ..."); it runs to the gesture that answers it.
_REPORTED_QUESTION = re.compile(
    r"(?<![\w])(?:(?:when\s+|after\s+being\s+|being\s+)?asked\s+(?:whether|if|about)|"
    r"на\s+вопрос|на\s+питання|когда\s+(?:его\s+)?спросили|коли\s+(?:його\s+)?запитали|"
    r"спрошенный|запитаний)(?![\w])", _F)
#: A gesture that answers: a nod is yes, a shake of the head is no.
_GESTURE_YES = _rx(r"nodd?(?:ed|s)?", r"кивн\w*", r"кива\w*", r"кивнув\w*", r"кивав")
_GESTURE_NO = _rx(r"shook\s+(?:his|her|their)\s+heads?", r"shakes\s+(?:his|her)\s+head",
                  r"shaking\s+(?:his|her)\s+head", r"покача\w*\s+головой",
                  r"помота\w*\s+головой", r"похита\w*\s+головою", r"хита\w*\s+головою")


def _gesture_answer(reading: SentenceReading) -> list[tuple[str, object, bool]] | None:
    """What a gesture answers, read from the question the sentence reports: "Asked whether
    his family knew he had been sent to Russia, he shook his head" answers about his family
    (no), not about the deployment; None when the sentence reports no question answered
    by a gesture."""
    text = reading.text
    asked = _REPORTED_QUESTION.search(text)
    if not asked:
        return None
    gesture = _GESTURE_NO.search(text, asked.end()) or _GESTURE_YES.search(text, asked.end())
    if not gesture:
        return None
    negated = bool(_GESTURE_NO.search(text, asked.end()))
    question = text[asked.end():gesture.start()]
    if _FAMILY.search(question):
        return [("family_contact", None, negated)]
    if _KNEW.search(question) or _TOLD.search(question):
        return [("knew_deployment", None, negated)]
    if _TRAINING.search(question):
        return [("training", _duration_days(question), negated)]
    return []


def attribute_drafts(reading: SentenceReading, question: str = "", topic: str = ""
                     ) -> list[Draft]:
    """Attribute claims of one sentence (see the module docstring); ``question`` is the
    question an answer turn replies to, ``topic`` the side of the forces spoken of last."""
    text = reading.text
    gesture = _gesture_answer(reading)
    if gesture is not None:
        answers: list[Draft] = []
        for predicate, value, negated in gesture:
            subject, side = _subject(reading, reading.body_start, False, topic)
            answers.append(Draft("attribute", reading.body_start, side, predicate, None, negated,
                                 {"subject": subject, "predicate": predicate, "value": value}))
        return answers
    answered = _answered(reading, question)
    if not answered and not _ANY_CUE.search(text):
        return []
    drafts: list[Draft] = []
    seen: set[tuple[Any, ...]] = set()

    def add(position: int, predicate: str, value: Any, negated: bool) -> None:
        subject, side = _subject(reading, position, predicate == "knew_deployment", topic)
        key = (predicate, value, negated)
        if key in seen:
            return
        seen.add(key)
        drafts.append(Draft("attribute", position, side, predicate, None, negated,
                            {"subject": subject, "predicate": predicate, "value": value}))

    for predicate, value, negated in answered:
        add(reading.body_start, predicate, value, negated)
    exercise_spans: list[tuple[int, int]] = []
    # an answer need not say where: "A: They said it was an exercise"
    if _DESTINATION.search(text) or (reading.answer_turn and _EXERCISE.search(text)):
        told = list(_TOLD.finditer(text))
        for i, cue in enumerate(told):
            # an exercise belongs to the nearest word of telling before it
            stop = min(cue.end() + 45, told[i + 1].start() if i + 1 < len(told) else len(text))
            exercise = _EXERCISE.search(text, cue.end(), stop)
            if exercise:
                exercise_spans.append((exercise.start(), exercise.end()))
                add(cue.start(), "knew_deployment", "exercise", True)
            elif _negated_before(reading, cue.start(), 1):
                add(cue.start(), "knew_deployment", None, True)
        for cue in _KNEW.finditer(text):
            add(cue.start(), "knew_deployment", None, _negated_before(reading, cue.start(), 2))
    days: list[Any] = []     # the sentence's duration, read once for all its training words
    for cue in _TRAINING.finditer(text):
        if any(a <= cue.start() < b for a, b in exercise_spans):
            continue
        days = days or [_duration_days(text)]
        add(cue.start(), "training", days[0], _negated_before(reading, cue.start()))
    # "добровольцам платят", "recruits ... on signing a contract": a payment names whom it
    # pays, it does not say how they serve
    for value, pattern in () if _PAYMENT.search(text) else _SERVICE:
        for cue in pattern.finditer(text):
            after = _NEGATIVE_AFTER.match(text[cue.end():cue.end() + 25].lstrip(" ,яI"))
            negated = _negated_before(reading, cue.start(), 2) or after is not None
            add(cue.start(), "service_basis", value, negated)
    if _FAMILY.search(text):
        contacts = list(_CONTACT.finditer(text))
        if contacts:
            negated = any(_negated_before(reading, c.start(), 3) for c in contacts) or any(
                _NEGATIVE_AFTER.search(text, c.end(), c.end() + 40) for c in contacts)
            add(contacts[0].start(), "family_contact", None, negated)
    return drafts
