"""``extract_claims``: the atomic claims of a post, bulletin, article or transcript.

The text is split into sentences; questions (a "Q:" turn, a sentence ending in "?") and
refusals to comment are skipped, since they assert nothing, but an answer is read with its
question ("How long was your training? — A month"). Each sentence is read once (``reading``) and
handed to the four builders: territorial and participation (``territorial``), quantity,
attribute. The event date of a sentence is the first date it names, else the one in force
from an earlier sentence of the same text ("За минулу добу ... . На Покровському напрямку
..."), else none (precision ``none``); a new question, or a new source named, starts
afresh. The claimant follows the rules in ``reading``; a new source that denies without
naming what ("В ВСУ это опровергают.") denies the last sentence's claims.

Claim ids are stable: ``c-`` and the first 20 hex digits of the sha256 of the source key
(``s:<source id>``, or ``t:`` and the text's own sha256 when it has no id), the sentence's
character span, the claim type, and the offset that tells claims of one sentence apart.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date, datetime

from frontcheck.claims.absence import absence_drafts
from frontcheck.claims.actors import opposite
from frontcheck.claims.attributes import attribute_drafts
from frontcheck.claims.back_reference import claims_at_place_before
from frontcheck.claims.city_noun import city_noun_drafts, passive_after_drafts
from frontcheck.claims.cues import ANSWER_TURN, NO_COMMENT, QUESTION_TURN
from frontcheck.claims.dates import anchor_date
from frontcheck.claims.fight_sides import (
    defended_place_attacker,
    fight_side,
    without_repeats,
    without_repelled_fights,
)
from frontcheck.claims.implied_actor import with_implied_actors
from frontcheck.claims.model import Claim
from frontcheck.claims.participation import participation_drafts
from frontcheck.claims.place_model import model_drafts
from frontcheck.claims.placing import resolved_places
from frontcheck.claims.quantity import quantity_drafts
from frontcheck.claims.reading import LANGUAGE_SIDE, SentenceReading, read_sentence
from frontcheck.claims.resolver import FrontLine, PlaceResolver
from frontcheck.claims.sentences import LANGUAGES, detect_language, split_sentences
from frontcheck.claims.stance import default_side as stance_side
from frontcheck.claims.territorial import (
    Draft,
    back_to_place,
    territorial_drafts,
)

__all__ = ["extract_claims", "claim_id", "source_key", "MAX_TEXT_CHARS", "denied_before",
           "forces_side", "reading_language", "dated_by_dataset"]

#: Longer texts are read up to this many characters (a post or a transcript is far less).
MAX_TEXT_CHARS = 200_000
_QUOTE_CHARS = 500


def source_key(text: str, source_id: int | None = None) -> str:
    """What claim ids hash for their source: the stored source's id, else the text itself."""
    if source_id is not None:
        return f"s:{source_id}"
    return "t:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def claim_id(key: str, span: tuple[int, int], claim_type: str, offset: int) -> str:
    """``c-`` + 20 hex digits of sha256(source key, span, type, offset)."""
    raw = f"{key}|{span[0]}|{span[1]}|{claim_type}|{offset}"
    return "c-" + hashlib.sha256(raw.encode()).hexdigest()[:20]


def denied_before(drafts: list[Draft], reading: SentenceReading) -> list[Draft]:
    """"Russia claimed X was taken. Ukraine denied this.": a new source denying without
    naming the claim denies the last sentence's claims of ground and presence."""
    return [Draft(d.type, d.key + 1, d.actor, d.action, d.place, True, d.fields, "denied")
            for d in drafts if d.action != "fighting_in" and not d.negated]


#: What a denial that names no claim of its own denies: someone's statement, or "this"
#: ("Чергову маячню противника спростували", "спростовують заяву країни-агресора",
#: "Ukraine's military refutes these reports").
_SAID_OBJECT = re.compile(r"(?<![\w-])(?:заяв\w*|маячн\w*|інформаці\w*|информаци\w*|"
                          r"повідомленн\w*|сообщени\w*|твердженн\w*|утверждени\w*|чутк\w*|"
                          r"слух\w*|фейк\w*|вкид\w*|вброс\w*|claims?|reports?|statements?|"
                          r"this|these|that|it|це|цю|ці|это|эти|эту|этого)(?![\w-])",
                          re.IGNORECASE)


def denies_what_was_said(reading: SentenceReading) -> bool:
    """Whether a sentence's denial is of something said before: its denial word has a
    statement or a pronoun within a few words after or before it."""
    text = reading.text
    return any(_SAID_OBJECT.search(text, max(0, d.start - 40), min(len(text), d.end + 40))
               for d in reading.denials)


#: A subject that only points back: "They also recaptured ...", "вони захопили", "its forces".
_BACK_SUBJECT = re.compile(r"(?<![\w-])(?:they|their\s+(?:forces|troops|units)|its\s+(?:forces|troops|"
                           r"units)|вони|они|їхні|их\s+(?:войска|подразделения))(?![\w-])",
                           re.IGNORECASE)


