"""``resolve(mention, context)``: ranked settlements for a mention, each with score and reason.

Two questions, answered apart. *Does the text spell this place?* gives each candidate a match
quality (exact name, other spelling, case form, adjective of an axis, dictionary lemma,
near-miss). *Which of the places so spelt is meant?* is a softmax over log-evidence: a prior
(towns are named more than villages), the oblast and raion the text or the caller gives,
distance to a given point, to other places named in the same text, and to the occupied area
on the claim's date. The score is quality × posterior share, so forty equally likely
Novoselivkas each score low and the result says the evidence does not settle it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import product

import numpy as np

from frontcheck.places.index import KIND_CODES, PlaceIndex
from frontcheck.places.inflection import adjective_bases, lemma_candidates, stem_candidates
from frontcheck.places.mention import MentionReading, Span, read_mention
from frontcheck.places.names import is_cyrillic, skeleton
from frontcheck.places.regions import match_oblast

__all__ = ["ResolveContext", "Candidate", "Resolution", "resolve", "AMBIGUOUS_SHARE"]

#: Below this posterior share the best candidate is not trusted to be the one meant.
AMBIGUOUS_SHARE = 0.6
_QUALITY = {"exact": 1.0, "spelling": 0.96, "variant": 0.94, "inflection": 0.92,
            "inflection-changed": 0.89, "lemma": 0.9, "adjective": 0.85, "axis": 0.97,
            "axis-adjective": 0.93, "fuzzy": 0.75}
# GeoNames alternates include old names long out of use (Myrnohrad's "Novoekonomicheskoe");
# a current official name of one place must beat another place's alternate.
_KIND_WEIGHT = tuple({"alt": 0.8, "derived": 0.93}.get(kind, 1.0) for kind in KIND_CODES)
_KIND_LABEL = {"uk": "Ukrainian name", "ru": "Russian name", "en": "English name",
               "geonames": "GeoNames name", "alt": "alternate or former name",
               "alias": "alias from place_aliases.csv",
               "derived": "name with the other language's suffix"}
_HOW_LABEL = {"exact": "exact", "spelling": "other spelling of", "variant": "variant of",
              "inflection": "case form of", "inflection-changed": "case form of",
              "lemma": "dictionary form of",
              "axis": "axis named after", "axis-adjective": "axis named after",
              "fuzzy": "near-miss for"}
_QUALITY_WEIGHT = 15.0      # log-quality → logit: a case form costs ~1.2, a near-miss ~4
_OUTSIDE_OBLAST = 10.0      # outweighs a 10,000-fold population difference
_OUTSIDE_RAION = 4.0
_NEAR_POINT_KM = 15.0       # each this many km from the given point costs one e-fold
_NAMED_NEARBY_KM = 10.0     # places named together are mostly within 5-20 km
_AXIS_NEARBY_KM = 20.0      # an axis reaches 30-50 km around its town
_NEARBY_CAP_KM = 100.0
_AXIS_CAP_KM = 150.0
_FRONT_KM = 30.0
_FRONT_CAP_KM = 150.0
_FUZZY_CUTOFF = 84.0
_EARTH_RADIUS_KM = 6371.0088

FrontDistance = Callable[[np.ndarray, np.ndarray], np.ndarray] | np.ndarray


@dataclass(frozen=True, slots=True)
class ResolveContext:
    """What besides the mention says where it is.

    ``oblast``/``raion``: any name form ("Donetsk", "Донецька"). ``near``: (lon, lat).
    ``text``: the surrounding report; the oblasts, raions and places it names count.
    ``front_distance_km``: km from each place to the occupied area on ``on``, as a function
    of (lons, lats) arrays or as an array aligned with ``PlaceIndex.ids[has_point]``.
    """

    oblast: str | None = None
    raion: str | None = None
    near: tuple[float, float] | None = None
    text: str = ""
    on: date | None = None
    front_distance_km: FrontDistance | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a mention may mean: ``position`` in the index, score in [0, 1]."""

    position: int
    id: str
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """Ranked candidates, best first. ``kind``: ``settlement``, ``axis`` (a direction named
    after the place, not a claim about it) or ``none``; ``ambiguous`` when the evidence does
    not settle which candidate is meant."""

    mention: str
    kind: str
    candidates: tuple[Candidate, ...]
    reason: str
    ambiguous: bool
    matched: str

    @property
    def top(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


Matches = dict[int, tuple[float, int, str]]  # position → (quality, form, how)


def _take(index: PlaceIndex, found: Matches, forms: tuple[int, ...] | None, how: str,
          key: str = "") -> None:
    if not forms:
        return
    for form in forms:
        kind = how
        if how == "inflection" and not key.startswith(index.form_key[form]):
            # "у Покровську" is Покровськ plus an ending; Покровське would have to lose its е
            kind = "inflection-changed"
        weighted = _QUALITY[kind] * _KIND_WEIGHT[index.form_kind[form]]
        position = index.form_place[form]
        current = found.get(position)
        if current is None or weighted > current[0]:
            found[position] = (weighted, form, kind)


def _match_span(index: PlaceIndex, span: Span) -> Matches:
    """Places whose names the span's words can be, with how well each matches."""
    found: Matches = {}
    key = span.key
    _take(index, found, index.exact.get(key), "exact")
    _take(index, found, index.spelled.get(skeleton(key)), "spelling")
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


def _match_fuzzy(index: PlaceIndex, span: Span) -> Matches:
    from rapidfuzz import fuzz, process  # only for mentions nothing else matched

    found: Matches = {}
    stem = "".join(stem_candidates(word)[0] for word in span.words)
    if len(stem) < 5:
        return found
    best = process.extract(stem, index.fuzzy_keys.get(stem[0], ()), scorer=fuzz.ratio,
                           score_cutoff=_FUZZY_CUTOFF, limit=5)
    for key, similarity, _ in best:
        before = dict(found)
        _take(index, found, index.stemmed[key], "fuzzy")
        for position, (quality, form, how) in found.items():
            if before.get(position) != (quality, form, how):
                found[position] = (quality * similarity / 100.0, form, how)
    return found


def _distance_km(lon: np.ndarray, lat: np.ndarray, lon0: np.ndarray,
                 lat0: np.ndarray) -> np.ndarray:
    """Great-circle distance (haversine), km; NaN coordinates give NaN."""
    lon, lat, lon0, lat0 = map(np.radians, (lon, lat, lon0, lat0))
    a = (np.sin((lat0 - lat) / 2) ** 2
         + np.cos(lat) * np.cos(lat0) * np.sin((lon0 - lon) / 2) ** 2)
    return 2 * _EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _raion_stems(index: PlaceIndex, names: tuple[str, ...]) -> set[str]:
    wanted: set[str] = set()
    for name in names:
        for word in name.split():
            wanted.update(s for s in stem_candidates(word) if s in index.known_raions)
    return wanted


def _best_quality(matches: Matches) -> float:
    return max(quality for quality, _, _ in matches.values())


def _choose_spans(index: PlaceIndex, reading: MentionReading
                  ) -> list[tuple[Span, Matches]]:
    """Matched spans, best first, none overlapping: the first is the mention, the rest are
    other places the text names. Settlements before axes, longer spans when as good."""
    matched = [(span, m) for span in reading.spans if (m := _match_span(index, span))]
    if not matched:
        for span in reading.spans[:4]:
            if m := _match_fuzzy(index, span):
                matched.append((span, m))
                break
    matched.sort(key=lambda sm: (sm[0].axis,
                                 -(_best_quality(sm[1]) + 0.1 * (len(sm[0].words) - 1)),
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


def _nearest(index: PlaceIndex, positions: np.ndarray, others: Matches
             ) -> tuple[np.ndarray, np.ndarray]:
    """Distance from each candidate to the nearest well-matched place of another span, and
    which one that is."""
    best = max(quality for quality, _, _ in others.values())
    targets = np.array([p for p, (q, _, _) in others.items() if q >= best - 0.05])
    targets = targets[np.argsort(-index.prior[targets], kind="stable")[:40]]
    distances = _distance_km(index.lon[positions][:, None], index.lat[positions][:, None],
                             index.lon[targets][None, :], index.lat[targets][None, :])
    distances = np.where(np.isnan(distances), np.inf, distances)
    return distances.min(axis=1), targets[distances.argmin(axis=1)]


def _front_km(index: PlaceIndex, positions: np.ndarray, front: FrontDistance) -> np.ndarray:
    if callable(front):
        return np.asarray(front(index.lon[positions], index.lat[positions]), dtype=float)
    rows = index.point_order[positions]
    values = np.asarray(front, dtype=float)
    return np.where(rows >= 0, values[np.clip(rows, 0, None)], np.nan)


def _none(mention: str, reason: str) -> Resolution:
    return Resolution(mention=mention, kind="none", candidates=(), reason=reason,
                      ambiguous=False, matched="")


def resolve(mention: str, context: ResolveContext | None = None, *, index: PlaceIndex,
            limit: int = 10) -> Resolution:
    """The places ``mention`` may name, best first, with score and reason; never raises on
    odd input (empty, absurd, mixed scripts, very long): it gives no candidates and says why.

    Examples
    --------
    >>> from frontcheck.places.gazetteer import REQUIRED_COLUMNS, parse_gazetteer
    >>> from frontcheck.places.index import build_index
    >>> rows = ["gn:1,UA,Pokrovsk,Покровськ,Покровск,Pokrovsk,Krasnoarmeysk,48.28,37.18,g",
    ...         "gn:2,UA,Pokrovske,Покровське,,Pokrovske,,47.98,36.23,g"]
    >>> csv_text = "\\n".join([",".join(REQUIRED_COLUMNS)] + [r + "," * 9 for r in rows])
    >>> index = build_index(parse_gazetteer(csv_text.encode(), "g.csv"))
    >>> result = resolve("под Красноармейском", index=index)
    >>> result.kind, result.top.id, result.top.reason
    ('settlement', 'gn:1', "case form of 'Krasnoarmeysk' (alternate or former name)")
    >>> resolve("на Покровском направлении", index=index).kind
    'axis'
    >>> resolve("", index=index).reason
    'empty mention'
    """
    context = context or ResolveContext()
    reading = read_mention(mention if isinstance(mention, str) else "")
    if reading.problem:
        return _none(mention, reading.problem)
    chosen = _choose_spans(index, reading)
    if not chosen:
        return _none(mention, "no place of that name in the gazetteer")
    span, matches = chosen[0]
    context_spans: list[tuple[Span, Matches]] = chosen[1:]
    oblasts = set(reading.oblasts)
    raion_names = reading.raions + ((context.raion,) if context.raion else ())
    if context.text:
        around = read_mention(context.text[:4000])
        oblasts.update(around.oblasts)
        raion_names += around.raions
        context_spans += [(s, m) for s, m in _choose_spans(index, around)
                          if s.key != span.key]
    if context.oblast:
        explicit = match_oblast(context.oblast)
        oblasts = {explicit} if explicit else oblasts
    return _rank(index, mention, span, matches, oblasts, _raion_stems(index, raion_names),
                 context_spans, context, limit)


def _rank(index: PlaceIndex, mention: str, span: Span, matches: Matches, oblasts: set[str],
          raions: set[str], context_spans: list[tuple[Span, Matches]],
          context: ResolveContext, limit: int) -> Resolution:
    positions = np.fromiter(matches.keys(), dtype=np.int64, count=len(matches))
    quality = np.fromiter((m[0] for m in matches.values()), dtype=float, count=len(matches))
    logit = _QUALITY_WEIGHT * np.log(quality) + index.prior[positions]
    notes: list[list[str]] = [[] for _ in positions]
    if oblasts:
        inside = np.array([index.oblast[p] in oblasts for p in positions])
        logit -= _OUTSIDE_OBLAST * ~inside
        named = " or ".join(sorted(oblasts))
        for i, ok in enumerate(inside):
            notes[i].append(f"in {named}" if ok else f"not in {named}")
    if raions:
        inside = np.array([index.raion_stems[p] in raions for p in positions])
        if inside.any():
            logit -= _OUTSIDE_RAION * ~inside
            for i in np.flatnonzero(inside):
                notes[i].append(f"in {index.raion[positions[i]]}")
    if context.near is not None:
        lon0, lat0 = context.near
        km = _distance_km(index.lon[positions], index.lat[positions], np.float64(lon0),
                          np.float64(lat0))
        km = np.where(np.isnan(km), _NEARBY_CAP_KM, km)
        logit -= np.minimum(km, _NEARBY_CAP_KM) / _NEAR_POINT_KM
        for i, d in enumerate(km):
            notes[i].append(f"{d:.0f} km from the given point")
    for other, other_matches in context_spans[:6]:
        km, nearest = _nearest(index, positions, other_matches)
        if other.axis:
            logit -= np.minimum(km, _AXIS_CAP_KM) / _AXIS_NEARBY_KM
        else:
            logit -= np.minimum(km, _NEARBY_CAP_KM) / _NAMED_NEARBY_KM
        what = "axis" if other.axis else "also named"
        for i, d in enumerate(km):
            if d < 50:
                notes[i].append(f"{d:.0f} km from {index.name_en[nearest[i]]} ({what})")
    if context.front_distance_km is not None:
        km = _front_km(index, positions, context.front_distance_km)
        km = np.where(np.isnan(km), _FRONT_CAP_KM, km)
        logit -= np.minimum(km, _FRONT_CAP_KM) / _FRONT_KM
        when = f" on {context.on.isoformat()}" if context.on else ""
        for i, d in enumerate(km):
            notes[i].append(f"{d:.0f} km from the occupied area{when}")
    share = np.exp(logit - logit.max())
    share /= share.sum()
    score = share * quality
    order = sorted(range(len(positions)), key=lambda i: (-score[i], index.ids[positions[i]]))
    candidates = []
    for i in order[:limit]:
        _, form, how = matches[int(positions[i])]
        kind = next(k for k, c in KIND_CODES.items() if c == index.form_kind[form])
        if how == "exact":
            first = f"exact {_KIND_LABEL[kind]} '{index.form_name[form]}'"
        else:
            first = f"{_HOW_LABEL[how]} '{index.form_name[form]}' ({_KIND_LABEL[kind]})"
        candidates.append(Candidate(position=int(positions[i]), id=index.ids[positions[i]],
                                    score=round(float(score[i]), 4),
                                    reason="; ".join([first, *notes[i]])))
    top_share = float(share[order[0]])
    ambiguous = top_share < AMBIGUOUS_SHARE
    axis = span.axis
    kind = "axis" if axis else "settlement"
    best = index.name_en[positions[order[0]]]
    if ambiguous:
        reason = (f"{len(positions)} places could be meant and the evidence does not settle "
                  f"it (best {best}, share {top_share:.0%}); name the oblast or a nearby place")
    elif axis:
        reason = f"an axis named after {best}, not a claim about the settlement itself"
    else:
        reason = f"{best} (share {top_share:.0%} among {len(positions)} candidates)"
    return Resolution(mention=mention, kind=kind, candidates=tuple(candidates), reason=reason,
                      ambiguous=ambiguous, matched=span.key)
