"""The ``sources ingest`` pipeline: each file read and checked in full first (format, items,
kinds, languages, dates, repeated ids); then its raw bytes are preserved (``store.blobs``) and
its blob row, publishers, sources and persons are written in one transaction, with the persons
``suggest_protected`` points to protected. The same bytes ingested again are skipped ("0 new,
1 already stored")."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, Engine

from frontcheck.app.person_protection import protect_suggested
from frontcheck.errors import InputError
from frontcheck.sources import SUFFIXES, detect_source_format, read_source
from frontcheck.sources.admiralty import parse_reliability
from frontcheck.sources.language import KNOWN_LANGUAGES, LANGUAGES
from frontcheck.sources.model import KINDS, ReadDefaults, SourceItem
from frontcheck.sources.persons import suggest_protected
from frontcheck.store import sources as store_sources
from frontcheck.store.blobs import blob_root, preserve_blob


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
        known = store_sources.blob_hashes(connection)
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
            written, items_known = store_sources.write_file(connection, one.path.name, one.data, one.sha256,
                                              one.items, one.format_name)
            report.sources += written
            report.items_known += items_known
            publishers = {i.publisher for i in one.items if i.publisher}
            if reliability is not None:
                for name in publishers:
                    store_sources.store_reliability(connection, name, reliability)
            if protect:
                report.protected += [p["pseudonym"] for p in
                                     protect_suggested(connection, suggest_protected(one.items))]
        report.new += 1
        if on_progress:
            on_progress(1)
    return report


def set_reliability(connection: Connection, publisher: str, grade: str) -> str:
    """Set a publisher's Admiralty reliability (A–F); the publisher is created if new."""
    return store_sources.store_reliability(connection, publisher, parse_reliability(grade))
