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
from frontcheck.control.timeline import initial_fractions, measure_changed
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
    contents = [(path, path.read_bytes()) for path in files]
    hashes = [hashlib.sha256(data).hexdigest() for _, data in contents]
    with engine.connect() as connection:
        known = store_control.stored_hashes(connection, options.tracker, sorted(set(hashes)))
        writer = _Writer(engine, report, store_control.tracker_sequence(connection, options.tracker))
    pending, queued, repeats = [], set(), []
    for (path, data), sha in zip(contents, hashes):
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
    del contents                   # the bytes of files already stored go now
    failed_shas: dict[str, InputError] = {}
    with parsed_files(pending, options, format_name, assets.neighbour_regions()) as parsed:
        if len(pending) >= POOL_MIN_FILES:
            # A long batch measures the settlements each day touches as it writes the day (the
            # workers parse meanwhile), so that the timelines need not step through the days
            # afterwards, alone on one core.
            with engine.connect() as connection:
                writer.footprints = load_footprints(connection)
        for item in parsed:
            if item.error is not None:
                if not keep_going:
                    raise item.error
                report.failed.append(item.error.one_line())
                failed_shas[item.sha256] = item.error
            else:
                writer.write(item)
            if on_progress:
                on_progress(1)
    for path, sha in repeats:
        if sha in failed_shas:
            report.failed.append(InputError(str(path), failed_shas[sha].msg, line=failed_shas[sha].line,
                                            field=failed_shas[sha].field).one_line())
        else:
            report.already_stored += 1
    return report


class _Writer:
    """Writes parsed files in turn, one transaction each, keeping the tracker's sequence and
    the last written snapshot (the next one's predecessor, usually) in memory."""

    def __init__(self, engine: Engine, report: IngestReport,
                 sequence: list[store_control.SequenceEntry]) -> None:
        self.engine = engine
        self.report = report
        self.sequence = {e.on: e for e in sequence}
        self.days = sorted(self.sequence)
        self.cached: store_control.ProjectedSnapshot | None = None
        self.cached_sha = ""
        self.coverages: set[str] = set()       # coverage rows known to be committed
        self.footprints: Footprints | None = None

    def write(self, item: ParsedFile) -> None:
        snapshot, cached = item.snapshot, self.cached
        at = bisect_left(self.days, snapshot.on)
        previous = self.sequence[self.days[at - 1]] if at > 0 else None
        later = at + (at < len(self.days) and self.days[at] == snapshot.on)
        following = self.sequence[self.days[later]] if later < len(self.days) else None
        # The parse stage measured the change against the batch's previous file: right when
        # that file is the stored predecessor too (the usual, in-order case).
        measured = (item.changes if previous is not None and following is None
                    and cached is not None and cached.id == previous.id
                    and item.change_from == self.cached_sha else None)
        with self.engine.begin() as connection:
            if previous is not None and (cached is None or cached.id != previous.id):
                cached = store_control.ProjectedSnapshot(
                    previous.id, store_control.projected_layers(connection, previous.id))
            current = store_control.write_snapshot(
                connection, snapshot, item.coverage, cached if previous else None, following,
                projected=item.projected, edges=item.edges, changes=measured,
                layer_wkb=item.layer_wkb, coverage_stored=self.coverages)
        self.coverages.add(current.coverage_sha256)
        if self.footprints is not None:
            self._measure(current, first=previous is None)
        if cached is not None:
            cached.edges.clear()   # only the newest snapshot's edges are needed again
        self.cached, self.cached_sha = current, item.sha256
        self.report.fresh[current.id] = current
        if following is not None:
            self.report.fresh.pop(following.id, None)
        if snapshot.on not in self.sequence:
            insort(self.days, snapshot.on)
        self.sequence[snapshot.on] = store_control.SequenceEntry(current.id, snapshot.on)
        self.report.new += 1
        self.report.trackers.add(snapshot.tracker)

    def _measure(self, current: store_control.ProjectedSnapshot, first: bool) -> None:
        """The shares a timeline rebuild would compute for this snapshot: of the footprints
        its changes touch or, for the sequence's first snapshot, of every footprint."""
        fp = self.footprints
        current.measured = {name: measure_changed(fp.discs, fp.area_m2, fp.tree,
                                                  current.layers.get(name), parts)
                            for name, parts in current.changed.items()}
        if first:
            current.initial = {name: initial_fractions(fp.discs, fp.area_m2, fp.tree, layer)
                               for name, layer in current.layers.items()}
        current.measured_for = fp
        self.report.footprints = fp
