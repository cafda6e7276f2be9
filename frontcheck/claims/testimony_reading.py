"""Reading one statement for the testimony topics (``claims.testimony``): the typed claim it
gives, and the helpers every topic reader shares — who speaks (the witness, a report of him,
or a source in its own name), a negation near a cue, a clause around a word, a duration in
days, a gesture answering a question the sentence reports, and a spelling-neutral key for
places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from frontcheck.claims.dates import DateMention, find_dates
from frontcheck.claims.testimony_cues import (  # the cue patterns
    _DURATION,
    _F,
    _FIRST,
    _GESTURE_NO,
    _GESTURE_YES,
    _NEGATION,
    _NOT_PLACES,
    _OTHER_EVENT,
    _PLACE_AFTER,
    _PLACE_GAP_STOP,
    _QUESTION,
    _REPORTED,
    _SEVERAL,
    _SMALL,
    _TRANSLIT,
    _UNIT_DAYS,
)
from frontcheck.claims.testimony_scope import negates_saying, spoken_answer_in, unsaid

__all__ = ["TopicClaim", "StatementReader", "place_key", "duration_days", "negated_near",
           "voice_of", "clause_around", "gesture_answer", "hedged", "spoken_answer", "is_question",
           "yes_no_only", "sentences"]



@dataclass(frozen=True, slots=True)
class TopicClaim:
    """One typed claim of a statement: ``text[start:end]`` is the sentence it was read in."""

    topic: str
    facet: str
    value: object
    negated: bool
    voice: str
    start: int
    end: int
    details: dict[str, Any] = field(default_factory=dict)


def place_key(name: str) -> str:
    """A spelling- and case-neutral key for a place name: the first five letters of its
    Latin transliteration, so that Курск, Курской, Курська and Kursk share ``kursk``.

    >>> place_key("Курской области"), place_key("Kursk region"), place_key("Курщині")
    ('kursk', 'kursk', 'kursh')
    """
    word = name.split()[0].casefold().translate(_TRANSLIT) if name.split() else ""
    word = word.replace("kh", "h").replace("y", "i")
    return word[:5]


def negated_near(text: str, start: int, end: int, reach: int = 32) -> bool:
    """A negation in the cue's clause shortly before it, or right after it ("knew nothing")."""
    clause_start = max(text.rfind(c, 0, start) for c in ",;:—–(")
    window = text[max(clause_start + 1, start - reach):start]
    after = text[end:end + 14]
    # "not seriously wounded", "not only": a degree or an addition, no denial of the event
    offset = max(clause_start + 1, start - reach)
    denials = [m for m in _NEGATION.finditer(window) if not _DEGREE.match(window, m.end())
               and not negates_saying(text, offset + m.start(), start)]
    return bool(denials or re.match(r"\s*(?:nothing|ничего|нічого)\b", after, _F))


#: What one man says or has (his family's news, his wounds and papers, his wish, his own
#: act): in a sentence of several men ("one of them", "the other", "both") not his alone.
_PERSONAL_FACTS = frozenset((("family_contact", "contact"), ("capture", "wounded"),
                             ("capture", "documents"), ("capture", "resisted"),
                             ("suicide_orders", "act"), ("intent", "wish")))


#: Words after a negation that make it a degree or an addition ("not seriously", "not only").
_DEGREE = re.compile(r"\s+(?:seriously|badly|severely|critically|gravely|very|too|fully|only|"
                     r"just|entirely|completely|life[\s-]threatening|тяжело|серь[её]зно|сильно|"
                     r"только|лишь|тяжко|серйозно|тільки|лише)(?![\w])", _F)


def _days(unit: str) -> int:
    unit = unit.casefold()
    for prefix, days in _UNIT_DAYS:
        if unit.startswith(prefix):
            return days
    return 0


def _number(word: str) -> tuple[float, float] | None:
    word = word.casefold().strip()
    if re.fullmatch(r"\d+", word):
        return float(word), float(word)
    parts = re.split(r"\s*[-–]\s*|\s+(?:to|до|or|или|або)\s+", word)
    if len(parts) == 2 and all(parts):
        low, high = _number(parts[0]), _number(parts[1])
        if low and high:
            return low[0], high[1]
    value = _SMALL.get(word)
    if value is None:
        return None
    return (float(value), float(value)) if isinstance(value, int) else value


