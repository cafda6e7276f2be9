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
from dataclasses import dataclass, field
from datetime import date
from math import exp, log
from typing import Any, NamedTuple

import numpy as np

from frontcheck.places.index import KIND_NAMES, PlaceIndex
from frontcheck.places.matching import Matches, choose_spans, raion_stems_in
from frontcheck.places.mention import Span, read_context, read_mention
from frontcheck.places.regions import match_oblast

__all__ = ["ResolveContext", "Candidate", "Resolution", "resolve", "AMBIGUOUS_SHARE"]

#: Below this posterior share the best candidate is not trusted to be the one meant.
AMBIGUOUS_SHARE = 0.6
_KIND_LABEL = {"uk": "Ukrainian name", "ru": "Russian name", "en": "English name",
               "geonames": "GeoNames name", "alt": "alternate or former name",
               "alias": "alias from place_aliases.csv",
               "derived": "name with the other language's suffix"}
_HOW_LABEL = {"exact": "exact", "spelling": "other spelling of", "variant": "variant of",
              "russian-form": "Ukrainian form of the Russian",
              "inflection": "case form of", "inflection-changed": "case form of",
              "lemma": "dictionary form of",
              "axis": "axis named after", "axis-adjective": "axis named after",
              "fuzzy": "near-miss for"}
_QUALITY_WEIGHT = 15.0      # log-quality → logit: a case form costs ~1.2, a near-miss ~4
_OUTSIDE_OBLAST = 12.0      # a named oblast or raion outweighs everything else
_OUTSIDE_RAION = 8.0
_NEAR_POINT_KM = 15.0       # each this many km from the given point costs one e-fold
_NAMED_NEARBY_KM = 10.0     # places named together are mostly within 5-20 km
_AXIS_NEARBY_KM = 20.0      # an axis reaches 30-50 km around its town
_NEARBY_CAP_KM = 100.0
_AXIS_CAP_KM = 150.0
_FRONT_KM = 15.0          # claims are about places at the front: 60 km away costs e^-4
_FRONT_CAP_KM = 150.0
_EARTH_RADIUS_KM = 6371.0088

FrontDistance = Callable[[np.ndarray, np.ndarray], np.ndarray] | np.ndarray


@dataclass(frozen=True, slots=True)
class ResolveContext:
    """What besides the mention says where it is.

    ``oblast``/``raion``: any name form ("Donetsk", "Донецька"). ``near``: (lon, lat).
    ``text``: the surrounding report; the oblasts, raions and places it names count.
    ``front_distance_km``: km from each place to the occupied area on ``on``, as a function
    of (lons, lats) arrays or as an array aligned with ``PlaceIndex.ids[has_point]``.
    ``oblast_prior``: (oblast, log-weight) pairs added to each candidate's prior, for callers
    that know where the places they read about tend to be (war reports: the front's oblasts).
    """

    oblast: str | None = None
    raion: str | None = None
    near: tuple[float, float] | None = None
    text: str = ""
    on: date | None = None
    front_distance_km: FrontDistance | None = None
    oblast_prior: tuple[tuple[str, float], ...] = ()


class Candidate(NamedTuple):
    """One place a mention may mean: ``position`` in the index, score in [0, 1], and why.

    ``why`` holds the evidence as data; ``reason`` writes it out when asked, since most
    candidates of a batch are never shown. (A named tuple: made by the million, it must be
    cheap to create.)
    """

    position: int
    id: str
    score: float
    why: tuple[Any, ...] = ()

    @property
    def reason(self) -> str:
        return _reason(*self.why)


