"""Comparing testimony claims (``claims.testimony``): whether two statements about the same
topic and facet conflict, of which kind, how sure we are, and why, in one sentence.

Kinds (issue 11; the testimony corpus README):

- ``rendering``: the same speaker and the same interview date (or an outlet's undated
  report within two days of it), two outlets, values that conflict — it points at the
  outlets, not at the witness;
- ``stance``: a position that changed over time (an official who first denied, later
  admitted; a prisoner's wish after the war): both were true when said;
- ``numeric``: counts of the same category and scope whose ranges do not overlap — unless
  the later one is an update (the same speaker's growing estimate) or one is cumulative;
- ``category``: the same figure given for different categories (losses vs wounded);
- ``temporal``: dates of the same event that differ beyond their precision (the later date
  may be when footage was published: the ``why`` says so);
- ``place``, ``actor``: the place, or the carrier or unit, of the same event differ;
- ``negation``: one says it happened, the other that it did not (a denial against a claim);
- ``value``: another value of the same attribute (a week's training against a month's).

Kept to one fact: a ``negation`` never has a hedged side (a condition, a possibility, a wish)
nor a sentence of several men ("one of them …"); positions are compared on one fact
(``fact``: capture, casualties, deployment); a ``category`` conflict needs one scope; two
speakers' dates need one dated to the day; another side's larger toll (``estimator``) within
a month is no update. Who said what, where and when: ``verify.testimony_said``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from frontcheck.claims.model import Claim
from frontcheck.claims.testimony import place_key
from frontcheck.verify.testimony_said import (
    Said,
    as_of,
    one_estimate,
    one_interview,
    publication_hint,
    same_holder,
    same_voice,
)

__all__ = ["AccountConflict", "account_conflict", "TESTIMONY_KINDS", "topic_of",
           "legacy_topics", "same_voice", "Said"]

TESTIMONY_KINDS = ("numeric", "category", "temporal", "actor", "place", "negation", "value",
                   "rendering", "stance")
_BASE_CONFIDENCE = {"rendering": 0.75, "stance": 0.7, "numeric": 0.8, "category": 0.7,
                    "temporal": 0.75, "place": 0.7, "actor": 0.65, "negation": 0.65,
                    "value": 0.7}
_STANCE_TOPICS = frozenset(("intent", "official_position"))
_PLACE_FACETS = frozenset(("place",))
_DATE_FACETS = frozenset(("date",))
_ACTOR_FACETS = frozenset(("carrier", "name", "by", "kind"))
#: Facets that only say a topic came up (a capture mentioned, a service named): compared
#: within one speaker's words only — between speakers nothing tells that they speak of the
#: same man and the same moment.
_MENTION_FACETS = frozenset(("event", "mentioned", "service", "topic"))
#: Carriers that name the kind of an aircraft agree with an aircraft of no named kind.
_CARRIER_FAMILY = {"plane": "air", "helicopter": "air", "air": "air", "bus": "road",
                   "truck": "road", "car": "road", "vehicle": "road"}
#: How much less sure a pair is when one side is a witness's own account and the other
#: another speaker's: the other may speak of another man or another moment.
_OTHER_PERSON = 0.55
#: Facets another speaker may well give of another leg, man or formation (a ship for one leg,
#: a train for the next; one prisoner's wish and the other's; a corps and its brigade): pairs
#: between speakers are kept below the default confidence.
_ONE_SPEAKER_FACETS = frozenset((("transport", "carrier"), ("transport", "kind"),
                                 ("unit", "name"), ("intent", "wish")))
#: What one man has or does (his family's news, his wounds, papers, resistance, his own act):
#: two other speakers (an agency, an outlet) may each speak of another of the men captured
#: together, so their pairs are kept below the default confidence; his own words and the
#: reports of one interview are compared as they are.
_PERSONAL_FACETS = frozenset((("family_contact", "contact"), ("capture", "wounded"),
                              ("capture", "documents"), ("capture", "resisted"),
                              ("suicide_orders", "act")))
_PRECISION_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366, "none": 0}
#: Values of "what were you told" that exclude each other: knowing it was war excludes
#: being told it was training and not being told at all; those two agree.
_TOLD_GROUPS = {"war": "war", "training": "not_war", "unknown": "not_war"}


@dataclass(frozen=True, slots=True)
class AccountConflict:
    """The kind of a conflict between two testimony claims, a confidence in 0–1, and why."""

    kind: str
    confidence: float
    why: str


def topic_of(claim: Claim) -> str:
    """The testimony topic of a claim ("" when it is no testimony claim)."""
    return str((claim.fields or {}).get("topic", "")) if claim.type == "testimony" else ""


#: What the older readers' claims are about, as testimony topics (by attribute predicate or
#: quantity kind).
LEGACY_TOPIC = {"training": ("training",), "knew_deployment": ("knew_deployment",),
                "family_contact": ("family_contact",), "transport": ("transport",),
                "killed": ("casualties",), "wounded": ("casualties",),
                "casualties": ("casualties",), "captured": ("casualties", "capture"),
                "payment": ("pay",)}


def legacy_topics(claim: Claim) -> tuple[str, ...]:
    """The testimony topics an older reader's claim (attribute, quantity) speaks of."""
    fields = claim.fields or {}
    if claim.type == "attribute":
        return LEGACY_TOPIC.get(str(fields.get("predicate", "")), ())
    if claim.type == "quantity":
        return LEGACY_TOPIC.get(str(fields.get("kind", "")), ())
    return ()