def carried_actor(drafts: list[Draft], reading: SentenceReading, side_before: str) -> list[Draft]:
    """A territorial claim with no side whose subject only points back ("the Ukrainian
    Armed Forces regained ... . They also recaptured X"): the side of the forces the
    sentence before was about."""
    if not side_before or not any(d.type == "territorial" and not d.actor for d in drafts) \
            or not _BACK_SUBJECT.search(reading.text):
        return drafts
    return [replace(d, actor=side_before) if d.type == "territorial" and not d.actor
            and d.action != "fighting_in" else d for d in drafts]


def repelled_after(drafts_before: list[Draft], reading: SentenceReading) -> list[Draft]:
    """"... attacks near Toretsk. Ukrainian servicemen repelled all enemy attacks.": a
    sentence that beats attacks off without naming a place does it where the sentence
    before put the fighting."""
    if reading.places or not any(a.kind == "repelled" for a in reading.actions) \
            or any(n for n in reading.negations):
        return []
    fought = [d for d in drafts_before if d.type == "territorial" and d.action == "fighting_in"
              and d.place is not None and not d.negated]
    sides = [reading.side(a) for a in reading.actors if reading.side(a)]
    return [Draft("territorial", 500_000 + i, opposite(d.actor) or (sides or [""])[0]
                  or reading.speaker_side, "repelled", d.place, False, {})
            for i, d in enumerate(fought)]


def fighting_after(drafts_before: list[Draft], reading: SentenceReading) -> list[Draft]:
    """"Russian forces entered Siversk. Fighting is under way in the town.", "... denied
    this claim, saying the battle for the settlement goes on": a fight put back at the place
    the sentence before named, by the side that sentence said moved on it."""
    if reading.places or reading.negations:
        return []
    cue = next((a for a in reading.actions if a.kind == "fighting_in"
                and back_to_place(reading.text, a)), None)
    named = [d for d in drafts_before if d.type == "territorial" and d.place is not None]
    if cue is None or not named or any(d.action == "fighting_in" and d.place == named[-1].place
                                       for d in named):
        return []
    return [Draft("territorial", 600_000 + cue.start, named[-1].actor, "fighting_in",
                  named[-1].place, False, {})]


def forces_side(reading: SentenceReading) -> str:
    """The side of the forces a sentence is about, for "they" in the next one ("The NIS
    said the troops had been trained"): the last sided force named outside the claimant."""
    sides = [reading.side(a) for a in reading.actors if reading.side(a)]
    return sides[-1] if sides else ""


def dated_by_dataset(claims: list[Claim], event_date: date, precision: str) -> list[Claim]:
    """Claims of a dataset row (an ACLED event) dated as the row dates its event: a claim
    with no date of its own, or the row's date, takes the row's date and precision (a
    week-precise event is not verified as a day-precise one).

    >>> [c.date_precision for c in dated_by_dataset([Claim("a", "territorial")],
    ...                                              date(2024, 12, 6), "week")]
    ['week']
    """
    return [replace(c, event_date=event_date, date_precision=precision)
            if c.event_date is None or c.event_date == event_date else c for c in claims]


def reading_language(text: str, lang: str | None = None) -> str:
    """The language a text is read in: ``lang`` when given, else detected; claims are
    extracted only when it is en, ru or uk."""
    return lang or detect_language(text if isinstance(text, str) else "")


