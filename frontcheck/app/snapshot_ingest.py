"""The ``control ingest`` pipeline: files → parsed snapshots → one transaction per file → timelines."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine

from frontcheck import assets
from frontcheck.app.snapshot_parse import POOL_MIN_FILES, ParsedFile, parsed_files
from frontcheck.app.snapshot_write import ProjectedSnapshot, projected_layers, write_snapshot
from frontcheck.app.timeline_build import Footprints, load_footprints
from frontcheck.control.formats import ReadOptions
from frontcheck.control.timeline import initial_fractions, measure_changed
from frontcheck.errors import InputError
from frontcheck.store import control as store_control

SNAPSHOT_SUFFIXES = (".geojson", ".json", ".parquet", ".geoparquet")


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: counts, the snapshot dates written, and one line per bad file."""

    new: int = 0
    already_stored: int = 0
    failed: list[str] = field(default_factory=list)
    #: One line per repair or other change made to a file's data on the user's say-so.
    warnings: list[str] = field(default_factory=list)
    replaced: int = 0
    trackers: set[str] = field(default_factory=set)
    #: The new snapshots as the timelines need them (projected layers, changes, coverage), so
    #: that ``refresh_timelines`` reads nothing back; ids whose change was later recomputed
    #: (a day ingested before them) are left out.
    fresh: dict[int, ProjectedSnapshot] = field(default_factory=dict)
    #: The footprints the fresh snapshots' changes were measured against (long batches only).
    footprints: Footprints | None = None

    def summary(self) -> str:
        text = f"{self.new} new, {self.already_stored} already stored"
        if self.replaced:
            text += f" ({self.replaced} replacing a stored snapshot of the same date)"
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
                     files: list[Path] | None = None, replace_dates: bool = False,
                     today: date | None = None, report: IngestReport | None = None) -> IngestReport:
    """Ingest snapshot files; each file is parsed in full, then written in one transaction.

    A file whose bytes are already stored is skipped before parsing. Bad input raises
    ``InputError`` (nothing of that file is written) unless ``keep_going``, which records the
    error and goes on. A tracker has one snapshot per date: a file for a date already stored
    (other bytes) is bad input unless ``replace_dates``, which replaces the stored one. Dates
    after ``today`` (default: the clock's) + 1 day are refused. Timelines are brought up to
    date afterwards by the caller (``app.timeline_build.refresh_timelines``). ``report``, when
    given, is filled in as files are written, so that a caller whose ingest stopped on an
    error still knows what was written.
    """
    files = files if files is not None else snapshot_files(paths)
    if options.home is None:
        options = replace(options, home=assets.ukraine_border())
    if options.latest is None:
        options = replace(options, latest=(today or date.today()) + timedelta(days=1))
    report = report if report is not None else IngestReport()
    contents = [(path, path.read_bytes()) for path in files]
    hashes = [hashlib.sha256(data).hexdigest() for _, data in contents]
    with engine.connect() as connection:
        known = store_control.stored_hashes(connection, options.tracker, sorted(set(hashes)))
        writer = _Writer(engine, report, store_control.tracker_sequence(connection, options.tracker),
                         replace_dates)
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
                try:
                    writer.write(item)
                except InputError as exc:
                    if not keep_going:
                        raise
                    report.failed.append(exc.one_line())
                    failed_shas[item.sha256] = exc
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
                 sequence: list[store_control.SequenceEntry], replace_dates: bool = False) -> None:
        self.engine = engine
        self.replace_dates = replace_dates
        self.report = report
        self.sequence = {e.on: e for e in sequence}
        self.days = sorted(self.sequence)
        self.cached: ProjectedSnapshot | None = None
        self.cached_sha = ""
        self.coverages: set[str] = set()       # coverage rows known to be committed
        self.footprints: Footprints | None = None

    def write(self, item: ParsedFile) -> None:
        snapshot, cached = item.snapshot, self.cached
        assert snapshot is not None and item.coverage is not None, "only parsed files are written"
        description, covered = item.coverage
        assert covered is not None, "the parse stage gives the home outline back"
        stored = self.sequence.get(snapshot.on)
        if stored is not None and not self.replace_dates:
            raise InputError(str(item.path), f"a {snapshot.tracker} snapshot dated "
                                             f"{snapshot.on.isoformat()} is stored already (other "
                                             "bytes); give --replace to replace it", field="date")
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
            if stored is not None:
                store_control.delete_snapshot(connection, stored.id)
                if cached is not None and cached.id == stored.id:
                    cached = None
            if previous is not None and (cached is None or cached.id != previous.id):
                cached = ProjectedSnapshot(previous.id, projected_layers(connection, previous.id))
            current = write_snapshot(
                connection, snapshot, (description, covered), cached if previous else None, following,
                projected=item.projected, edges=item.edges, changes=measured,
                layer_wkb=item.layer_wkb, coverage_stored=self.coverages)
        self.coverages.add(current.coverage_sha256)
        if stored is not None:
            self.report.replaced += 1
            self.report.fresh.pop(stored.id, None)
        self.report.warnings.extend(f"{item.path}: {note}" for note in snapshot.notes
                                    if note.startswith("repaired "))
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

    def _measure(self, current: ProjectedSnapshot, first: bool) -> None:
        """The shares a timeline rebuild would compute for this snapshot: of the footprints
        its changes touch or, for the sequence's first snapshot, of every footprint."""
        fp = self.footprints
        assert fp is not None, "loaded before the first write"
        current.measured = {name: measure_changed(fp.discs, fp.area_m2, fp.tree,
                                                  current.layers.get(name), parts)
                            for name, parts in current.changed.items()}
        if first:
            current.initial = {name: initial_fractions(fp.discs, fp.area_m2, fp.tree, layer)
                               for name, layer in current.layers.items()}
        current.measured_for = fp
        self.report.footprints = fp