def _f(claim: Claim) -> dict[str, Any]:
    return claim.fields or {}


def _date_gap(a: Claim, b: Claim) -> int | None:
    fa, fb = _f(a), _f(b)
    try:
        da, db = date.fromisoformat(str(fa["value"])), date.fromisoformat(str(fb["value"]))
    except (KeyError, ValueError):
        return None
    ea = da + timedelta(days=_PRECISION_DAYS.get(str(fa.get("precision", "day")), 1) - 1)
    eb = db + timedelta(days=_PRECISION_DAYS.get(str(fb.get("precision", "day")), 1) - 1)
    return max(0, (db - ea).days, (da - eb).days)


def _ranges(a: Claim, b: Claim) -> tuple[tuple[float, float], tuple[float, float]] | None:
    try:
        return ((float(_f(a)["low"]), float(_f(a)["high"])),
                (float(_f(b)["low"]), float(_f(b)["high"])))
    except (KeyError, TypeError, ValueError):
        return None


def _same_figure(fa: dict[str, Any], fb: dict[str, Any], low_a: float, low_b: float) -> bool:
    """Whether two claims give one figure (best values within 1 %), whatever it counts."""
    best_a, best_b = float(fa.get("best", low_a)), float(fb.get("best", low_b))
    return abs(best_a - best_b) <= 0.01 * max(best_a, 1.0)


