"""The topic readers of ``claims.testimony``, one function per topic: each looks at one
sentence (a ``StatementReader``) and records the typed claims it finds there.
"""

from __future__ import annotations

import re

from frontcheck.claims.numbers import find_counts
from frontcheck.claims.testimony_casualties import read_casualties
from frontcheck.claims.testimony_cues import (  # the cue patterns
    _ARRIVAL,
    _ATTRIBUTED,
    _CAPTURE,
    _CARRIERS,
    _CASUALTY_WORDS,
    _CIVILIAN,
    _CONTACT,
    _CURRENCY,
    _DOCUMENTS,
    _ECHELONS,
    _EXERCISE,
    _F,
    _FAMILY,
    _JOBS,
    _MERCENARY,
    _MILITARY_CARRIER,
    _MOVED_TO,
    _NEGATION,
    _NEVER_HELD,
    _NOT_RESISTED,
    _OFFER,
    _PAY,
    _PAY_MOTIVE,
    _PRISONER_NOUN,
    _PUBLICATION,
    _REGULAR,
    _RESISTED,
    _RUSSIAN_INSTRUCTORS,
    _STATE,
    _SUICIDE,
    _TOLD,
    _TRAINING,
    _TRANSPORT_VERB,
    _UNIT,
    _UNIT_NUMBER,
    _WAR,
    _WAR_WORDS,
    _WEAPONS,
    _WOUNDED,
    _rx,
)
from frontcheck.claims.testimony_intent import read_intent
from frontcheck.claims.testimony_positions import read_official
from frontcheck.claims.testimony_reading import (
    StatementReader,
    clause_around,
    duration_days,
    negated_near,
    place_key,
)

__all__ = ["read_knew", "read_offer", "read_training", "read_transport", "read_arrival",
           "read_unit", "read_capture", "read_resistance", "read_casualties", "read_pay",
           "read_suicide", "read_official", "read_family", "read_intent"]



def read_knew(r: StatementReader, question: str = "", answered_no: bool | None = None) -> None:
    text = question or r.text
    cues = list(_TOLD.finditer(text))
    if not cues:
        return
    if not (_WAR.search(text) or _EXERCISE.search(text)):
        return
    cue = cues[0]
    family = _FAMILY.search(text, max(0, cue.start() - 40), cue.start())
    if answered_no is None and family and not re.search(r"[,;:]", text[family.end():cue.start()]):
        return          # "his parents do not know he is in Russia": the family's knowledge
    negated = (negated_near(text, cue.start(), cue.end()) or bool(_NEGATION.search(cue.group(0)))
               if answered_no is None else answered_no)
    exercise = _EXERCISE.search(text, cue.end())
    if exercise and not negated and not re.match(r"\w*\s+(?:for|in|на)\b", text[exercise.end():],
                                                 _F):
        r.add("knew_deployment", "told", "training")
    elif negated or (_LEARNED.search(cue.group(0)) and _LATER.search(text, cue.end())):
        r.add("knew_deployment", "told", "unknown")    # he learned it only there: not before
    elif _WAR_WORDS.search(text, cue.end()):      # a country's name alone is no war
        r.add("knew_deployment", "told", "war")


def read_offer(r: StatementReader) -> None:
    """The work a recruit was offered or looked for (construction, rehabilitation …): what he
    was told he was going to do."""
    if not _OFFER.search(r.text):
        return
    for job, pattern in _JOBS:
        if pattern.search(r.text):
            r.add("knew_deployment", "offer", job, False)


def read_training(r: StatementReader) -> None:
    never = _NEVER_HELD.search(r.text)
    if never and negated_near(r.text, never.start(), never.end()):
        r.add("training", "length", None, True)
        return
    cue = _TRAINING.search(r.text)
    if not cue:
        return
    told = _TOLD.search(r.text, 0, cue.start())
    if told and not duration_days(r.text) and _EXERCISE.search(r.text, told.end()):
        return          # "told it was training": what they were told, not training received
    negated = negated_near(r.text, cue.start(), cue.end())
    days = duration_days(r.text)
    if days and negated and not _NO_DAY.search(r.text):
        negated = False   # "a week in the camp, where they taught him nothing": a week's training
    if negated and not days and _TRAINED_FOR.match(r.text, cue.end()):
        r.add("training", "topic", None, False)    # "not trained to fight drones": a lack of
        return                                     # one skill, no denial of training
    if days:
        r.add("training", "length", None if negated else days[1], negated, low=days[0],
              high=days[1], unit="days")
    else:      # trained, or not trained at all: the same facet, so that they are compared
        r.add("training", "length", None, negated)
    if _RUSSIAN_INSTRUCTORS.search(r.text):
        r.add("training", "by", "russian", negated)
    if _WEAPONS.search(r.text):
        r.add("training", "kind", "weapons", negated)


