"""DeepStateMAP's live API: the history list, and which snapshots to fetch from it. Pure.

``GET {base}/api/history/public`` is a JSON list of ``{id, datetime, description,
descriptionEn}``; ``id`` is the snapshot's Unix epoch (seconds, UTC) and
``GET {base}/api/history/{id}/geojson`` is that snapshot, one raw FeatureCollection
(``../shared/data/deepstate-raw-format.md``). There are one or two snapshots a day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

import orjson

from frontcheck.errors import InputError

DEFAULT_BASE_URL = "https://deepstatemap.live"
HISTORY_PATH = "/api/history/public"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One entry of the history list: a snapshot id (epoch seconds) and when it was taken."""

    id: int
    at: datetime
    description: str = ""
    description_en: str = ""

    @property
    def on(self) -> date:
        """The snapshot date frontcheck's raw reader gives it: the UTC date of ``id``."""
        return self.at.date()


def history_url(base: str) -> str:
    return base.rstrip("/") + HISTORY_PATH


def snapshot_url(base: str, entry_id: int) -> str:
    return f"{base.rstrip('/')}/api/history/{entry_id}/geojson"


def snapshot_filename(entry_id: int) -> str:
    """The cache file name; its 10-digit epoch is what dates the snapshot on ingest."""
    return f"deepstate_{entry_id}.geojson"


def parse_history(data: bytes, name: str) -> list[HistoryEntry]:
    """The entries of a history list, oldest first; bad input raises ``InputError``.

    >>> parse_history(b'[{"id": 1733549472, "datetime": "2024-12-07T05:31:12.000Z",'
    ...               b' "description": "", "descriptionEn": "x"}]', "h")[0].on.isoformat()
    '2024-12-07'
    """
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InputError(name, f"not JSON ({exc})") from None
    if not isinstance(doc, list):
        raise InputError(name, "not a DeepStateMAP history list (expected a JSON list of "
                               "{id, datetime, description, descriptionEn})")
    entries = []
    for i, item in enumerate(doc):
        if not isinstance(item, dict) or "id" not in item:
            raise InputError(name, "entry is not an object with an id", field=f"[{i}]")
        raw_id = item["id"]
        if isinstance(raw_id, bool) or not isinstance(raw_id, (int, str)) \
                or not str(raw_id).isdigit() or not 10 ** 9 <= int(raw_id) < 10 ** 10:
            raise InputError(name, f"id {str(raw_id)[:30]!r} is not a Unix epoch in seconds",
                             field=f"[{i}].id")
        entry_id = int(raw_id)
        entries.append(HistoryEntry(entry_id, datetime.fromtimestamp(entry_id, tz=UTC),
                                    _text(item.get("description")),
                                    _text(item.get("descriptionEn"))))
    return sorted(entries, key=lambda e: e.id)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def choose_snapshots(entries: Iterable[HistoryEntry], since: date | None,
                     stored: Mapping[date, datetime | None]) -> list[HistoryEntry]:
    """The snapshots to fetch: the latest of each UTC day from ``since`` on, leaving out days
    the store already holds as recent a snapshot of (``stored``: date → observed_at; None
    for a snapshot of unknown time, such as a shipped daily file, which is never replaced).

    >>> e = [HistoryEntry(i, datetime.fromtimestamp(i, tz=UTC)) for i in
    ...      (1733549472, 1733590000, 1733640000)]
    >>> [x.id for x in choose_snapshots(e, None, {})]
    [1733590000, 1733640000]
    >>> [x.id for x in choose_snapshots(e, None, {date(2024, 12, 7): e[1].at})]
    [1733640000]
    """
    latest: dict[date, HistoryEntry] = {}
    for entry in entries:
        if since is not None and entry.on < since:
            continue
        if entry.on not in latest or entry.id > latest[entry.on].id:
            latest[entry.on] = entry
    chosen = []
    for on in sorted(latest):
        entry = latest[on]
        stored_at = stored.get(on)
        if on in stored and (stored_at is None or stored_at >= entry.at):
            continue
        chosen.append(entry)
    return chosen
