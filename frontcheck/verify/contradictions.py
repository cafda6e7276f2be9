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

Testimony claims (issue 11, ``claims.testimony``) are compared by ``verify.testimony``, which
adds ``category``, ``place``, ``rendering`` (two outlets render one interview differently) and
``stance`` (a position that changed over time); one pair per two sources and topic, the most
confident. Every pair carries a ``confidence`` (0–1) and one sentence saying ``why``.

A claim of the older readers about a topic the testimony reader read in the same source
(a count of captured men where the capture was read) is left to the testimony comparison.

A cluster of forwards and re-posts (``cluster_id``) is one claim here, its earliest, so that a
denial is not listed once per channel that relayed the claim it denies. Claims of one source
are not paired with each other. Pairs are ordered: ``a`` is the earlier claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from frontcheck.verify.comparison import (
    CONFLICTS,
    DEFAULT_RULES,
    ComparisonRules,
    SourcedClaim,
    candidate_pairs,
    claim_facts,
    related,
)
from frontcheck.verify.summary import describe, subject_label
from frontcheck.verify.testimony import (
    TESTIMONY_KINDS,
    AccountConflict,
    Said,
    account_conflict,
    legacy_topics,
    topic_of,
)

__all__ = ["Contradiction", "cluster_representatives", "find_contradictions", "KINDS",
           "MIN_CONFIDENCE"]

#: Every kind a pair can have, in the order pairs are listed.
KINDS = tuple(dict.fromkeys((*CONFLICTS, *TESTIMONY_KINDS)))
#: Pairs less sure than this are left out unless asked for (``min_confidence``): a witness's
#: own account against another speaker's (who may speak of another man), reported words.
MIN_CONFIDENCE = 0.5
#: Confidence of a conflict between claims of the four extracted types, by kind.
_CONFIDENCE = {"numeric": 0.8, "temporal": 0.7, "actor": 0.75, "negation": 0.7, "value": 0.6}


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
    confidence: float = 0.5
    why: str = ""


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


def _order(item: SourcedClaim) -> tuple[Any, ...]:
    when = _date(item)
    return (when is None, when or date.min, item.claim.id)


def _date(item: SourcedClaim) -> date | None:
    return item.claim.event_date or item.claim.claim_date or item.source.published_on


