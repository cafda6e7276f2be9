"""Gazetteer rows for the Russian border oblasts (Kursk, Belgorod, Bryansk). Pure.

Two GeoNames sources: the ``cities500`` extract (towns, with GeoNames coordinates) and the
postal-code dump (one row per post office: place, raion, a coordinate). Post offices of one
place and raion become one row (``gnpostal:RU:<first postcode>``), merged into a cities500 town
of the same name within 15 km. A postal coordinate outside its oblast, or more than 40 km from
the median of its raion's other places, is removed (``rejected_*``). The raw 2015 dump gives
each postcode's accuracy: 4 → ``geonames_postal_exact``, else ``geonames_postal_approx``.
"""

from __future__ import annotations

import csv
import io
import math
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from frontcheck.errors import InputError
from frontcheck.places.gazetteer_build.geonames_ua import (
    ascii_name,
    is_cyrillic,
    kept_names,
    norm,
    strip_stress,
)
from frontcheck.places.gazetteer_build.translit import bgn, simple
from frontcheck.places.gazetteer_build.ukraine import russian_guess, ukrainian_guess

__all__ = ["OBLASTS", "PostalPlace", "parse_postal_csv", "parse_postal_raw", "russia_rows"]

#: GeoNames admin1 code → (English, Russian) name of the three oblasts.
OBLASTS = {"41": ("Kursk Oblast", "Курская область"), "09": ("Belgorod Oblast",
           "Белгородская область"), "10": ("Bryansk Oblast", "Брянская область")}
_STEMS = {"курск": "41", "белгород": "09", "брянск": "10"}
MERGE_KM = 15.0
FAR_KM = 40.0


@dataclass(slots=True)
class PostalPlace:
    oblast: str                  # GeoNames admin1 code
    raion: str                   # Russian raion name, "" when none
    name: str
    postcodes: list[str] = field(default_factory=list)
    points: list[tuple[float, float]] = field(default_factory=list)


def _oblast_of(state: str) -> str | None:
    low = state.lower()
    return next((code for stem, code in _STEMS.items() if low.startswith(stem)), None)


def parse_postal_csv(data: bytes, name: str) -> list[PostalPlace]:
    """zauberware's ``zipcodes.ru.csv`` → the places of the three oblasts, grouped."""
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    except UnicodeDecodeError:
        raise InputError(name, "not UTF-8 text") from None
    need = {"zipcode", "place", "state", "province", "latitude", "longitude"}
    if not need <= set(reader.fieldnames or ()):
        raise InputError(name, f"not a postal-code CSV (needs columns {', '.join(sorted(need))})")
    groups: dict[tuple[str, str, str], PostalPlace] = {}
    for number, row in enumerate(reader, 2):
        oblast = _oblast_of(row["state"] or "")
        if oblast is None or not row["place"]:
            continue
        try:
            point = (float(row["latitude"]), float(row["longitude"]))
        except (TypeError, ValueError):
            raise InputError(name, "latitude/longitude is not a number", line=number) from None
        raion = " ".join((row["province"] or "").split())
        raion = raion[:-6] + " район" if raion.endswith(" Район") else raion   # one spelling
        key = (oblast, raion, row["place"].strip())
        group = groups.setdefault(key, PostalPlace(*key))
        group.postcodes.append(row["zipcode"].strip())
        group.points.append(point)
    for group in groups.values():
        order = sorted(range(len(group.postcodes)), key=lambda i: group.postcodes[i])
        group.postcodes = [group.postcodes[i] for i in order]
        group.points = [group.points[i] for i in order]
    return list(groups.values())


