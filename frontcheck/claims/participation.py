"""Participation claims from a read sentence: North Korean troops and named units (Storm
Corps, Wagner, "93rd Brigade") present where the sentence puts them, when it says they are
deployed, fighting, spotted, losing men, or acting; one claim per place named (or one with
no place)."""

from __future__ import annotations

from frontcheck.claims.actors import ActorMention, claimant_side
from frontcheck.claims.agents import actor_side
from frontcheck.claims.reading import SentenceReading, words_between
from frontcheck.claims.territorial import Draft, Located

__all__ = ["participation_drafts"]


def _participants(reading: SentenceReading, placed: bool) -> list[ActorMention]:
    """North Korean troops and named units in the sentence, one entry per force: a
    generic "North Korean troops" and "the Storm Corps" in one sentence are one force."""
    chosen = [a for a in reading.actors if a.side == "dprk" or a.unit
              or (a.side == "own" and reading.side(a) == "dprk")]
    if reading.named_claimant and claimant_side(reading.claimant) == "dprk" \
            and reading.claimant_span is not None and not chosen:
        # "КНДР визнала, що відправила війська": the state that says it sent them
        start, end = reading.claimant_span
        chosen = [ActorMention(start, end, "dprk")]
    elif not chosen and placed and reading.answer_turn and reading.speaker_side == "dprk":
        # a North Korean soldier's answer ("Near Korenevo, from December"): his force
        chosen = [ActorMention(reading.body_start, reading.body_start, "dprk")]
    merged: list[ActorMention] = []
    for actor in chosen:
        same = next((m for m in merged if m.side == actor.side == "dprk"
                     and not (m.unit and actor.unit and m.unit != actor.unit)), None)
        if same is None:
            merged.append(actor)
        elif actor.unit and not same.unit:
            merged[merged.index(same)] = ActorMention(same.start, same.end, same.side,
                                                      actor.unit)
    return merged


def participation_drafts(reading: SentenceReading, places: list[Located]) -> list[Draft]:
    """Participation claims of one sentence (see the module docstring)."""
    speaker_answer = reading.answer_turn and reading.speaker_side == "dprk" and places
    if not (reading.presence or reading.actions or reading.casualties or speaker_answer):
        return []
    drafts: list[Draft] = []
    where = [p for p in places if not p.region] or [p for p in places if p.region][:1]
    for actor in _participants(reading, bool(where)):
        side = actor_side(reading, actor)
        cues = reading.presence + reading.actions + reading.casualties
        # the state that denies is the force denied: "North Korea has dismissed reports
        # that its soldiers are fighting"
        own_denial = reading.claimant_span is not None and actor.start == reading.claimant_span[0]
        negated = any(d.end <= actor.start or own_denial for d in reading.denials) or any(
            n.end <= c.start and words_between(reading.text, n.end, c.start) <= 1
            for c in cues for n in reading.negations)
        fields = {"unit": actor.unit}
        spots: list[Located | None] = [*where] or [None]
        for located in spots:
            start = located.start if located is not None else actor.start
            drafts.append(Draft("participation", start * 1000 + actor.start % 1000, side,
                                "present", located.place if located is not None else None,
                                negated, fields))
    return drafts
