"""The ``control ingest`` job: files → parsed snapshots → one transaction per file → timelines."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine

from frontcheck import assets
from frontcheck.control.formats import ReadOptions
from frontcheck.errors import InputError
from frontcheck.store import control as store_control
from frontcheck.control.timeline import measure_changed
from frontcheck.store.parse_stage import POOL_MIN_FILES, ParsedFile, parsed_files
from frontcheck.store.timelines import Footprints, load_footprints

SNAPSHOT_SUFFIXES = (".geojson", ".json", ".parquet", ".geoparquet")


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: counts, the snapshot dates written, and one line per bad file."""

    new: int = 0
    already_stored: int = 0
    failed: list[str] = field(default_factory=list)
    trackers: set[str] = field(default_factory=set)
    #: The new snapshots as the timelines need them (projected layers, changes, coverage), so
    #: that ``refresh_timelines`` reads nothing back; ids whose change was later recomputed
    #: (a day ingested before them) are left out.
    fresh: dict[int, store_control.ProjectedSnapshot] = field(default_factory=dict)
    #: The footprints the fresh snapshots' changes were measured against (long batches only).
    footprints: Footprints | None = None

    def summary(self) -> str:
        text = f"{self.new} new, {self.already_stored} already stored"
        return text + (f", {len(self.failed)} failed" if self.failed else "")


def snapshot_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the snapshot files inside named folders, sorted by name."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and p.suffix.lower() in SNAPSHOT_SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(str(path), "no such file or folder")
    return found


def ingest_snapshots(engine: Engine, paths: Iterable[Path], options: ReadOptions,
                     format_name: str = "auto", keep_going: bool = False,
                     on_progress: Callable[[int], None] | None = None,
                     files: list[Path] | None = None) -> IngestReport:
    """Ingest snapshot files; each file is parsed in full, then written in one transaction.

    A file whose bytes are already stored is skipped before parsing. Bad input raises
    ``InputError`` (nothing of that file is written) unless ``keep_going``, which records the
    error and goes on. Timelines are brought up to date afterwards by the caller
    (``store.timelines.refresh_timelines``).
    """
    files = files if files is not None else snapshot_files(paths)
    if options.home is None:
        options = replace(options, home=assets.ukraine_border())
    report = IngestReport()
    regions = assets.neighbour_regions()
    with engine.connect() as connection:
        known = store_control.stored_hashes(connection, options.tracker)
        sequence = {e.on: e for e in store_control.tracker_sequence(connection, options.tracker)}
    days = sorted(sequence)
    cached: store_control.ProjectedSnapshot | None = None
    cached_sha = ""
    pending, queued, repeats = [], set(), []
    for path in files:
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        if sha in known:
            report.already_stored += 1
        elif sha in queued:        # the same bytes twice in one batch: fares as the first does
            repeats.append((path, sha))
        else:
            queued.add(sha)
            pending.append(ParsedFile(path, data, sha))
            continue
        if on_progress:
            on_progress(1)
    failed_shas: dict[str, InputError] = {}
    # A long batch measures the settlements each day's change touches as it is written, so
    # that the timelines need not step through the days afterwards, alone on one core.
    footprints: Footprints | None | bool = None if len(pending) >= POOL_MIN_FILES else False
    for item in parsed_files(pending, options, format_name, regions):
        if item.error is not None:
            if not keep_going:
                raise item.error
            report.failed.append(item.error.one_line())
            failed_shas[item.sha256] = item.error
        else:
            snapshot = item.snapshot
            at = bisect_left(days, snapshot.on)
            previous = sequence[days[at - 1]] if at > 0 else None
            later = at + (at < len(days) and days[at] == snapshot.on)
            following = sequence[days[later]] if later < len(days) else None
            # The parse stage measured the change against the batch's previous file: right
            # when that file is the stored predecessor too (the usual, in-order case).
            measured = (item.changes if previous is not None and following is None
                        and cached is not None and cached.id == previous.id
                        and item.change_from == cached_sha else None)
            with engine.begin() as connection:
                if previous is not None and (cached is None or cached.id != previous.id):
                    cached = store_control.ProjectedSnapshot(
                        previous.id, store_control.projected_layers(connection, previous.id))
                current = store_control.write_snapshot(
                    connection, snapshot, item.coverage, cached if previous else None, following,
                    projected=item.projected, edges=item.edges, changes=measured)
            if footprints is None and current.changed:   # first use: the workers run meanwhile
                with engine.connect() as connection:
                    footprints = load_footprints(connection) or False
            if footprints and current.changed:
                current.measured = {
                    name: measure_changed(footprints.discs, footprints.area_m2, footprints.tree,
                                          current.layers.get(name), parts)
                    for name, parts in current.changed.items()}
                current.measured_for = footprints
                report.footprints = footprints
            if cached is not None:
                cached.edges.clear()   # only the newest snapshot's edges are needed again
            cached, cached_sha = current, item.sha256
            report.fresh[current.id] = current
            if following is not None:
                report.fresh.pop(following.id, None)
            if snapshot.on not in sequence:
                insort(days, snapshot.on)
            sequence[snapshot.on] = store_control.SequenceEntry(current.id, snapshot.on)
            report.new += 1
            report.trackers.add(snapshot.tracker)
        if on_progress:
            on_progress(1)
    for path, sha in repeats:
        if sha in failed_shas:
            report.failed.append(InputError(str(path), failed_shas[sha].msg, line=failed_shas[sha].line,
                                            field=failed_shas[sha].field).one_line())
        else:
            report.already_stored += 1
    return report
