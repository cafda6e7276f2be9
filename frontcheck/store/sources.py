"""The evidence ledger in the store: one file's blob row, publishers, sources and persons
written (in the caller's transaction), sources read back, the blobs checked. Reading and
checking the files is ``app.source_ingest``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import Connection, Engine, func, select, update

from frontcheck.errors import NotFoundError
from frontcheck.sources.admiralty import DEFAULT_RELIABILITY
from frontcheck.sources.model import PersonMention, SourceItem, StoredSource
from frontcheck.store import schema as s
from frontcheck.store.blobs import blob_path, blob_root, file_sha256
from frontcheck.store.engine import insert_ignoring_duplicates, storable_id
from frontcheck.store.persons import link_persons, source_persons

BATCH = 5000


#: Formats whose items carry their own ids, which identify them across files.
IDENTIFIED_FORMATS = ("telegram", "acled", "tracker-log")


def item_identity(format_name: str, item: SourceItem) -> str | None:
    """An item's identity across files (``source_identity``), None for formats whose items
    are identified by their file (transcripts, articles, statement tables)."""
    if format_name not in IDENTIFIED_FORMATS:
        return None
    return "\x1f".join((format_name, item.publisher, item.item_key))


def blob_hashes(connection: Connection) -> set[str]:
    """The sha256 of every file the ledger holds."""
    return set(connection.scalars(select(s.blob.c.sha256)))


def write_file(connection: Connection, original_name: str, data: bytes, sha256: str,
               items: Sequence[SourceItem], format_name: str = "") -> tuple[int, int]:
    """Write one file's blob row, publishers, sources and persons; returns the sources written
    and the items skipped because the store holds them already (``item_identity``)."""
    now = datetime.now(UTC)
    identities = {item.item_key: item_identity(format_name, item) for item in items}
    wanted = [i for i in identities.values() if i is not None]
    known: set[str] = set()
    for start in range(0, len(wanted), 500):
        known.update(connection.scalars(select(s.source_identity.c.identity).where(
            s.source_identity.c.identity.in_(wanted[start:start + 500]))))
    skipped = sum(1 for item in items if identities[item.item_key] in known)
    items = [item for item in items if identities[item.item_key] not in known]
    connection.execute(insert_ignoring_duplicates(s.blob, connection),
                       [{"sha256": sha256, "size": len(data), "original_name": original_name,
                         "stored_at": now}])
    publishers = sorted({i.publisher for i in items if i.publisher})
    if publishers:
        connection.execute(insert_ignoring_duplicates(s.publisher, connection),
                           [{"name": p, "reliability": DEFAULT_RELIABILITY, "note": ""}
                            for p in publishers])
    rows = [_source_row(item, sha256, now) for item in items]
    for start in range(0, len(rows), BATCH):
        connection.execute(insert_ignoring_duplicates(s.source, connection),
                           rows[start:start + BATCH])
    ids = dict(connection.execute(select(s.source.c.item_key, s.source.c.id)
                                  .where(s.source.c.blob_sha256 == sha256)).all())
    link_persons(connection, items, ids)
    new_identities = [{"identity": identities[key], "source_id": source_id}
                      for key, source_id in ids.items()
                      if identities.get(key) is not None and identities[key] not in known]
    if new_identities:
        connection.execute(insert_ignoring_duplicates(s.source_identity, connection),
                           new_identities)
    return len(rows), skipped


def _source_row(item: SourceItem, sha256: str, now: datetime) -> dict:
    offset = item.published_at.utcoffset() if item.published_at else None
    return {
        "blob_sha256": sha256, "item_key": item.item_key, "kind": item.kind,
        "publisher": item.publisher, "author": item.author,
        "published_at": item.published_at.astimezone(UTC) if item.published_at else None,
        "utc_offset_min": int(offset.total_seconds() // 60) if offset is not None else None,
        "language": item.language, "url": item.url,
        "retrieved_at": item.retrieved_at.astimezone(UTC) if item.retrieved_at else None,
        "text": item.text, "credibility": item.credibility, "meta": item.meta,
        "ingested_at": now,
    }


# --- reading sources back ------------------------------------------------------------------

def _aware(value: datetime | None, offset_min: int | None = None) -> datetime | None:
    if value is None:
        return None
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    return value.astimezone(timezone(timedelta(minutes=offset_min))) if offset_min is not None else value


def _source_query():
    return (select(s.source, s.blob.c.original_name,
                   func.coalesce(s.publisher.c.reliability, DEFAULT_RELIABILITY).label("reliability"))
            .join(s.blob, s.blob.c.sha256 == s.source.c.blob_sha256)
            .outerjoin(s.publisher, s.publisher.c.name == s.source.c.publisher))


def _stored(row, persons: list[dict]) -> StoredSource:
    return StoredSource(
        id=row.id, blob_sha256=row.blob_sha256, original_name=row.original_name,
        item_key=row.item_key, kind=row.kind, publisher=row.publisher,
        reliability=row.reliability, credibility=row.credibility, author=row.author,
        published_at=_aware(row.published_at, row.utc_offset_min), language=row.language,
        url=row.url, retrieved_at=_aware(row.retrieved_at), text=row.text, meta=row.meta or {},
        ingested_at=_aware(row.ingested_at),  # type: ignore[arg-type]  # a NOT NULL column
        persons=tuple(PersonMention(p["name"], p["role"], "; ".join(p["descriptions"]))
                      for p in persons))


def get_source(connection: Connection, source_id: int) -> StoredSource:
    """The source with this id; ``NotFoundError`` when there is none."""
    row = (connection.execute(_source_query().where(s.source.c.id == source_id)).first()
           if storable_id(source_id) else None)
    if row is None:
        raise NotFoundError(f"no source with id {source_id}; see `frontcheck sources list`")
    return _stored(row, source_persons(connection, [source_id]).get(source_id, []))


def list_sources(connection: Connection, *, publisher: str | None = None, kind: str | None = None,
                 ids: Sequence[int] | None = None) -> list[StoredSource]:
    """Sources in id order, optionally of one publisher, of one kind, or with these ids."""
    query = _source_query().order_by(s.source.c.id)
    if publisher is not None:
        query = query.where(s.source.c.publisher == publisher)
    if kind is not None:
        query = query.where(s.source.c.kind == kind)
    if ids is not None:
        query = query.where(s.source.c.id.in_(list(ids)))
    rows = connection.execute(query).all()
    persons = source_persons(connection, [r.id for r in rows]) if rows else {}
    return [_stored(r, persons.get(r.id, [])) for r in rows]


# --- publishers ------------------------------------------------------------------------------

def store_reliability(connection: Connection, publisher: str, grade: str) -> str:
    """Store a publisher's Admiralty reliability (a grade ``parse_reliability`` checked); the
    publisher is created if new."""
    connection.execute(insert_ignoring_duplicates(s.publisher, connection),
                       [{"name": publisher, "reliability": grade, "note": ""}])
    connection.execute(update(s.publisher).where(s.publisher.c.name == publisher)
                       .values(reliability=grade))
    return grade


def get_reliability(connection: Connection, publisher: str) -> str:
    """A publisher's reliability grade; ``F`` (cannot be judged) when never set."""
    grade = connection.scalar(select(s.publisher.c.reliability)
                              .where(s.publisher.c.name == publisher))
    return grade or DEFAULT_RELIABILITY


