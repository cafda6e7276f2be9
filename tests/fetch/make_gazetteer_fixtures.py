"""Writes the small real-format gazetteer inputs under tests/data/fetch/gazetteer/ (run once
with the real inputs at hand; the outputs are committed):

    python -m tests.fetch.make_gazetteer_fixtures KODIFIKATOR.xlsx CITIES500.json

- ``kodifikator.xlsx``: the real codifier's rows of nine raions (Donetsk, Sumy, Zaporizhzhia,
  Dnipropetrovsk Oblasts) and their oblasts, in the real sheet layout.
- ``cities500.json``: the real cities500 entries of Kursk, Belgorod and Bryansk oblasts (and
  Kyiv's, which the build must drop).

``UA.txt`` beside them is not written here: it holds 22 rows copied unchanged from the public
GeoNames dump of Ukraine (CC BY 4.0, GeoNames): populated places of those raions and one
feature of another class (a railway station). The postal rows of the tests are inline, in
the real formats.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import orjson

OUT = Path(__file__).resolve().parents[1] / "data" / "fetch" / "gazetteer"
RAIONS = ("1208", "1408", "1410", "1412", "1414", "1416", "2302", "5908", "5910")


def kodifikator(source: Path) -> None:
    book = openpyxl.load_workbook(source, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    out = openpyxl.Workbook()
    sheet = out.active
    sheet.title = "Кодифікатор"
    header = next(i for i, r in enumerate(rows) if r[0] == "Перший рівень")
    for row in rows[:header + 1]:
        sheet.append(list(row))
    for row in rows[header + 1:]:
        code = next((c for c in reversed(row[:5]) if c), "")
        if (row[5] == "O" and code[2:4] in {r[:2] for r in RAIONS}) or \
                (row[1] and row[1][2:6] in RAIONS):
            sheet.append(list(row))
    out.save(OUT / "kodifikator.xlsx")


def cities(source: Path) -> None:
    data = orjson.loads(source.read_bytes())
    kept = {k: v for k, v in data.items() if v["countrycode"] == "RU"
            and v["admin1code"] in ("41", "09", "10")}
    kept["703448"] = data["703448"]                 # Kyiv: another country, dropped
    (OUT / "cities500.json").write_bytes(orjson.dumps(kept))


if __name__ == "__main__":
    kodifikator(Path(sys.argv[1]))
    cities(Path(sys.argv[2]))
