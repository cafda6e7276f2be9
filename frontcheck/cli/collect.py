"""``frontcheck sources collect``: sources from the network into the ledger.

``telegram CHANNEL...`` collects channels through Telethon as Telegram Desktop exports;
``feed URL...`` fetches RSS/Atom feeds and the page of each new entry. Either way the files
are kept in a collection folder and go through ``sources ingest``'s own code, so the records,
the preserved bytes and the protection of persons are the same as for files given by hand.
"""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path
from typing import Annotated

import platformdirs
import typer

from frontcheck.app import sources as source_jobs
from frontcheck.app.engine import open_engine
from frontcheck.app.sources import SourceIngestReport
from frontcheck.cli.control import parse_date
from frontcheck.cli.fetch_progress import download_progress
from frontcheck.cli.output import DbOption, QuietOption, err_console
from frontcheck.fetch import telegram
from frontcheck.fetch.feeds import feed_folder, new_entries, page_filename, parse_feed
from frontcheck.fetch.http import Fetcher, FetchError, atomic_write
from frontcheck.fetch.state import FetchState
from frontcheck.sources.model import ReadDefaults

app = typer.Typer(help="Collect sources from the network: Telegram channels, RSS/Atom feeds.",
                  no_args_is_help=True)

IntoOption = Annotated[Path | None, typer.Option(
    "--into", help="Collection folder for the files fetched (default: in the user data dir).")]
SinceOption = Annotated[str | None, typer.Option("--since", help="Only items published on or after this day (YYYY-MM-DD).")]
ReliabilityOption = Annotated[str | None, typer.Option("--reliability", help="Admiralty reliability A–F to set for the publishers collected.")]
ProtectOption = Annotated[bool, typer.Option("--protect/--no-protect", help="Protect persons the sources describe as prisoners, detainees or minors.")]


def default_into() -> Path:
    return Path(platformdirs.user_data_dir("frontcheck")) / "collected"


def _ingest(db, files: list[Path], format_name: str, defaults: ReadDefaults,
            reliability: str | None, protect: bool) -> SourceIngestReport:
    with open_engine(db) as engine:
        return source_jobs.ingest(engine, files, format_name, defaults, reliability,
                                  keep_going=True, protect=protect)


def _slug(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text.strip().lstrip("@").rsplit("/", 1)[-1])[:80] or "channel"