def parse_postal_raw(data: bytes, name: str) -> dict[str, int]:
    """The raw GeoNames postal dump (``RU.txt``, tab-separated) → {postcode: accuracy}."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(name, "not UTF-8 text") from None
    accuracy: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        cols = line.split("\t")
        if len(cols) < 12:
            if line.strip():
                raise InputError(name, f"{len(cols)} columns, a postal dump has 12", line=number)
            continue
        if cols[11].strip():
            try:
                accuracy[cols[1].strip()] = int(cols[11])
            except ValueError:
                raise InputError(name, "accuracy is not a number", line=number) from None
    return accuracy


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    x = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6371.0 * math.hypot(x, math.radians(b[0] - a[0]))


def _cities(cities500: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for city in cities500.values():
        if city.get("countrycode") != "RU" or city.get("admin1code") not in OBLASTS:
            continue
        kept = kept_names(city.get("alternatenames", []))
        cyrillic = [a for a in kept if is_cyrillic(a)]
        name_uk = ukrainian_guess(cyrillic)
        name_ru = strip_stress(russian_guess([a for a in cyrillic if a != name_uk],
                                             [city["name"]]))
        english, local = OBLASTS[city["admin1code"]]
        population = int(city.get("population") or 0)
        rows.append({
            "id": f"gn:{city['geonameid']}", "country": "RU",
            "name_en": bgn(name_ru) if name_ru else ascii_name(city["name"]),
            "name_uk": name_uk, "name_ru": name_ru, "name_geonames": city["name"],
            "alt_names": [*kept, city["name"]],
            "lat": f"{float(city['latitude']):.5f}", "lon": f"{float(city['longitude']):.5f}",
            "coord_source": "geonames", "admin1": english, "admin1_local": local,
            "feature_class": "populated_place", "feature_code": "PPL",
            "population": str(population) if population else "",
            "geonames_id": str(city["geonameid"]), "postal_codes": [],
            "source": "GeoNames cities500", "_oblast": city["admin1code"], "_raions": set(),
        })
    return rows


def _postal_row(place: PostalPlace, point: tuple[float, float], accuracy: Mapping[str, int]
                ) -> dict[str, Any]:
    english, local = OBLASTS[place.oblast]
    exact = accuracy.get(place.postcodes[0]) == 4
    return {
        "id": f"gnpostal:RU:{place.postcodes[0]}", "country": "RU", "name_en": bgn(place.name),
        "name_uk": "", "name_ru": place.name, "name_geonames": "", "alt_names": [],
        "lat": f"{point[0]:.5f}", "lon": f"{point[1]:.5f}",
        "coord_source": "geonames_postal_exact" if exact else "geonames_postal_approx",
        "admin1": english, "admin1_local": local, "admin2": bgn(place.raion),
        "admin2_local": place.raion, "feature_class": "populated_place",
        "postal_codes": list(place.postcodes), "source": "GeoNames postal codes RU",
        "_oblast": place.oblast, "_point": point,
    }


def _reject(rows: list[dict[str, Any]], outlines: Mapping[str, shapely.Geometry]) -> None:
    postal = [r for r in rows if "_point" in r]
    if not postal:
        return
    points = shapely.points([r["_point"][1] for r in postal], [r["_point"][0] for r in postal])
    shapes = [outlines.get(OBLASTS[r["_oblast"]][0]) for r in postal]
    inside = np.array([s is None or bool(shapely.covers(s, p)) for s, p in zip(shapes, points)])
    for row, ok in zip(postal, inside):
        if not ok:
            row["coord_source"] = "rejected_outside_oblast"
    by_raion: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in postal:
        if row["coord_source"].startswith("geonames") and row["admin2_local"]:
            by_raion[(row["_oblast"], row["admin2_local"])].append(row)
    far = []
    for members in by_raion.values():
        for row in members:
            others = [o["_point"] for o in members if o is not row]
            if len(others) < 2:
                continue
            median = (statistics.median(p[0] for p in others),
                      statistics.median(p[1] for p in others))
            if _km(row["_point"], median) > FAR_KM:
                far.append(row)
    for row in far:
        row["coord_source"] = "rejected_far_from_raion"
    for row in postal:
        if row["coord_source"].startswith("rejected"):
            row["lat"] = row["lon"] = ""


def russia_rows(cities500: Mapping[str, Any] | None, postal: Sequence[PostalPlace],
                accuracy: Mapping[str, int], outlines: Mapping[str, shapely.Geometry]
                ) -> list[dict[str, Any]]:
    """The rows of the three oblasts; ``outlines``: English oblast name → polygon."""
    cities = _cities(cities500 or {})
    by_name: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        by_name[(city["_oblast"], norm(city["name_ru"]))].append(city)
    rows: list[dict[str, Any]] = []
    for place in postal:
        point = place.points[0]
        near = [c for c in by_name.get((place.oblast, norm(place.name)), [])
                if _km(point, (float(c["lat"]), float(c["lon"]))) <= MERGE_KM]
        if near:
            near[0]["postal_codes"] += place.postcodes
            near[0]["_raions"].add(place.raion)
            near[0]["source"] = "GeoNames cities500+GeoNames postal codes RU"
            continue
        rows.append(_postal_row(place, point, accuracy))
    _reject(rows, outlines)
    for city in cities:
        # A town takes the raion of its post offices, when they name one (a big town's own
        # postcodes name none).
        if len(city["_raions"]) == 1 and "" not in city["_raions"]:
            (raion,) = city["_raions"]
            city["admin2"], city["admin2_local"] = bgn(raion), raion
    out = []
    for row in [*cities, *rows]:
        extra = [simple(row["name_ru"])] if row["name_ru"] else []
        exclude = {row["name_en"], row["name_ru"], row["name_uk"], row["name_geonames"]}
        names = dict.fromkeys([*row["alt_names"], *extra])
        row["alt_names"] = "|".join(n for n in names if n and n not in exclude)
        row["postal_codes"] = " ".join(sorted(set(row["postal_codes"])))
        out.append({k: v for k, v in row.items() if not k.startswith("_")})
    return out
