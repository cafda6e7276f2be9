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
from typing import Any

import numpy as np
import shapely

from frontcheck.errors import InputError
from frontcheck.places.gazetteer import REQUIRED_COLUMNS
from frontcheck.places.gazetteer_build.geonames_ua import dump_text as dump_text  # one reader

_UK = re.compile("[іїєґІЇЄҐ]")
_RU = re.compile("[ыэъёЫЭЪЁ]")
_UK_ENDING = re.compile("[сцз]ьк$")     # Покровськ, Донецьк (Russian: Покровск, Донецк)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN_OR_CYRILLIC = re.compile(r"^[\s\w'’ʼ\-.()]+$")
_CLASSES = {"PPLX": "section_of_populated_place", "PPLH": "historical", "PPLQ": "abandoned",
            "PPLW": "destroyed", "PPLC": "city", "PPLA": "city", "PPLA2": "city"}
COLUMNS = (*REQUIRED_COLUMNS, "source")


def gazetteer_csv(dump: bytes, name: str,
                  oblasts: Sequence[tuple[str, shapely.Geometry]]) -> bytes:
    """The gazetteer CSV (frontcheck's columns) of the dump's populated places."""
    try:
        text = dump.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(name, "not UTF-8 text") from None
    rows: list[list[Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 19:
            raise InputError(name, f"{len(cols)} columns, a GeoNames dump has 19", line=number)
        if cols[6] != "P":
            continue
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError:
            raise InputError(name, "latitude/longitude is not a number", line=number) from None
        rows.append([*cols, lat, lon])
    if not rows:
        raise InputError(name, "no populated place (feature class P) in the dump")
    points = shapely.points([r[-1] for r in rows], [r[-2] for r in rows])
    admin1 = np.full(len(rows), "", dtype=object)
    names = [n for n, _ in oblasts]
    tree = shapely.STRtree([g for _, g in oblasts])
    point_idx, oblast_idx = tree.query(points, predicate="intersects")
    admin1[point_idx] = [names[i] for i in oblast_idx]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for cols, oblast in zip(rows, admin1):
        alternates = [a.strip() for a in cols[3].split(",") if a.strip()]
        kept = [a for a in alternates if _LATIN_OR_CYRILLIC.match(a)]
        cyrillic = [a for a in kept if _CYRILLIC.search(a)]
        ukrainian = [a for a in cyrillic if _UK.search(a) or _UK_ENDING.search(a)]
        name_uk = ukrainian[0] if ukrainian else ""
        russian = [a for a in cyrillic if _RU.search(a) and a not in ukrainian] or \
            [a for a in cyrillic if a not in ukrainian]
        name_ru = russian[0] if russian else ""
        code = cols[7]
        population = cols[14] if cols[14].strip() not in ("", "0") else ""
        record = {
            "id": f"gn:{cols[0]}", "country": cols[8] or "UA", "name_en": cols[2] or cols[1],
            "name_uk": name_uk, "name_ru": name_ru, "name_geonames": cols[1],
            "alt_names": "|".join(dict.fromkeys([*kept, cols[2]])), "lat": f"{cols[-2]:.5f}",
            "lon": f"{cols[-1]:.5f}", "coord_source": "geonames", "admin1": oblast,
            "admin1_local": "", "admin2": "", "admin2_local": "", "admin3": "",
            "feature_class": _CLASSES.get(code, "populated_place"), "feature_code": code,
            "katottg_code": "", "population": population,
            "source": "GeoNames UA (reduced: no KATOTTG)"}
        writer.writerow([record.get(c, "") for c in COLUMNS])
    return out.getvalue().encode("utf-8")
