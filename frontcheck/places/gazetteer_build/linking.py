"""Which KATOTTG settlement each GeoNames place of Ukraine is. Pure.

GeoNames' UA admin2 codes are KATOTTG raion codes (``1416`` = Pokrovskyi raion, KATOTTG
``UA1416…``), so a place is looked for among the settlements of its raion (of its oblast when
GeoNames gives no raion), in this order:

``unique``           one settlement of the raion has one of the place's Cyrillic names;
``unique_latin``     one has a KMU 2010 romanisation equal to one of its Latin names;
``unique_oblast``    the same, over the oblast, for a place without a raion;
``nearest_hromada``  several same-named settlements (each in its own hromada): the one whose
                     hromada's other linked places lie nearest (hromadas with none rank last);
``fuzzy_latin``      a legacy romanisation (Beregovoye ~ Berehove): same consonant skeleton
                     and rapidfuzz similarity ≥ 0.72, only to a settlement nothing else took;
``ambiguous(n)``     n candidates left; ``secondary`` a second place for a settlement already
                     taken; ``section`` city sections (PPLX, never linked); ``none``.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from frontcheck.places.gazetteer_build.geonames_ua import ADMIN1, GnPlace, norm
from frontcheck.places.gazetteer_build.katottg import Katottg, Settlement
from frontcheck.places.gazetteer_build.translit import kmu

__all__ = ["Link", "link_places", "FUZZY_MIN"]

FUZZY_MIN = 0.72
_STRENGTH = {"unique": 0, "unique_latin": 1, "unique_oblast": 2, "nearest_hromada": 3,
             "fuzzy_latin": 4}


@dataclass(frozen=True, slots=True)
class Link:
    kind: str
    settlement: Settlement | None = None          # linked (or, for secondary, taken by another)
    candidates: tuple[Settlement, ...] = ()       # ambiguous: the same-named settlements


def skeleton(latin: str) -> str:
    """Consonants of a romanisation, with the Russian/Ukrainian and legacy variants merged.

    >>> skeleton("Beregovoye") == skeleton("Berehove"), skeleton("Dorozhnoye") == skeleton("Dorozhnie")
    (True, True)
    """
    text = norm(latin)
    for old, new in (("shch", "W"), ("kh", "X"), ("zh", "Z"), ("sh", "S"), ("ch", "C"),
                     ("ts", "C"), ("g", "H"), ("h", "H"), ("w", "v"), ("x", "X")):
        text = text.replace(old, new)
    text = re.sub(r"[aeiouyj\s.'()]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def _scope(place: GnPlace, katottg: Katottg) -> tuple[str, str]:
    """("raion", code) when GeoNames gives a raion KATOTTG knows, else ("oblast", code)."""
    if place.admin2 and place.admin2 in katottg.raion_names:
        return "raion", place.admin2
    return "oblast", ADMIN1.get(place.admin1, ("", ""))[1]


def _indexes(katottg: Katottg) -> tuple[dict[tuple[str, str, str], list[Settlement]],
                                        dict[tuple[str, str, str], list[Settlement]]]:
    cyrillic: dict[tuple[str, str, str], list[Settlement]] = defaultdict(list)
    latin: dict[tuple[str, str, str], list[Settlement]] = defaultdict(list)
    for s in katottg.settlements:
        for level, code in (("raion", s.raion), ("oblast", s.oblast)):
            if code:
                cyrillic[(level, code, norm(s.name))].append(s)
                latin[(level, code, norm(kmu(s.name)))].append(s)
    return cyrillic, latin


def _found(index: dict[tuple[str, str, str], list[Settlement]], level: str, code: str,
           names: Iterable[str]) -> list[Settlement]:
    found: dict[str, Settlement] = {}
    for name in names:
        for s in index.get((level, code, norm(name)), ()):
            found[s.code] = s
    return list(found.values())


def _first_pass(place: GnPlace, katottg: Katottg, cyrillic: dict[tuple[str, str, str],
                list[Settlement]], latin: dict[tuple[str, str, str], list[Settlement]]) -> Link:
    if place.code == "PPLX":
        return Link("section")
    level, code = _scope(place, katottg)
    if not code:
        return Link("none")
    latin_names = {norm(n) for n in place.latin()}
    primary = _found(latin, level, code, (place.name, place.ascii))
    by_cyrillic = _found(cyrillic, level, code, place.cyrillic())
    if len({norm(s.name) for s in by_cyrillic}) > 1:
        # Several names match (a current and an old one): keep those GeoNames writes in Latin.
        by_cyrillic = [s for s in by_cyrillic if norm(kmu(s.name)) in latin_names] or by_cyrillic
    cyrillic_codes = {s.code for s in by_cyrillic}
    # The place's own (main) name first: an old name among its alternates may be another
    # settlement's current one (Yasnohorivka lists Krasnohorivka).
    for found in (primary, by_cyrillic, _found(latin, level, code, place.latin())):
        if not found:
            continue
        if len(found) > 1 and cyrillic_codes & {s.code for s in found}:
            found = [s for s in found if s.code in cyrillic_codes]
        if len(found) > 1:
            return Link("ambiguous", None, tuple(sorted(found, key=lambda s: s.code)))
        kind = "unique" if found[0].code in cyrillic_codes else "unique_latin"
        return Link(kind if level == "raion" else "unique_oblast", found[0])
    return Link("none")


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: enough to rank hromadas a few km apart."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def _hromada_centres(places: dict[str, GnPlace], links: dict[str, Link]
                     ) -> dict[str, tuple[float, float]]:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for gid, link in links.items():
        if link.settlement is not None and link.kind in _STRENGTH and link.settlement.hromada:
            points[link.settlement.hromada].append((places[gid].lat, places[gid].lon))
    return {h: (statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))
            for h, pts in points.items()}


def _resolve_by_hromada(places: dict[str, GnPlace], links: dict[str, Link]) -> None:
    centres = _hromada_centres(places, links)
    for gid, link in list(links.items()):
        if link.kind != "ambiguous":
            continue
        hromadas = {s.hromada for s in link.candidates}
        if len(hromadas) < len(link.candidates) or not hromadas & set(centres):
            continue      # two of them in one hromada, or no hromada with a known place
        place = places[gid]
        ranked = sorted(link.candidates, key=lambda s: _distance_km(
            place.lat, place.lon, *centres[s.hromada]) if s.hromada in centres else math.inf)
        links[gid] = Link("nearest_hromada", ranked[0], link.candidates)


def _fuzzy(places: dict[str, GnPlace], links: dict[str, Link], katottg: Katottg) -> None:
    taken = {link.settlement.code for link in links.values() if link.settlement is not None}
    free: dict[str, list[tuple[Settlement, str, str]]] = defaultdict(list)
    for s in katottg.settlements:
        if s.code not in taken and s.raion:
            latin = kmu(s.name)
            free[s.raion].append((s, skeleton(latin), norm(latin)))
    scored: list[tuple[float, str, Settlement]] = []
    for gid, link in links.items():
        place = places[gid]
        if link.kind != "none" or place.code == "PPLX" or place.admin2 not in free:
            continue
        names = [(skeleton(n), norm(n)) for n in place.latin()]
        for s, bones, latin in free[place.admin2]:
            best = max((fuzz.ratio(name, latin) / 100 for sk, name in names if sk == bones),
                       default=0.0)
            if best >= FUZZY_MIN:
                scored.append((best, gid, s))
    used: set[str] = set()
    for _score, gid, s in sorted(scored, key=lambda t: (-t[0], t[1], t[2].code)):
        if gid in used or s.code in taken:
            continue
        links[gid] = Link("fuzzy_latin", s)
        used.add(gid)
        taken.add(s.code)


def _rank(place: GnPlace, link: Link) -> tuple[int, int]:
    """Which of several places of one settlement keeps the link: a direct match before a
    resolved or fuzzy one, then the oldest GeoNames entry (the lowest id)."""
    strength = {"nearest_hromada": 1, "fuzzy_latin": 2}.get(link.kind, 0)
    return strength, int(place.geonameid)


def _secondaries(places: dict[str, GnPlace], links: dict[str, Link]) -> None:
    """One GeoNames place per settlement; the others become ``secondary``."""
    by_settlement: dict[str, list[str]] = defaultdict(list)
    for gid, link in links.items():
        if link.settlement is not None and link.kind in _STRENGTH:
            by_settlement[link.settlement.code].append(gid)
    for gids in by_settlement.values():
        if len(gids) < 2:
            continue
        ordered = sorted(gids, key=lambda g: _rank(places[g], links[g]))
        for gid in ordered[1:]:
            links[gid] = Link("secondary", links[gid].settlement)


def link_places(places: Iterable[GnPlace], katottg: Katottg) -> dict[str, Link]:
    """geonameid → how (and to which settlement) each place is linked."""
    by_id = {p.geonameid: p for p in places}
    cyrillic, latin = _indexes(katottg)
    links = {gid: _first_pass(p, katottg, cyrillic, latin) for gid, p in by_id.items()}
    _resolve_by_hromada(by_id, links)
    _secondaries(by_id, links)
    _fuzzy(by_id, links, katottg)
    _secondaries(by_id, links)
    return links
