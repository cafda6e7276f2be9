"""The ledger's records: what a reader makes of one item of a file, and a stored source.

Plain frozen dataclasses; no I/O. A file yields ``SourceItem`` records (one per Telegram
message, CSV row, tracker update, or one per transcript/article); the store adds the id, the
hash of the file's bytes and the publisher's reliability, and hands back ``StoredSource``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from frontcheck.errors import InputError

#: Kinds of source the ledger knows (the issue's list).
KINDS = ("telegram_post", "interview", "article", "statement", "report", "dataset_row")

#: Roles a person can have in a source.
ROLES = ("speaker", "interviewer", "author", "named")


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person a source names: their name as written, their role in the source, and what the
    source says about them (``description``: "prisoner of war since January 2025")."""

    name: str
    role: str = "named"
    description: str = ""


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One item of an ingested file, as the reader found it.

    ``item_key`` tells the item apart within its file (a message id, a CSV statement id);
    ``published_at`` is time-zone aware or None when the item has no date; ``meta`` holds the
    format's own provenance (message ids, forwards, speaker turns, place links) as plain JSON.
    """

    kind: str
    item_key: str
    text: str
    publisher: str = ""
    author: str = ""
    published_at: datetime | None = None
    language: str = ""
    url: str = ""
    retrieved_at: datetime | None = None
    credibility: str = "6"
    meta: dict[str, Any] = field(default_factory=dict)
    persons: tuple[PersonMention, ...] = ()


@dataclass(frozen=True, slots=True)
class ReadDefaults:
    """What the user told ``sources ingest``, and what a reader assumes when a file is silent.

    ``kind`` and ``publisher`` fill in items whose file does not say; ``retrieved_at`` is when
    the file was obtained (the shell passes the ingest time); ``timezone`` is assumed for dates
    written without an offset (Telegram Desktop's ``date`` is the exporting computer's local
    time, so ``date_unixtime`` is preferred when present).
    """

    kind: str | None = None
    publisher: str | None = None
    retrieved_at: datetime | None = None
    timezone: tzinfo = UTC


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The good items of a file and one error per bad item (used by ``--keep-going``)."""

    items: tuple[SourceItem, ...]
    errors: tuple[InputError, ...] = ()

    def strict(self) -> list[SourceItem]:
        """The items, or the first item's error when any item was bad."""
        if self.errors:
            raise self.errors[0]
        return list(self.items)


@dataclass(frozen=True, slots=True)
class StoredSource:
    """A source as the ledger holds it: the item plus its id, the sha256 of the file's raw
    bytes, the file's name, the publisher's reliability (Admiralty A–F) and the item's
    credibility (1–6)."""

    id: int
    blob_sha256: str
    original_name: str
    item_key: str
    kind: str
    publisher: str
    reliability: str
    credibility: str
    author: str
    published_at: datetime | None
    language: str
    url: str
    retrieved_at: datetime | None
    text: str
    meta: dict[str, Any]
    ingested_at: datetime
    persons: tuple[PersonMention, ...] = ()

    @property
    def grade(self) -> str:
        """The Admiralty grade of this source, e.g. ``B2``."""
        return f"{self.reliability}{self.credibility}"
