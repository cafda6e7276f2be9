"""What one sentence says, found once and shared by every kind of claim: its actors,
claimant, dates, counts, place names and cue words, with the side that "we" and "the
enemy" stand for.

Who asserts a sentence is decided here, in this order: a claimant named next to a word of
saying ("Russia's MoD said", "по данным Минобороны", "за даними Генштабу", "Генштаб ЗСУ:"),
or a unit doing the saying ("the 68th Brigade said", "повідомили в бригаді" for the unit
the sentence names), or a source heading its report ("ГУР: ..."), or an institution or a
capital ("заявили в ЗСУ", "У Москві заперечили"); a word of saying with no one named
("the ministry added") keeps the claimant named last in the text; a sentence that reports
nobody keeps that claimant too, since a report goes on in its source's voice ("Russia's MoD
claimed X. Y was also taken."); before anyone is named, the claimant is the text's own
(the channel, the speaker of a transcript).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache

from frontcheck.claims.actors import (
    ActorMention,
    ClaimantMention,
    claimant_side,
    find_actors,
    find_claimants,
    resolve_side,
)
from frontcheck.claims.cues import (
    ATTRIBUTION,
    CASUALTY,
    CLAIM_NOUN,
    DENIAL,
    HEDGE,
    NEGATION,
    PRESENCE,
    Cue,
    WordPattern,
    find_actions,
    find_cues,
)
from frontcheck.claims.dates import DateMention, find_dates
from frontcheck.claims.lexicon_cues import lexicon_actions
from frontcheck.claims.mentions import PlaceMention, find_place_mentions
from frontcheck.claims.numbers import CountMention, find_counts

__all__ = ["SentenceReading", "read_sentence", "LANGUAGE_SIDE"]

#: Whose "we" a text means when its claimant does not say: the side most texts in that
#: language speak for.
LANGUAGE_SIDE = {"uk": "ukraine", "ru": "russia", "en": ""}
_CLAIMANT_REACH = 70       # characters between a claimant and its word of saying
#: "ГУР: бійці ...", "Генштаб ВСУ: за минувшие сутки": a source heading its report.
_HEADING_COLON = re.compile(r"(?<=\w)[:：](?=\s)")
#: "the brigade said", "повідомили в бригаді": the unit the sentence has named says it.
_UNIT_REFERENCE = re.compile(
    r"(?<![\w-])(?:the\s+(?:brigade|corps|regiment|battalion|unit)|(?:в|у)\s+(?:бригад[іе]|"
    r"корпус[іе]|полку|батальйоні|батальоне|підрозділі|подразделении))(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class SentenceReading:
    """One sentence's findings, offsets relative to ``text``."""

    text: str
    offset: int                      # where ``text`` starts in the source
    body_start: int                  # after a speaker turn such as "A:"
    actors: list[ActorMention]      # less those inside the claimant's own name
    all_actors: list[ActorMention]  # including them ("the captured Russians said")
    claimant: str
    claimant_span: tuple[int, int] | None
    named_claimant: bool             # the sentence itself names who asserts it
    speaker_side: str
    dates: list[DateMention]
    counts: list[CountMention]
    places: list[PlaceMention]
    actions: list[Cue]
    negations: list[Cue]
    denials: list[Cue]
    presence: list[Cue]
    casualties: list[Cue]
    event_date: date | None
    date_precision: str
    answer_turn: bool
    excluded: list[tuple[int, int]] = field(default_factory=list)
    hedges: list[Cue] = field(default_factory=list)        # "allegedly", "якобы", "нібито"
    claim_nouns: list[Cue] = field(default_factory=list)   # "claims that", "заявления о"
    claimants: list[ClaimantMention] = field(default_factory=list)   # every one named

    def side(self, actor: ActorMention) -> str:
        """The concrete side of an actor mention ("enemy" made concrete). Where the speaker
        has no side (a wire report quoting an officer), "the enemy" is Russia's forces: the
        war's reports in English quote Ukrainian officers with it, Russian ones say "the
        Ukrainian forces"."""
        if actor.side == "enemy" and not self.speaker_side:
            return "russia"
        if actor.side == "theirs":
            # "Russian media reported that their troops took X": the side named before;
            # "Ukraine denied Russia's claims that its forces had seized X": the side named
            # after the speaker, whose claim it is
            after_speaker = self.claimant_span[1] if self.named_claimant and \
                self.claimant_span is not None else 0
            owners = [m.lastgroup for m in _OWNER_WORD.finditer(self.text, after_speaker,
                                                                actor.start)]
            if owners and (after_speaker or not self.named_claimant):
                return owners[-1] or ""
        return resolve_side(actor.side, self.speaker_side)


