"""The API's GeoJSON (``/api/snapshots/{date}/layers|cells|changes``) follows RFC 7946's
winding (exterior rings counter-clockwise, holes clockwise) and puts the date and tracker on
every feature, where GDAL, geopandas and QGIS keep them."""

from __future__ import annotations

import warnings

import pytest

from tests.export.test_export_control import assert_rfc7946_winding


@pytest.fixture(scope="module")
def api(export_store):
    from frontcheck.web.app import create_app

    with warnings.catch_warnings():   # Starlette asks for httpx2; FastAPI documents httpx
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(export_store), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("route", ["layers", "layers?zoom=7", "cells?zoom=9",
                                   "cells?base=2024-10-01", "changes", "changes?zoom=8"])
def test_features_carry_date_and_tracker_and_wind_counter_clockwise(api, route):
    answer = api.get(f"/api/snapshots/2024-10-02/{route}")
    assert answer.status_code == 200, answer.text
    features = answer.json()["features"]
    shaped = [f for f in features if f["geometry"] is not None]
    assert shaped
    for feature in features:
        assert feature["properties"]["date"] == "2024-10-02"
        assert feature["properties"]["tracker"] == "deepstate"
    for feature in shaped:
        assert_rfc7946_winding(feature["geometry"])