def read_transport(r: StatementReader) -> None:
    """The carriers a sentence names, in its order (a ship, then a train: the legs of the
    journey), with the kind of transport and the men carried."""
    found = []
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
        found.append((cue.start(), carrier, cue))
    if {c for _, c, _ in found} & {"plane", "helicopter"}:
        found = [f for f in found if f[1] != "air"]     # "flew … by plane": one flight
    if not found:
        return
    for _, carrier, cue in sorted(found, key=lambda f: f[0]):
        r.add("transport", "carrier", carrier, negated_near(r.text, cue.start(), cue.end(), 20))
    negated = r.found[-1].negated
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


def read_arrival(r: StatementReader) -> None:
    """When and where they arrived: an arrival's word, or a move to a place ("deployed to
    Kursk in December") in a sentence that speaks of no capture."""
    cues = _ARRIVAL
    if not _ARRIVAL.search(r.text) and _MOVED_TO.search(r.text) and not (
            _CAPTURE.search(r.text) or _PRISONER_NOUN.search(r.text)):
        cues = _MOVED_TO
    cue = cues.search(r.text)
    if not cue:
        return
    dated = False
    for mention in r.owned_dates(cues, _CAPTURE):
        r.add("arrival", "date", mention.on.isoformat(), False, precision=mention.precision)
        dated = True
        break
    place = r.place(cue.start(), cue.end())
    if place:
        r.add("arrival", "place", place_key(place), False, name=place)
    if not (dated or place):
        r.add("arrival", "event", None, False)