#: Who "their troops", "его бойцы" belong to when the sentence names no speaker.
_OWNER_WORD = re.compile(r"(?<!\w)(?:(?P<russia>russian|russia|moscow|kremlin|российск\w*|росси\w*|"
                         r"російськ\w*|росі\w*)|(?P<ukraine>ukrainian|ukraine|kyiv|украинск\w*|"
                         r"украин\w*|українськ\w*|україн\w*))(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _speaker_side(claimant: str) -> str:
    """The side a claimant speaks for: a known one's, or a unit's ("68 brigade")."""
    return claimant_side(claimant) or next(
        (a.side for a in find_actors(claimant) if a.side not in ("enemy", "own", "theirs")), "")


#: "Hanna Maliar, a deputy defence minister, declared": a title between commas keeps the
#: speaker next to the verb.
_APPOSITION = re.compile(r",\s+(?:a|an|the|its|his|her)\s[^,]{0,60},\s*$", re.IGNORECASE)


def _choose_claimant(text: str, claimants: list[ClaimantMention], units: list[ActorMention],
                     cues: list[Cue]) -> tuple[str, tuple[int, int] | None]:
    """The claimant named next to a word of saying, or ("", None)."""
    best: tuple[int, str, tuple[int, int]] | None = None
    named = [(m.start, m.end, m.claimant) for m in claimants]
    named += [(u.start, u.end, u.unit) for u in units if u.unit]
    unit = next((u.unit for u in units if u.unit), "")
    if unit:
        named += [(m.start(), m.end(), unit) for m in _UNIT_REFERENCE.finditer(text)]
    for start, end, name in named:
        for cue in cues:
            if cue.start >= end:
                distance = cue.start - end        # "X said", "X: ..."
                if (text[end:cue.start].count(",") > 1 and distance > 25
                        and not _APPOSITION.match(text, end, cue.start)):
                    continue
            elif cue.end <= start and cue.kind != "colon":
                distance = start - cue.end + 5    # "according to X", "said X"
            else:
                continue
            if distance <= _CLAIMANT_REACH and (best is None or distance < best[0]):
                best = (distance, name, (start, end))
    if best is None:
        return "", None
    return best[1], best[2]


# Telegram channels forward and re-post each other all day, and bulletins repeat their
# formulas: the same sentence is read again and again. Each scan below depends on the sentence
# alone (dates: on the publication day and half-day), so it is cached; tuples, so that no
# caller can change a cached answer.
_CACHE = 32768


@lru_cache(maxsize=_CACHE)
def _cues(kind: WordPattern, text: str) -> tuple[Cue, ...]:
    return tuple(find_cues(kind, text))


#: Typographic apostrophes as the ASCII one, for the actor and claimant patterns ("Russia’s
#: Defense Ministry" as "Russia's"): one character for one, so offsets hold.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
#: A country after a preposition is where, not who: "Russian troops in eastern Ukraine have
#: captured", "в Украине", "на території України".
_WHERE_COUNTRY = re.compile(
    r"(?:\b(?:in|inside|across|throughout|through|within|around|over|into|of|from)\s+(?:(?:the\s+)?(?:north|south|east|"
    r"west)(?:ern|-\w+)?\s+)?|(?<![\w])(?:в|во|на|по|из|у|з|із|до)\s+(?:\w+\s+)?)$",
    re.IGNORECASE)
_COUNTRY_WORD = re.compile(r"(?:ukraine|russia|україн\w*|украин\w*|росси\w*|росі\w*)$",
                           re.IGNORECASE)


#: "a Ukrainian military blog", "российский военный эксперт": a side's words describing
#: who speaks or writes, not a force that acts.
_SPEAKER_NOUN_AFTER = re.compile(
    r"\s+(?:blog\w*|milblog\w*|analyst\w*|expert\w*|observer\w*|commentator\w*|channel\w*|"
    r"project\w*|spokes\w+|source\w*|officials?|media|journalist\w*|correspondent\w*|"
    r"блог\w*|эксперт\w*|експерт\w*|аналитик\w*|аналітик\w*|обозревател\w*|оглядач\w*|"
    r"канал\w*|источник\w*|джерел\w*|представител\w*|представник\w*|спикер\w*|речник\w*|"
    r"корреспондент\w*|кореспондент\w*|журналист\w*|журналіст\w*)\b", re.IGNORECASE)


@lru_cache(maxsize=_CACHE)
def _actors(text: str) -> tuple[ActorMention, ...]:
    return tuple(a for a in find_actors(text.translate(_APOSTROPHES))
                 if not (_COUNTRY_WORD.match(text, a.start, a.end)
                         and _WHERE_COUNTRY.search(text, max(0, a.start - 30), a.start))
                 and not (not a.unit and _SPEAKER_NOUN_AFTER.match(text, a.end)))


@lru_cache(maxsize=_CACHE)
def _claimants(text: str) -> tuple[ClaimantMention, ...]:
    return tuple(find_claimants(text.translate(_APOSTROPHES)))


@lru_cache(maxsize=_CACHE)
def _counts(text: str) -> tuple[CountMention, ...]:
    return tuple(find_counts(text))


@lru_cache(maxsize=_CACHE)
def _actions(text: str) -> tuple[Cue, ...]:
    return tuple(find_actions(text, lexicon_actions(text)))


@lru_cache(maxsize=_CACHE)
def _dates(text: str, anchor: date, afternoon: bool) -> tuple[DateMention, ...]:
    # find_dates reads only the calendar day and whether it is past noon (see claims.dates)
    return tuple(find_dates(text, datetime.combine(anchor, time(13 if afternoon else 0))))


@lru_cache(maxsize=_CACHE)
def _places(text: str, excluded: tuple[tuple[int, int], ...], body_start: int
            ) -> tuple[PlaceMention, ...]:
    return tuple(find_place_mentions(text, list(excluded), body_start))


#: "can neither confirm nor deny", "не можемо ні спростувати, ні підтвердити": no denial.
_NEITHER = re.compile(
    r"neither\s+(?:confirm\w*\s+nor\s+den\w*|den\w*\s+nor\s+confirm\w*)|"
    r"ни\s+(?:подтверд\w*,?\s+ни\s+опроверг\w*|опроверг\w*,?\s+ни\s+подтверд\w*)|"
    r"ні\s+(?:підтверд\w*,?\s+ні\s+спростув\w*|спростув\w*,?\s+ні\s+підтверд\w*)",
    re.IGNORECASE)


def _denials(text: str) -> list[Cue]:
    neither = [m.span() for m in _NEITHER.finditer(text)]
    return [c for c in _cues(DENIAL, text)
            if not any(a <= c.start and c.end <= b for a, b in neither)]


def _publication(published_at: date | datetime) -> tuple[date, bool]:
    if isinstance(published_at, datetime):
        return published_at.date(), published_at.hour >= 12
    return published_at, False


def read_sentence(text: str, offset: int, *, published_at: date | datetime, claimant_before: str,
                  default_side: str, date_before: tuple[date | None, str],
                  answer_turn: bool, body_start: int = 0) -> SentenceReading:
    """Read one sentence. ``claimant_before`` is the claimant in force before it (the last
    one named, or the text's own), ``default_side`` the side "we" means when the claimant's
    side is unknown, ``date_before`` the event date in force (from an earlier sentence)."""
    cues = [*_cues(ATTRIBUTION, text), *_cues(DENIAL, text),
            *(Cue(m.start(), m.end(), "colon") for m in _HEADING_COLON.finditer(text, 0, 60))]
    # a claimant named where nothing is said asserts nothing here (and its words are no
    # place: "Минобороны", "General Staff" are no settlement names)
    claimants = list(_claimants(text)) if cues else []
    actors = list(_actors(text))
    name, span = _choose_claimant(text, claimants, actors, cues)
    if name == "MoD":
        side = _speaker_side(claimant_before) or default_side
        name = {"russia": "Russian MoD", "ukraine": "Ukrainian MoD"}.get(side, "")
        span = span if name else None
    all_actors = actors
    if span is not None:
        actors = [a for a in actors if a.end <= span[0] or a.start >= span[1]]
    claimant = name or claimant_before
    speaker = _speaker_side(claimant) or next(
        (a.side for a in all_actors if name and a.unit == name and a.side), "") or default_side
    dates = [d for d in _dates(text, *_publication(published_at))
             if not any(d.start < a.end and a.start < d.end for a in actors)]
    def cue_free(cues: Sequence[Cue]) -> list[Cue]:
        return [c for c in cues if span is None or c.end <= span[0] or c.start >= span[1]]

    # a claimant's words are no place even where nothing is said ("Силы обороны Юга")
    excluded = [(a.start, a.end) for a in actors] + [(c.start, c.end) for c in (
        claimants or _claimants(text))] + [(d.start, d.end) for d in dates]
    counts = [c for c in _counts(text)
              if not any(c.start < b and a < c.end for a, b in
                         [(d.start, d.end) for d in dates] + [(u.start, u.end) for u in actors
                                                             if u.unit])]
    places = list(_places(text, tuple(excluded), body_start))
    forces = any(a.side in ("dprk", "own") or a.unit for a in actors) or speaker == "dprk"
    if dates:
        event_date, precision = dates[0].on, dates[0].precision
    elif name and name != claimant_before:
        # another source speaking ("Ukraine's General Staff denied that") does not speak
        # of the day the last one named
        event_date, precision = None, "none"
    else:
        event_date, precision = date_before
    return SentenceReading(
        text=text, offset=offset, body_start=body_start, actors=actors,
        all_actors=all_actors, claimant=claimant,
        claimant_span=span, named_claimant=bool(name), speaker_side=speaker, dates=dates,
        counts=counts, places=places, actions=list(_actions(text)),
        negations=list(_cues(NEGATION, text)), denials=_denials(text),
        # presence matters only for North Korean troops and named units, casualty words only
        # for them and for counts: other sentences skip those scans
        presence=cue_free(_cues(PRESENCE, text)) if forces else [],
        casualties=cue_free(_cues(CASUALTY, text)) if forces or counts else [],
        event_date=event_date, date_precision=precision if event_date else "none",
        answer_turn=answer_turn, excluded=excluded, hedges=list(_cues(HEDGE, text)),
        claim_nouns=list(_cues(CLAIM_NOUN, text)), claimants=claimants)


_WORD = re.compile(r"\w+")


def words_between(text: str, start: int, end: int) -> int:
    """How many words lie between two offsets (0 when adjacent or reversed)."""
    return len(_WORD.findall(text[start:end])) if end > start else 0
