"""``/api/basemap/places`` and ``/api/basemap/rivers`` (issue 15: villages, rivers when zoomed
in): the box, the zoom's classes, the limit and the order checked against the gazetteer read
with the csv module; bad input is a 400 with one line; answers are cached by ETag."""

from __future__ import annotations

import csv

import orjson
import pytest
import shapely

from tests.conftest import GAZETTEER, shared_path

BOX = (36.9, 48.1, 37.5, 48.5)          # Pokrovsk, Myrnohrad and the villages around them
RANK = {"city": 0, "settlement": 1, "populated_place": 2, "village": 3}


@pytest.fixture(scope="module")
def gazetteer_rows() -> list[dict]:
    with shared_path(GAZETTEER).open(newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["lat"] and r["lon"]]


def expected(rows: list[dict], box, classes) -> list[dict]:
    west, south, east, north = box
    inside = [r for r in rows if west <= float(r["lon"]) <= east
              and south <= float(r["lat"]) <= north and r["feature_class"] in classes]
    return sorted(inside, key=lambda r: (RANK[r["feature_class"]],
                                         -int(r["population"] or -1), r["name_en"], r["id"]))


def bbox(box) -> str:
    return ",".join(str(v) for v in box)


def test_zoomed_in_every_village_in_the_box_towns_first(client, gazetteer_rows):
    response = client.get(f"/api/basemap/places?bbox={bbox(BOX)}&zoom=11&limit=1000")
    assert response.status_code == 200
    want = expected(gazetteer_rows, BOX, set(RANK))
    got = response.json()
    assert [p["id"] for p in got] == [r["id"] for r in want]
    assert int(response.headers["x-total-count"]) == len(want) > 100
    pokrovsk = next(p for p in got if p["id"] == "gn:704422")
    assert (pokrovsk["name"], pokrovsk["name_uk"]) == ("Pokrovsk", "Покровськ")
    assert got[0]["feature_class"] == "city" and got[-1]["feature_class"] == "village"
    # no district of a town is labelled on top of its town
    assert "section_of_populated_place" not in {p["feature_class"] for p in got}


def test_lower_zooms_label_cities_then_towns_only(client, gazetteer_rows):
    wide = (36.0, 47.5, 38.5, 49.0)
    cities = client.get(f"/api/basemap/places?bbox={bbox(wide)}&zoom=8").json()
    assert [p["id"] for p in cities] == [r["id"] for r in expected(gazetteer_rows, wide, {"city"})]
    towns = client.get(f"/api/basemap/places?bbox={bbox(wide)}&zoom=9").json()
    assert {p["feature_class"] for p in towns} == {"city", "settlement"}
    assert len(towns) > len(cities)
    villages = client.get(f"/api/basemap/places?bbox={bbox(BOX)}&zoom=10&limit=1000").json()
    assert "village" in {p["feature_class"] for p in villages}


def test_the_limit_keeps_the_most_prominent(client, gazetteer_rows):
    response = client.get(f"/api/basemap/places?bbox={bbox(BOX)}&zoom=12&limit=20")
    want = expected(gazetteer_rows, BOX, set(RANK))
    assert [p["id"] for p in response.json()] == [r["id"] for r in want[:20]]
    assert int(response.headers["x-total-count"]) == len(want)


def test_answers_are_cached_by_etag(client):
    url = f"/api/basemap/places?bbox={bbox(BOX)}&zoom=13"
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    # zooms that label the same classes share the answer; another tier does not
    assert client.get(f"/api/basemap/places?bbox={bbox(BOX)}&zoom=11").headers["etag"] \
        == first.headers["etag"]
    assert client.get(f"/api/basemap/places?bbox={bbox(BOX)}&zoom=9").headers["etag"] \
        != first.headers["etag"]


@pytest.mark.parametrize(("query", "message"), [
    ("bbox=36.9,48.1,37.5&zoom=11", "bbox: expected west,south,east,north (4 numbers), got 3 values"),
    ("bbox=a,48.1,37.5,48.5&zoom=11", "bbox: not a number in 'a,48.1,37.5,48.5'"),
    ("bbox=37.5,48.1,36.9,48.5&zoom=11", "bbox: west 37.5 is not less than east 36.9"),
    ("bbox=10,40,39,52&zoom=11", "bbox: spans more than 25 degrees; zoom in"),
    ("bbox=36.9,48.1,37.5,95&zoom=11",
     "bbox: longitudes must lie in -180..180 and latitudes in -90..90"),
    (f"bbox={bbox(BOX)}&zoom=7",
     "zoom: 7 is below 8: villages are labelled when zoomed in (towns at any zoom: /api/places)"),
    (f"bbox={bbox(BOX)}&zoom=11&limit=0", "limit: 0 is not in 1..1000"),
    (f"bbox={bbox(BOX)}&zoom=big", "query.zoom: Input should be a valid integer, unable to "
     "parse string as an integer"),
    (f"bbox={bbox(BOX)}", "query.zoom: Field required"),
])
def test_bad_input_is_a_400_with_one_line(client, query, message):
    response = client.get(f"/api/basemap/places?{query}")
    assert response.status_code == 400
    assert response.json() == {"ok": False, "error": message, "status": 400}


def test_rivers_are_the_shipped_lines(client):
    from frontcheck.app.map_layers import rivers_geojson

    response = client.get("/api/basemap/rivers")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    assert response.content == rivers_geojson()
    lines = [shapely.from_geojson(orjson.dumps(f["geometry"]))
             for f in response.json()["features"]]
    assert {g.geom_type for g in lines} <= {"LineString", "MultiLineString"}
    # the Siverskyi Donets passes Izium: a line within 1 km of the town's centre
    izium = shapely.Point(37.26, 49.21)
    assert min(line.distance(izium) for line in lines) < 0.015
    cached = client.get("/api/basemap/rivers", headers={"If-None-Match": response.headers["etag"]})
    assert cached.status_code == 304
