"""A noun of taking whose object is "the town" the sentence has named: "Українські
захисники стримують штурми біля Часового Яру, спростовуючи заяви Кремля про "захоплення"
міста", "denied reports of the capture of the city".

The place takes the action word nearest it (here the repelled attacks), so ``territorial``
reads one claim; the noun after it, with "міста" / "города" / "of the town" for its object,
speaks of that same place again and makes a claim of its own (here the capture the Kremlin
claimed, reported and denied). Its framing and actor are read as ``territorial`` reads them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from frontcheck.claims.agents import default_actor, possessive_side
from frontcheck.claims.cues import Cue
from frontcheck.claims.framing import NOMINAL, framing_of, reported_claimant
from frontcheck.claims.reading import SentenceReading, words_between
from frontcheck.claims.territorial import Draft, Located

__all__ = ["city_noun_drafts", "passive_after_drafts"]

_GAINS = frozenset(("captured", "liberated", "recaptured", "advanced"))
#: The place spoken of again as the object of the noun: "захоплення" міста, взятие города.
_CITY_AFTER = re.compile(
    r"[\s\"'«»“”„]*(?:міста|города|села|селища|населеного\s+пункту|населенного\s+пункта|"
    r"населённого\s+пункта|посёлка|поселка|of\s+the\s+(?:town|city|village|settlement))"
    r"(?![\w-])", re.IGNORECASE)


#: "заяви Кремля про", "claims by Moscow of", "заявления Минобороны России о": the claimant
#: whose claim the noun after it is.
_ABOUT = re.compile(r"\s*(?:про|о|об|щодо|относительно|of|about|that)\s*[\"'«“„]?\s*$",
                    re.IGNORECASE)


def _claim_maker(reading: SentenceReading, cue: Cue) -> str:
    """The side of a claimant named just before "about" the noun of taking: nobody claims
    the other side's gains."""
    makers = [m for m in reading.claimants if m.side and m.end <= cue.start
              and _ABOUT.match(reading.text[m.end:cue.start])]
    return makers[-1].side if makers else ""


#: "контроль російських окупантів над містом", "control of the town": control of the town
#: named before, by the force named right after the word.
_CONTROL_OVER_TOWN = re.compile(
    r"(?<![\w-])(?:контрол\w*(?:\s+[\w'’-]+){0,3}?\s+над\s+(?:містом|городом|селом|"
    r"селищем|населеним\s+пунктом|населенным\s+пунктом)|control(?:\s+[\w'’-]+){0,3}?\s+"
    r"(?:of|over)\s+the\s+(?:town|city|village|settlement))(?![\w-])", re.IGNORECASE)


def city_noun_drafts(reading: SentenceReading, places: Sequence[Located],
                     drafts: Sequence[Draft]) -> list[Draft]:
    """Claims of a noun of taking whose object is "the town", at the last settlement named
    before it, when the sentence has made no gain claim there yet."""
    text = reading.text
    out: list[Draft] = []
    gained = {d.place.id or d.place.mention for d in drafts
              if d.place is not None and d.action in _GAINS}
    # the word "контроль" / "control" alone: the force named right after it holds the town
    controls = [Cue(m.start(), m.start() + len(m.group().split()[0]), "captured")
                for m in _CONTROL_OVER_TOWN.finditer(text)]
    for cue in [*reading.actions, *controls]:
        control = cue in controls
        if not control and (cue.kind not in _GAINS or not NOMINAL.search(
                text[cue.start:cue.end]) or not _CITY_AFTER.match(text, cue.end)):
            continue
        before = [p for p in places if p.end <= cue.start and not p.region and p.place.id]
        if not before or (before[-1].place.id or before[-1].place.mention) in gained:
            continue
        place = before[-1].place
        framing = framing_of(reading, cue)
        if control and framing == "asserted" and any(d.start >= cue.end for d in reading.denials) \
                and any(n.end <= cue.start for n in reading.claim_nouns):
            framing = "reported+denied"     # "чутки про контроль X над містом є неправдивими"
        negated = framing in ("denied", "reported+denied")
        holder = [reading.side(a) for a in reading.all_actors if control and a.start >= cue.end
                  and words_between(text, cue.end, a.start) <= 2 and reading.side(a)]
        actor = (holder[0] if holder else "") or possessive_side(reading, cue) or _claim_maker(
            reading, cue) or default_actor(reading, cue, negated, framing)
        fields = {"cue": "the town named before"}
        key = 800_000 + cue.start
        if framing == "reported+denied":
            out.append(Draft("territorial", -key, actor, cue.kind, place, False, fields,
                             "reported", reported_claimant(reading, actor, True)))
            out.append(Draft("territorial", key, actor, cue.kind, place, True, fields, "denied"))
        elif framing == "reported":
            out.append(Draft("territorial", key, actor, cue.kind, place, False, fields,
                             "reported", reported_claimant(reading, actor, False)))
        else:
            out.append(Draft("territorial", key, actor, cue.kind, place, negated, fields,
                             framing))
        gained.add(place.id or place.mention)
    return out


#: "Filia, briefly occupied by Russian troops", "Sudzha, ... that has been overrun by
#: Ukrainian forces since August": a passive of taking told of a place just named.
_AGENT_AFTER = re.compile(r"\s*(?:by|силами|войсками|військами|подразделениями|підрозділами)\s",
                          re.IGNORECASE)
_BETWEEN = re.compile(r"^[^.;:!?]{0,80}$")


def passive_after_drafts(reading: SentenceReading, places: Sequence[Located],
                         drafts: Sequence[Draft]) -> list[Draft]:
    """The earlier taking a passive with its agent tells of a place the sentence has already
    claimed by another word ("have regained control of Filia, briefly occupied by Russian
    troops"): the agent's gain there, a claim of its own."""
    text = reading.text
    out: list[Draft] = []
    for cue in reading.actions:
        if cue.kind not in ("captured", "recaptured") or not _AGENT_AFTER.match(text, cue.end):
            continue
        before = [p for p in places if p.end <= cue.start and not p.region and p.place.id
                  and _BETWEEN.match(text[p.end:cue.start])]
        if not before or any(p.start > before[-1].end and p.end <= cue.start and not p.region
                             for p in places):
            continue
        place = before[-1].place
        claimed = [d for d in drafts if d.place is not None and d.place.id == place.id
                   and d.type == "territorial"]
        agent = [a for a in reading.all_actors if a.start >= cue.end
                 and a.start - cue.end <= 12 and reading.side(a)]
        if not claimed or not agent or any(d.actor == reading.side(agent[0])
                                           and d.action in _GAINS for d in claimed):
            continue
        out.append(Draft("territorial", 850_000 + cue.start, reading.side(agent[0]), "captured",
                         place, False, {"cue": "passive of the place named before"}))
    return out
