"""Protecting persons: the decision to protect or lift a protection (with a stable pseudonym),
identifying details, each logged to the audit chain in the caller's transaction, and the
redactor of the persons protected now, built once per set of protected persons (names,
pseudonyms, details): whatever leaves the store through the CLI or the API is redacted with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection

from frontcheck.errors import InputError, NotFoundError
from frontcheck.protect.morphology import pymorphy_lexicon
from frontcheck.protect.redaction import DETAIL_KEYS, ProtectedPerson, Redactor
from frontcheck.protect.roles import Principal, checked_reason
from frontcheck.sources.model import PersonMention
from frontcheck.sources.persons import REASONS, ProtectionSuggestion, next_pseudonym
from frontcheck.store import persons as store_persons
from frontcheck.store.audit import SYSTEM, append_entry

#: A name of fewer letters is no name to redact ("a" would hide every English article).
MIN_NAME_LETTERS = 3


def protect_person(connection: Connection, id_or_name: str, reason: str = "user",
                   actor: Principal = SYSTEM) -> dict[str, Any]:
    """Mark a person protected, giving a stable pseudonym (POW-1, DETAINEE-1, MINOR-1, PERSON-1).

    A name not stored yet is created, so that a person can be protected before a source names
    them; an unknown id is an error. A person protected again keeps the pseudonym first given
    (it may already be cited), and takes the new reason. Logged as ``protect`` (by id and
    pseudonym, never by name).
    """
    if reason not in REASONS:
        raise ValueError(f"reason {reason!r} is not one of {', '.join(REASONS)}")
    person = store_persons.find_person(connection, id_or_name)
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
        ids = store_persons.upsert_persons(connection, [PersonMention(id_or_name.strip())])
        person = store_persons.find_person(connection, str(ids[id_or_name.strip()]))
    assert person is not None, "the person was just written"
    pseudonym = person["pseudonym"]
    if not pseudonym:
        pseudonym = next_pseudonym(reason, store_persons.taken_pseudonyms(connection))
    store_persons.set_protection(connection, person["id"], True, reason, pseudonym)
    if not person["protected"] or person["protected_reason"] != reason:
        append_entry(connection, actor, "protect", f"person:{person['id']}",
                     detail={"pseudonym": pseudonym, "reason": reason,
                             "was_protected": bool(person["protected"])})
    return {**person, "protected": True, "protected_reason": reason, "pseudonym": pseudonym}


def protect_suggested(connection: Connection, suggestions: Iterable[ProtectionSuggestion],
                      actor: Principal = SYSTEM) -> list[dict[str, Any]]:
    """Protect the suggested persons not protected yet; returns those newly protected."""
    done = []
    for suggestion in suggestions:
        person = store_persons.find_person(connection, suggestion.name)
        if person is None or not person["protected"]:
            done.append(protect_person(connection, suggestion.name, suggestion.reason, actor))
    return done


def unprotect_person(connection: Connection, person_id: int, reason: str,
                     actor: Principal) -> dict[str, Any]:
    """Lift a person's protection (an admin's decision, with a reason; logged as
    ``unprotect``). The pseudonym is kept, so that protecting again gives it back."""
    reason = checked_reason(reason)
    person = store_persons.find_person(connection, str(person_id))
    if person is None:
        raise NotFoundError(f"no person with id {person_id}; see `frontcheck persons list`")
    if not person["protected"]:
        raise InputError(None, f"person {person_id} is not protected")
    store_persons.set_protection(connection, person["id"], False)
    append_entry(connection, actor, "unprotect", f"person:{person['id']}", reason,
                 {"pseudonym": person["pseudonym"], "was_reason": person["protected_reason"]})
    return {**person, "protected": False}


def set_person_details(connection: Connection, id_or_name: str, values: Mapping[str, Any],
                       actor: Principal) -> dict[str, Any]:
    """Record identifying details of a person (``home_town``, ``unit``, ``relatives``,
    ``identifiers``, ``aliases``: a string or a list of strings each; an empty value removes
    the key), which redaction hides for a protected person. Logged as ``person_details``
    with the keys changed, never their values."""
    allowed = set(DETAIL_KEYS) | {"aliases"}
    unknown = set(values) - allowed
    if unknown:
        raise InputError(None, f"unknown detail {', '.join(sorted(unknown))}; "
                               f"use {', '.join(sorted(allowed))}")
    person = store_persons.find_person(connection, id_or_name)
    if person is None:
        raise NotFoundError(f"no person {id_or_name!r}; see `frontcheck persons list`")
    details = dict(person["details"] or {})
    for key, value in values.items():
        if value in (None, "", [], ()):
            details.pop(key, None)
        else:
            details[key] = value
    store_persons.set_details(connection, person["id"], details)
    append_entry(connection, actor, "person_details", f"person:{person['id']}",
                 detail={"keys": sorted(values), "pseudonym": person["pseudonym"] or "",
                         "protected": bool(person["protected"])})
    return {**person, "details": details}


@lru_cache(maxsize=8)
def _redactor(persons: tuple[ProtectedPerson, ...]) -> Redactor:
    return Redactor(persons, pymorphy_lexicon() if persons else None)


def person_redactor(connection: Connection) -> Redactor:
    """The redactor of the persons protected now (built once per set of protected persons
    and their details, then reused by every request and command)."""
    return _redactor(store_persons.protected_persons(connection))


def redacted_person(row: dict[str, Any], redactor: Redactor) -> dict[str, Any]:
    """A ``list_persons`` row as a viewer sees it: a protected person by pseudonym, every
    description redacted."""
    shown = dict(row)
    if row.get("protected"):
        shown["name"] = row.get("pseudonym") or "[protected]"
    shown["descriptions"] = [redactor.text(d) for d in row.get("descriptions", [])]
    return shown