def duration_days(text: str) -> tuple[float, float] | None:
    """(low, high) days of the first length named: "two weeks" (14, 14), "a month" (30, 30),
    "one to two months" (30, 60), "several weeks" (14, 35), "тижневу" (7, 7).

    >>> duration_days("trained for two weeks"), duration_days("1-2 месяца подготовки")
    ((14.0, 14.0), (30.0, 60.0))
    """
    adjective = re.search(r"(?<![\w])(недельн\w+|тижнев\w+|месячн\w+|місячн\w+)", text, _F)
    for match in _DURATION.finditer(text):
        days = _days(match.group("unit"))
        number = match.group("n")
        if number is None:
            return float(days), float(days)
        parsed = _number(number)
        if parsed is None:
            if re.fullmatch(r"(?:about|around|for|only|just|около|лишь|всего|близько|лише|"
                            r"усього|всього|of|a\s+few)", number.casefold()):
                return float(days), float(days)
            continue
        return parsed[0] * days, parsed[1] * days
    if adjective:
        days = 7 if adjective.group(1).casefold().startswith(("недел", "тиж")) else 30
        return float(days), float(days)
    return None


def voice_of(sentence: str) -> str:
    if _REPORTED.search(sentence) and not re.search(r"(?<![\w])(?:I|я)(?![\w])", sentence):
        return "reported"
    if _FIRST.search(sentence):
        return "witness"
    return "source"


def clause_around(text: str, at: int, reach: int = 90) -> str:
    """The words around a cue up to the nearest clause ends, at most ``reach`` either side."""
    return text[max(0, at - reach):at + reach]


def gesture_answer(sentence: str) -> tuple[str, bool] | None:
    """(the question, answered no?) when the sentence reports a question answered by a
    gesture; the question's words decide the topic, the gesture the answer."""
    asked = _QUESTION.search(sentence)
    if not asked:
        return None
    shake = _GESTURE_NO.search(sentence, asked.end())
    nod = _GESTURE_YES.search(sentence, asked.end())
    gesture = shake or nod
    if not gesture:
        said = spoken_answer_in(sentence, asked.end())    # "…, he said no"
        return None if said is None else (sentence[asked.end():said[0]], said[2])
    return sentence[asked.end():gesture.start()], bool(shake)


#: The first words of a spoken answer: yes, or no (``spoken_answer``).
_ANSWER_YES = re.compile(r"\W*(?:yes|yeah|yep|sure|of\s+course|certainly|absolutely|i\s+do|"
                         r"да|конечно|так|звичайно|аякже)\b", _F)
_ANSWER_NO = re.compile(r"\W*(?:no|nope|never|not\s+at\s+all|i\s+don['’]t|нет|ні|ніколи|"
                        r"никогда|нi)\b", _F)


#: Words that make a sentence say less than that a thing happened or did not: a condition, a
#: possibility, hearsay, a doubt, a wish ("if he could, he would call", "may have been
#: told", "reportedly"). Such a claim is never one side of a ``negation``.
_HEDGE = re.compile(
    r"(?<![\w'’-])(?:if|unless|whether|may|might|possibly|perhaps|probably|likely|"
    r"reportedly|allegedly|apparently|supposedly|unclear|unconfirmed|wants?\s+to|wanted\s+to|"
    r"hopes?\s+to|would\s+like|wish\w*\s+to|если|ли|возможно|вероятно|якобы|видимо|"
    r"предположительно|хочет|хотел\w*|якщо|чи|можливо|ймовірно|нібито|мабуть|хоче|хотів)"
    r"(?![\w])", _F)


def hedged(text: str) -> bool:
    """Whether a sentence says less than that a thing happened or did not (``_HEDGE``), or
    denies only telling it ("did not say where")."""
    return bool(_HEDGE.search(text)) or unsaid(text)


def is_question(sentence: str) -> bool:
    """A sentence that asks (its last mark a question mark, closing quotes aside)."""
    return sentence.rstrip().rstrip("\"»”’')").endswith("?")


def spoken_answer(question: str, answer: str) -> tuple[str, bool | None] | None:
    """(the question, answered no?) when ``answer`` answers ``question`` (the sentence
    before): it opens with yes or no, or is short (twelve words at most: "Nothing.", "Only
    two weeks."); None when it is a sentence of its own.

    >>> spoken_answer("Do you want to go home?", "No, I want to stay.")
    ('Do you want to go home?', True)
    >>> spoken_answer("Did they tell you?", "Later that week we moved on to the next village and then to the city.")
    """
    if _ANSWER_NO.match(answer):
        return question, True
    if _ANSWER_YES.match(answer):
        return question, False
    if len(answer.split()) <= 12:
        return question, None
    return None


def yes_no_only(sentence: str) -> bool:
    """An answer that is only yes or no ("No.", "Yes, sir.")."""
    return len(re.findall(r"\w+", sentence)) <= 2 and bool(
        _ANSWER_NO.match(sentence) or _ANSWER_YES.match(sentence))


