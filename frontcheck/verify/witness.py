"""Witness consistency: one speaker's claims across interviews and statements, in time order,
each labelled consistent, changed (with both versions) or new.

A statement's claims are the witness's own words (``own_words``): claims whose quote lies
mostly within his turns of the transcript (all its claims when the source has no turns),
less those the text attributes to someone else ("the commander told us ...").

Claims are aligned by what they are about (``alignment_key``): an attribute by its
predicate and subject (training, service_basis, knew_deployment, family_contact of "I", of
the DPRK's troops ...); a quantity by its kind, unit and currency (men on a ship, men
killed, pay); a territorial claim by its place; a participation claim by its force or unit.
For each statement, in the order they were given, and each subject it speaks of:

- ``new``: no earlier statement spoke of it;
- ``changed``: a claim now conflicts (``comparison.content_relation``: numeric, negation,
  actor, value) with every claim of the latest earlier statement that spoke of it, and
  agrees with none; both versions are given, with the kind of change;
- ``consistent``: otherwise.

Dates are not compared: a witness retelling his own past speaks of the same ship and the
same training each time, whenever he is asked.

Testimony claims (issue 11, ``claims.testimony``) are aligned by their topic (capture,
training, intent …) and compared facet by facet with ``verify.testimony``; a statement that
speaks of a topic the testimony reader covers leaves out the older readers' claims of that
topic. A second outlet's report of an interview already seen (the same speaker, the same
interview date: ``SourceInfo.said_on``) is compared with that report first: ``consistent``,
or ``changed`` with kind ``rendering``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from frontcheck.claims.model import Claim
from frontcheck.verify.comparison import (
    CONFLICTS,
    DEFAULT_RULES,
    ComparisonRules,
    SourceInfo,
    content_relation,
    place_key,
)
from frontcheck.verify.summary import describe
from frontcheck.verify.testimony import Said, account_conflict

__all__ = ["Statement", "WitnessItem", "own_words", "alignment_key", "witness_consistency"]


@dataclass(frozen=True, slots=True)
class Statement:
    """One interview or statement of the witness: where, when, and his claims in it."""

    source: SourceInfo
    said_on: date | None
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class WitnessItem:
    """One subject of one statement, labelled (keys of ``witness --format json``)."""

    subject: str
    type: str
    status: str                    # new, consistent, changed
    change: str                    # the conflict when changed (numeric, negation, ...), else ""
    source_id: int | None
    publisher: str
    said_on: date | None
    version: str
    quote: str
    claim_ids: tuple[str, ...]
    previous_source_id: int | None
    previous_said_on: date | None
    previous_version: str
    previous_quote: str
    previous_claim_ids: tuple[str, ...]


def own_words(claims: Sequence[Claim], turns: Sequence[tuple[int, int]] | None,
              names: Collection[str]) -> tuple[Claim, ...]:
    """The claims a witness makes himself: those whose span lies at least half within his
    ``turns`` (character ranges of the source text; None when the source has no turns, so
    that all of it is his), and whose claimant is one of ``names`` (him, the source) or none.

    >>> from frontcheck.claims.model import Claim
    >>> said = [Claim("q", "attribute", span=(0, 20)), Claim("a", "attribute", span=(22, 60)),
    ...         Claim("c", "attribute", span=(61, 90), claimant="Russian MoD")]
    >>> [c.id for c in own_words(said, [(25, 95)], {"POW-1"})]
    ['a']
    """
    allowed = set(names) | {""}
    out = []
    for claim in claims:
        if claim.claimant not in allowed:
            continue
        if turns is not None:
            if claim.span is None:
                continue
            start, end = claim.span
            inside = sum(max(0, min(end, b) - max(start, a)) for a, b in turns)
            if inside * 2 < max(1, end - start):
                continue
        out.append(claim)
    return tuple(out)


def alignment_key(claim: Claim) -> tuple[Any, ...] | None:
    """What a witness's claim is about, for lining up his statements (module docstring).

    >>> from frontcheck.claims.model import Claim
    >>> alignment_key(Claim("a", "quantity", fields={"kind": "transport", "unit": "people",
    ...                                               "side": "", "low": 450, "high": 550}))
    ('quantity', 'transport', 'people', '')
    """
    fields = claim.fields or {}
    if claim.type == "testimony":
        return ("testimony", str(fields.get("topic", "")))
    if claim.type == "attribute":
        return ("attribute", str(fields.get("predicate", "")), str(fields.get("subject", "")))
    if claim.type == "quantity":
        return ("quantity", str(fields.get("kind", "")), str(fields.get("unit", "")),
                str(fields.get("currency", "")))
    if claim.type == "territorial":
        place = place_key(claim)
        return ("territorial", place) if place else None
    if claim.type == "participation":
        return ("participation", claim.actor, str(fields.get("unit") or "").casefold())
    return None


def _label(key: tuple[Any, ...], claims: Sequence[Claim]) -> str:
    if key[0] == "testimony":
        return str(key[1])
    if key[0] == "attribute":
        return key[1] if key[2] == "speaker" else f"{key[1]} ({key[2]})"
    if key[0] == "quantity":
        return " ".join(k for k in key[1:] if k)
    if key[0] == "territorial":
        place = claims[0].place
        return (place.name or place.mention) if place else key[1]
    unit = str((claims[0].fields or {}).get("unit") or "")
    return " ".join(k for k in (key[1], unit) if k) or "participation"


#: What the older readers' claims are about, as testimony topics: such a claim is left out of
#: a statement whose testimony claims speak of the same topic.
_LEGACY_TOPIC = {"training": "training", "knew_deployment": "knew_deployment",
                 "family_contact": "family_contact", "transport": "transport",
                 "killed": "casualties", "wounded": "casualties", "casualties": "casualties",
                 "captured": "casualties", "payment": "pay"}


def _legacy_topic(claim: Claim) -> str:
    fields = claim.fields or {}
    if claim.type == "attribute":
        return _LEGACY_TOPIC.get(str(fields.get("predicate", "")), "")
    if claim.type == "quantity":
        return _LEGACY_TOPIC.get(str(fields.get("kind", "")), "")
    return ""


def _said(statement: Statement, claim: Claim) -> Said:
    source = statement.source
    return Said(claim, source.author or claim.claimant, source.publisher,
                statement.said_on, source.published_on, source.said_on is not None,
                source.kind)


def _testimony_change(current: Statement, claims: Sequence[Claim], previous: Statement,
                      before: Sequence[Claim]) -> str:
    """The kind of the first conflict between a facet said now and the same facet said
    before, when nothing said now on that facet agrees with anything said before on it
    (several dates of a story agree when one of them does); "" when none."""
    facets = dict.fromkeys((c.fields or {}).get("facet") for c in claims)
    for facet in facets:
        now = [c for c in claims if (c.fields or {}).get("facet") == facet]
        earlier = [p for p in before if (p.fields or {}).get("facet") == facet]
        conflicts = [account_conflict(_said(previous, p), _said(current, c))
                     for c in now for p in earlier]
        found = [c for c in conflicts if c is not None]
        if found and len(found) == len(conflicts):
            return found[0].kind     # nothing said now on the facet agrees with before
    return ""


def _change(current: Sequence[Claim], previous: Sequence[Claim], rules: ComparisonRules) -> str:
    """The conflict of the first claim that conflicts with all of ``previous``, or ""."""
    for claim in current:
        relations = [content_relation(claim, p, rules) for p in previous]
        conflicts = [r for r in relations if r in CONFLICTS]
        if conflicts and "agree" not in relations:
            return conflicts[0]
    return ""


def witness_consistency(statements: Sequence[Statement],
                        rules: ComparisonRules = DEFAULT_RULES) -> list[WitnessItem]:
    """Each subject of each statement, labelled, statements in the order given (said_on,
    then source id) and subjects in the order the statement first speaks of them.

    Examples
    --------
    >>> from frontcheck.claims.model import Claim
    >>> def ship(n, on, men):
    ...     claim = Claim(f"c{n}", "quantity", quote=f"{men} men on the ship", fields={
    ...         "kind": "transport", "unit": "people", "low": men, "best": men, "high": men})
    ...     return Statement(SourceInfo(f"source:{n}", source_id=n), on, (claim,))
    >>> said = [ship(1, date(2025, 2, 3), 500), ship(2, date(2025, 6, 10), 200),
    ...         ship(3, date(2025, 10, 2), 200)]
    >>> [(w.status, w.change, w.version, w.previous_version) for w in witness_consistency(said)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('new', '', 'transport: 500 people', ''),
     ('changed', 'numeric', 'transport: 200 people', 'transport: 500 people'),
     ('consistent', '', 'transport: 200 people', 'transport: 200 people')]
    """
    ordered = sorted(statements, key=lambda s: (s.said_on is None, s.said_on or date.min,
                                                s.source.source_id or 0, s.source.key))
    latest: dict[tuple[Any, ...], tuple[Statement, list[Claim]]] = {}
    interviews: dict[tuple[Any, ...], tuple[Statement, list[Claim]]] = {}   # (said_on, key) → reports
    out = []
    for statement in ordered:
        grouped: dict[tuple[Any, ...], list[Claim]] = {}
        topics = {str((c.fields or {}).get("topic")) for c in statement.claims
                  if c.type == "testimony"}
        for claim in statement.claims:
            key = alignment_key(claim)
            if key is not None and _legacy_topic(claim) not in topics:
                grouped.setdefault(key, []).append(claim)
        for key, claims in grouped.items():
            before = latest.get(key)
            interview = (statement.source.said_on, key) if statement.source.said_on else None
            first_report = interviews.get(interview) if interview else None
            if first_report and first_report[0].source.publisher != statement.source.publisher:
                before = first_report
            if before and key[0] == "testimony":
                change = _testimony_change(statement, claims, *before)
            else:
                change = _change(claims, before[1], rules) if before else ""
            status = "new" if before is None else "changed" if change else "consistent"
            prev_statement, prev_claims = before if before else (None, [])
            out.append(WitnessItem(
                _label(key, claims), key[0], status, change, statement.source.source_id,
                statement.source.publisher, statement.said_on, _versions(claims),
                _quotes(claims), tuple(c.id for c in claims),
                prev_statement.source.source_id if prev_statement else None,
                prev_statement.said_on if prev_statement else None, _versions(prev_claims),
                _quotes(prev_claims), tuple(c.id for c in prev_claims)))
        renderings = {item.subject for item in out[len(out) - len(grouped):]
                      if item.change == "rendering"}
        for key, claims in grouped.items():
            if _label(key, claims) not in renderings:   # an outlet's odd rendering is not
                latest[key] = (statement, claims)        # the witness's latest word
            if statement.source.said_on:     # every report of the interview so far, under
                first = interviews.setdefault(     # the first: a later report is compared
                    (statement.source.said_on, key), (statement, []))   # with all of them
                first[1].extend(c for c in claims if c not in first[1])
    return out


def _versions(claims: Sequence[Claim]) -> str:
    return "; ".join(dict.fromkeys(describe(c) for c in claims))


def _quotes(claims: Sequence[Claim]) -> str:
    return " … ".join(dict.fromkeys(c.quote for c in claims if c.quote))
