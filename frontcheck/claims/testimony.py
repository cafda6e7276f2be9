"""Testimony topics: what a witness's statement (or a statement about the same facts) says
about his deployment, training, transport, arrival, unit, capture, casualties, pay, family
contact, intent after capture, orders about suicide, and an institution's position.

Each statement gives typed claims (``TopicClaim``): a ``topic`` (``TOPICS``), a ``facet`` of it
(a capture's ``date`` or ``place``; a count of casualties; a carrier), a ``value`` of the
facet's type, ``negated``, and ``voice``: who speaks — ``witness`` (first person), ``reported``
(an outlet or agency giving his words: "he said", "по его словам") or ``source`` (the speaker
in his own name: an official, a ministry, an outlet's own reporting).

Values, by facet:

- counts (``casualties.count``, ``transport.count``, ``pay.amount``): ``low``/``best``/``high``
  (``numbers.parse_count`` rules), ``unit``, and for casualties ``category`` (``killed``,
  ``wounded``, ``casualties`` for "killed and wounded" and "losses", ``captured``) and
  ``scope`` (``group`` the speaker's own, ``platoon`` … ``corps``, ``contingent`` the whole
  force), ``cumulative`` when the count runs over rotations or "in total"; for pay
  ``currency`` and ``recipient`` (``soldier`` or ``state``);
- dates (``capture.date``, ``arrival.date``): ``date`` and ``precision`` (day, week, month),
  ``publication`` when the date is that of published footage;
- places (``capture.place``, ``arrival.place``): the name as written and ``place_key``, a
  spelling-neutral key (Курск, Курська, Kursk → ``kursk``);
- categories: ``knew_deployment.told`` (``war``, ``training``, ``unknown``),
  ``transport.carrier`` (``train``, ``plane``, ``ship``, ``bus``, ``truck``),
  ``training.length`` (days, low/high), ``unit.name`` (echelon and number), ``intent.wish``
  (``return``, ``stay``, ``third_country``), ``official_position.stance`` (``denied``,
  ``acknowledged``, ``unconfirmed``); yes/no facts (``family_contact.contact``,
  ``suicide_orders.order``, ``capture.wounded``, ``capture.documents``) carry only negation.

A reported question answered by a gesture ("Asked whether he wants to go home, he nodded")
is read as an answer about what the question asks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from frontcheck.claims.dates import anchor_date, find_dates
from frontcheck.claims.model import Claim
from frontcheck.claims.numbers import find_counts
from frontcheck.claims.testimony_cues import (  # the cue patterns
    _F, _rx, _NEGATION, _FIRST, _REPORTED, _QUESTION, _GESTURE_YES, _GESTURE_NO, _TOLD, _WAR,
    _EXERCISE, _TRAINING, _DURATION, _UNIT_DAYS, _SMALL, _WEAPONS, _RUSSIAN_INSTRUCTORS,
    _CARRIERS, _TRANSPORT_VERB, _CIVILIAN, _MILITARY_CARRIER, _ARRIVAL, _UNIT, _ECHELONS,
    _UNIT_NUMBER, _CAPTURE, _WOUNDED, _DOCUMENTS, _PUBLICATION, _CASUALTY_WORDS, _SCOPES,
    _CUMULATIVE, _PAY, _CURRENCY, _STATE, _FAMILY, _CONTACT, _WANT, _INTENTS, _SUICIDE,
    _STANCES, _OFFICIAL_FACT, _PLACE_AFTER, _NOT_PLACES, _TRANSLIT, _SENTENCE, _OTHER_EVENT,
    _PLACE_GAP_STOP, _OFFER, _JOBS, _RESISTED, _NOT_RESISTED, _KILLED_BY, _ATTRIBUTED, _REGULAR,
    _MERCENARY, _NEVER_HELD, _MOVE_ABROAD, _PAY_MOTIVE,
)

__all__ = ["TOPICS", "TopicClaim", "read_testimony", "topic_claims", "place_key",
           "CLAIM_TYPE"]

#: The claim type of what this reader finds (kept apart from the four the F1 sets score).
CLAIM_TYPE = "testimony"

TOPICS = ("knew_deployment", "training", "transport", "arrival", "unit", "capture",
          "casualties", "pay", "family_contact", "intent", "suicide_orders",
          "official_position")


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
    details: dict = field(default_factory=dict)


def place_key(name: str) -> str:
    """A spelling- and case-neutral key for a place name: the first five letters of its
    Latin transliteration, so that Курск, Курской, Курська and Kursk share ``kursk``.

    >>> place_key("Курской области"), place_key("Kursk region"), place_key("Курщині")
    ('kursk', 'kursk', 'kursh')
    """
    word = name.split()[0].casefold().translate(_TRANSLIT) if name.split() else ""
    word = word.replace("kh", "h").replace("y", "i")
    return word[:5]


def _negated(text: str, start: int, end: int, reach: int = 32) -> bool:
    """A negation in the cue's clause shortly before it, or right after it ("knew nothing")."""
    clause_start = max(text.rfind(c, 0, start) for c in ",;:—–(")
    window = text[max(clause_start + 1, start - reach):start]
    after = text[end:end + 14]
    return bool(_NEGATION.search(window) or re.match(r"\s*(?:nothing|ничего|нічого)\b", after,
                                                       _F))


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


