"""The CPU-heavy, store-free half of ``control ingest``, run in worker processes.

Parsing, validating and projecting a daily file, indexing its edges and measuring its change
against the file before it need nothing from the store, and take longer than the rest of the
ingest together; so on a machine with more than one core they run in a process pool while the
main process writes to the store. Each worker takes a run of consecutive files (plus the file
before the run, parsed again, so that the run's first change can be measured too). Results
come back in file order; small batches stay in one process, where a pool would cost more to
start than it saves.

The change measured here is against the previous file *of the batch*; the main process uses it
only when that file is also the snapshot's predecessor in the store's sequence (days ingested
in order, none stored between), and measures it itself otherwise.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import shapely

from frontcheck.app.snapshot_write import ChangeRecord, ProjectedSnapshot, measure_changes
from frontcheck.control.change import EdgeSet
from frontcheck.control.coverage import snapshot_coverage, uncovered_share
from frontcheck.control.formats import ReadOptions, detect_format, reader_for
from frontcheck.control.projection import to_equal_area
from frontcheck.control.snapshot import Layer, Snapshot
from frontcheck.errors import InputError

#: Below this many files a pool costs more than it saves.
POOL_MIN_FILES = 16
#: Files per worker task: long enough that re-parsing each run's lead-in file costs little,
#: short enough that the main process soon has work.
RUN_LENGTH = 32


@dataclass(slots=True)
class ParsedFile:
    """One file after the parse stage: its snapshot (or the error), projected layers, edges,
    and its change against the batch's previous file (``change_from`` names that file's sha)."""

    path: Path
    data: bytes
    sha256: str
    snapshot: Snapshot | None = None
    error: InputError | None = None
    coverage: tuple[str, shapely.Geometry | None] | None = None
    projected: dict[str, shapely.Geometry] = field(default_factory=dict)
    edges: dict[str, EdgeSet] = field(default_factory=dict)
    change_from: str | None = None
    changes: dict[str, ChangeRecord] | None = None
    #: The layers' lon/lat WKB, when a worker sent them instead of the geometries.
    layer_wkb: list[bytes] | None = None


#: Regions next to the home outline, as (name, lon/lat geometry): coverage of incursions.
Regions = Sequence[tuple[str, shapely.Geometry]]

_WORKER: dict[str, Any] = {}


def _init_worker(options: ReadOptions, format_name: str, regions: Regions, parent: int) -> None:
    _die_with_parent(parent)
    _WORKER.update(options=options, format_name=format_name, regions=regions)


def _die_with_parent(parent: int) -> None:
    """Make this worker exit when the process that started it dies, even by kill -9 (which
    leaves the pool no chance to stop it): on Linux the kernel sends SIGKILL
    (``PR_SET_PDEATHSIG``); elsewhere a thread watches for the parent to go."""
    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0   # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:      # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def parse_file(item: ParsedFile, options: ReadOptions, format_name: str,
               regions: Regions) -> ParsedFile:
    """Read, validate and project one file, and index its edges; errors are returned, not
    raised, so that one bad file does not stop the pool."""
    try:
        name = format_name if format_name != "auto" else detect_format(item.data, str(item.path), options)
        snapshot = reader_for(name)(item.data, str(item.path), options)
        assert options.home is not None, "app.snapshot_ingest gives the home outline"
        item.coverage = snapshot_coverage(snapshot, options.home, regions)
        check_snapshot(snapshot, item.coverage, options)
    except InputError as exc:
        item.error = exc
        item.data = b""
        item.coverage = None
        return item
    item.snapshot = snapshot
    names = [layer.name for layer in snapshot.layers]
    if names:
        item.projected = dict(zip(names, to_equal_area([layer.geometry for layer in snapshot.layers])))
        item.edges = {n: EdgeSet.of(g) for n, g in item.projected.items()}
    item.data = b""       # the bytes are hashed already; do not send them back
    return item


#: A snapshot with more of its area than this outside what the tracker maps is refused.
MAX_UNCOVERED_SHARE = 0.5


def check_snapshot(snapshot: Snapshot, coverage: tuple[str, shapely.Geometry],
                   options: ReadOptions) -> None:
    """What every format's snapshot must satisfy before it is stored: a date not in the
    future, some area in some layer, and layers that lie mostly in the area the tracker maps
    (swapped longitude and latitude put Ukraine in the Middle East) unless ``options.force``."""
    name = snapshot.source_name
    if options.latest is not None and snapshot.on > options.latest:
        raise InputError(name, f"{snapshot.on.isoformat()} is in the future (after "
                               f"{options.latest.isoformat()}); give the right --date", field="date")
    if not any(layer.geometry is not None and not shapely.is_empty(layer.geometry)
               for layer in snapshot.layers):
        raise InputError(name, "every layer is empty: nothing to store", field="features")
    if options.force:
        return
    share = uncovered_share(snapshot, coverage[1])
    if share > MAX_UNCOVERED_SHARE:
        raise InputError(name, f"{share:.0%} of the layers' area lies outside the area the "
                               f"tracker maps ({coverage[0]}): longitude and latitude swapped? "
                               "Give --force to store it anyway", field="geometry")


def parse_run(items: Sequence[ParsedFile], options: ReadOptions, format_name: str, regions: Regions,
              lead_in: ParsedFile | None = None) -> Iterator[ParsedFile]:
    """Parse consecutive files, one at a time, and measure each one's change against the one
    before it (``lead_in`` is the file before the run, parsed only for that)."""
    previous = parse_file(lead_in, options, format_name, regions) if lead_in is not None else None
    for item in items:
        parse_file(item, options, format_name, regions)
        if (previous is not None and previous.error is None and item.error is None
                and previous.snapshot is not None and item.snapshot is not None
                and previous.snapshot.on < item.snapshot.on
                and previous.snapshot.tracker == item.snapshot.tracker):
            item.change_from = previous.sha256
            item.changes = measure_changes(_projected(previous), _projected(item))
        previous = item
        yield item


def _projected(item: ParsedFile) -> ProjectedSnapshot:
    return ProjectedSnapshot(0, item.projected, edges=item.edges)


def _parse_run_in_worker(task: tuple[ParsedFile | None, list[ParsedFile]]) -> list[ParsedFile]:
    """One run, in a worker: what goes back is trimmed to what the main process needs."""
    lead_in, run = task
    options = _WORKER["options"]
    for item in parse_run(run, options, _WORKER["format_name"], _WORKER["regions"], lead_in):
        item.edges = {}          # the main process recomputes them in the rare case it needs them
        if item.coverage is not None and item.coverage[1] is options.home:
            item.coverage = (item.coverage[0], None)   # the main process has the border already
        if item.snapshot is not None:
            # The main process only stores the lon/lat layers: send their WKB, not geometries
            # it would decode and encode again.
            item.layer_wkb = shapely.to_wkb([layer.geometry for layer in item.snapshot.layers]).tolist()
            item.snapshot = replace(item.snapshot, layers=tuple(
                Layer(layer.name, None) for layer in item.snapshot.layers))  # type: ignore[arg-type]
    return run


@contextmanager
def parsed_files(items: Sequence[ParsedFile], options: ReadOptions, format_name: str,
                 regions: Regions) -> Iterator[Iterator[ParsedFile]]:
    """The files parsed, in order: in a process pool when there are many and several cores.

    A context manager, so that the pool starts parsing on entry (the caller can prepare
    meanwhile) and is shut down on exit however the caller leaves.
    """
    workers = min(len(os.sched_getaffinity(0)), 4)
    if len(items) < POOL_MIN_FILES or workers < 2:
        yield parse_run(items, options, format_name, regions)   # streamed: one file at a time
        return
    tasks = [(items[start - 1] if start else None, list(items[start:start + RUN_LENGTH]))
             for start in range(0, len(items), RUN_LENGTH)]
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"),
                               initializer=_init_worker,
                               initargs=(options, format_name, regions, os.getpid()))
    try:
        yield _in_order(pool.map(_parse_run_in_worker, tasks), options)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _in_order(runs: Iterator[list[ParsedFile]], options: ReadOptions) -> Iterator[ParsedFile]:
    for run in runs:
        for item in run:
            if item.coverage is not None and item.coverage[1] is None:
                item.coverage = (item.coverage[0], options.home)
            yield item
