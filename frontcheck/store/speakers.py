"""The user's speaker aliases (``speaker_alias``): names merged into an identity by hand, or
split from one (``frontcheck sources alias``)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, delete, func, insert, select

from frontcheck.sources.speakers import SpeakerAlias, speaker_key
from frontcheck.store.schema import claim, source, speaker_alias


def manual_aliases(connection: Connection) -> tuple[SpeakerAlias, ...]:
    """The user's aliases and removals, oldest first (later ones win)."""
    rows = connection.execute(select(speaker_alias).order_by(speaker_alias.c.created_at))
    return tuple(SpeakerAlias(r.identity, r.alias, r.origin, r.actor) for r in rows)


def put_alias(connection: Connection, alias: str, identity: str, origin: str, actor: str) -> None:
    """Record that ``alias`` names ``identity`` (origin ``manual``) or no longer does
    (``removed``); replaces what was recorded for the same name."""
    key = speaker_key(alias)
    connection.execute(delete(speaker_alias).where(speaker_alias.c.alias_key == key))
    connection.execute(insert(speaker_alias), {
        "alias_key": key, "alias": alias, "identity": identity, "origin": origin, "actor": actor,
        "created_at": datetime.now(UTC)})


def drop_alias(connection: Connection, alias: str) -> int:
    """Forget the user's record for ``alias``; the number of rows removed."""
    return connection.execute(delete(speaker_alias).where(
        speaker_alias.c.alias_key == speaker_key(alias))).rowcount


def speaker_names(connection: Connection) -> dict[str, dict[str, int]]:
    """Every claimant and publisher name in the store with how many claims or sources use it:
    ``{"claimant": {name: n}, "publisher": {name: n}}``."""
    claimants: dict[str, int] = dict(connection.execute(
        select(claim.c.claimant, func.count()).group_by(claim.c.claimant)).all())
    publishers: dict[str, int] = dict(connection.execute(
        select(source.c.publisher, func.count()).group_by(source.c.publisher)).all())
    return {"claimant": {k: v for k, v in claimants.items() if k},
            "publisher": {k: v for k, v in publishers.items() if k}}