def _voice(sentence: str) -> str:
    if _REPORTED.search(sentence) and not re.search(r"(?<![\w])(?:I|я)(?![\w])", sentence):
        return "reported"
    if _FIRST.search(sentence):
        return "witness"
    return "source"


def _clause(text: str, at: int, reach: int = 90) -> str:
    """The words around a cue up to the nearest clause ends, at most ``reach`` either side."""
    return text[max(0, at - reach):at + reach]


def _gesture(sentence: str) -> tuple[str, bool] | None:
    """(the question, answered no?) when the sentence reports a question answered by a
    gesture; the question's words decide the topic, the gesture the answer."""
    asked = _QUESTION.search(sentence)
    if not asked:
        return None
    shake = _GESTURE_NO.search(sentence, asked.end())
    nod = _GESTURE_YES.search(sentence, asked.end())
    gesture = shake or nod
    if not gesture:
        return None
    return sentence[asked.end():gesture.start()], bool(shake)


class _Reader:
    """Collects the claims of one sentence."""

    def __init__(self, sentence: str, start: int, published_at: date | datetime) -> None:
        self.text = sentence
        self.start = start
        self.published_at = published_at
        self.voice = _voice(sentence)
        self.found: list[TopicClaim] = []

    def add(self, topic: str, facet: str, value: object = None, negated: bool = False,
            **details: object) -> None:
        claim = TopicClaim(topic, facet, value, negated, self.voice, self.start,
                           self.start + len(self.text), details)
        if claim not in self.found:
            self.found.append(claim)

    def dates(self) -> list:
        return find_dates(self.text, self.published_at)

    def owned_dates(self, cue: re.Pattern) -> list:
        """The dates of the sentence that belong to the event ``cue`` names: its cue is the
        nearest event word to the date ("released on 21 September" is no capture's date)."""
        cues = [(m.start(), m.end()) for m in cue.finditer(self.text)]
        others = [(m.start(), m.end()) for m in _OTHER_EVENT.finditer(self.text)
                  if not re.match(r"\s*,?\s*(?:that|что|що)\b", self.text[m.end():], _F)]
        out = []
        for mention in self.dates():
            def gap(span: tuple[int, int]) -> int:
                """Characters between the date and a cue, and 40 more across a clause end."""
                between = self.text[min(span[1], mention.end):max(span[0], mention.start)]
                between = between.strip(" ,;:()")
                clause = 40 if re.search(r"[,;:]|\s(?:and|и|і|та)\s", f" {between} ") else 0
                return max(0, span[0] - mention.end, mention.start - span[1]) + clause
            mine = min((gap(c) for c in cues), default=None)
            other = min((gap(o) for o in others), default=None)
            if mine is not None and mine <= 130 and (other is None or mine <= other):
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


