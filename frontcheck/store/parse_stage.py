"""The CPU-heavy, store-free half of ``control ingest``, run in worker processes.

Parsing, validating and projecting a daily file and indexing its edges take as long as the
rest of the ingest together, and need nothing from the store, so on a machine with more than
one core they run in a process pool while the main process writes to the store and steps the
timelines. Results come back in file order; small batches stay in one process, where a pool
would cost more to start than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import shapely

from frontcheck.control.change import EdgeSet
from frontcheck.control.coverage import snapshot_coverage
from frontcheck.control.formats import ReadOptions, detect_format, reader_for
from frontcheck.control.projection import to_equal_area
from frontcheck.control.snapshot import Snapshot
from frontcheck.errors import InputError

#: Below this many files a pool costs more than it saves.
POOL_MIN_FILES = 16


@dataclass(slots=True)
class ParsedFile:
    """One file after the parse stage: its snapshot (or the error), projected layers, edges."""

    path: Path
    data: bytes
    sha256: str
    snapshot: Snapshot | None = None
    error: InputError | None = None
    coverage: tuple[str, shapely.Geometry] | None = None
    projected: dict[str, shapely.Geometry] = field(default_factory=dict)
    edges: dict[str, EdgeSet] = field(default_factory=dict)


_WORKER: dict = {}


def _init_worker(options: ReadOptions, format_name: str, regions) -> None:
    _WORKER.update(options=options, format_name=format_name, regions=regions)


def parse_file(item: ParsedFile, options: ReadOptions, format_name: str, regions) -> ParsedFile:
    """Read, validate and project one file, and index its edges; errors are returned, not
    raised, so that one bad file does not stop the pool."""
    try:
        name = format_name if format_name != "auto" else detect_format(item.data, str(item.path), options)
        snapshot = reader_for(name)(item.data, str(item.path), options)
    except InputError as exc:
        item.error = exc
        item.data = b""
        return item
    item.snapshot = snapshot
    item.coverage = snapshot_coverage(snapshot, options.home, regions)
    names = [layer.name for layer in snapshot.layers]
    if names:
        item.projected = dict(zip(names, to_equal_area([layer.geometry for layer in snapshot.layers])))
        item.edges = {n: EdgeSet.of(g) for n, g in item.projected.items()}
    item.data = b""       # the bytes are hashed already; do not send them back
    return item


def _parse_in_worker(item: ParsedFile) -> ParsedFile:
    return parse_file(item, _WORKER["options"], _WORKER["format_name"], _WORKER["regions"])


def parsed_files(items: Sequence[ParsedFile], options: ReadOptions, format_name: str,
                 regions) -> Iterator[ParsedFile]:
    """Parse the files in order, in a process pool when there are many and several cores."""
    workers = min(len(os.sched_getaffinity(0)), 4)
    if len(items) < POOL_MIN_FILES or workers < 2:
        for item in items:
            yield parse_file(item, options, format_name, regions)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"),
                             initializer=_init_worker,
                             initargs=(options, format_name, regions)) as pool:
        yield from pool.map(_parse_in_worker, items, chunksize=4)
