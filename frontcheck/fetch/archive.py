"""What ``frontcheck data fetch`` downloads, and where each file goes. Pure.

The destination folder is laid out like the project's ``shared/data``::

    deepstate-occupied/daily/deepstatemap_data_YYYYMMDD.geojson   the daily snapshots
    gazetteer/gazetteer.csv                                        the gazetteer
    boundaries/*.geojson                                           the outlines

From the original sources (no ``--base-url``): the daily files from the public archive that
collects them (cyterat/deepstate-map-data on GitHub, one file a day since 2024-07-08; a day
the archive lacks is skipped), and the gazetteer's main source, the GeoNames dump of Ukraine
at the commit the shared gazetteer was built from, checked against its recorded sha256 and
turned into ``gazetteer.csv`` (``fetch.geonames``). The boundaries ship inside frontcheck.

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
        items.append(Item("gazetteer", GEONAMES_UA, GEONAMES_UA_URL, GEONAMES_UA_SHA256))
    if "deepstate" in kinds:
        items += [Item("deepstate", daily_path(d),
                       f"{DAILY_UPSTREAM}deepstatemap_data_{d:%Y%m%d}.geojson", optional=True)
                  for d in _days(first, until)]
    return items
