"""Claims in the store: insert (idempotent by id), and read back as ``Claim`` records."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Connection, or_, select

from frontcheck.claims.model import Claim, PlaceRef
from frontcheck.store import schema as s
from frontcheck.store.engine import insert_ignoring_duplicates


def claim_row(claim: Claim) -> dict:
    """The table row of a claim."""
    place = claim.place
    return {
        "id": claim.id, "origin": claim.origin, "type": claim.type, "source_id": claim.source_id,
        "span_start": claim.span[0] if claim.span else None,
        "span_end": claim.span[1] if claim.span else None,
        "quote": claim.quote, "claimant": claim.claimant, "actor": claim.actor,
        "action": claim.action, "place_mention": place.mention if place else "",
        "place_id": place.id if place else None,
        "place_candidates": list(place.candidates) if place else [],
        "claim_date": claim.claim_date, "event_date": claim.event_date,
        "date_precision": claim.date_precision, "negated": claim.negated,
        "fields": claim.fields, "cluster_id": claim.cluster_id,
        "created_at": datetime.now(UTC),
    }


def insert_claims(connection: Connection, claims: list[Claim]) -> int:
    """Store claims whose id is not stored yet; returns how many were new."""
    if not claims:
        return 0
    known = set(connection.scalars(select(s.claim.c.id).where(s.claim.c.id.in_([c.id for c in claims]))))
    fresh = [claim_row(c) for c in claims if c.id not in known]
    if fresh:
        connection.execute(insert_ignoring_duplicates(s.claim, connection), fresh)
    return len(fresh)


def _claim(row, places: dict[str, dict]) -> Claim:
    place = None
    if row.place_mention or row.place_id:
        info = places.get(row.place_id or "", {})
        place = PlaceRef(mention=row.place_mention, id=row.place_id, name=info.get("name_en"),
                         oblast=info.get("oblast"), lon=info.get("lon"), lat=info.get("lat"),
                         candidates=tuple(row.place_candidates or ()))
    return Claim(
        id=row.id, type=row.type, origin=row.origin, source_id=row.source_id,
        span=(row.span_start, row.span_end) if row.span_start is not None else None,
        quote=row.quote, claimant=row.claimant, actor=row.actor, action=row.action, place=place,
        claim_date=row.claim_date, event_date=row.event_date, date_precision=row.date_precision,
        negated=row.negated, fields=row.fields or {}, cluster_id=row.cluster_id)


def list_claims(connection: Connection, *, claim_id: str | None = None, type: str | None = None,
                place_ids: list[str] | None = None, actor: str | None = None,
                since: date | None = None, until: date | None = None,
                source_ids: list[int] | None = None) -> list[Claim]:
    """Claims matching every filter given, ordered by claim date then id."""
    c = s.claim.c
    query = select(s.claim)
    if claim_id is not None:
        query = query.where(c.id == claim_id)
    if type:
        query = query.where(c.type == type)
    if place_ids is not None:
        query = query.where(c.place_id.in_(place_ids))
    if actor:
        query = query.where(c.actor == actor)
    day = c.claim_date
    if since:
        query = query.where(or_(day >= since, c.event_date >= since))
    if until:
        query = query.where(or_(day <= until, c.event_date <= until))
    if source_ids is not None:
        query = query.where(c.source_id.in_(source_ids))
    rows = connection.execute(query.order_by(c.claim_date, c.id)).all()
    ids = {r.place_id for r in rows if r.place_id}
    places = {p.id: dict(p._mapping) for p in connection.execute(
        select(s.place.c.id, s.place.c.name_en, s.place.c.oblast, s.place.c.lon, s.place.c.lat)
        .where(s.place.c.id.in_(ids)))} if ids else {}
    return [_claim(r, places) for r in rows]
