"""Corroboration across sources: per claim, the independent sources for it and against it.

**Independence.** A claim's support counts origins, not posts. Claims share an origin when
(transitively, by union-find):

- they are in one claim cluster (``cluster_id``, set by ``claims.dedupe``: forwards and
  near-duplicate re-posts of one post);
- they have the same origin name (``origin_name``): the channel a Telegram forward came from
  (``forwarded_from``); else the claimant the text names when that is not the source itself
  (an article's "the agency said" is the agency's claim, and a newspaper citing the Ministry
  adds no second witness); else, for an interview, its speaker (one witness, however many
  outlets interview him); else the publisher. Names are made canonical first
  (``comparison.canonical_name``), so the Ministry's own statement, a channel's forward of it
  and an article quoting "Russia's Defence Ministry" are one origin.

**For and against.** Another claim about the same subject at the same time
(``comparison.relation``) is *for* the claim when it says the same (``agree``; ``temporal``:
the same change on another date; ``actor``: the same side in control through another actor,
such as the DPRK for Russia), and *against* it when it says the opposite (``negation``, a
denial), puts another side in control (``actor``), or gives a conflicting figure or value
(``numeric``, ``value``). Claims of the claim's own origin are not counted; those that agree
are reported as ``repeats``. Each independent source is shown with the Admiralty grade of
each of its sources and the best of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from frontcheck.verify.comparison import (
    DEFAULT_RULES,
    TESTIMONY_KINDS,
    ComparisonRules,
    SourcedClaim,
    candidate_pairs,
    canonical_name,
    claim_facts,
    control_outcome,
    related,
)
from frontcheck.verify.summary import describe

__all__ = ["Support", "IndependentSource", "Corroboration", "origin_name", "origin_groups",
           "corroborate"]

FOR = ("agree", "temporal")
AGAINST = ("negation", "numeric", "value")


@dataclass(frozen=True, slots=True)
class Support:
    """One claim that bears on the claim checked, and where it was read."""

    claim_id: str
    source_id: int | None
    publisher: str
    grade: str
    relation: str
    claim_date: date | None
    statement: str
    quote: str


@dataclass(frozen=True, slots=True)
class IndependentSource:
    """An origin, counted once, with the claims of it that bear on the claim checked."""

    origin: str
    grade: str                    # the best Admiralty grade among its sources
    claims: tuple[Support, ...]


@dataclass(frozen=True, slots=True)
class Corroboration:
    """A claim with its independent sources for and against (``corroboration --format json``)."""

    claim_id: str
    type: str
    statement: str
    claim_date: date | None
    origin: str
    publisher: str
    grade: str
    independent_for: int
    independent_against: int
    repeats: int                  # claims of its own origin saying the same (not counted)
    sources_for: tuple[IndependentSource, ...]
    sources_against: tuple[IndependentSource, ...]
    quote: str


def origin_name(item: SourcedClaim) -> str:
    """Who first said a claim, canonical (see the module docstring).

    >>> from frontcheck.claims.model import Claim
    >>> from frontcheck.verify.comparison import SourceInfo
    >>> forward = SourceInfo("source:2", "Сводки с передка", forwarded_from="Минобороны России")
    >>> origin_name(SourcedClaim(Claim("a", "territorial", claimant="Сводки с передка"), forward))
    'Russian MoD'
    >>> article = SourceInfo("source:9", "Sample Daily", kind="article", author="M. K.")
    >>> origin_name(SourcedClaim(Claim("b", "quantity", claimant="GUR"), article))
    'GUR'
    """
    source, claim = item.source, item.claim
    if source.forwarded_from:
        return canonical_name(source.forwarded_from)
    own = {canonical_name(n).casefold() for n in (source.publisher, source.author) if n}
    if claim.claimant and canonical_name(claim.claimant).casefold() not in own:
        return canonical_name(claim.claimant)
    if source.kind in TESTIMONY_KINDS and source.author:
        return canonical_name(source.author)
    return canonical_name(source.publisher or source.author or source.key)


def origin_groups(items: Sequence[SourcedClaim]) -> list[int]:
    """For each claim, the index of the earliest claim of its origin (shared cluster or
    origin name, transitively)."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[str, int] = {}
    for index, item in enumerate(items):
        keys = [f"origin:{origin_name(item).casefold()}"]
        if item.claim.cluster_id:
            keys.append(f"cluster:{item.claim.cluster_id}")
        for key in keys:
            if key in first_of:
                a, b = find(first_of[key]), find(index)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first_of[key] = index
    roots = [find(i) for i in range(len(items))]
    earliest: dict[int, int] = {}
    for index, root in enumerate(roots):
        best = earliest.get(root)
        if best is None or _order(items[index]) < _order(items[best]):
            earliest[root] = index
    return [earliest[root] for root in roots]


