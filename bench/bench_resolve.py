"""Place resolution: mentions resolved per second after load, against a rapidfuzz scan.

Input (seeded, built before timing): mentions made from random gazetteer places the way
reports write them: a Ukrainian, Russian or English name form (or a GeoNames alternate),
often in a case form after a preposition ("у Новоселівці", "под Покровском", "near
Kupiansk"). Two workloads:

- ``stream``: a report stream, in which a few names recur often and most rarely (mentions
  drawn from the distinct pool with Zipf weights, s = 1.1), as in a feed of bulletins;
- ``distinct``: every mention different: the worst case, nothing learnt from repeats.

Before each timed run the resolver's memos are put back as they are right after load.

Baseline: what a user would write without frontcheck: ``rapidfuzz.process.extractOne`` of the
normalised mention over every distinct normalised name in the gazetteer (WRatio), then the
most populous place with the name found. It is timed on the first mentions of the distinct
pool, and ours on the same mentions with cold caches, for the speed-up.

Answers are checked first: on the baseline's mentions ours must pick the place a mention was
made from at least as often as the baseline does.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable

from bench.common import best_of, gazetteer_csv, gazetteer_subset, goal, write_results

JOB = "resolve"
SIZES = {
    "full": {"distinct": 20_000, "stream": 200_000, "baseline": 200, "repeats": 3,
             "subset": None},
    "tiny": {"distinct": 300, "stream": 3_000, "baseline": 20, "repeats": 2,
             "subset": 3_000},
}
_PREPOSITIONS = {"uk": ("у ", "біля ", "під ", "з ", "поблизу "),
                 "ru": ("в ", "у ", "под ", "из ", "в районе "),
                 "en": ("near ", "in ", "outside ", "")}


def _case_form(name: str, language: str, rng: random.Random) -> str:
    """The name in the case its preposition takes, for the common endings."""
    preposition = rng.choice(_PREPOSITIONS[language])
    if language == "en" or " " in name:
        return preposition + name
    if name.endswith("ка"):
        endings = {"у ": "ці" if language == "uk" else "ке", "в ": "ке", "біля ": "ки",
                   "под ": "кой", "під ": "кою", "з ": "ки", "из ": "ки", "поблизу ": "ки",
                   "в районе ": "ки"}
        return preposition + name[:-2] + endings[preposition]
    if name.endswith(("ськ", "ск", "ар", "ад")):
        endings = {"у ": "у" if language == "uk" else "а", "в ": "е", "біля ": "а",
                   "под ": "ом", "під ": "ом", "з ": "а", "из ": "а", "поблизу ": "а",
                   "в районе ": "а"}
        return preposition + name + endings[preposition]
    return preposition + name


def _mentions(places, count: int, rng: random.Random) -> tuple[list[str], list[int]]:
    """Distinct mentions and, for each, the position of the place it was made from."""
    seen: set[str] = set()
    mentions: list[str] = []
    sources: list[int] = []
    while len(mentions) < count:
        position = rng.randrange(len(places))
        place = places[position]
        forms = [(f, lang) for f, lang in ((place.name_uk, "uk"), (place.name_ru, "ru"),
                                          (place.name_en, "en")) if f]
        forms += [(a, "en") for a in place.alt_names[:3] if a.isascii()]
        name, language = rng.choice(forms)
        mention = name if rng.random() < 0.3 else _case_form(name, language, rng)
        if mention not in seen:
            seen.add(mention)
            mentions.append(mention)
            sources.append(position)
    return mentions, sources


def _as_after_load(index, places) -> None:
    """Put the resolver's memos back as they are right after the index is built: emptied,
    then holding only the gazetteer's own names (which building the index normalises), so
    a timed run starts as a fresh process would, with nothing remembered of any mention."""
    from frontcheck.places import inflection, mention, names
    from frontcheck.places.gazetteer import name_forms

    index.memo.clear()
    for function in (mention.read_mention, mention._token_words, names.normalise_name,
                     names.skeleton, names.word_stem, names.name_stem,
                     inflection.stem_candidates, inflection.adjective_bases):
        function.cache_clear()
    for place in places:
        for key, _, _ in name_forms(place):
            names.skeleton(key)
            names.name_stem(key)
    gc.collect()
    gc.freeze()  # as app.place_lookup.place_index does once the index is built


def _naive(index, keys: list[str]) -> Callable[[str], int | None]:
    """The baseline: a rapidfuzz scan over every distinct name, then the most populous
    place that has the name found."""
    from rapidfuzz import fuzz, process

    from frontcheck.places.names import normalise_name

    def resolve_naive(mention: str) -> int | None:
        found = process.extractOne(normalise_name(mention), keys, scorer=fuzz.WRatio,
                                   processor=None)
        if found is None:
            return None
        places = {index.form_place[f] for f in index.exact[found[0]]}
        return max(places, key=lambda p: (index.prior_list[p], -p))

    return resolve_naive


def run(scale: str = "full") -> dict:
    """Time resolution on the same mentions for ours and the baseline; write the results."""
    import tempfile
    from pathlib import Path

    from frontcheck.app.place_lookup import shipped_aliases
    from frontcheck.places.gazetteer import parse_gazetteer
    from frontcheck.places.index import build_index
    from frontcheck.places.names import normalise_name
    from frontcheck.places.resolve import resolve

    size = SIZES[scale]
    source = gazetteer_csv()
    with tempfile.TemporaryDirectory() as folder:
        if size["subset"]:
            path = Path(folder) / "subset.csv"
            gazetteer_subset(source, path, (36.0, 39.0), (47.0, 49.5), size["subset"])
        else:
            path = source
        places = parse_gazetteer(path.read_bytes(), str(path))
    index = build_index(places, shipped_aliases())
    by_id = sorted(places, key=lambda p: p.id)  # the index's order
    rng = random.Random(0)
    distinct, sources = _mentions(by_id, size["distinct"], rng)
    ranks = [1.0 / (r + 1) ** 1.1 for r in range(len(distinct))]
    stream = rng.choices(distinct, weights=ranks, k=size["stream"])
    sample = distinct[:size["baseline"]]
    keys = sorted(index.exact)
    naive = _naive(index, keys)

    # Same answer first. On the baseline's mentions, both are scored against the place each
    # mention was made from (a bare homonym cannot always be told apart, by either); ours
    # must be right at least as often, and where both are right they agree by definition.
    def top_position(mention: str) -> int | None:
        top = resolve(mention, index=index).top
        return None if top is None else top.position

    ours_right = sum(top_position(m) == s for m, s in zip(sample, sources))
    naive_right = sum(naive(m) == s for m, s in zip(sample, sources))
    plain = [m for m in sample if normalise_name(m) in index.exact]
    agree = sum(top_position(m) == naive(m) for m in plain)
    found = sum(top_position(m) == s for m, s in zip(distinct, sources))

    def resolve_all(mentions: list[str]) -> Callable[[object], int]:
        return lambda _: sum(resolve(m, index=index).top is not None for m in mentions)

    repeats = size["repeats"]
    def fresh() -> None:
        _as_after_load(index, places)

    stream_timing = best_of(resolve_all(stream), repeats, setup=fresh)
    distinct_timing = best_of(resolve_all(distinct), repeats, setup=fresh)
    sample_timing = best_of(resolve_all(sample), repeats, setup=fresh)
    naive_timing = best_of(lambda: [naive(m) for m in sample], max(1, repeats - 1))

    stream_rate = len(stream) / stream_timing.best
    distinct_rate = len(distinct) / distinct_timing.best
    speedup = naive_timing.best / sample_timing.best
    result = {
        "job": JOB, "scale": scale,
        "input": {"places": len(index), "name_forms": len(index.form_name),
                  "distinct_names_scanned_by_baseline": len(keys),
                  "distinct_mentions": len(distinct), "stream_mentions": len(stream),
                  "stream_distinct": len(set(stream)), "baseline_mentions": len(sample),
                  "seed": 0, "zipf_s": 1.1},
        "timings": {
            "ours_stream": stream_timing.as_dict("resolve() over the stream, memos as "
                                                 "right after load"),
            "ours_distinct": distinct_timing.as_dict("resolve() over all distinct mentions, "
                                                     "memos as right after load"),
            "ours_baseline_sample": sample_timing.as_dict("resolve() over the baseline's "
                                                          "mentions, memos as after load"),
            "naive_rapidfuzz_scan": naive_timing.as_dict("rapidfuzz extractOne over every "
                                                         "distinct name, per mention"),
        },
        "rates_per_s": {"stream": round(stream_rate), "distinct": round(distinct_rate),
                        "naive": round(len(sample) / naive_timing.best, 1)},
        "ratios": {"speedup_vs_rapidfuzz_scan": speedup},
        "checks": {"right_at_least_as_often_as_baseline": ours_right >= naive_right},
        "agreement": {"baseline_mentions_right_ours": ours_right,
                      "baseline_mentions_right_naive": naive_right,
                      "bare_names": len(plain), "bare_names_same_place": agree,
                      "top1_is_source_place_all_distinct": round(found / len(distinct), 4),
                      "note": "bare homonyms (no oblast, no neighbour) cannot all be told "
                              "apart: the source place is one of several equal candidates"},
        "goals": {
            "resolutions_per_s": goal(stream_rate, ">=", 50_000, "/s",
                                      workload="stream"),
            "resolutions_per_s_distinct": goal(distinct_rate, ">=", 50_000, "/s",
                                               workload="all mentions distinct"),
            "speedup_vs_rapidfuzz_scan": goal(speedup, ">=", 10, "x"),
        },
    }
    return write_results(result)