def find_contradictions(items: Sequence[SourcedClaim], rules: ComparisonRules = DEFAULT_RULES,
                        kinds: Iterable[str] | None = None,
                        min_confidence: float = MIN_CONFIDENCE) -> list[Contradiction]:
    """The conflicting pairs among ``items`` (of the ``kinds`` given, else every kind) at
    least ``min_confidence`` sure, ordered by type (``CONFLICTS`` order), subject and date.

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
    wanted = set(KINDS if kinds is None else kinds)
    representatives = [items[i] for i in cluster_representatives(items)]
    read = {(item.source.key, topic_of(item.claim)) for item in representatives
            if item.claim.type == "testimony"}
    facts = [claim_facts(item) for item in representatives if item.claim.type != "testimony"
             and not any((item.source.key, t) in read for t in legacy_topics(item.claim))]
    found = _testimony_pairs([item for item in representatives
                              if item.claim.type == "testimony"], wanted)
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
            describe(a.claim), describe(b.claim), a.claim.quote, b.claim.quote,
            _CONFIDENCE.get(kind, 0.5), f"{describe(a.claim)} against {describe(b.claim)}."))
    found = [c for c in found if c.confidence >= min_confidence]
    order = {kind: n for n, kind in enumerate(KINDS)}
    found.sort(key=lambda c: (order[c.type], c.subject, c.date_a or date.min, c.claim_a,
                              c.claim_b))
    return found


def said(item: SourcedClaim) -> Said:
    """A testimony claim as ``verify.testimony`` compares it: speaker, outlet, when said."""
    source = item.source
    return Said(item.claim, source.author or item.claim.claimant, source.publisher,
                source.said_on or source.published_on, source.published_on,
                interview_date=source.said_on is not None, kind=source.kind)


#: Facets a statement gives one value of for one event; a statement giving several (Moscow on
#: the 20th, Rostov on the 28th; by ship, then by train) tells a story of several legs, not
#: one fact to compare.
_ONE_VALUE_FACETS = frozenset(("date", "place", "offer", "carrier"))


def _testimony_pairs(items: Sequence[SourcedClaim], wanted: set[str]) -> list[Contradiction]:
    """Conflicting testimony claims: one pair per two sources and fact (a topic's facet: a
    capture's date and its place are two facts), the most confident (the earlier statement
    is ``a``)."""
    values: dict[tuple[Any, ...], set[str]] = {}
    for item in items:
        fields = item.claim.fields or {}
        values.setdefault((item.source.key, fields.get("topic"), fields.get("facet")),
                          set()).add(str(fields.get("value")))
    buckets: dict[tuple[Any, ...], list[SourcedClaim]] = {}
    for item in items:
        fields = item.claim.fields or {}
        facet = (fields.get("topic"), fields.get("facet"))
        if fields.get("facet") in _ONE_VALUE_FACETS and len(values[(item.source.key,
                                                                    *facet)]) > 1:
            continue      # several dates or places of one topic: the legs of a story
        buckets.setdefault(facet, []).append(item)
    best: dict[tuple[Any, ...], tuple[AccountConflict, SourcedClaim, SourcedClaim]] = {}
    for members in buckets.values():
        ordered = sorted(members, key=lambda m: (said(m).said_on or date.min, m.source.key))
        conflicts = []
        for n, a in enumerate(ordered):
            for b in ordered[n + 1:]:
                if a.source.key == b.source.key:
                    continue
                conflict = account_conflict(said(a), said(b))
                if conflict is not None:
                    conflicts.append((conflict, a, b))
        outliers = _rendering_outliers(conflicts, ordered)
        conflicts = _answers(conflicts)
        for conflict, a, b in conflicts:
            if conflict.kind not in wanted:
                continue
            if conflict.kind != "rendering" and {a.source.key, b.source.key} & outliers:
                continue      # an outlet's odd rendering is its own, not the witness's word
            key = (*sorted((a.source.key, b.source.key)), topic_of(a.claim),
                   (a.claim.fields or {}).get("facet"))
            if key not in best or conflict.confidence > best[key][0].confidence:
                best[key] = (conflict, a, b)
    return [Contradiction(
        conflict.kind, topic_of(a.claim), a.claim.id, b.claim.id, a.source.source_id,
        b.source.source_id, a.source.publisher, b.source.publisher, a.source.grade,
        b.source.grade, a.claim.claimant, b.claim.claimant, _date(a), _date(b),
        describe(a.claim), describe(b.claim), a.claim.quote, b.claim.quote,
        conflict.confidence, conflict.why) for conflict, a, b in best.values()]


def _rendering_outliers(conflicts: Sequence[tuple[AccountConflict, SourcedClaim, SourcedClaim]],
                        members: Sequence[SourcedClaim]) -> set[str]:
    """Sources whose report of an interview conflicts with every other report of it (at
    least two: of two reports that disagree, neither is the odd one): the outlet's
    rendering, not what the witness said."""
    reports: dict[tuple[Any, ...], set[str]] = {}
    for item in members:
        if item.source.said_on:
            reports.setdefault((said(item).speaker.casefold(), item.source.said_on),
                               set()).add(item.source.key)
    against: dict[str, set[str]] = {}
    for conflict, a, b in conflicts:
        if conflict.kind == "rendering":
            against.setdefault(a.source.key, set()).add(b.source.key)
            against.setdefault(b.source.key, set()).add(a.source.key)
    out = set()
    for keys in reports.values():
        for key in keys:
            others = keys - {key}
            if len(others) >= 2 and against.get(key, set()) >= others:
                out.add(key)
    return out


def _answers(conflicts: list[tuple[AccountConflict, SourcedClaim, SourcedClaim]]
             ) -> list[tuple[AccountConflict, SourcedClaim, SourcedClaim]]:
    """A denial answers the latest position affirming the fact (a figure asserted, a fact
    acknowledged) another speaker took before it or the same day, not every one ever taken:
    of the pairs of one denial and an affirmation, the latest affirmation's."""
    latest: dict[str, tuple[Any, ...]] = {}
    for conflict, a, b in conflicts:
        values = {str((a.claim.fields or {}).get("value")), str((b.claim.fields or {}).get("value"))}
        if not _affirm_deny(values) or conflict.kind != "negation":
            continue
        asserted, denial = (b, a) if (a.claim.fields or {}).get("value") == "denied" else (a, b)
        when = (said(asserted).said_on or date.min, asserted.source.source_id or 0)
        if when > (said(denial).said_on or date.max, 10 ** 12):
            continue
        if denial.claim.id not in latest or when > latest[denial.claim.id][0]:
            latest[denial.claim.id] = (when, asserted.claim.id)
    out = []
    for conflict, a, b in conflicts:
        values = {str((a.claim.fields or {}).get("value")), str((b.claim.fields or {}).get("value"))}
        if _affirm_deny(values) and conflict.kind == "negation":
            asserted, denial = (b, a) if (a.claim.fields or {}).get("value") == "denied" \
                else (a, b)
            if latest.get(denial.claim.id, (None, None))[1] != asserted.claim.id:
                continue
        out.append((conflict, a, b))
    return out


def _affirm_deny(values: set[str]) -> bool:
    return values in ({"asserted", "denied"}, {"acknowledged", "denied"})