def list_publishers(connection: Connection) -> list[dict]:
    """Publishers with their reliability and number of sources."""
    counts: dict[str, int] = dict(connection.execute(select(s.source.c.publisher, func.count())
                                     .group_by(s.source.c.publisher)).all())
    return [{"publisher": r.name, "reliability": r.reliability, "sources": counts.get(r.name, 0)}
            for r in connection.execute(select(s.publisher).order_by(s.publisher.c.name))]


# --- integrity -----------------------------------------------------------------------------

def count_blobs(connection: Connection) -> int:
    """How many files the ledger has preserved."""
    return connection.scalar(select(func.count()).select_from(s.blob)) or 0


def verify_integrity(engine: Engine,
                     on_progress: Callable[[int], None] | None = None) -> list[dict]:
    """Re-hash every stored blob; one row per blob: sha256, original_name, path, status
    (``ok``, ``missing``, ``mismatch``) and the hash found."""
    root = blob_root(engine)
    with engine.connect() as connection:
        blobs = connection.execute(select(s.blob.c.sha256, s.blob.c.original_name)
                                   .order_by(s.blob.c.stored_at, s.blob.c.sha256)).all()
    rows = []
    for sha, name in blobs:
        path = blob_path(root, sha)
        found = file_sha256(path) if path.exists() else None
        status = "missing" if not path.exists() else ("ok" if found == sha else "mismatch")
        rows.append({"sha256": sha, "original_name": name, "path": str(path), "status": status,
                     "found_sha256": found or ""})
        if on_progress:
            on_progress(1)
    return rows
