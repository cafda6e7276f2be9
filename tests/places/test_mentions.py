"""Accuracy on the labelled mentions in tests/data/place_mentions.csv (issue 3's measure).

Each row is a report-style sentence (``text``: General Staff and MoD bulletins, milblogger
posts, news, ISW-style notes) in English, Russian or Ukrainian, the ``mention`` an extractor
would pass, and the gold place: the one the sentence was written about (villages chosen by
raion from the gazetteer, their neighbours found by coordinates; hand-written rows give the
town, or the namesake nearest a town they are known to lie by). ``evidence`` says what the
text gives besides the name: ``oblast``, ``raion``, ``nearby`` (other places named) or
``none``; ``expected_kind`` is ``settlement``, ``axis`` or ``ambiguous`` (a bare homonym
that must be reported as unsettled). Gold ids never come from the resolver.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from frontcheck.places.resolve import ResolveContext, resolve

MENTIONS = Path(__file__).resolve().parents[1] / "data" / "place_mentions.csv"
LANGUAGES = ("en", "ru", "uk")


@pytest.fixture(scope="module")
def mentions() -> list[dict]:
    with MENTIONS.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def outcomes(mentions, index) -> list[tuple[dict, object]]:
    return [(row, resolve(row["mention"], ResolveContext(text=row["text"]), index=index))
            for row in mentions]


def _accuracy(pairs) -> dict[str, tuple[int, int]]:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row, ok in pairs:
        tally[row["lang"]][0] += ok
        tally[row["lang"]][1] += 1
    return {lang: tuple(v) for lang, v in tally.items()}


def _report(name: str, tally: dict[str, tuple[int, int]]) -> str:
    return f"{name}: " + ", ".join(f"{lang} {ok}/{n} = {ok / n:.1%}"
                                   for lang, (ok, n) in sorted(tally.items()))


def test_the_set_is_large_and_covers_the_issue(mentions, index):
    assert len(mentions) >= 300
    by_language = {lang: [r for r in mentions if r["lang"] == lang] for lang in LANGUAGES}
    assert all(len(rows) >= 90 for rows in by_language.values())
    for rows in by_language.values():
        kinds = {r["expected_kind"] for r in rows}
        assert kinds == {"settlement", "axis", "ambiguous"}
        assert {r["evidence"] for r in rows} >= {"oblast", "nearby", "none"}
    for row in mentions:
        assert row["mention"] in row["text"]
        if row["expected_kind"] != "ambiguous":
            position = index.position(row["expected_id"])
            assert position is not None, row
            assert index.name_en[position] == row["expected_name"]
    homonyms = sum(1 for r in mentions if r["expected_id"]
                   and index.name_en.count(r["expected_name"]) > 1)
    assert homonyms >= 150


def test_top1_where_the_text_gives_an_oblast_or_a_nearby_place(outcomes):
    pairs = [(row, result.kind == "settlement" and result.top is not None
              and result.top.id == row["expected_id"])
             for row, result in outcomes
             if row["expected_kind"] == "settlement" and row["evidence"] != "none"]
    tally = _accuracy(pairs)
    print("\n" + _report("top-1 with oblast/raion/nearby place", tally))
    ok = sum(v[0] for v in tally.values())
    total = sum(v[1] for v in tally.values())
    assert total >= 250
    assert ok / total >= 0.95, _report("overall", tally)
    for lang, (hits, n) in tally.items():
        assert hits / n >= 0.95, _report(lang, tally)


def test_top1_of_names_that_need_no_context(outcomes):
    pairs = [(row, result.top is not None and result.top.id == row["expected_id"])
             for row, result in outcomes
             if row["expected_kind"] == "settlement" and row["evidence"] == "none"]
    tally = _accuracy(pairs)
    print("\n" + _report("top-1 of towns and unique names", tally))
    assert all(hits / n >= 0.9 for hits, n in tally.values()), tally


def test_axes_are_recognised_and_named(outcomes):
    pairs = [(row, result.kind == "axis" and result.top.id == row["expected_id"])
             for row, result in outcomes if row["expected_kind"] == "axis"]
    tally = _accuracy(pairs)
    print("\n" + _report("axes", tally))
    assert all(hits / n >= 0.9 for hits, n in tally.values()), tally


def test_bare_homonyms_are_reported_unsettled(outcomes):
    pairs = [(row, result.ambiguous and len(result.candidates) > 1)
             for row, result in outcomes if row["expected_kind"] == "ambiguous"]
    tally = _accuracy(pairs)
    assert all(hits == n for hits, n in tally.values()), tally


def test_settled_answers_are_rarely_wrong(outcomes):
    """When the resolver says it is sure (not ambiguous), it should be right."""
    sure = [(row, result) for row, result in outcomes
            if row["expected_kind"] == "settlement" and not result.ambiguous and result.top]
    wrong = [row["mention"] for row, result in sure if result.top.id != row["expected_id"]]
    assert len(wrong) <= 0.02 * len(sure), wrong
