"""Acknowledgement timelines: when each actor denied a fact, when it first acknowledged it,
and every change of position in between.

A government that denied a deployment on D1 and confirmed it on D2 **changed its position**;
that is not a lie on D1 in this record (what was true on D1 is the verdicts' business), so
each position is kept with its own date and quote, and the timeline lists the changes.

Positions come from claims the extractor already makes: an official position read from a
statement (``testimony`` claims of topic ``official_position``: denied, acknowledged,
unconfirmed, asserted), a denial (a claim with ``framing`` denied, or negated), and an actor
asserting the fact. ``asserted`` and ``acknowledged`` both affirm the fact; a change is a move
between *denies*, *affirms* and *unconfirmed* (a repeat of the same stance is no change).

Examples
--------
>>> from datetime import date
>>> p = [Position("Kremlin", date(2024, 10, 24), "denied", "a fake", "claim:a"),
...      Position("Kremlin", date(2025, 4, 26), "acknowledged", "took part", "claim:b")]
>>> t = acknowledgement_timelines(p)[0]
>>> t.first_denial.on, t.first_acknowledgement.on, t.summary
(datetime.date(2024, 10, 24), datetime.date(2025, 4, 26), 'denied on 2024-10-24, affirmed on 2025-04-26')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from frontcheck.claims.actors import find_actors

__all__ = ["Position", "Change", "Timeline", "POLARITY", "acknowledgement_timelines",
           "subject_matches"]

#: What a stance says of the fact.
POLARITY = {"denied": "denies", "acknowledged": "affirms", "asserted": "affirms",
            "unconfirmed": "unconfirmed"}
_VERB = {"denies": "denied", "affirms": "affirmed", "unconfirmed": "did not confirm"}
_STOP = frozenset("the a an of to in on and or by for with at from its their his her about "
                  "that this was were is are be".split())
_WORD = re.compile(r"[^\W\d_]{3,}")
#: Letters of a word that must match (an English or Slavic stem: deploy/deployment,
#: Росси/России/Россия).
_STEM = 5


@dataclass(frozen=True, slots=True)
class Position:
    """One actor's stance on the fact on one date, with the quote and where it was read."""

    actor: str
    on: date
    stance: str            # denied, acknowledged, asserted, unconfirmed
    quote: str
    evidence: str          # claim:<id>
    publisher: str = ""
    source_id: int | None = None
    url: str = ""


@dataclass(frozen=True, slots=True)
class Change:
    on: date
    before: str            # polarity: denies, affirms, unconfirmed
    after: str
    quote: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Timeline:
    actor: str
    first_denial: Position | None
    first_acknowledgement: Position | None
    changes: tuple[Change, ...]
    positions: tuple[Position, ...]
    current: str            # polarity of the latest position
    summary: str            # "denied on D1, affirmed on D2"


def acknowledgement_timelines(positions: Sequence[Position]) -> list[Timeline]:
    """One timeline per actor, actors ordered by their first position, positions by date
    (then by evidence key, so that one day's statements keep a stable order)."""
    by_actor: dict[str, list[Position]] = {}
    for position in sorted(positions, key=lambda p: (p.on, p.evidence)):
        if position.stance in POLARITY and position.actor:
            by_actor.setdefault(position.actor, []).append(position)
    out = []
    for actor, held in by_actor.items():
        changes, runs = [], [held[0]]
        for before, after in pairwise(held):
            if POLARITY[after.stance] != POLARITY[before.stance]:
                changes.append(Change(after.on, POLARITY[before.stance], POLARITY[after.stance],
                                      after.quote, after.evidence))
                runs.append(after)
        summary = ", ".join(f"{_VERB[POLARITY[p.stance]]} on {p.on.isoformat()}" for p in runs)
        out.append(Timeline(
            actor, next((p for p in held if POLARITY[p.stance] == "denies"), None),
            next((p for p in held if POLARITY[p.stance] == "affirms"), None),
            tuple(changes), tuple(held), POLARITY[held[-1].stance], summary))
    return out


def _sides(text: str) -> set[str]:
    return {m.side for m in find_actors(text) if m.side in ("russia", "ukraine", "dprk")}


def subject_matches(subject: str, text: str, actor: str = "") -> bool:
    """Whether a claim (its quote, source text and actor) speaks of ``subject``: at least half
    of the subject's words (and one) are found, a word matching by its first letters
    (deployment ~ deployed) or, for a side (DPRK, North Korea, КНДР), by any words naming that
    side (the claim's actor, or the extractor's actor cues).

    >>> subject_matches("DPRK deployment", "reports of North Korean troops in Kursk")
    True
    >>> subject_matches("DPRK deployment", "Ukrainian troops left Vuhledar")
    False
    """
    words = [w for w in _WORD.findall(subject.casefold()) if w not in _STOP]
    if not words:
        return False
    folded = text.casefold()
    found_sides = _sides(text) | ({actor} if actor else set())
    hits = 0
    for word in words:
        sides = _sides(f"{word} troops") or ({word} if word in ("dprk", "russia", "ukraine")
                                              else set())
        if word[:_STEM] in folded or sides & found_sides:
            hits += 1
    return hits >= max(1, (len(words) + 1) // 2)
