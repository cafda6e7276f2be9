"""``frontcheck export claims|verdicts|acled``: points opened with geopandas/pyarrow, values
checked against ``claims list`` and ``verify`` JSON, protected persons by pseudonym in every
format, and the ACLED file read back by frontcheck's own ACLED reader."""

from __future__ import annotations

import geopandas
import orjson
import pandas as pd
import pytest

from tests.export.conftest import PROTECTED_NAME, frontcheck, ok


def opened(path, fmt):
    if fmt == "csv":
        return pd.read_csv(path, keep_default_na=False, na_values=[""])
    if fmt == "parquet":
        return geopandas.read_parquet(path)
    return geopandas.read_file(path, engine="pyogrio")


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv", "parquet"])
def test_claims_export_points_and_fields(export_store, tmp_path, fmt):
    listed = {c["id"]: c for c in orjson.loads(ok("claims", "list", "--format", "json",
                                                  "--db", export_store).stdout)}
    path = tmp_path / f"claims.{fmt}"
    ok("export", "claims", "--format", fmt, "--output", path, "--db", export_store)
    raw = path.read_bytes()
    assert PROTECTED_NAME.encode() not in raw and b"POW-1" in raw
    frame = opened(path, fmt).set_index("id")
    assert set(frame.index) == set(listed)
    assert frame["lon"].dtype == "float64" and frame["lat"].dtype == "float64"
    for claim_id, claim in listed.items():
        row = frame.loc[claim_id]
        assert row["type"] == claim["type"] and row["actor"] == claim["actor"]
        assert str(pd.Timestamp(row["claim_date"]).date()) == claim["claim_date"]
        place = claim["place"] or {}
        if place.get("lon") is None:
            assert pd.isna(row["lon"])
            if fmt != "csv":
                assert row.geometry is None
            continue
        # stored coordinates, not rounded (JSON keeps 6 decimals, the store more)
        assert row["lon"] == pytest.approx(place["lon"], abs=1e-6)
        assert row["place_id"] == place["id"]
        if fmt != "csv":
            assert (row.geometry.x, row.geometry.y) == (row["lon"], row["lat"])
    if fmt != "csv":
        assert frame.crs.to_epsg() == 4326
    # a curated claim's own fields are columns too
    assert frame.loc["HO-001", "fields_source_url"].startswith("https://")


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_verdicts_export_matches_verify(export_store, tmp_path, fmt):
    verdicts = {v["claim_id"]: v for v in orjson.loads(ok("verify", "--all", "--format", "json",
                                                          "--db", export_store).stdout)}
    path = tmp_path / f"verdicts.{fmt}"
    ok("export", "verdicts", "--format", fmt, "--output", path, "--db", export_store)
    frame = opened(path, fmt).set_index("claim_id")
    assert set(frame.index) == set(verdicts)
    for claim_id, verdict in verdicts.items():
        assert frame.loc[claim_id, "verdict"] == verdict["verdict"]
        assert frame.loc[claim_id, "confidence"] == pytest.approx(verdict["confidence"],
                                                                  abs=1e-6)
        assert frame.loc[claim_id, "place_id"] == (verdict["place"] or {}).get("id")
    assert frame["confidence"].dtype == "float64"


def test_acled_export_reads_back_as_acled(export_store, tmp_path):
    from frontcheck.sources.acled import read_acled

    claims = {c["id"]: c for c in orjson.loads(ok("claims", "list", "--format", "json",
                                                  "--db", export_store).stdout)}
    path = tmp_path / "claims_acled.csv"
    ok("export", "acled", "--output", path, "--db", export_store)
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    assert list(frame.columns)[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert {"actor1", "admin1", "admin2", "admin3", "latitude", "longitude", "geo_precision",
            "source", "source_scale", "notes", "fatalities", "tags", "timestamp"} <= set(frame)
    assert frame["latitude"].dtype == "float64" and frame["fatalities"].dtype == "int64"
    assert PROTECTED_NAME not in path.read_text(encoding="utf-8")
    items = {item.item_key: item for item in read_acled(path.read_bytes(), str(path))}
    assert len(items) == len(frame) == sum(1 for c in claims.values()
                                           if c["event_date"] or c["claim_date"])
    for claim_id, claim in claims.items():
        event_id = next(k for k in items if k.endswith("-" + claim_id))
        item = items[event_id]
        assert item.meta["event_date"] == (claim["event_date"] or claim["claim_date"])
        assert item.meta["time_precision"] == (claim["date_precision"] if claim["event_date"]
                                               else "day")
        assert item.published_at.date().isoformat() == claim["claim_date"]
        place = claim["place"] or {}
        if place.get("lat") is not None:
            [point] = item.meta["places"]
            assert (point["lat"], point["lon"]) == pytest.approx((place["lat"], place["lon"]),
                                                                 abs=1e-6)
    p004 = items["UKR-P-004"]
    assert p004.meta["time_precision"] == "month" and "POW-1" in p004.text
    assert p004.meta["event_type"] == "Battles"
    sudzha = frame[frame["location"] == "Sudzha"].iloc[0]   # the Kursk incursion
    assert (sudzha["country"], sudzha["sub_event_type"]) == (
        "Russia", "Non-state actor overtakes territory")
    # and the whole file through the CLI, into a store of its own
    done = frontcheck("sources", "ingest", path, "--db", tmp_path / "acled.sqlite")
    assert done.returncode == 0, done.stderr


def test_format_a_command_does_not_write_is_usage_error(export_store):
    done = frontcheck("export", "timelines", "--format", "geojson", "--db", export_store)
    assert done.returncode == 2 and "'geojson' is not one of parquet, csv, gpkg" in done.stderr


def test_claim_exports_are_logged_in_the_audit_log(export_store, tmp_path):
    from tests.conftest import copy_store

    store = copy_store(export_store, tmp_path / "store.sqlite")
    ok("export", "claims", "--format", "csv", "--output", tmp_path / "c.csv", "--db", store)
    ok("export", "control", "--date", "2024-10-02", "--output", tmp_path / "m.geojson",
       "--db", store)
    entries = [e for e in orjson.loads(ok("audit", "show", "--format", "json",
                                          "--db", store).stdout) if e["action"] == "export"]
    assert [(e["target"], e["detail"]["format"], e["detail"]["redacted"]) for e in entries] \
        == [("claims", "csv", True)]
    assert entries[0]["detail"]["records"] == len(
        orjson.loads(ok("claims", "list", "--format", "json", "--db", store).stdout))
