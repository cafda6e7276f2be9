"""The place resolver the extractor is given: ``places.resolve`` over a ``PlaceIndex``.

Extraction takes any ``PlaceResolver`` (a function of a mention and a context dict), so the
core never opens the store and tests can pass a table. ``index_resolver`` is the real one:
it keeps a settlement only when the resolver matched the name itself (not a near-miss) and
the whole name (not "Kim" of "Kim Jong Un"), and leaves ``id`` empty, with the candidates,
when the evidence does not settle which place of that name is meant. War reports name places
at the front, so among places of one name those in the front's oblasts are preferred
(``FRONT_OBLASTS``): of forty Novoselivkas, the one in Donetsk Oblast, not the one in Volyn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from frontcheck.claims.model import PlaceRef
from frontcheck.control.projection import lonlat_to_xy
from frontcheck.places.index import PlaceIndex
from frontcheck.places.mention import read_mention
from frontcheck.places.resolve import Candidate, ResolveContext, resolve
from frontcheck.verify.homonyms import front_line_choice

__all__ = ["PlaceResolver", "index_resolver", "FrontLine", "front_line_of"]

#: ``resolve_place(mention, context)``: the settlement a mention names, or None when it
#: names none. Context keys: ``text`` (the other place names of the sentence), ``oblast``.
PlaceResolver = Callable[[str, dict[str, Any]], PlaceRef | None]

_CANDIDATES_KEPT = 5


@dataclass(frozen=True, slots=True)
class FrontLine:
    """The front line on a date: the boundary of the occupied area, in the equal-area plane
    (metres), and the snapshot date it comes from (``key``, which answers may be cached by).
    A claim that a village changed hands is about a village on it: of several places of one
    name that the text cannot tell apart, the one near it is meant (``verify.homonyms``)."""

    key: str
    line: shapely.Geometry


def front_line_of(occupied_equal_area: shapely.Geometry | None, key: str) -> FrontLine | None:
    """A ``FrontLine`` from the occupied area (equal-area metres), None without one."""
    if occupied_equal_area is None or shapely.is_empty(occupied_equal_area):
        return None
    return FrontLine(key, shapely.boundary(occupied_equal_area))
#: Log-weights of the oblasts where the war's fighting has been (2022-2025): Donetsk most
#: of all, then the other front and border oblasts; elsewhere 0. Evidence in the text (an
#: oblast named, a place nearby) outweighs them.
FRONT_OBLASTS: tuple[tuple[str, float], ...] = (
    ("Donetsk Oblast", 3.0), ("Luhansk Oblast", 2.0), ("Zaporizhzhia Oblast", 2.0),
    ("Kharkiv Oblast", 2.0), ("Kursk Oblast", 2.0), ("Kherson Oblast", 1.5),
    ("Dnipropetrovsk Oblast", 1.5), ("Sumy Oblast", 1.5), ("Belgorod Oblast", 1.0),
    ("Bryansk Oblast", 1.0))


def _whole_name(mention: str, matched: str) -> bool:
    """Whether the matched words are the whole run of words the mention names: "Kim Jong
    Un" matches a village "Kim" only in part, and is no place."""
    spans = read_mention(mention).spans
    longest = max((len(s.words) for s in spans), default=0)
    return len(matched.split()) >= longest


def _coordinate(value: float) -> float | None:
    return None if np.isnan(value) else round(float(value), 5)


