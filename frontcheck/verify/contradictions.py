"""Contradictions: pairs of claims from different sources about the same subject whose values
conflict, each typed.

The types (``comparison`` has the rules):

- ``numeric``: figures whose low–high ranges do not overlap (about 500 vs about 200 soldiers on
  a ship), or training lengths more than a quarter apart;
- ``temporal``: the same territorial change given dates further apart than their precision
  allows (a day's slack), but within a month, so that a recapture months later is another
  event;
- ``actor``: the same place taken, said of different actors;
- ``negation``: one source asserts what the other denies ("two weeks of training" /
  "we were not trained"; a capture / "Ukraine denies losing the village");
- ``value``: values of a predicate that exclude each other (a conscript / a contract soldier).

A cluster of forwards and re-posts (``cluster_id``) is one claim here, its earliest, so that a
denial is not listed once per channel that relayed the claim it denies. Claims of one source
are not paired with each other. Pairs are ordered: ``a`` is the earlier claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from frontcheck.verify.comparison import (
    CONFLICTS, DEFAULT_RULES, ComparisonRules, SourcedClaim, candidate_pairs, claim_facts,
    related,
)
from frontcheck.verify.summary import describe, subject_label

__all__ = ["Contradiction", "cluster_representatives", "find_contradictions"]


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two claims in conflict (keys of ``contradictions --format json``)."""

    type: str
    subject: str
    claim_a: str
    claim_b: str
    source_a: int | None
    source_b: int | None
    publisher_a: str
    publisher_b: str
    grade_a: str
    grade_b: str
    claimant_a: str
    claimant_b: str
    date_a: date | None           # event date, else the date the claim was made
    date_b: date | None
    statement_a: str
    statement_b: str
    quote_a: str
    quote_b: str


def cluster_representatives(items: Sequence[SourcedClaim]) -> list[int]:
    """Indexes of the claims that stand for their cluster (its earliest claim, by claim date
    then id) and of every claim without a cluster, in the order of ``items``."""
    best: dict[str, int] = {}
    keep = []
    for index, item in enumerate(items):
        cluster = item.claim.cluster_id
        if not cluster:
            keep.append(index)
            continue
        current = best.get(cluster)
        if current is None or _order(item) < _order(items[current]):
            best[cluster] = index
    return sorted(keep + list(best.values()))


def _order(item: SourcedClaim) -> tuple:
    when = _date(item)
    return (when is None, when or date.min, item.claim.id)


def _date(item: SourcedClaim) -> date | None:
    return item.claim.event_date or item.claim.claim_date or item.source.published_on


def find_contradictions(items: Sequence[SourcedClaim], rules: ComparisonRules = DEFAULT_RULES,
                        kinds: Iterable[str] | None = None) -> list[Contradiction]:
    """The conflicting pairs among ``items`` (of the ``kinds`` given, else every kind),
    ordered by type (``CONFLICTS`` order), subject and date.

    Examples
    --------
    >>> from frontcheck.claims.model import Claim
    >>> from frontcheck.verify.comparison import SourceInfo
    >>> def trained(i, negated, value, key):
    ...     return SourcedClaim(Claim(i, "attribute", claimant="POW-1", negated=negated,
    ...         fields={"subject": "speaker", "predicate": "training", "value": value}),
    ...         SourceInfo(key, kind="interview", author="POW-1"))
    >>> [(c.type, c.subject, c.claim_a, c.claim_b) for c in find_contradictions(
    ...     [trained("feb", False, 14, "source:1"), trained("oct", True, None, "source:2")])]
    [('negation', 'POW-1 training', 'feb', 'oct')]
    """
    wanted = set(CONFLICTS if kinds is None else kinds)
    facts = [claim_facts(items[i]) for i in cluster_representatives(items)]
    found = []
    for i, j in candidate_pairs(facts, rules):
        a, b = facts[i].item, facts[j].item
        if a.source.key == b.source.key:
            continue
        kind = related(facts[i], facts[j], rules)
        if kind not in wanted:
            continue
        if _order(b) < _order(a):
            a, b = b, a
        found.append(Contradiction(
            kind, subject_label(a), a.claim.id, b.claim.id, a.source.source_id,
            b.source.source_id, a.source.publisher, b.source.publisher, a.source.grade,
            b.source.grade, a.claim.claimant, b.claim.claimant, _date(a), _date(b),
            describe(a.claim), describe(b.claim), a.claim.quote, b.claim.quote))
    order = {kind: n for n, kind in enumerate(CONFLICTS)}
    found.sort(key=lambda c: (order[c.type], c.subject, c.date_a or date.min, c.claim_a,
                              c.claim_b))
    return found
