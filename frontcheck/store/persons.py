"""Persons in the store: upsert from sources, links to sources, the protection flag with its
pseudonym, identifying details, and the protected persons read back. Deciding a protection,
logging it and redacting are ``app.person_protection``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, func, select, update

from frontcheck.errors import NotFoundError
from frontcheck.protect.redaction import ProtectedPerson
from frontcheck.sources.model import PersonMention, SourceItem
from frontcheck.store import schema as s
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


def taken_pseudonyms(connection: Connection) -> list[str]:
    """Every pseudonym given so far (a protection lifted keeps its pseudonym)."""
    return list(connection.scalars(select(s.person.c.pseudonym)
                                   .where(s.person.c.pseudonym.is_not(None))))


def set_protection(connection: Connection, person_id: int, protected: bool,
                   reason: str | None = None, pseudonym: str | None = None) -> None:
    """Write a person's protection flag (with its reason and pseudonym, when given)."""
    values: dict[str, Any] = {"protected": protected}
    if reason is not None:
        values["protected_reason"] = reason
    if pseudonym is not None:
        values["pseudonym"] = pseudonym
    connection.execute(update(s.person).where(s.person.c.id == person_id).values(**values))


def set_details(connection: Connection, person_id: int, details: Mapping[str, Any]) -> None:
    """Write a person's details (descriptions, aliases, identifying details) as given."""
    connection.execute(update(s.person).where(s.person.c.id == person_id)
                       .values(details=dict(details)))


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