def index_resolver(index: PlaceIndex, *, cache_size: int = 200_000) -> PlaceResolver:
    """A ``PlaceResolver`` over ``index``, remembering its last answers (the same names
    recur in post after post).

    Examples
    --------
    >>> from frontcheck.places.gazetteer import REQUIRED_COLUMNS, parse_gazetteer
    >>> from frontcheck.places.index import build_index
    >>> row = "gn:1,UA,Pokrovsk,Покровськ,Покровск,Pokrovsk,,48.28,37.18,g" + "," * 9
    >>> csv_text = ",".join(REQUIRED_COLUMNS) + "\\n" + row
    >>> find = index_resolver(build_index(parse_gazetteer(csv_text.encode(), "g.csv")))
    >>> find("под Покровском", {}).id
    'gn:1'
    >>> find("Минобороны", {}) is None
    True
    """
    cache: dict[tuple[Any, ...], PlaceRef | None] = {}

    def resolve_place(mention: str, context: dict[str, Any]) -> PlaceRef | None:
        front: FrontLine | None = context.get("front")
        key = (mention, context.get("oblast"), context.get("text", ""),
               front.key if front is not None else None)
        if key in cache:
            return cache[key]
        found = resolve(mention, ResolveContext(oblast=context.get("oblast"),
                                                text=context.get("text", ""),
                                                oblast_prior=FRONT_OBLASTS),
                        index=index, limit=_CANDIDATES_KEPT)
        place: PlaceRef | None = None
        top = found.top
        if found.kind == "settlement" and top is not None and \
                not top.reason.startswith("near-miss") and _whole_name(mention, found.matched):
            chosen = _on_the_front(index, found.candidates, front) if found.ambiguous else None
            if chosen is None and found.ambiguous:
                chosen = one_oblast_choice(index, found.candidates, front)
            if chosen is not None:
                top = chosen
            if found.ambiguous and chosen is None:
                place = PlaceRef(mention=mention, candidates=_kept(index, found.candidates))
            else:
                i = top.position
                place = PlaceRef(mention=mention, id=top.id, name=index.name_en[i],
                                 oblast=index.oblast[i], lon=_coordinate(index.lon[i]),
                                 lat=_coordinate(index.lat[i]),
                                 candidates=_kept(index, found.candidates)
                                 if found.ambiguous else ())
        if len(cache) >= cache_size:
            cache.clear()
        cache[key] = place
        return place

    return resolve_place


def _kept(index: PlaceIndex, candidates: Sequence[Candidate]) -> tuple[dict[str, Any], ...]:
    return tuple({"id": c.id, "name": index.name_en[c.position],
                  "oblast": index.oblast[c.position], "score": c.score} for c in candidates)


#: Candidates this far below the best one are no rival for it (the resolver's scores sum to 1).
_RIVAL_SHARE = 0.25


def one_oblast_choice(index: PlaceIndex, candidates: Sequence[Candidate],
                      front: FrontLine | None) -> Candidate | None:
    """Among same-named settlements of ONE oblast, the one a claim most likely means, or None.

    "зачистили села в Донецкой области — Михайловку", "Ivanivka, east of Kupiansk": the text
    settles the oblast but Donetsk Oblast alone has a dozen Mykhailivkas. An analyst writes
    such a claim as "Mykhailivka@Donetsk Oblast"; leaving it unresolved loses the claim. When
    every serious rival (score at least a quarter of the best) bears the same name in the
    same oblast, the one nearest the front line on the claim date is taken (claims of
    ground are about the front), else the best-scored; the others stay in ``candidates`` so
    that the choice can be reviewed. A rival in another oblast leaves it unresolved."""
    scored = [c for c in candidates if c.score > 0]
    if len(scored) < 2:
        return None
    best = max(c.score for c in scored)
    rivals = [c for c in scored if c.score >= _RIVAL_SHARE * best]
    keys = {(index.name_en[c.position], index.oblast[c.position]) for c in rivals}
    if len(keys) != 1 or not next(iter(keys))[1]:
        return None
    located = [c for c in rivals if not np.isnan(index.lon[c.position])]
    if front is None or len(located) < 2:
        return max(rivals, key=lambda c: c.score)
    x, y = lonlat_to_xy(np.array([index.lon[c.position] for c in located]),
                        np.array([index.lat[c.position] for c in located]))
    km = shapely.distance(shapely.points(x, y), front.line)
    return located[int(np.argmin(km))]


def _on_the_front(index: PlaceIndex, candidates: Sequence[Candidate], front: FrontLine | None
                  ) -> Candidate | None:
    """The candidate the front line singles out among those with any evidence, or None."""
    if front is None:
        return None
    plausible = [c for c in candidates if c.score > 0 and not np.isnan(index.lon[c.position])]
    if len(plausible) < 2:
        return None
    x, y = lonlat_to_xy(np.array([index.lon[c.position] for c in plausible]),
                        np.array([index.lat[c.position] for c in plausible]))
    best = front_line_choice(np.asarray(shapely.points(x, y)), front.line)
    return plausible[best] if best is not None else None
