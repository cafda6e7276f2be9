"""Collecting a Telegram channel through Telethon, as a Telegram Desktop export.

The messages are written as Desktop's ``result.json`` (``name``, ``type``, ``id``,
``messages`` with ``id``, ``type``, ``date``, ``date_unixtime``, ``from``, ``from_id``,
``text`` as a string or a list of entities, ``forwarded_from``, ``reply_to_message_id``,
``edited``…), so that ``sources ingest`` makes the same source records of a collected channel
as of an exported one, and the ledger keeps the file's bytes like any other.

The credentials are the user's own, from the environment, never written anywhere by
frontcheck: ``TELEGRAM_API_ID`` and ``TELEGRAM_API_HASH`` (from my.telegram.org), and
``TELEGRAM_SESSION``: a Telethon session file (created on the first login, which asks for the
phone number and code) or a StringSession string. Telethon is an optional extra:
``pip install 'frontcheck[telegram]'``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import platformdirs

from frontcheck.errors import InputError
from frontcheck.fetch.http import FetchError

ENV_API_ID, ENV_API_HASH, ENV_SESSION = "TELEGRAM_API_ID", "TELEGRAM_API_HASH", "TELEGRAM_SESSION"


def credentials(environ: Mapping[str, str]) -> tuple[int, str, str]:
    """(api_id, api_hash, session) from the environment; one error naming what is missing."""
    missing = [v for v in (ENV_API_ID, ENV_API_HASH) if not environ.get(v, "").strip()]
    if missing:
        raise InputError(None, f"set {' and '.join('$' + m for m in missing)} to your own "
                               "Telegram API credentials (https://my.telegram.org)")
    api_id = environ[ENV_API_ID].strip()
    if not api_id.isdigit():
        raise InputError(None, f"${ENV_API_ID} must be a number, not {api_id[:20]!r}")
    session = environ.get(ENV_SESSION, "").strip() or str(
        Path(platformdirs.user_config_dir("frontcheck")) / "telegram.session")
    return int(api_id), environ[ENV_API_HASH].strip(), session


def make_client(api_id: int, api_hash: str, session: str):
    """A Telethon client (not yet connected). A value of ``session`` that names no file and is
    long is a StringSession; anything else is a session file path."""
    try:
        from telethon import TelegramClient
        from telethon.sessions import StringSession
    except ImportError:
        raise FetchError("Telethon is not installed; pip install 'frontcheck[telegram]'") from None
    if len(session) > 100 and not os.path.exists(session) and "/" not in session:
        session_obj = StringSession(session)
    else:
        Path(session).expanduser().parent.mkdir(parents=True, exist_ok=True)
        session_obj = str(Path(session).expanduser())
    return TelegramClient(session_obj, api_id, api_hash)


def chat_record(entity) -> dict:
    """The export's chat header for a Telethon entity (Channel, Chat or User)."""
    title = getattr(entity, "title", None) or " ".join(
        p for p in (getattr(entity, "first_name", None), getattr(entity, "last_name", None)) if p)
    if getattr(entity, "broadcast", False):
        kind = "public_channel" if getattr(entity, "username", None) else "private_channel"
    elif getattr(entity, "megagroup", False):
        kind = "public_supergroup" if getattr(entity, "username", None) else "private_supergroup"
    elif hasattr(entity, "title"):
        kind = "private_group"
    else:
        kind = "personal_chat"
    return {"name": title or str(getattr(entity, "username", "") or entity.id), "type": kind,
            "id": entity.id}


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _text_parts(text: str, entities) -> str | list:
    """Desktop's ``text``: a string, or a list of strings and ``{type, text[, href]}`` for
    links (offsets are in UTF-16 code units, as Telegram counts them)."""
    links = [e for e in entities or () if type(e).__name__ in ("MessageEntityTextUrl",
                                                               "MessageEntityUrl")]
    if not links:
        return text
    units = text.encode("utf-16-le")
    parts: list = []
    at = 0
    for entity in sorted(links, key=lambda e: e.offset):
        start, end = 2 * entity.offset, 2 * (entity.offset + entity.length)
        if start < at or end > len(units):
            continue
        if start > at:
            parts.append(units[at:start].decode("utf-16-le"))
        piece = units[start:end].decode("utf-16-le")
        if type(entity).__name__ == "MessageEntityTextUrl":
            parts.append({"type": "text_link", "text": piece, "href": entity.url})
        else:
            parts.append({"type": "link", "text": piece})
        at = end
    if at < len(units):
        parts.append(units[at:].decode("utf-16-le"))
    return parts


def message_record(message, chat: dict) -> dict | None:
    """One message as Desktop exports it; None for service messages (joins, pins …)."""
    if type(message).__name__ == "MessageService" or getattr(message, "action", None):
        return None
    when = _utc(message.date)
    record = {"id": message.id, "type": "message",
              "date": when.strftime("%Y-%m-%dT%H:%M:%S"),   # UTC: the offset is then zero
              "date_unixtime": str(int(when.timestamp())),
              "from": getattr(message, "post_author", None) or chat["name"],
              "from_id": f"channel{chat['id']}"}
    if getattr(message, "edit_date", None):
        edited = _utc(message.edit_date)
        record["edited"] = edited.strftime("%Y-%m-%dT%H:%M:%S")
        record["edited_unixtime"] = str(int(edited.timestamp()))
    forward = getattr(message, "fwd_from", None)
    if forward is not None:
        source = getattr(getattr(message, "forward", None), "chat", None)
        name = getattr(source, "title", None) or getattr(forward, "from_name", None)
        if name:
            record["forwarded_from"] = name
    reply = getattr(message, "reply_to", None)
    if reply is not None and getattr(reply, "reply_to_msg_id", None):
        record["reply_to_message_id"] = reply.reply_to_msg_id
    media = getattr(message, "media", None)
    if media is not None:
        record["media_type"] = type(media).__name__.removeprefix("MessageMedia").lower()
    record["text"] = _text_parts(message.message or "", getattr(message, "entities", None))
    record["text_entities"] = []
    return record


def export_bytes(chat: dict, messages: list[dict]) -> bytes:
    """The Desktop ``result.json`` of a chat and its messages."""
    return orjson.dumps({**chat, "messages": messages}, option=orjson.OPT_INDENT_2)


async def resolve(client, channel):
    """The entity a channel name, link or id means; one error line when there is none."""
    try:
        return await client.get_entity(int(channel) if str(channel).lstrip("-").isdigit()
                                       else channel)
    except ValueError as exc:
        raise InputError(None, f"no Telegram channel {channel!r} ({exc})") from None


async def collect_channel(client, channel, min_id: int = 0,
                          since: date | None = None) -> tuple[dict, list[dict]]:
    """The chat header and the messages after ``min_id`` (and from ``since`` on), oldest
    first. ``client`` is a connected Telethon client, or anything with the same
    ``get_entity`` and ``iter_messages``; ``channel`` a name or an entity already resolved."""
    entity = channel if hasattr(channel, "id") else await resolve(client, channel)
    chat = chat_record(entity)
    options: dict[str, Any] = {"reverse": True, "min_id": min_id}
    if since is not None:
        options["offset_date"] = datetime(since.year, since.month, since.day, tzinfo=UTC)
    messages = []
    async for message in client.iter_messages(entity, **options):
        if message.id <= min_id:
            continue
        if since is not None and _utc(message.date).date() < since:
            continue
        record = message_record(message, chat)
        if record is not None:
            messages.append(record)
    messages.sort(key=lambda m: m["id"])
    return chat, messages
