"""Analysis jobs: corroboration, contradictions and witness consistency over the stored claims.

Loads the claims with their sources, replaces protected persons' names by their pseudonyms
(claimants, quotes, authors), calls the core (``verify.corroboration``,
``verify.contradictions``, ``verify.witness``) and returns the records both faces give.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date

from sqlalchemy import Connection

from frontcheck.app.protection import Export, log_export, redacted, redactor_for
from frontcheck.claims.model import Claim
from frontcheck.errors import NotFoundError
from frontcheck.protect.redaction import Redactor
from frontcheck.protect.roles import Principal
from frontcheck.sources.admiralty import DEFAULT_CREDIBILITY, DEFAULT_RELIABILITY
from frontcheck.sources.model import StoredSource
from frontcheck.store.audit import log_event
from frontcheck.store.claims import list_claims
from frontcheck.store.persons import find_person_or_pseudonym, spoken_source_ids
from frontcheck.store.sources import list_sources
from frontcheck.store.verify import admiralty_grades, claim_publishers
from frontcheck.verify.comparison import DEFAULT_RULES, ComparisonRules, SourcedClaim, SourceInfo
from frontcheck.verify.contradictions import Contradiction, find_contradictions
from frontcheck.verify.corroboration import Corroboration, corroborate
from frontcheck.verify.witness import Statement, WitnessItem, own_words, witness_consistency


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


def contradictions(connection: Connection, caller: Principal, kinds: Iterable[str] | None = None,
                   rules: ComparisonRules = DEFAULT_RULES,
                   export: Export | None = None) -> list[Contradiction]:
    """``contradictions``: conflicting pairs among all stored claims, names redacted."""
    redactor = redactor_for(connection)
    items = sourced_claims(connection, list_claims(connection), redactor)
    records = [redacted(c, redactor) for c in find_contradictions(items, rules, kinds)]
    log_export(connection.engine, caller, "claims:contradictions", export, len(records))
    return records


def corroboration(connection: Connection, caller: Principal, claim_id: str | None = None,
                  rules: ComparisonRules = DEFAULT_RULES,
                  export: Export | None = None) -> list[Corroboration]:
    """``corroboration``: every stored claim (or the one named) with its independent sources
    for and against, names redacted."""
    claims = list_claims(connection)
    if claim_id is not None and not any(c.id == claim_id for c in claims):
        raise NotFoundError(f"no claim with id {claim_id!r}; see `frontcheck claims list`")
    redactor = redactor_for(connection)
    items = sourced_claims(connection, claims, redactor)
    wanted = None if claim_id is None else [claim_id]
    records = [redacted(c, redactor) for c in corroborate(items, rules, wanted)]
    log_export(connection.engine, caller, "claims:corroboration", export, len(records))
    return records


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person whose statements ``witness`` compares, with ``label``: the pseudonym of a
    protected person, else the name. Internal to the job: the name is never returned."""

    id: int
    name: str
    pseudonym: str | None
    protected: bool
    label: str


def find_witness(connection: Connection, name_or_id: str) -> Speaker:
    """A person by id, name or pseudonym (POW-1)."""
    person = find_person_or_pseudonym(connection, name_or_id)
    protected = bool(person["protected"])
    label = person["pseudonym"] if protected and person["pseudonym"] else person["name"]
    return Speaker(person["id"], person["name"], person["pseudonym"], protected, label)


def _turns(source: StoredSource, name: str) -> list[tuple[int, int]] | None:
    """The character ranges of the source text that ``name`` speaks, or None when the source
    has no turns (a statement is its speaker's throughout)."""
    turns = source.meta.get("turns") or []
    if not turns:
        return None
    return [(int(t["start"]), int(t["end"])) for t in turns
            if str(t.get("speaker", "")).casefold() == name.casefold()]


def witness_statements(connection: Connection, person: Speaker) -> list[Statement]:
    """The interviews and statements in which ``person`` speaks, each with his own claims,
    names redacted."""
    ids = spoken_source_ids(connection, person.id)
    if not ids:
        return []
    redactor = redactor_for(connection)
    claims = list_claims(connection, source_ids=ids)
    statements = []
    for source in list_sources(connection, ids=ids):
        info = _source_info(source, redactor)
        mine = own_words([_redacted(c, redactor) for c in claims if c.source_id == source.id],
                         _turns(source, person.name),
                         {person.label, info.author, info.publisher})
        statements.append(Statement(info, info.said_on or info.published_on, mine))
    return statements


@dataclass(frozen=True, slots=True)
class WitnessPerson:
    """A speaker: a protected person only by pseudonym (``label``)."""

    id: int
    label: str
    protected: bool
    statements: int


@dataclass(frozen=True, slots=True)
class WitnessEntry:
    """One subject of a speaker's statements, in time order (``witness --format json``)."""

    witness: str
    subject: str
    type: str
    status: str
    change: str
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

    @classmethod
    def of(cls, witness: str, item: WitnessItem) -> WitnessEntry:
        return cls(witness, **asdict(item))


@dataclass(frozen=True, slots=True)
class Witness:
    """A speaker and his statements' subjects (``/api/witnesses/{person}``)."""

    person: WitnessPerson
    items: list[WitnessEntry]


#: The one answer for a person the API will not name: unknown, or protected and asked for by
#: name. It repeats nothing of what was asked (a redacted echo would confirm the name).
NO_SUCH_PERSON = "no such person; give an id or pseudonym from /api/persons"


def witness(connection: Connection, caller: Principal, name_or_id: str,
            rules: ComparisonRules = DEFAULT_RULES, via: str = "cli",
            export: Export | None = None) -> Witness:
    """``witness``: one speaker's claims across his statements in time order, each
    consistent, changed or new; ``name_or_id`` an id, a name or a pseudonym (POW-1). Through
    the API a protected person asked for by name answers exactly as an unknown name does
    (``NotFoundError``, nothing repeated) and the look-up is logged: the API never confirms a
    guessed name. An export is logged."""
    try:
        person = find_witness(connection, name_or_id)
    except NotFoundError:
        if via == "api":
            raise NotFoundError(NO_SUCH_PERSON) from None
        raise
    asked = name_or_id.strip()
    by_name = not asked.isdigit() and asked.upper() != (person.pseudonym or "").upper()
    if via == "api" and person.protected and by_name:
        log_event(connection.engine, caller, "person_lookup", f"person:{person.id}", "",
                  {"via": "api", "by": "name", "answered": "as unknown",
                   "pseudonym": person.pseudonym})
        raise NotFoundError(NO_SUCH_PERSON)
    statements = witness_statements(connection, person)
    redactor = redactor_for(connection)
    items = [redacted(WitnessEntry.of(person.label, item), redactor)
             for item in witness_consistency(statements, rules)]
    shown = WitnessPerson(person.id, person.label, person.protected, len(statements))
    log_export(connection.engine, caller, f"person:{person.id}:witness", export, len(items))
    return Witness(shown, items)
