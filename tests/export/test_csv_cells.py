"""``--format csv`` of every command: plain machine numbers at full precision (pandas reads an
area column as float), coordinates not rounded, one value per cell (a place spans columns),
cells that start like a formula escaped. Expected values come from the store's own rows."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from sqlalchemy import select

from tests.export.conftest import PROTECTED_NAME, ok


def read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])


def stored(store, query):
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine, engine.connect() as connection:
        return connection.execute(query).all()


def test_area_csv_is_float_at_full_precision(export_store):
    from frontcheck.store import schema as s

    frame = read_csv(ok("control", "area", "--period", "day", "--format", "csv",
                        "--db", export_store).stdout)
    assert frame["area_start_km2"].dtype == "float64"
    assert frame["gained_km2"].dtype == "float64"
    areas = {(r.snapshot_date.isoformat(), r.layer): r.area_km2 for r in stored(
        export_store, select(s.snapshot.c.snapshot_date, s.layer.c.layer, s.layer.c.area_km2)
        .join(s.layer, s.layer.c.snapshot_id == s.snapshot.c.id))}
    for row in frame.itertuples():
        # exactly the stored double: no thousands separator, no rounding to 2 decimals
        assert row.area_start_km2 == areas[(row.period_start, row.layer)]
    assert (frame["area_start_km2"] > 1000).all()


def test_place_search_csv_keeps_coordinates(export_store):
    from frontcheck.store import schema as s

    frame = read_csv(ok("place", "search", "Kurakhove", "--oblast", "Donetsk", "--format", "csv",
                        "--db", export_store, "--quiet").stdout)
    [(lon, lat)] = stored(export_store, select(s.place.c.lon, s.place.c.lat)
                          .where(s.place.c.id == "gn:695357"))
    row = frame[frame["id"] == "gn:695357"].iloc[0]
    assert (row["lon"], row["lat"]) == (lon, lat)
    assert round(lon, 2) != lon       # the old output rounded this one to 37.28


def test_claims_csv_spreads_a_place_over_columns(export_store):
    import orjson

    claims = {c["id"]: c for c in orjson.loads(ok("claims", "list", "--format", "json",
                                                  "--db", export_store).stdout)}
    text = ok("claims", "list", "--format", "csv", "--db", export_store).stdout
    frame = read_csv(text).set_index("id")
    assert {"place_mention", "place_id", "place_name", "place_oblast", "place_lon",
            "place_lat"} <= set(frame.columns)
    assert "place" not in frame.columns
    assert not any(cell.startswith(("{", "[")) for row in csv.reader(io.StringIO(text))
                   for cell in row)
    for claim_id, claim in claims.items():
        if claim["place"] and claim["place"]["lon"] is not None:
            assert frame.loc[claim_id, "place_id"] == claim["place"]["id"]
            assert frame.loc[claim_id, "place_lon"] == pytest.approx(claim["place"]["lon"],
                                                                     abs=1e-12)
    assert PROTECTED_NAME not in text
    # the quote starts with "-": a spreadsheet would read it as a formula
    assert frame.loc["P-004", "quote"].startswith("'-POW-1")


def test_timeline_and_verdict_csv_are_numbers(export_store):
    frame = read_csv(ok("control", "timeline", "Vuhledar", "--oblast", "Donetsk", "--format",
                        "csv", "--db", export_store).stdout)
    assert frame["fraction_max"].dtype == "float64"
    assert frame["fraction_max"].max() > 0.9      # Vuhledar fell on 1-2 October 2024
    verdicts = read_csv(ok("verify", "--all", "--format", "csv", "--db", export_store).stdout)
    assert verdicts["confidence"].dtype == "float64"
    assert {"place_id", "place_lon", "place_lat"} <= set(verdicts.columns)
