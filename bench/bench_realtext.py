"""Claim extraction on real text (issue 10): claim-level F1 on the blind part of the real-text
corpus (``tests/data/realtext/``), overall, per language and per difficulty kind — totals only,
never a text or a failure, so that the part stays blind.

A claim is right when its actor, action group, place and negation are all right
(``tests/claims/realtext.py``). The baseline is the development part, scored the same way in
the same run: ``blind_over_dev`` below 1 is how much the rules are fitted to the text they
were developed on. Goals: F1 >= 0.85 overall and >= 0.80 in each language.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict

from bench.common import ROOT, gazetteer_csv, goal, shared_data, write_results

GOALS = {"all": 0.85, "en": 0.80, "ru": 0.80, "uk": 0.80}


def _place_ids(path):
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names[row["name_en"].lower()].append((row["id"], row["admin1"]))

    def ids(gold: str) -> set[str]:
        name, _, oblast = gold.partition("@")
        return {i for i, o in names.get(name.lower(), []) if not oblast or o == oblast}
    return ids


def run(scale: str = "full") -> dict:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from frontcheck.app.place_lookup import shipped_aliases
    from frontcheck.claims.extract import extract_claims, reading_language
    from frontcheck.claims.resolver import index_resolver
    from frontcheck.places.gazetteer import parse_gazetteer
    from frontcheck.places.index import build_index
    from frontcheck.sources.language import supported
    from tests.claims import realtext

    path = gazetteer_csv()
    resolve = index_resolver(build_index(parse_gazetteer(path.read_bytes(), str(path)),
                                         shipped_aliases()))
    place_ids = _place_ids(path)
    front_on = realtext.front_lines(shared_data() / "deepstate-occupied" / "daily")
    parts = {part: realtext.load(part) for part in ("dev", "blind")}
    if scale == "tiny":
        parts = {part: items[:40] for part, items in parts.items()}
    scores, seconds = {}, {}
    for part, items in parts.items():
        start = time.perf_counter()
        extracted = {i["id"]: extract_claims(i["text"], published_at=realtext.published(i),
                                             resolve_place=resolve,
                                             claimant_default=i.get("claimant_default", ""),
                                             front=front_on(realtext.published(i)))
                     for i in items}
        seconds[part] = time.perf_counter() - start
        unsupported = {i["id"]: not supported(reading_language(i["text"])) for i in items}
        scores[part] = realtext.summary(realtext.score(items, extracted, place_ids, unsupported))
    blind = scores["blind"]
    result = {
        "job": "realtext", "scale": scale,
        "inputs": {part: len(items) for part, items in parts.items()},
        "blind": blind,                       # totals per key: all, en, ru, uk, kind:*, language
        "dev": {k: v for k, v in scores["dev"].items() if not k.startswith("kind:")},
        "seconds": seconds,
        "ratios": {"blind_over_dev_f1": blind["all"]["f1"] / max(scores["dev"]["all"]["f1"], 1e-9)},
        "checks": {"every_blind_item_scored": sum(
            v["tp"] + v["fn"] for k, v in blind.items() if k in ("en", "ru", "uk", "language"))
            >= 1},
        "goals": {f"blind_f1_{k}": goal(blind[k]["f1"], ">=", g)
                  for k, g in GOALS.items() if k in blind},
    }
    return write_results(result)
