"""Fuzz targets for every input reader (issue 14): random edits of a good file of each format
give items (or a snapshot, places, claims) or one ``InputError`` naming the file, never any
other exception. Reduced with FRONTCHECK_TEST_SCALE=small (``make test``), full size in
``make test-full``."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from frontcheck.control.formats import ReadOptions
from frontcheck.control.formats import reader_for as snapshot_reader
from frontcheck.errors import InputError
from frontcheck.places.gazetteer import parse_gazetteer
from frontcheck.sources import read_source
from tests.hardening.conftest import fuzz_size, mutate

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "samples" / p for p in (
    "telegram/result.json", "datasets/acled_events.csv", "statements/statements.csv",
    "tracker/deepstate_history_public.json", "transcripts/interview_kpa_pow_en.md",
    "articles/kpa_troops_kursk_en.html")]
RAW_SNAPSHOT = ROOT / "tests" / "data" / "fetch" / "deepstate-api" / "snapshots" / "1733549472.geojson"
SHIPPED = (b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},'
           b'"geometry":{"type":"MultiPolygon","coordinates":[[[[37.0,48.0],[37.3,48.0],'
           b'[37.3,48.3],[37.0,48.3],[37.0,48.0]]]]}}]}')


def _survives(read, good: bytes, seed: int, cases: int) -> int:
    """How many edits were refused with an InputError; any other exception fails the test."""
    rng = random.Random(seed)
    refused = 0
    for _ in range(cases):
        try:
            read(mutate(good, rng))
        except InputError:
            refused += 1
    return refused


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_fuzzed_sources_give_items_or_one_input_error(path: Path) -> None:
    refused = _survives(lambda data: read_source(data, path.name), path.read_bytes(),
                        seed=len(path.name), cases=fuzz_size(10_000, 150))
    assert refused > 0      # the edits do break files: the target is exercised


@pytest.mark.parametrize("format_name, good, name", [
    ("deepstate", SHIPPED, "deepstatemap_data_20250101.geojson"),
    ("deepstate-raw", RAW_SNAPSHOT.read_bytes(), "1733549472.geojson"),
])
def test_fuzzed_snapshots_give_a_snapshot_or_one_input_error(format_name, good, name) -> None:
    read = snapshot_reader(format_name)
    options = ReadOptions()
    refused = _survives(lambda data: read(data, name, options), good, seed=7,
                        cases=fuzz_size(10_000, 150))
    assert refused > 0


def test_fuzzed_gazetteers_give_places_or_one_input_error(gazetteer_csv: Path) -> None:
    with gazetteer_csv.open("rb") as handle:
        good = b"".join(handle.readline() for _ in range(40))
    refused = _survives(lambda data: parse_gazetteer(data, "g.csv"), good, seed=3,
                        cases=fuzz_size(10_000, 150))
    assert refused > 0
