"""The GeoNames dump of Ukraine (``UA.txt``): its populated places, and their names. Pure.

Dump columns (tab-separated, no header): geonameid, name, asciiname, alternatenames, latitude,
longitude, feature class, feature code, country code, cc2, admin1..admin4, population,
elevation, dem, timezone, modification date.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from frontcheck.errors import InputError

__all__ = ["GnPlace", "ADMIN1", "ascii_name", "dump_text", "is_cyrillic", "kept_names", "norm",
           "parse_dump", "strip_stress"]

#: GeoNames admin1 code → (English name as the gazetteer writes it, KATOTTG oblast code).
ADMIN1 = {
    "01": ("Cherkasy Oblast", "71"), "02": ("Chernihiv Oblast", "74"),
    "03": ("Chernivtsi Oblast", "73"), "04": ("Dnipropetrovsk Oblast", "12"),
    "05": ("Donetsk Oblast", "14"), "06": ("Ivano-Frankivsk Oblast", "26"),
    "07": ("Kharkiv Oblast", "63"), "08": ("Kherson Oblast", "65"),
    "09": ("Khmelnytskyi Oblast", "68"), "10": ("Kirovohrad Oblast", "35"),
    "11": ("Autonomous Republic of Crimea", "01"), "12": ("Kyiv City", "80"),
    "13": ("Kyiv Oblast", "32"), "14": ("Luhansk Oblast", "44"), "15": ("Lviv Oblast", "46"),
    "16": ("Mykolaiv Oblast", "48"), "17": ("Odesa Oblast", "51"), "18": ("Poltava Oblast", "53"),
    "19": ("Rivne Oblast", "56"), "20": ("Sevastopol City", "85"), "21": ("Sumy Oblast", "59"),
    "22": ("Ternopil Oblast", "61"), "23": ("Vinnytsia Oblast", "05"),
    "24": ("Volyn Oblast", "07"), "25": ("Zakarpattia Oblast", "21"),
    "26": ("Zaporizhzhia Oblast", "23"), "27": ("Zhytomyr Oblast", "18"),
}
OBLAST_EN = {katottg: english for english, katottg in ADMIN1.values()}
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_KEEP = re.compile(r"^[\s\w'’ʼ\-.()]+$")
_OTHER_SCRIPT = re.compile("[^\u0000-\u024f\u0400-\u04ff\u2019\u02bc\u0300-\u036f]")
_APOSTROPHES = str.maketrans("", "", "'’ʼ`\u02bc\"")


@dataclass(frozen=True, slots=True)
class GnPlace:
    geonameid: str
    name: str
    ascii: str
    alternates: tuple[str, ...]   # Latin and Cyrillic script only, in the dump's order
    lat: float
    lon: float
    code: str
    country: str
    admin1: str
    admin2: str
    population: str

    def cyrillic(self) -> tuple[str, ...]:
        return tuple(a for a in self.alternates if is_cyrillic(a))

    def latin(self) -> tuple[str, ...]:
        names = (self.name, self.ascii, *self.alternates)
        return tuple(dict.fromkeys(n for n in names if n and not is_cyrillic(n)))


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


@lru_cache(maxsize=1 << 18)     # 400,000 calls on 60,000 distinct names
def norm(text: str) -> str:
    """A name for comparison: lower case, no stress marks or apostrophes, one space, ё → е.

    >>> norm("Куп’янськ"), norm("Шолта́к"), norm(" Velyka  Novosilka ")
    ('купянськ', 'шолтак', 'velyka novosilka')
    """
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn" or c in "\u0306\u0308")
    text = unicodedata.normalize("NFC", text).lower().translate(_APOSTROPHES)
    return " ".join(text.replace("ё", "е").replace("-", " ").split())


def dump_text(data: bytes, name: str, member: str = "UA.txt") -> bytes:
    """The dump's text out of its zip (or the bytes themselves when not a zip)."""
    if data[:2] != b"PK":
        return data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read(member)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise InputError(name, f"not a GeoNames zip with {member} ({exc})") from None


def kept_names(names: Iterable[str]) -> tuple[str, ...]:
    """The Latin- and Cyrillic-script names (other scripts are dropped), in order, once."""
    stripped = (a.strip() for a in names)
    return tuple(dict.fromkeys(a for a in stripped if a and _KEEP.match(a)
                               and not _OTHER_SCRIPT.search(a)
                               and (_CYRILLIC.search(a) or _LATIN.search(a))))


def _kept(alternates: str) -> tuple[str, ...]:
    return kept_names(alternates.split(","))


def strip_stress(text: str) -> str:
    """Without stress marks (Алексе́евка → Алексеевка); й and ё kept."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(
        c for c in decomposed if unicodedata.category(c) != "Mn" or c in "\u0306\u0308"))


def ascii_name(text: str) -> str:
    """A GeoNames-style ASCII name: no diacritics or apostrophes (Roven’ki → Rovenki)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn"
                   and c not in "'’ʼ`\u02bc")


def parse_dump(dump: bytes, name: str) -> tuple[list[GnPlace], int, str]:
    """The populated places (class P) of a GeoNames dump, the number of rows of every class,
    and the latest modification date."""
    try:
        text = dump.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(name, "not UTF-8 text") from None
    places: list[GnPlace] = []
    rows = 0
    latest = ""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 19:
            raise InputError(name, f"{len(cols)} columns, a GeoNames dump has 19", line=number)
        rows += 1
        latest = max(latest, cols[18].strip())
        if cols[6] != "P":
            continue
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError:
            raise InputError(name, "latitude/longitude is not a number", line=number) from None
        population = cols[14].strip()
        places.append(GnPlace(cols[0], cols[1], cols[2], _kept(cols[3]), lat, lon, cols[7],
                              cols[8] or "UA", cols[10], cols[11],
                              "" if population in ("", "0") else population))
    if not places:
        raise InputError(name, "no populated place (feature class P) in the dump")
    return places, rows, latest