def _knew(r: _Reader, question: str = "", answered_no: bool | None = None) -> None:
    text = question or r.text
    cues = list(_TOLD.finditer(text))
    if not cues:
        return
    if not (_WAR.search(text) or _EXERCISE.search(text)):
        return
    cue = cues[0]
    negated = _negated(text, cue.start(), cue.end()) if answered_no is None else answered_no
    exercise = _EXERCISE.search(text, cue.end())
    if exercise and not negated and not re.match(r"\w*\s+(?:for|in|на)\b", text[exercise.end():],
                                                 _F):
        r.add("knew_deployment", "told", "training")
    elif negated:
        r.add("knew_deployment", "told", "unknown")
    elif _WAR.search(text, cue.end()):
        r.add("knew_deployment", "told", "war")


def _offer(r: _Reader) -> None:
    """The work a recruit was offered or looked for (construction, rehabilitation …): what he
    was told he was going to do."""
    if not _OFFER.search(r.text):
        return
    for job, pattern in _JOBS:
        if pattern.search(r.text):
            r.add("knew_deployment", "offer", job, False)


def _training(r: _Reader) -> None:
    never = _NEVER_HELD.search(r.text)
    if never and _negated(r.text, never.start(), never.end()):
        r.add("training", "length", None, True)
        return
    cue = _TRAINING.search(r.text)
    if not cue:
        return
    told = _TOLD.search(r.text, 0, cue.start())
    if told and not duration_days(r.text) and _EXERCISE.search(r.text, told.end()):
        return          # "told it was training": what they were told, not training received
    negated = _negated(r.text, cue.start(), cue.end())
    days = duration_days(r.text)
    if days:
        r.add("training", "length", None if negated else days[1], negated, low=days[0],
              high=days[1], unit="days")
    else:      # trained, or not trained at all: the same facet, so that they are compared
        r.add("training", "length", None, negated)
    if _RUSSIAN_INSTRUCTORS.search(r.text):
        r.add("training", "by", "russian", negated)
    if _WEAPONS.search(r.text):
        r.add("training", "kind", "weapons", negated)


def _transport(r: _Reader) -> None:
    for carrier, pattern in _CARRIERS:
        cue = pattern.search(r.text)
        if not cue:
            continue
        if carrier == "truck" and not _TRANSPORT_VERB.search(r.text):
            continue
        if carrier == "train" and _TRAINING.search(r.text) and not re.search(
                r"by\s+train|trains?\s+(?:journey|ride|trip)|поезд|поїзд|потяг|ешелон|эшелон",
                r.text, _F):
            continue
        negated = _negated(r.text, cue.start(), cue.end(), 20)
        r.add("transport", "carrier", carrier, negated)
        if _CIVILIAN.search(r.text):
            r.add("transport", "kind", "civilian", negated)
        elif _MILITARY_CARRIER.search(r.text):
            r.add("transport", "kind", "military", negated)
        for mention in find_counts(r.text):
            following = r.text[mention.end:mention.end + 30]
            if re.match(r"\s*(?:men|people|soldiers|troops|of\s+us|человек|солдат\w*|бойц\w*|"
                        r"военн\w*|людей|чоловік|осіб|військов\w*)", following, _F):
                count = mention.count
                r.add("transport", "count", count.best, False, low=count.low, best=count.best,
                      high=count.high, unit="people")
        return


def _arrival(r: _Reader) -> None:
    cue = _ARRIVAL.search(r.text)
    if not cue:
        return
    dated = False
    for mention in r.owned_dates(_ARRIVAL):
        r.add("arrival", "date", mention.on.isoformat(), False, precision=mention.precision)
        dated = True
        break
    place = r.place(cue.start(), cue.end())
    if place:
        r.add("arrival", "place", place_key(place), False, name=place)
    if not (dated or place):
        r.add("arrival", "event", None, False)


