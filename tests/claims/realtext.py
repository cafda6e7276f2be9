"""Claim-level scoring on the real-text corpus (``tests/data/realtext/``, issue 10).

A territorial claim is right when its actor, its action's group, its place and its negation
are all right (``tests/data/realtext/README.md``). Claims of one item are paired greedily;
an unpaired gold claim is a miss, an unpaired extracted one a false alarm. A gold place the
gazetteer lacks (``place_not_in_gazetteer``) is matched by an extracted claim whose place
stayed unresolved. Items in a language frontcheck does not read are right when the language
is told as unsupported and nothing is extracted.

Used by ``tests/claims/test_realtext.py`` and ``bench/bench_realtext.py``; the blind part is
only ever reported in totals.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from tests.claims.scoring import Tally

REALTEXT = Path(__file__).resolve().parents[1] / "data" / "realtext"
SUPPORTED = ("en", "ru", "uk")
ACTION_GROUP = {"captured": "gain", "recaptured": "gain", "liberated": "gain",
                "advanced": "partial", "fighting_in": "fighting", "repelled": "repelled",
                "withdrew": "withdrew"}


def load(part: str) -> list[dict]:
    """The items of ``part`` ("dev" or "blind"), every language."""
    folder = REALTEXT / "blind" if part == "blind" else REALTEXT
    items = []
    for path in sorted(folder.glob(f"claims_real_*_{part}.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.append(json.loads(line))
    return items


def published(item: dict) -> datetime | date:
    value = item["published_at"]
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def _gold_key(claim: dict, place_ids) -> tuple:
    place = claim.get("place") or ""
    if claim.get("place_not_in_gazetteer"):
        where = ("unresolved",)
    elif place.startswith("region:"):
        where = ("region", place.removeprefix("region:"))
    else:
        where = ("ids", frozenset(place_ids(place)))
    return (claim.get("actor") or "", ACTION_GROUP.get(claim.get("action"), "?"), where,
            bool(claim.get("negated")))


def _matches(gold: tuple, claim) -> bool:
    actor, group, where, negated = gold
    place = claim.place
    if place is None:
        return False
    if where[0] == "unresolved":
        place_right = place.id is None and not (place.oblast and not place.mention)
    elif where[0] == "region":
        place_right = place.id is None and place.oblast == where[1]
    else:
        place_right = place.id is not None and place.id in where[1]
    return (place_right and claim.actor == actor and claim.negated == negated
            and ACTION_GROUP.get(claim.action) == group)


def score(items: list[dict], extracted: dict[str, list], place_ids,
          unsupported: dict[str, bool] | None = None) -> dict[str, Tally]:
    """Tallies keyed by "all", each language and each difficulty kind ("kind:list")."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for item in items:
        got = [c for c in extracted[item["id"]] if c.type == "territorial"]
        keys = ["all", item["lang"], *(f"kind:{k}" for k in item.get("kinds") or ["plain"])]
        if item["lang"] not in SUPPORTED:
            right = not got and (unsupported or {}).get(item["id"], False)
            for key in ("language", "all"):
                t = tallies[key]
                t.tp += right
                t.fn += not right
                t.fp += len(got)
            if not right:
                tallies["language"].errors.append((item["id"], "NOT TOLD", None, len(got)))
            continue
        gold = [_gold_key(c, place_ids) for c in item["claims"] if c.get("type") == "territorial"]
        used: set[int] = set()
        for g in gold:
            hit = next((i for i, c in enumerate(got) if i not in used and _matches(g, c)), None)
            for key in keys:
                if hit is None:
                    tallies[key].fn += 1
                else:
                    tallies[key].tp += 1
            if hit is None:
                tallies["all"].errors.append((item["id"], "MISSED", g, None))
            else:
                used.add(hit)
        for i, c in enumerate(got):
            if i not in used:
                for key in keys:
                    tallies[key].fp += 1
                tallies["all"].errors.append((item["id"], "EXTRA", None, c))
    return dict(tallies)


def summary(tallies: dict[str, Tally]) -> dict[str, dict]:
    """Totals only: F1, precision, recall and counts per key (what the blind part may show)."""
    return {key: {"f1": round(t.f1, 3), "precision": round(t.precision, 3),
                  "recall": round(t.recall, 3), "tp": t.tp, "fp": t.fp, "fn": t.fn}
            for key, t in sorted(tallies.items())}


def front_lines(daily_dir: Path):
    """date → the ``FrontLine`` of the shipped DeepState file of that date (the latest on or
    before it), read once per file; before the first file, the first one for up to
    ``EARLY_FRONT_DAYS`` (as ``app.places.front_line_on``), else None. The corpus quotes were
    published between 2022 and 2026; the shipped files begin in July 2024."""
    from bisect import bisect_right

    from frontcheck.app.places import EARLY_FRONT_DAYS
    from frontcheck.claims.resolver import front_line_of
    from frontcheck.control.formats import ReadOptions
    from frontcheck.control.formats.shipped import read_shipped
    from frontcheck.control.projection import to_equal_area

    files = sorted(daily_dir.glob("deepstatemap_data_*.geojson"))
    days = [date.fromisoformat(f"{p.stem[-8:-4]}-{p.stem[-4:-2]}-{p.stem[-2:]}") for p in files]

    @functools.cache
    def of_file(i: int):
        snapshot = read_shipped(files[i].read_bytes(), files[i].name, ReadOptions())
        occupied = next(layer.geometry for layer in snapshot.layers if layer.name == "occupied")
        return front_line_of(to_equal_area(occupied), days[i].isoformat())

    def on(when: date | datetime):
        day = when.date() if isinstance(when, datetime) else when
        i = bisect_right(days, day) - 1
        if i < 0 and (days[0] - day).days <= EARLY_FRONT_DAYS:
            i = 0
        return of_file(i) if i >= 0 else None
    return on
