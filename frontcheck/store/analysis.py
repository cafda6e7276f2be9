"""Corroboration, contradictions and witness consistency over the stored claims.

Loads the claims with their sources, replaces protected persons' names by their pseudonyms
(claimants, quotes, authors), calls the core (``verify.corroboration``,
``verify.contradictions``, ``verify.witness``) and returns the records the CLI prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from datetime import date

from sqlalchemy import Connection, select

from frontcheck.claims.model import Claim
from frontcheck.errors import NotFoundError
from frontcheck.protect.redaction import Redactor
from frontcheck.sources.admiralty import DEFAULT_CREDIBILITY, DEFAULT_RELIABILITY
from frontcheck.sources.model import StoredSource
from frontcheck.store import schema as s
from frontcheck.store.claims import list_claims
from frontcheck.store.persons import find_person_or_pseudonym, person_redactor
from frontcheck.store.sources import list_sources
from frontcheck.store.verify import admiralty_grades, claim_publishers
from frontcheck.verify.comparison import DEFAULT_RULES, ComparisonRules, SourcedClaim, SourceInfo
from frontcheck.verify.contradictions import find_contradictions
from frontcheck.verify.corroboration import corroborate
from frontcheck.verify.witness import Statement, own_words, witness_consistency


def _redacted(claim: Claim, redactor: Redactor) -> Claim:
    return replace(claim, claimant=redactor.text(claim.claimant), quote=redactor.text(claim.quote))


def _source_info(source: StoredSource, redactor: Redactor) -> SourceInfo:
    return SourceInfo(
        key=f"source:{source.id}", publisher=redactor.text(source.publisher),
        grade=source.grade, kind=source.kind, author=redactor.text(source.author),
        forwarded_from=redactor.text(str(source.meta.get("forwarded_from") or "")),
        published_on=source.published_at.date() if source.published_at else None,
        source_id=source.id, said_on=_said_on(source))


def _said_on(source: StoredSource) -> date | None:
    """When the speaker said it (the statements CSV's ``said_on``), else None."""
    try:
        return date.fromisoformat(str(source.meta.get("said_on") or ""))
    except ValueError:
        return None


def sourced_claims(connection: Connection, claims: Sequence[Claim],
                   redactor: Redactor) -> list[SourcedClaim]:
    """Each claim with its source, names redacted. A claim imported without a stored source
    is read at the host of its URL, graded with that publisher's reliability (F when none
    was given) and credibility 6."""
    ids = sorted({c.source_id for c in claims if c.source_id is not None})
    sources = {src.id: _source_info(src, redactor)
               for src in (list_sources(connection, ids=ids) if ids else [])}
    curated = [c for c in claims if c.source_id is None]
    hosts = claim_publishers(connection, curated) if curated else {}
    grades = admiralty_grades(connection) if curated else {}
    out = []
    for claim in claims:
        source = sources.get(claim.source_id) if claim.source_id is not None else None
        if source is None:
            host = hosts.get(claim.id, "")
            source = SourceInfo(key=f"curated:{claim.id}", publisher=host,
                                grade=grades.get(host, DEFAULT_RELIABILITY) + DEFAULT_CREDIBILITY,
                                kind="curated", published_on=claim.claim_date)
        out.append(SourcedClaim(_redacted(claim, redactor), source))
    return out


def contradiction_rows(connection: Connection, kinds: Iterable[str] | None = None,
                       rules: ComparisonRules = DEFAULT_RULES) -> list[dict]:
    """The ``contradictions --format json`` records: conflicting pairs among all stored claims."""
    redactor = person_redactor(connection)
    items = sourced_claims(connection, list_claims(connection), redactor)
    return [redactor.deep(asdict(c)) for c in find_contradictions(items, rules, kinds)]


def corroboration_rows(connection: Connection, claim_id: str | None = None,
                       rules: ComparisonRules = DEFAULT_RULES) -> list[dict]:
    """The ``corroboration --format json`` records: every stored claim (or the one named)
    with its independent sources for and against."""
    claims = list_claims(connection)
    if claim_id is not None and not any(c.id == claim_id for c in claims):
        raise NotFoundError(f"no claim with id {claim_id!r}; see `frontcheck claims list`")
    redactor = person_redactor(connection)
    items = sourced_claims(connection, claims, redactor)
    wanted = None if claim_id is None else [claim_id]
    return [redactor.deep(asdict(c)) for c in corroborate(items, rules, wanted)]


def find_witness(connection: Connection, name_or_id: str) -> dict:
    """A person by id, name or pseudonym (POW-1), with ``label``: the pseudonym of a protected
    person, else the name."""
    person = find_person_or_pseudonym(connection, name_or_id)
    label = person["pseudonym"] if person["protected"] and person["pseudonym"] else person["name"]
    return {**person, "label": label}


def _turns(source: StoredSource, name: str) -> list[tuple[int, int]] | None:
    """The character ranges of the source text that ``name`` speaks, or None when the source
    has no turns (a statement is its speaker's throughout)."""
    turns = source.meta.get("turns") or []
    if not turns:
        return None
    return [(int(t["start"]), int(t["end"])) for t in turns
            if str(t.get("speaker", "")).casefold() == name.casefold()]


def witness_statements(connection: Connection, person: dict) -> list[Statement]:
    """The interviews and statements in which ``person`` speaks, each with his own claims,
    names redacted."""
    ids = list(connection.scalars(
        select(s.source_person.c.source_id).where(s.source_person.c.person_id == person["id"],
                                                  s.source_person.c.role == "speaker")))
    if not ids:
        return []
    redactor = person_redactor(connection)
    claims = list_claims(connection, source_ids=ids)
    statements = []
    for source in list_sources(connection, ids=ids):
        info = _source_info(source, redactor)
        mine = own_words([_redacted(c, redactor) for c in claims if c.source_id == source.id],
                         _turns(source, person["name"]),
                         {person["label"], info.author, info.publisher})
        statements.append(Statement(info, info.said_on or info.published_on, mine))
    return statements


def witness_rows(connection: Connection, name_or_id: str,
                 rules: ComparisonRules = DEFAULT_RULES) -> tuple[dict, list[dict]]:
    """The person (with ``label`` and ``statements``, never the name of a protected person)
    and the ``witness --format json`` records."""
    person = find_witness(connection, name_or_id)
    statements = witness_statements(connection, person)
    redactor = person_redactor(connection)
    rows = [redactor.deep({"witness": person["label"], **asdict(item)})
            for item in witness_consistency(statements, rules)]
    shown = {"id": person["id"], "label": person["label"], "protected": bool(person["protected"]),
             "statements": len(statements)}
    return shown, rows