def _service(r: _Reader) -> None:
    """A regular force (marines, armed forces) or a mercenary: compared only within one
    speaker's words (a changed account), never between speakers (``verify.testimony``)."""
    if _ATTRIBUTED.search(r.text):
        return
    mercenary = _MERCENARY.search(r.text)
    if mercenary:
        if not _negated(r.text, mercenary.start(), mercenary.end()):
            r.add("unit", "service", "regular", True)
        return
    regular = _REGULAR.search(r.text)
    if regular:
        r.add("unit", "service", "regular", _negated(r.text, regular.start(), regular.end()))


def _unit(r: _Reader) -> None:
    _service(r)
    cue = _UNIT.search(r.text)
    named = cue and not re.fullmatch(r"units?|подразделени\w*|підрозділ\w*", cue.group(0), _F)
    if (named or _SERVICE_WORDS.search(r.text)) and not _UNIT_NUMBER.search(r.text):
        r.add("unit", "mentioned", None, False)   # the unit spoken of, not named
    if not cue or _CASUALTY_WORDS[1][1].search(r.text) and find_counts(r.text):
        return
    for match in _UNIT_NUMBER.finditer(r.text):
        number = match.group("n") or match.group("n2")
        words = (match.group("e") or match.group("e2") or "").casefold()
        for echelon, pattern in _ECHELONS:
            if re.match(rf"(?:[^\W\d_]+\s+)?(?:{pattern})", words, _F):
                r.add("unit", "name", f"{echelon} {int(number)}", False, echelon=echelon)
                return


def _capture(r: _Reader) -> None:
    cue = _CAPTURE.search(r.text)
    if not cue:
        return
    negated = _negated(r.text, cue.start(), cue.end(), 16) or bool(
        re.search(r"refus\w*|отказ\w*|відмов\w*", r.text[max(0, cue.start() - 30):cue.end() + 20],
                  _F))
    dated = False
    for mention in r.owned_dates(_CAPTURE):
        publication = bool(_PUBLICATION.search(_clause(r.text, mention.start, 60)))
        r.add("capture", "date", mention.on.isoformat(), negated, precision=mention.precision,
              publication=publication)
        dated = True
        break
    place = r.place(cue.start(), cue.end())
    if place:
        r.add("capture", "place", place_key(place), negated, name=place)
    wound = _WOUNDED.search(r.text)
    if wound:
        r.add("capture", "wounded", None, _negated(r.text, wound.start(), wound.end(), 16))
    documents = _DOCUMENTS.search(r.text)
    if documents:
        r.add("capture", "documents", None, _negated(r.text, documents.start(),
                                                      documents.end(), 30))
    if not (dated or place or wound or documents):
        r.add("capture", "event", None, negated)


def _resistance(r: _Reader) -> None:
    """Whether they resisted when captured: fired, fought back — or ran, fled, put up none."""
    if _NOT_RESISTED.search(r.text):
        r.add("capture", "resisted", None, True)
    elif _RESISTED.search(r.text) and not re.search(
            r"(?:по|on|at)\s+(?:the\s+|our\s+)?(?:вертол|самол|літак|гелікопт|helicopter|plane|"
            r"aircraft|vehicle|car|машин)", r.text, _F):       # fired at the aircraft: no resistance
        r.add("capture", "resisted", None, False)


def _category(text: str, start: int, end: int) -> str:
    """The casualty category of a count: the category words right after it, up to the next
    figure or clause (or else just before it)."""
    after = re.split(r"[,;:(]|\d", text[end:end + 40])[0]
    before = re.split(r"[,;:)]|\d", text[max(0, start - 30):start])[-1]
    for window in (after, before):
        hits = [(m.start(), category) for category, pattern in _CASUALTY_WORDS
                for m in [pattern.search(window)] if m]
        if hits:
            return min(hits)[1] if window is after else max(hits)[1]
    return ""


def _scope(text: str, voice: str) -> str:
    for scope, pattern in _SCOPES:
        if pattern.search(text):
            return scope
    return "group" if voice == "witness" else ""


