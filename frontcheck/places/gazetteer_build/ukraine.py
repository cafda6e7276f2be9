"""Gazetteer rows for Ukraine: every GeoNames populated place, with its KATOTTG link. Pure."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

from frontcheck.places.gazetteer_build.geonames_ua import ADMIN1, GnPlace, norm
from frontcheck.places.gazetteer_build.katottg import Katottg, Settlement
from frontcheck.places.gazetteer_build.linking import Link
from frontcheck.places.gazetteer_build.translit import bgn, kmu, simple

__all__ = ["ukraine_rows", "unmatched_rows", "russian_guess", "ukrainian_guess", "coverage"]

_UK = re.compile("[іїєґІЇЄҐ]")
_RU = re.compile("[ыэъёЫЭЪЁ]")
#: Покровськ, Донецьк (Russian: Покровск, Донецк); Дачне, Сурове, Ковське (Russian: -ое).
_UK_ENDING = re.compile("(?:[сцз]ьк|(?:ов|ев|ин|[сцз]ьк|н)е)$")
_CLASSES = {"PPLX": "section_of_populated_place", "PPLH": "historical", "PPLQ": "abandoned",
            "PPLW": "destroyed", "PPLC": "city"}
_CATEGORY_CLASS = {"K": "city", "M": "city", "X": "settlement", "T": "settlement",
                   "C": "village"}
_LINKED = {"unique", "unique_latin", "unique_oblast", "nearest_hromada", "fuzzy_latin"}


def ukrainian_guess(cyrillic: Sequence[str]) -> str:
    """A Cyrillic alternate that is recognisably Ukrainian (і/ї/є/ґ, or -ськ), else ""."""
    return next((a for a in cyrillic if _UK.search(a) or _UK_ENDING.search(a)), "")


def russian_guess(cyrillic: Sequence[str], latin: Sequence[str]) -> str:
    """GeoNames' alternates carry no language: among those with no Ukrainian-only letter or
    ending, the one whose BGN romanisation is nearest the place's Latin names (an old name or
    an abbreviation loses to the current full one), a Russian-only letter breaking ties."""
    plain = [a for a in cyrillic if not _UK.search(a) and not _UK_ENDING.search(a)]
    if not plain:
        return ""
    targets = [norm(n) for n in latin if n] or [""]

    def score(name: str) -> tuple[float, bool]:
        roman = norm(bgn(name))
        return max(fuzz.ratio(roman, t) for t in targets), bool(_RU.search(name))

    return max(plain, key=score)


def raion_en(name: str) -> str:
    return f"{kmu(name)} raion" if name else ""


def hromada_en(name: str) -> str:
    return f"{kmu(name)} hromada" if name else ""


def _alt_names(place: GnPlace, name_ru: str, exclude: set[str]) -> str:
    extra = [bgn(name_ru), simple(name_ru)] if name_ru else []
    names = dict.fromkeys([*place.alternates, place.ascii, *extra])
    return "|".join(n for n in names if n and n not in exclude)


def _row(place: GnPlace, link: Link, katottg: Katottg) -> dict[str, Any]:
    admin1, oblast = ADMIN1.get(place.admin1, ("", ""))
    settlement: Settlement | None = link.settlement
    cyrillic = place.cyrillic()
    linked = link.kind in _LINKED and settlement is not None
    raion = settlement.raion if linked and settlement is not None else place.admin2
    named = settlement if settlement is not None else (
        link.candidates[0] if link.kind == "ambiguous" and link.candidates else None)
    name_uk = named.name if named is not None else ukrainian_guess(cyrillic)
    name_ru = russian_guess(cyrillic, place.latin())
    name_en = kmu(named.name) if named is not None and link.kind != "secondary" \
        else (place.ascii or place.name)
    if linked and settlement is not None:
        feature_class = _CATEGORY_CLASS.get(settlement.category, "populated_place")
    elif link.kind == "ambiguous" and len({s.category for s in link.candidates}) == 1:
        feature_class = _CATEGORY_CLASS.get(link.candidates[0].category, "populated_place")
    else:
        feature_class = _CLASSES.get(place.code, "populated_place")
    shared_hromadas = {s.hromada for s in link.candidates}
    hromada_code = settlement.hromada if settlement else (
        next(iter(shared_hromadas)) if len(shared_hromadas) == 1 else "")
    hromada = katottg.hromada_names.get(hromada_code, "")
    categories = {s.category for s in link.candidates}
    category = settlement.category if linked and settlement is not None else (
        next(iter(categories)) if link.kind == "ambiguous" and len(categories) == 1 else "")
    raion_name = katottg.raion_names.get(raion, "")
    kind = f"ambiguous({len(link.candidates)})" if link.kind == "ambiguous" else link.kind
    return {
        "id": f"gn:{place.geonameid}", "country": "UA", "name_en": name_en, "name_uk": name_uk,
        "name_ru": name_ru, "name_geonames": place.name,
        "alt_names": _alt_names(place, name_ru, {name_en, name_uk, name_ru, place.name}),
        "lat": f"{place.lat:.5f}", "lon": f"{place.lon:.5f}", "coord_source": "geonames",
        "admin1": admin1, "admin1_local": katottg.oblast_names.get(oblast, ""),
        "admin2": raion_en(raion_name), "admin2_local": raion_name,
        "admin3": hromada_en(hromada), "admin3_local": hromada,
        "feature_class": feature_class, "feature_code": place.code,
        "katottg_category": category,
        "katottg_code": settlement.code if linked and settlement is not None else "",
        "katottg_match": kind, "population": place.population, "geonames_id": place.geonameid,
        "postal_codes": "",
        "source": "GeoNames UA + KATOTTG" if named is not None else "GeoNames UA",
    }


def ukraine_rows(places: Sequence[GnPlace], links: dict[str, Link],
                 katottg: Katottg) -> list[dict[str, Any]]:
    return [_row(p, links[p.geonameid], katottg) for p in places if p.country == "UA"]


def unmatched_rows(katottg: Katottg, links: dict[str, Link]) -> list[dict[str, str]]:
    """KATOTTG settlements no GeoNames place is linked to (katottg_unmatched.csv)."""
    linked = {link.settlement.code for link in links.values()
              if link.settlement is not None and link.kind in _LINKED}
    linked |= {s.code for link in links.values() if link.kind == "ambiguous"
               for s in link.candidates}
    out = []
    for s in katottg.settlements:
        if s.code in linked:
            continue
        out.append({"katottg_code": s.code, "katottg_category": s.category, "name_uk": s.name,
                    "name_en": kmu(s.name),
                    "admin3_local": katottg.hromada_names.get(s.hromada, ""),
                    "admin2_local": katottg.raion_names.get(s.raion, ""),
                    "admin1": next((en for en, code in ADMIN1.values() if code == s.oblast), "")})
    return out


def coverage(katottg: Katottg, links: dict[str, Link],
             places: Sequence[GnPlace]) -> dict[str, dict[str, int]]:
    """Per oblast: KATOTTG settlements, how many are matched, ambiguous, missing."""
    by_id = {p.geonameid: p for p in places}
    matched = {link.settlement.code for link in links.values()
               if link.settlement is not None and link.kind in _LINKED}
    ambiguous = {s.code for gid, link in links.items() if link.kind == "ambiguous"
                 for s in link.candidates if by_id[gid].code != "PPLX"}
    out: dict[str, Counter[str]] = {}
    for s in katottg.settlements:
        name = next((en for en, code in ADMIN1.values() if code == s.oblast), s.oblast)
        counter = out.setdefault(name, Counter())
        counter["katottg"] += 1
        counter["matched" if s.code in matched else
                "name_present_ambiguous" if s.code in ambiguous else "missing"] += 1
    return {k: dict(v) for k, v in sorted(out.items())}
