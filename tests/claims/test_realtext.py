"""Claim extraction on real text (issue 10): the corpus, its blind part, and the floors.

The corpus (``tests/data/realtext/``, README there) holds short quotations from real public
pages, each with its URL and date, labelled by helpers who never read the extractor. The
development part is printed in detail; the blind part only in totals, so that nobody tuning
the rules sees its texts or failures. The floors are today's figures less a margin: they
catch a change that costs accuracy on real text, and rise as the extractor improves. The
issue's goals (0.85 overall, 0.80 per language on the blind part) are not met yet; the
README says so, and ``bench/bench_realtext.py`` records the figures.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

import pytest
from typer.testing import CliRunner

from frontcheck.claims.extract import extract_claims, reading_language
from frontcheck.claims.resolver import index_resolver
from frontcheck.cli.main import app
from frontcheck.sources.language import supported
from tests.claims import realtext

KINDS = {"framing", "action", "actor", "not_place", "list", "names", "language", "plain"}
#: Today's claim-level F1 less about 0.03. Dev, after the fifth pass: 0.746 overall, en 0.760,
#: ru 0.679, uk 0.770; after the sixth, on the same 339 items: 0.820, en 0.791, ru 0.757, uk
#: 0.877; with the 116 fresh F items added (model retrained): 0.735, en 0.689, ru 0.702, uk
#: 0.789. Blind, after the fourth pass: 0.551 overall, en 0.508, ru 0.596, uk 0.527; after
#: the fifth: 0.549; after the sixth: 0.539; retrained with the F items: 0.550, en 0.502,
#: ru 0.622, uk 0.506; after the seventh (explicit subjects): 0.546, en 0.489, ru 0.624,
#: uk 0.506 (dev 0.745, en 0.698, ru 0.722, uk 0.793).
#: The eighth session added 207 fresh dev items (-G, -H, -J: on them the code of the session's
#: start scored 0.557 on G+H, 0.602 on J) and 115 blind ones (-I and a tenth of -J, labelled by
#: helpers who never read the code). After the eighth pass, dev 0.699, en 0.673, ru 0.697,
#: uk 0.706; blind 0.602, en 0.533, ru 0.634, uk 0.618 (before it: 0.576) — on the original
#: 336 blind items 0.546 → 0.578, on the new 115 0.653 → 0.667. After the ninth pass (names
#: swallowed by claimant patterns, Russian case forms, wider front choice, no-claim sentences):
#: dev 0.718, en 0.691, ru 0.717, uk 0.726; blind 0.606, en 0.532, ru 0.637, uk 0.627.
DEV_FLOORS = {"all": 0.70, "en": 0.67, "ru": 0.70, "uk": 0.71}
BLIND_FLOORS = {"all": 0.59, "en": 0.52, "ru": 0.62, "uk": 0.61}


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[dict]]:
    return {part: realtext.load(part) for part in ("dev", "blind")}


@pytest.fixture(scope="module")
def front_on(daily_dir):
    """date → the front line of the shipped DeepState file of that date."""
    return realtext.front_lines(daily_dir)


def _extract(items, place_index, front_on):
    resolve = index_resolver(place_index)
    extracted = {i["id"]: extract_claims(i["text"], published_at=realtext.published(i),
                                         resolve_place=resolve,
                                         claimant_default=i.get("claimant_default", ""),
                                         front=front_on(realtext.published(i)))
                 for i in items}
    unsupported = {i["id"]: not supported(reading_language(i["text"])) for i in items}
    return extracted, unsupported


def test_corpus_is_real_cited_and_large_enough(corpus) -> None:
    items = corpus["dev"] + corpus["blind"]
    assert len(items) >= 600
    for lang in realtext.SUPPORTED:
        assert sum(i["lang"] == lang for i in items) >= 150, lang
    assert len(corpus["blind"]) >= 0.4 * len(items)
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert item["url"].startswith(("http://", "https://")), item["id"]
        when = item["published_at"]
        (datetime.fromisoformat(when) if "T" in when else date.fromisoformat(when))
        assert set(item["kinds"]) <= KINDS, item["id"]
        assert item["text"].strip()
    other = [i for i in items if i["lang"] not in realtext.SUPPORTED]
    assert len(other) >= 10 and all(not i["claims"] for i in other)


def test_gold_places_exist_in_the_gazetteer(corpus, place_ids) -> None:
    missing = [(i["id"], c["place"]) for part in corpus.values() for i in part
               for c in i["claims"] if c.get("place") and not c.get("place_not_in_gazetteer")
               and not c["place"].startswith("region:") and not place_ids(c["place"])]
    assert missing == []


def test_scorer_gives_one_for_gold_shaped_claims(corpus, place_ids) -> None:
    """The scorer on known answers: gold turned into claims scores 1, nothing scores 0."""
    from frontcheck.claims.model import Claim, PlaceRef

    def as_claim(gold: dict) -> Claim:
        place = gold["place"]
        if gold.get("place_not_in_gazetteer"):
            ref = PlaceRef(mention=place)
        elif place.startswith("region:"):
            ref = PlaceRef(mention=place, oblast=place.removeprefix("region:"))
        else:
            ref = PlaceRef(mention=place, id=sorted(place_ids(place))[0])
        return Claim(id="g", type="territorial", actor=gold["actor"], action=gold["action"],
                     place=ref, negated=gold["negated"])

    items = [i for i in corpus["dev"] if i["lang"] in realtext.SUPPORTED]
    gold = {i["id"]: [as_claim(c) for c in i["claims"]] for i in items}
    assert realtext.score(items, gold, place_ids)["all"].f1 == 1.0
    empty = realtext.score(items, {i["id"]: [] for i in items}, place_ids)["all"]
    assert empty.tp == 0 and empty.fn > 0


def test_development_part_f1(corpus, place_index, place_ids, front_on) -> None:
    items = corpus["dev"]
    extracted, unsupported = _extract(items, place_index, front_on)
    summary = realtext.summary(realtext.score(items, extracted, place_ids, unsupported))
    for key, value in summary.items():
        print(f"\nreal text, development part: {key}: {value}", end="")
    below = {k: summary[k]["f1"] for k, floor in DEV_FLOORS.items() if summary[k]["f1"] < floor}
    assert below == {}
    assert summary["language"]["recall"] == 1.0     # every other language told, none read


def test_blind_part_totals(corpus, place_index, place_ids, front_on) -> None:
    """Totals only: no text, no failure of the blind part is ever printed."""
    items = corpus["blind"]
    extracted, unsupported = _extract(items, place_index, front_on)
    summary = realtext.summary(realtext.score(items, extracted, place_ids, unsupported))
    print("\nreal text, blind part (totals):",
          {k: v["f1"] for k, v in summary.items()})
    below = {k: summary[k]["f1"] for k, floor in BLIND_FLOORS.items()
             if summary[k]["f1"] < floor}
    assert below == {}


@pytest.mark.parametrize("text, lang", [
    ("Les forces russes ont pris le village de Pichtchané, a annoncé Moscou mardi.", "fr"),
    ("Руските войски са превзели селото Пищане, съобщи министерството на отбраната.", "bg"),
    ("Die russische Armee hat nach eigenen Angaben das Dorf Pischtschane eingenommen.", "de"),
])
def test_other_languages_are_told_and_not_read(text, lang, tmp_path) -> None:
    assert reading_language(text) == lang and not supported(lang)
    assert extract_claims(text, published_at=date(2025, 3, 1)) == []
    result = CliRunner().invoke(app, ["claims", "extract", "--text", text, "--published-at",
                                      "2025-03-01", "--format", "json", "--db",
                                      str(tmp_path / "s.sqlite"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Language not supported: " + lang in result.stderr
    assert json.loads(result.stdout) == []
    # nothing to resolve: the gazetteer was not loaded into the store to find no place
    with sqlite3.connect(tmp_path / "s.sqlite") as store:
        assert store.execute("select count(*) from place").fetchone() == (0,)
