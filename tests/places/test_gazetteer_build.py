"""The full gazetteer build (places.gazetteer_build) on small real-format inputs: real GeoNames
UA rows, the real KATOTTG codifier's rows of nine raions in its xlsx layout, the real
cities500 entries of the Russian border oblasts, postal rows in GeoNames' formats. Expected
values are the shared gazetteer's (built from the same sources by the project's script)."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from frontcheck import assets
from frontcheck.errors import InputError
from frontcheck.places.gazetteer import parse_gazetteer
from frontcheck.places.gazetteer_build import COLUMNS, build_gazetteer
from frontcheck.places.gazetteer_build.katottg import parse_katottg
from frontcheck.places.gazetteer_build.translit import bgn, kmu
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "fetch" / "gazetteer"
POSTAL_CSV = (
    "country_code,zipcode,place,state,state_code,province,province_code,community,"
    "community_code,latitude,longitude\n"
    'RU,307800,Суджа,Курская область,41,Суджанский район,,"","",51.1910,35.2710\n'
    'RU,307823,Плехово,Курская область,41,Суджанский район,,"","",51.1031,35.3275\n'
    'RU,307835,Малая Локня,Курская область,41,Суджанский район,,"","",51.2801,35.3085\n'
    'RU,307812,Свердликово,Курская область,41,Суджанский район,,"","",51.2511,35.1178\n'
    'RU,307836,Погребки,Курская Область,41,Суджанский Район,,"","",51.3803,35.2264\n'
    # A point in Ukraine (Sumy), and one 90 km from the raion: both rejected.
    'RU,307801,Комаровка,Курская область,41,Суджанский район,,"","",50.9100,34.8000\n'
    'RU,307899,Дальнее,Курская область,41,Суджанский район,,"","",52.0000,35.3000\n'
    'RU,101000,Москва,Москва,48,,,"","",55.7522,37.6156\n'
)
POSTAL_RAW = "".join(f"RU\t{code}\tx\tx\t41\tx\t\t\t\t0\t0\t{acc}\n" for code, acc in
                     (("307823", 4), ("307835", 1), ("307812", 4), ("307836", 4)))


def build(**extra):
    inputs = {"cities500": (DATA / "cities500.json").read_bytes(),
              "postal_csv": POSTAL_CSV.encode(), "postal_raw": POSTAL_RAW.encode(),
              "ru_outlines": dict(assets.neighbour_regions())} | extra
    return build_gazetteer((DATA / "UA.txt").read_bytes(),
                           (DATA / "kodifikator.xlsx").read_bytes(), **inputs)


@pytest.fixture(scope="module")
def built():
    return build()


@pytest.fixture(scope="module")
def rows(built):
    return {r["id"]: r for r in csv.DictReader(io.StringIO(built.gazetteer_csv.decode()))}


#: id → (name_en, name_uk, admin2, admin3, feature_class, katottg_code, katottg_match),
#: as the shared gazetteer has them.
EXPECTED = {
    "gn:468196": ("Katerynivka", "Катеринівка", "Donetskyi raion", "Amvrosiivska hromada",
                  "settlement", "UA14080010400077160", "unique"),
    "gn:477085": ("Frolivske", "Фролівське", "Kalmiuskyi raion", "Novoazovska hromada",
                  "village", "UA14100070060083003", "unique"),
    "gn:504924": ("Prokhody", "Проходи", "Sumskyi raion", "Krasnopilska hromada", "village",
                  "UA59080090300039254", "unique_latin"),
    "gn:519450": ("Berdianske", "Бердянське", "Berdianskyi raion", "Osypenkivska hromada",
                  "settlement", "UA23020110070033796", "unique"),
    "gn:532114": ("Makiivka", "Макіївка", "Sumskyi raion", "Bilopilska hromada", "village",
                  "UA59080030240016003", "unique"),
    "gn:538992": ("Kurakhivka", "Курахівка", "Pokrovskyi raion", "Kurakhivska hromada",
                  "settlement", "UA14160110050089070", "unique"),
    "gn:543667": ("Kotliarevske", "Котляревське", "Kalmiuskyi raion", "Boikivska hromada",
                  "village", "UA14100010170030970", "fuzzy_latin"),
    "gn:577871": ("Bilosaraiska Kosa", "Білосарайська Коса", "Mariupolskyi raion",
                  "Manhuska hromada", "village", "UA14140030050040224", "unique"),
    "gn:611130": ("Vysoke", "Високе", "Nikopolskyi raion", "Tomakivska hromada", "village",
                  "UA12080130040048043", "nearest_hromada"),
    "gn:613273": ("Lebedyn", "Лебедин", "Sumskyi raion", "Lebedynska hromada", "city",
                  "UA59080110010031484", "unique"),
    "gn:616743": ("Druzhkivka", "Дружківка", "Kramatorskyi raion", "Druzhkivska hromada",
                  "city", "UA14120030010055241", "unique"),
    "gn:467852": ("Yelyzavetyns'kyy", "Єлизаветинський", "Donetskyi raion", "",
                  "section_of_populated_place", "", "section"),
    "gn:542805": ("Krasnaya Dolina", "", "Berdianskyi raion", "", "populated_place", "", "none"),
}
COMPARED = ("name_en", "name_uk", "admin2", "admin3", "feature_class", "katottg_code",
            "katottg_match")


@pytest.mark.parametrize("place_id", sorted(EXPECTED))
def test_ukrainian_places_are_linked_as_in_the_shared_gazetteer(rows, place_id):
    assert tuple(rows[place_id][c] for c in COMPARED) == EXPECTED[place_id]


def test_columns_coordinates_and_the_rest(built, rows):
    assert tuple(built.gazetteer_csv.split(b"\n", 1)[0].decode().split(",")) == COLUMNS
    kurakhivka = rows["gn:538992"]
    assert (kurakhivka["lat"], kurakhivka["lon"]) == ("48.03064", "37.37245")
    assert kurakhivka["admin1"] == "Donetsk Oblast" and kurakhivka["admin1_local"] == "Донецька"
    assert kurakhivka["admin2_local"] == "Покровський" and kurakhivka["population"] == "2600"
    assert kurakhivka["source"] == "GeoNames UA + KATOTTG"
    assert "gn:461695" not in rows                       # a railway station is not a place
    assert len([r for r in rows.values() if r["country"] == "UA"]) == 21
    # frontcheck loads what the build writes.
    loaded = {p.id: p for p in parse_gazetteer(built.gazetteer_csv, "gazetteer.csv")}
    assert loaded["gn:538992"].raion == "Pokrovskyi raion"
    assert loaded["gn:538992"].katottg_code == "UA14160110050089070"


def test_russian_rows_from_cities500_and_the_postal_dumps(rows):
    sudzha = rows["gn:486816"]
    assert sudzha["name_ru"] == "Суджа" and sudzha["admin1"] == "Kursk Oblast"
    assert sudzha["postal_codes"] == "307800" and "postal" in sudzha["source"]
    assert (sudzha["admin2"], sudzha["admin2_local"]) == ("Sudzhanskiy rayon", "Суджанский район")
    assert rows["gn:486816"]["coord_source"] == "geonames"          # the town's own point
    plekhovo = rows["gnpostal:RU:307823"]
    assert (plekhovo["name_en"], plekhovo["admin2"], plekhovo["coord_source"]) == (
        "Plekhovo", "Sudzhanskiy rayon", "geonames_postal_exact")
    assert rows["gnpostal:RU:307835"]["name_en"] == "Malaya Loknya"
    assert rows["gnpostal:RU:307835"]["coord_source"] == "geonames_postal_approx"
    assert rows["gnpostal:RU:307836"]["admin2_local"] == "Суджанский район"
    assert rows["gnpostal:RU:307801"]["coord_source"] == "rejected_outside_oblast"
    assert rows["gnpostal:RU:307899"]["coord_source"] == "rejected_far_from_raion"
    assert rows["gnpostal:RU:307899"]["lat"] == ""
    assert not any(r["name_ru"] == "Москва" for r in rows.values())
    assert "gn:703448" not in rows                      # cities500's Kyiv: not a Russian row


def test_unmatched_and_stats(built):
    unmatched = list(csv.DictReader(io.StringIO(built.unmatched_csv.decode())))
    codes = {r["katottg_code"] for r in unmatched}
    assert "UA14160110050089070" not in codes            # Kurakhivka is matched
    assert len(unmatched) == built.stats["katottg_unmatched"] > 100
    assert built.stats["ua_match_kinds"]["unique"] >= 7
    assert built.stats["geonames_ua_rows"] == 22
    assert build().gazetteer_csv == built.gazetteer_csv   # deterministic


def test_without_russian_inputs_there_are_no_russian_rows():
    only_ua = build_gazetteer((DATA / "UA.txt").read_bytes(),
                              (DATA / "kodifikator.xlsx").read_bytes())
    assert b"\ngn:486816," not in only_ua.gazetteer_csv
    assert only_ua.stats["rows_total"] == 21


def test_romanisations():
    assert [kmu(n) for n in ("Авдіївка", "Українськ", "Єнакієве", "Їжакевич", "Згурівка")] == [
        "Avdiivka", "Ukrainsk", "Yenakiieve", "Yizhakevych", "Zghurivka"]
    assert [bgn(n) for n in ("Большое Солдатское", "Ездочное", "Красный Октябрь")] == [
        "Bolshoye Soldatskoye", "Yezdochnoye", "Krasnyy Oktyabr"]


def test_bad_inputs_name_the_file_and_line(tmp_path):
    with pytest.raises(InputError, match=r"UA.txt.*line 1.*columns"):
        build_gazetteer(b"1\tKyiv\n", (DATA / "kodifikator.xlsx").read_bytes(),
                        names={"ua": "UA.txt"})
    with pytest.raises(InputError, match="not an xlsx"):
        parse_katottg(b"PK\x03\x04 not really", "kodifikator.xlsx")
    book = openpyxl.Workbook()
    book.active.append(["Перший рівень", "", "", "", "", "Категорія", "Назва"])
    book.active.append(["UA14", None, None, None, None, "O", "Донецька"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InputError, match=r"line 2.*not a KATOTTG code"):
        parse_katottg(out.getvalue(), "kodifikator.xlsx")
    assert zipfile.is_zipfile(io.BytesIO(out.getvalue()))


def _codifier(rows) -> bytes:
    """A codifier in the real sheet layout with the given (codes…, category, name) rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Кодифікатор"])
    sheet.append(["Перший рівень", "Другий рівень", "Третій рівень", "Четвертий рівень",
                  "Додатковий рівень", "Категорія об’єкта", "Назва об’єкта"])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _dump_row(gid, name, alternates, lat, lon, admin2, code="PPL"):
    return "\t".join([gid, name, name, alternates, lat, lon, "P", code, "UA", "", "05", admin2,
                      "", "", "0", "", "0", "Europe/Kyiv", "2026-01-01"]) + "\n"