def _killed_by(r: _Reader) -> None:
    """Who killed them (the Ukrainians, the Russians, the man himself), when a sentence about
    the dead says so in its own name ("media accused him of …" is someone else's word)."""
    if not _CASUALTY_WORDS[1][1].search(r.text) or _ATTRIBUTED.search(r.text):
        return
    for actor, pattern in _KILLED_BY:
        if pattern.search(r.text):
            r.add("casualties", "by", actor, False)
            return


def _casualties(r: _Reader) -> None:
    if re.search(r"fate\s+(?:is\s+|was\s+|remains\s+)?unknown|судьб\w*\s+(?:\w+\s+){0,2}неизвестн\w*|"
                 r"дол[яі]\s+(?:\w+\s+){0,2}невідом\w*", r.text, _F):
        r.add("casualties", "mentioned", "unknown", False)
    if not any(p.search(r.text) for _, p in _CASUALTY_WORDS[:3]):
        return
    _killed_by(r)
    scope = _scope(r.text, r.voice)
    cumulative = bool(_CUMULATIVE.search(r.text))
    counted = False
    dates = [(d.start, d.end) for d in r.dates()]
    for mention in find_counts(r.text):
        if any(a < mention.end and mention.start < b for a, b in dates):
            continue
        if _DURATION.match(r.text, mention.start) or re.match(
                r"\s*(?:days?|weeks?|months?|years?|дн|недел|месяц|лет|год|тиж|місяц|рок|"
                r"января|січня|january|december|декабря|грудня|%|percent)",
                r.text[mention.end:], _F):
            continue
        category = _category(r.text, mention.start, mention.end)
        if not category:
            continue
        count = mention.count
        r.add("casualties", "count", count.best, False, low=count.low, best=count.best,
              high=count.high, unit="people", category=category, scope=scope,
              cumulative=cumulative)
        counted = True
    if not counted and not _CAPTURE.search(r.text):
        for category, pattern in _CASUALTY_WORDS[:3]:
            cue = pattern.search(r.text)
            if cue:
                r.add("casualties", "mentioned", category,
                      _negated(r.text, cue.start(), cue.end(), 20), scope=scope)
                break


def _currency(text: str) -> str:
    for code, pattern in _CURRENCY:
        if re.search(rf"(?<![\w])(?:{pattern})", text, _F):
            return code
    return ""


def _pay(r: _Reader) -> None:
    cue = _PAY.search(r.text)
    if not cue or cue.group(0).casefold() in ("won", "вон") and not re.search(r"\d\s*won|won\s*\d",
                                                                            r.text, _F):
        return
    motive = _PAY_MOTIVE.search(r.text)
    if motive and not any(not motive.start() <= m.start() < motive.end()
                          for m in _PAY.finditer(r.text)):
        return          # "decided to earn some money": a motive, no pay promised or received
    recipient = "state" if _STATE.search(r.text) else "soldier"
    negated = _negated(r.text, cue.start(), cue.end(), 24)
    amounts = [m for m in find_counts(r.text)
               if re.match(r"\s*(?:\$|dollars?|usd|roubles?|rubles?|won|руб|доллар|долар|"
                           r"тыс|тис|thousand|million|млн|грн|гривен)", r.text[m.end:], _F)
               or r.text[max(0, m.start - 1):m.start] == "$"]
    for mention in amounts:
        count = mention.count
        r.add("pay", "amount", count.best, negated, low=count.low, best=count.best,
              high=count.high, currency=_currency(r.text[mention.start - 1:mention.end + 20]),
              recipient=recipient)
    if not amounts:
        r.add("pay", "paid", None, negated, recipient=recipient)


def _family(r: _Reader, question: str = "", answered_no: bool | None = None) -> bool:
    text = question or r.text
    family = _FAMILY.search(text)
    if not family:
        return False
    contact = _CONTACT.search(text)
    if not contact:
        return False
    if answered_no is not None:
        r.add("family_contact", "contact", None, answered_no)
        return True
    negated = any(_negated(text, c.start(), c.end(), 36) for c in _CONTACT.finditer(text))
    r.add("family_contact", "contact", None, negated)
    return True


