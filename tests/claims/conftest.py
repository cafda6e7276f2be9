"""Claims fixtures: the labelled set, the real gazetteer's resolver index, a small gazetteer
for CLI runs, and the gazetteer's English names for checking places independently."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import ROOT

LABELLED = ROOT / "tests" / "data" / "claims_labelled.jsonl"
#: Places the CLI tests name, copied from the shared gazetteer into a small one.
SMALL_GAZETTEER_IDS = ("gn:704422", "gn:699557", "gn:690771", "gn:694677", "gn:9797137",
                       "gn:695357", "gn:710035")


@pytest.fixture(scope="session")
def labelled() -> list[dict]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="session")
def place_index(gazetteer_csv: Path):
    """The resolver's index of the whole shared gazetteer, built in memory (no store)."""
    from frontcheck.app.place_lookup import shipped_aliases
    from frontcheck.places.gazetteer import parse_gazetteer
    from frontcheck.places.index import build_index

    return build_index(parse_gazetteer(gazetteer_csv.read_bytes(), str(gazetteer_csv)),
                       shipped_aliases())


@pytest.fixture(scope="session")
def gazetteer_names(gazetteer_csv: Path) -> dict[str, list[tuple[str, str]]]:
    """English name (lower case) → [(id, oblast)], read with the csv module alone."""
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with gazetteer_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names[row["name_en"].lower()].append((row["id"], row["admin1"]))
    return dict(names)


@pytest.fixture(scope="session")
def place_ids(gazetteer_names):
    """A gold place ("Pishchane@Donetsk Oblast") → the gazetteer ids it names."""
    def ids(gold: str) -> set[str]:
        name, _, oblast = gold.partition("@")
        return {i for i, o in gazetteer_names.get(name.lower(), []) if not oblast or o == oblast}
    return ids


@pytest.fixture(scope="session")
def small_gazetteer(tmp_path_factory: pytest.TempPathFactory, gazetteer_csv: Path) -> Path:
    """A gazetteer of a few Donetsk settlements, so that CLI tests load it in a moment."""
    path = tmp_path_factory.mktemp("gazetteer") / "small.csv"
    lines = gazetteer_csv.read_text(encoding="utf-8").splitlines()
    wanted = [line for line in lines[1:] if line.split(",", 1)[0] in SMALL_GAZETTEER_IDS]
    path.write_text("\n".join([lines[0], *wanted]) + "\n", encoding="utf-8")
    return path
