"""Writes the recorded responses under tests/data/fetch/ (run once; the files are committed).

    .venv/bin/python -m tests.fetch.make_fixtures

No real DeepStateMAP snapshot may be shipped (licence), so the snapshots are written in the
raw format from ``tests/control/raw_dsm_samples.py``; the history list, the feeds, the pages,
the mirror and the GeoNames excerpt are small hand-made files in the real formats.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import orjson
import shapely

from tests.control.raw_dsm_samples import SAMPLES, bare_bytes

OUT = Path(__file__).resolve().parents[1] / "data" / "fetch"
#: Three snapshots: two on 2024-12-07 (morning, evening), one on 2024-12-08.
IDS = (1733549472, 1733590000, 1733640000)


def _grown(step: int):
    """The samples with the first occupied box pushed west by ``step`` × 0.05°."""
    first = SAMPLES[0]
    west, south, east, north = shapely.bounds(first.geometry)
    grown = replace(first, geometry=shapely.box(west - 0.05 * step, south, east, north))
    return (grown, *SAMPLES[1:])


def history() -> bytes:
    entries = []
    for n, entry_id in enumerate(IDS):
        at = datetime.fromtimestamp(entry_id, tz=UTC)
        entries.append({
            "id": entry_id,
            "datetime": at.isoformat().replace("+00:00", "Z"),
            "description": f"<p>Мапу оновлено.</p><p>Ворог просунувся поблизу "
                           f"<a href=\"https://deepstatemap.live/#13/48.1/37.55\">Очеретиного</a> ({n}).</p>",
            "descriptionEn": f"<p>The map has been updated.</p><p>The enemy advanced near "
                             f"<a href=\"https://deepstatemap.live/en#13/48.1/37.55\">Ocheretyne</a> ({n}).</p>",
        })
    return orjson.dumps(entries, option=orjson.OPT_INDENT_2)


def daily(on: str, west: float) -> bytes:
    """A shipped-format daily file: one MultiPolygon feature, no properties."""
    geometry = orjson.loads(shapely.to_geojson(shapely.MultiPolygon([shapely.box(west, 47.9, 38.2, 48.3)])))
    return orjson.dumps({"type": "FeatureCollection",
                         "features": [{"type": "Feature", "properties": {}, "geometry": geometry}]})


def main() -> None:
    api = OUT / "deepstate-api"
    (api / "snapshots").mkdir(parents=True, exist_ok=True)
    (api / "history_public.json").write_bytes(history())
    for step, entry_id in enumerate(IDS):
        (api / "snapshots" / f"{entry_id}.geojson").write_bytes(bare_bytes(_grown(step)))

    mirror = OUT / "mirror"
    files = {
        "deepstate-occupied/daily/deepstatemap_data_20250101.geojson": daily("20250101", 37.6),
        "deepstate-occupied/daily/deepstatemap_data_20250102.geojson": daily("20250102", 37.55),
        "deepstate-occupied/daily/deepstatemap_data_20250104.geojson": daily("20250104", 37.5),
        "gazetteer/gazetteer.csv": (Path(__file__).resolve().parents[1] / "data" / "fetch"
                                    / "gazetteer_head.csv").read_bytes(),
        "boundaries/ukraine_border.geojson": b'{"type": "FeatureCollection", "features": []}\n',
    }
    sums = []
    for path, data in files.items():
        target = mirror / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        sums.append(f"{hashlib.sha256(data).hexdigest()}  {path}\n")
    (mirror / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")

    with zipfile.ZipFile(OUT / "geonames_UA.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("UA.txt", (OUT / "geonames_UA.txt").read_bytes())


if __name__ == "__main__":
    main()
