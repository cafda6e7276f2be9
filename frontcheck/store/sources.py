"""The evidence ledger in the store: ingest files as sources, read them back, check the blobs.

Each file is read and checked in full first; then its raw bytes are preserved (``blobs``) and
its blob row, publishers, sources and persons are written in one transaction. The same bytes
ingested again are skipped ("0 new, 1 already stored").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select, update

from frontcheck.errors import InputError, NotFoundError
from frontcheck.sources import SUFFIXES, detect_source_format, read_source
from frontcheck.sources.admiralty import DEFAULT_RELIABILITY, parse_reliability
from frontcheck.sources.language import KNOWN_LANGUAGES, LANGUAGES
from frontcheck.sources.model import KINDS, PersonMention, ReadDefaults, SourceItem, StoredSource
from frontcheck.sources.persons import suggest_protected
from frontcheck.store import schema as s
from frontcheck.store.blobs import blob_path, blob_root, file_sha256, preserve_blob
from frontcheck.store.engine import insert_ignoring_duplicates, storable_id
from frontcheck.store.persons import link_persons, protect_suggested, source_persons

BATCH = 5000


@dataclass(slots=True)
class SourceIngestReport:
    """What ``ingest_sources`` did: files new and already stored, sources written, bad items
    (one line each), and the pseudonyms of persons protected on the way."""

    new: int = 0
    already_stored: int = 0
    sources: int = 0
    #: Items of new files that the store held already (same format, publisher and item id).
    items_known: int = 0
    failed: list[str] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"{self.new} new, {self.already_stored} already stored; "
                f"{self.sources} source{'s' * (self.sources != 1)} added")
        if self.items_known:
            text += f", {self.items_known} already stored"
        if self.protected:
            text += f"; protected {', '.join(self.protected)}"
        return text + (f"; {len(self.failed)} failed" if self.failed else "")


@dataclass(frozen=True, slots=True)
class _ParsedFile:
    path: Path
    data: bytes
    sha256: str
    items: tuple[SourceItem, ...]
    format_name: str = ""


#: Formats whose items carry their own ids, which identify them across files.
IDENTIFIED_FORMATS = ("telegram", "acled", "tracker-log")


def item_identity(format_name: str, item: SourceItem) -> str | None:
    """An item's identity across files (``source_identity``), None for formats whose items
    are identified by their file (transcripts, articles, statement tables)."""
    if format_name not in IDENTIFIED_FORMATS:
        return None
    return "\x1f".join((format_name, item.publisher, item.item_key))


def item_value_errors(path: str, items: Sequence[SourceItem],
                      now: datetime | None) -> list[InputError]:
    """One error per item whose kind or language is not one frontcheck knows, or whose date
    lies after ``now`` (the ingest's clock) + 1 day: such a value is a typo or a broken
    export, and stored it would misfile the item."""
    errors = []
    latest = (now or datetime.now(UTC)) + timedelta(days=1)
    for item in items:
        where = f"item {item.item_key}"
        if item.kind not in KINDS:
            errors.append(InputError(path, f"unknown kind {item.kind!r} (one of "
                                           f"{', '.join(KINDS)})", field=f"{where}: kind"))
        elif item.language and item.language not in KNOWN_LANGUAGES:
            # another language told by the detector (Bulgarian, French ...) is stored and said
            # not to be read; a code no language has is a typo
            errors.append(InputError(path, f"unknown language {item.language!r} (a code such "
                                           f"as {', '.join(LANGUAGES)}, de, fr, or blank to "
                                           "detect it)",
                                     field=f"{where}: language"))
        elif item.published_at is not None and item.published_at > latest:
            errors.append(InputError(path, f"{item.published_at.isoformat()} is in the future",
                                     field=f"{where}: published_at"))
    return errors


def duplicate_item_errors(path: str, items: Sequence[SourceItem]) -> list[InputError]:
    """One error per item id that a file repeats: the same message or event twice in one
    export is a damaged file, not two items."""
    seen: dict[str, int] = {}
    for item in items:
        seen[item.item_key] = seen.get(item.item_key, 0) + 1
    times = {2: "twice"}
    return [InputError(path, f"item id '{key}' appears {times.get(n, f'{n} times')} in the file",
                       field="item id")
            for key, n in seen.items() if n > 1]


def source_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the source files inside named folders (recursively), sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
                                and p.name.lower() != "readme.md"))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(str(path), "no such file or folder")
    return found


def ingest_sources(engine: Engine, files: Sequence[Path], format_name: str = "auto",
                   defaults: ReadDefaults = ReadDefaults(), reliability: str | None = None,
                   keep_going: bool = False, protect: bool = True,
                   on_progress: Callable[[int], None] | None = None) -> SourceIngestReport:
    """Ingest source files; nothing is written unless every file reads cleanly, or with
    ``keep_going`` the good items of every file are written and the bad ones reported.

    ``reliability`` (Admiralty A–F) is set for the publishers of the sources ingested.
    ``protect`` protects the persons ``suggest_protected`` points to, so that a prisoner of
    war is never an unprotected name in the store (protection errs on the safe side).
    """
    if reliability is not None:
        reliability = parse_reliability(reliability, field="--reliability")
    if defaults.retrieved_at is None:
        defaults = replace(defaults, retrieved_at=datetime.now(UTC))
    report = SourceIngestReport()
    root = blob_root(engine)
    with engine.connect() as connection:
        known = set(connection.scalars(select(s.blob.c.sha256)))
    parsed: list[_ParsedFile] = []
    for path in files:
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        if sha in known or any(p.sha256 == sha for p in parsed):
            report.already_stored += 1
            preserve_blob(root, data, sha)   # restores a deleted blob; never overwrites one
            continue
        try:
            chosen = (format_name if format_name != "auto"
                      else detect_source_format(data, str(path)))
            result = read_source(data, str(path), chosen, defaults)
        except InputError as exc:
            if not keep_going:
                raise
            report.failed.append(exc.one_line())
            continue
        errors = [*result.errors, *duplicate_item_errors(str(path), result.items),
                  *item_value_errors(str(path), result.items, defaults.retrieved_at)]
        if errors:
            if not keep_going:
                raise errors[0]
            report.failed.extend(e.one_line() for e in errors)
        items = result.items
        if len(errors) > len(result.errors):      # --keep-going: the first of each id, if good
            first: dict[str, SourceItem] = {}
            for item in items:
                first.setdefault(item.item_key, item)
            items = tuple(i for i in first.values()
                          if not item_value_errors(str(path), [i], defaults.retrieved_at))
        if items:
            parsed.append(_ParsedFile(path, data, sha, items, chosen))
    for one in parsed:
        preserve_blob(root, one.data, one.sha256)
        with engine.begin() as connection:
            written, items_known = write_file(connection, one.path.name, one.data, one.sha256,
                                              one.items, one.format_name)
            report.sources += written
            report.items_known += items_known
            publishers = {i.publisher for i in one.items if i.publisher}
            if reliability is not None:
                for name in publishers:
                    set_reliability(connection, name, reliability)
            if protect:
                report.protected += [p["pseudonym"] for p in
                                     protect_suggested(connection, suggest_protected(one.items))]
        report.new += 1
        if on_progress:
            on_progress(1)
    return report


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

def set_reliability(connection: Connection, publisher: str, grade: str) -> str:
    """Set a publisher's Admiralty reliability (A–F); the publisher is created if new."""
    grade = parse_reliability(grade)
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
