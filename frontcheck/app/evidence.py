"""What the analyst's jobs share about a piece of evidence: a claim or a source with its
grades (Admiralty and the empirical track record), its verdict against the map now, and the
words a person reads, every text redacted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from frontcheck.app.verify import track_records_of, verdict_records
from frontcheck.claims.model import Claim
from frontcheck.protect.redaction import Redactor
from frontcheck.sources.admiralty import DEFAULT_CREDIBILITY, DEFAULT_RELIABILITY
from frontcheck.sources.model import StoredSource
from frontcheck.store.claims import list_claims
from frontcheck.store.sources import list_sources
from frontcheck.store.verify import admiralty_grades, claim_publishers
from frontcheck.verify.summary import describe
from frontcheck.verify.territorial import VerdictRules
from frontcheck.verify.track_record import claimant_key

#: How much of a source's text an evidence item shows.
QUOTE_CHARS = 300


@dataclass(frozen=True, slots=True)
class EvidenceFacts:
    """A claim or source as evidence: where it comes from, how it is graded, its verdict."""

    ref: str                 # claim:<id> or source:<id>
    claim_id: str | None
    source_id: int | None
    statement: str
    quote: str
    claimant: str
    publisher: str
    said_on: date | None
    url: str
    reliability: str         # Admiralty A-F of the publisher
    credibility: str         # Admiralty 1-6 of the item
    empirical_grade: str     # of the claimant's (else the publisher's) track record; F unjudged
    verdict: str             # against the map now; "unchecked" when the map cannot test it


def _clip(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def empirical_grades(connection: Connection, rules: VerdictRules, tracker: str
                     ) -> dict[tuple[str, str], str]:
    """(group, name) → empirical grade, from every stored territorial claim's verdict now."""
    return {(r.group, r.name): r.empirical_grade
            for r in track_records_of(connection, rules, tracker)}


def _empirical(grades: dict[tuple[str, str], str], claimant: str, publisher: str) -> str:
    by_claimant = grades.get(("claimant", claimant_key(claimant)), "F") if claimant else "F"
    return by_claimant if by_claimant != "F" else grades.get(("publisher", publisher), "F")


def evidence_facts(connection: Connection, claim_ids: list[str], source_ids: list[int],
                   redactor: Redactor, rules: VerdictRules | None = None,
                   tracker: str = "deepstate") -> dict[str, EvidenceFacts]:
    """ref → facts of each claim and source named (unknown ids are left out). Without
    ``rules`` no verdict or track record is computed (the map is not read): verdicts are
    "unchecked" and empirical grades F."""
    claims = [c for c in list_claims(connection) if c.id in set(claim_ids)] if claim_ids else []
    ids = sorted({c.source_id for c in claims if c.source_id is not None} | set(source_ids))
    sources = {src.id: src for src in list_sources(connection, ids=ids)} if ids else {}
    verdicts = {v.claim_id: v.verdict for v in verdict_records(connection, claims, rules, tracker)
                } if rules is not None else {}
    grades = empirical_grades(connection, rules, tracker) if rules is not None else {}
    hosts = claim_publishers(connection, claims)
    reliability = admiralty_grades(connection)
    out = {}
    for claim in claims:
        source = sources.get(claim.source_id) if claim.source_id is not None else None
        out[f"claim:{claim.id}"] = _claim_facts(claim, source, hosts.get(claim.id, ""),
                                                reliability, grades, verdicts, redactor)
    for source_id in source_ids:
        if source_id in sources:
            out[f"source:{source_id}"] = _source_facts(sources[source_id], grades, redactor)
    return out


def _claim_facts(claim: Claim, source: StoredSource | None, host: str,
                 reliability: dict[str, str], grades: dict[tuple[str, str], str],
                 verdicts: dict[str, str],
                 redactor: Redactor) -> EvidenceFacts:
    publisher = source.publisher if source else host
    return EvidenceFacts(
        f"claim:{claim.id}", claim.id, claim.source_id, redactor.text(describe(claim)),
        redactor.text(_clip(claim.quote)), redactor.text(claim.claimant),
        redactor.text(publisher), claim.claim_date,
        redactor.text(source.url if source else str(claim.fields.get("source_url", ""))),
        source.reliability if source else reliability.get(host, DEFAULT_RELIABILITY),
        source.credibility if source else DEFAULT_CREDIBILITY,
        _empirical(grades, claim.claimant, publisher), verdicts.get(claim.id, "unchecked"))


def _source_facts(source: StoredSource, grades: dict[tuple[str, str], str], redactor: Redactor,
                  ) -> EvidenceFacts:
    return EvidenceFacts(
        f"source:{source.id}", None, source.id,
        redactor.text(f"{source.kind} by {source.author or source.publisher or '?'}"),
        redactor.text(_clip(source.text)), redactor.text(source.author),
        redactor.text(source.publisher),
        source.published_at.date() if source.published_at else None, redactor.text(source.url),
        source.reliability, source.credibility, _empirical(grades, "", source.publisher),
        "unchecked")
