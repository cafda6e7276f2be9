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
from datetime import date, datetime

from frontcheck.claims.dates import anchor_date
from frontcheck.claims.model import Claim
from frontcheck.claims.testimony_lexicon import lexicon_topics
from frontcheck.claims.testimony_reading import (
    StatementReader,
    TopicClaim,
    duration_days,
    gesture_answer,
    hedged,
    is_question,
    place_key,
    sentences,
    spoken_answer,
    yes_no_only,
)
from frontcheck.claims.testimony_topics import (
    read_arrival,
    read_capture,
    read_casualties,
    read_family,
    read_intent,
    read_knew,
    read_offer,
    read_official,
    read_pay,
    read_resistance,
    read_suicide,
    read_training,
    read_transport,
    read_unit,
)

__all__ = ["TOPICS", "TopicClaim", "read_testimony", "topic_claims", "place_key",
           "CLAIM_TYPE", "duration_days"]

#: The claim type of what this reader finds (kept apart from the four the F1 sets score).
CLAIM_TYPE = "testimony"

#: The words that make a reported question one ("asked whether …"): no hedge of its answer.
_ASKED = re.compile(r"(?<![\w])(?:whether|if|ли|чи)(?![\w])", re.IGNORECASE)

TOPICS = ("knew_deployment", "training", "transport", "arrival", "unit", "capture",
          "casualties", "pay", "family_contact", "intent", "suicide_orders",
          "official_position")


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
    question = ""
    for start, sentence in sentences(text):
        if not sentence.strip():
            continue
        if is_question(sentence):
            question = sentence       # asked: its answer may be the next sentence
            continue
        r = StatementReader(sentence, start, anchor)
        asked, question = question, ""
        gesture = gesture_answer(sentence)     # the question is in the sentence itself
        answer = spoken_answer(asked, sentence) if gesture is None and asked else None
        if gesture is not None:
            # "Asked whether he wants to go home, he said no": the "whether" is the
            # question's; the answer is no hedge
            r.hedged = hedged(_ASKED.sub(" ", sentence.replace(gesture[0], " ")))
            _read_answer(r, *gesture)
        elif answer is not None:
            if not yes_no_only(sentence):
                _read_sentence(r)               # "No, I want to stay.": its own words too
            _read_answer(r, *answer)
        else:
            _read_sentence(r)
        found.extend(r.found)
    return found


def _read_sentence(r: StatementReader) -> None:
    for read in (read_capture, read_resistance, read_knew, read_offer, read_training,
                 read_transport, read_arrival, read_unit, read_casualties, read_pay,
                 read_suicide, read_official):
        read(r)
    read_family(r)
    read_intent(r)
    _add_lexicon_topics(r)


def _read_answer(r: StatementReader, question: str, answered_no: bool | None) -> None:
    """A question answered yes or no (a gesture, or "No." after "Do you want to go
    home?"): the question's words decide the topic, the answer its polarity; an answer of
    no clear polarity speaks of the question's topics without a value."""
    read_topics = {c.topic for c in r.found}
    if answered_no is not None and not read_topics & {"family_contact", "intent",
                                                      "knew_deployment"} and not (
            read_family(r, question, answered_no) or read_intent(r, question, answered_no)):
        read_knew(r, question, answered_no)
    _add_lexicon_topics(r, question)


def _add_lexicon_topics(r: StatementReader, text: str = "") -> None:
    """The topics the sentence's words speak of (``testimony_lexicon``) that no typed reader
    gave a value for: a claim of facet ``topic`` (no value), so that the witness labels see
    the topic; such claims are never compared. Training the men were *told* of is the cover
    story of the deployment, not training received."""
    read = {c.topic for c in r.found}
    cover = any(c.topic == "knew_deployment" and c.value == "training" for c in r.found)
    for topic in lexicon_topics(text or r.text):
        if topic in read or (topic == "training" and cover):
            continue
        if topic == "knew_deployment" and "family_contact" in read:
            continue      # "his parents do not know where he is": the family's knowledge
        r.add(topic, "topic", None, False)


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
