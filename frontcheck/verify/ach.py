"""Analysis of competing hypotheses (Heuer): the matrix, weighted inconsistency, diagnosticity
and sensitivity, computed from evidence items whose weights come from live grades and verdicts.

Heuer's rule is to count **inconsistency**, not consistency: a hypothesis is weakened by the
evidence against it, while evidence "for" it is usually consistent with the others too. Each
item is rated against each hypothesis CC (very consistent), C, N (neutral or not applicable),
I (inconsistent) or II (very inconsistent); the score of a hypothesis is the sum, over the
items, of the item's weight times 1 for I and 2 for II. The lower the score, the stronger the
hypothesis; the ranking orders them by score.

An item's **weight** is the product of three factors, each in (0, 1]:

- reliability of the source: the Admiralty letter the user gave the publisher and the empirical
  grade of its track record (``verify.track_record``), averaged when both can be judged, the one
  that can be judged otherwise, 0.5 when neither (F): A 1.0, B 0.8, C 0.6, D 0.4, E 0.2;
- credibility of the item: Admiralty 1 1.0, 2 0.8, 3 0.6, 4 0.4, 5 0.2, 6 (cannot be judged) 0.5;
- the claim's verdict against the map: corroborated 1.0, stale 0.9, no_change 0.8, premature
  0.5, contradicted 0.1; a claim the map cannot test (any other verdict, or a claim that is not
  territorial) 0.7 — evidence nobody could check counts less than evidence that was checked.

**Diagnosticity** of an item is how much its ratings differ between hypotheses: the spread of
its ratings on the scale II −2, I −1, N 0, C +1, CC +2, divided by 4 (0: the same rating for
every hypothesis, useless for choosing; 1: CC for one and II for another).

**Sensitivity** (Heuer's step 6): the items on which the ranking hangs — removing the item, or
its verdict turning the other way (a checked claim found false, a false one found true),
would change the order of the hypotheses.

Examples
--------
>>> h = ("elite", "conscripts")
>>> items = [EvidenceItem("e1", {"elite": "I", "conscripts": "C"}, "B", "2", "F", "corroborated"),
...          EvidenceItem("e2", {"elite": "C", "conscripts": "II"}, "F", "6", "F", "unchecked")]
>>> m = ach_matrix(h, items)
>>> [(s.hypothesis, s.weighted_inconsistency) for s in m.scores]
[('elite', 0.64), ('conscripts', 0.35)]
>>> m.ranking
('conscripts', 'elite')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from frontcheck.errors import InputError

RATINGS = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
INCONSISTENCY = {"I": 1, "II": 2}
RELIABILITY_FACTOR = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2}
CREDIBILITY_FACTOR = {"1": 1.0, "2": 0.8, "3": 0.6, "4": 0.4, "5": 0.2, "6": 0.5}
#: What a grade that cannot be judged (F) counts for.
UNJUDGED_RELIABILITY = 0.5
VERDICT_FACTOR = {"corroborated": 1.0, "stale": 0.9, "no_change": 0.8, "premature": 0.5,
                  "contradicted": 0.1}
UNTESTED_FACTOR = 0.7
#: Verdicts that say the claim was true (their opposite is contradicted) — used by sensitivity.
TRUE_VERDICTS = ("corroborated", "stale", "no_change")
#: Scores closer than this are a tie (floating sums of weights).
TIE = 1e-9

__all__ = ["RATINGS", "EvidenceItem", "ItemRow", "HypothesisScore", "AchMatrix", "parse_ratings",
           "evidence_weight", "diagnosticity", "ach_matrix", "ranking_of"]


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One evidence item as the core sees it: its key (e.g. ``claim:c-1``), its rating per
    hypothesis label, the source's Admiralty reliability and credibility, the empirical grade
    of its track record (F when it cannot be judged) and the claim's verdict."""

    key: str
    ratings: Mapping[str, str]
    reliability: str = "F"
    credibility: str = "6"
    empirical_grade: str = "F"
    verdict: str = "unchecked"


@dataclass(frozen=True, slots=True)
class ItemRow:
    key: str
    weight: float
    reliability_factor: float
    credibility_factor: float
    verdict_factor: float
    diagnosticity: float
    ratings: dict[str, str]


@dataclass(frozen=True, slots=True)
class HypothesisScore:
    hypothesis: str
    weighted_inconsistency: float   # lower is stronger
    inconsistent_items: int          # items rated I or II
    rank: int                        # 1 = strongest; ties share a rank


@dataclass(frozen=True, slots=True)
class AchMatrix:
    hypotheses: tuple[str, ...]
    items: tuple[ItemRow, ...]
    scores: tuple[HypothesisScore, ...]
    ranking: tuple[str, ...]
    #: item key → what about it would change the ranking: "removal", "verdict"
    sensitive: dict[str, tuple[str, ...]]


