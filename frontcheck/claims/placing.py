"""The places a read sentence names, resolved: each settlement the resolver finds (or a word
such as "village of" announces), each oblast as a region (split from ``claims.territorial``,
which reads the claims about them)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from frontcheck.claims.agents import possible_oblasts
from frontcheck.claims.mentions import PlaceMention
from frontcheck.claims.model import PlaceRef
from frontcheck.claims.reading import SentenceReading
from frontcheck.claims.resolver import FrontLine, PlaceResolver
from frontcheck.claims.territorial import Located
from frontcheck.places.regions import RUSSIAN_OBLASTS

__all__ = ["resolved_places"]

#: Between a settlement and the oblast that locates it: "Uspenovka and Borki in the".
_LOCATING_GAP = re.compile(r"[\s,]*(?:[\w'’-]+[\s,]+)*?(?:in|of|в|у|на)\s+(?:the\s+)?",
                           re.IGNORECASE)     # each word taken whole: no backtracking inside


def _own_oblast(reading: SentenceReading, mention: PlaceMention) -> str | None:
    """The oblast the settlement's own phrase puts it in ("Нечаевка в Днепропетровской
    области и Цегельное в Харьковской"), or None."""
    for region in reading.places:
        if region.kind == "region" and region.oblast \
                and mention.end <= region.start <= mention.end + 40 \
                and _LOCATING_GAP.fullmatch(reading.text, mention.end, region.start):
            return region.oblast
    return None


def resolved_places(reading: SentenceReading, resolve_place: PlaceResolver | None,
                    named_before: Sequence[str] = (), front: FrontLine | None = None,
                    oblast_before: str | None = None) -> list[Located]:
    """Each settlement or region the sentence names, in order.

    A settlement is kept when the resolver finds it, or when a word such as "village of" or
    "населённый пункт" announces it (then unresolved, ``id`` None). Regions become a
    ``PlaceRef`` with the oblast and no id. A name the sentence leaves ambiguous is tried
    again with the places earlier sentences named (``named_before``): "зашли в Суджу.
    Освобожден Замостье" is the Zamostye near Sudzha; then with the oblast an earlier
    sentence named (``oblast_before``): "... in Kharkiv region. Successes are noted in two
    villages of the region - Topoli and Kamianka".
    """
    # an axis is read as one ("Покровском axis"), last, so that its word marks no other
    # name: evidence of a wider area than a place named beside
    context_text = ", ".join([m.text for m in reading.places if m.kind != "axis"]
                             + [m.text + " axis" for m in reading.places if m.kind == "axis"])
    oblasts = [m.oblast for m in reading.places if m.kind == "region" and m.oblast]
    out: list[Located] = []
    for mention in reading.places:
        if mention.kind == "region":
            out.append(Located(mention.start, mention.end,
                               PlaceRef(mention=mention.text, oblast=mention.oblast), True))
        elif mention.kind == "settlement" and resolve_place is not None:
            own = _own_oblast(reading, mention)
            oblast = own or (oblasts[0] if len(oblasts) == 1 else None)
            context = {"text": context_text, "oblast": oblast, "front": front}
            place = resolve_place(mention.text, context)
            if place is None and oblast is not None:
                place = resolve_place(mention.text, {"text": context_text, "front": front})
            if place is not None and place.id is None and place.candidates and named_before:
                wider = {"text": ", ".join([*named_before, context_text]),
                         "oblast": oblast, "front": front}
                place = resolve_place(mention.text, wider) or place
            if place is not None and place.id is None and place.candidates and oblast_before \
                    and oblast is None:
                place = resolve_place(mention.text, {"text": context_text, "front": front,
                                                     "oblast": oblast_before}) or place
            russian = own if own in RUSSIAN_OBLASTS else None
            if place is not None and russian and russian not in possible_oblasts(place):
                # "Uspenovka and Borki in the Kursk region": the gazetteer holds only part of
                # Russia's border oblasts, and a Ukrainian namesake is not the place meant
                place = PlaceRef(mention=mention.text, oblast=russian)
            if place is None and mention.cued:
                place = PlaceRef(mention=mention.text)
            if place is not None and (not mention.initial or place.id or mention.cued):
                out.append(Located(mention.start, mention.end, place))
        elif mention.kind == "settlement" and mention.cued:
            out.append(Located(mention.start, mention.end, PlaceRef(mention=mention.text)))
    return out
