"""HTML articles: the main text and its title, author, date and address, one source a page.

Extraction is trafilatura's (navigation, sidebars and footers dropped), offline on the bytes
given. The publication time is read from the page's own markup first (``article:published_time``,
``datePublished``, ``<time datetime>``), because trafilatura reports the day only.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document

from frontcheck.errors import InputError
from frontcheck.sources.decode import decode_text, parse_datetime
from frontcheck.sources.language import detect_language, normalise_language
from frontcheck.sources.model import PersonMention, ReadDefaults, ReadResult, SourceItem

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_TIME_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate']/@content",
    "//time[@datetime]/@datetime",
)
# trafilatura logs every page it finds too short at WARNING; the reader raises instead.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def read_html(data: bytes, name: str, defaults: ReadDefaults = ReadDefaults()) -> list[SourceItem]:
    """The article of an HTML page as one ``SourceItem`` (kind ``article``).

    Examples
    --------
    >>> page = b'<html><head><title>T</title><meta name="author" content="Maria Kovalenko">'
    >>> page += b'<meta property="article:published_time" content="2024-12-17T09:45:00+00:00">'
    >>> page += b'</head><body><article><p>' + b'North Korean soldiers attacked near Plekhovo. ' * 5
    >>> page += b'</p></article></body></html>'
    >>> [item] = read_html(page, "a.html")
    >>> item.kind, item.author, item.published_at.isoformat(), item.text[:21]
    ('article', 'Maria Kovalenko', '2024-12-17T09:45:00+00:00', 'North Korean soldiers')
    """
    return read_html_items(data, name, defaults).strict()


def read_html_items(data: bytes, name: str, defaults: ReadDefaults = ReadDefaults()) -> ReadResult:
    """Like ``read_html`` (a page is one item, so its error is the file's)."""
    declared = _CHARSET.search(data[:4096])
    text = decode_text(data, name, declared.group(1).decode("ascii") if declared else None)
    if not text.strip():
        raise InputError(name, "empty HTML file")
    try:
        tree = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(name, f"unreadable HTML ({exc})") from exc
    try:
        document = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False,
                                               include_tables=True, favor_precision=True)
    except (ValueError, TypeError, lxml.etree.LxmlError) as exc:
        raise InputError(name, f"unreadable HTML ({exc})") from exc
    found = document.as_dict() if isinstance(document, Document) else (document or {})
    body = (found.get("text") or "").strip()
    if not body:
        raise InputError(name, "no article text found in the HTML page")
    published_at = None
    for value in _published_times(tree, found):
        published_at = parse_datetime(value, name, field="published_time", tz=defaults.timezone)
        break
    author = (found.get("author") or "").strip()
    publisher = (found.get("sitename") or found.get("hostname") or defaults.publisher or "").strip()
    language = (normalise_language(found["language"]) if found.get("language")
                else _page_language(tree) or detect_language(body))
    meta = {k: found[k] for k in ("title", "description", "hostname", "sitename", "categories",
                                  "tags") if found.get(k)}
    meta["sample"] = _sample_note(tree)
    if not meta["sample"]:
        del meta["sample"]
    item = SourceItem(
        kind=defaults.kind or "article", item_key="document", text=body,
        publisher=publisher,
        author=author, published_at=published_at, language=language,
        url=(found.get("url") or "").strip(), retrieved_at=defaults.retrieved_at, meta=meta,
        persons=tuple(PersonMention(a.strip(), "author") for a in author.split(";") if a.strip()))
    return ReadResult((item,))


def _published_times(tree: HtmlElement, found: dict[str, Any]) -> list[str]:
    """Publication times the page states, most precise first; trafilatura's day last."""
    values = [str(v).strip() for xpath in _TIME_XPATHS for v in tree.xpath(xpath) if str(v).strip()]
    if found.get("date"):
        values.append(str(found["date"]))
    return values


def _page_language(tree: HtmlElement | None) -> str:
    lang = tree.get("lang") if tree is not None else None
    return normalise_language(lang) if lang else ""


def _sample_note(tree: HtmlElement) -> str:
    """The text of a leading comment that marks a page as a sample (``<!-- SAMPLE: ... -->``)."""
    for comment in tree.getroottree().xpath("//comment()")[:3]:
        text = " ".join(str(comment.text or "").split())
        if text.upper().startswith("SAMPLE"):
            return text
    return ""