def _intent(r: _Reader, question: str = "", answered_no: bool | None = None) -> bool:
    """A prisoner's wish after capture: his own words, or words reported as his."""
    text = question or r.text
    if r.voice == "source" and answered_no is None and not re.search(
            r"decided|intends|plans|wants|решил\w*|намерен\w*|вирішив|має\s+намір", text, _F) \
            and not _PRISONER.search(text):
        return False          # an official's own wish is no prisoner's intent
    want = _WANT.search(text) or re.search(
        r"(?:return|send|bring|exchange)\s+(?:me|us|myself)", text, _F)
    if not want and answered_no is None:
        return False
    found = False
    for clause in _clauses(text):
        abroad = _MOVE_ABROAD.search(clause)
        cues = ([("third_country", abroad)] if abroad else []) + [
            (value, cue) for value, pattern in _INTENTS if (cue := pattern.search(clause))]
        for value, cue in cues[:1]:
            if value == "return" and re.match(r"\s+(?:back\s+)?(?:to|в|до)\s+(?:russia|росси|росі)",
                                              clause[cue.end():], _F):
                value = "russia"          # back to the army he served in, not home
            want_here = _WANT.search(clause) or cue
            negated = (answered_no if answered_no is not None
                       else _negated(clause, want_here.start(), want_here.end(), 24))
            r.add("intent", "wish", value, negated)
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


def _suicide(r: _Reader) -> None:
    cue = _SUICIDE.search(r.text)
    if not cue:
        return
    if cue.group(0).casefold().startswith(("grenade", "гранат")) and not re.search(
            r"(?:himself|themselves|ourselves|myself|себя|себе|капітуляц|captur|плен|полон|"
            r"surrender)", r.text, _F):
        return
    orders = re.search(r"order\w*|told|instruct\w*|приказ\w*|велел\w*|наказ\w*|сказал\w*|"
                       r"казали|учили|навчали|trained", r.text, _F)
    at = orders.start() if orders else cue.start()
    negated = _negated(r.text, at, at + 1, 30) or _negated(r.text, cue.start(), cue.end(), 16)
    r.add("suicide_orders", "order", None, negated)


def _stance_any() -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for _, p in _STANCES), _F)


#: Stance words that need no named fact: "That's not true.", "I have no comment on these
#: reports." answer what the speaker was asked about.
_BARE_STANCE = _rx(r"untrue", r"not\s+true", r"unfounded", r"no\s+comment", r"неправда",
                   r"нет\s+комментариев", r"без\s+коментарів", r"denied", r"опроверг\w*",
                   r"спростува\w*")


#: A documented figure of persons fighting or serving ("155 Chinese citizens who are fighting
#: against Ukrainians"): the position of the one who states it, that they do.
_ASSERTED = re.compile(
    r"(?<![\w,.])\d[\d,. ]*\s+(?:[^\W\d_]+\s+){0,3}?(?:citizens|nationals|soldiers|troops|"
    r"servicemen|fighters|people|граждан\w*|громадян\w*|военн\w*|військов\w*|солдат\w*|"
    r"человек|осіб|бойц\w*)\b(?:\s+\S+){0,6}?\s+(?:are\s+|were\s+|is\s+)?(?:fight\w*|fought|"
    r"serv\w*|deployed|воюю\w*|воюет|воюют|воевал\w*|воювал\w*|служ\w*|участву\w*)", _F)


def _official(r: _Reader) -> None:
    if not _STANCE_ANY.search(r.text) and _ASSERTED.search(r.text):
        r.add("official_position", "stance", "asserted", False)
        return
    if r.voice == "witness" and not _BARE_STANCE.search(r.text):
        return
    if not (_OFFICIAL_FACT.search(r.text) or _BARE_STANCE.search(r.text)):
        return
    for stance, pattern in _STANCES:
        cue = pattern.search(r.text)
        if cue:
            negated = stance == "acknowledged" and _negated(r.text, cue.start(), cue.end(), 16)
            r.add("official_position", "stance", "denied" if negated else stance, False)
            return


