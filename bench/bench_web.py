"""Web workbench: bytes sent and server time per time-slider step, against sending the full
GeoJSON of the new date (issue 6, "Speed").

One slider step asks for date d_k while the browser holds d_{k-1}. Ours answers
``GET /api/snapshots/{d_k}/cells?base={d_{k-1}}&zoom=Z``: only the grid cells the stored daily
change polygons touch (``frontcheck/web/cells.py``). The baseline answers what a plain server
sends, the whole layer of d_k as GeoJSON: ``GET /api/snapshots/{d_k}/layers`` (coordinates at 6
decimals, ~0.1 m; ``naive_full_precision_bytes`` also gives ``shapely.to_geojson`` at full
precision). Both through the same app and ``TestClient`` (in process, no network), each request
with empty server caches, so the time is the work of answering. Bytes are the body as sent:
identity, and gzip (the app compresses responses; ``Content-Length`` of the gzip body).

Checks before timing: for each sampled step, the cells of d_{k-1} patched with the step's
delta equal the cells of d_k fetched whole (same states; same geometry, raw zoom); and the
cells of the last date cover exactly its layer. Goal: >= 10x fewer bytes per step, judged at
zoom 8 (the map's zoom around a front sector) with identity encoding; the other zooms and gzip
are reported beside it.
"""

from __future__ import annotations

import gzip
import statistics
import tempfile
import time
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson
import shapely

from bench.common import daily_files, evenly_spaced, goal, write_results

JOB = "web"
TRACKER = "deepstate"
RATIO_KEYS = ("bytes_full_vs_step_z8", "bytes_full_vs_step_raw", "bytes_full_vs_step_z8_gzip",
              "server_time_full_vs_step_z8")
ZOOMS = (6, 8, 10, None)          # None: the geometry as stored


@dataclass(frozen=True, slots=True)
class Config:
    snapshots: int | None          # None: every shipped file
    steps: int                     # slider steps measured (evenly spread over the sequence)
    repeats: int                   # best-of-N server time per request
    checked_steps: int             # steps whose delta is checked against the whole date


CONFIGS = {
    "full": Config(snapshots=None, steps=120, repeats=3, checked_steps=12),
    "tiny": Config(snapshots=8, steps=7, repeats=1, checked_steps=3),
}


def _client(store: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from frontcheck.web.app import create_app

    return TestClient(create_app(store))


def _empty_caches(client) -> None:
    from frontcheck.web.cache import LruCache

    caches = client.app.state.caches
    for name, cache in caches.items():
        caches[name] = LruCache(cache.size)


def _timed_get(client, url: str, repeats: int) -> tuple[float, bytes, int]:
    """Best-of-N seconds with empty caches, the identity body, and the gzip body's length."""
    seconds = []
    for _ in range(max(1, repeats)):
        _empty_caches(client)
        start = time.perf_counter()
        response = client.get(url, headers={"Accept-Encoding": "identity"})
        seconds.append(time.perf_counter() - start)
        assert response.status_code == 200, response.text
    body = response.content
    _empty_caches(client)
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    wire = int(zipped.headers.get("content-length") or len(gzip.compress(body)))
    return min(seconds), body, wire


def _cells(body: bytes) -> dict:
    return {f["id"]: f for f in orjson.loads(body)["features"]}


def _delta_rebuilds_date(client, before: str, after: str) -> bool:
    base = _cells(client.get(f"/api/snapshots/{before}/cells").content)
    patched = {**base, **_cells(client.get(f"/api/snapshots/{after}/cells?base={before}").content)}
    patched = {k: f for k, f in patched.items() if f["properties"]["state"] != "empty"}
    direct = _cells(client.get(f"/api/snapshots/{after}/cells").content)
    if set(patched) != set(direct):
        return False
    for key, feature in direct.items():
        # each feature carries the date it was sent for: an unchanged cell keeps the base's
        if _without_date(patched[key]["properties"]) != _without_date(feature["properties"]):
            return False
        if feature["geometry"]:
            a, b = (shapely.from_geojson(orjson.dumps(f["geometry"])) for f in (patched[key], feature))
            if shapely.area(shapely.symmetric_difference(a, b)) > 1e-12:
                return False
    return True


def _without_date(properties: dict) -> dict:
    return {k: v for k, v in properties.items() if k != "date"}


def _cells_cover_layer(client, day: str) -> float:
    """Relative area of the symmetric difference between the cells' union and the layer."""
    collection = orjson.loads(client.get(f"/api/snapshots/{day}/cells").content)
    layers = orjson.loads(client.get(f"/api/snapshots/{day}/layers").content)
    layer = shapely.from_geojson(orjson.dumps(layers["features"][0]["geometry"]))
    grid, pieces = collection["grid"], []
    for feature in collection["features"]:
        i, j = map(int, feature["id"].split(":"))
        box = (i * grid["dlon"], j * grid["dlat"], (i + 1) * grid["dlon"], (j + 1) * grid["dlat"])
        if feature["properties"]["state"] == "full":
            pieces.append(shapely.box(*box))
        else:
            fill = shapely.from_geojson(orjson.dumps(feature["geometry"]))
            pieces.append(shapely.clip_by_rect(fill, *box))
    union = shapely.union_all(pieces)
    return float(shapely.area(shapely.symmetric_difference(union, layer)) / shapely.area(layer))


def run(scale: str = "full") -> dict:
    config = CONFIGS[scale]
    files = daily_files()
    if config.snapshots is not None:
        files = files[:config.snapshots]
    with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
        store = Path(folder) / "store.sqlite"
        _ingest(store, files)                 # setup, not timed
        client = _client(store)
        dates = [s["date"] for s in client.get("/api/snapshots?limit=10000").json()]
        picks = [max(k, 1) for k in evenly_spaced(len(dates), config.steps)]
        picks = sorted(set(picks))
        checks, details = {}, {}
        checked = [picks[i] for i in evenly_spaced(len(picks), config.checked_steps)]
        failures = [dates[k] for k in checked if not _delta_rebuilds_date(client, dates[k - 1], dates[k])]
        checks["deltas_rebuild_each_date"] = not failures
        details["deltas_checked"] = {"steps": [dates[k] for k in checked], "failed": failures}
        cover = _cells_cover_layer(client, dates[-1])
        checks["cells_cover_the_layer"] = cover < 1e-6
        details["cells_cover_the_layer"] = {"date": dates[-1], "relative_symmetric_difference": cover}
        steps = [_measure_step(client, dates[k - 1], dates[k], config.repeats) for k in picks]
        client.close()
    result = _summarise(config, scale, files, steps, checks, details)
    return write_results(result)


def _ingest(store: Path, files: list[Path]) -> None:
    from frontcheck.app.snapshot_ingest import ingest_snapshots
    from frontcheck.control.formats import ReadOptions
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine:
        report = ingest_snapshots(engine, [], ReadOptions(tracker=TRACKER), files=files)
    if report.failed:
        raise RuntimeError(f"bench ingest failed: {report.failed[:3]}")


def _measure_step(client, before: str, after: str, repeats: int) -> dict:
    full_s, full_body, full_wire = _timed_get(client, f"/api/snapshots/{after}/layers", repeats)
    naive = _naive_full_precision_bytes(client, after)
    row = {"before": before, "after": after, "full_bytes": len(full_body), "full_gzip_bytes": full_wire,
           "full_s": full_s, "naive_full_precision_bytes": naive}
    for zoom in ZOOMS:
        name = "raw" if zoom is None else f"z{zoom}"
        query = f"base={before}" + ("" if zoom is None else f"&zoom={zoom}")
        seconds, body, wire = _timed_get(client, f"/api/snapshots/{after}/cells?{query}", repeats)
        row.update({f"step_{name}_bytes": len(body), f"step_{name}_gzip_bytes": wire,
                    f"step_{name}_s": seconds, f"step_{name}_cells": len(orjson.loads(body)["features"])})
    return row


def _naive_full_precision_bytes(client, day: str) -> int:
    """What a plain server sends: the stored layers through ``shapely.to_geojson`` (every
    digit of every coordinate) in a FeatureCollection."""
    from frontcheck.store.maps import layer_geometries

    snapshot_id = client.get(f"/api/snapshots/{day}").json()["id"]
    with client.app.state.engine.connect() as connection:
        layers = layer_geometries(connection, snapshot_id)
    return len(orjson.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"layer": name},
         "geometry": orjson.loads(shapely.to_geojson(geometry))} for name, geometry in layers.items()]}))


