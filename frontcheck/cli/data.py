"""``frontcheck data fetch``: the public archives frontcheck reads, into a folder laid out like
the project's shared/data (see ``frontcheck.fetch.archive``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import platformdirs
import typer

from frontcheck.cli.control import parse_date
from frontcheck.cli.fetch_progress import download_progress
from frontcheck.cli.output import QuietOption, err_console
from frontcheck.fetch import archive
from frontcheck.fetch.gazetteer_sources import build_from_sources, check_member
from frontcheck.fetch.http import (
    ChecksumError,
    Fetcher,
    FetchError,
    NotFoundOnServer,
    sha256_file,
)
from frontcheck.fetch.state import FetchState

app = typer.Typer(help="Fetch the public data frontcheck reads (tracker archive, gazetteer, "
                       "boundaries).", no_args_is_help=True)

#: Days before today whose absence from the archive is asked again on the next run (the
#: archive adds a day once it has collected it).
RECENT_DAYS = 3


def default_into() -> Path:
    return Path(platformdirs.user_data_dir("frontcheck")) / "data"


@app.command("fetch")
def fetch(
    into: Annotated[Path | None, typer.Option("--into", help="Folder to fill, laid out like shared/data (default: in the user data dir).")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="A mirror laid out like shared/data (with an optional SHA256SUMS) instead of the original sources.")] = None,
    only: Annotated[list[str] | None, typer.Option("--only", help="Only these: deepstate, gazetteer, boundaries (repeat or comma-separate).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="First day of DeepState files (default 2024-07-08).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day of DeepState files (default today, UTC).")] = None,
    delay: Annotated[float, typer.Option("--delay", min=0.0, help="Seconds between two requests (politeness).")] = 0.25,
    quiet: QuietOption = False,
) -> None:
    """Download the tracker's daily files and the gazetteer (resumable, checksummed).

    Example: frontcheck data fetch --into data/ --since 2025-01-01

    Files already fetched are not fetched again (a file that may change is asked for with
    If-None-Match/If-Modified-Since); a stopped download resumes; a file whose sha256 differs
    from the one expected is refused and nothing of it is kept. From the original sources the
    whole archive is about 900 daily files of ~78 KB (~70 MB) plus the gazetteer's five sources
    (~40 MB: GeoNames dumps, the KATOTTG codifier, GeoNames cities500) built into the
    gazetteer; the boundaries ship inside frontcheck. Then:
    frontcheck place load DIR/gazetteer/gazetteer.csv; frontcheck control ingest
    DIR/deepstate-occupied/daily
    """
    kinds = archive.parse_kinds(only or [])
    first, last = parse_date(since, "--since"), parse_date(until, "--until")
    today = datetime.now(UTC).date()
    last = last or today
    root = into or default_into()
    root.mkdir(parents=True, exist_ok=True)
    state = FetchState(root)
    missing_days = set(state.cursors.get("missing", []))
    counts = {"new": 0, "updated": 0, "unchanged": 0, "missing": 0}
    received = 0
    with Fetcher(min_interval=delay) as fetcher:
        sums = None
        if base_url:
            try:
                answer = fetcher.get(base_url.rstrip("/") + "/" + archive.SUMS_NAME)
                sums = archive.parse_sha256sums(answer.content, answer.url)
            except NotFoundOnServer:
                sums = None
        items = archive.plan(kinds, first, last, base_url, sums)
        with download_progress("Fetching data", len(items), quiet) as bar:
            for item in items:
                dest = root / item.path
                known = state.known(dest)
                if _settled(item, dest, known, missing_days, today):
                    counts["unchanged" if item.path not in missing_days else "missing"] += 1
                    bar.done()
                    continue
                bar.file(item.path)
                try:
                    result = fetcher.download(
                        item.url, dest, expected_sha256=item.sha256, etag=known.get("etag"),
                        last_modified=known.get("last_modified"), known_sha256=known.get("sha256"),
                        on_bytes=bar.on_bytes, on_total=bar.on_total)
                except ChecksumError:
                    raise
                except FetchError as exc:
                    if not item.optional or (item.kind != "gazetteer"
                                             and not isinstance(exc, NotFoundOnServer)):
                        raise
                    if item.kind == "gazetteer" and not quiet:
                        # A gazetteer input out of reach: the build goes on without it.
                        err_console.print(f"Not fetched, the gazetteer is built without it: "
                                          f"{exc}", markup=False)
                    counts["missing"] += 1
                    if item.kind == "deepstate":
                        missing_days.add(item.path)
                        state.cursors["missing"] = sorted(missing_days)
                        state.save()
                    bar.done()
                    continue
                check_member(root, item)
                missing_days.discard(item.path)
                state.cursors["missing"] = sorted(missing_days)
                state.record(result)
                state.save()
                counts[result.status] += 1
                if result.status != "unchanged":
                    received += result.size
                bar.done()
    if "gazetteer" in kinds and not base_url:
        _build_gazetteer(root, state, quiet)
    if not quiet:
        err_console.print(f"{len(items)} files: {counts['new']} new, {counts['updated']} updated, "
                          f"{counts['unchanged']} unchanged, {counts['missing']} not on the "
                          f"server; {received / 1e6:.1f} MB received, into {root}.",
                          markup=False)


def _settled(item: archive.Item, dest: Path, known: dict, missing: set[str], today) -> bool:
    """Whether a file needs no request at all: a dated daily file held with its recorded
    digest (the archive never changes a past day), or a day the archive lacked that is no
    longer recent."""
    if item.kind != "deepstate":
        return bool(item.sha256 and known.get("sha256") == item.sha256 and dest.is_file()
                    and sha256_file(dest) == item.sha256)
    if item.path in missing:
        on = archive.daily_date(item.path)
        return on is not None and on < today - timedelta(days=RECENT_DAYS)
    return (dest.is_file() and bool(known.get("sha256"))
            and (item.sha256 is None or item.sha256 == known["sha256"])
            and sha256_file(dest) == known["sha256"])


def _build_gazetteer(root: Path, state: FetchState, quiet: bool) -> None:
    """gazetteer.csv from the fetched sources, when they changed or the CSV is missing."""
    done = build_from_sources(root, state.cursors.get("gazetteer_from"))
    if done is None:
        return
    build, digest = done
    state.cursors["gazetteer_from"] = digest
    state.save()
    if quiet or not build.rebuilt:
        return
    what = ("full: GeoNames + KATOTTG" if build.full else "reduced: no KATOTTG links")
    without = f"; without {', '.join(build.missing)}" if build.missing else ""
    err_console.print(f"Gazetteer: {build.places:,} places into "
                      f"{root / archive.GAZETTEER_CSV} ({what}{without}).", markup=False)
