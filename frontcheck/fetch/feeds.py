"""RSS and Atom feeds (feedparser): the entries of a feed, and where each page is kept. Pure."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import feedparser

from frontcheck.errors import InputError


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry: its id (the feed's, else its link), link, title and publication time."""

    key: str
    link: str
    title: str = ""
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    title: str
    link: str
    entries: tuple[FeedEntry, ...]


def parse_feed(data: bytes, name: str) -> Feed:
    """The feed's title and entries (feedparser: RSS 0.9x/1.0/2.0, Atom 0.3/1.0).

    Parsed from the bytes given (a file object, so feedparser never fetches anything itself).
    A document with no feed in it raises ``InputError``.
    """
    parsed = feedparser.parse(io.BytesIO(data))
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(name, "not an RSS or Atom feed" + (f" ({reason})" if reason else ""))
    entries = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        key = (entry.get("id") or link).strip()
        if not key:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = (datetime(when[0], when[1], when[2], when[3], when[4], when[5], tzinfo=UTC)
                     if when else None)
        entries.append(FeedEntry(key, link, (entry.get("title") or "").strip(), published))
    feed = parsed.get("feed", {})
    return Feed((feed.get("title") or "").strip(), (feed.get("link") or "").strip(),
                tuple(entries))


def new_entries(feed: Feed, seen: set[str], since: date | None) -> list[FeedEntry]:
    """Entries with a link, not seen before, published on or after ``since`` (an entry
    without a date is kept: the feed lists it now)."""
    return [e for e in feed.entries if e.link and e.key not in seen
            and (since is None or e.published is None or e.published.date() >= since)]


def feed_folder(url: str) -> str:
    """A folder name for one feed: its host and a short hash of its URL.

    >>> feed_folder("https://example.org/rss.xml")
    'example.org-0c87f88ef0'
    """
    host = urlsplit(url).hostname or "feed"
    return f"{host}-{hashlib.sha256(url.encode()).hexdigest()[:10]}"


def page_filename(link: str) -> str:
    """The file a page is kept in (``.html``, so that ``sources ingest`` reads it as one)."""
    return f"{hashlib.sha256(link.encode()).hexdigest()[:20]}.html"
