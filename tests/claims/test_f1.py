"""Field-level F1 of extraction on the labelled set (issue 4, "Measured").

The set (tests/data/claims_labelled.jsonl, described in claims_labelled.README.md) holds 379
texts in English, Russian and Ukrainian written in the style of ministry bulletins, General
Staff reports, war-correspondent posts, news and POW-interview transcripts, with their gold
claims. Places are checked against the shared gazetteer read with the csv module, not with
the resolver. Goals: F1 >= 0.85 for territorial claims and >= 0.75 for the other types, for
every language.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from frontcheck.claims.extract import extract_claims
from frontcheck.claims.model import CLAIM_TYPES, Claim, PlaceRef
from frontcheck.claims.resolver import index_resolver
from tests.claims.scoring import FIELDS, score

GOALS = {"territorial": 0.85, "participation": 0.75, "quantity": 0.75, "attribute": 0.75}
LANGS = ("en", "ru", "uk")


@pytest.fixture(scope="module")
def extracted(labelled, place_index) -> dict[str, list]:
    resolve_place = index_resolver(place_index)
    return {item["id"]: extract_claims(
        item["text"], published_at=datetime.fromisoformat(item["published_at"]),
        lang=item["lang"], resolve_place=resolve_place,
        claimant_default=item["claimant_default"]) for item in labelled}


def test_labelled_set_covers_languages_and_types(labelled) -> None:
    assert len(labelled) >= 300
    for lang in LANGS:
        for claim_type in CLAIM_TYPES:
            count = sum(c["type"] == claim_type for i in labelled if i["lang"] == lang
                        for c in i["claims"])
            assert count >= 20, (lang, claim_type, count)


def test_gold_places_exist_in_the_gazetteer(labelled, place_ids) -> None:
    missing = [(i["id"], c["place"]) for i in labelled for c in i["claims"]
               if c.get("place") and not c["place"].startswith("region:")
               and not place_ids(c["place"])]
    assert missing == []


def _gold_claim(gold: dict, place_ids) -> Claim:
    """A gold claim as an extracted one would be, to check the scorer on known answers."""
    place = gold.get("place")
    ref = None
    if place and place.startswith("region:"):
        ref = PlaceRef(mention=place, oblast=place.removeprefix("region:"))
    elif place:
        ref = PlaceRef(mention=place, id=sorted(place_ids(place))[0])
    fields = {k: gold.get(k) for k in ("kind", "side", "low", "best", "high", "unit",
                                        "currency", "period", "per_person", "subject",
                                        "predicate", "value") if k in gold}
    return Claim(id="gold", type=gold["type"], actor=gold.get("actor", ""),
                 action=gold.get("action", ""), place=ref, claimant=gold["claimant"],
                 negated=gold["negated"], fields=fields,
                 event_date=date.fromisoformat(gold["event_date"]) if gold.get("event_date")
                 else None, date_precision=gold.get("date_precision", "none"))


def test_scoring_gives_one_for_gold_and_zero_for_nothing(labelled, place_ids) -> None:
    as_gold = {i["id"]: [_gold_claim(c, place_ids) for c in i["claims"]] for i in labelled}
    nothing = {i["id"]: [] for i in labelled}
    for claim_type in CLAIM_TYPES:
        assert score(labelled, as_gold, place_ids)[("all", claim_type)].f1 == 1.0
        empty = score(labelled, nothing, place_ids)[("all", claim_type)]
        assert (empty.f1, empty.tp, empty.fp) == (0.0, 0, 0) and empty.fn > 0


def _f1_table(items, extracted, place_ids) -> dict[tuple[str, str], float]:
    tallies = score(items, extracted, place_ids)
    return {(lang, t): round(tallies[(lang, t)].f1, 3) for lang in (*LANGS, "all")
            for t in FIELDS if (lang, t) in tallies}


def test_field_level_f1_per_language_and_type(labelled, extracted, place_ids) -> None:
    report = _f1_table(labelled, extracted, place_ids)
    for split in ("dev", "test", "fresh"):
        part = [i for i in labelled if i["split"] == split]
        print(f"\nfield-level F1, {split} ({len(part)} texts):",
              _f1_table(part, extracted, place_ids))
    print("\nfield-level F1, all:", report)
    below = {k: v for k, v in report.items() if v < GOALS[k[1]]}
    assert below == {}, below


#: The blind held-out set's totals when this test was written (territorial 0.833,
#: participation 0.795, quantity 0.897, attribute 0.808), less a margin: a change to the rules
#: that costs more than that on unseen wording fails here. Only totals are printed, never a
#: text or a failure, so that the set stays unseen (see claims_heldout.README.md).
HELDOUT_FLOORS = {"territorial": 0.80, "participation": 0.75, "quantity": 0.85, "attribute": 0.75}


def test_heldout_totals_stay_above_their_floors(place_index, place_ids) -> None:
    import json

    from tests.claims.conftest import LABELLED

    path = LABELLED.with_name("claims_heldout.jsonl")
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    resolve_place = index_resolver(place_index)
    extracted = {item["id"]: extract_claims(
        item["text"], published_at=datetime.fromisoformat(item["published_at"]),
        lang=item["lang"], resolve_place=resolve_place,
        claimant_default=item["claimant_default"]) for item in items}
    totals = {t: round(score(items, extracted, place_ids)[("all", t)].f1, 3) for t in CLAIM_TYPES}
    print("\nfield-level F1, held-out totals:", totals)
    assert len(items) == 90
    below = {t: v for t, v in totals.items() if v < HELDOUT_FLOORS[t]}
    assert below == {}, below
