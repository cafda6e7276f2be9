"""A conflict tracker's own update log, as DeepStateMAP's ``/api/history/public``.

The log is a JSON list of ``{id, datetime, description, descriptionEn, ...}``; descriptions are
HTML whose place links end in ``#zoom/lat/lon``. One source (kind ``report``) per update, the
tracker as publisher and claimant. The text is the original ``description`` (Ukrainian); the
English is kept in ``meta["text_en"]``; the linked places of both in ``meta["places"]`` as
``[{name, lat, lon}]``, which resolve places without a name lookup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from frontcheck.errors import InputError
from frontcheck.sources.decode import load_json_text, parse_datetime
from frontcheck.sources.language import detect_language
from frontcheck.sources.model import ReadDefaults, ReadResult, SourceItem

DEFAULT_TRACKER = "DeepStateMAP"
_ZOOM_LAT_LON = re.compile(r"#(\d+(?:\.\d+)?)/(-?\d+(?:\.\d+)?)/(-?\d+(?:\.\d+)?)\s*$")
_BLOCK_TAGS = {"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr"}


class _DescriptionParser(HTMLParser):
    """Plain text of a description, and its links as (text, href)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append(("".join(self._link_text).strip(), self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self._href is not None:
            self._link_text.append(data)


def description_text_and_places(html: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text of an HTML description and its ``#zoom/lat/lon`` places.

    Examples
    --------
    >>> description_text_and_places('<p>Ворог окупував <a href="https://deepstatemap.live/#13/47.98/37.28">Курахове</a>.</p>')
    ('Ворог окупував Курахове.', [{'name': 'Курахове', 'lat': 47.98, 'lon': 37.28, 'zoom': 13.0}])
    """
    parser = _DescriptionParser()
    parser.feed(html)
    parser.close()
    lines = ("".join(parser.parts)).split("\n")
    text = "\n".join(" ".join(line.split()) for line in lines if line.strip())
    places = []
    for name, href in parser.links:
        match = _ZOOM_LAT_LON.search(href)
        if match:
            zoom, lat, lon = (float(g) for g in match.groups())
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                places.append({"name": name, "lat": lat, "lon": lon, "zoom": zoom})
    return text, places


def read_tracker_log(data: bytes, name: str,
                     defaults: ReadDefaults = ReadDefaults()) -> list[SourceItem]:
    """The updates of a tracker's log, one ``SourceItem`` each.

    Examples
    --------
    >>> doc = '[{"id": 7, "datetime": "2025-01-05T19:05:00Z", "description": "<p>Ворог окупував '
    >>> doc += '<a href=https://deepstatemap.live/#13/47.98/37.28>Курахове</a> та Дачне</p>"}]'
    >>> [item] = read_tracker_log(doc.encode(), "history.json")
    >>> item.publisher, item.kind, item.language, item.text, item.meta["places"][0]["lat"]
    ('DeepStateMAP', 'report', 'uk', 'Ворог окупував Курахове та Дачне', 47.98)
    """
    return read_tracker_log_items(data, name, defaults).strict()


def read_tracker_log_items(data: bytes, name: str,
                           defaults: ReadDefaults = ReadDefaults()) -> ReadResult:
    """Like ``read_tracker_log``, but a bad update becomes an error beside the good items."""
    doc = load_json_text(data, name)
    if isinstance(doc, dict) and isinstance(doc.get("data"), list):
        doc = doc["data"]
    if not isinstance(doc, list):
        raise InputError(name, "not a tracker update log (expected a JSON list of updates)")
    if not doc:
        raise InputError(name, "the update log has no updates")
    items: list[SourceItem] = []
    errors: list[InputError] = []
    for index, update in enumerate(doc):
        try:
            items.append(_update(update, index, name, defaults))
        except InputError as exc:
            errors.append(exc)
    return ReadResult(tuple(items), tuple(errors))


def _update(update: object, index: int, name: str, defaults: ReadDefaults) -> SourceItem:
    where = f"[{index}]"
    if not isinstance(update, dict):
        raise InputError(name, "an update is not a JSON object", field=where)
    update_id = update.get("id")
    if update_id in (None, "") or isinstance(update_id, (bool, dict, list)):
        raise InputError(name, "an update without an id", field=f"{where}.id")
    if not (isinstance(update_id, int) or (isinstance(update_id, str) and update_id.isdigit())):
        raise InputError(name, f"the id {str(update_id)[:40]!r} is not a number (a tracker "
                               "update id is the update's Unix time)", field=f"{where}.id")
    label = f"update {update_id}"
    if "datetime" not in update and "createdAt" not in update:
        raise InputError(name, "no datetime", field=f"{label}: datetime")
    key = "datetime" if "datetime" in update else "createdAt"
    published_at = parse_datetime(update[key], name, field=f"{label}: {key}", tz=defaults.timezone)
    original, english = update.get("description"), update.get("descriptionEn")
    for field_name, value in (("description", original), ("descriptionEn", english)):
        if value is not None and not isinstance(value, str):
            raise InputError(name, f"{field_name} is not text", field=f"{label}: {field_name}")
    if not original and not english:
        raise InputError(name, "no description", field=f"{label}: description")
    text, places = description_text_and_places(str(original or english))
    meta: dict[str, Any] = {"update_id": update_id, "datetime": str(update[key]), "places": places}
    if original and english:
        meta["text_en"], places_en = description_text_and_places(english)
        meta["places_en"] = places_en
    if isinstance(update.get("_sample"), str):
        meta["sample"] = update["_sample"]
    tracker = defaults.publisher or DEFAULT_TRACKER
    return SourceItem(
        kind=defaults.kind or "report", item_key=str(update_id), text=text, publisher=tracker,
        author=tracker, published_at=published_at, language=detect_language(text),
        url="", retrieved_at=defaults.retrieved_at, meta=meta)
