"""Which places a span of words can spell, and how well: the first half of resolution.

Each way of matching has a quality: the exact name (1.0), another spelling of it (0.96), the
Ukrainian spelling of a Russian form (0.93, ``russian_forms``),
another nominative (Курахово for Курахове, 0.94), a case form (0.92; 0.89 when the name's
own ending had to go, as Покровське's for "у Покровську"), an axis adjective, a pymorphy3
lemma, and a rapidfuzz near-miss for typos. A match on a GeoNames alternate counts less
than one on an official name (``index.KIND_WEIGHT``).
"""

from __future__ import annotations

from itertools import product

from frontcheck.places.index import KIND_CODES, PlaceIndex
from frontcheck.places.inflection import adjective_bases, lemma_candidates, stem_candidates
from frontcheck.places.mention import MentionReading, Span
from frontcheck.places.names import is_cyrillic, skeleton
from frontcheck.places.russian_forms import russian_nominatives, ukrainian_forms

__all__ = ["QUALITY", "Matches", "match_span", "match_fuzzy", "choose_spans", "raion_stems_in"]

QUALITY = {"exact": 1.0, "spelling": 0.96, "variant": 0.94, "inflection": 0.92,
           "russian-form": 0.95,     # above a skeleton variant: Ровнополье is not Ровнополь
           "inflection-changed": 0.89, "lemma": 0.9, "axis": 0.97, "axis-adjective": 0.93,
           "fuzzy": 0.75}
_FUZZY_CUTOFF = 84.0
_DERIVED = KIND_CODES["derived"]
_LONGER_SPAN = 0.15        # per extra word: more than a case form costs against an exact name

Matches = dict[int, tuple[float, int, str]]  # position → (quality, form, how)


def _take(index: PlaceIndex, found: Matches, forms: tuple[int, ...] | None, how: str,
          key: str = "") -> None:
    if not forms:
        return
    quality = QUALITY[how]
    form_place, form_weight, form_key = index.form_place, index.form_weight, index.form_key
    if not found and how != "inflection":  # the first hit: one form per place, no merging
        found.update({form_place[f]: (quality * form_weight[f], f, how) for f in forms})
        return
    changed = QUALITY["inflection-changed"]
    for form in forms:
        kind = how
        weighted = quality * form_weight[form]
        # (a derived sister form has no spelling of its own to compare)
        if how == "inflection" and not key.startswith(form_key[form]) \
                and index.form_kind[form] != _DERIVED:
            # "у Покровську" is Покровськ plus an ending; Покровське would have to lose its е
            kind = "inflection-changed"
            weighted = changed * form_weight[form]
        position = form_place[form]
        current = found.get(position)
        if current is None or weighted > current[0]:
            found[position] = (weighted, form, kind)


def match_span(index: PlaceIndex, span: Span, deep: bool) -> Matches:
    """Places whose names the span's words can be, with how well each matches.

    Without other evidence (``deep`` false) a name spelt exactly is trusted: case-form
    readings are tried only when no name is spelt so. With evidence every reading competes.
    """
    found: Matches = {}
    key = span.key
    _take(index, found, index.exact.get(key), "exact")
    _take(index, found, index.spelled.get(skeleton(key)), "spelling")
    # a Russian form of a Ukrainian name (Ровнополье for Рівнопілля) competes with any place
    # whose own Russian name it is
    for form in ukrainian_forms(key) if is_cyrillic(key) else ():
        _take(index, found, index.exact.get(form) or index.spelled.get(skeleton(form)),
              "russian-form")
    # ...and so does a place whose Russian name is that case form's nominative (a village of
    # Kursk oblast has a Russian name only)
    for form in russian_nominatives(key) if found and is_cyrillic(key) else ():
        _take(index, found, index.exact.get(form), "russian-form")
    if found and not deep and not span.axis:
        return found
    stems = [stem_candidates(word) for word in span.words]
    for combination in product(*stems):
        own = all(stem is options[0] for stem, options in zip(combination, stems))
        how = "variant" if own else "axis" if span.axis else "inflection"
        _take(index, found, index.stemmed.get("".join(combination)), how, key)
    # A bare adjective ("Торское") is a village's name far more often than a town's
    # adjective; only an axis ("на Бахмутском направлении") is named with the adjective.
    adjective = adjective_bases(span.words[-1]) if span.axis else ()
    if adjective:
        head = "".join(options[0] for options in stems[:-1])
        for base in adjective:
            _take(index, found, index.stemmed.get(head + base), "axis-adjective")
    if not found and is_cyrillic(key) and len(span.words) <= 2:
        lemmas = [lemma_candidates(word) or (options[0],)
                  for word, options in zip(span.words, stems)]
        for combination in product(*lemmas):
            _take(index, found, index.stemmed.get("".join(combination)), "lemma")
    return found


def match_fuzzy(index: PlaceIndex, span: Span) -> Matches:
    """Near-misses (typos) for a span nothing else matched: rapidfuzz over the stems that
    start with the same letter, at least 84 % alike."""
    from rapidfuzz import fuzz, process  # only for mentions nothing else matched

    found: Matches = {}
    stem = "".join(stem_candidates(word)[0] for word in span.words)
    if len(stem) < 5:
        return found
    best = process.extract(stem, index.fuzzy_keys.get(stem[0], ()), scorer=fuzz.ratio,
                           score_cutoff=_FUZZY_CUTOFF, limit=5)
    for key, similarity, _ in best:
        close: Matches = {}
        _take(index, close, index.stemmed[key], "fuzzy")
        for position, (quality, form, how) in close.items():
            quality *= similarity / 100.0
            if position not in found or quality > found[position][0]:
                found[position] = (quality, form, how)
    return found


def _best_quality(matches: Matches) -> float:
    return max(quality for quality, _, _ in matches.values())


def choose_spans(index: PlaceIndex, reading: MentionReading, deep: bool
                 ) -> list[tuple[Span, Matches]]:
    """Matched spans, best first, none overlapping: the first is the mention, the rest are
    other places the text names. Settlements before axes, longer spans when as good."""
    deep = deep or len(reading.spans) > 1
    matched = [(span, m) for span in reading.spans if (m := match_span(index, span, deep))]
    if not matched:
        for span in reading.spans[:4]:
            if m := match_fuzzy(index, span):
                matched.append((span, m))
                break
    if len(matched) == 1:
        return matched
    # a name that explains more of the words wins over one inside it: "Великої Новосілки"
    # (a case form, 0.89) is Velyka Novosilka, not the village Novosilky spelt exactly
    matched.sort(key=lambda sm: (sm[0].axis,
                                 -(_best_quality(sm[1]) + _LONGER_SPAN * (len(sm[0].words) - 1)),
                                 sm[0].start))
    chosen: list[tuple[Span, Matches]] = []
    taken: set[int] = set()
    for span, matches in matched:
        cover = set(range(span.start, span.start + len(span.words)))
        if cover & taken:
            continue
        taken |= cover
        chosen.append((span, matches))
    return chosen


def raion_stems_in(index: PlaceIndex, names: tuple[str, ...]) -> set[str]:
    """Stems of the raions the names (in any case form) can be, among the index's raions."""
    wanted: set[str] = set()
    for name in names:
        for word in name.split():
            wanted.update(s for s in stem_candidates(word) if s in index.known_raions)
    return wanted