def _order(item: SourcedClaim) -> tuple[Any, ...]:
    when = item.claim.claim_date or item.source.published_on
    return (when is None, when or date.min, item.claim.id)


def _side(kind: str, a: SourcedClaim, b: SourcedClaim) -> str | None:
    """"for", "against" or None: how a relation of ``b`` to ``a`` counts."""
    if kind in FOR:
        return "for"
    if kind in AGAINST:
        return "against"
    if kind == "actor":
        oa, ob = control_outcome(a.claim), control_outcome(b.claim)
        return "for" if oa is not None and ob is not None and oa[0] == ob[0] else "against"
    return None


def _grade_order(grade: str) -> tuple[str, str]:
    return (grade[:1] or "F", grade[1:2] or "6")


def _independent(groups: dict[int, list[tuple[SourcedClaim, str]]],
                 items: Sequence[SourcedClaim]) -> tuple[IndependentSource, ...]:
    out = []
    for origin_index, members in groups.items():
        claims = tuple(Support(m.claim.id, m.source.source_id, m.source.publisher,
                               m.source.grade, kind, m.claim.claim_date, describe(m.claim),
                               m.claim.quote)
                       for m, kind in sorted(members, key=lambda p: _order(p[0])))
        grade = min((c.grade for c in claims), key=_grade_order)
        out.append(IndependentSource(origin_name(items[origin_index]), grade, claims))
    return tuple(sorted(out, key=lambda s: (_grade_order(s.grade), s.origin)))


def corroborate(items: Sequence[SourcedClaim], rules: ComparisonRules = DEFAULT_RULES,
                claim_ids: Iterable[str] | None = None) -> list[Corroboration]:
    """Each claim (or those of ``claim_ids``, in the order of ``items``) with its independent
    sources for and against, among ``items``.

    Examples
    --------
    >>> from frontcheck.claims.model import Claim, PlaceRef
    >>> from frontcheck.verify.comparison import SourceInfo
    >>> vuhledar = PlaceRef("Vuhledar", id="gn:690823")
    >>> took = lambda i, actor, action, day: Claim(i, "territorial", actor=actor, action=action,
    ...     place=vuhledar, claim_date=date(2024, 10, day), claimant="")
    >>> mod = SourceInfo("source:1", "Минобороны России", "C3", "statement")
    >>> relay = SourceInfo("source:2", "Сводки с передка", forwarded_from="Минобороны России")
    >>> gs = SourceInfo("source:3", "Генштаб ЗСУ", "B2", "statement")
    >>> found = corroborate([SourcedClaim(took("m", "russia", "captured", 3), mod),
    ...                      SourcedClaim(took("r", "russia", "captured", 3), relay),
    ...                      SourcedClaim(took("g", "ukraine", "withdrew", 2), gs)],
    ...                     claim_ids=["r"])
    >>> [(c.independent_for, c.repeats, [s.origin for s in c.sources_for]) for c in found]
    [(1, 1, ['Ukrainian General Staff'])]
    """
    wanted = None if claim_ids is None else set(claim_ids)
    origin = origin_groups(items)
    facts = [claim_facts(item) for item in items]
    bearing: dict[int, list[tuple[int, str]]] = {}
    for i, j in candidate_pairs(facts, rules):
        if wanted is not None and items[i].claim.id not in wanted \
                and items[j].claim.id not in wanted:
            continue
        kind = related(facts[i], facts[j], rules)     # symmetric: one call for both ways
        if kind is not None:
            bearing.setdefault(i, []).append((j, kind))
            bearing.setdefault(j, []).append((i, kind))
    out = []
    for index, item in enumerate(items):
        if wanted is not None and item.claim.id not in wanted:
            continue
        sides: dict[str, dict[int, list[tuple[SourcedClaim, str]]]] = {"for": {}, "against": {}}
        repeats = 0
        for other, kind in bearing.get(index, []):
            side = _side(kind, item, items[other])
            if side is None:
                continue
            if origin[other] == origin[index]:
                repeats += side == "for"
                continue
            sides[side].setdefault(origin[other], []).append((items[other], kind))
        supporting = _independent(sides["for"], items)
        opposing = _independent(sides["against"], items)
        out.append(Corroboration(
            item.claim.id, item.claim.type, describe(item.claim), item.claim.claim_date,
            origin_name(items[origin[index]]), item.source.publisher, item.source.grade,
            len(supporting), len(opposing), repeats, supporting, opposing, item.claim.quote))
    return out