@app.command("telegram")
def collect_telegram(
    channels: Annotated[list[str], typer.Argument(help="Channel usernames, t.me links or ids.")],
    since: SinceOption = None,
    into: IntoOption = None,
    reliability: ReliabilityOption = None,
    protect: ProtectOption = True,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Collect Telegram channels through your own API credentials, resuming by message id.

    Example: TELEGRAM_API_ID=123 TELEGRAM_API_HASH=abc frontcheck sources collect telegram rybar --since 2025-01-01

    Credentials come from the environment only: $TELEGRAM_API_ID, $TELEGRAM_API_HASH and
    $TELEGRAM_SESSION (a Telethon session file or StringSession; the first login asks for
    your phone number and code). Each run fetches the messages after the last one collected
    and writes them as a Telegram Desktop export, which is ingested like one. Needs
    pip install 'frontcheck[telegram]'.
    """
    start = parse_date(since, "--since")
    api_id, api_hash, session = telegram.credentials(os.environ)
    root = into or default_into()
    state = FetchState(root)
    client = telegram.make_client(api_id, api_hash, session)
    collected = asyncio.run(_collect_all(client, channels, state, start))
    files = []
    for chat, messages in collected:
        key = f"telegram:{chat['id']}"
        if not messages:
            if not quiet:
                err_console.print(f"{chat['name']}: no new messages.", markup=False)
            continue
        first, last = messages[0]["id"], messages[-1]["id"]
        path = root / "telegram" / _slug(str(chat.get("name") or chat["id"])) / \
            f"{chat['id']}_{first}-{last}.json"
        atomic_write(path, telegram.export_bytes(chat, messages))
        files.append((path, key, last, chat["name"], len(messages)))
    if files:
        report = _ingest(db, [f[0] for f in files], "telegram", ReadDefaults(), reliability, protect)
        _say(report, quiet)
        for path, key, last, name, count in files:
            state.cursors[key] = max(int(state.cursors.get(key, 0) or 0), last)
            if not quiet:
                err_console.print(f"{name}: {count} new messages (to id {last}) in {path}.",
                                  markup=False)
        state.save()
        if report.failed:
            raise typer.Exit(1)


async def _collect_all(client, channels: list[str], state: FetchState, since):
    results = []
    async with client:
        for channel in channels:
            # The resume point is per channel id; the id is known once the entity is.
            entity = await telegram.resolve(client, channel)
            min_id = int(state.cursors.get(f"telegram:{entity.id}", 0) or 0)
            results.append(await telegram.collect_channel(client, entity, min_id, since))
    return results


@app.command("feed")
def collect_feed(
    urls: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    since: SinceOption = None,
    into: IntoOption = None,
    reliability: ReliabilityOption = None,
    protect: ProtectOption = True,
    delay: Annotated[float, typer.Option("--delay", min=0.0, help="Seconds between two requests (politeness).")] = 1.0,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Fetch RSS/Atom feeds and ingest the article page of each new entry.

    Example: frontcheck sources collect feed https://example.org/rss.xml --since 2025-01-01

    The feed is asked for conditionally (an unchanged feed costs a 304); each entry not
    collected before has its page fetched and read with trafilatura, like `sources ingest`
    does an HTML file. A page that cannot be fetched or has no article text is listed, the
    others are ingested, and the exit code is 1.
    """
    start = parse_date(since, "--since")
    root = into or default_into()
    state = FetchState(root)
    failed: list[str] = []
    with Fetcher(min_interval=delay) as fetcher:
        for url in urls:
            failed += _collect_one_feed(fetcher, state, root, url, start, reliability,
                                        protect, db, quiet)
    for line in failed:
        err_console.print(f"Error: {line}", markup=False)
    if failed:
        raise typer.Exit(1)


def _collect_one_feed(fetcher: Fetcher, state: FetchState, root: Path, url: str, since,
                      reliability, protect, db, quiet) -> list[str]:
    folder = root / "feeds" / feed_folder(url)
    cursor = state.cursors.get(f"feed:{url}")
    cursor = cursor if isinstance(cursor, dict) else {}
    saved = folder / "feed.xml"
    answer = fetcher.get(url, etag=cursor.get("etag") if saved.is_file() else None,
                         last_modified=cursor.get("last_modified") if saved.is_file() else None)
    if answer.not_modified:
        if not quiet:
            err_console.print(f"{url}: unchanged (304).", markup=False)
        return []
    feed = parse_feed(answer.content, url)
    atomic_write(saved, answer.content)
    seen = set(cursor.get("seen", []))
    entries = new_entries(feed, seen, since)
    pages, failed = [], []
    with download_progress(f"Pages of {feed.title or url}", len(entries), quiet) as bar:
        for entry in entries:
            bar.file(entry.link)
            path = folder / "pages" / page_filename(entry.link)
            try:
                fetcher.download(entry.link, path, on_bytes=bar.on_bytes, on_total=bar.on_total)
            except FetchError as exc:
                failed.append(str(exc))
            else:
                pages.append((entry, path))
            bar.done()
    if pages:
        report = _ingest(db, [p for _, p in pages], "html",
                         ReadDefaults(publisher=feed.title or None), reliability, protect)
        _say(report, quiet)
        failed += report.failed
    seen.update(entry.key for entry, _ in pages)
    state.cursors[f"feed:{url}"] = {"etag": answer.etag, "last_modified": answer.last_modified,
                                    "seen": sorted(seen)}
    state.save()
    if not quiet:
        err_console.print(f"{url}: {len(feed.entries)} entries, {len(entries)} new, "
                          f"{len(pages)} pages fetched.", markup=False)
    return failed


def _say(report: SourceIngestReport, quiet: bool) -> None:
    if not quiet:
        err_console.print(f"Ingest: {report.summary()}.", markup=False)
