"""What the claims API gives the page so that a claim reads right: its framing, its numbers
and the raion that tells a village from its namesakes."""

from __future__ import annotations

import csv

from tests.conftest import GAZETTEER, shared_path


def test_claims_carry_framing_numbers_and_raion(workbench_client):
    rows = workbench_client.get("/api/claims?limit=10000").json()
    denied = [r for r in rows if r["fields"].get("framing") == "denied"]
    assert denied and all(r["negated"] for r in denied)
    quantities = [r for r in rows if r["type"] == "quantity"]
    assert quantities
    assert all(r["fields"]["low"] <= r["fields"]["best"] <= r["fields"]["high"] for r in quantities)
    placed = {r["place"]["id"]: r["place"]["raion"] for r in rows if r["place"] and r["place"]["id"]}
    # the raion (admin2) as the gazetteer file itself gives it
    with open(shared_path(GAZETTEER), newline="", encoding="utf-8") as handle:
        admin2 = {row["id"]: row["admin2"] for row in csv.DictReader(handle) if row["id"] in placed}
    assert len(admin2) == len(placed) > 5
    assert placed == admin2
    assert sum(1 for raion in placed.values() if raion) > 5