def extract_claims(text: str, *, published_at: date | datetime, lang: str | None = None,
                   resolve_place: PlaceResolver | None = None, claimant_default: str = "",
                   source_id: int | None = None, front: FrontLine | None = None) -> list[Claim]:
    """The claims in ``text``, in order of appearance; never raises on odd text.

    ``published_at`` anchors relative dates ("yesterday", "за минулу добу") and is each
    claim's ``claim_date``. ``lang`` is detected when not given. ``resolve_place`` names the
    settlements (``resolver.index_resolver`` over the gazetteer; without one only places
    announced by "village of", "населённый пункт" are kept, unresolved). ``claimant_default``
    is who asserts what the text itself does not attribute (the channel, the speaker).
    ``front``, the front line on the publication date (``resolver.front_line_of``), settles a
    place name the text leaves ambiguous: of several villages of that name, the one on it.

    Examples
    --------
    >>> from datetime import datetime
    >>> [(c.type, c.actor, c.action, c.place.mention, c.event_date.isoformat(), c.claimant)
    ...  for c in extract_claims("Вчера подразделения группировки войск «Центр» освободили "
    ...                          "населённый пункт Новогродовка.",
    ...                          published_at=datetime(2024, 9, 15, 12, 0),
    ...                          claimant_default="Russian MoD")]
    [('territorial', 'russia', 'liberated', 'Новогродовка', '2024-09-14', 'Russian MoD')]
    """
    if not isinstance(text, str) or not text.strip():
        return []
    text = text[:MAX_TEXT_CHARS]
    lang = reading_language(text, lang)
    if lang not in LANGUAGES:
        return []    # a language frontcheck does not read: nothing guessed (see language_of)
    default_side = stance_side(claimant_default, text, LANGUAGE_SIDE.get(lang, ""))
    key = source_key(text, source_id)
    claim_date = anchor_date(published_at)
    claimant = claimant_default
    date_before: tuple[date | None, str] = (None, "none")
    answer_turn = False
    question = ""
    drafts_before: list[Draft] = []
    named_before: list[str] = []
    oblast_before: str | None = None     # the oblast the text named last, alone in its sentence
    topic_side = ""
    text_sides: list[str] = []
    claims: list[Claim] = []
    readings: list[SentenceReading] = []
    unsided: list[tuple[int, int]] = []     # (claim index, reading index) of sideless fights
    for sentence in split_sentences(text, lang):
        body = sentence.text
        if QUESTION_TURN.match(body):
            answer_turn = False
            question = body     # what the answer replies to ("How long were you trained?")
            date_before = (None, "none")     # each answer speaks of its own time
            continue
        turn = ANSWER_TURN.match(body)
        if turn:
            answer_turn = True
        if body.rstrip().endswith("?") or NO_COMMENT.search(body, 0, 80):
            continue     # a question, or a refusal to comment on what follows, asserts nothing
        reading = read_sentence(body, sentence.start, published_at=published_at,
                                claimant_before=claimant, default_side=default_side,
                                date_before=date_before, answer_turn=answer_turn,
                                body_start=turn.end() if turn else 0)
        readings.append(reading)
        new_voice = reading.claimant != claimant
        claimant = reading.claimant
        date_before = (reading.event_date, reading.date_precision)
        places = resolved_places(reading, resolve_place, named_before, front, oblast_before)
        named_oblasts = {m.oblast for m in reading.places if m.kind == "region" and m.oblast}
        oblast_before = named_oblasts.pop() if len(named_oblasts) == 1 else oblast_before
        named_before = (named_before + [p.place.mention for p in places if p.place.id])[-6:]
        drafts: list[Draft] = (territorial_drafts(reading, places)
                               + participation_drafts(reading, places))
        drafts += absence_drafts(reading, places, drafts)
        drafts += city_noun_drafts(reading, places, drafts)
        drafts += passive_after_drafts(reading, places, drafts)
        drafts = carried_actor(drafts, reading, topic_side)
        text_sides += [reading.side(a) for a in reading.actors if reading.side(a)]
        drafts = with_implied_actors(drafts, drafts_before, text_sides)
        if places and not drafts:     # the rules silent: no claim of ground or presence
            drafts += model_drafts(reading, places, text_sides)
        own_ground = any(d.type == "territorial" for d in drafts)
        if reading.denials and not any(d.negated for d in drafts) and (
                new_voice or (not own_ground and denies_what_was_said(reading))):
            drafts += denied_before(drafts_before, reading)
        # "Trehubov denied this claim, confirming that the battle for the settlement is
        # ongoing": the denial of the claim before, and the fight it says goes on
        if drafts_before and not own_ground:
            drafts += repelled_after(drafts_before, reading) or fighting_after(drafts_before,
                                                                               reading)
            # "Russia captured a district of X. Ukrainian forces retreated.": a second claim
            drafts += claims_at_place_before(drafts_before, reading)
        drafts_before = [d for d in drafts if d.type in ("territorial", "participation")]
        drafts += quantity_drafts(reading) + attribute_drafts(
            reading, question if turn else "", topic_side)
        topic_side = forces_side(reading) or topic_side
        span = (sentence.start, sentence.end)
        for draft in drafts:
            if draft.type == "territorial" and draft.action == "fighting_in" and not draft.actor:
                unsided.append((len(claims), len(readings) - 1))
            fields = dict(draft.fields or {})
            if draft.framing != "asserted":
                fields["framing"] = draft.framing
            claims.append(Claim(
                id=claim_id(key, span, draft.type, draft.key), type=draft.type,
                source_id=source_id, span=span, quote=body[:_QUOTE_CHARS],
                claimant=draft.claimant or reading.claimant, actor=draft.actor,
                action=draft.action, place=draft.place, claim_date=claim_date,
                event_date=draft.when[0] if draft.when else reading.event_date,
                date_precision=draft.when[1] if draft.when else reading.date_precision,
                negated=draft.negated, fields=fields))
    for at, i in unsided:
        side = fight_side(readings, i) or defended_place_attacker(claims[at], readings[i])
        if side:
            claims[at] = replace(claims[at], actor=side)
    return without_repeats(without_repelled_fights(claims))