def _raw_conflict(a: Claim, b: Claim, verbatim: bool = False) -> tuple[str, str] | None:
    """(kind, why) when two claims of one topic and facet conflict in content, else None;
    ``verbatim`` for two reports of one interview, whose dates must agree to the day."""
    fa, fb = _f(a), _f(b)
    topic, facet = fa.get("topic"), fa.get("facet")
    va, vb = fa.get("value"), fb.get("value")
    if facet == "topic":
        return None               # a topic spoken of, with no value read: nothing to compare
    if facet in _DATE_FACETS:
        gap = _date_gap(a, b)
        if gap is not None and gap > (0 if verbatim else 1) and a.negated == b.negated:
            return "temporal", f"the {topic} is dated {va} in one and {vb} in the other"
        return None
    if facet in _PLACE_FACETS:
        if va and vb and not _same_place(a, b) and a.negated == b.negated:
            return "place", (f"the {topic} is placed at {fa.get('name', va)} in one and "
                             f"{fb.get('name', vb)} in the other")
        return None
    if facet == "count":
        ranges = _ranges(a, b)
        if ranges is None:
            return None
        (la, ha), (lb, hb) = ranges
        if fa.get("category") != fb.get("category"):
            # the same figure, of the same scope, as another category ("1,200 losses" and
            # "1,200 wounded" of the whole force): a platoon's and a regiment's are two
            if _same_figure(fa, fb, la, lb) and fa.get("category") and fb.get("category") and \
                    fa.get("scope") == fb.get("scope"):
                return "category", (f"the same figure ({fa.get('best')}) is given as "
                                    f"{fa.get('category')} in one and {fb.get('category')} in "
                                    f"the other")
            return None
        if fa.get("scope") != fb.get("scope") or bool(fa.get("cumulative")) != bool(
                fb.get("cumulative")):
            return None
        if ha < lb or hb < la:
            return "numeric", (f"{fa.get('category') or topic} ({fa.get('scope') or 'same'} "
                               f"scope) is {fa.get('best')} in one and {fb.get('best')} in the "
                               f"other")
        return None
    if facet == "amount":
        ranges = _ranges(a, b)
        ca, cb = fa.get("currency"), fb.get("currency")
        if ranges is None or not ca or not cb or fa.get("recipient") != fb.get("recipient") \
                or a.negated != b.negated:
            return None
        (la, ha), (lb, hb) = ranges
        if ca != cb:
            # "$200,000" and "R200,000": one figure in two currencies (no rate is assumed:
            # two different figures in two currencies are not compared)
            if _same_figure(fa, fb, la, lb):
                return "value", f"the same pay ({fa.get('best')}) is in {ca} in one and {cb} " \
                                f"in the other"
            return None
        if ha < lb or hb < la:
            return "numeric", f"the pay is {fa.get('best')} {ca} in one and {fb.get('best')} " \
                              f"{cb} in the other"
        return None
    if facet == "offer":
        if va and vb and va != vb:
            return "value", f"the work offered is {va} in one and {vb} in the other"
        return None
    if topic == "knew_deployment":
        ga, gb = _TOLD_GROUPS.get(str(va)), _TOLD_GROUPS.get(str(vb))
        if ga and gb and ga != gb:
            return "negation", (f"one says they were told or knew it was {va}, the other "
                                f"{vb}")
        return None
    if topic == "intent":
        if fa.get("several") or fb.get("several"):
            return None           # one of several men's wishes: whose, the sentence hides
        if (va == vb and a.negated != b.negated) or (va != vb and not a.negated
                                                     and not b.negated):
            said_a = ("not " if a.negated else "") + str(va)
            said_b = ("not " if b.negated else "") + str(vb)
            return "stance", f"the wish is {said_a} in one and {said_b} in the other"
        return None
    if topic == "official_position":
        values = {str(va), str(vb)}
        if len(values) == 1 or values == {"asserted", "acknowledged"}:
            return None           # the same position, or two that affirm the same fact
        said_a, said_b = str(va), str(vb)
        return "stance", f"the position is {said_a} in one and {said_b} in the other"
    if topic in _STANCE_TOPICS:
        if va != vb or a.negated != b.negated:
            said_a = ("not " if a.negated else "") + str(va)
            said_b = ("not " if b.negated else "") + str(vb)
            return "stance", f"the position is {said_a} in one and {said_b} in the other"
        return None
    if facet == "length":
        if a.negated != b.negated:
            return "negation", "one gives a length of training, the other says there was none"
        ranges = _ranges(a, b) if va is not None and vb is not None else None
        if ranges and (ranges[0][1] * 1.25 < ranges[1][0] or ranges[1][1] * 1.25 < ranges[0][0]):
            return "value", f"training lasted {va} days in one and {vb} days in the other"
        return None
    if facet in _ACTOR_FACETS:
        if facet == "carrier" and _CARRIER_FAMILY.get(str(va)) == _CARRIER_FAMILY.get(
                str(vb)) and "air" in (va, vb):
            return None           # "flew" and "a helicopter": the same flight
        if facet == "carrier" and {_CARRIER_FAMILY.get(str(va)), _CARRIER_FAMILY.get(
                str(vb))} == {"air", "road"}:
            return None           # a flight and a bus: a flight is one leg, with a road at
            #                       either end ("flew to Moscow", "a bus to Ryazan"); a
            #                       flight against a ship or a train is the same long leg
        if facet == "name" and fa.get("echelon") != fb.get("echelon"):
            return None           # a corps and a brigade: maybe one inside the other
        if va and vb and va != vb and not a.negated and not b.negated:
            return "actor", f"the {topic} {facet} is {va} in one and {vb} in the other"
        if va == vb and a.negated != b.negated:
            return "negation", f"one says the {topic} {facet} was {va}, the other denies it"
        return None
    if a.negated != b.negated and not (topic == "capture" and facet == "event"):
        # a prisoner's capture is no fact he denies: "did not surrender", "refused to be
        # taken" speak of how, not whether
        return "negation", f"one says yes about the {topic} ({facet}), the other no"
    return None