class Resolution(NamedTuple):
    """Ranked candidates, best first. ``kind``: ``settlement``, ``axis`` (a direction named
    after the place, not a claim about it) or ``none``; ``ambiguous`` when the evidence does
    not settle which candidate is meant; ``reason`` says why, in one sentence.

    A named tuple, for the same reason as ``Candidate``; ``why`` holds the verdict as data.
    """

    mention: str
    kind: str
    candidates: tuple[Candidate, ...]
    ambiguous: bool
    matched: str
    why: tuple[Any, ...]

    @property
    def top(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def reason(self) -> str:
        verdict, *details = self.why
        if verdict == "none":
            return str(details[0])
        best, share, count = details
        if verdict == "ambiguous":
            return (f"{count} places could be meant and the evidence does not settle it "
                    f"(best {best}, share {share:.0%}); name the oblast or a nearby place")
        if verdict == "axis":
            return f"an axis named after {best}, not a claim about the settlement itself"
        return f"{best} (share {share:.0%} among {count} candidates)"


def _distance_km(lon: np.ndarray, lat: np.ndarray, lon0: np.ndarray | float,
                 lat0: np.ndarray | float) -> np.ndarray:
    """Great-circle distance (haversine), km; NaN coordinates give NaN."""
    lon, lat, lon0, lat0 = map(np.radians, (lon, lat, lon0, lat0))
    a = (np.sin((lat0 - lat) / 2) ** 2
         + np.cos(lat) * np.cos(lat0) * np.sin((lon0 - lon) / 2) ** 2)
    return np.asarray(2 * _EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def _nearest(index: PlaceIndex, positions: np.ndarray, others: Matches
             ) -> tuple[np.ndarray, np.ndarray]:
    """Distance from each candidate to the nearest likely place of another span (within
    e³ of that span's best by quality and prior), and which one that is."""
    targets = np.fromiter(others.keys(), dtype=np.int64, count=len(others))
    quality = np.fromiter((m[0] for m in others.values()), dtype=float, count=len(others))
    logit = _QUALITY_WEIGHT * np.log(quality) + index.prior[targets]
    likely = np.argsort(-logit, kind="stable")[:40]
    targets = targets[likely[logit[likely] >= logit[likely[0]] - 3.0]]
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


_NO_CONTEXT = ResolveContext()


def _is_empty(context: ResolveContext) -> bool:
    # by identity: a front-distance array has no truth value
    return (context.oblast is None and context.raion is None and context.near is None
            and not context.text and context.on is None and context.front_distance_km is None
            and not context.oblast_prior)


_MEMO_SIZE = 200_000


def _reason(how: str = "", name: str = "", kind: str = "", notes: tuple[Any, ...] = ()) -> str:
    if how == "exact":
        first = f"exact {_KIND_LABEL[kind]} '{name}'"
    else:
        first = f"{_HOW_LABEL[how]} '{name}' ({_KIND_LABEL[kind]})"
    return "; ".join((first, *notes))


def _none(mention: str, reason: str) -> Resolution:
    return Resolution(mention, "none", (), False, "", ("none", reason))


def resolve(mention: str, context: ResolveContext | None = None, *, index: PlaceIndex,
            limit: int = 5) -> Resolution:
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
    if not isinstance(mention, str):
        return _none(repr(mention), "not text")
    if context is None or _is_empty(context):
        # A pure function of the mention when nothing else is given, and reports repeat the
        # same few thousand names: remember the answer (bounded, per index).
        memo = index.memo
        key = (mention, limit)
        if key not in memo:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[key] = _resolve(mention, _NO_CONTEXT, index, limit)
        resolution: Resolution = memo[key]
        return resolution
    return _resolve(mention, context, index, limit)


def _resolve(mention: str, context: ResolveContext, index: PlaceIndex,
             limit: int) -> Resolution:
    reading = read_mention(mention)
    if reading.problem:
        return _none(mention, reading.problem)
    evidence = bool(context.oblast or context.raion or context.near or context.text
                    or context.front_distance_km is not None or reading.oblasts
                    or reading.raions)
    chosen = choose_spans(index, reading, evidence)
    if not chosen:
        return _none(mention, "no place of that name in the gazetteer")
    span, matches = chosen[0]
    context_spans: list[tuple[Span, Matches]] = chosen[1:]
    oblasts = set(reading.oblasts)
    raion_names = reading.raions + ((context.raion,) if context.raion else ())
    if context.text:
        around = read_context(context.text)
        oblasts.update(around.oblasts)
        raion_names += around.raions
        context_spans += [(s, m) for s, m in choose_spans(index, around, True)
                          if s.key != span.key]
    if context.oblast:
        explicit = match_oblast(context.oblast)
        oblasts = {explicit} if explicit else oblasts
    return _rank(index, mention, span, matches, oblasts, raion_stems_in(index, raion_names),
                 context_spans, context, limit)


def _oblast_weights(index: PlaceIndex, prior: tuple[tuple[str, float], ...]) -> np.ndarray:
    """Each place's weight under an oblast prior, computed once per index and prior."""
    key = ("oblast-prior", prior)
    weights: np.ndarray | None = index.memo.get(key)
    if weights is None:
        table = dict(prior)
        weights = np.array([table.get(o, 0.0) for o in index.oblast], dtype=float)
        index.memo[key] = weights
    return weights


_SMALL = 24  # up to this many candidates, plain Python beats numpy's per-call overhead


@dataclass(slots=True)
class _Evidence:
    """Per-candidate evidence (lists or arrays, by candidate), kept to write the reasons."""

    in_oblast: list[bool] | np.ndarray | None = None
    in_raion: list[bool] | np.ndarray | None = None
    near_km: np.ndarray | None = None
    front_km: np.ndarray | None = None
    nearby: list[Any] = field(default_factory=list)


def _rank(index: PlaceIndex, mention: str, span: Span, matches: Matches, oblasts: set[str],
          raions: set[str], context_spans: list[tuple[Span, Matches]],
          context: ResolveContext, limit: int) -> Resolution:
    spatial = (context.near is not None or context_spans
               or context.front_distance_km is not None)
    if spatial or len(matches) > _SMALL:
        return _rank_arrays(index, mention, span, matches, oblasts, raions, context_spans,
                            context, limit)
    positions = list(matches)
    quality = [m[0] for m in matches.values()]
    prior = index.prior_list
    logit = [_QUALITY_WEIGHT * log(q) + prior[p] for p, q in zip(positions, quality)]
    if context.oblast_prior:
        prior_weights = _oblast_weights(index, context.oblast_prior)
        logit = [v + prior_weights[p] for v, p in zip(logit, positions)]
    evidence = _Evidence()
    if oblasts:
        evidence.in_oblast = [index.oblast[p] in oblasts for p in positions]
        logit = [v - (0.0 if ok else _OUTSIDE_OBLAST)
                 for v, ok in zip(logit, evidence.in_oblast)]
    if raions:
        inside = [index.raion_stems[p] in raions for p in positions]
        if any(inside):
            evidence.in_raion = inside
            logit = [v - (0.0 if ok else _OUTSIDE_RAION) for v, ok in zip(logit, inside)]
    top = max(logit)
    weights = [exp(v - top) for v in logit]
    total = sum(weights)
    share = [w / total for w in weights]
    score = [sh * q for sh, q in zip(share, quality)]
    order = sorted(range(len(positions)), key=lambda i: (-score[i], positions[i]))
    return _resolution(index, mention, span, matches, positions, share, score, order,
                       evidence, oblasts, context, limit)


def _rank_arrays(index: PlaceIndex, mention: str, span: Span, matches: Matches,
                 oblasts: set[str], raions: set[str],
                 context_spans: list[tuple[Span, Matches]], context: ResolveContext,
                 limit: int) -> Resolution:
    count = len(matches)
    positions = np.fromiter(matches.keys(), dtype=np.int64, count=count)
    quality = np.fromiter((m[0] for m in matches.values()), dtype=float, count=count)
    logit = _QUALITY_WEIGHT * np.log(quality) + index.prior[positions]
    if context.oblast_prior:
        logit += _oblast_weights(index, context.oblast_prior)[positions]
    evidence = _Evidence()
    if oblasts:
        evidence.in_oblast = np.fromiter((index.oblast[p] in oblasts for p in positions),
                                         dtype=bool, count=count)
        logit -= _OUTSIDE_OBLAST * ~evidence.in_oblast
    if raions:
        inside = np.fromiter((index.raion_stems[p] in raions for p in positions),
                             dtype=bool, count=count)
        if inside.any():
            evidence.in_raion = inside
            logit -= _OUTSIDE_RAION * ~inside
    if context.near is not None:
        lon0, lat0 = context.near
        km = _distance_km(index.lon[positions], index.lat[positions], np.float64(lon0),
                          np.float64(lat0))
        evidence.near_km = np.where(np.isnan(km), _NEARBY_CAP_KM, km)
        logit -= np.minimum(evidence.near_km, _NEARBY_CAP_KM) / _NEAR_POINT_KM
    for other, other_matches in context_spans[:6]:
        km, nearest = _nearest(index, positions, other_matches)
        if other.axis:
            logit -= np.minimum(km, _AXIS_CAP_KM) / _AXIS_NEARBY_KM
        else:
            logit -= np.minimum(km, _NEARBY_CAP_KM) / _NAMED_NEARBY_KM
        evidence.nearby.append((km, nearest, "axis" if other.axis else "also named"))
    if context.front_distance_km is not None:
        km = _front_km(index, positions, context.front_distance_km)
        evidence.front_km = np.where(np.isnan(km), _FRONT_CAP_KM, km)
        logit -= np.minimum(evidence.front_km, _FRONT_CAP_KM) / _FRONT_KM
    share = np.exp(logit - logit.max())
    share /= share.sum()
    score = share * quality
    order = np.lexsort((positions, -score))  # ties: by id, as the index is ordered by id
    return _resolution(index, mention, span, matches, positions, share, score, order,
                       evidence, oblasts, context, limit)


def _resolution(index: PlaceIndex, mention: str, span: Span, matches: Matches,
                positions: list[int] | np.ndarray, share: list[float] | np.ndarray,
                score: list[float] | np.ndarray, order: list[int] | np.ndarray,
                evidence: _Evidence, oblasts: set[str],
                context: ResolveContext, limit: int) -> Resolution:
    """The result: candidates in ``order`` with their reasons, and the overall verdict."""
    named = " or ".join(sorted(oblasts))
    when = f" on {context.on.isoformat()}" if context.on else ""
    candidates = []
    noted = (evidence.in_oblast is not None or evidence.in_raion is not None
             or evidence.near_km is not None or evidence.nearby
             or evidence.front_km is not None)
    for i in order[:limit]:
        position = int(positions[i])
        _, form, how = matches[position]
        why = (how, index.form_name[form], KIND_NAMES[index.form_kind[form]])
        if not noted:
            candidates.append(Candidate(position, index.ids[position],
                                        round(float(score[i]), 4), why))
            continue
        notes = []
        if evidence.in_oblast is not None:
            notes.append(f"in {named}" if evidence.in_oblast[i] else f"not in {named}")
        if evidence.in_raion is not None and evidence.in_raion[i]:
            notes.append(f"in {index.raion[position]}")
        if evidence.near_km is not None:
            notes.append(f"{evidence.near_km[i]:.0f} km from the given point")
        for km, nearest, what in evidence.nearby:
            if km[i] < 50:
                notes.append(f"{km[i]:.0f} km from {index.name_en[nearest[i]]} ({what})")
        if evidence.front_km is not None:
            notes.append(f"{evidence.front_km[i]:.0f} km from the occupied area{when}")
        candidates.append(Candidate(position, index.ids[position], round(float(score[i]), 4),
                                    (*why, tuple(notes))))
    top_share = float(share[order[0]])
    ambiguous = top_share < AMBIGUOUS_SHARE
    verdict = "ambiguous" if ambiguous else "axis" if span.axis else "settlement"
    best = index.name_en[int(positions[order[0]])]
    return Resolution(mention, "axis" if span.axis else "settlement", tuple(candidates),
                      ambiguous, span.key, (verdict, best, top_share, len(positions)))