def test_same_named_settlements_secondary_places_and_fuzzy_spellings():
    o, r = "UA14000000000091971", "UA14160000000050000"
    h1, h2 = "UA14160010000010001", "UA14160020000010002"
    codifier = _codifier([
        (o, None, None, None, None, "O", "Донецька"),
        (o, r, None, None, None, "P", "Покровський"),
        (o, r, h1, None, None, "H", "Перша"),
        (o, r, h1, "UA14160010010000001", None, "C", "Іванівка"),
        (o, r, h1, "UA14160010020000002", None, "C", "Іванівка"),
        (o, r, h1, "UA14160010030000003", None, "C", "Берегове"),
        (o, r, h1, "UA14160010040000004", None, "C", "Дачне"),
        (o, r, h2, None, None, "H", "Друга"),
        (o, r, h2, "UA14160020010000005", None, "X", "Дачне"),
        (o, r, h2, "UA14160020020000006", None, "C", "Степове"),
    ])
    dump = "".join([
        _dump_row("1", "Ivanivka", "Іванівка,Ивановка", "48.10", "37.10", "1416"),
        _dump_row("2", "Beregovoye", "Beregovoye,Береговое", "48.11", "37.11", "1416"),
        _dump_row("3", "Stepove", "Степове,Степовое", "48.50", "37.50", "1416"),
        _dump_row("4", "Stepove", "Степове", "48.51", "37.51", "1416"),      # the same again
        _dump_row("5", "Dachne", "Дачне,Дачное", "48.49", "37.49", "1416"),  # near hromada 2
    ]).encode()
    built = build_gazetteer(dump, codifier)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(built.gazetteer_csv.decode()))}
    # Two Ivanivkas in one hromada: not resolved, but the hromada is known.
    assert (rows["gn:1"]["katottg_match"], rows["gn:1"]["katottg_code"]) == ("ambiguous(2)", "")
    assert rows["gn:1"]["admin3_local"] == "Перша" and rows["gn:1"]["katottg_category"] == "C"
    # A Russian-based romanisation, linked by its consonants and spelling.
    assert (rows["gn:2"]["katottg_match"], rows["gn:2"]["name_en"]) == ("fuzzy_latin", "Berehove")
    # One settlement, two GeoNames entries: the older keeps it.
    assert rows["gn:3"]["katottg_code"] == "UA14160020020000006"
    assert (rows["gn:4"]["katottg_match"], rows["gn:4"]["katottg_code"]) == ("secondary", "")
    # Two Dachnes in two hromadas: the one whose hromada's other places are near.
    assert (rows["gn:5"]["katottg_match"], rows["gn:5"]["katottg_code"]) == (
        "nearest_hromada", "UA14160020010000005")
    assert rows["gn:5"]["feature_class"] == "settlement"
    unmatched = built.unmatched_csv.decode()
    assert "UA14160010040000004" in unmatched and "UA14160010010000001" not in unmatched