def account_conflict(a: Said, b: Said) -> AccountConflict | None:
    """How ``b`` conflicts with ``a`` (the earlier), or None when they agree or cannot be
    compared (other topic or facet, other scope, an update of a count)."""
    fa, fb = _f(a.claim), _f(b.claim)
    if (fa.get("topic"), fa.get("facet")) != (fb.get("topic"), fb.get("facet")):
        return None
    same_speaker = same_voice(a.speaker, b.speaker)
    topic, facet = fa.get("topic"), fa.get("facet")
    other_person = ""         # why the two may not speak of one fact ("" when they do)
    if topic == "official_position":
        if "interview" in (a.kind, b.kind):
            return None       # a prisoner's words in an interview are no official position
        if fa.get("history") or fb.get("history"):
            return None       # "denied, later acknowledged": it tells the change itself
        if fa.get("fact") and fb.get("fact") and fa.get("fact") != fb.get("fact"):
            return None       # a position on the men captured, another on troops sent
    if not same_speaker:
        if facet in _MENTION_FACETS:
            return None       # a bare mention: nothing says both speak of the same fact
        if topic == "official_position" and "unconfirmed" in (fa.get("value"), fb.get("value")):
            return None       # "no comment" is no position another speaker's contradicts
        if topic == "official_position" and "asserted" in (fa.get("value"), fb.get("value")) \
                and not ({a.kind, b.kind} <= {"statement"}):
            return None       # a figure in an article or an interview is no one's position
        if topic != "official_position" and "interview" in (a.kind, b.kind):
            if a.kind == b.kind:
                return None   # two witnesses, each speaking of himself: two persons' facts
            other_person = ("one is a witness's own account, the other another speaker's, "
                            "who may speak of another man or moment")
        elif (topic, facet) in _ONE_SPEAKER_FACETS | _PERSONAL_FACETS:
            other_person = ("two speakers, who may speak of another leg, another formation "
                            "or another of the men")     # unsure
        elif facet == "count" and not (fa.get("scope") and fb.get("scope")):
            other_person = ("two speakers' figures, one of no stated scope: they may count "
                            "two units")
    reports = same_speaker and one_interview(a, b)
    raw = _raw_conflict(a.claim, b.claim, verbatim=reports)
    if raw is None:
        return None
    kind, why = raw
    if kind == "temporal" and not same_speaker and "day" not in {
            str(fa.get("precision", "day")), str(fb.get("precision", "day"))}:
        return None           # two speakers' months or weeks: neither dates the event
    if kind == "negation" and (fa.get("several") or fb.get("several")):
        return None           # "one of them had no papers": which man, the sentence hides
    if kind == "negation" and topic != "official_position" and (
            fa.get("hedged") or fb.get("hedged")):
        return None           # "if", "may", "wants to": no assertion that it did or did not
    if kind == "numeric" and (same_speaker or (topic == "casualties" and one_estimate(a, b))):
        # an estimate that grew (losses only grow) is an update: ordered by the date the
        # figure is given for ("100 killed in December"), else when it was said
        when_a, when_b = as_of(a), as_of(b)
        if when_a and when_b and when_a != when_b:
            early, late = (fa, fb) if when_a < when_b else (fb, fa)
            if float(late.get("best") or 0) > float(early.get("best") or 0):
                return None
    confidence = _BASE_CONFIDENCE[kind]
    if reports:
        kind = "rendering"
        dated = next((s for s in (a, b) if s.interview_date and s.said_on), None)
        when = (f"of {dated.said_on.isoformat()}" if dated and dated.said_on else
                "(undated; published within two days of each other)")
        why = (f"{a.publisher or 'one outlet'} and {b.publisher or 'another'} report the same "
               f"interview {when} differently: {why}")
        confidence = _BASE_CONFIDENCE["rendering"]
    elif kind == "stance" and fa.get("topic") == "official_position" and not (
            same_speaker or (same_holder(a, b, same_speaker) and {
                fa.get("value"), fb.get("value")} == {"denied", "acknowledged"})):
        kind = "negation"
        why = f"{a.speaker or 'one side'} and {b.speaker or 'another'} disagree: {why}"
        confidence = _BASE_CONFIDENCE["negation"]
    elif kind == "temporal":
        publication = publication_hint(a, b)
        if publication:
            why += f"; {publication}"
    if "reported" in (fa.get("voice"), fb.get("voice")):
        confidence *= 0.9
    if other_person:
        confidence *= _OTHER_PERSON
        why += f"; {other_person}"
    if not same_speaker and kind in ("negation", "actor", "value"):
        confidence *= 0.9
    return AccountConflict(kind, round(confidence, 2), why[:1].upper() + why[1:] + ".")


def _place_words(quote: str) -> set[str]:
    return {place_key(w)[:4] for w in re.findall(r"[A-ZА-ЯІЇЄҐЁ][\w'’-]+", quote or "")}


def _same_place(a: Claim, b: Claim) -> bool:
    """Whether two places of an event may be one: the same first four letters of their keys
    (Donetsk, Донеччина; Kharkiv, Харьковская), or either named in the other's statement
    ("Bilohorivka, Donetsk Oblast" against "the Donetsk region")."""
    ka, kb = str(_f(a).get("value") or "")[:4], str(_f(b).get("value") or "")[:4]
    return ka == kb or ka in _place_words(b.quote) or kb in _place_words(a.quote)