#: What may stand between an event's word and its date for the date to be the event's.
_BOUND_DATE = re.compile(r"\s*(?:(?:on|in|at|around|by|since|about|в|во|у|на|около|близько)"
                         r"\s+)?", _F)


#: A sentence: up to its end mark and closing quotes.
_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+[\"»”)]*|$)")
#: Abbreviations whose full stop ends no sentence ("captured on Jan. 9", "Mr. Kim", "U.S."):
#: masked before ``_SENTENCE`` splits a text (``sentences``).
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|"
    r"Sgt|Capt|Maj|Gov|Sen|Rep|No|vs|approx|г|гг|тыс|млн|ім|им|ст|тис)\.(?=\s*[\w\d])|"
    r"(?<![\w.])(?:[A-Z]\.){2,}(?=\s*[a-z\d])")


def sentences(text: str) -> list[tuple[int, str]]:
    """(start, sentence) of each sentence of ``text``, an abbreviation's full stop ending
    none ("He was captured on Jan. 9." is one sentence)."""
    masked = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", "\u2024"), text)
    return [(m.start(), text[m.start():m.end()]) for m in _SENTENCE.finditer(masked)]


class StatementReader:
    """Collects the claims of one sentence."""

    def __init__(self, sentence: str, start: int, published_at: date | datetime) -> None:
        self.text = sentence
        self.start = start
        self.published_at = published_at
        self.voice = voice_of(sentence)
        # "if", "may", "wants to" — or "did not say where": no assertion either way
        self.hedged = bool(_HEDGE.search(sentence))
        # "did not say where he was captured": the capture neither asserted nor denied —
        # but "was not told where they were going" is what he knew of the deployment
        self.unsaid = unsaid(sentence)
        self.several = bool(_SEVERAL.search(sentence))
        self.found: list[TopicClaim] = []

    def add(self, topic: str, facet: str, value: object = None, negated: bool = False,
            **details: object) -> None:
        if self.hedged or (self.unsaid and topic != "knew_deployment"):
            details = {**details, "hedged": True}
        if self.several and (topic, facet) in _PERSONAL_FACTS:
            details = {**details, "several": True}
        claim = TopicClaim(topic, facet, value, negated, self.voice, self.start,
                           self.start + len(self.text), details)
        if claim not in self.found:
            self.found.append(claim)

    def dates(self) -> list[Any]:
        return find_dates(self.text, self.published_at)

    def owned_dates(self, cue: re.Pattern[str], rival: re.Pattern[str] | None = None
                    ) -> list[Any]:
        """The dates of the sentence that belong to the event ``cue`` names: its cue is the
        nearest event word to the date ("released on 21 September" is no capture's date; an
        arrival's date, ``rival``, is not the capture's)."""
        cues = [(m.start(), m.end()) for m in cue.finditer(self.text)]
        others = [(m.start(), m.end()) for m in _OTHER_EVENT.finditer(self.text)
                  if not re.match(r"\s*,?\s*(?:that|что|що)\b", self.text[m.end():], _F)]
        if rival is not None:
            others += [(m.start(), m.end()) for m in rival.finditer(self.text)
                       if not any(a <= m.start() < b for a, b in cues)]
        out = []
        for mention in self.dates():
            def gap(span: tuple[int, int], mention: DateMention = mention) -> int:
                """Characters between the date and a cue, and 40 more across a clause end."""
                between = self.text[min(span[1], mention.end):max(span[0], mention.start)]
                between = between.strip(" ,;:()")
                clause = 40 if re.search(r"[,;:]|\s(?:and|и|і|та)\s", f" {between} ") else 0
                return max(0, span[0] - mention.end, mention.start - span[1]) + clause
            mine = min((gap(c) for c in cues), default=None)
            other = min((gap(o) for o in others), default=None)
            # "captured on Jan. 9", "captured in early January, said …": the date right
            # after the event's word and its preposition is the event's
            bound = any(c[1] <= mention.start and _BOUND_DATE.fullmatch(
                self.text[c[1]:mention.start]) for c in cues)
            if bound or (mine is not None and mine <= 130 and (other is None or mine <= other)):
                out.append(mention)
        return out

    def place(self, near: int, cue_end: int | None = None) -> str:
        for match in _PLACE_AFTER.finditer(self.text):
            name = match.group("name")
            if not 0 <= match.start() - near <= 60:
                continue      # the place of an event follows its verb closely
            if cue_end is not None and _PLACE_GAP_STOP.search(
                    self.text[cue_end:match.start()]):
                break         # "captured and is now in Donetsk": the place of another state
            if any(place_key(name).startswith(place_key(p)[:4]) for p in _NOT_PLACES
                   if len(p) >= 4) or name.casefold() in _NOT_PLACES:
                continue
            return name
        return ""
