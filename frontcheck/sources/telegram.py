"""Telegram Desktop exports (``result.json``): one source per message.

A channel or chat export is ``{"name", "type", "id", "messages": [...]}``; a whole-account
export nests chats under ``{"chats": {"list": [...]}}``; both are read. Service messages
(channel created, message pinned) are skipped. ``text`` is a string or a list of strings and
entities (``{"type": "bold", "text": ...}``), flattened in order; links of ``text_link``
entities are kept in ``meta["links"]``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from frontcheck.errors import InputError
from frontcheck.sources.decode import load_json_text, parse_datetime
from frontcheck.sources.language import detect_language
from frontcheck.sources.model import ReadDefaults, ReadResult, SourceItem

#: Message fields kept in ``meta`` as they are in the export.
KEPT_FIELDS = ("date", "date_unixtime", "edited", "edited_unixtime", "from", "from_id", "author",
               "forwarded_from", "saved_from", "reply_to_message_id", "via_bot", "media_type",
               "photo", "file", "mime_type", "duration_seconds")


def read_telegram(data: bytes, name: str,
                  defaults: ReadDefaults = ReadDefaults()) -> list[SourceItem]:
    """The messages of a Telegram Desktop export, one ``SourceItem`` each; the first bad
    message raises ``InputError``.

    Examples
    --------
    >>> doc = '{"name": "Сводки", "id": 7, "messages": [{"id": 5, "type": "message",'
    >>> doc += ' "date": "2024-12-07T08:31:12", "date_unixtime": "1733549472",'
    >>> doc += ' "text": ["Плехово ", {"type": "bold", "text": "снова наше"}]}]}'
    >>> [item] = read_telegram(doc.encode(), "result.json")
    >>> item.text, item.item_key, item.publisher, item.language, item.published_at.isoformat()
    ('Плехово снова наше', '7:5', 'Сводки', 'ru', '2024-12-07T08:31:12+03:00')
    """
    return read_telegram_items(data, name, defaults).strict()


def read_telegram_items(data: bytes, name: str,
                        defaults: ReadDefaults = ReadDefaults()) -> ReadResult:
    """Like ``read_telegram``, but a bad message becomes an error beside the good items."""
    doc = load_json_text(data, name)
    chats = _chats(doc, name)
    items: list[SourceItem] = []
    errors: list[InputError] = []
    seen_messages = 0
    for chat_index, chat in enumerate(chats):
        messages = chat.get("messages")
        if messages is None:
            continue
        where = "messages" if len(chats) == 1 else f"chats.list[{chat_index}].messages"
        if not isinstance(messages, list):
            raise InputError(name, "not a list of messages", field=where)
        for index, message in enumerate(messages):
            if isinstance(message, dict) and message.get("type", "message") != "message":
                continue  # service message: channel created, pinned, joined ...
            seen_messages += 1
            try:
                items.append(_message_item(message, chat, name, f"{where}[{index}]", defaults))
            except InputError as exc:
                errors.append(exc)
    if not seen_messages:
        raise InputError(name, "the export has no messages (only service messages, or none)",
                         field="messages")
    return ReadResult(tuple(items), tuple(errors))


def _chats(doc: object, name: str) -> list[dict[str, Any]]:
    if not isinstance(doc, dict):
        raise InputError(name, "not a Telegram Desktop export (expected a JSON object "
                               "with \"messages\")")
    if "messages" in doc:
        return [doc]
    nested = doc.get("chats")
    listed = nested.get("list") if isinstance(nested, dict) else None
    if isinstance(listed, list):
        return [c for c in listed if isinstance(c, dict)]
    raise InputError(name, "not a Telegram Desktop export (no \"messages\" list)", field="messages")


def _message_item(message: object, chat: dict[str, Any], name: str, where: str,
                  defaults: ReadDefaults) -> SourceItem:
    if not isinstance(message, dict):
        raise InputError(name, "a message is not a JSON object", field=where)
    message_id = message.get("id")
    if not isinstance(message_id, int) or isinstance(message_id, bool):
        raise InputError(name, f"message id {message_id!r} is not a number", field=f"{where}.id")
    label = f"message {message_id}"
    text, links = flatten_text(message.get("text", ""), name, f"{label}: text")
    if not text and "text_entities" in message:
        text, links = flatten_text(message["text_entities"], name, f"{label}: text_entities")
    published_at = _message_time(message, name, label, defaults)
    chat_name = chat.get("name") if isinstance(chat.get("name"), str) else ""
    chat_id = chat.get("id")
    meta = {k: message[k] for k in KEPT_FIELDS if k in message}
    meta.update(message_id=message_id, chat=chat_name, chat_type=chat.get("type", ""))
    if chat_id is not None:
        meta["chat_id"] = chat_id
    if links:
        meta["links"] = links
    author = message.get("author") or message.get("from") or ""
    return SourceItem(
        kind=defaults.kind or "telegram_post",
        item_key=f"{chat_id}:{message_id}" if chat_id is not None else str(message_id),
        text=text,
        publisher=chat_name or defaults.publisher or "",
        author=author if isinstance(author, str) else str(author),
        published_at=published_at,
        language=detect_language(text),
        retrieved_at=defaults.retrieved_at,
        meta=meta,
    )


def _message_time(message: dict[str, Any], name: str, label: str,
                  defaults: ReadDefaults) -> datetime:
    """The message's time. ``date_unixtime`` is exact; ``date`` is the exporting computer's
    local time without an offset. With both, the difference is that computer's UTC offset, and
    the time is given in it, so that the local calendar day ("вчера") survives."""
    if "date" not in message and message.get("date_unixtime") in (None, ""):
        raise InputError(name, "no date", field=f"{label}: date")
    local = (parse_datetime(message["date"], name, field=f"{label}: date", tz=defaults.timezone)
             if "date" in message else None)
    if local is not None and message.get("date_unixtime") in (None, ""):
        return local
    exact = parse_datetime(message["date_unixtime"], name, field=f"{label}: date_unixtime")
    if local is None:
        return exact
    offset = local.replace(tzinfo=UTC) - exact
    if abs(offset) <= timedelta(hours=14) and offset % timedelta(minutes=15) == timedelta(0):
        return exact.astimezone(timezone(offset))
    return exact


def flatten_text(value: object, name: str, field: str) -> tuple[str, list[str]]:
    """Plain text of a Telegram ``text`` value, and the URLs of its ``text_link`` entities."""
    if isinstance(value, str):
        return value, []
    if not isinstance(value, list):
        raise InputError(name, f"text is a {type(value).__name__}, not a string or a list",
                         field=field)
    parts: list[str] = []
    links: list[str] = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text", ""), str):
            parts.append(part.get("text", ""))
            if part.get("type") == "text_link" and isinstance(part.get("href"), str):
                links.append(part["href"])
            elif part.get("type") == "link":
                links.append(part.get("text", ""))
        else:
            raise InputError(name, f"text entity {part!r:.40} is neither text nor an entity",
                             field=field)
    return "".join(parts), links
