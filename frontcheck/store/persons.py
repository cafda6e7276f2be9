"""Persons in the store: upsert from sources, links to sources, protection with pseudonyms,
identifying details, and the redactor that hides the protected ones.

Every change of a protection flag or of a protected person's details is written to the audit
log in the same transaction (``store.audit``). ``person_redactor`` builds the ``Redactor`` of
the persons protected now, once per set of protected persons (names, pseudonyms, details):
whatever leaves the store through the CLI or the API is redacted with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, func, select, update

from frontcheck.errors import InputError, NotFoundError
from frontcheck.protect.morphology import pymorphy_lexicon
from frontcheck.protect.redaction import DETAIL_KEYS, ProtectedPerson, Redactor
from frontcheck.protect.roles import Principal, checked_reason
from frontcheck.sources.model import PersonMention, SourceItem
from frontcheck.sources.persons import REASONS, ProtectionSuggestion, next_pseudonym
from frontcheck.store import schema as s
from frontcheck.store.audit import SYSTEM, append_entry
from frontcheck.store.engine import insert_ignoring_duplicates, storable_id


def upsert_persons(connection: Connection, mentions: Iterable[PersonMention]) -> dict[str, int]:
    """Person ids by name, creating the persons not stored yet; new descriptions are added to
    ``details["descriptions"]``."""
    described: dict[str, list[str]] = {}
    for mention in mentions:
        bucket = described.setdefault(mention.name, [])
        if mention.description and mention.description not in bucket:
            bucket.append(mention.description)
    if not described:
        return {}
    connection.execute(insert_ignoring_duplicates(s.person, connection),
                       [{"name": n, "protected": False, "protected_reason": "",
                         "pseudonym": None, "details": {"descriptions": d}}
                        for n, d in described.items()])
    rows = connection.execute(select(s.person.c.id, s.person.c.name, s.person.c.details)
                              .where(s.person.c.name.in_(list(described)))).all()
    for row in rows:
        known = list((row.details or {}).get("descriptions", []))
        fresh = [d for d in described[row.name] if d not in known]
        if fresh:   # only persons whose file says something new: few per file
            connection.execute(update(s.person).where(s.person.c.id == row.id).values(
                details={**(row.details or {}), "descriptions": known + fresh}))
    return {row.name: row.id for row in rows}


def link_persons(connection: Connection, items: Sequence[SourceItem],
                 source_ids: dict[str, int]) -> int:
    """Store who each item names, in which role; returns the number of persons involved."""
    ids = upsert_persons(connection, (p for item in items for p in item.persons))
    links = [{"source_id": source_ids[item.item_key], "person_id": ids[p.name], "role": p.role}
             for item in items if item.item_key in source_ids for p in item.persons]
    if links:
        connection.execute(insert_ignoring_duplicates(s.source_person, connection), links)
    return len(ids)


def find_person(connection: Connection, id_or_name: str) -> dict | None:
    """A person by id (digits) or by exact name (case-insensitive), or None."""
    text = id_or_name.strip()
    query = select(s.person)
    if text.isdigit():
        row = (connection.execute(query.where(s.person.c.id == int(text))).first()
               if storable_id(int(text)) else None)
    else:
        row = connection.execute(query.where(func.lower(s.person.c.name) == text.lower())).first()
        if row is None:   # lower() is ASCII-only in SQLite: compare Cyrillic names in Python
            row = next((r for r in connection.execute(query) if r.name.casefold() == text.casefold()),
                       None)
    return dict(row._mapping) if row is not None else None


def find_person_or_pseudonym(connection: Connection, text: str) -> dict:
    """A person by id, exact name or pseudonym (POW-1); ``NotFoundError`` when none."""
    person = find_person(connection, text)
    if person is None:
        row = connection.execute(select(s.person).where(
            func.upper(s.person.c.pseudonym) == text.strip().upper())).first()
        person = dict(row._mapping) if row is not None else None
    if person is None:
        raise NotFoundError(f"no person with id, name or pseudonym {text!r}; "
                            "see `frontcheck persons list`")
    return person


#: A name of fewer letters is no name to redact ("a" would hide every English article).
MIN_NAME_LETTERS = 3


def protect_person(connection: Connection, id_or_name: str, reason: str = "user",
                   actor: Principal = SYSTEM) -> dict:
    """Mark a person protected, giving a stable pseudonym (POW-1, DETAINEE-1, MINOR-1, PERSON-1).

    A name not stored yet is created, so that a person can be protected before a source names
    them; an unknown id is an error. A person protected again keeps the pseudonym first given
    (it may already be cited), and takes the new reason. Logged as ``protect`` (by id and
    pseudonym, never by name).
    """
    if reason not in REASONS:
        raise ValueError(f"reason {reason!r} is not one of {', '.join(REASONS)}")
    person = find_person(connection, id_or_name)
    if person is None and id_or_name.strip().isdigit():
        raise NotFoundError(f"no person with id {id_or_name.strip()}; see `frontcheck persons list`")
    name = person["name"] if person is not None else id_or_name.strip()
    aliases = ((person or {}).get("details") or {}).get("aliases") or []
    if sum(ch.isalpha() for ch in name) < MIN_NAME_LETTERS and not aliases:
        raise InputError(None, f"{name!r} has fewer than {MIN_NAME_LETTERS} letters: redacting it "
                               "would replace those letters in every output; protect the full "
                               "name, or give short forms with `frontcheck persons set-details "
                               "ID --alias`", field="name")
    if person is None:
        ids = upsert_persons(connection, [PersonMention(id_or_name.strip())])
        person = find_person(connection, str(ids[id_or_name.strip()]))
    assert person is not None, "the person was just written"
    pseudonym = person["pseudonym"]
    if not pseudonym:
        taken = connection.scalars(select(s.person.c.pseudonym)
                                   .where(s.person.c.pseudonym.is_not(None)))
        pseudonym = next_pseudonym(reason, taken)
    connection.execute(update(s.person).where(s.person.c.id == person["id"]).values(
        protected=True, protected_reason=reason, pseudonym=pseudonym))
    if not person["protected"] or person["protected_reason"] != reason:
        append_entry(connection, actor, "protect", f"person:{person['id']}",
                     detail={"pseudonym": pseudonym, "reason": reason,
                             "was_protected": bool(person["protected"])})
    return {**person, "protected": True, "protected_reason": reason, "pseudonym": pseudonym}


def protect_suggested(connection: Connection, suggestions: Iterable[ProtectionSuggestion],
                      actor: Principal = SYSTEM) -> list[dict]:
    """Protect the suggested persons not protected yet; returns those newly protected."""
    done = []
    for suggestion in suggestions:
        person = find_person(connection, suggestion.name)
        if person is None or not person["protected"]:
            done.append(protect_person(connection, suggestion.name, suggestion.reason, actor))
    return done


def unprotect_person(connection: Connection, person_id: int, reason: str,
                     actor: Principal) -> dict:
    """Lift a person's protection (an admin's decision, with a reason; logged as
    ``unprotect``). The pseudonym is kept, so that protecting again gives it back."""
    reason = checked_reason(reason)
    person = find_person(connection, str(person_id))
    if person is None:
        raise NotFoundError(f"no person with id {person_id}; see `frontcheck persons list`")
    if not person["protected"]:
        raise InputError(None, f"person {person_id} is not protected")
    connection.execute(update(s.person).where(s.person.c.id == person["id"])
                       .values(protected=False))
    append_entry(connection, actor, "unprotect", f"person:{person['id']}", reason,
                 {"pseudonym": person["pseudonym"], "was_reason": person["protected_reason"]})
    return {**person, "protected": False}


def set_person_details(connection: Connection, id_or_name: str, values: Mapping[str, Any],
                       actor: Principal) -> dict:
    """Record identifying details of a person (``home_town``, ``unit``, ``relatives``,
    ``identifiers``, ``aliases``: a string or a list of strings each; an empty value removes
    the key), which redaction hides for a protected person. Logged as ``person_details``
    with the keys changed, never their values."""
    allowed = set(DETAIL_KEYS) | {"aliases"}
    unknown = set(values) - allowed
    if unknown:
        raise InputError(None, f"unknown detail {', '.join(sorted(unknown))}; "
                               f"use {', '.join(sorted(allowed))}")
    person = find_person(connection, id_or_name)
    if person is None:
        raise NotFoundError(f"no person {id_or_name!r}; see `frontcheck persons list`")
    details = dict(person["details"] or {})
    for key, value in values.items():
        if value in (None, "", [], ()):
            details.pop(key, None)
        else:
            details[key] = value
    connection.execute(update(s.person).where(s.person.c.id == person["id"])
                       .values(details=details))
    append_entry(connection, actor, "person_details", f"person:{person['id']}",
                 detail={"keys": sorted(values), "pseudonym": person["pseudonym"] or "",
                         "protected": bool(person["protected"])})
    return {**person, "details": details}


def list_persons(connection: Connection) -> list[dict]:
    """Every person with protection, pseudonym, roles and the number of sources naming them."""
    links = (select(s.source_person.c.person_id,
                    func.count(func.distinct(s.source_person.c.source_id)).label("sources"))
             .group_by(s.source_person.c.person_id).subquery())
    roles: dict[int, set[str]] = {}
    for person_id, role in connection.execute(select(s.source_person.c.person_id,
                                                     s.source_person.c.role)):
        roles.setdefault(person_id, set()).add(role)
    rows = connection.execute(
        select(s.person, func.coalesce(links.c.sources, 0).label("sources"))
        .outerjoin(links, links.c.person_id == s.person.c.id).order_by(s.person.c.id))
    return [{"id": r.id, "name": r.name, "protected": bool(r.protected),
             "reason": r.protected_reason, "pseudonym": r.pseudonym or "",
             "roles": ",".join(sorted(roles.get(r.id, ()))), "sources": r.sources,
             "descriptions": (r.details or {}).get("descriptions", [])} for r in rows]


def protected_names(connection: Connection) -> dict[str, str]:
    """Name → pseudonym of every protected person."""
    return dict(connection.execute(select(s.person.c.name, s.person.c.pseudonym)
                                   .where(s.person.c.protected.is_(True))).all())


def protected_persons(connection: Connection) -> tuple[ProtectedPerson, ...]:
    """Every protected person with the details redaction hides, in id order."""
    rows = connection.execute(select(s.person.c.name, s.person.c.pseudonym, s.person.c.details)
                              .where(s.person.c.protected.is_(True)).order_by(s.person.c.id))
    return tuple(ProtectedPerson.from_details(r.name, r.pseudonym, r.details) for r in rows)


@lru_cache(maxsize=8)
def _redactor(persons: tuple[ProtectedPerson, ...]) -> Redactor:
    return Redactor(persons, pymorphy_lexicon() if persons else None)


def person_redactor(connection: Connection) -> Redactor:
    """The redactor of the persons protected now (built once per set of protected persons
    and their details, then reused by every request and command)."""
    return _redactor(protected_persons(connection))


def redacted_person(row: dict, redactor: Redactor) -> dict:
    """A ``list_persons`` row as a viewer sees it: a protected person by pseudonym, every
    description redacted."""
    shown = dict(row)
    if row.get("protected"):
        shown["name"] = row.get("pseudonym") or "[protected]"
    shown["descriptions"] = [redactor.text(d) for d in row.get("descriptions", [])]
    return shown


def source_persons(connection: Connection, source_ids: Sequence[int]) -> dict[int, list[dict]]:
    """The persons each source names:
    ``{source_id: [{id, name, role, protected, pseudonym, descriptions}]}``."""
    if not source_ids:
        return {}
    rows = connection.execute(
        select(s.source_person.c.source_id, s.source_person.c.role, s.person.c.id,
               s.person.c.name, s.person.c.protected, s.person.c.pseudonym, s.person.c.details)
        .join(s.person, s.person.c.id == s.source_person.c.person_id)
        .where(s.source_person.c.source_id.in_(list(source_ids)))
        .order_by(s.source_person.c.source_id, s.person.c.id))
    found: dict[int, list[dict]] = {}
    for r in rows:
        found.setdefault(r.source_id, []).append(
            {"id": r.id, "name": r.name, "role": r.role, "protected": bool(r.protected),
             "pseudonym": r.pseudonym or "",
             "descriptions": (r.details or {}).get("descriptions", [])})
    return found


def spoken_source_ids(connection: Connection, person_id: int) -> list[int]:
    """The sources in which the person speaks (interviews, statements)."""
    return list(connection.scalars(
        select(s.source_person.c.source_id).where(s.source_person.c.person_id == person_id,
                                                  s.source_person.c.role == "speaker")))
