"""Speaker identities: one record per claimant or publisher, whatever language or spelling
names it (issue 15).

Jobs for both faces: the identities with their names (``list_identities``), a name added to an
identity or split from it by hand (``add_alias``, ``remove_alias``, logged in the audit chain),
and the track records computed per identity (``app.verify.track_records_of``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sqlalchemy import Connection, Engine

from frontcheck.app.person_protection import person_redactor
from frontcheck.protect.roles import AccessError, Principal, Role
from frontcheck.sources.speakers import (
    SpeakerAlias,
    SpeakerIdentities,
    parse_speaker_aliases,
    speaker_identities,
    speaker_key,
)
from frontcheck.store.audit import append_entry
from frontcheck.store.speakers import drop_alias, manual_aliases, put_alias, speaker_names

CURATED_FILE = "speaker_aliases.csv"


@cache
def curated_aliases() -> tuple[SpeakerAlias, ...]:
    """The shipped alias list (``frontcheck/data/speaker_aliases.csv``, sources in its .md)."""
    data = resources.files("frontcheck.data").joinpath(CURATED_FILE).read_bytes()
    return parse_speaker_aliases(data, f"frontcheck/data/{CURATED_FILE}")


def identities(connection: Connection) -> SpeakerIdentities:
    """The curated list with the user's aliases and removals on top."""
    return speaker_identities(curated_aliases(), manual_aliases(connection))


@dataclass(frozen=True, slots=True)
class SpeakerName:
    """One name of an identity: how it is merged, and how often the store uses it."""

    name: str
    origin: str          # own (the identity's name), normalised, curated, manual
    claims: int          # claims with this claimant
    sources: int         # sources with this publisher


@dataclass(frozen=True, slots=True)
class IdentityRecord:
    """An identity and its names (``sources alias LIST --format json``)."""

    identity: str
    names: tuple[SpeakerName, ...]
    claims: int
    sources: int


def list_identities(connection: Connection, caller: Principal,
                    merged_only: bool = False) -> list[IdentityRecord]:
    """Every identity the store's claimants and publishers belong to, with the names merged
    into it; ``merged_only`` keeps those with more than one name."""
    found = identities(connection)
    used = speaker_names(connection)
    curated = {speaker_key(a.alias): "curated" for a in curated_aliases()}
    manual = {speaker_key(a.alias): a.origin for a in manual_aliases(connection)}
    names: dict[str, set[str]] = defaultdict(set)
    for group in ("claimant", "publisher"):
        for name in used[group]:
            names[found.identity_of(name)].add(name)
    out = []
    for identity, spelled in sorted(names.items(), key=lambda kv: kv[0].casefold()):
        rows = []
        for name in sorted(spelled, key=str.casefold):
            key = speaker_key(name)
            origin = ("own" if name == identity else manual.get(key) or curated.get(key)
                      or "normalised")
            rows.append(SpeakerName(name, origin, used["claimant"].get(name, 0),
                                    used["publisher"].get(name, 0)))
        if merged_only and len(rows) < 2:
            continue
        out.append(IdentityRecord(identity, tuple(rows), sum(r.claims for r in rows),
                                  sum(r.sources for r in rows)))
    # a protected person can be a claimant (a prisoner interviewed): never by name
    redactor = person_redactor(connection)
    return [IdentityRecord(redactor.text(r.identity),
                           tuple(SpeakerName(redactor.text(n.name), n.origin, n.claims, n.sources)
                                 for n in r.names), r.claims, r.sources) for r in out]


def _require_editor(caller: Principal) -> None:
    if caller.role is Role.viewer:
        raise AccessError(f"{caller.name} is a viewer: only an analyst or an admin may merge "
                          "or split speakers")


def add_alias(engine: Engine, caller: Principal, alias: str, identity: str) -> str:
    """Merge the speaker ``alias`` into ``identity`` (by hand), logged; the identity's
    display name it joined (the identity ``identity`` itself belongs to, if any)."""
    _require_editor(caller)
    alias, identity = alias.strip(), identity.strip()
    if not alias or not identity:
        raise ValueError("both the alias and the identity must be non-empty")
    with engine.begin() as connection:
        target = identities(connection).identity_of(identity)
        if speaker_key(alias) == speaker_key(target):
            return target
        put_alias(connection, alias, target, "manual", caller.label)
        redactor = person_redactor(connection)
        append_entry(connection, caller, "speaker_alias_add", redactor.text(alias), "",
                     {"identity": redactor.text(target)})
    return redactor.text(target)


def remove_alias(engine: Engine, caller: Principal, alias: str) -> str:
    """Split ``alias`` from the identity it was merged into (a curated or manual merge), so
    it has its own record again, logged; the identity it left."""
    _require_editor(caller)
    alias = alias.strip()
    with engine.begin() as connection:
        left = identities(connection).identity_of(alias)
        drop_alias(connection, alias)
        if identities(connection).identity_of(alias) != alias.strip():
            put_alias(connection, alias, alias, "removed", caller.label)
        redactor = person_redactor(connection)
        append_entry(connection, caller, "speaker_alias_remove", redactor.text(alias), "",
                     {"identity": redactor.text(left)})
    return redactor.text(left)
