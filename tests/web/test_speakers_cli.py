"""One record per speaker on the demo data: ``sources track-record`` after alias merging, and
``sources alias add|remove|list`` by hand (logged)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.conftest import copy_store
from tests.web.conftest import frontcheck

#: How the demo's sources and the dev claims name the Russian Ministry of Defence.
MOD_NAMES = ("Russian Ministry of Defence", "Russian Ministry of Defence (reported by Kyiv "
             "Independent)", "Russian MoD", "Минобороны России", "Міноборони Росії")


@pytest.fixture
def demo_store(workbench_store, tmp_path):
    return copy_store(workbench_store, tmp_path / "store.sqlite")


def claimant_counts(store) -> dict[str, int]:
    with sqlite3.connect(store) as connection:
        return dict(connection.execute(
            "SELECT claimant, count(*) FROM claim WHERE type = 'territorial' GROUP BY claimant"))


def claimant_records(store) -> dict[str, dict]:
    done = frontcheck("sources", "track-record", "--format", "json", "--db", store)
    assert done.returncode == 0, done.stderr
    return {r["name"]: r for r in json.loads(done.stdout) if r["group"] == "claimant"}


def test_track_records_give_the_russian_mod_as_one_claimant(demo_store):
    counts = claimant_counts(demo_store)
    spellings = [name for name in MOD_NAMES if name in counts]
    assert len(spellings) >= 3, counts          # the demo names it in several ways
    records = claimant_records(demo_store)
    assert [name for name in records if name in MOD_NAMES] == ["Russian Ministry of Defence"]
    assert records["Russian Ministry of Defence"]["claims"] == sum(counts[n] for n in spellings)


def test_alias_add_list_and_remove_by_hand(demo_store):
    counts = claimant_counts(demo_store)
    done = frontcheck("sources", "alias", "add", "DeepStateMAP", "Russian MoD", "--db", demo_store)
    assert done.returncode == 0 and "Russian Ministry of Defence" in done.stderr
    records = claimant_records(demo_store)
    assert "DeepStateMAP" not in records
    merged = sum(counts[n] for n in (*MOD_NAMES, "DeepStateMAP", "DeepState") if n in counts)
    assert records["Russian Ministry of Defence"]["claims"] == merged
    listed = json.loads(frontcheck("sources", "alias", "list", "--merged", "--format", "json",
                                   "--db", demo_store).stdout)
    mod = next(r for r in listed if r["identity"] == "Russian Ministry of Defence")
    origins = {n["name"]: n["origin"] for n in mod["names"]}
    assert origins["DeepStateMAP"] == "manual" and origins["Минобороны России"] == "curated"
    # split the hand-made merge, then a curated one
    assert frontcheck("sources", "alias", "remove", "DeepStateMAP", "--db", demo_store).returncode == 0
    assert frontcheck("sources", "alias", "remove", "Минобороны России", "--db", demo_store).returncode == 0
    records = claimant_records(demo_store)
    assert records["DeepStateMAP"]["claims"] == counts["DeepStateMAP"] + counts.get("DeepState", 0)
    assert records["Минобороны России"]["claims"] == counts["Минобороны России"]
    audit = json.loads(frontcheck("audit", "show", "--format", "json", "--db", demo_store).stdout)
    assert [e["action"] for e in audit][-3:] == ["speaker_alias_add", "speaker_alias_remove",
                                                "speaker_alias_remove"]