_STANCE_ANY = _stance_any()
#: A prisoner or soldier spoken of: his wish is reported ("one of the prisoners wants …").
_PRISONER = _rx(r"soldiers?", r"prisoners?", r"pows?", r"captives?", r"пленн\w*",
                r"военнопленн\w*", r"полонен\w*", r"військовополонен\w*", r"солдат\w*",
                r"бо[еє]ць", r"бійц\w*", r"бойц\w*")
#: Words of a soldier's service that speak of his unit without naming it.
_SERVICE_WORDS = _rx(r"kpa", r"korean\s+people['’]s\s+army", r"reconnaissance", r"storm\s+corps",
                     r"special\s+(?:forces|operations)", r"snipers?", r"riflem[ae]n",
                     r"commanders?", r"кна", r"корейськ\w+\s+народн\w+\s+арм\w*",
                     r"корейск\w+\s+народн\w+\s+арми\w*", r"разведчик\w*", r"розвідник\w*",
                     r"снайпер\w*", r"стрел[оі]к\w*", r"командир\w*", r"marines?",
                     r"морпех\w*", r"морпіх\w*")


def read_testimony(text: str, published_at: date | datetime) -> list[TopicClaim]:
    """The typed claims of one statement, in order (see the module docstring); never raises.

    Examples
    --------
    >>> said = read_testimony("I was captured on January 9 near Kursk. We were told it was "
    ...                       "training.", date(2025, 2, 1))
    >>> [(c.topic, c.facet, c.value, c.negated, c.voice) for c in said]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('capture', 'date', '2025-01-09', False, 'witness'),
     ('capture', 'place', 'kursk', False, 'witness'),
     ('knew_deployment', 'told', 'training', False, 'witness')]
    """
    if not isinstance(text, str) or not text.strip():
        return []
    anchor = anchor_date(published_at)
    found: list[TopicClaim] = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0)
        if not sentence.strip() or sentence.rstrip().endswith("?"):
            continue
        r = _Reader(sentence, match.start(), anchor)
        gesture = _gesture(sentence)
        if gesture is not None:
            question, answered_no = gesture
            if not (_family(r, question, answered_no) or _intent(r, question, answered_no)):
                _knew(r, question, answered_no)
            found.extend(r.found)
            continue
        for read in (_capture, _resistance, _knew, _offer, _training, _transport, _arrival,
                     _unit, _casualties, _pay, _suicide, _official):
            read(r)
        _family(r)
        _intent(r)
        found.extend(r.found)
    return found


def topic_claims(text: str, *, published_at: date | datetime, claimant: str,
                     source_id: int | None, make_id: Callable[[tuple[int, int], int], str],
                     quote_chars: int = 500) -> list[Claim]:
    """``read_testimony`` as stored claims of type ``testimony``: ``action`` is the topic,
    ``fields`` hold topic, facet, value, voice and the value's details; a date facet is
    also the claim's event date. ``make_id(span, n)`` gives the id of the n-th claim."""
    claim_date = anchor_date(published_at)
    claims = []
    for n, found in enumerate(read_testimony(text, published_at)):
        span = (found.start, found.end)
        event, precision = None, "none"
        if found.facet == "date" and isinstance(found.value, str):
            event, precision = date.fromisoformat(found.value), found.details.get(
                "precision", "day")
        claims.append(Claim(
            id=make_id(span, n), type=CLAIM_TYPE, source_id=source_id, span=span,
            quote=text[found.start:found.end].strip()[:quote_chars], claimant=claimant,
            action=found.topic, claim_date=claim_date, event_date=event,
            date_precision=precision, negated=found.negated,
            fields={"topic": found.topic, "facet": found.facet, "value": found.value,
                    "voice": found.voice, "subject": "speaker", **found.details}))
    return claims
