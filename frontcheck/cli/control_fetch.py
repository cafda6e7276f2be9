"""``frontcheck control fetch deepstate``: the tracker's live API into the store, incrementally.

Each pass GETs the history list (conditionally: an unchanged list costs a 304), picks the
latest snapshot of each day not yet stored, downloads each into a cache folder (atomic,
checksummed, resumable) and ingests them with ``control ingest``'s own code, then brings the
settlement timelines up to date the way ``control ingest`` does. ``--watch`` repeats the pass.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import platformdirs
import typer

from frontcheck.app import control as control_jobs
from frontcheck.app.control import IngestReport
from frontcheck.app.engine import open_engine
from frontcheck.cli.control import _progress, _said_refreshed, parse_date
from frontcheck.cli.fetch_progress import download_progress
from frontcheck.cli.output import DbOption, QuietOption, err_console
from frontcheck.control.formats import ReadOptions
from frontcheck.errors import InputError
from frontcheck.fetch.deepstate import (
    DEFAULT_BASE_URL,
    HistoryEntry,
    choose_snapshots,
    history_url,
    parse_history,
    snapshot_filename,
    snapshot_url,
)
from frontcheck.fetch.http import Fetcher, FetchError, atomic_write
from frontcheck.fetch.state import FetchState

app = typer.Typer(help="Fetch tracker snapshots from the network into the store.",
                  no_args_is_help=True)

#: Days fetched when the store holds nothing of the tracker and no --since is given.
FIRST_RUN_DAYS = 30
MIN_WATCH, MAX_WATCH = 60, 86_400
HISTORY_CACHE = Path("history") / "public.json"   # a sub-folder: `control ingest DIR` skips it
_sleep = time.sleep        # tests replace it to check the interval without waiting


def parse_interval(text: str) -> int:
    """``90s``, ``15m``, ``1h``, ``1h30m``, ``1d`` or plain seconds → seconds, within bounds.

    >>> parse_interval("1h30m"), parse_interval("600")
    (5400, 600)
    """
    value = text.strip().lower()
    if value.isdigit():
        seconds = int(value)
    else:
        parts = re.fullmatch(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", value)
        if not value or parts is None:
            raise InputError(None, f"{text!r} is not an interval such as 90s, 15m, 1h or 1d",
                             field="--watch")
        d, h, m, s = (int(x or 0) for x in parts.groups())
        seconds = ((d * 24 + h) * 60 + m) * 60 + s
    if not MIN_WATCH <= seconds <= MAX_WATCH:
        raise InputError(None, f"{text!r}: the interval must be between {MIN_WATCH} s and "
                               f"{MAX_WATCH // 3600} h (the tracker updates once or twice a day)",
                         field="--watch")
    return seconds


def default_cache() -> Path:
    return Path(platformdirs.user_data_dir("frontcheck")) / "fetch" / "deepstate-api"


@dataclass
class PassReport:
    listed: int = 0
    fetched: list[HistoryEntry] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)
    list_unchanged: bool = False

    def summary(self) -> str:
        head = ("history list unchanged (304)" if self.list_unchanged
                else f"{self.listed} snapshots listed")
        return (f"{head}; {len(self.fetched)} to fetch; ingest: {self.ingest.summary()}")


def fetch_pass(fetcher: Fetcher, state: FetchState, engine, base: str, tracker: str,
               since: date | None, quiet: bool) -> PassReport:
    """One pass: list, choose, download, ingest, refresh timelines."""
    report = PassReport()
    cursor = state.cursors.get(f"history:{base}")
    cursor = cursor if isinstance(cursor, dict) else {}
    cached = state.root / HISTORY_CACHE
    answer = fetcher.get(history_url(base), etag=cursor.get("etag") if cached.is_file() else None,
                         last_modified=cursor.get("last_modified") if cached.is_file() else None)
    if answer.not_modified:
        report.list_unchanged = True
        data = cached.read_bytes()
    else:
        data = answer.content
    entries = parse_history(data, history_url(base))
    if not answer.not_modified:
        atomic_write(cached, data)
        state.cursors[f"history:{base}"] = {"etag": answer.etag,
                                            "last_modified": answer.last_modified}
        state.save()
    report.listed = len(entries)
    with engine.connect() as connection:
        stored = control_jobs.stored_days(connection, tracker)
    if since is None:
        since = max(stored) if stored else date.today() - timedelta(days=FIRST_RUN_DAYS)
    report.fetched = choose_snapshots(entries, since, stored)
    paths = []
    with download_progress("Fetching DeepState snapshots", len(report.fetched), quiet) as bar:
        for entry in report.fetched:
            path = state.root / snapshot_filename(entry.id)
            known = state.known(path)
            bar.file(path.name)
            result = fetcher.download(snapshot_url(base, entry.id), path,
                                      etag=known.get("etag"), last_modified=known.get("last_modified"),
                                      known_sha256=known.get("sha256"),
                                      on_bytes=bar.on_bytes, on_total=bar.on_total)
            state.record(result)
            state.save()
            paths.append(path)
            bar.done()
    if paths:
        _ingest(engine, paths, tracker, report.ingest, quiet)
    return report


def _ingest(engine, paths: list[Path], tracker: str, report: IngestReport, quiet: bool) -> None:
    """``control ingest``'s code path: one transaction per file, then the timelines."""
    control_jobs.ingest_fetched(
        engine, paths, ReadOptions(tracker=tracker), report, progress=_progress(quiet),
        on_refreshed=None if quiet else _said_refreshed,
        on_wait=lambda: err_console.print(
            "Waiting for another frontcheck process writing to this store…", markup=False))