def parse_ratings(text: str, hypotheses: Sequence[str], name: str = "--rate") -> dict[str, str]:
    """``H1=CC,H2=I`` → {hypothesis label: rating}; a hypothesis is named by its label or by
    ``H<n>`` (its place, from 1). Hypotheses not rated are N. ``InputError`` on anything else.

    >>> parse_ratings("H1=cc, conscripts=I", ["elite", "conscripts"])
    {'elite': 'CC', 'conscripts': 'I'}
    """
    out = {h: "N" for h in hypotheses}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        key, sep, value = part.partition("=")
        rating = value.strip().upper()
        if not sep or rating not in RATINGS:
            raise InputError(None, f"{part!r}: give HYPOTHESIS=RATING with a rating of "
                                   f"{', '.join(RATINGS)}", field=name)
        out[_hypothesis(key.strip(), hypotheses, name)] = rating
    return out


def _hypothesis(key: str, hypotheses: Sequence[str], name: str) -> str:
    if key.upper().startswith("H") and key[1:].isdigit() and 1 <= int(key[1:]) <= len(hypotheses):
        return hypotheses[int(key[1:]) - 1]
    if key in hypotheses:
        return key
    raise InputError(None, f"{key!r} is no hypothesis of this analysis (H1..H{len(hypotheses)} "
                           "or a hypothesis's text)", field=name)


def _reliability(admiralty: str, empirical: str) -> float:
    judged = [RELIABILITY_FACTOR[g] for g in (admiralty, empirical) if g in RELIABILITY_FACTOR]
    return sum(judged) / len(judged) if judged else UNJUDGED_RELIABILITY


def evidence_weight(item: EvidenceItem) -> tuple[float, float, float, float]:
    """(weight, reliability factor, credibility factor, verdict factor) of an item.

    >>> evidence_weight(EvidenceItem("e", {}, "B", "2", "D", "premature"))
    (0.24, 0.6, 0.8, 0.5)
    """
    reliability = _reliability(item.reliability, item.empirical_grade)
    credibility = CREDIBILITY_FACTOR.get(item.credibility, CREDIBILITY_FACTOR["6"])
    verdict = VERDICT_FACTOR.get(item.verdict, UNTESTED_FACTOR)
    return round(reliability * credibility * verdict, 6), round(reliability, 6), credibility, verdict


def diagnosticity(ratings: Mapping[str, str]) -> float:
    """Spread of an item's ratings between hypotheses, 0–1 (see the module docstring).

    >>> diagnosticity({"a": "CC", "b": "II"}), diagnosticity({"a": "C", "b": "C"})
    (1.0, 0.0)
    >>> diagnosticity({"a": "C", "b": "I", "c": "N"})
    0.5
    """
    values = [RATINGS[r] for r in ratings.values()]
    return (max(values) - min(values)) / 4 if len(values) > 1 else 0.0


def _scores(hypotheses: Sequence[str], items: Sequence[EvidenceItem]) -> dict[str, float]:
    return {h: sum(evidence_weight(i)[0] * INCONSISTENCY.get(i.ratings.get(h, "N"), 0)
                   for i in items) for h in hypotheses}


def ranking_of(scores: Mapping[str, float]) -> tuple[tuple[str, int], ...]:
    """Each hypothesis with its rank (1 strongest = least inconsistent; equal scores share a
    rank), in rank order, then name.

    >>> ranking_of({"a": 1.0, "b": 0.5, "c": 1.0})
    (('b', 1), ('a', 2), ('c', 2))
    """
    ordered = sorted(scores, key=lambda h: (scores[h], h))
    ranks, rank, previous = [], 0, None
    for position, h in enumerate(ordered, start=1):
        if previous is None or scores[h] - previous > TIE:
            rank = position
        previous = scores[h]
        ranks.append((h, rank))
    return tuple(ranks)


def _flipped(item: EvidenceItem) -> EvidenceItem:
    """The item with its verdict turned the other way: a claim taken as true (or untested)
    found false, a false one found true."""
    return replace(item, verdict="corroborated" if item.verdict == "contradicted"
                   else "contradicted")


def ach_matrix(hypotheses: Sequence[str], items: Sequence[EvidenceItem]) -> AchMatrix:
    """The ACH matrix of ``items`` against ``hypotheses`` (see the module docstring)."""
    hypotheses = tuple(hypotheses)
    scores = _scores(hypotheses, items)
    ranked = ranking_of(scores)
    rank = dict(ranked)
    sensitive: dict[str, tuple[str, ...]] = {}
    for n, item in enumerate(items):
        reasons = []
        without = [i for k, i in enumerate(items) if k != n]
        if ranking_of(_scores(hypotheses, without)) != ranked:
            reasons.append("removal")
        flipped = [*items[:n], _flipped(item), *items[n + 1:]]
        if ranking_of(_scores(hypotheses, flipped)) != ranked:
            reasons.append("verdict")
        if reasons:
            sensitive[item.key] = tuple(reasons)
    rows = []
    for item in items:
        weight, reliability, credibility, verdict = evidence_weight(item)
        ratings = {h: item.ratings.get(h, "N") for h in hypotheses}
        rows.append(ItemRow(item.key, weight, reliability, credibility, verdict,
                            diagnosticity(ratings), ratings))
    return AchMatrix(
        hypotheses, tuple(rows),
        tuple(HypothesisScore(h, round(scores[h], 6),
                              sum(i.ratings.get(h, "N") in INCONSISTENCY for i in items), rank[h])
              for h in hypotheses),
        tuple(h for h, _ in ranked), sensitive)
