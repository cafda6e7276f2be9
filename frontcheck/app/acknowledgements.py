"""Acknowledgement timelines of a fact (``verify.acknowledgements``) from the stored claims:
official positions read from statements, denials, and actors asserting the fact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from frontcheck.app.person_protection import person_redactor
from frontcheck.claims.model import Claim
from frontcheck.errors import InputError
from frontcheck.protect.redaction import Redactor
from frontcheck.protect.roles import Principal
from frontcheck.sources.model import StoredSource
from frontcheck.store.claims import list_claims
from frontcheck.store.sources import list_sources
from frontcheck.verify.acknowledgements import (
    Position,
    Timeline,
    acknowledgement_timelines,
    subject_matches,
)

__all__ = ["PositionRecord", "ChangeRecord", "AcknowledgementRecord", "acknowledgements"]

#: A statement this short is read whole when its sentence alone does not name the subject
#: ("Peskov called the reports a fake" in a statement about North Korean troops).
SHORT_STATEMENT_CHARS = 1000


@dataclass(frozen=True, slots=True)
class PositionRecord:
    on: str
    stance: str
    quote: str
    claim_id: str
    source_id: int | None
    publisher: str
    url: str


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    on: str
    before: str
    after: str
    quote: str
    claim_id: str


@dataclass(frozen=True, slots=True)
class AcknowledgementRecord:
    actor: str
    summary: str                        # "denied on 2024-10-24, affirmed on 2025-04-26"
    current: str                        # denies, affirms, unconfirmed
    first_denial_on: str | None
    first_denial_quote: str
    first_acknowledgement_on: str | None
    first_acknowledgement_quote: str
    changes: list[ChangeRecord]
    positions: list[PositionRecord]


def _stance(claim: Claim) -> str | None:
    """The stance a claim records on its fact, or None when it records none."""
    fields = claim.fields or {}
    if claim.type == "testimony" and fields.get("topic") == "official_position":
        stance = str(fields.get("value") or "")
        return "denied" if claim.negated and stance == "acknowledged" else stance or None
    if fields.get("framing") == "denied":
        return "denied"
    if claim.type == "participation":
        return "denied" if claim.negated else "asserted"
    return None


def _said_on(claim: Claim, source: StoredSource | None) -> date | None:
    if source is not None:
        try:
            return date.fromisoformat(str(source.meta.get("said_on") or ""))
        except ValueError:
            pass
    if claim.claim_date:
        return claim.claim_date
    return source.published_at.date() if source and source.published_at else None


def _actor(claim: Claim, source: StoredSource | None) -> str:
    if claim.claimant:
        return claim.claimant
    return (source.author or source.publisher) if source else ""


def _position(claim: Claim, source: StoredSource | None, redactor: Redactor) -> Position | None:
    stance, on = _stance(claim), _said_on(claim, source)
    if stance is None or on is None:
        return None
    return Position(redactor.text(_actor(claim, source)), on, stance, redactor.text(claim.quote),
                    f"claim:{claim.id}", redactor.text(source.publisher if source else ""),
                    claim.source_id, redactor.text(source.url if source else
                                                   str(claim.fields.get("source_url", ""))))


def acknowledgements(connection: Connection, caller: Principal, subject: str
                     ) -> list[AcknowledgementRecord]:
    """Per actor, the positions on ``subject`` (matched against each claim's quote, its actor
    and, for a short statement, its whole text), the first denial and acknowledgement, and
    every change of position."""
    if not subject.strip():
        raise InputError(None, "give the fact, e.g. \"DPRK deployment\"", field="SUBJECT")
    redactor = person_redactor(connection)
    claims = [c for c in list_claims(connection) if _stance(c) is not None]
    ids = sorted({c.source_id for c in claims if c.source_id is not None})
    sources = {s.id: s for s in list_sources(connection, ids=ids)} if ids else {}
    positions = []
    for claim in claims:
        source = sources.get(claim.source_id) if claim.source_id is not None else None
        text = claim.quote
        if source is not None and claim.type == "testimony" and \
                len(source.text) <= SHORT_STATEMENT_CHARS:
            text = f"{text}\n{source.text}"
        if not subject_matches(subject, text, claim.actor):
            continue
        position = _position(claim, source, redactor)
        if position is not None:
            positions.append(position)
    return [_record(t) for t in acknowledgement_timelines(positions)]


def _record(timeline: Timeline) -> AcknowledgementRecord:
    def iso(position: Position | None) -> str | None:
        return position.on.isoformat() if position else None

    return AcknowledgementRecord(
        timeline.actor, timeline.summary, timeline.current, iso(timeline.first_denial),
        timeline.first_denial.quote if timeline.first_denial else "",
        iso(timeline.first_acknowledgement),
        timeline.first_acknowledgement.quote if timeline.first_acknowledgement else "",
        [ChangeRecord(c.on.isoformat(), c.before, c.after, c.quote,
                      c.evidence.removeprefix("claim:")) for c in timeline.changes],
        [PositionRecord(p.on.isoformat(), p.stance, p.quote, p.evidence.removeprefix("claim:"),
                        p.source_id, p.publisher, p.url) for p in timeline.positions])

