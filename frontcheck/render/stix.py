"""Claims, verdicts, places and publishers as a STIX 2.1 bundle, through the ``stix2`` library
(OASIS's reference implementation: it checks every property, so what is written is what a
threat-intelligence platform such as OpenCTI or MISP imports).

- each claim is a ``note`` (abstract: the statement, content: the quote, authors: the
  claimant, an external reference to its source's URL with the raw file's SHA-256);
- each verdict is an ``opinion`` on that note (corroborated → strongly-agree ... contradicted
  → strongly-disagree; a map that cannot test the claim → neutral), its explanation kept;
- each resolved place is a ``location``, each publisher an ``identity`` (organization), tied
  to the claims by ``located-at`` and ``related-to`` relationships;
- one ``report`` holds them all.

Ids are UUIDv5 of what they stand for and times are given, so one store gives one bundle.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import stix2

from frontcheck.render.exchange import ExchangeClaim, ExchangeSource

__all__ = ["stix_bundle", "OPINIONS"]

#: frontcheck's namespace for STIX ids (a fixed UUID: the same claim keeps its id).
NAMESPACE = uuid.UUID("6f6e7d1c-4f0b-5a0e-9d7a-66726f6e7463")

#: Verdict → STIX opinion (the claim as the map tells it).
OPINIONS = {"corroborated": "strongly-agree", "stale": "agree", "premature": "disagree",
            "no_change": "disagree", "contradicted": "strongly-disagree"}


def _id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def _reference(source: ExchangeSource | None, claim: ExchangeClaim) -> list[dict[str, object]]:
    if source is not None:
        reference: dict[str, object] = {"source_name": source.publisher or source.kind or "source",
                     "description": f"{source.title} (Admiralty {source.grade})",
                     "hashes": {"SHA-256": source.sha256}}
        if source.url:
            reference["url"] = source.url
        return [reference]
    if claim.url:
        return [{"source_name": "url", "url": claim.url}]
    return []


def stix_bundle(claims: Sequence[ExchangeClaim], sources: Sequence[ExchangeSource],
                title: str, created: datetime) -> stix2.Bundle:
    """The bundle of ``claims`` (with verdicts where checked) and their ``sources``."""
    by_source = {s.source_id: s for s in sources}
    common = {"created": created, "modified": created, "allow_custom": False}
    objects: list[Any] = []          # stix2's objects (stix2 ships no types)
    identities: dict[str, str] = {}
    locations: dict[str, str] = {}
    for claim in claims:
        source = by_source.get(claim.source_id) if claim.source_id is not None else None
        note = stix2.Note(
            id=_id("note", claim.claim_id), abstract=claim.statement[:1000] or claim.type,
            content=claim.quote or claim.statement or claim.type,
            authors=[claim.claimant] if claim.claimant else None,
            labels=[claim.type], external_references=_reference(source, claim) or None,
            object_refs=[_id("identity", "frontcheck")], **common)
        objects.append(note)
        publisher = source.publisher if source else ""
        if publisher:
            if publisher not in identities:
                identity = stix2.Identity(id=_id("identity", f"publisher:{publisher}"),
                                          name=publisher, identity_class="organization",
                                          **common)
                identities[publisher] = identity.id
                objects.append(identity)
            objects.append(stix2.Relationship(
                id=_id("relationship", f"{claim.claim_id}:publisher"), source_ref=note.id,
                relationship_type="related-to", target_ref=identities[publisher],
                description="read in a source of this publisher", **common))
        if claim.lat is not None and claim.lon is not None:
            key = claim.place_id or f"{claim.lat:.5f},{claim.lon:.5f}"
            if key not in locations:
                location = stix2.Location(id=_id("location", key), name=claim.place or key,
                                          latitude=round(claim.lat, 6),
                                          longitude=round(claim.lon, 6), **common)
                locations[key] = location.id
                objects.append(location)
            objects.append(stix2.Relationship(
                id=_id("relationship", f"{claim.claim_id}:place"), source_ref=note.id,
                relationship_type="located-at", target_ref=locations[key], **common))
        if claim.verdict is not None:
            objects.append(stix2.Opinion(
                id=_id("opinion", claim.claim_id), opinion=OPINIONS.get(claim.verdict, "neutral"),
                explanation=f"{claim.verdict}: {claim.explanation}".strip(),
                authors=["frontcheck"], object_refs=[note.id], **common))
    maker = stix2.Identity(id=_id("identity", "frontcheck"), name="frontcheck",
                           identity_class="system", **common)
    report = stix2.Report(
        id=_id("report", title + "|" + "|".join(c.claim_id for c in claims)), name=title,
        published=created, report_types=["observed-data"], created_by_ref=maker.id,
        object_refs=[maker.id, *(o.id for o in objects)], **common)
    return stix2.Bundle(maker, *objects, report, id=_id("bundle", report.id),
                        allow_custom=False)
