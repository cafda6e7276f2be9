"""A gazetteer CSV from the GeoNames dump of Ukraine (``UA.zip`` → ``UA.txt``). Pure.

The fallback of ``data fetch`` when the KATOTTG codifier could not be fetched (the full build
is ``places.gazetteer_build``): every
populated place (class ``P``) of the GeoNames dump, with its names, coordinates, population
and GeoNames feature code, and its oblast found by position in the outlines frontcheck ships
(names as the shared gazetteer writes them, so that ``--oblast Donetsk`` works). KATOTTG
links, raions and hromadas are left empty; names in Ukrainian and Russian are the GeoNames
alternates written with letters only that language uses (і/ї/є/ґ or -ськ; ы/э/ъ/ё, else
the first other Cyrillic alternate).

GeoNames dump columns (tab-separated, no header): geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1..admin4,
population, elevation, dem, timezone, modification date.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

import numpy as np
import shapely

from frontcheck.places.gazetteer import REQUIRED_COLUMNS
from frontcheck.places.gazetteer_build.geonames_ua import (  # one reader: the full build's
    dump_text as dump_text,
)
from frontcheck.places.gazetteer_build.geonames_ua import parse_dump

_UK = re.compile("[іїєґІЇЄҐ]")
_RU = re.compile("[ыэъёЫЭЪЁ]")
_UK_ENDING = re.compile("[сцз]ьк$")     # Покровськ, Донецьк (Russian: Покровск, Донецк)
_CLASSES = {"PPLX": "section_of_populated_place", "PPLH": "historical", "PPLQ": "abandoned",
            "PPLW": "destroyed", "PPLC": "city", "PPLA": "city", "PPLA2": "city"}
COLUMNS = (*REQUIRED_COLUMNS, "source")


def gazetteer_csv(dump: bytes, name: str,
                  oblasts: Sequence[tuple[str, shapely.Geometry]]) -> bytes:
    """The gazetteer CSV (frontcheck's columns) of the dump's populated places."""
    places, _, _ = parse_dump(dump, name)
    points = shapely.points([p.lon for p in places], [p.lat for p in places])
    admin1 = np.full(len(places), "", dtype=object)
    names = [n for n, _ in oblasts]
    tree = shapely.STRtree([g for _, g in oblasts])
    point_idx, oblast_idx = tree.query(points, predicate="intersects")
    admin1[point_idx] = [names[i] for i in oblast_idx]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for place, oblast in zip(places, admin1):
        cyrillic = list(place.cyrillic())
        ukrainian = [a for a in cyrillic if _UK.search(a) or _UK_ENDING.search(a)]
        name_uk = ukrainian[0] if ukrainian else ""
        russian = [a for a in cyrillic if _RU.search(a) and a not in ukrainian] or \
            [a for a in cyrillic if a not in ukrainian]
        name_ru = russian[0] if russian else ""
        record = {
            "id": f"gn:{place.geonameid}", "country": place.country,
            "name_en": place.ascii or place.name, "name_uk": name_uk, "name_ru": name_ru,
            "name_geonames": place.name,
            "alt_names": "|".join(dict.fromkeys([*place.alternates, place.ascii])),
            "lat": f"{place.lat:.5f}", "lon": f"{place.lon:.5f}", "coord_source": "geonames",
            "admin1": oblast, "admin1_local": "", "admin2": "", "admin2_local": "",
            "admin3": "", "feature_class": _CLASSES.get(place.code, "populated_place"),
            "feature_code": place.code, "katottg_code": "", "population": place.population,
            "source": "GeoNames UA (reduced: no KATOTTG)"}
        writer.writerow([record.get(c, "") for c in COLUMNS])
    return out.getvalue().encode("utf-8")
