"""How far an action word reaches: across a list it opens ("освобождены населённые пункты:
3 марта — А, 9 марта — Б", each item with its own date), to a share of a place ("почти 40%
Часова Яра") or an area around it ("16 square kilometers near X"), and not to an oblast named
only as where something happened ("в Донецкой области").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from frontcheck.claims.agents import CLAUSE_BREAK
from frontcheck.claims.cues import Cue
from frontcheck.claims.reading import SentenceReading

__all__ = ["AREA", "BACK_PLACE", "back_to_place", "item_date", "only_where", "reaches", "share_of"]

#: A list opened after the action ("освобождены населённые пункты: 3 марта — А, 9 марта —
#: Б", "liberated the following villages: A, B and C"): the action reaches every item.
_LIST_OPENING = re.compile(r"\s*(?:[^\W\d]+\s+){0,5}?(?:[^\W\d]+)?\s*(?::|\s[—–](?=\s))", re.IGNORECASE)


_LIST_END = re.compile(r"[.!?](?:\s|$)")


#: "в Донецкой области", "in Kursk Oblast", "на территории ДНР": where something happened,
#: not the ground it was about.
_LOCATIVE = re.compile(r"(?:^|\s)(?:in|inside|within|across|throughout|near|"
                       r"(?:в|на|у)\s+(?:территории|території|пределах|межах)|"
                       # "the border with the Dnepropetrovsk Region", "к границе с": where to
                       r"border\s+with|(?:границ\w*|кордон\w*)\s+(?:с|з|із))\s+(?:the\s+)?$",
                       re.IGNORECASE)


#: "в Донецкой области", "у Курській області": в/у/на with the locative, not the accusative
#: of motion ("зашли в Днепропетровскую область").
_IN_CASE = re.compile(r"(?:^|\s)(?:в|во|у|на)\s+$", re.IGNORECASE)


_LOCATIVE_ENDING = re.compile(r"(?:ой|ей|ій|ї|днр|лнр)$", re.IGNORECASE)


#: An area taken, not a place: "regained control of 16 square kilometers ... near X".
AREA = re.compile(r"\d\s*(?:square\s+kilomet|sq\.?\s*km|km²|кв\.?\s*км|км²|квадратн)",
                   re.IGNORECASE)


#: A share of a place: "почти 40% Часова Яра", "more than 80 percent of Vovchansk", "90 % міста".
_SHARE = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*(?:%|percent|per\s*cent|процент\w*|відсот\w*)",
                    re.IGNORECASE)


#: Several oblasts under one noun: "в Сумской, Запорожской и Днепропетровской областях".
_OBLASTS_AFTER = re.compile(r"\s*(?:областях|областей|областям|областями|областях|областях|"
                            r"oblasts|regions)\b", re.IGNORECASE)
#: What may stand between a place and the oblast that locates it: "Дружківка Донецької
#: області", "Гришино Донецкой народной республики", "Kupiansk, Kharkiv Oblast".
_AXIS_BEFORE = re.compile(r"(?:направлени[июе]|напрям(?:ку|і)|напрямок|axis|direction|sector)"
                          r"[\s,]*$", re.IGNORECASE)
_QUALIFIER_GAP = re.compile(r"[\s,(]*(?:(?:в|у|of|in)\s+)?$", re.IGNORECASE)


def only_where(text: str, start: int, mention: str,
               named_before: Sequence[int] = ()) -> bool:
    """Whether an oblast named at ``start`` only says where something happened ("в Донецкой
    области", "in Kursk Oblast", "на территории ДНР"), not the ground claimed
    ("зашли в Днепропетровскую область", "expelled from the Kursk region").

    An oblast right after a settlement or an axis (``named_before``: where the sentence's
    other place names end) locates it ("Дружківка Донецької області", "на краснолиманском
    направлении Донецкой Народной Республики"), and so does one of several oblasts under one
    plural noun ("в Сумской, Запорожской и Днепропетровской областях")."""
    if any(end <= start and start - end <= 12 and _QUALIFIER_GAP.match(text[end:start])
           for end in named_before):
        return True
    if _OBLASTS_AFTER.match(text, start + len(mention)) or _AXIS_BEFORE.search(
            text, max(0, start - 16), start):
        return True
    return bool(_LOCATIVE.search(text, max(0, start - 30), start)
                or (_IN_CASE.search(text, max(0, start - 6), start)
                and _LOCATIVE_ENDING.search(mention.split()[0])))


def share_of(text: str, start: int, end: int, action: Cue) -> float | None:
    """The share of the place at ``start:end`` said to be held, when the clause gives one
    between the action and the place or just after the place ("... Купянск — 90 %")."""
    lo = min(action.end, start) if action.end <= start else max(0, start - 60)
    window = text[lo:start] if start - lo <= 80 else text[start - 80:start]
    found = list(_SHARE.finditer(window)) or list(_SHARE.finditer(text, end, min(len(text),
                                                                                     end + 40)))
    if not found:
        return None
    value = float(found[-1].group(1).replace(",", "."))
    return value if 0 < value < 100 else None


def _list_opened(text: str, action: Cue) -> int | None:
    """Where the list that an action opens starts, or None."""
    found = _LIST_OPENING.match(text, action.end)
    if found is None or (found.end() < len(text) and _LIST_END.match(text, found.end())):
        return None
    return found.end()


def reaches(text: str, action: Cue, start: int) -> bool:
    """Whether an action's words reach a place named at ``start`` after them: not across a
    clause break, except inside the list the action opens."""
    opened = _list_opened(text, action)
    if opened is not None and opened <= start:
        return not _LIST_END.search(text, opened, start)
    return not CLAUSE_BREAK.search(text, action.end, start)


def item_date(reading: SentenceReading, action: Cue, start: int) -> tuple[Any, ...] | None:
    """The date that opens a list item ("9 марта — Берёзовка"), when the action opened a list."""
    opened = _list_opened(reading.text, action)
    if opened is None or opened > start:
        return None
    dated = [d for d in reading.dates if opened <= d.start and d.end <= start]
    return (dated[-1].on, dated[-1].precision) if dated else None


#: Words that put a fight back at the place just named: "there", "in the town", "за місто",
#: "на улицах города".
BACK_PLACE = re.compile(
    r"(?<![\w-])(?:there|in\s+the\s+(?:town|city|village|settlement)|for\s+the\s+(?:town|city|"
    r"village|settlement)|on\s+the\s+streets\s+of\s+the\s+(?:town|city)|там|в\s+(?:городе|селе|"
    r"посёлке|поселке|нём|нем|населённом\s+пункте|населенном\s+пункте)|на\s+улицах\s+(?:города|"
    r"села)|за\s+(?:город|село|населённый\s+пункт|населенный\s+пункт|місто|населений\s+пункт)|"
    r"(?:у|в)\s+(?:місті|селі|ньому|населеному\s+пункті)|на\s+вулицях\s+(?:міста|села)|"
    r"(?:на|в|у)\s+(?:[\w-]+,?\s+(?:(?:и|і|та|й)\s+)?(?:на|в|у)\s+)*[\w-]+\s+(?:города|міста))(?![\w-])",
    re.IGNORECASE)


def back_to_place(text: str, cue: Cue) -> bool:
    """Whether a fighting word is put at the place named before ("в городе начались бои")."""
    return BACK_PLACE.search(text, max(0, cue.start - 40), min(len(text), cue.end + 70)) \
        is not None
