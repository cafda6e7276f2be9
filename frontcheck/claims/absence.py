"""Presence denied: "Росіян в Степногірську немає", "российских оккупантов в Рыжевке нет",
"there are no Russian troops in Kupiansk" deny that the side has got into the place.

Such a sentence has no action word, so ``territorial`` reads no claim from it; yet it is the
commonest way a commander denies the other side's claim (issue 10, framing). It is a denied
``advanced`` (presence in a place is partial control at least) by the side said to be absent,
``negated`` and framed ``denied``, claimant the sentence's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from frontcheck.claims.reading import SentenceReading
from frontcheck.claims.territorial import Draft, Located

__all__ = ["absence_drafts"]

#: The word that says nobody is there: "нет", "немає", "нема", "no ... in", "not present".
_NOBODY = re.compile(r"(?<![\w-])(?:нет|немає|нема|відсутн\w*|отсутству\w*)(?![\w-])|"
                     r"\b(?:there\s+(?:are|is|were|was)\s+no|no)\s+(?=\w+\s+(?:troops|forces|"
                     r"soldiers|units)\b|(?:russian|ukrainian)\b)|"
                     r"\b(?:are|were)\s+not\s+(?:present|there)\b", re.IGNORECASE)
#: A clause ends at these (a new clause may say something else of the place).
_BREAK = re.compile(r"[.;:!?]|,\s*(?:но|а|однако|але|проте|однак|but|however|while|where|где|"
                    r"де)\b", re.IGNORECASE)
_REACH = 60


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _BREAK.finditer(text, max(0, start - _REACH * 2), start)]
    after = _BREAK.search(text, end)
    return (before[-1] if before else 0, after.start() if after else len(text))


def absence_drafts(reading: SentenceReading, places: list[Located],
                   drafts: Sequence[Draft] = ()) -> list[Draft]:
    """A denied presence of a side in each settlement whose clause says the side is not
    there and holds no action word (that clause is read by ``territorial`` already), and of
    which the sentence's ``drafts`` claim nothing yet."""
    text = reading.text
    out: list[Draft] = []
    claimed = {d.place.id or d.place.mention for d in drafts if d.place is not None}
    for located in places:
        if located.region or (located.place.id or located.place.mention) in claimed:
            continue
        start, end = _clause(text, located.start, located.end)
        if any(start <= a.start < end for a in reading.actions):
            continue
        nobody = _NOBODY.search(text, start, end)
        if nobody is None:
            continue
        sides = {reading.side(a) for a in reading.all_actors
                 if start <= a.start and a.end <= end and reading.side(a)}
        if len(sides) != 1:
            continue
        side = sides.pop()
        out.append(Draft("territorial", located.start, side, "advanced", located.place, True,
                         {}, "denied"))
    return out