def _summarise(config: Config, scale: str, files: list[Path], steps: list[dict], checks: dict,
               details: dict) -> dict:
    def total(key: str) -> float:
        return sum(s[key] for s in steps)

    def mean(key: str) -> float:
        return total(key) / len(steps)

    names = ["raw" if z is None else f"z{z}" for z in ZOOMS]
    ratios = {f"bytes_full_vs_step_{n}": total("full_bytes") / total(f"step_{n}_bytes") for n in names}
    ratios |= {f"bytes_full_vs_step_{n}_gzip": total("full_gzip_bytes") / total(f"step_{n}_gzip_bytes")
               for n in names}
    ratios |= {f"server_time_full_vs_step_{n}": total("full_s") / total(f"step_{n}_s") for n in names}
    per_step = {
        "full_geojson": {"mean_bytes": round(mean("full_bytes")), "mean_gzip_bytes": round(mean("full_gzip_bytes")),
                         "median_ms": round(1000 * statistics.median(s["full_s"] for s in steps), 3),
                         "mean_naive_full_precision_bytes": round(mean("naive_full_precision_bytes"))},
        **{f"cells_{n}": {"mean_bytes": round(mean(f"step_{n}_bytes")),
                          "mean_gzip_bytes": round(mean(f"step_{n}_gzip_bytes")),
                          "median_ms": round(1000 * statistics.median(s[f"step_{n}_s"] for s in steps), 3),
                          "p95_ms": round(1000 * sorted(s[f"step_{n}_s"] for s in steps)
                                          [int(0.95 * (len(steps) - 1))], 3),
                          "mean_cells": round(mean(f"step_{n}_cells"), 2)} for n in names},
    }
    goals = {"bytes_per_step": goal(ratios["bytes_full_vs_step_z8"], ">=", 10, "x",
                                    judged_on="full GeoJSON of the date / cells delta at zoom 8, "
                                              "identity encoding, summed over the steps")}
    if not all(checks.values()):
        goals["bytes_per_step"].update(met=False, failed_checks=[k for k, ok in checks.items() if not ok])
    return {
        "job": JOB, "scale": scale, "config": asdict(config),
        "inputs": {"snapshots": len(files), "first_file": files[0].name, "last_file": files[-1].name,
                   "steps": len(steps), "zooms": names},
        "per_step": per_step,
        "ratios": {k: round(v, 6) for k, v in ratios.items()},
        "checks": checks, "check_details": details, "goals": goals,
        "steps": steps,
        "notes": [
            "Server time is the best of N requests through FastAPI's TestClient in this process, "
            "each with the app's caches emptied first (a repeated request is a cache hit and "
            "costs well under a millisecond; the browser also keeps answers it has).",
            "The baseline is the app's own whole-date route at 6 decimals; a server sending "
            "shapely.to_geojson at full precision sends naive_full_precision_bytes, more still.",
        ],
    }


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else "full")["ratios"], indent=2))