#: "captured by Russian Marines": the force that took him, not his own.
_CAPTOR_BEFORE = re.compile(r"\bby\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def read_service(r: StatementReader) -> None:
    """A regular force (marines, armed forces) or a mercenary: compared only within one
    speaker's words (a changed account), never between speakers (``verify.testimony``)."""
    if _ATTRIBUTED.search(r.text):
        return
    mercenary = _MERCENARY.search(r.text)
    if mercenary and _REGULAR.search(r.text):
        return      # "the court claimed he was a mercenary; his father, that he was enlisted
        #             in the regular army": two voices in one sentence, neither his account
    if mercenary:
        if not negated_near(r.text, mercenary.start(), mercenary.end()):
            r.add("unit", "service", "regular", True)
        return
    regular = next((m for m in _REGULAR.finditer(r.text)
                    if not _CAPTOR_BEFORE.search(r.text, max(0, m.start() - 40), m.start())), None)
    if regular:
        r.add("unit", "service", "regular", negated_near(r.text, regular.start(), regular.end()))


def read_unit(r: StatementReader) -> None:
    read_service(r)
    cue = _UNIT.search(r.text)
    named = cue and not re.fullmatch(r"units?|подразделени\w*|підрозділ\w*", cue.group(0), _F)
    if (named or _SERVICE_WORDS.search(r.text)) and not _UNIT_NUMBER.search(r.text):
        r.add("unit", "mentioned", None, False)   # the unit spoken of, not named
    if not cue or (_CASUALTY_WORDS[1][1].search(r.text) and find_counts(r.text)):
        return
    for match in _UNIT_NUMBER.finditer(r.text):
        number = match.group("n") or match.group("n2")
        words = (match.group("e") or match.group("e2") or "").casefold()
        for echelon, pattern in _ECHELONS:
            if re.match(rf"(?:[^\W\d_]+\s+)?(?:{pattern})", words, _F):
                r.add("unit", "name", f"{echelon} {int(number)}", False, echelon=echelon)
                return


def read_capture(r: StatementReader) -> None:
    cue = _CAPTURE.search(r.text)
    if not cue:
        noun = _PRISONER_NOUN.search(r.text)
        if noun:          # "the prisoner said …": his capture spoken of, no event to date
            r.add("capture", "event", None, False)
        return
    negated = negated_near(r.text, cue.start(), cue.end(), 16) or bool(
        re.search(r"refus\w*|отказ\w*|відмов\w*", r.text[max(0, cue.start() - 30):cue.end() + 20],
                  _F))
    dated = False
    for mention in r.owned_dates(_CAPTURE, _ARRIVAL):
        publication = bool(_PUBLICATION.search(clause_around(r.text, mention.start, 60)))
        r.add("capture", "date", mention.on.isoformat(), negated, precision=mention.precision,
              publication=publication)
        dated = True
        break
    place = r.place(cue.start(), cue.end())
    if place:
        r.add("capture", "place", place_key(place), negated, name=place)
    wound = _WOUNDED.search(r.text)
    if wound:
        r.add("capture", "wounded", None, negated_near(r.text, wound.start(), wound.end(), 16))
    documents = _DOCUMENTS.search(r.text)
    if documents:
        r.add("capture", "documents", None, negated_near(r.text, documents.start(),
                                                      documents.end(), 30))
    if not (dated or place or wound or documents):
        r.add("capture", "event", None, negated)


def read_resistance(r: StatementReader) -> None:
    """Whether they resisted when captured: fired, fought back — or ran, fled, put up none."""
    if _NOT_RESISTED.search(r.text):
        r.add("capture", "resisted", None, True)
    elif _RESISTED.search(r.text) and not re.search(
            r"(?:по|on|at)\s+(?:the\s+|our\s+)?(?:вертол|самол|літак|гелікопт|helicopter|plane|"
            r"aircraft|vehicle|car|машин)", r.text, _F):       # fired at the aircraft: no resistance
        r.add("capture", "resisted", None, False)


#: A currency sign right before the figure ("$2,046", "R200,000") is its currency.
_PREFIX_CURRENCY = {"$": "USD", "R": "RUB", "₽": "RUB"}


def _currency(text: str) -> str:
    for code, pattern in _CURRENCY:
        if re.search(rf"(?<![\w])(?:{pattern})", text, _F):
            return code
    return ""


def read_pay(r: StatementReader) -> None:
    cue = _PAY.search(r.text)
    if not cue or (cue.group(0).casefold() in ("won", "вон") and not re.search(r"\d\s*won|won\s*\d",
                                                                            r.text, _F)):
        return
    motive = _PAY_MOTIVE.search(r.text)
    if motive and not any(not motive.start() <= m.start() < motive.end()
                          for m in _PAY.finditer(r.text)):
        return          # "decided to earn some money": a motive, no pay promised or received
    recipient = "state" if _STATE.search(r.text) else "soldier"
    negated = negated_near(r.text, cue.start(), cue.end(), 24)
    amounts = [m for m in find_counts(r.text)
               if re.match(r"\s*(?:\$|dollars?|usd|roubles?|rubles?|won|руб|доллар|долар|"
                           r"тыс|тис|thousand|million|млн|грн|гривен)", r.text[m.end:], _F)
               or r.text[max(0, m.start - 1):m.start] in _PREFIX_CURRENCY]
    for mention in amounts:
        count = mention.count
        r.add("pay", "amount", count.best, negated, low=count.low, best=count.best,
              high=count.high, currency=_PREFIX_CURRENCY.get(r.text[mention.start - 1:mention.start])
              or _currency(r.text[mention.end:mention.end + 20]),
              recipient=recipient)
    if not amounts:
        r.add("pay", "paid", None, negated, recipient=recipient)


def read_family(r: StatementReader, question: str = "", answered_no: bool | None = None) -> bool:
    text = question or r.text
    family = next((m for m in _FAMILY.finditer(text) if not _HOME_AS_PLACE.search(
        text[max(0, m.start() - 24):m.end()])), None)
    if not family:
        return False      # "go home": a place he wants to go, no family he is in touch with
    contact = _CONTACT.search(text)
    if not contact:
        return False
    if answered_no is not None:
        r.add("family_contact", "contact", None, answered_no)
        return True
    negated = any(negated_near(text, c.start(), c.end(), 36) for c in _CONTACT.finditer(text))
    r.add("family_contact", "contact", None, negated)
    return True


def read_suicide(r: StatementReader) -> None:
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
    negated = negated_near(r.text, at, at + 1, 30) or negated_near(r.text, cue.start(), cue.end(), 16)
    # an order (told, instructed) and an act (he tried, planned, would have) are two facts:
    # "he was not ordered to" does not deny that he tried
    r.add("suicide_orders", "order" if orders else "act", None, negated)


#: A length of training denied outright ("not a single day", "ни одного дня"): no training.
_NO_DAY = _rx(r"(?:not|never)\s+(?:even\s+)?(?:a|one)\s+(?:single\s+)?(?:day|week)",
              r"ни\s+(?:одного\s+)?дня", r"ні\s+(?:одного\s+)?дня", r"жодного\s+дня")
#: "Home" as where he goes, not whom he hears from ("wants to go home", "back home").
_HOME_AS_PLACE = re.compile(r"(?:go|going|gone|went|return\w*|back|get|come|sent|send|"
                            r"way)\s+(?:\w+\s+)?home$", _F)
#: What training was for, right after its word ("trained to fight drones", "навчали стріляти").
_TRAINED_FOR = re.compile(r"\s+(?:to|how|in|on|for|against)\s+\w", _F)
#: Learning a thing (not being told it before): "only realised it was war after arriving".
_LEARNED = _rx(r"learn(?:ed|t)", r"found\s+out", r"reali[sz]ed", r"understood", r"узнал\w*",
               r"понял\w*", r"дізна\w*", r"зрозумі\w*")
_LATER = _rx(r"after", r"only", r"when", r"later", r"once", r"upon", r"там", r"после", r"когда",
             r"лишь", r"только", r"після", r"коли", r"лише", r"тільки", r"потім", r"потом")
#: Words of a soldier's service that speak of his unit without naming it.
_SERVICE_WORDS = _rx(r"kpa", r"korean\s+people['’]s\s+army", r"reconnaissance", r"storm\s+corps",
                     r"special\s+(?:forces|operations)", r"snipers?", r"riflem[ae]n",
                     r"commanders?", r"кна", r"корейськ\w+\s+народн\w+\s+арм\w*",
                     r"корейск\w+\s+народн\w+\s+арми\w*", r"разведчик\w*", r"розвідник\w*",
                     r"снайпер\w*", r"стрел[оі]к\w*", r"командир\w*", r"marines?",
                     r"морпех\w*", r"морпіх\w*")