@app.command("deepstate")
def deepstate(
    since: Annotated[str | None, typer.Option("--since", help="First day to fetch (YYYY-MM-DD; default: the last stored day, or 30 days back on an empty store).")] = None,
    base_url: Annotated[str, typer.Option("--base-url", help="The tracker, or a mirror laid out like it (/api/history/public, /api/history/{id}/geojson).")] = DEFAULT_BASE_URL,
    tracker: Annotated[str, typer.Option("--tracker", help="Tracker name to store the snapshots under.")] = "deepstate",
    cache: Annotated[Path | None, typer.Option("--cache", help="Folder for the downloaded snapshots (default: in the user data dir).")] = None,
    watch: Annotated[str | None, typer.Option("--watch", help="Keep going: fetch again every INTERVAL (60s to 24h, e.g. 1h).")] = None,
    max_iterations: Annotated[int | None, typer.Option("--max-iterations", min=1, help="With --watch, stop after this many passes.")] = None,
    delay: Annotated[float, typer.Option("--delay", min=0.0, help="Seconds between two requests (politeness).")] = 1.0,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Fetch new DeepStateMAP snapshots from its live API and ingest them.

    Example: frontcheck control fetch deepstate --watch 1h

    Lists /api/history/public, downloads /api/history/{id}/geojson for the latest snapshot of
    each day not yet stored, and ingests them as `control ingest` does (raw format: occupied,
    contested, liberated and held-abroad layers), so that areas, timelines and verdicts see
    the new days. With --watch the pass repeats every INTERVAL; Ctrl+C stops it. Network
    failures in a watch are reported and the next pass tries again.
    """
    start = parse_date(since, "--since")
    interval = parse_interval(watch) if watch is not None else None
    root = cache or default_cache()
    state = FetchState(root)
    failed = False
    with open_engine(db) as engine, Fetcher(min_interval=delay) as fetcher:
        iteration = 0
        try:
            while True:
                iteration += 1
                try:
                    report = fetch_pass(fetcher, state, engine, base_url, tracker, start, quiet)
                except FetchError as exc:
                    if interval is None:
                        raise
                    err_console.print(f"Error: {exc}", markup=False)
                else:
                    for line in report.ingest.failed:
                        err_console.print(f"Error: {line}", markup=False)
                    failed = failed or bool(report.ingest.failed)
                    if not quiet:
                        stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
                        err_console.print(f"{stamp} {tracker}: {report.summary()}.", markup=False)
                if interval is None or (max_iterations and iteration >= max_iterations):
                    break
                _sleep(interval)
        except KeyboardInterrupt:
            err_console.print("Stopped.", markup=False)
    if failed:
        raise typer.Exit(1)
